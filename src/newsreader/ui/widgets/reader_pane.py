"""The reader side: the article view, its shared-passage marks, "Also in", jumps and back.

It owns passage navigation (``]``/``[``, ``n``/``N``), opening another copy (``Enter``),
the back stack (``Backspace``/``Ctrl+O``) and the own-words view (``u``); the screen only
hands it articles and the cross-reference, and hears where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.core.crossref import Mark as Shared
from newsreader.core.ordering import next_index
from newsreader.ui.highlight import legend, view_marks
from newsreader.ui.widgets.also_in import AlsoIn
from newsreader.ui.widgets.article_view import ArticleView


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
        Binding("n", "step(1)", "Next", show=False),
        Binding("N", "step(-1)", "Previous", show=False),
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
        self.own_words_only = False

    def compose(self) -> ComposeResult:
        yield ArticleView(id="reader")
        yield AlsoIn(id="also-in")

    def on_mount(self) -> None:
        self.query_one(AlsoIn).display = False

    @property
    def view(self) -> ArticleView:
        """The article view inside the pane."""
        return self.query_one(ArticleView)

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
        self._current = None
        self._marks = ()
        self._render_article(article, message=message)
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
            self.view.show(article, body=_own_text(article.text, crossref.own_words(article.id)))
        else:
            self.view.show(article, message=message)
            if article is not None and crossref is not None:
                self._marks = crossref.marks(article.id)
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        styles = {
            kind: self.view.get_component_rich_style(f"article-view--{kind}")
            for kind in ("verbatim", "near", "paraphrase", "repeat")
        }
        marks = view_marks(self._marks, current=self._current)
        self.view.set_marks(marks, legend=legend(styles, self._marks) if self._marks else None)
        self._show_also_in()

    def _show_also_in(self) -> None:
        panel = self.query_one(AlsoIn)
        mark, article, crossref = self.current, self.view.article, self._crossref
        if mark is None or article is None or crossref is None:
            panel.show_copies((), "", self._lookup)
            return
        copies = crossref.also_in(mark.passage, article.id, mark.start)
        panel.show_copies(copies, article.text[mark.start : mark.end], self._lookup)


def _own_text(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The article's own words only: paragraphs kept apart, gaps within one shown as "…"."""
    if not spans:
        return "(Every passage of this article is also carried by another article.)"
    parts = [text[spans[0][0] : spans[0][1]]]
    for (_, end), (start, stop) in pairwise(spans):
        parts.append("\n\n" if "\n\n" in text[end:start] else " … ")
        parts.append(text[start:stop])
    return "".join(parts)
