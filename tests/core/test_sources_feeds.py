"""Feeds (RSS 2.0, RSS 1.0, Atom) and OPML lists, from files and from a local server."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from sources_fixtures import PARAGRAPHS, LocalServer, Route, page, rss

from newsreader.core.loader import load_paths
from newsreader.core.sanitize import is_clean

FULL = "<p>" + "</p><p>".join(PARAGRAPHS) + "</p>"
FULL_TEXT = "\n\n".join(PARAGRAPHS)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.stop()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_rss2_with_full_content_needs_no_network(tmp_path: Path) -> None:
    items = [
        {"title": "Bridge vote", "guid": "g1", "content": FULL,
         "pubDate": "Tue, 05 Mar 2024 10:00:00 GMT", "link": "http://127.0.0.1:9/never-fetched"},
        {"title": "Second", "guid": "g2", "content": FULL},
    ]  # fmt: skip
    result = load_paths([write(tmp_path / "feed.xml", rss(items))])
    assert result.skipped == ()
    first, second = result.articles
    assert (first.title, first.source, first.date) == (
        "Bridge vote",
        "Gazette headlines",
        "2024-03-05",
    )
    assert first.text == FULL_TEXT
    assert first.notes == ()
    assert first.path.endswith("feed.xml")
    assert first.id != second.id and first.id.startswith("gazette-headlines-")
    # Ids come from each item's guid, so they do not change when the feed gains items.
    again = load_paths([write(tmp_path / "feed.xml", rss([items[1]]))])
    assert again.articles[0].id == second.id


def test_atom_and_rss1_feeds(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<link href="https://atom.test/"/><id>urn:x</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Atom story</title><id>urn:1</id><updated>2024-01-02T00:00:00Z</updated>
<content type="html">{FULL.replace("<", "&lt;")}</content></entry></feed>"""
    rdf = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://rdf.test/"><title>RDF Daily</title><link>https://rdf.test/</link>
<description>d</description></channel>
<item rdf:about="https://rdf.test/1"><title>RDF story</title><link>https://rdf.test/1</link>
<description>{" ".join(PARAGRAPHS)} {" ".join(PARAGRAPHS)}</description></item></rdf:RDF>"""
    write(tmp_path / "a.atom", atom)
    write(tmp_path / "b.rdf", rdf)
    result = load_paths([tmp_path])
    assert [(a.title, a.source) for a in result.articles] == [
        ("Atom story", "Atom Times"),
        ("RDF story", "RDF Daily"),
    ]
    assert result.articles[0].date == "2024-01-02"


def test_file_and_other_scheme_links_are_not_followed(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOPSECRET contents of a local file")
    items = [
        {"title": "Local", "link": secret.as_uri(), "description": "Teaser one."},
        {"title": "FTP", "link": "ftp://example.test/x", "description": "Teaser two."},
        {"title": "Nothing", "link": "file:///etc/passwd"},
    ]
    result = load_paths([write(tmp_path / "feed.rss", rss(items))])
    local, ftp = result.articles
    assert local.text == "Teaser one." and "TOPSECRET" not in local.text
    assert "link uses file:" in local.notes[0] and local.notes[0].startswith("summary only")
    assert "link uses ftp:" in ftp.notes[0]
    assert local.url is None
    assert "no text" in result.skipped[0].reason and "file:" in result.skipped[0].reason


def test_malformed_feed_is_skipped_and_others_still_load(tmp_path: Path) -> None:
    write(tmp_path / "a-broken.xml", "<rss version='2.0'><channel><title>x</ti")
    write(tmp_path / "b-junk.rss", "\x00\x01 not xml at all <<<")
    write(tmp_path / "c-good.xml", rss([{"title": "Fine", "guid": "1", "content": FULL}]))
    result = load_paths([tmp_path])
    assert [a.title for a in result.articles] == ["Fine"]
    assert len(result.skipped) == 2


def test_xml_that_is_not_a_feed_is_quiet_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    assert load_paths([tmp_path]) == load_paths([])


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rss version="2.0"><channel><title>T</title><item><title>&h;</title>
<description>&h;</description></item></channel></rss>"""


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path) -> None:
    started = time.perf_counter()
    result = load_paths([write(tmp_path / "laughs.xml", BILLION_LAUGHS)])
    assert time.perf_counter() - started < 2
    assert result.articles == ()
    assert result.skipped[0].reason.startswith("refused: the XML declares entities")


