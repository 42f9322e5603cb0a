"""Search across all articles: results update as you type, best first, grouped by article."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.core.search import Hit, SearchIndex, context_parts

LIMIT = 200
"""Hits listed at most: enough to scan, few enough to draw at every keystroke."""


@dataclass(frozen=True, slots=True)
class Found:
    """The hit the user chose: where to open and what was searched."""

    article: str
    """Id of the article to open."""
    start: int
    """Offset of the hit in its text."""
    query: str
    """The query, so the reader can keep highlighting it."""


class SearchScreen(ModalScreen[Found | None]):
    """A query box over a list of hits; ``Enter`` opens the article at the chosen hit."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("down", "to_results", "Results", show=False),
    ]

    def __init__(self, index: Callable[[], SearchIndex | None], query: str = "") -> None:
        super().__init__()
        self._index = index
        self._initial = query
        self._hits: tuple[Hit, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self._initial, placeholder="search all articles", id="global-query")
            yield Static(id="global-status")
            yield OptionList(markup=False, id="global-results")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = "Search all articles"
        self.query_one(Input).focus()
        self._run(self._initial)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._run(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        self._open(results.highlighted if results.highlighted is not None else 0)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def action_to_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def _open(self, option_index: int) -> None:
        results = self.query_one(OptionList)
        if not 0 <= option_index < results.option_count:
            return
        option_id = results.get_option_at_index(option_index).id
        if option_id is None:
            return
        hit = self._hits[int(option_id)]
        self.dismiss(Found(hit.article, hit.start, self.query_one(Input).value))

    @work(exclusive=True, thread=True, group="search")
    def _run(self, query: str) -> None:
        # Off the UI thread: on 20,000 articles one keystroke can take tens of milliseconds.
        index = self._index()
        if index is None:
            self.app.call_from_thread(self._say, "Indexing articles... try again in a moment.")
            return
        hits = index.search(query, limit=LIMIT, prefix=True) if query.strip() else ()
        options = _options(index, hits)
        self.app.call_from_thread(self._show, query, hits, options)

    def _say(self, message: str) -> None:
        self.query_one("#global-status", Static).update(Text(message))

    def _show(self, query: str, hits: tuple[Hit, ...], options: list[Option]) -> None:
        if query != self.query_one(Input).value:
            return  # typing went on; a newer search is on its way
        self._hits = hits
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(options)
        articles = len({hit.article for hit in hits})
        exact = sum(1 for hit in hits if hit.exact)
        status = f"{len(hits)} hits in {articles} articles ({exact} exact)" if hits else ""
        self._say("no match" if query.strip() and not hits else status)
        first = next((i for i, option in enumerate(options) if option.id is not None), None)
        results.highlighted = first


def _options(index: SearchIndex, hits: Sequence[Hit]) -> list[Option]:
    """Option rows: a heading per article (in order of its best hit), then its hits."""
    groups: dict[str, list[int]] = {}
    for position, hit in enumerate(hits):
        groups.setdefault(hit.article, []).append(position)
    options: list[Option] = []
    for article_id, positions in groups.items():
        article = index.article(article_id)
        if article is None:
            continue
        heading = Text.assemble((article.source, "bold"), " · ", (article.title, "bold"))
        options.append(Option(heading, disabled=True))
        for position in positions:
            hit = hits[position]
            before, found, after = context_parts(article.text, hit.start, hit.end, width=100)
            line = Text("  = " if hit.exact else "  ≈ ")
            line.append(before)
            line.append(found, style="bold reverse")
            line.append(after)
            options.append(Option(line, id=str(position)))
    return options
