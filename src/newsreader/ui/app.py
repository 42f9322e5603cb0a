"""The Textual app: a thin shell that loads the library in the background and shows screens.

:func:`create_app` is the one factory used by the CLI and by the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import App, SystemCommand
from textual.screen import Screen

from newsreader.core.library import Library
from newsreader.ui.screens.reader import ReaderScreen


class NewsreaderApp(App[None]):
    """newsreader's application object."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"

    def __init__(self, paths: Sequence[str] = (), *, library: Library | None = None) -> None:
        super().__init__()
        self._paths = tuple(paths)
        self._library = library

    def on_mount(self) -> None:
        screen = ReaderScreen(self._library)
        self.push_screen(screen)
        if self._library is None:
            self.run_worker(
                lambda: self._load(screen), thread=True, name="load", exit_on_error=False
            )

    def _load(self, screen: ReaderScreen) -> None:
        library = Library.load(self._paths)
        self.call_from_thread(screen.show_library, library)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand("Help: keys", "Show every key", screen.action_help)
            yield SystemCommand(
                "Switch pane", "Move focus between list and reader", screen.action_switch_pane
            )
            yield SystemCommand("Back to the list", "Focus the article list", screen.action_back)
            yield SystemCommand(
                "Skipped inputs", "Show what could not be loaded and why", screen.action_skipped
            )


def create_app(paths: Sequence[str] = (), *, library: Library | None = None) -> NewsreaderApp:
    """Build the app for ``paths`` (the sample when empty), or over an already loaded library."""
    return NewsreaderApp(paths, library=library)


def run_app(paths: Sequence[str]) -> int:
    """Run the app in the terminal until the user quits; return the exit status."""
    create_app(paths).run()
    return 0
