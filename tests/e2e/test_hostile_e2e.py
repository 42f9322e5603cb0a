"""The whole hostile corpus in the installed app, in a real terminal (tmux).

Asserted: the app starts and stays up, every good article is listed beside the bad inputs,
no sequence from the corpus reaches the terminal (pane title unchanged, no paste buffer, the
app's own layout intact and its first row still on screen after every article was shown),
markup shows literally, a 5 MB single line keeps the keys responsive, and neither the input
tree nor anything beside it is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hostile.corpus import MARKUP, PWNED, SECRET, article, build, snapshot, write

from .conftest import Terminal, reader_text

pytestmark = pytest.mark.e2e


def title_of(terminal: Terminal) -> str:
    return terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}").strip()


def assert_terminal_untouched(terminal: Terminal, title: str) -> str:
    screen = terminal.screen()
    assert title_of(terminal) == title
    assert PWNED not in title_of(terminal)
    assert terminal.tmux("list-buffers").strip() == ""  # OSC 52 would create one
    assert PWNED not in screen and SECRET not in screen
    raw = terminal.screen(escapes=True)
    assert "\x1b]" not in raw and "\x1bP" not in raw  # no OSC or DCS on the pane
    return screen


@pytest.mark.slow
def test_the_whole_hostile_folder_in_the_app(terminal: Terminal, tmp_path: Path) -> None:
    home = tmp_path / "home"  # tmp_path also holds tmux's socket
    corpus = build(home)
    before = snapshot(home)
    terminal.start("--offline", str(corpus.root), cwd=home)
    terminal.wait_text("skipped")
    # tmux's own title before the app could have changed it: the host name, set by tmux.
    title = title_of(terminal)
    screen = assert_terminal_untouched(terminal, title)
    assert f"{len(corpus.good)} articles" in screen
    assert corpus.sentinel in screen
    # Show every article in the reader, one key at a time: the app stays up, nothing leaks,
    # and the markup article's title and text show as typed.
    seen = set()
    for _ in range(len(corpus.good)):
        terminal.keys("j")
        screen = assert_terminal_untouched(terminal, title)
        seen |= {
            piece for piece in ("[bold red]RED[/]", "[@click=app.quit]QUIT[/]") if piece in screen
        }
    assert seen == {"[bold red]RED[/]", "[@click=app.quit]QUIT[/]"}
    assert MARKUP.split(" ", 1)[0] in "".join(seen)
    assert not terminal.exited()
    terminal.keys("g")
    screen = terminal.wait_text(corpus.sentinel)
    # The app's own layout is whole: every row there, the pane border on the body rows.
    lines = screen.splitlines()
    assert len(lines) == terminal.height
    assert sum("\u2595" in line for line in lines) >= terminal.height - 4
    # The skipped list: every reason shown, still clean.
    terminal.keys("!")
    terminal.wait_text("binary data, not text")
    screen = assert_terminal_untouched(terminal, title)
    assert "skipped" in screen and "not valid JSON" in screen
    terminal.keys("Escape", "q")
    terminal.wait_exit()
    assert title_of(terminal) == title
    assert terminal.tmux("list-buffers").strip() == ""
    assert snapshot(home) == before  # no user file written, nothing beside it either
    assert not any(path.name.startswith(".") for path in corpus.root.iterdir())


@pytest.mark.slow
def test_a_5mb_single_line_keeps_the_app_responsive(terminal: Terminal, tmp_path: Path) -> None:
    folder = tmp_path / "long"
    write(folder / "a.txt", article("First short story"))
    words = b"The harbour authority said the ferry terminal would open in spring. "
    write(folder / "b.txt", b"One five megabyte line\n\n" + words * (5 * 1024 * 1024 // len(words)))
    write(folder / "c.txt", article("Last short story"))
    terminal.start(str(folder), cwd=tmp_path)
    terminal.wait_text("3 articles")
    timings: dict[str, float] = {}

    def timed(name: str, key: str, predicate: Callable[[str], bool], limit: float) -> None:
        before = terminal.screen()
        started = time.monotonic()
        terminal.keys(key)
        terminal.wait_for(lambda s: s != before and predicate(s), limit)
        timings[name] = time.monotonic() - started

    # Showing the article wraps 5 MB of text (seconds, see SECURITY.md); every key after that
    # answers at once, whatever the position in the article.
    timed("select", "j", lambda s: s.count("One five megabyte line") == 2, 20)
    timed("open", "Enter", lambda s: True, 5)
    timed("page down", "space", lambda s: "One five megabyte line" not in reader_text(s), 5)
    timed("bottom", "G", lambda s: "One five megabyte line" not in reader_text(s), 5)
    timed("top", "g", lambda s: "One five megabyte line" in reader_text(s), 5)
    timed("back", "h", lambda s: True, 5)
    timed("next", "j", lambda s: s.count("Last short story") == 2, 5)
    print(f"\n5 MB line, seconds per step: {timings}")
    assert not terminal.exited()  # quitting while matching is the next test


@pytest.mark.slow
def test_quitting_while_matching_a_5mb_line_is_prompt(terminal: Terminal, tmp_path: Path) -> None:
    folder = tmp_path / "long"
    write(folder / "a.txt", article("First short story"))
    words = b"The harbour authority said the ferry terminal would open in spring. "
    write(folder / "b.txt", b"One five megabyte line\n\n" + words * (5 * 1024 * 1024 // len(words)))
    terminal.start(str(folder), cwd=tmp_path)
    terminal.wait_text("matching")
    terminal.keys("q")
    terminal.wait_exit(10)
