"""Reading across sources in the app: highlights, Also in, jumps and back, sort, own words,
threshold and compare, driven with Pilot over the sample and the engine's real passages."""

from __future__ import annotations

from newsreader.core.article import Article
from newsreader.core.library import Library
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.compare import CompareScreen, PickScreen
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.widgets.also_in import AlsoIn
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.reader_pane import ReaderPane

from .conftest import settle

QUOTE = "We see Belarus as our closest ally"


def titled(library: Library, words: str) -> Article:
    return next(a for a in library.articles if words in a.title)


async def open_article(app: NewsreaderApp, pilot, article: Article) -> ReaderPane:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.screen.query_one(ArticleList).select(article.id)
    await pilot.pause()
    await pilot.press("enter")
    return app.screen.query_one(ReaderPane)


async def mark_passage_with(pilot, pane: ReaderPane, text: str, article: Article) -> None:  # type: ignore[no-untyped-def]
    for _ in range(30):
        await pilot.press("n")
        current = pane.current
        assert current is not None
        if text in article.text[current.start : current.end]:
            return
    raise AssertionError(f"no shared passage holds {text!r}")


async def test_quote_is_styled_shared_and_narration_plain(
    matched_app: NewsreaderApp, library: Library
) -> None:
    cbc = titled(library, "closest ally")
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_article(matched_app, pilot, cbc)
        marks = pane.view._marks
        quote_at = cbc.text.index(QUOTE)
        narration_at = cbc.text.index("the Russian leader told Lukashenko")
        kinds = {"article-view--verbatim", "article-view--near", "article-view--paraphrase"}
        assert any(m.start <= quote_at < m.end and m.component in kinds for m in marks)
        assert not any(m.start <= narration_at < m.end for m in marks)


async def test_n_shows_also_in_enter_jumps_and_backspace_returns(
    matched_app: NewsreaderApp, library: Library
) -> None:
    cbc = titled(library, "closest ally")
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_article(matched_app, pilot, cbc)
        await mark_passage_with(pilot, pane, QUOTE, cbc)
        panel = pane.query_one(AlsoIn)
        assert panel.display and panel.copies
        other = library.get(panel.copies[0].article)
        assert other is not None and other.id != cbc.id
        copy = panel.copies[0]
        assert "closest ally" in other.text[copy.start : copy.end]
        scroll_before = pane.view.scroll_offset.y
        await pilot.press("enter")
        await pilot.pause()
        assert pane.view.article is not None and pane.view.article.id == other.id
        assert pane.current is not None and pane.current.start == copy.start
        first_row = pane.view.row_of_offset(copy.start)
        top = pane.view.scroll_offset.y
        assert top <= first_row < top + pane.view.scrollable_content_region.height
        article_list = matched_app.screen.query_one(ArticleList)
        assert article_list.current is not None and article_list.current.article_id == other.id
        await pilot.press("backspace")
        await pilot.pause()
        assert pane.view.article is not None and pane.view.article.id == cbc.id
        assert pane.view.scroll_offset.y == scroll_before
        assert pane.current is not None and QUOTE in cbc.text[pane.current.start : pane.current.end]
        await pilot.press("enter", "ctrl+o")
        await pilot.pause()
        assert pane.view.article is not None and pane.view.article.id == cbc.id
        assert pane.history == ()


async def test_brackets_step_forward_and_back_and_wrap(
    matched_app: NewsreaderApp, library: Library
) -> None:
    cbc = titled(library, "closest ally")
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_article(matched_app, pilot, cbc)
        total = len(pane.view._marks) - 1  # the last view mark is the current one once set
        await pilot.press("right_square_bracket")
        first = pane.current
        await pilot.press("right_square_bracket")
        assert pane.current != first
        await pilot.press("left_square_bracket")
        assert pane.current == first
        await pilot.press("N")
        assert pane.current is not None and total > 1
        assert pane.current.start > first.start  # type: ignore[union-attr]  # wrapped to the last


async def test_rows_show_shared_count_and_originality(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = matched_app.screen.query_one(ArticleList).rows
        assert all(row.shared is not None and row.originality is not None for row in rows)
        assert any(row.shared for row in rows)
        assert all(0 <= (row.originality or 0) <= 1 for row in rows)


async def test_s_cycles_the_sort_including_originality(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = matched_app.screen
        assert isinstance(screen, ReaderScreen)
        article_list = screen.query_one(ArticleList)
        seen = []
        for _ in range(5):
            await pilot.press("s")
            seen.append(screen.list_pane.sort_mode)
        assert seen == ["date", "source", "originality", "shared", "list"]
        await pilot.press("s", "s", "s")
        assert screen.list_pane.sort_mode == "originality"
        values = [row.originality for row in article_list.rows]
        assert values == sorted(values, reverse=True)


async def test_u_shows_only_own_words_and_toggles_back(
    matched_app: NewsreaderApp, library: Library
) -> None:
    cbc = titled(library, "closest ally")
    async with matched_app.run_test(size=(120, 40)) as pilot:
        pane = await open_article(matched_app, pilot, cbc)
        await pilot.press("u")
        assert pane.own_words_only
        assert QUOTE not in pane.view.text
        assert "Pavel Latushko" in pane.view.text
        assert len(pane.view.text) < len(cbc.text)
        await pilot.press("u")
        assert pane.view.text == cbc.text


async def test_plus_minus_change_the_threshold_live(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = matched_app.screen
        assert isinstance(screen, ReaderScreen) and screen.crossref is not None
        before = screen.crossref.count
        for _ in range(12):
            await pilot.press("plus")
        await settle(pilot)
        assert screen.min_score == 60
        assert screen.crossref.min_score == 60
        assert screen.crossref.count < before
        assert "min score 60" in str(screen.query_one("#status").render())
        for _ in range(12):
            await pilot.press("minus")
        await settle(pilot)
        assert screen.crossref.count == before


async def test_c_compares_with_the_most_sharing_article_side_by_side(
    matched_app: NewsreaderApp, library: Library
) -> None:
    cbc = titled(library, "closest ally")
    async with matched_app.run_test(size=(140, 40)) as pilot:
        await open_article(matched_app, pilot, cbc)
        screen = matched_app.screen
        assert isinstance(screen, ReaderScreen) and screen.crossref is not None
        best = screen.crossref.partners(cbc.id)[0][0]
        await pilot.press("c")
        assert isinstance(matched_app.screen, PickScreen)
        await pilot.press("enter")
        await pilot.pause()
        compare = matched_app.screen
        assert isinstance(compare, CompareScreen)
        left = compare.query_one("#compare-left", ArticleView)
        right = compare.query_one("#compare-right", ArticleView)
        assert left.article is not None and left.article.id == cbc.id
        assert right.article is not None and right.article.id == best
        await pilot.press("right_square_bracket")
        await pilot.pause()
        anchor = compare._anchors[0]
        assert left.row_of_offset(anchor[0]) >= left.scroll_offset.y
        assert right.row_of_offset(anchor[1]) >= right.scroll_offset.y
        await pilot.press("escape")
        assert isinstance(matched_app.screen, ReaderScreen)


async def test_command_palette_offers_every_passage_action(matched_app: NewsreaderApp) -> None:
    async with matched_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = {c.title for c in matched_app.get_system_commands(matched_app.screen)}
        assert {
            "Next shared passage",
            "Open the other copy",
            "Go back",
            "Own words",
            "Compare with another article",
            "Sort the list",
            "Raise minimum passage score",
        } <= titles