def test_external_entity_cannot_read_local_files(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOPSECRET")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>
<rss version="2.0"><channel><title>T</title><item><title>a &xxe; b</title>
<description>&xxe;</description></item></channel></rss>"""
    result = load_paths([write(tmp_path / "xxe.xml", xxe)])
    assert "TOPSECRET" not in repr(result)
    assert result.skipped[0].reason.startswith("refused")


def test_feedparser_alone_does_not_expand_entities_either() -> None:
    """Defence in depth: what feedparser itself does with the same document.

    It strips entity declarations it finds at the start of a line and leaves the rest to
    expat, whose amplification limit stops the expansion; either way nothing is expanded.
    """
    parsed = feedparser.parse(io.BytesIO(BILLION_LAUGHS.encode()))
    assert all(len(str(entry.get("title", ""))) < 1000 for entry in parsed.entries)


def test_hostile_strings_in_a_feed_are_sanitised(tmp_path: Path) -> None:
    evil = "\x1b]0;owned\x07Title \x1b[2J\u202e[@click=app.quit]x[/]"
    items = [{"title": evil, "guid": evil, "content": FULL + "<p>\x1b]52;c;ZXZpbA==\x07</p>"}]
    article = load_paths([write(tmp_path / "f.xml", rss(items, title=evil))]).articles[0]
    for value in (article.id, article.title, article.source, article.text):
        assert is_clean(value)
    assert "[@click=app.quit]x[/]" in article.title  # markup kept literally, never run


def test_summary_only_items_are_fetched_in_full(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/a"] = Route(page().encode())
    server.routes["/b"] = Route(page(title="Second story").encode())
    items = [
        {"title": "Bridge vote", "link": server.url("/a"), "description": "Short teaser."},
        {"title": "Second story", "link": server.url("/b"), "description": "Another teaser."},
        {"title": "Gone", "link": server.url("/missing"), "description": "Teaser kept."},
    ]
    result = load_paths([write(tmp_path / "feed.xml", rss(items))])
    first, second, gone = result.articles
    assert first.text == FULL_TEXT and second.text == FULL_TEXT
    assert first.source == "The Valley Gazette"  # the page names its outlet
    assert first.notes == ("by Jane Reporter",)
    assert gone.text == "Teaser kept."
    assert gone.notes == ("summary only: the full article could not be fetched "
                          "(the server answered HTTP 404)",)  # fmt: skip
    user_agents = {hit["user-agent"] for hit in server.hits("/a")}
    assert user_agents == {
        f"newsreader/{__import__('newsreader').__version__} (+terminal news reader)"
    }


def test_feed_url_and_opml_from_the_local_server(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/page"] = Route(page().encode())
    feed = rss([{"title": "Bridge", "link": server.url("/page"), "description": "Teaser."}])
    server.routes["/feed.xml"] = Route(feed.encode(), "application/rss+xml")
    server.routes["/atom"] = Route(b"<feed xmlns='http://www.w3.org/2005/Atom'><title>E</title></feed>",
                                   "application/atom+xml")  # fmt: skip
    opml = f"""<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline type="rss" text="G" xmlUrl="{server.url("/feed.xml")}"/>
<outline type="rss" text="Empty" xmlUrl="{server.url("/atom")}"/>
<outline type="rss" text="Bad" xmlUrl="file:///etc/passwd"/></outline></body></opml>"""
    result = load_paths([write(tmp_path / "subs.opml", opml)])
    assert [a.text for a in result.articles] == [FULL_TEXT]
    assert [(s.path, s.reason) for s in result.skipped] == [
        (server.url("/atom"), "the feed has no items"),
        ("file:///etc/passwd", "feed address uses file:; only http and https are followed"),
    ]
    direct = load_paths([server.url("/feed.xml")])
    assert direct.articles[0].path == server.url("/feed.xml")
    assert direct.articles[0].text == FULL_TEXT


def test_opml_with_entities_is_refused(tmp_path: Path) -> None:
    opml = BILLION_LAUGHS.replace("<rss", "<opml").replace("</rss>", "</opml>")
    result = load_paths([write(tmp_path / "subs.opml", opml)])
    assert result.skipped[0].reason.startswith("refused")
