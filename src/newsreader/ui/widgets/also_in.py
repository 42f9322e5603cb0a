"""The "Also in" panel: every other copy of the current passage, with its differences."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.core.article import Article
from newsreader.core.crossref import Copy
from newsreader.core.worddiff import word_diff

CONTEXT = 40
"""Characters of the other article shown on each side of its copy."""


class AlsoIn(OptionList):
    """Lists the other copies; ``Enter`` on one asks to open it."""

    COMPONENT_CLASSES = {"also-in--added", "also-in--dropped", "also-in--head"}

    class Chosen(Message):
        """The user chose a copy to jump to."""

        def __init__(self, copy: Copy) -> None:
            super().__init__()
            self.copy = copy

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)
        self.border_title = "Also in"
        self._copies: tuple[Copy, ...] = ()

    @property
    def copies(self) -> tuple[Copy, ...]:
        """The copies listed, in order."""
        return self._copies

    def show_copies(
        self, copies: Sequence[Copy], ours: str, lookup: Callable[[str], Article | None]
    ) -> None:
        """List ``copies`` of the passage whose text here is ``ours``."""
        self._copies = tuple(copies)
        self.clear_options()
        self.add_options(
            Option(self._prompt(copy, ours, lookup(copy.article)), id=str(index))
            for index, copy in enumerate(self._copies)
        )
        self.highlighted = 0 if self._copies else None
        self.display = bool(self._copies)

    def choose_highlighted(self) -> bool:
        """Ask to open the highlighted copy (the first one by default); False if none."""
        index = self.highlighted if self.highlighted is not None else 0
        if not self._copies:
            return False
        self.post_message(self.Chosen(self._copies[index]))
        return True

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self._copies[event.option_index]))

    def _prompt(self, copy: Copy, ours: str, article: Article | None) -> Text:
        head = self.get_component_rich_style("also-in--head")
        outlet = article.source if article else copy.article
        title = article.title if article else ""
        prompt = Text.assemble((outlet, head), " · ", (f"{copy.kind} {copy.score:.0f}", head))
        prompt.append(f" · {title}\n")
        if article is None:
            return prompt
        text = article.text
        before = " ".join(text[max(0, copy.start - CONTEXT) : copy.start].split())
        after = " ".join(text[copy.end : copy.end + CONTEXT].split())
        prompt.append(f"…{before} " if before else "")
        prompt.append_text(self._diff(ours, text[copy.start : copy.end]))
        prompt.append(f" {after}…" if after else "")
        return prompt

    def _diff(self, ours: str, theirs: str) -> Text:
        styles: dict[str, Style] = {
            "same": Style(),
            "added": self.get_component_rich_style("also-in--added"),
            "dropped": self.get_component_rich_style("also-in--dropped"),
        }
        marks = {"same": "", "added": "+", "dropped": "−"}
        text = Text()
        for op, words in word_diff(ours, theirs):
            if text:
                text.append(" ")
            text.append(f"{marks[op]}[{words}]" if op != "same" else words, style=styles[op])
        return text
