"""Articles as Markdown, with every shared passage marked and where else it appears.

Pure: takes articles and passages, returns text (and, for the reader's ``e`` key, a file name
to write it to). A shared passage is set in bold with a footnote; the footnote lists the
other outlets that carry it, their headlines, how close each copy is and its score. Article
text is escaped so that it renders literally: a headline starting with ``#`` or a body
holding ``*stars*`` or ``[brackets](x)`` shows those characters, not formatting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from anyascii import anyascii

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef, Mark
from newsreader.core.matching.model import Passage

SLUG_CHARS = 60
"""Longest file-name stem :func:`export_path` makes from a headline."""

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~=&!#^$])")
"""Characters that can start inline formatting anywhere in a line (backslash-escaped; every
ASCII punctuation escape is valid CommonMark, so this never shows a stray backslash)."""
_BLOCK = re.compile(r"^([ \t]*)([-+]|\d+(?=[.)]))", re.MULTILINE)
"""Line starts that would open a list (``#`` and ``>`` are escaped inline already)."""


def escape(text: str) -> str:
    """``text`` as Markdown that renders as exactly these characters (line breaks kept)."""
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _BLOCK.sub(lambda m: m.group(1) + _block_escape(m.group(2)), escaped)
    # A lone newline would join two lines into one; a trailing backslash keeps the break.
    return re.sub(r"(?<!\n)\n(?!\n)", "\\\\\n", escaped)


def _block_escape(marker: str) -> str:
    """``-`` → ``\\-``, ``12`` (of ``12.``) → ``12\\`` so the next character is escaped."""
    return "\\" + marker if not marker[0].isdigit() else marker + "\\"


def article_markdown(
    article: Article,
    crossref: CrossRef | Iterable[Passage],
    lookup: Mapping[str, Article],
    *,
    level: int = 1,
    label: str = "",
) -> str:
    """One article as Markdown: headline, outlet/date/link, text with passages marked.

    ``crossref`` is the reader's :class:`CrossRef` or plain passages; ``lookup`` finds the
    other articles the footnotes name (by id). ``level`` is the heading level and ``label``
    prefixes footnote labels, so several articles can share one document.
    """
    if not isinstance(crossref, CrossRef):
        crossref = CrossRef([article, *lookup.values()], crossref)
    byline = [f"*{escape(article.source)}*"] if article.source else []
    if article.published:  # a file's date is when a copy was saved: not worth exporting
        byline.append(escape(article.published))
    if article.url:
        byline.append(f"<{article.url}>" if _safe_url(article.url) else escape(article.url))
    lines = [f"{'#' * level} {escape(article.title) or '(untitled)'}", ""]
    if byline:
        lines += [" · ".join(byline), ""]
    body, notes = _marked_text(article, crossref, lookup, label)
    lines.append(body)
    if notes:
        lines += ["", *notes]
    return "\n".join(lines).rstrip("\n") + "\n"


def set_markdown(articles: Sequence[Article], passages: Sequence[Passage]) -> str:
    """A whole set: every article that shares a passage, then the titles of the others."""
    crossref = CrossRef(articles, passages)
    lookup = {article.id: article for article in articles}
    sharing = [a for a in articles if any(m.others for m in crossref.marks(a.id))]
    alone = [a for a in articles if a not in sharing]
    count = crossref.count
    parts = [
        f"# {count} shared passage{'s' if count != 1 else ''} in {len(articles)} "
        f"article{'s' if len(articles) != 1 else ''}\n"
    ]
    for number, article in enumerate(sharing, start=1):
        parts.append(article_markdown(article, crossref, lookup, level=2, label=f"{number}-"))
    if alone:
        parts.append("## Articles sharing no passage\n")
        parts.append("\n".join(f"- {_cite(a)}" for a in alone) + "\n")
    return "\n".join(parts)


def export_path(article: Article, folder: Path) -> Path:
    """A new file in ``folder`` named after the headline; never one that exists already.

    ``Some Headline!`` gives ``some-headline.md``, then ``some-headline-2.md`` and so on.
    The caller should still create it exclusively (mode ``"x"``) in case of a race.
    """
    slug = _slug(article.title) or _slug(article.id) or "article"
    candidate = folder / f"{slug}.md"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{slug}-{number}.md"
        number += 1
    return candidate


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``, cut at a word end within :data:`SLUG_CHARS`."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_CHARS:
            return slug or word[:SLUG_CHARS]
        slug = longer
    return slug


def _marked_text(
    article: Article, crossref: CrossRef, lookup: Mapping[str, Article], label: str
) -> tuple[str, list[str]]:
    """The escaped text with marked stretches in bold, and the footnotes they point to."""
    text = article.text
    out: list[str] = []
    notes: list[str] = []
    cursor = 0
    for start, end, marks in _regions(crossref.marks(article.id)):
        out.append(escape(text[cursor:start]))
        refs = ""
        for mark in marks:
            notes.append(f"[^{label}{len(notes) + 1}]: {_note(mark, article, crossref, lookup)}")
            refs += f"[^{label}{len(notes)}]"
        out.append(_bold(text[start:end]) + refs)
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out), notes


def _regions(marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """Overlapping marks merged into one stretch (bold cannot nest), each keeping its note."""
    regions: list[tuple[int, int, list[Mark]]] = []
    for mark in marks:
        if regions and mark.start < regions[-1][1]:
            start, end, group = regions[-1]
            regions[-1] = (start, max(end, mark.end), [*group, mark])
        else:
            regions.append((mark.start, mark.end, [mark]))
    return regions


def _bold(stretch: str) -> str:
    """Bold each paragraph of ``stretch`` on its own (emphasis cannot cross a blank line)."""
    pieces = re.split(r"(\n\s*\n)", stretch)
    return "".join(
        piece if index % 2 or not piece.strip() else _bold_piece(piece)
        for index, piece in enumerate(pieces)
    )


def _bold_piece(piece: str) -> str:
    """``**...**`` around the words, leaving surrounding whitespace outside (or it breaks)."""
    core = piece.strip()
    lead = piece[: len(piece) - len(piece.lstrip())]
    tail = piece[len(piece.rstrip()) :]
    return f"{lead}**{escape(core)}**{tail}"


def _note(mark: Mark, article: Article, crossref: CrossRef, lookup: Mapping[str, Article]) -> str:
    """``Also in: outlet, “headline” (kind, score); ...`` for one marked passage."""
    seen: set[str] = set()
    entries: list[str] = []
    repeats = 0
    for copy in crossref.also_in(mark.passage, article.id, mark.start):
        if copy.article == article.id:
            repeats += 1
        elif copy.article not in seen:
            seen.add(copy.article)
            other = lookup.get(copy.article)
            who = _cite(other) if other else escape(copy.article)
            entries.append(f"{who} ({copy.kind}, {copy.score:g})")
    note = "Also in: " + "; ".join(entries) if entries else "Repeated in this article"
    if entries and repeats:
        note += "; also repeated in this article"
    return note + "."


def _cite(article: Article) -> str:
    """``outlet, “headline”`` (escaped)."""
    title = escape(article.title) or "(untitled)"
    return f"{escape(article.source)}, “{title}”" if article.source else f"“{title}”"


def _safe_url(url: str) -> bool:
    """True when ``url`` can sit inside ``<...>`` as an autolink (http(s), no spaces or <>)."""
    return re.fullmatch(r"https?://[^\s<>]+", url) is not None
