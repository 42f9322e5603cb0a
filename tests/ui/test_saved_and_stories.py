"""Stories, saved state, config and export in the app (issue 6), driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from newsreader.core.config import Config, load_config
from newsreader.core.library import Library
from newsreader.core.matching import Passage, find_passages
from newsreader.core.state import State, article_key
from newsreader.ui import background
from newsreader.ui.app import NewsreaderApp, create_app
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.reader_pane import ReaderPane

from .conftest import settle


def make(library: Library, passages: tuple[Passage, ...], **options: object) -> NewsreaderApp:
    return create_app(library=library, passages=passages, **options)  # type: ignore[arg-type]


async def test_t_groups_the_list_by_story_with_outlets_and_size(
    library: Library, passages: tuple[Passage, ...]
) -> None:
    app = make(library, passages)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        rows = app.screen.query_one(ArticleList).rows
        headings = [row for row in rows if row.heading]
        assert headings, "no story headings"
        assert sum(not row.heading for row in rows) == 5
        assert headings[0].date.endswith("articles") or headings[0].date == "1 article"
        assert all(row.source for row in headings)  # the outlets
        article_list = app.screen.query_one(ArticleList)
        assert article_list.current is not None and not article_list.current.heading
        await pilot.press("G", "g")
        assert article_list.current is not None and not article_list.current.heading
        await pilot.press("t")
        assert not any(row.heading for row in app.screen.query_one(ArticleList).rows)


async def test_read_star_and_position_survive_a_restart(
    library: Library, passages: tuple[Passage, ...], tmp_path: Path
) -> None:
    db = tmp_path / "state.sqlite3"
    second = library.articles[1]
    state = State.open(db)
    app = make(library, passages, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # opening marks read
        await pilot.press("asterisk")
        await pilot.press("space", "space")
        view = app.screen.query_one(ReaderPane).view
        offset = view.top_offset()
        assert offset > 0
        await pilot.press("h", "k")  # leaving the article saves its position
        rows = app.screen.query_one(ArticleList).rows
        assert not rows[1].unread and rows[1].starred and rows[0].unread
    state.close()

    state = State.open(db)
    assert state.is_read(article_key(second)) and state.is_starred(article_key(second))
    app = make(library, passages, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(ArticleList).rows
        assert not rows[1].unread and rows[1].starred
        await pilot.press("j")
        assert app.screen.query_one(ReaderPane).view.top_offset() == offset
        await pilot.press("m")  # back to unread
        assert app.screen.query_one(ArticleList).rows[1].unread
    state.close()
    assert not State.open(db).is_read(article_key(second))


async def test_keys_without_saved_state_say_so_and_do_not_crash(app: NewsreaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", "asterisk")
        assert app.is_running


async def test_e_exports_markdown_without_overwriting(
    library: Library, passages: tuple[Passage, ...], tmp_path: Path
) -> None:
    app = make(library, passages)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.export_folder = tmp_path
        await pilot.press("j", "j", "e", "e")
        files = sorted(tmp_path.glob("*.md"))
        assert [f.name for f in files] == [
            "putin-calls-belarus-our-closest-ally-loans-country-more-2.md",
            "putin-calls-belarus-our-closest-ally-loans-country-more.md",
        ]
        text = files[1].read_text()
        assert text.startswith("# Putin calls Belarus")
        assert "**" in text and "Also in" in text


async def test_bad_config_is_reported_and_defaults_apply(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "no-such-theme"\nmin_score = 250\n[keys]\nstar = "x"\nfly = "y"\n')
    config, messages = load_config(path)
    assert any("line 2" in message for message in messages)
    app = create_app(library=library, match=False, config=config, messages=messages)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notes = [str(n.message) for n in app._notifications]
        assert any("min_score" in note for note in notes)
        assert any("Unknown theme" in note for note in notes)
        assert any("fly" in note for note in notes)
        screen = app.screen
        assert isinstance(screen, ReaderScreen) and screen.min_score == 0


async def test_config_sets_theme_threshold_and_keys(
    library: Library, passages: tuple[Passage, ...], tmp_path: Path
) -> None:
    config = Config(theme="nord", min_score=60, keys={"star": "x"})
    state = State.open(tmp_path / "s.sqlite3")
    app = make(library, passages, config=config, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.min_score == 60 and screen.crossref is not None
        assert all(
            p.score >= 60 for a in library.articles for p in screen.crossref.passages_of(a.id)
        )
        await pilot.press("x")
        assert app.screen.query_one(ArticleList).rows[0].starred
    state.close()


async def test_capital_r_reloads_the_sources(sample_copy: Path) -> None:
    app = create_app([str(sample_copy)], match=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (sample_copy / "zz_new.txt").write_text("A brand new article\n\nIts body.")
        await pilot.press("R")
        await settle(pilot)
        titles = [row.title for row in app.screen.query_one(ArticleList).rows]
        assert "A brand new article" in titles


async def test_large_sets_match_in_a_child_process_and_group_stories_on_demand(
    sample_copy: Path, monkeypatch: object
) -> None:
    from newsreader.ui import background

    monkeypatch.setattr(background, "IN_PROCESS_UP_TO", 2)  # type: ignore[attr-defined]
    monkeypatch.setattr(background, "EAGER_STORIES_UP_TO", 2)  # type: ignore[attr-defined]
    expected = find_passages(Library.load([sample_copy]).articles)
    app = create_app([str(sample_copy)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.passages == expected  # the same passages, computed in the child
        assert screen.list_pane.stories is None  # not grouped until asked
        await pilot.press("t")
        await settle(pilot)
        assert screen.list_pane.stories is not None and screen.list_pane.by_story
        assert any(row.heading for row in screen.query_one(ArticleList).rows)


async def test_a_large_sets_matching_starts_only_once_its_search_index_is_in(
    sample_copy: Path, monkeypatch: object
) -> None:
    import time

    from newsreader.core import search
    from newsreader.core.matching import background as matching_background

    monkeypatch.setattr(background, "IN_PROCESS_UP_TO", 2)  # type: ignore[attr-defined]
    times: dict[str, float] = {}
    build, in_background = search.load_or_build, matching_background.passages_in_background

    def slow_build(*args: object, **kwargs: object) -> object:
        time.sleep(0.6)  # without the wait, matching would start well within this
        index = build(*args, **kwargs)  # type: ignore[arg-type]
        times["indexed"] = time.monotonic()
        return index

    def spy(*args: object, **kwargs: object) -> object:
        times["matching"] = time.monotonic()
        times["workers"] = kwargs["workers"]  # type: ignore[assignment]
        return in_background(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(background.os, "cpu_count", lambda: 64)  # type: ignore[attr-defined]

    monkeypatch.setattr(search, "load_or_build", slow_build)  # type: ignore[attr-defined]
    monkeypatch.setattr(matching_background, "passages_in_background", spy)  # type: ignore[attr-defined]
    app = create_app([str(sample_copy)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(1.0)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert times["matching"] >= times["indexed"]
        assert times["workers"] == background.MATCHING_WORKERS  # not one per core
        assert screen.passages, "matching ran and its passages reached the screen"


async def test_a_failing_matcher_is_reported_and_the_reader_stays_usable(
    sample_copy: Path, monkeypatch: object
) -> None:
    from newsreader.core.matching import cache

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("engine exploded\x1b]0;evil\x07")

    monkeypatch.setattr(cache, "cached_passages", broken)  # type: ignore[attr-defined]
    app = create_app([str(sample_copy)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notes = [str(n.message) for n in app._notifications]
        assert any("Matching failed: RuntimeError: engine exploded" in note for note in notes)
        assert not any("\x1b" in note for note in notes)
        await pilot.press("j", "enter", "space")
        assert app.screen.query_one(ReaderPane).view.article is not None


async def test_a_long_load_lists_articles_before_it_ends(
    sample_copy: Path, monkeypatch: object
) -> None:
    from newsreader.core import early

    monkeypatch.setattr(early, "FIRST_AFTER", 2)  # type: ignore[attr-defined]
    # Five small files would load before the first paint: make them take the long way (in a
    # thread here: a child process would not see FIRST_AFTER changed).
    monkeypatch.setattr(Library, "is_quick", staticmethod(lambda *a, **k: False))  # type: ignore[attr-defined]
    monkeypatch.setattr(background, "LOAD_IN_CHILD", False)  # type: ignore[attr-defined]
    shown: list[int] = []
    original = ReaderScreen.show_library

    def spy(self: ReaderScreen, library: Library, partial: bool = False) -> None:
        shown.append(len(library.articles))
        original(self, library, partial)

    monkeypatch.setattr(ReaderScreen, "show_library", spy)  # type: ignore[attr-defined]
    app = create_app([str(sample_copy)], match=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert shown[0] == 2 and shown[-1] == 5  # a partial list first, the whole one last
        assert len(app.screen.query_one(ArticleList).rows) == 5
        assert "loading" not in str(app.screen.query_one("#status").render())


async def test_a_big_dump_is_listed_whole_before_its_texts_then_shown_in_full(
    tmp_path: Path, monkeypatch: object
) -> None:
    import json

    from newsreader.core.sources.records import PENDING_NOTE

    count = 1200
    lines = (
        json.dumps({"id": f"d{n}", "title": f"Title {n}", "text": f"Body {n}.\n\nMore."})
        for n in range(count)
    )
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n")
    shown: list[tuple[int, bool]] = []
    original = ReaderScreen.show_library

    def spy(self: ReaderScreen, library: Library, partial: bool = False) -> None:
        pending = any(article.notes == (PENDING_NOTE,) for article in library.articles)
        shown.append((len(library.articles), pending))
        original(self, library, partial)

    monkeypatch.setattr(ReaderScreen, "show_library", spy)  # type: ignore[attr-defined]
    monkeypatch.setattr(Library, "is_quick", staticmethod(lambda *a, **k: False))  # type: ignore[attr-defined]
    app = create_app([str(tmp_path / "big.jsonl")], match=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if shown and not shown[-1][1] and shown[-1][0] == count:
                break
        await settle(pilot)
        assert shown[0] == (count, True)  # the whole list first, texts still to come
        assert shown[-1] == (count, False)
        assert all(size == count for size, _ in shown)  # never fewer rows after the listing
        view = app.screen.query_one(ReaderPane).view
        assert view.article is not None and view.article.text == "Body 0.\n\nMore."


async def test_an_article_listed_ahead_of_its_text_saves_nothing_under_a_passing_key(
    tmp_path: Path,
) -> None:
    from newsreader.core.article import PENDING_NOTE, Article

    listed = tuple(
        Article(f"d{n}", "big.jsonl", f"Title {n}", "S", None, None, "", (PENDING_NOTE,))
        for n in range(3)
    )
    state = State.open(tmp_path / "state.sqlite3")
    app = make(Library(listed, (), ()), (), state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        screen.export_folder = tmp_path / "out"
        screen.export_folder.mkdir()
        await pilot.press("enter")  # opening would mark it read under a hash of no text
        await pilot.press("m", "asterisk", "e")
        await settle(pilot)
        assert state.read_keys() == set() and state.starred_keys() == set()
        assert list(screen.export_folder.iterdir()) == []  # an empty article is not exported
        assert any("still loading" in str(n.message) for n in app._notifications)
    state.close()
