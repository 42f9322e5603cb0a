"""Render matching results for people (``text``) and for programs (``json``).

Pure: takes articles, skipped inputs and passages, returns a string. The ``matches``
command prints it; the reader's export reuses it. A new format is one more function in
:data:`RENDERERS`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from newsreader.core.article import Article, Skipped
from newsreader.core.matching.model import Passage

REPORT_VERSION = 1
"""The ``version`` field of the JSON report: bumped only for incompatible changes."""

Renderer = Callable[[Sequence[Article], Sequence[Skipped], Sequence[Passage]], str]


def article_data(article: Article) -> dict[str, Any]:
    """One article as the JSON reports give it (``matches``, ``stories``).

    ``date`` is the publication date or null; ``date_source`` says where a date came from
    (``text``, ``metadata``, ``feed``), or ``file`` when only the file's modification time
    was known, which is not a publication date and so leaves ``date`` null.
    """
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "date": article.published,
        "date_source": article.date_source,
        "url": article.url,
        "text": article.text,
    }


def report_data(
    articles: Sequence[Article], skipped: Sequence[Skipped], passages: Sequence[Passage]
) -> dict[str, Any]:
    """The JSON report as plain data (the documented ``matches --format json`` contract)."""
    return {
        "version": REPORT_VERSION,
        "articles": [article_data(a) for a in articles],
        "passages": [
            {
                "id": p.id,
                "kind": p.kind,
                "score": p.score,
                "quote": p.quote,
                "spans": [{"article": s.article, "start": s.start, "end": s.end} for s in p.spans],
            }
            for p in passages
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
    }


def render_json(
    articles: Sequence[Article], skipped: Sequence[Skipped], passages: Sequence[Passage]
) -> str:
    """One JSON object (UTF-8 text, not ASCII-escaped), followed by a newline."""
    return json.dumps(report_data(articles, skipped, passages), ensure_ascii=False) + "\n"


def render_text(
    articles: Sequence[Article], skipped: Sequence[Skipped], passages: Sequence[Passage]
) -> str:
    """A readable report: strongest passages first, each with its outlets and places."""
    by_id = {a.id: a for a in articles}
    count = len(passages)
    lines = [
        f"{count} shared passage{'s' if count != 1 else ''} in {len(articles)} "
        f"article{'s' if len(articles) != 1 else ''}"
    ]
    for number, passage in enumerate(passages, start=1):
        outlets = sorted(
            {by_id[s.article].source if s.article in by_id else s.article for s in passage.spans}
        )
        lines += [
            "",
            f"{number}. {passage.kind} {passage.score:g} · {len(passage.spans)} copies · "
            + ", ".join(outlets),
            f"   “{passage.quote}”",
        ]
        for span in passage.spans:
            article = by_id.get(span.article)
            where = f"{article.source}: {article.title}" if article else span.article
            lines.append(f"   - {where} [{span.article} {span.start}-{span.end}]")
    if skipped:
        lines += ["", f"Skipped {len(skipped)} input{'s' if len(skipped) != 1 else ''}:"]
        lines += [f"   - {s.path}: {s.reason}" for s in skipped]
    return "\n".join(lines) + "\n"


def render_markdown(
    articles: Sequence[Article], skipped: Sequence[Skipped], passages: Sequence[Passage]
) -> str:
    """The set as Markdown (see :mod:`newsreader.core.export`), skipped inputs at the end."""
    from newsreader.core.export import escape, set_markdown

    text = set_markdown(articles, passages)
    if skipped:
        text += f"\n## Skipped {len(skipped)} input{'s' if len(skipped) != 1 else ''}\n\n"
        text += "\n".join(f"- {escape(s.path)}: {escape(s.reason)}" for s in skipped) + "\n"
    return text


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
"""Every report format by name."""


def render(
    format_name: str,
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    passages: Sequence[Passage],
) -> str:
    """Render in the named format (one of :data:`RENDERERS`)."""
    return RENDERERS[format_name](articles, skipped, passages)
