"""Every key of the reader screen, driven with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from newsreader.core.library import Library
from newsreader.ui.app import NewsreaderApp, create_app
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.skipped import SkippedScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView

from .conftest import settle


def parts(app: NewsreaderApp) -> tuple[ArticleList, ArticleView]:
    return app.screen.query_one(ArticleList), app.screen.query_one(ArticleView)


async def test_starts_on_the_list_with_the_first_article_shown(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)):
        article_list, view = parts(app)
        assert article_list.has_focus
        assert len(article_list.rows) == 5
        assert view.article is not None
        assert view.article.id == article_list.rows[0].article_id


async def test_j_k_and_arrows_move_the_cursor_and_the_reader_follows(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        article_list, view = parts(app)
        await pilot.press("j", "j")
        assert article_list.cursor == 2
        assert view.article is not None and view.article.id == article_list.rows[2].article_id
        await pilot.press("k")
        assert article_list.cursor == 1
        await pilot.press("down", "down", "up")
        assert article_list.cursor == 2
        await pilot.press("G")
        assert article_list.cursor == 4
        await pilot.press("g")
        assert article_list.cursor == 0


async def test_enter_and_l_open_the_reader_and_h_escape_return(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        article_list, view = parts(app)
        await pilot.press("enter")
        assert view.has_focus
        await pilot.press("h")
        assert article_list.has_focus
        await pilot.press("l")
        assert view.has_focus
        await pilot.press("escape")
        assert article_list.has_focus


async def test_reader_scrolls_by_line_page_and_ends(app: NewsreaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        _, view = parts(app)
        await pilot.press("enter")
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("k")
        assert view.scroll_offset.y == 1
        await pilot.press("space")
        paged = view.scroll_offset.y
        assert paged > 5
        await pilot.press("b")
        assert view.scroll_offset.y == 1
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_offset.y == 0


async def test_tab_switches_panes(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        article_list, view = parts(app)
        await pilot.press("tab")
        assert view.has_focus
        await pilot.press("tab")
        assert article_list.has_focus


async def test_q_goes_back_from_the_reader_then_quits(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        article_list, _ = parts(app)
        await pilot.press("enter", "q")
        assert article_list.has_focus
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_question_mark_opens_help_and_escape_closes_it(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_exclamation_mark_lists_skipped_inputs(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine\n\nBody.")
    (tmp_path / "empty.txt").write_bytes(b"")
    app = create_app(library=Library.load([tmp_path]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, SkippedScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, SkippedScreen)


async def test_ctrl_p_opens_the_command_palette_with_our_actions(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        titles = [command.title for command in app.get_system_commands(app.screen_stack[-2])]
        assert {"Help: keys", "Switch pane", "Skipped inputs"} <= set(titles)


async def test_mouse_click_selects_a_row(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        article_list, view = parts(app)
        await pilot.click(ArticleList, offset=(3, 4))  # rows are two lines tall: row 2
        assert article_list.cursor == 2
        assert view.article is not None and view.article.id == article_list.rows[2].article_id


async def test_empty_folder_opens_to_a_clear_message(tmp_path: Path) -> None:
    app = create_app([str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, view = parts(app)
        assert view.article is None
        assert "No articles found" in view._message


async def test_background_load_of_paths_fills_the_list(sample_copy: Path) -> None:
    app = create_app([str(sample_copy)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        article_list, view = parts(app)
        assert len(article_list.rows) == 5
        assert view.article is not None


async def test_markup_in_an_article_is_shown_literally_and_is_not_live(tmp_path: Path) -> None:
    (tmp_path / "m.txt").write_text(
        "[@click=app.quit]Click[/] [bold red]x[/]\n\n[@click=app.quit]x[/]"
    )
    app = create_app(library=Library.load([tmp_path]))
    async with app.run_test(size=(80, 24)) as pilot:
        _, view = parts(app)
        rendered = "".join(
            segment.text for y in range(view.size.height) for segment in view.render_line(y)
        )
        assert "[@click=app.quit]Click[/] [bold red]x[/]" in rendered
        await pilot.click(ArticleView, offset=(2, 0))
        await pilot.pause()
        assert app.is_running


async def test_a_few_small_files_are_listed_at_the_first_paint(
    sample_copy: Path, monkeypatch: object
) -> None:
    from newsreader.ui.background import Background

    threaded: list[tuple[str, ...]] = []
    monkeypatch.setattr(Background, "load", lambda self, paths, **_: threaded.append(paths))  # type: ignore[attr-defined]
    app = create_app([str(sample_copy)], match=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert len(app.screen.query_one(ArticleList).rows) == 5  # before any pause
        await settle(pilot)
        assert threaded == []  # no loading thread was needed
        assert app.screen.query_one(ArticleView).article is not None
