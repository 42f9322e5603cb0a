"""The article view draws only the rows on screen: each row must still show its own marks."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.app import App, ComposeResult

from newsreader.core.article import Article
from newsreader.ui.widgets.article_view import GUTTER, ArticleView, Mark

TEXT = "\n".join(f"line {n:02d} " + "word " * 12 for n in range(60))


class ViewOnly(App[None]):
    CSS = "ArticleView { height: 1fr; }"
    CSS_PATH = Path(__file__).parents[2] / "src" / "newsreader" / "ui" / "app.tcss"

    def compose(self) -> ComposeResult:
        yield ArticleView()


def row_text(view: ArticleView, row: int) -> tuple[str, list[Style | None]]:
    """The text and the segment styles of document row ``row`` as painted now."""
    view.scroll_to(y=row, animate=False)
    view._base = view.rich_style
    strip = view.render_line(0)
    return strip.text, [segment.style for segment in strip]


async def test_a_mark_far_down_is_drawn_on_its_row_and_moves_with_set_marks() -> None:
    article = Article(
        id="a", title="T", source="S", date=None, url=None, text=TEXT, path=Path("a.txt")
    )
    app = ViewOnly()
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(ArticleView)
        start = TEXT.index("line 50")
        view.show(article, marks=[Mark(start, start + 7, "article-view--verbatim", "█2")])
        await pilot.pause()
        row = view.row_of_offset(start)
        style = view.get_component_rich_style("article-view--verbatim")
        text, styles = row_text(view, row)
        assert text.startswith("█2 line 50")
        assert any(s is not None and s.bold and s.underline for s in styles)
        assert style.bold and style.underline
        # Drawn once, that row is kept; moving the mark must draw it again, and the new row.
        other = TEXT.index("line 51")
        view.set_marks([Mark(other, other + 7, "article-view--near", "▓1")])
        await pilot.pause()
        text, _ = row_text(view, row)
        assert text.startswith(" " * GUTTER + "line 50")
        text, _ = row_text(view, view.row_of_offset(other))
        assert text.startswith("▓1 line 51")
