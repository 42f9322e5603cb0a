"""The Textual app: a thin shell that loads and matches in the background and shows screens.

:func:`create_app` is the one factory used by the CLI and by the tests.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from newsreader.core.config import Config, load_config
from newsreader.core.library import Library
from newsreader.core.matching import Passage
from newsreader.core.state import Feed, State, StateError
from newsreader.ui.background import Background
from newsreader.ui.screens.reader import ReaderScreen

# (title, help, action on the reader screen or its reader pane) for the command palette.
_COMMANDS = (
    ("Help: keys", "Show every key", "screen.help"),
    ("Switch pane", "Move focus between list and reader", "screen.switch_pane"),
    ("Back to the list", "Focus the article list", "screen.back"),
    ("Skipped inputs", "Show what could not be loaded and why", "screen.skipped"),
    (
        "Sort the list",
        "Cycle: list order, date, source, originality, most shared",
        "screen.cycle_sort",
    ),
    ("Compare with another article", "Two columns, shared passages side by side", "screen.compare"),
    ("Raise minimum passage score", "Show only closer copies (+5)", "screen.threshold(1)"),
    ("Lower minimum passage score", "Show looser copies too (-5)", "screen.threshold(-1)"),
    ("Next shared passage", "Mark the next passage other outlets share", "pane.step(1)"),
    ("Previous shared passage", "Mark the previous shared passage", "pane.step(-1)"),
    ("Open the other copy", "Jump to the first 'Also in' copy", "pane.open_copy"),
    ("Go back", "Return to where you were before a jump", "pane.back"),
    ("Own words", "Show only what no other article says (toggle)", "pane.own_words"),
    ("Search this article", "Find words as you type; Enter keeps, Esc clears", "pane.search"),
    ("Search all articles", "Hits across every article, best first", "screen.search_all"),
    ("Filter the list", "Narrow the list by title, source and date", "screen.filter"),
    ("Group by story", "Show the list grouped into stories (toggle)", "screen.stories"),
    ("Mark read/unread", "Toggle the shown article's read mark", "screen.toggle_read"),
    ("Star", "Star or unstar the shown article", "screen.toggle_star"),
    ("Export as Markdown", "Write the article with its shared passages marked", "screen.export"),
)


YOUNG_OBJECTS = 10_000
"""Allocations between young-generation collections (Python's default, 700, is too few:
painting makes so many short-lived objects that the live ones it kept promoting set off a
full collection of 70-150 ms more than once per key over 2,000 articles)."""


CONFIGURABLE = frozenset(
    {"sort", "stories", "filter", "search_all", "compare", "read", "star", "export", "reload"}
)
"""Binding ids a user may rebind in the config file's ``[keys]`` table."""


