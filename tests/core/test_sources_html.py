"""Saved web pages: the article's text and metadata, without site furniture or scripts."""

from __future__ import annotations

from pathlib import Path

from sources_fixtures import FURNITURE, PARAGRAPHS, page

from newsreader.core.loader import load_paths
from newsreader.core.sanitize import is_clean


def test_page_is_reduced_to_the_article(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(page(), encoding="utf-8")
    result = load_paths([path])
    assert result.skipped == ()
    article = result.articles[0]
    assert article.id == "bridge"
    assert article.title == "Council approves the river bridge"
    assert article.source == "The Valley Gazette"  # from og:site_name
    assert article.date == "2024-03-05"
    assert article.notes == ("by Jane Reporter",)
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_furniture_scripts_and_styles_never_become_text(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(page(), encoding="utf-8")
    text = load_paths([path]).articles[0].text
    for junk in (*FURNITURE, "trackingScriptText", "late script text", "font-family", "Copyright"):
        assert junk not in text


def test_outlet_falls_back_to_the_domain(tmp_path: Path) -> None:
    canonical = '<link rel="canonical" href="https://www.valley-news.test/2024/bridge">'
    path = tmp_path / "p.htm"
    path.write_text(page(site_name=None, extra_head=canonical), encoding="utf-8")
    article = load_paths([path]).articles[0]
    assert article.source == "valley-news.test"
    assert article.url == "https://www.valley-news.test/2024/bridge"


def test_escapes_and_bidi_in_a_page_are_removed(tmp_path: Path) -> None:
    evil = "Bridge \x1b]0;owned\x07vote \u202egnol\u202c"
    paragraphs = (PARAGRAPHS[0] + " \x1b[2J\x1b]52;c;ZXZpbA==\x07", *PARAGRAPHS[1:])
    path = tmp_path / "evil.html"
    path.write_text(page(title=evil, paragraphs=paragraphs, site_name=evil), encoding="utf-8")
    article = load_paths([path]).articles[0]
    for value in (article.title, article.source, article.text, *article.notes):
        assert is_clean(value)
    assert "ZXZpbA" not in article.text


def test_site_index_in_a_folder_is_quiet_but_reported_when_named(tmp_path: Path) -> None:
    index = tmp_path / "index.html"
    index.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "story.html").write_text(page(), encoding="utf-8")
    walked = load_paths([tmp_path])
    assert [a.id for a in walked.articles] == ["story"]
    assert walked.skipped == ()
    named = load_paths([index])
    assert named.articles == () and "no article text" in named.skipped[0].reason


def test_unknown_suffix_is_sniffed_when_named(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(page(), encoding="utf-8")
    assert load_paths([path]).articles[0].title == "Council approves the river bridge"
