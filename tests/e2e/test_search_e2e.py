"""Search in a real terminal: ``/`` then typing shows hits and a live ``N/M`` count."""

from __future__ import annotations

import re

import pytest

from .conftest import Terminal

pytestmark = pytest.mark.e2e


def test_slash_shows_a_live_count_and_n_moves_it(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_text("5 articles")
    terminal.keys("j", "j", "Enter")
    terminal.wait_text("Next shared")  # the reader has the focus (its keys are in the footer)
    terminal.keys("/")
    terminal.wait_text("search this article")
    for key in "Lukash":
        terminal.keys(key)
    screen = terminal.wait_for(lambda s: re.search(r"/Lukash +1/\d+\b", s) is not None)
    total = re.search(r"\b1/(\d+)\b", screen)
    assert total is not None and int(total.group(1)) > 3
    terminal.keys("Enter", "n")
    terminal.wait_text(f"2/{total.group(1)}")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: f"/{total.group(1)}" not in s)
    terminal.keys("F")
    terminal.wait_text("Search all articles")
    for key in "Tsikhanouskaya":
        terminal.keys(key)
    terminal.wait_text("hits in 4 articles")
    terminal.keys("Escape", "q", "q")
    terminal.wait_exit()
