"""Loading: where dates and outlet names come from, one name per outlet, and what a date sort
and the JSON contracts make of them. Every file here is written by the test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sources_fixtures import page, rss

from newsreader.cli import main
from newsreader.core.article import UNKNOWN_SOURCE, Article
from newsreader.core.loader import load_paths
from newsreader.core.ordering import sort_articles
from newsreader.core.sources.outlets import name_key, unify_outlets

BODY = (
    "The harbour board met again on the new ferry timetable. Members argued for an hour "
    "about the cost of the night crossings and the fares for pupils."
)
OLD = 1_300_000_000  # 2011-03-13: a file's modification time


def write(path: Path, text: str, *, mtime: float = OLD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def test_a_file_date_is_kept_as_file_and_is_no_publication_date(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Ferry timetable\n\n{BODY}")
    (article,) = load_paths([tmp_path]).articles
    assert (article.date, article.date_source) == ("2011-03-13", "file")
    assert article.published is None


def test_a_date_in_the_text_is_the_publication_date(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Ferry timetable\n\n{BODY}\n\nPublished: 2 May 2019")
    (article,) = load_paths([tmp_path]).articles
    assert (article.published, article.date_source) == ("2019-05-02", "text")


def test_a_folder_name_is_no_outlet(tmp_path: Path) -> None:
    write(tmp_path / "Reuters" / "a.txt", f"Ferry timetable\n\n{BODY}")
    (article,) = load_paths([tmp_path / "Reuters"]).articles
    assert article.source == UNKNOWN_SOURCE == "unknown source"


def test_the_text_names_the_outlet_of_a_file(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"Ferry timetable\n\nBERGEN (AP) — {BODY}")
    write(tmp_path / "b.txt", f"Ferry timetable\n\n{BODY}\n\n© 2019 Fjord Radio")
    sources = [a.source for a in load_paths([tmp_path]).articles]
    assert sources == ["AP", "Fjord Radio"]


def test_a_page_is_named_by_its_site_name_and_dated_by_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(page(site_name="Fjord Times"), encoding="utf-8")
    (article,) = load_paths([tmp_path]).articles
    assert article.source == "Fjord Times"
    assert (article.published, article.date_source) == ("2024-03-05", "metadata")


def test_a_feed_item_is_named_by_the_feed_title_and_dated_by_the_feed(tmp_path: Path) -> None:
    content = "<p>" + " ".join([BODY] * 6) + "</p>"
    item = {"title": "Ferry", "link": "https://fjord.test/a", "content": content,
            "pubDate": "Tue, 05 Mar 2024 09:00:00 GMT"}  # fmt: skip
    (tmp_path / "f.xml").write_text(rss([item], title="Fjord Times"), encoding="utf-8")
    (article,) = load_paths([tmp_path]).articles
    assert article.source == "Fjord Times"
    assert (article.published, article.date_source) == ("2024-03-05", "feed")


def test_a_dump_record_is_dated_by_its_metadata(tmp_path: Path) -> None:
    record = {"title": "Ferry", "text": BODY, "source": "Fjord Times", "date": "2024-03-05"}
    (tmp_path / "d.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = load_paths([tmp_path]).articles
    assert (article.source, article.date_source) == ("Fjord Times", "metadata")


def test_one_outlet_has_one_name_across_pages_dumps_and_files(tmp_path: Path) -> None:
    canonical = '<link rel="canonical" href="https://www.fjordtimes.test/news/1">'
    (tmp_path / "1.html").write_text(
        page(site_name="Fjord Times", extra_head=canonical), encoding="utf-8"
    )
    record = {"title": "Fares", "text": BODY, "url": "https://fjordtimes.test/news/2"}
    (tmp_path / "2.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    write(tmp_path / "3.txt", f"Ferry\n\n{BODY}\n\nhttps://www.fjordtimes.test/news/3")
    write(tmp_path / "4.txt", f"Ferry\n\n{BODY}\n\nCopyright The Fjord Times Ltd 2024.")
    sources = [a.source for a in load_paths([tmp_path]).articles]
    assert sources == ["Fjord Times"] * 4


def test_a_wire_dateline_does_not_teach_a_site_its_name() -> None:
    def article(source: str, url: str, source_from: str | None) -> Article:
        return Article("a", "", "T", source, None, url, BODY, source_from=source_from)  # type: ignore[arg-type]

    articles = [
        article("AP", "https://herald.test/1", "text"),  # a dateline on herald.test
        article("herald.test", "https://herald.test/2", None),
        article("Fjord Times", "https://agg.test/1", "site"),  # an aggregator pairs with
        article("Harbour Herald", "https://agg.test/2", "site"),  # two outlets: no majority
        article("agg.test", "https://agg.test/3", None),
    ]
    assert [a.source for a in unify_outlets(articles)] == [
        "AP",
        "herald.test",
        "Fjord Times",
        "Harbour Herald",
        "agg.test",
    ]


def test_an_acronym_is_the_one_outlet_whose_initials_it_spells() -> None:
    def article(source: str) -> Article:
        return Article("a", "", "T", source, None, None, BODY, source_from="text")

    names = ["AP", "Associated Press", "FT", "Fjord Times", "Fjord Tribune", "BBC"]
    unified = [a.source for a in unify_outlets([article(name) for name in names])]
    # FT could be either Fjord paper; nothing in the set spells BBC.
    assert unified == ["Associated Press", "Associated Press", "FT", "Fjord Times",
                       "Fjord Tribune", "BBC"]  # fmt: skip


def test_spellings_of_one_name_are_one_outlet() -> None:
    assert name_key("The Fjord Times Ltd.") == name_key("fjord times") == "fjord times"
    assert name_key("Fjord Radio") != name_key("Fjord Times")


def test_the_date_sort_ignores_file_dates() -> None:
    def article(ident: str, day: str, source: str) -> Article:
        return Article(ident, "", ident, "x", day, None, BODY, date_source=source)  # type: ignore[arg-type]

    articles = [
        article("saved-today", "2026-01-01", "file"),
        article("old", "2019-05-02", "text"),
        article("new", "2020-09-14", "metadata"),
    ]
    assert [a.id for a in sort_articles(articles, "date")] == ["new", "old", "saved-today"]


def test_json_gives_the_publication_date_and_where_it_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", f"Ferry timetable\n\n{BODY}")
    write(tmp_path / "b.txt", f"Ferry timetable\n\n{BODY}\n\nPublished: 2 May 2019")
    for command in ("matches", "stories"):
        assert main([command, str(tmp_path), "--format", "json"]) == 0
        articles = json.loads(capsys.readouterr().out)["articles"]
        dates = {a["id"]: (a["date"], a["date_source"]) for a in articles}
        assert dates == {"a": (None, "file"), "b": ("2019-05-02", "text")}, command
