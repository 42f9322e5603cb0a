"""The installed ``newsreader`` command in a real terminal: launch, keys, quit, hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.sample import sample_path

from .conftest import Terminal

pytestmark = pytest.mark.e2e

FIRST = "Putin pledges 1.5 billion dollar loan"
SECOND = "Putin bestows $1.5 billion loan"


def test_sample_opens_with_no_argument_and_every_key_works(
    terminal: Terminal, tmp_path: Path
) -> None:
    # Started from an empty folder: the sample must come from the installed package.
    terminal.start(cwd=tmp_path)
    # The status line and the list's first paint can land in different frames: wait for both.
    terminal.wait_for(lambda s: "5 articles" in s and FIRST in s and SECOND in s)
    terminal.keys("j")
    terminal.wait_for(lambda s: s.count(SECOND) == 2)  # listed and shown in the reader
    terminal.keys("k", "Down")
    terminal.wait_for(lambda s: s.count(SECOND) == 2)
    terminal.keys("Enter", "space")
    terminal.wait_for(lambda s: "Belarus" in s and s.count(SECOND) == 1)  # scrolled past the title
    terminal.keys("g")
    terminal.wait_for(lambda s: s.count(SECOND) == 2)
    terminal.keys("G", "b", "j", "k", "h", "Tab", "Escape", "l")
    terminal.keys("?")
    terminal.wait_text("newsreader keys")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "newsreader keys" not in s)
    terminal.keys("q")  # from the reader: back to the list
    terminal.wait_for(lambda s: "Open" in s)
    assert not terminal.exited()
    terminal.keys("q")
    terminal.wait_exit()


def test_ctrl_p_opens_the_command_palette(terminal: Terminal) -> None:
    terminal.start(str(sample_path()))
    terminal.wait_text("5 articles")
    terminal.keys("C-p")
    terminal.wait_text("Search for commands")
    terminal.keys("Escape", "q")
    terminal.wait_exit()


def test_hostile_text_never_reaches_the_terminal(terminal: Terminal, tmp_path: Path) -> None:
    esc = "\x1b"
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "attack.txt").write_text(
        f"Title{esc}]0;PWNED-TITLE\x07 [bold red]x[/]\n\n"
        f"Clip{esc}]52;c;cHduZWQ={esc}\\board {esc}[2J [@click=app.quit]click[/] end\n"
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "good.txt").write_text("Good article\n\nPlain body.")
    terminal.start(str(folder))
    screen = terminal.wait_for(lambda s: "2 articles" in s and "Clipboard" in s)
    assert "1 skipped" in screen
    assert "Title [bold red]x[/]" in screen
    assert "Clipboard  [@click=app.quit]click[/] end" in screen
    title = terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
    assert "PWNED" not in title
    assert terminal.tmux("list-buffers").strip() == ""
    terminal.keys("!")
    terminal.wait_text("binary data, not text")
    terminal.keys("Escape", "q")
    terminal.wait_exit()
