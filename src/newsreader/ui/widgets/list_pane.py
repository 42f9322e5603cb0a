"""The list side: the filter box and the article list, with sorting, stories and saved marks.

It owns how rows are built (order, filter, story grouping, read/starred flags, shared counts)
so that the screen only hands it data and hears which article the cursor is on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.core.library import Library
from newsreader.core.ordering import SORT_MODES, SortMode, sort_articles
from newsreader.core.state import article_key
from newsreader.ui.widgets.article_list import ArticleList, ListRow
from newsreader.ui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from newsreader.core.stories import Story


class ListPane(Vertical):
    """Filter box over the article list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Library | None = None
        self.crossref: CrossRef | None = None
        self.stories: tuple[Story, ...] | None = None
        self.by_story = False
        self.sort_mode: SortMode = "list"
        self.filter_text = ""
        self.read: set[str] = set()
        self.starred: set[str] = set()

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter")
        yield ArticleList(id="list")

    def on_mount(self) -> None:
        self.query_one(FilterBar).display = False

    @property
    def article_list(self) -> ArticleList:
        """The list widget."""
        return self.query_one(ArticleList)

    def cycle_sort(self) -> SortMode:
        """Step to the next order and redraw; return it."""
        self.sort_mode = SORT_MODES[(SORT_MODES.index(self.sort_mode) + 1) % len(SORT_MODES)]
        self.refill()
        return self.sort_mode

    def open_filter(self) -> None:
        """Show the filter box and put the cursor in it."""
        self.query_one(FilterBar).open()

    def refill(self) -> None:
        """Rebuild the rows from the current data, keeping the cursor's article."""
        if self.library is None:
            return
        article_list = self.article_list
        keep = article_list.current.article_id if article_list.current else None
        stats = self.crossref.stats if self.crossref else None
        ordered = sort_articles(self.library.articles, self.sort_mode, stats=stats)
        if self.filter_text.strip():
            from newsreader.core.search import filter_articles  # only once a filter is typed

            ordered = filter_articles(ordered, self.filter_text)
            article_list.set_empty_message(f"No article matches {self.filter_text!r}.")
        if self.by_story and self.stories is not None:
            rows = self._story_rows(ordered)
        else:
            rows = [self._row(article) for article in ordered]
        article_list.set_rows(rows, keep=keep)

    def _row(self, article: Article) -> ListRow:
        key = article_key(article)
        row = ListRow(
            article.id,
            article.title,
            article.source,
            article.date or "",
            file_date=article.date_source == "file",
            unread=key not in self.read,
            starred=key in self.starred,
        )
        if self.crossref is None:
            return row
        stats = self.crossref.stats(article.id)
        return replace(row, shared=stats.shared, originality=stats.originality)

    def _story_rows(self, ordered: Sequence[Article]) -> list[ListRow]:
        """A heading per story (biggest first), its articles under it in the chosen order."""
        position = {article.id: index for index, article in enumerate(ordered)}
        rows: list[ListRow] = []
        for story in self.stories or ():
            members = sorted((a for a in story.articles if a in position), key=position.get)
            if not members:
                continue
            articles = [ordered[position[a]] for a in members]
            outlets = ", ".join(dict.fromkeys(article.source for article in articles))
            size = f"{len(articles)} article{'s' if len(articles) > 1 else ''}"
            rows.append(ListRow(f"story:{story.id}", story.title, outlets, size, heading=True))
            rows.extend(self._row(article) for article in articles)
        return rows

    @on(FilterBar.Filtered)
    def _filter_changed(self, message: FilterBar.Filtered) -> None:
        self.filter_text = message.text
        self.refill()

    @on(FilterBar.Done)
    def _filter_done(self, message: FilterBar.Done) -> None:
        self.article_list.focus()
