"""What the reader remembers and writes: read/unread, stars, reading positions, export.

A mixin for the reader screen, so that the screen module stays about layout and navigation.
All of it works without saved state (tests, a read-only data folder): keys then say so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from newsreader.core.article import Article
from newsreader.core.state import State, StateError, article_key
from newsreader.ui.widgets.list_pane import ListPane
from newsreader.ui.widgets.reader_pane import ReaderPane

if TYPE_CHECKING:
    from textual.screen import Screen

    from newsreader.core.crossref import CrossRef
    from newsreader.core.library import Library

    _Base = Screen[None]
else:
    _Base = object


class SavedStateActions(_Base):
    """``m`` read/unread, ``*`` star, ``e`` export, positions saved and restored."""

    BINDINGS = [
        Binding("m", "toggle_read", "Read/unread", id="read", show=False),
        Binding("asterisk", "toggle_star", "Star", key_display="*", id="star", show=False),
        Binding("e", "export", "Export", id="export", show=False),
        Binding("R", "app.reload", "Reload", id="reload", show=False),
    ]
    state: State | None
    library: Library | None
    crossref: CrossRef | None
    export_folder: Path | None = None
    """Where ``e`` writes (the current folder when None)."""

    def load_saved_flags(self) -> None:
        """Read every article's read/starred flag in two queries, for the list."""
        pane = self.query_one(ListPane)
        try:
            pane.read = self.state.read_keys() if self.state else set()
            pane.starred = self.state.starred_keys() if self.state else set()
        except StateError as error:
            self.notify(f"Saved state unavailable: {error}", severity="warning")

    def _current(self) -> Article | None:
        return self.query_one(ReaderPane).view.article

    def _still_loading(self, article: Article, *, say: bool) -> bool:
        """True when ``article`` is listed ahead of its text and has no URL: its saved-state
        key hashes the text, so a mark saved now would be lost when the text arrives."""
        if not (article.pending and not article.url):
            return False
        if say:
            self.notify("The article's text is still loading; try again in a moment.", timeout=3)
        return True

    def mark_read(self, article: Article | None, read: bool = True) -> None:
        """Remember ``article`` as read (or unread) and show it in the list."""
        if article is None or self.state is None or self._still_loading(article, say=False):
            return
        key = article_key(article)
        pane = self.query_one(ListPane)
        if (key in pane.read) == read:
            return
        if self._save(lambda state: state.set_read(key, read)):
            (pane.read.add if read else pane.read.discard)(key)
            pane.refill()

    def action_toggle_read(self) -> None:
        article = self._current()
        if article is None or not self._have_state() or self._still_loading(article, say=True):
            return
        self.mark_read(article, article_key(article) not in self.query_one(ListPane).read)

    def action_toggle_star(self) -> None:
        article = self._current()
        if article is None or not self._have_state() or self._still_loading(article, say=True):
            return
        key = article_key(article)
        starred: list[bool] = []
        if self._save(lambda state: starred.append(state.toggle_star(key))):
            pane = self.query_one(ListPane)
            (pane.starred.add if starred[0] else pane.starred.discard)(key)
            pane.refill()
            self.notify("Starred." if starred[0] else "Star removed.", timeout=2)

    def save_position(self) -> None:
        """Remember where the shown article is scrolled to (the offset at the top line)."""
        view = self.query_one(ReaderPane).view
        article = view.article
        if article is None or self.state is None or view.text != article.text or article.pending:
            return  # nothing shown, a derived view (own words) or no text yet
        offset = view.top_offset()
        key = article_key(article)
        if self._positions().get(key, 0) == offset:
            return  # unchanged: no write on every cursor move through the list
        if self._save(lambda state: state.set_position(key, offset)):
            self._positions()[key] = offset

    def restore_position(self, article: Article | None) -> None:
        """Scroll a newly shown article back to where it was left."""
        if article is None or self.state is None or article.pending:
            return
        key = article_key(article)
        try:
            offset = self.state.position(key) or 0
        except StateError:
            return
        self._positions()[key] = offset
        if offset:
            self.query_one(ReaderPane).view.scroll_to_offset(offset, margin=0)

    def action_export(self) -> None:
        article = self._current()
        if article is None or self.library is None:
            return
        if article.pending:
            self.notify("The article's text is still loading; export it in a moment.", timeout=3)
            return
        from newsreader.core.export import article_markdown, export_path  # on first export

        lookup = {a.id: a for a in self.library.articles}
        text = article_markdown(article, self.crossref or (), lookup)
        try:
            path = export_path(article, self.export_folder or Path.cwd())
            with path.open("x", encoding="utf-8") as handle:  # never overwrite a file
                handle.write(text)
        except OSError as error:
            self.notify(f"Could not export: {error.strerror or error}", severity="error")
            return
        self.notify(f"Exported to {path}", timeout=4)

    def _positions(self) -> dict[str, int]:
        """Positions known to be saved, so unchanged ones are not written again."""
        known: dict[str, int] | None = getattr(self, "_known_positions", None)
        if known is None:
            known = {}
            self._known_positions = known
        return known

    def _have_state(self) -> bool:
        if self.state is None:
            self.notify("Saved state is off in this session.", timeout=2)
        return self.state is not None

    def _save(self, change: object) -> bool:
        if self.state is None or not callable(change):
            return False
        try:
            change(self.state)
        except StateError as error:
            self.notify(f"Could not save: {error}", severity="error")
            return False
        return True
