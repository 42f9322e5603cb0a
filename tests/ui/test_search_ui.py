"""Search in the app: ``/`` as you type with a live count, ``n``/``N`` over kept hits,
``Esc`` to clear, the global search screen (``Ctrl+F``/``F``) and the list filter (``f``)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from newsreader.core.library import Library
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.screens.search import SearchScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reader_pane import ReaderPane

from .conftest import settle


def count(app: NewsreaderApp) -> str:
    return str(app.screen.query_one("#search-count", Static).render())


async def open_cbc(pilot: Pilot[None]) -> ReaderPane:
    await settle(pilot)
    await pilot.press("j", "j", "enter")
    return pilot.app.screen.query_one(ReaderPane)


async def test_slash_searches_as_you_type_with_a_live_count(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_cbc(pilot)
        text = pane.view.text
        await pilot.press("slash", *"lukash")
        expected = text.count("Lukashenko")
        assert len(pane.hits) == expected > 3
        assert all(text[s:e].startswith("Lukash") for s, e in pane.hits)
        assert count(matched_app) == f"1/{expected}"
        await pilot.press(*"enko")
        assert count(matched_app) == f"1/{expected}"
        components = {mark.component for mark in pane.view._marks}
        assert {"article-view--hit", "article-view--hit-current"} <= components


async def test_enter_keeps_the_search_and_n_wraps_over_hits(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_cbc(pilot)
        await pilot.press("slash", *"Minsk", "enter")
        total = len(pane.hits)
        assert total >= 2 and pane.view.has_focus and pane.search_kept
        await pilot.press("n")
        assert count(matched_app) == f"2/{total}"
        await pilot.press("N", "N")
        assert count(matched_app) == f"{total}/{total}"  # wrapped backwards
        start, _ = pane.hits[pane.hit or 0]
        top = pane.view.scroll_offset.y
        assert top <= pane.view.row_of_offset(start) < top + pane.view.size.height
        await pilot.press("n")
        assert count(matched_app) == f"1/{total}"  # wrapped forwards


async def test_esc_clears_the_search_and_n_returns_to_passages(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_cbc(pilot)
        await pilot.press("slash", *"Minsk", "escape")
        assert pane.hits == () and not pane.search_kept
        assert not {m.component for m in pane.view._marks} & {"article-view--hit"}
        await pilot.press("n")
        assert pane.current is not None  # n marks a shared passage again


async def test_ctrl_f_searches_everything_and_enter_opens_the_hit(
    matched_app: NewsreaderApp, library: Library
) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        assert isinstance(matched_app.screen, SearchScreen)
        await pilot.press(*"Tsikhanouskaya")
        await settle(pilot)
        status = str(matched_app.screen.query_one("#global-status", Static).render())
        mentions = [a for a in library.articles if "khanovskaya" in a.text or "ouskaya" in a.text]
        assert f"in {len(mentions)} articles" in status
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(matched_app.screen, ReaderScreen)
        pane = matched_app.screen.query_one(ReaderPane)
        assert pane.view.article is not None and pane.hits
        start, end = pane.hits[pane.hit or 0]
        assert pane.view.article.text[start:end] == "Tsikhanouskaya"  # the exact hit ranks first
        article_list = matched_app.screen.query_one(ArticleList)
        assert article_list.current is not None
        assert article_list.current.article_id == pane.view.article.id


async def test_capital_f_opens_global_search_and_esc_closes(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        assert isinstance(matched_app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(matched_app.screen, ReaderScreen)


async def test_f_filters_the_list_and_esc_clears(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article_list = matched_app.screen.query_one(ArticleList)
        await pilot.press("f", *"al jazeera")
        assert [row.source for row in article_list.rows] == ["Al Jazeera"]
        await pilot.press("enter")
        assert article_list.has_focus and len(article_list.rows) == 1
        await pilot.press("f", "escape")
        assert len(article_list.rows) == 5 and article_list.has_focus


def test_global_search_screen_snapshot(matched_app: NewsreaderApp, snap_compare: Any) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+f", *"Tikhanovskaya")
        await settle(pilot)

    assert snap_compare(matched_app, terminal_size=(120, 36), run_before=search)
