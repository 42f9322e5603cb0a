"""Reading across sources in a real terminal: shared text is drawn differently, "Also in",
jumps, compare, own words, sort and threshold, read back from tmux."""

from __future__ import annotations

import re

import pytest

from .conftest import Terminal

pytestmark = pytest.mark.e2e

UNDERLINE = re.compile(r"\x1b\[(?:[0-9;:]*;)?4(?:[;:][0-9;:]*)?m")


def line_with(screen: str, text: str) -> str:
    return next(line for line in screen.splitlines() if text in _plain(line))


def _plain(line: str) -> str:
    return re.sub(r"\x1b\[[0-9;:]*m", "", line)


def open_cbc(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_text("passages")  # matching done: the status bar counts them
    terminal.keys("j", "j", "Enter")
    terminal.wait_text("Belarus's authoritarian president, Alexander")


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_shared_quote_and_plain_narration_are_drawn_differently(
    terminal: Terminal, no_color: bool
) -> None:
    if no_color:
        terminal.env["NO_COLOR"] = "1"  # colour gone, the underline must still tell them apart
    open_cbc(terminal)
    for _ in range(10):
        if "We see Belarus as our closest ally" in terminal.screen():
            break
        terminal.keys("space")
    screen = terminal.screen(escapes=True)
    shared = line_with(screen, "We see Belarus as our closest ally")
    plain = line_with(screen, "Protesters with old Belarusian national flags")
    assert UNDERLINE.search(shared), repr(shared)
    assert not UNDERLINE.search(plain), repr(plain)
    terminal.keys("q", "q")
    terminal.wait_exit()


def test_n_brings_up_also_in_and_enter_backspace_jump_and_return(terminal: Terminal) -> None:
    open_cbc(terminal)
    assert "Also in" not in terminal.screen()
    terminal.keys("n")
    terminal.wait_text("Also in")
    terminal.keys(*["n"] * 4)  # the fifth shared passage of this article is Putin's quote
    screen = terminal.wait_text("ft.com")
    assert "closest ally" in screen
    terminal.keys("Enter")
    terminal.wait_reader_text("as I have already told you many times")  # FT's copy of the quote
    terminal.keys("BSpace")
    terminal.wait_reader_text(
        "the Russian leader told Lukashenko during Monday's talks"
    )  # back at CBC's copy
    terminal.keys("q", "q")
    terminal.wait_exit()


def test_sort_threshold_own_words_and_compare_work(terminal: Terminal) -> None:
    open_cbc(terminal)
    terminal.keys("s", "s", "s")
    terminal.wait_text("sort: originality")
    terminal.keys("+", "+")
    terminal.wait_text("min score 10")
    terminal.keys("-")
    terminal.wait_text("min score 5")
    terminal.keys("u")
    terminal.wait_text("Own words on")
    assert "We see Belarus as our closest ally" not in terminal.screen()
    terminal.keys("u", "c")
    terminal.wait_text("Compare with")
    terminal.keys("Enter")
    terminal.wait_text("Switch side")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "Switch side" not in s)
    terminal.keys("q", "q")
    terminal.wait_exit()
