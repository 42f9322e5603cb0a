"""A plain-text or Markdown file on disk as an article: the text reader plus what only the
file can tell, its modification time: when the copy was saved, kept as a ``file`` date that
is shown marked and never taken for the publication date. The folder's name is no evidence
of the outlet (a folder of saved articles is named by whoever saved them)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsreader.core.article import UNKNOWN_SOURCE, Article, Skipped
from newsreader.core.decode import decode
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.text import parse_text


def text_article(path: Path, shown: str, data: bytes) -> Article | Skipped:
    """The article in a text file, or why there is none."""
    parsed = parse_text(decode(data), markdown=path.suffix.lower() not in (".txt", ""))
    if not parsed.title and not parsed.text:
        return Skipped(shown, "empty file")
    file_date = None if parsed.date else _file_date(path)
    return Article(
        id=clean_line(path.stem) or "article",
        path=shown,
        title=parsed.title or clean_line(path.stem),
        source=parsed.source or UNKNOWN_SOURCE,
        date=parsed.date or file_date,
        url=parsed.url,
        text=parsed.text,
        date_source="text" if parsed.date else ("file" if file_date else None),
        source_from="text" if parsed.named else None,
    )


def _file_date(path: Path) -> str | None:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(stamp, tz=UTC).strftime("%Y-%m-%d")
