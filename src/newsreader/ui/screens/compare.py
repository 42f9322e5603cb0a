"""Compare two articles side by side, shared passages aligned and scrolled together."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.ui.widgets.article_view import ArticleView, Mark


class PickScreen(ModalScreen[str | None]):
    """Choose the article to compare with; the one sharing most is highlighted first."""

    BINDINGS = [Binding("escape,q", "dismiss_none", "Cancel")]

    def __init__(
        self,
        choices: Sequence[str],
        counts: Mapping[str, int],
        lookup: Callable[[str], Article | None],
    ) -> None:
        super().__init__()
        self._choices = tuple(choices)
        self._counts = counts
        self._lookup = lookup

    def compose(self) -> ComposeResult:
        options = OptionList(markup=False, id="pick-list")
        options.border_title = "Compare with"
        for article_id in self._choices:
            article = self._lookup(article_id)
            label = Text(f"{self._counts.get(article_id, 0)} shared · ")
            label.append(article.source if article else article_id, style="bold")
            label.append(f" · {article.title if article else ''}")
            options.add_option(Option(label, id=article_id))
        options.highlighted = 0
        yield options

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class CompareScreen(Screen[None]):
    """Two articles in columns; scrolling one keeps the shared passages beside each other."""

    BINDINGS = [
        Binding("escape,q,c", "close", "Close"),
        Binding("tab", "switch", "Switch side"),
        Binding("right_square_bracket,n", "step(1)", "Next shared", key_display="]"),
        Binding("left_square_bracket,N", "step(-1)", "Prev shared", key_display="[", show=False),
    ]

    def __init__(
        self,
        left: str,
        right: str,
        lookup: Callable[[str], Article | None],
        crossref: CrossRef | None,
    ) -> None:
        super().__init__()
        self._ids = (left, right)
        self._lookup = lookup
        self._anchors = crossref.anchors(left, right) if crossref else ()
        self._crossref = crossref
        self._current = -1

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare"):
            for side in ("left", "right"):
                with Vertical(classes="compare-column"):
                    yield Static(id=f"{side}-title", classes="compare-title")
                    yield ArticleView(id=f"compare-{side}")
        yield Footer()

    def on_mount(self) -> None:
        numbers = self._numbers()
        for side, article_id in zip(("left", "right"), self._ids, strict=True):
            article = self._lookup(article_id)
            view = self.query_one(f"#compare-{side}", ArticleView)
            view.show(article)
            label = f"{article.source} · {len(numbers)} shared" if article else article_id
            self.query_one(f"#{side}-title", Static).update(Text(label))
            if self._crossref is not None:
                view.set_marks(
                    [
                        Mark(m.start, m.end, f"article-view--{m.kind}", str(numbers[m.passage]))
                        for m in self._crossref.marks(article_id)
                        if m.passage in numbers
                    ]
                )
        left, right = self._view("left"), self._view("right")
        left.focus()
        self.watch(left, "scroll_y", lambda _: self._follow("left"), init=False)
        self.watch(right, "scroll_y", lambda _: self._follow("right"), init=False)

    def _numbers(self) -> dict[str, int]:
        """Passages both articles carry, numbered in the left article's order (1-9, then +).

        The same number in both margins is what links the two copies for the eye.
        """
        if self._crossref is None:
            return {}
        left = self._crossref.marks(self._ids[0])
        right = {mark.passage for mark in self._crossref.marks(self._ids[1])}
        shared = dict.fromkeys(mark.passage for mark in left if mark.passage in right)
        return {passage: index + 1 for index, passage in enumerate(shared)}

    def _view(self, side: str) -> ArticleView:
        return self.query_one(f"#compare-{side}", ArticleView)

    def _follow(self, leader: str) -> None:
        """Scroll the other column so the passage nearest the leader's top sits level."""
        source = self._view(leader)
        if not source.has_focus or not self._anchors:
            return
        other = "right" if leader == "left" else "left"
        target = self._view(other)
        here, there = (0, 1) if leader == "left" else (1, 0)
        top = int(source.scroll_offset.y)
        rows = [
            (source.row_of_offset(anchor[here]), target.row_of_offset(anchor[there]))
            for anchor in self._anchors
        ]
        before = [pair for pair in rows if pair[0] <= top + 3] or rows[:1]
        mine, theirs = before[-1]
        target.scroll_to(y=max(0, theirs + (top - mine)), animate=False)

    def action_switch(self) -> None:
        left, right = self._view("left"), self._view("right")
        (right if left.has_focus else left).focus()

    def action_step(self, direction: int) -> None:
        if not self._anchors:
            self.notify("These two articles share no passage.", timeout=2)
            return
        self._current = (self._current + direction) % len(self._anchors)
        left_offset, right_offset = self._anchors[self._current]
        self._view("left").scroll_to_offset(left_offset)
        self._view("right").scroll_to_offset(right_offset)

    def action_close(self) -> None:
        self.dismiss(None)
