"""SVG snapshots of the main screens at 80x24 and at a wide size.

After a deliberate UI change, re-record with ``make test-snapshot-update`` and review the
report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from newsreader.core.library import Library
from newsreader.core.loader import load_paths
from newsreader.ui.app import NewsreaderApp, create_app

from .conftest import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 40), id="140x40")]


@pytest.mark.parametrize("size", SIZES)
def test_list_and_reader(app: NewsreaderApp, snap_compare: Any, size: tuple[int, int]) -> None:
    async def select_third(pilot: Pilot[None]) -> None:
        await pilot.press("j", "j")

    assert snap_compare(app, terminal_size=size, run_before=select_third)


@pytest.mark.parametrize("size", SIZES)
def test_reading_scrolled(app: NewsreaderApp, snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, press=["enter", "space"])


def test_help_screen(app: NewsreaderApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(100, 30), press=["question_mark"])


def test_empty_folder(tmp_path: Path, snap_compare: Any) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    # The message names the folder as given; give it the same name on every machine.
    app = create_app(library=Library.from_result(load_paths([empty]), ["empty/"]))
    assert snap_compare(app, terminal_size=(80, 24))


async def _open_cbc(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("j", "j", "enter")
    await pilot.pause()


def test_highlighted_reader(matched_app: NewsreaderApp, snap_compare: Any) -> None:
    assert snap_compare(matched_app, terminal_size=(140, 40), run_before=_open_cbc)


def test_also_in_panel(matched_app: NewsreaderApp, snap_compare: Any) -> None:
    async def mark_quote(pilot: Pilot[None]) -> None:
        await _open_cbc(pilot)
        await pilot.press(*["n"] * 5)  # the CBC article's fifth shared passage is the quote
        await pilot.pause()

    assert snap_compare(matched_app, terminal_size=(140, 40), run_before=mark_quote)


def test_compare_view(matched_app: NewsreaderApp, snap_compare: Any) -> None:
    async def compare(pilot: Pilot[None]) -> None:
        await _open_cbc(pilot)
        await pilot.press("c", "enter", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(matched_app, terminal_size=(140, 40), run_before=compare)
