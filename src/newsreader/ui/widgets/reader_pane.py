"""The reader side: the article view, its shared-passage marks, "Also in", jumps and back.

It owns passage navigation (``]``/``[``, ``n``/``N``), opening another copy (``Enter``),
the back stack (``Backspace``/``Ctrl+O``) and the own-words view (``u``); the screen only
hands it articles and the cross-reference, and hears where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.core.crossref import Mark as Shared
from newsreader.core.ordering import next_index, own_words_text
from newsreader.ui.highlight import hit_marks, legend, view_marks
from newsreader.ui.widgets.also_in import AlsoIn
from newsreader.ui.widgets.article_view import ArticleView, Mark
from newsreader.ui.widgets.hits import Hits
from newsreader.ui.widgets.search_bar import SearchBar


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader was: an entry of the back stack."""

    article: str
    """The article shown."""
    scroll: int
    """Its scroll row."""
    current: int | None
    """Index of the marked passage, if any."""


class ReaderPane(Vertical):
    """The article view with passage navigation and the "Also in" panel under it."""

    BINDINGS = [
        Binding("right_square_bracket", "step(1)", "Next shared", key_display="]"),
        Binding("left_square_bracket", "step(-1)", "Prev shared", key_display="[", show=False),
        Binding("n", "next(1)", "Next", show=False),
        Binding("N", "next(-1)", "Previous", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("escape", "escape", "Clear search", show=False),
        Binding("enter", "open_copy", "Open copy", show=False),
        Binding("backspace,ctrl+o", "back", "Back", show=False),
        Binding("u", "own_words", "Own words"),
    ]

    class Jumped(Message):
        """The pane now shows another article (after a jump or going back)."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, lookup: Callable[[str], Article | None], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lookup = lookup
        self._crossref: CrossRef | None = None
        self._marks: tuple[Shared, ...] = ()
        self._current: int | None = None
        self._history: list[Place] = []
        self._hits = Hits()
        self.search_kept = False
        self.own_words_only = False

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader")
        yield SearchBar(id="search-bar")
        yield AlsoIn(id="also-in")

    def on_mount(self) -> None:
        self.query_one(AlsoIn).display = False
        self.query_one(SearchBar).display = False

    @property
    def hits(self) -> tuple[tuple[int, int], ...]:
        """Spans of the search hits in the article, in reading order."""
        return self._hits.spans

    @property
    def hit(self) -> int | None:
        """Index of the current hit, if any."""
        return self._hits.current

    @property
    def view(self) -> ArticleView:
        """The article view inside the pane."""
        return self.query_one(ArticleView)

    @property
    def marks(self) -> tuple[Shared, ...]:
        """The shared passages of the article shown, in reading order."""
        return self._marks

    @property
    def current(self) -> Shared | None:
        """The marked passage, if any."""
        return self._marks[self._current] if self._current is not None else None

    @property
    def history(self) -> tuple[Place, ...]:
        """The back stack, oldest first."""
        return tuple(self._history)

    def show(self, article: Article | None, *, message: str = "", at: int | None = None) -> None:
        """Show ``article``; with ``at``, mark the passage there and scroll to it."""
        if article is not self.view.article:
            self._hits.clear()  # another article's hits must not be drawn here
        self._current = None
        self._marks = ()
        self._render_article(article, message=message)
        if self.query_one(SearchBar).query.strip():
            self._search(self.query_one(SearchBar).query, keep_place=True)
        if at is not None and self._marks:
            starts = [mark.start for mark in self._marks]
            self._current = min(range(len(starts)), key=lambda i: abs(starts[i] - at))
            self._refresh_marks()

    def set_crossref(self, crossref: CrossRef | None) -> None:
        """Use new passages (first results, or a new threshold), keeping the place."""
        self._crossref = crossref
        article = self.view.article
        scroll = int(self.view.scroll_offset.y)
        self.show(article, message=self.view.message)
        self.view.scroll_to(y=scroll, animate=False)

    def action_step(self, direction: int) -> None:
        starts = [mark.start for mark in self._marks]
        index = next_index(starts, self._current, direction)
        if index is None:
            self.notify("No shared passages in this article.", timeout=2)
            return
        self._current = index
        self._refresh_marks()
        mark = self._marks[index]
        self.view.scroll_to_show(mark.start, mark.end)

    def action_next(self, direction: int) -> None:
        """``n``/``N``: the next search hit while a search is kept, else the next passage."""
        if self.search_kept and self.query_one(SearchBar).query.strip():
            self._step_hit(direction)
        else:
            self.action_step(direction)

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    async def action_escape(self) -> None:
        """Esc clears a kept search first; with none, it goes back to the list as usual."""
        bar = self.query_one(SearchBar)
        if bar.query:
            bar.action_clear()
        else:
            await self.screen.run_action("back")

    def search_for(self, query: str, *, at: int | None = None) -> None:
        """Run ``query`` in this article and keep it (as after Enter), current hit near ``at``."""
        bar = self.query_one(SearchBar)
        bar.query_one(Input).value = query
        bar.display = True
        self.search_kept = True
        self._search(query, keep_place=at is not None)
        if at is not None and self._hits.spans:
            self._hits.nearest(at)
            self._show_hit()

    @on(SearchBar.Changed)
    def _query_changed(self, event: SearchBar.Changed) -> None:
        self.search_kept = False
        self._search(event.query)

    @on(SearchBar.Kept)
    def _query_kept(self, event: SearchBar.Kept) -> None:
        self.search_kept = bool(self.query_one(SearchBar).query.strip())
        self.view.focus()

    @on(SearchBar.Cleared)
    def _query_cleared(self, event: SearchBar.Cleared) -> None:
        self.search_kept = False
        self._hits.clear()
        self._refresh_marks()
        self.view.focus()

    def _search(self, query: str, *, keep_place: bool = False) -> None:
        article = self.view.article
        if article is None or not query.strip():
            self._hits.clear()
        else:
            view = self.view
            self._hits.find(
                article,
                query,
                prefix=not self.search_kept,
                row_of=view.row_of_offset,
                top=int(view.scroll_offset.y),
            )
        self._refresh_marks()
        if not keep_place:
            self._show_hit()
        self.query_one(SearchBar).set_count(*self._hits.count())

    def _step_hit(self, direction: int) -> None:
        self._hits.step(direction)
        self._refresh_marks()
        self._show_hit()
        self.query_one(SearchBar).set_count(*self._hits.count())

    def _show_hit(self) -> None:
        if self._hits.current is not None:
            start, end = self._hits.spans[self._hits.current]
            self.view.scroll_to_show(start, end)

    def action_open_copy(self) -> None:
        if not self.query_one(AlsoIn).choose_highlighted():
            self.notify("Press ] or n to mark a shared passage first.", timeout=2)

    def action_back(self) -> None:
        if not self._history:
            self.notify("Nothing to go back to.", timeout=2)
            return
        place = self._history.pop()
        self.show(self._lookup(place.article))
        self._current = place.current if place.current is not None and self._marks else None
        self._refresh_marks()
        self.view.scroll_to(y=place.scroll, animate=False)
        self.post_message(self.Jumped(place.article))

    def action_own_words(self) -> None:
        self.own_words_only = not self.own_words_only
        self.show(self.view.article)
        state = "on: only what no other article says" if self.own_words_only else "off"
        self.notify(f"Own words {state}.", timeout=2)

    @on(AlsoIn.Chosen)
    def _jump(self, event: AlsoIn.Chosen) -> None:
        article = self.view.article
        if article is None:
            return
        self._history.append(Place(article.id, int(self.view.scroll_offset.y), self._current))
        target = self._lookup(event.copy.article)
        self.show(target, at=event.copy.start)
        if self.current is not None:
            self.view.scroll_to_offset(self.current.start)
        self.view.focus()
        self.post_message(self.Jumped(event.copy.article))

    def _render_article(self, article: Article | None, *, message: str = "") -> None:
        crossref = self._crossref
        if article is not None and crossref is not None and self.own_words_only:
            self.view.show(
                article, body=own_words_text(article.text, crossref.own_words(article.id))
            )
        else:
            if article is not None and crossref is not None:
                self._marks = crossref.marks(article.id)
            # Marks go in with the article: one layout per article shown, not two.
            marks, key = self._view_marks()
            self.view.show(article, message=message, marks=marks, legend=key)
        self._show_also_in()

    def _refresh_marks(self) -> None:
        marks, key = self._view_marks()
        self.view.set_marks(marks, legend=key)
        self._show_also_in()

    def _view_marks(self) -> tuple[list[Mark], Text | None]:
        """The view's marks (passages, the current one, search hits) and the legend line."""
        marks = view_marks(self._marks, current=self._current)
        marks += hit_marks(self._hits.spans, current=self._hits.current)
        if not self._marks:
            return marks, None
        styles = {
            kind: self.view.get_component_rich_style(f"article-view--{kind}")
            for kind in ("verbatim", "near", "paraphrase", "repeat")
        }
        return marks, legend(styles, self._marks)

    def _show_also_in(self) -> None:
        panel = self.query_one(AlsoIn)
        mark, article, crossref = self.current, self.view.article, self._crossref
        if mark is None or article is None or crossref is None:
            panel.show_copies((), "", self._lookup)
            return
        copies = crossref.also_in(mark.passage, article.id, mark.start)
        panel.show_copies(copies, article.text[mark.start : mark.end], self._lookup)
