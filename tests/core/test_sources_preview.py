"""A dump's quick listing (previews) and the fast JSON path agree with the full read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsreader.core.article import Article
from newsreader.core.sanitize import is_clean
from newsreader.core.sources.jsonl import read_dump
from newsreader.core.sources.records import PENDING_NOTE

BODY = "First paragraph.\n\nSecond paragraph, with more detail."


def mixed_records() -> list[object]:
    return [
        {"id": "a1", "title": "One", "source": "Wire", "date": "2024-01-02", "text": BODY},
        {"title": "No id", "outlet": {"name": "Paper"}, "url": "https://www.x.org/a", "body": BODY},
        {"id": "a3", "text": "Headline from the text\n\n" + BODY},  # titled from its text
        {"id": "a4", "title": "Summary", "summary": "<p>Only a <b>summary</b>.</p><p>Two.</p>"},
        {"id": "a5", "title": "\x1b]0;pwned\x07Escape", "text": "Body \x1b[31mred\x1b[0m."},
        {"id": "a6", "title": "No text at all"},
        {"id": "a7", "title": "Paragraphs", "content": ["Para one.", "Para two."]},
    ]


def write(path: Path, lines: list[object], *, gz: bool = False) -> Path:
    raw = ("\n".join(json.dumps(line) for line in lines) + "\n").encode()
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path


def listing(articles: list[Article]) -> list[tuple[object, ...]]:
    return [(a.id, a.title, a.source, a.date, a.url) for a in articles]


def test_previews_list_what_the_full_read_gives_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl.gz", mixed_records(), gz=True)
    heard: list[list[Article]] = []
    full = list(read_dump(path, "d", preview=heard.append))
    articles = [item for item in full if isinstance(item, Article)]
    assert len(heard) == 1
    assert listing(heard[0]) == listing(articles)
    assert all(a.text == "" and a.notes == (PENDING_NOTE,) for a in heard[0])
    assert all(is_clean(a.title) and is_clean(a.source) for a in heard[0])
    # Asking for a preview changes nothing in what is read.
    assert full == list(read_dump(path, "d"))


def test_lines_the_fast_parser_refuses_load_as_before(tmp_path: Path) -> None:
    lines = [
        b'{"id": "nan", "title": "NaN score", "score": NaN, "text": "Text one."}',
        b'\xef\xbb\xbf{"id": "bom", "title": "After a BOM", "text": "Text two."}',
        b'{"id": "latin", "title": "Caf\xe9", "text": "Bad UTF-8 \xe9 replaced."}',
        b'{"id": "lone", "title": "Lone \\ud800 surrogate", "text": "Text four."}',
        b"",
        b'{"id": "big", "title": "Big int", "n": 123456789012345678901234567890, "text": "Five."}',
        b"{not json",
    ]
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_dump(path, "odd"))
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.id for a in articles] == ["nan", "bom", "latin", "lone", "big"]
    assert articles[2].title == "Caf\ufffd"
    assert all(is_clean(a.title) and is_clean(a.text) for a in articles)
    assert any("line 7" in item.reason for item in items if not isinstance(item, Article))


def test_the_loader_previews_a_dump_after_the_files_before_it(tmp_path: Path) -> None:
    from newsreader.core.loader import load_paths

    (tmp_path / "a.txt").write_text("A text file\n\nIts body.", encoding="utf-8")
    write(tmp_path / "b.jsonl", mixed_records())
    heard: list[tuple[Article, ...]] = []
    result = load_paths([tmp_path], preview=lambda articles: heard.append(tuple(articles)))
    assert len(heard) == 1
    assert heard[0][0] == result.articles[0]  # the text file, whole
    assert listing(list(heard[0][1:])) == listing(list(result.articles[1:]))
