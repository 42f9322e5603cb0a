"""The main screen: the list pane on the left, the reader pane on the right."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.core.library import Library
from newsreader.core.matching import Passage
from newsreader.core.state import State
from newsreader.ui.screens.saved import SavedStateActions
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.list_pane import ListPane
from newsreader.ui.widgets.reader_pane import ReaderPane
from newsreader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from newsreader.core.search import SearchIndex
    from newsreader.core.stories import Story
    from newsreader.ui.screens.search import Found

PICK_LIMIT = 60
"""Articles the compare picker lists (sharing ones first): a picker, not a second list."""
SCORE_STEP = 5
"""How far one ``+`` or ``-`` moves the minimum passage score."""


class ReaderScreen(SavedStateActions, Screen[None]):
    """List and reader side by side, with a status line and the footer of keys."""

    BINDINGS = [
        # The footer shows the shown=True keys in this order, and 80 columns fit five.
        Binding("question_mark", "help", "Help"),
        Binding("tab", "switch_pane", "Pane"),
        Binding("h,escape", "back", "Back", show=False),
        Binding("q", "back_or_quit", "Back/Quit"),
        Binding("s", "cycle_sort", "Sort", id="sort", show=False),
        Binding("t", "stories", "Stories", id="stories", show=False),
        Binding("f", "filter", "Filter", id="filter", show=False),
        Binding("slash", "search_here", "Search", key_display="/", show=False),
        Binding("F,ctrl+f", "search_all", "Search all", key_display="F", id="search_all"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("plus,equals_sign", "threshold(1)", "Min score +", key_display="+", show=False),
        Binding("minus", "threshold(-1)", "Min score -", key_display="-", show=False),
        Binding("exclamation_mark", "skipped", "Skipped", show=False),
        *SavedStateActions.BINDINGS,
    ]

    def __init__(
        self, library: Library | None = None, *, min_score: float = 0, state: State | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.state = state
        self.passages: tuple[Passage, ...] | None = None
        self.crossref: CrossRef | None = None
        self.min_score = min_score
        self.search_index: SearchIndex | None = None
        self._progress = ""
        self._grouping = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ListPane(id="list-side")
            yield ReaderPane(self._lookup, id="reader-pane")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        if self.library is not None:
            self.show_library(self.library)
        else:
            self.query_one(StatusBar).say("Loading articles...")

    def _lookup(self, article_id: str) -> Article | None:
        return self.library.get(article_id) if self.library else None

    @property
    def list_pane(self) -> ListPane:
        """The list side."""
        return self.query_one(ListPane)

    def show_library(self, library: Library, partial: bool = False) -> None:
        """Fill the list from ``library`` and show its first article.

        ``partial``: the load is still going and this is what it has read so far.
        """
        self.library = library
        self._progress = "loading..." if partial else ""
        self.list_pane.library = library
        self.load_saved_flags()
        if not library.articles:
            where = ", ".join(library.sources) or "the given paths"
            message = f"No articles found in {where}."
            if library.skipped:
                message += f" {len(library.skipped)} skipped: press ! to see why."
            self.query_one(ArticleList).set_empty_message("No articles.")
            self.query_one(ReaderPane).show(None, message=message)
        self.list_pane.refill()
        pane = self.query_one(ReaderPane)
        shown = pane.view.article
        if shown is not None and library.get(shown.id) not in (shown, None):
            pane.show(library.get(shown.id))  # it was listed before its text was read
        self._say_status()

    def show_progress(self, stage: str, done: int, total: int) -> None:
        """Say how far background work (loading, matching) has got."""
        self._progress = f"{stage} {done}/{total}" if total else stage
        self._say_status()

    def show_failure(self, what: str, detail: str) -> None:
        """Background work failed: say so (one line, cleaned) and carry on without it."""
        from newsreader.core.sanitize import clean_line

        last = clean_line(detail.strip().splitlines()[-1] if detail.strip() else "")
        self._progress = f"{what.lower()} ({last[:60]})"  # stays visible after the toast
        self._say_status()
        self.notify(f"{what}: {last[:200]}", severity="error", timeout=10)

    def show_passages(self, passages: tuple[Passage, ...]) -> None:
        """Matching finished: highlight, count and rank with these passages."""
        self.passages = passages
        self._progress = ""
        self._apply_threshold()

    def show_stories(self, stories: tuple[Story, ...]) -> None:
        """Stories are grouped: ``t`` can show them."""
        self.list_pane.stories = stories
        self._progress = ""
        if self._grouping:
            self._grouping = False
            self.list_pane.by_story = True
        if self.list_pane.by_story:
            self.list_pane.refill()
        self._say_status()

    def set_search_index(self, index: SearchIndex) -> None:
        """The search index is built: global search can answer."""
        self.search_index = index

    def _say_status(self) -> None:
        library = self.library
        if library is None:
            return
        pane = self.list_pane
        skipped = f"{len(library.skipped)} skipped (press !)" if library.skipped else ""
        matched = f"{self.crossref.count} passages" if self.crossref else ""
        count = len(pane.stories) if pane.stories is not None else 0
        stories = f"{count} {'story' if count == 1 else 'stories'}" if pane.stories else ""
        self.query_one(StatusBar).say(
            f"{len(library.articles)} articles",
            matched,
            stories,
            self._progress,
            f"min score {self.min_score:g}",
            f"sort: {pane.sort_mode}" + (" by story" if pane.by_story else ""),
            skipped,
        )

    @on(ArticleList.Highlighted)
    def _show_article(self, message: ArticleList.Highlighted) -> None:
        pane = self.query_one(ReaderPane)
        current = pane.view.article
        if self.library is not None and (current is None or current.id != message.article_id):
            self.save_position()
            article = self.library.get(message.article_id)
            pane.show(article)
            self.restore_position(article)

    @on(ArticleList.Opened)
    def _open_article(self, message: ArticleList.Opened) -> None:
        self.query_one(ArticleView).focus()
        self.mark_read(self._lookup(message.article_id))

    @on(ReaderPane.Jumped)
    def _follow_jump(self, message: ReaderPane.Jumped) -> None:
        self.query_one(ArticleList).select(message.article_id)
        self.mark_read(self._lookup(message.article_id))

    def action_filter(self) -> None:
        self.list_pane.open_filter()

    async def action_stories(self) -> None:
        pane = self.list_pane
        if pane.stories is None:
            if self.passages is None:
                self.notify("Stories come once matching is done...", timeout=3)
            elif not self._grouping:
                self._grouping = True
                self.notify("Grouping stories...", timeout=3)
                await self.app.run_action("group_stories")
            return
        pane.by_story = not pane.by_story
        pane.refill()
        self._say_status()

    def action_search_here(self) -> None:
        """``/`` from the list searches the article shown beside it."""
        self.query_one(ReaderPane).action_search()

    def action_search_all(self) -> None:
        from newsreader.ui.screens.search import SearchScreen  # rarely opened

        self.app.push_screen(SearchScreen(lambda: self.search_index), self._open_found)

    def _open_found(self, found: Found | None) -> None:
        if found is None or self.library is None:
            return
        self.query_one(ArticleList).select(found.article)
        pane = self.query_one(ReaderPane)
        article = self.library.get(found.article)
        if pane.view.article is not article:
            pane.show(article)
        pane.search_for(found.query, at=found.start)
        pane.view.focus()

    def action_switch_pane(self) -> None:
        reader = self.query_one(ArticleView)
        target = self.query_one(ArticleList) if reader.has_focus else reader
        target.focus()

    def action_back(self) -> None:
        self.query_one(ArticleList).focus()

    def action_back_or_quit(self) -> None:
        if self.query_one(ArticleList).has_focus:
            self.save_position()
            self.app.exit()
        else:
            self.action_back()

    def action_cycle_sort(self) -> None:
        self.list_pane.cycle_sort()
        self._say_status()

    def action_threshold(self, direction: int) -> None:
        self.min_score = max(0, min(100, self.min_score + direction * SCORE_STEP))
        self._say_status()
        self._apply_threshold()

    @work(exclusive=True, thread=True, group="crossref")
    def _apply_threshold(self) -> None:
        # Indexing 20,000 articles' passages takes a moment: never on the UI thread.
        if self.library is None or self.passages is None:
            return
        crossref = CrossRef(self.library.articles, self.passages, min_score=self.min_score)
        self.app.call_from_thread(self._use_crossref, crossref)

    def _use_crossref(self, crossref: CrossRef) -> None:
        if crossref.min_score != self.min_score:
            return  # a later change is on its way
        self.crossref = crossref
        self.list_pane.crossref = crossref
        self.query_one(ReaderPane).set_crossref(crossref)
        self.list_pane.refill()
        self._say_status()

    def action_compare(self) -> None:
        article = self.query_one(ReaderPane).view.article
        if article is None or self.library is None:
            return
        partners = self.crossref.partners(article.id) if self.crossref else ()
        sharing = dict(partners)
        others = (a.id for a in self.library.articles if a.id != article.id and a.id not in sharing)
        # Articles sharing text first, then others; building each option costs a render.
        choices = list(itertools.islice(itertools.chain(sharing, others), PICK_LIMIT))
        if not choices:
            self.notify("There is no other article to compare with.", timeout=2)
            return

        from newsreader.ui.screens.compare import CompareScreen, PickScreen  # rarely opened

        def compare_with(other: str | None) -> None:
            if other is not None:
                self.app.push_screen(CompareScreen(article.id, other, self._lookup, self.crossref))

        counts = dict(partners)
        self.app.push_screen(PickScreen(choices, counts, self._lookup), compare_with)

    def action_help(self) -> None:
        from newsreader.ui.screens.help import HelpScreen  # rarely opened: not on start-up's path

        self.app.push_screen(HelpScreen())

    def action_skipped(self) -> None:
        from newsreader.ui.screens.skipped import SkippedScreen  # rarely opened

        skipped = self.library.skipped if self.library else ()
        self.app.push_screen(SkippedScreen(skipped))
