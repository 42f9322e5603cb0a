"""The main screen: the article list on the left, the reader on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from newsreader.core.library import Library
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.skipped import SkippedScreen
from newsreader.ui.widgets.article_list import ArticleList, ListRow
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.status_bar import StatusBar


class ReaderScreen(Screen[None]):
    """List and reader side by side, with a status line and the footer of keys."""

    BINDINGS = [
        Binding("tab", "switch_pane", "Switch pane"),
        Binding("h,escape", "back", "Back", show=False),
        Binding("q", "back_or_quit", "Back/Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("exclamation_mark", "skipped", "Skipped", show=False),
    ]

    def __init__(self, library: Library | None = None) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(id="list")
            yield ArticleView(id="reader")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        if self.library is not None:
            self.show_library(self.library)
        else:
            self.query_one(StatusBar).say("Loading articles...")

    def show_library(self, library: Library) -> None:
        """Fill the list from ``library`` and show its first article."""
        self.library = library
        article_list = self.query_one(ArticleList)
        if not library.articles:
            where = ", ".join(library.sources) or "the given paths"
            message = f"No articles found in {where}."
            if library.skipped:
                message += f" {len(library.skipped)} skipped: press ! to see why."
            article_list.set_empty_message("No articles.")
            self.query_one(ArticleView).show(None, message=message)
        rows = [ListRow(a.id, a.title, a.source, a.date or "") for a in library.articles]
        article_list.set_rows(rows)
        self._say_counts()

    def _say_counts(self) -> None:
        library = self.library
        if library is None:
            return
        skipped = f"{len(library.skipped)} skipped (press !)" if library.skipped else ""
        self.query_one(StatusBar).say(f"{len(library.articles)} articles", skipped)

    @on(ArticleList.Highlighted)
    def _show_article(self, message: ArticleList.Highlighted) -> None:
        if self.library is not None:
            self.query_one(ArticleView).show(self.library.get(message.article_id))

    @on(ArticleList.Opened)
    def _open_article(self, message: ArticleList.Opened) -> None:
        self.query_one(ArticleView).focus()

    def action_switch_pane(self) -> None:
        reader = self.query_one(ArticleView)
        target = self.query_one(ArticleList) if reader.has_focus else reader
        target.focus()

    def action_back(self) -> None:
        self.query_one(ArticleList).focus()

    def action_back_or_quit(self) -> None:
        if self.query_one(ArticleView).has_focus:
            self.action_back()
        else:
            self.app.exit()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_skipped(self) -> None:
        skipped = self.library.skipped if self.library else ()
        self.app.push_screen(SkippedScreen(skipped))
