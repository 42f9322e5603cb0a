"""JSON, JSON lines and gzip article dumps: field names detected per file, bad lines skipped."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from newsreader.core.loader import load_paths
from newsreader.core.sanitize import is_clean

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
"""The team's corpora beside the checkout (absent on a user's machine: the test skips)."""

BODY = "First paragraph of the story.\n\nSecond paragraph, with more detail."


def record(number: int, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {"id": f"a{number}", "title": f"Title {number}", "text": BODY}
    base.update(fields)
    return base


def jsonl(path: Path, lines: list[object]) -> Path:
    raw = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(raw + "\n", encoding="utf-8")
    return path


def test_jsonl_keeps_order_ids_and_fields(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "dump.jsonl",
        [
            record(1, source="The Daily", date="2020-01-02T10:00:00Z", url="https://x.test/1"),
            record(2, source={"name": "Nested Outlet", "id": "n"}, date=1577923200),
        ],
    )
    result = load_paths([path])
    assert result.skipped == ()
    first, second = result.articles
    assert (first.id, first.title, first.source, first.date) == (
        "a1",
        "Title 1",
        "The Daily",
        "2020-01-02",
    )
    assert first.url == "https://x.test/1"
    assert first.text == BODY
    assert (second.id, second.source, second.date) == ("a2", "Nested Outlet", "2020-01-02")


def test_other_common_field_names_are_detected(tmp_path: Path) -> None:
    rows = [
        {"headline": "H", "body": BODY, "outlet": "O", "publishedAt": "2019-05-06",
         "link": "http://o.test/a"},
        {"headline": "H2", "content": ["Para one.", "Para two."], "publisher": "P",
         "published": "Mon, 06 May 2019 10:00:00 GMT"},
    ]  # fmt: skip
    result = load_paths([jsonl(tmp_path / "d.jsonl", rows)])
    one, two = result.articles
    assert (one.title, one.source, one.date, one.url) == ("H", "O", "2019-05-06", "http://o.test/a")
    assert (two.text, two.source, two.date) == ("Para one.\n\nPara two.", "P", "2019-05-06")
    # No id field: the id is made from the file name and the line, so it is stable.
    assert [a.id for a in result.articles] == ["d-1", "d-2"]


def test_malformed_lines_are_skipped_with_their_number(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "d.jsonl", [record(1), "{not json", "", record(4), "[1, 2"])
    result = load_paths([path])
    assert [a.id for a in result.articles] == ["a1", "a4"]
    reasons = [s.reason for s in result.skipped]
    assert reasons[0].startswith("line 2: not valid JSON")
    assert reasons[1].startswith("line 5: not valid JSON")


def test_gzip_dump_streams_and_damaged_tail_keeps_what_came_before(tmp_path: Path) -> None:
    payload = "".join(json.dumps(record(n)) + "\n" for n in range(200)).encode()
    good = tmp_path / "d.jsonl.gz"
    good.write_bytes(gzip.compress(payload))
    assert len(load_paths([good]).articles) == 200
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(payload)[:-40])  # a download that stopped early
    result = load_paths([cut])
    assert 150 < len(result.articles) < 200
    assert "damaged data" in result.skipped[-1].reason


def test_json_array_and_object_with_articles_list(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([record(1), record(2)]))
    (tmp_path / "b.json").write_text(json.dumps({"status": "ok", "articles": [record(3)]}))
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["a1", "a2", "a3"]


def test_ids_collide_across_dumps_and_stay_unique(tmp_path: Path) -> None:
    jsonl(tmp_path / "a.jsonl", [record(1)])
    jsonl(tmp_path / "b.jsonl", [record(1)])
    assert [a.id for a in load_paths([tmp_path]).articles] == ["a1", "a1-2"]


def test_manifest_json_in_a_folder_is_passed_over_quietly(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"01.txt": {"outlet": "NYT", "url": "u"}}))
    (tmp_path / "package.json").write_text(json.dumps({"name": "x", "version": "1"}))
    (tmp_path / "01.txt").write_text("Title\n\nBody.")
    result = load_paths([tmp_path])
    assert [a.title for a in result.articles] == ["Title"]
    assert result.skipped == ()
    # Named on its own, the same file is reported, so the user learns why nothing opened.
    named = load_paths([tmp_path / "manifest.json"])
    assert named.articles == () and "no record has an article text" in named.skipped[0].reason


def test_records_without_text_are_summarised_once(tmp_path: Path) -> None:
    rows = [record(1), {"title": "no text"}, {"title": "none either"}, record(4)]
    result = load_paths([jsonl(tmp_path / "d.jsonl", rows)])
    assert len(result.articles) == 2
    assert [s.reason for s in result.skipped] == ["2 records without text skipped (first: #2)"]


def test_summary_only_records_say_so(tmp_path: Path) -> None:
    result = load_paths([jsonl(tmp_path / "d.jsonl", [{"title": "T", "description": "Teaser."}])])
    assert result.articles[0].text == "Teaser."
    assert result.articles[0].notes[0].startswith("summary only")


def test_hostile_values_are_sanitised_and_html_bodies_reduced(tmp_path: Path) -> None:
    evil = "\x1b]0;pwned\x07Title\u202e"
    rows = [
        {"id": "x\x1b[2J", "title": evil, "source": evil, "url": "javascript:alert(1)",
         "text": "<p>One <script>steal()</script>para.</p><style>p{}</style><p>Two \x1b[31m</p>"},
    ]  # fmt: skip
    result = load_paths([jsonl(tmp_path / "d.jsonl", rows)])
    article = result.articles[0]
    for value in (article.id, article.title, article.source, article.text, article.path):
        assert is_clean(value)
    assert article.text == "One para.\n\nTwo"
    assert article.url is None  # only http(s) URLs are kept


def test_binary_garbage_named_jsonl_gives_up_early(tmp_path: Path) -> None:
    path = tmp_path / "junk.jsonl"
    path.write_bytes(b"\x00\xff garbage\n" * 5000)
    result = load_paths([path])
    assert result.articles == ()
    assert len(result.skipped) <= 52  # reported line by line only up to a bound
    assert "not JSON lines" in result.skipped[-1].reason


def test_repeated_title_at_the_top_of_the_text_is_dropped(tmp_path: Path) -> None:
    rows = [{"title": "Same Title", "text": "Same Title\n\n" + BODY}]
    assert load_paths([jsonl(tmp_path / "d.jsonl", rows)]).articles[0].text == BODY


@pytest.mark.corpus
def test_allsides_corpus_opens_as_it_is() -> None:
    path = CORPORA / "allsides-20k.jsonl.gz"
    if not path.exists():
        pytest.skip(f"corpus not available at {path}")
    started = time.perf_counter()
    result = load_paths([path])
    elapsed = time.perf_counter() - started
    assert len(result.articles) == 20_000
    assert result.skipped == ()
    assert len({a.id for a in result.articles}) == 20_000
    assert all(a.title and a.text and a.source for a in result.articles)
    assert elapsed < 30, f"took {elapsed:.1f} s"