class NewsreaderApp(App[None]):
    """newsreader's application object."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        library: Library | None = None,
        passages: tuple[Passage, ...] | None = None,
        match: bool = True,
        config: Config | None = None,
        state: State | None = None,
        messages: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self._paths = tuple(paths)
        self._library = library
        self._passages = passages
        self._match = match
        self.config = config or Config()
        self.state = state
        self._messages = tuple(messages)
        self._background: Background | None = None

    def on_mount(self) -> None:
        self._apply_config()
        library = self._library
        if library is None and Library.is_quick(self._paths):
            # A few small files load faster here than a thread could, whose work would also
            # compete with the first paint for the interpreter.
            try:
                library = Library.load(self._paths)
            except Exception:  # the background load will meet it again and report it
                library = None
        screen = ReaderScreen(library, min_score=self.config.min_score, state=self.state)
        work = self._background = Background(self, screen)
        if library is None:
            # A big input's child starts reading now, while the first paint is drawn.
            work.start(self._paths, cache_max_age_days=self.config.cache_max_age_days)
        self.push_screen(screen)
        self.call_after_refresh(_collect_garbage_from_now_on)
        # Indexing and matching start once the list is on screen, not while it is drawn.
        self.call_after_refresh(
            self.run_worker,
            lambda: self._load(screen, library, work),
            thread=True,
            name="load",
            exit_on_error=False,
        )

    def _apply_config(self) -> None:
        for message in self._messages:
            self.notify(message, severity="warning", timeout=10)
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            self.notify(f"Unknown theme {self.config.theme!r}; using {self.theme}.", timeout=6)
        unknown = sorted(set(self.config.keys) - CONFIGURABLE)
        if unknown:
            names = ", ".join(sorted(CONFIGURABLE))
            self.notify(f"Unknown actions in [keys]: {', '.join(unknown)} (known: {names})")
        self.set_keymap({k: v for k, v in self.config.keys.items() if k in CONFIGURABLE})

    def action_reload(self) -> None:
        """Load the sources again (feeds are fetched anew), keeping the reader open."""
        screen = self.screen
        if isinstance(screen, ReaderScreen) and self._library is None:
            if self._background is not None:
                self._background.cancel.set()  # its child and late results are not wanted
            self.notify("Reloading...", timeout=2)
            self.run_worker(lambda: self._load(screen), thread=True, exclusive=True, name="load")

    def _load(
        self, screen: ReaderScreen, loaded: Library | None = None, work: Background | None = None
    ) -> None:
        """Load (unless ``loaded`` already), then index and match, off the UI thread."""
        work = self._background = work or Background(self, screen)
        days = self.config.cache_max_age_days
        if loaded is None:
            library = work.load(self._paths, cache_max_age_days=days)
        else:
            library = loaded
            if self._library is None:
                work.prune(days)
        work.import_modules()
        if library.articles:
            self.run_worker(lambda: work.index(library), thread=True, exit_on_error=False)
        if library.articles and (self._match or self._passages is not None):
            work.match(library, self._passages)

    def action_group_stories(self) -> None:
        """Group the articles into stories now (large sets are not grouped until asked)."""
        work = self._background
        if work is not None:
            self.run_worker(work.stories, thread=True, exclusive=True, group="stories")

    def exit(self, *args: Any, **kwargs: Any) -> None:
        if self._background is not None:
            self._background.cancel.set()  # stop a matching child process with the app
        super().exit(*args, **kwargs)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            for title, help_text, action in _COMMANDS:
                yield SystemCommand(title, help_text, self._runner(screen, action))

    @staticmethod
    def _runner(screen: ReaderScreen, action: str) -> object:
        async def run() -> None:
            target, name = action.split(".", 1)
            node = screen if target == "screen" else screen.query_one("#reader-pane")
            await node.run_action(name)

        return run


def create_app(
    paths: Sequence[str] = (),
    *,
    library: Library | None = None,
    passages: tuple[Passage, ...] | None = None,
    match: bool = True,
    config: Config | None = None,
    state: State | None = None,
    messages: Sequence[str] = (),
) -> NewsreaderApp:
    """Build the app for ``paths`` (the sample when empty), or over an already loaded library.

    ``passages`` supplies matching results instead of computing them; ``match=False`` skips
    matching altogether (the plain reader). ``config`` and ``state`` are the user's settings
    and saved state (none: defaults, and nothing remembered); ``messages`` are shown at start.
    """
    return NewsreaderApp(
        paths,
        library=library,
        passages=passages,
        match=match,
        config=config,
        state=state,
        messages=messages,
    )


def run_app(paths: Sequence[str], *, config_path: str | None = None) -> int:
    """Run the app with the user's config and saved state until they quit; return the status."""
    config, messages = load_config(config_path)
    state = State.open()
    if state.warning:
        messages.append(state.warning)
    sources = list(paths) or [*config.feeds, *(feed.url for feed in _feeds(state))]
    try:
        create_app(sources, config=config, state=state, messages=messages).run()
    finally:
        state.close()
    _leave_now_if_work_remains()
    return 0


def _collect_garbage_from_now_on() -> None:
    """Turn garbage collection on (the command line turns it off while starting up).

    Everything allocated so far (modules, styles, the first screen) lives as long as the app,
    so it is frozen: later collections need not scan it again and again. Young collections
    then come every :data:`YOUNG_OBJECTS` allocations, which spares keys full collections.
    """
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    gc.enable()


def _leave_now_if_work_remains() -> None:
    """Quit promptly even if a background thread (an index, stories) is still computing.

    Python waits for such threads before it exits, so ``q`` could hang for minutes on a huge
    input. Everything worth keeping is already safe: saved state is committed and closed, and
    caches are written to a temporary file and renamed, so stopping mid-write loses nothing.
    """
    if threading.active_count() > 1:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _feeds(state: State) -> list[Feed]:
    try:
        return state.feeds()
    except StateError:
        return []
