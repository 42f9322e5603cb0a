"""The list and the reader mark a date that is only a file's (dimmed, with †), and the help
screen explains the mark. The files are written by the test."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from rich.style import Style

from newsreader.core.library import Library
from newsreader.ui.app import create_app
from newsreader.ui.widgets.article_list import ArticleList
from newsreader.ui.widgets.article_view import ArticleView

from .conftest import settle

BODY = "The harbour board met again on the new ferry timetable and the fares for pupils."
SAVED = 1_300_000_000  # 2011-03-13


def library(folder: Path) -> Library:
    (folder / "a.txt").write_text(f"Saved copy\n\n{BODY}\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        f"Dated copy\n\n{BODY}\n\nPublished: 2 May 2019\n\n© 2019 Fjord Radio\n", encoding="utf-8"
    )
    for path in folder.iterdir():
        os.utime(path, (SAVED, SAVED))
    return Library.load([folder])


def painted(widget: ArticleList | ArticleView, y: int) -> list[tuple[str, Style | None]]:
    """The segments (text, style) of screen line ``y`` of ``widget`` as painted now."""
    widget._base = widget.rich_style
    return [(segment.text, segment.style) for segment in widget.render_line(y)]


def styled(segments: list[tuple[str, Style | None]], text: str) -> Style:
    """The style of the segment holding ``text``."""
    (style,) = [style for part, style in segments if text in part]
    assert style is not None
    return style


async def test_the_list_dims_and_marks_a_file_date_only(tmp_path: Path) -> None:
    app = create_app(library=library(tmp_path), match=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        saved, dated = painted(article_list, 1), painted(article_list, 3)
        assert "".join(text for text, _ in saved).strip() == "unknown source · 2011-03-13†"
        assert styled(saved, "2011-03-13†").dim and styled(saved, "2011-03-13†").italic
        assert "".join(text for text, _ in dated).strip() == "Fjord Radio · 2019-05-02"
        assert not styled(dated, "2019-05-02").dim

        view = app.screen.query_one(ArticleView)
        header = [painted(view, y) for y in range(3)]
        meta = next(line for line in header if "2011-03-13" in "".join(t for t, _ in line))
        assert styled(meta, "2011-03-13†").dim


async def test_the_help_screen_explains_the_file_date_mark(tmp_path: Path) -> None:
    app = create_app(library=library(tmp_path), match=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        svg = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))
        shown = " ".join(svg.replace("\xa0", " ").split())
        assert "2020-09-14†" in shown and "dimmed, with †: only the file's date" in shown
