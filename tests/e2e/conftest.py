"""A real terminal for end-to-end tests: tmux running the installed ``newsreader`` command."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("newsreader")


class Terminal:
    """One tmux session on a private server, with helpers to type and read the screen."""

    def __init__(self, socket_dir: Path, width: int, height: int) -> None:
        self.env = {**os.environ, "TMUX_TMPDIR": str(socket_dir), "TERM": "xterm-256color"}
        # COLUMNS/LINES (set by some runners) would override the pane's real size in the app.
        for name in ("TMUX", "COLUMNS", "LINES"):
            self.env.pop(name, None)
        self.width, self.height = width, height

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", *args], env=self.env, capture_output=True, text=True, timeout=20, check=False
        )
        return result.stdout

    def start(self, *args: str, cwd: Path | None = None) -> None:
        command = " ".join(shlex.quote(part) for part in (str(COMMAND), *args))
        # Create the pane at its final size first, then start the app in it: an app started by
        # new-session itself can see the default 80x24 before tmux applies -x/-y.
        self.tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "-c",
            str(cwd or Path.cwd()),
        )
        self.tmux("set-option", "-t", "e2e", "remain-on-exit", "on")
        self.tmux("respawn-pane", "-k", "-t", "e2e", "-c", str(cwd or Path.cwd()), command)

    def screen(self, *, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "e2e")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "e2e", key)
            # A lone ESC followed quickly by a key reads as Alt+key to a terminal app.
            time.sleep(0.5 if key == "Escape" else 0.15)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"screen never matched; last screen:\n{screen}")

    def wait_text(self, text: str, timeout: float = 20.0) -> str:
        return self.wait_for(lambda screen: text in screen, timeout)

    def wait_reader_text(self, text: str, timeout: float = 20.0) -> str:
        """Wait for ``text`` in the reader pane, however its lines are wrapped."""
        return self.wait_for(lambda screen: text in reader_text(screen), timeout)

    def exited(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "e2e", "#{pane_dead}").strip() == "1"

    def wait_exit(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exited():
                return
            time.sleep(0.1)
        raise AssertionError("newsreader did not exit:\n" + self.screen())


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is required for end-to-end tests (.ci/run installs it)")
    if not COMMAND.exists():
        pytest.fail(f"the installed command is missing: {COMMAND}")
    socket_dir = tmp_path / "tmux"
    socket_dir.mkdir()
    term = Terminal(socket_dir, 100, 30)
    yield term
    term.tmux("kill-server")


def reader_text(screen: str) -> str:
    """The reader pane's words in reading order: the right of the pane border, margin dropped."""
    parts = [
        line.split("\u2595", 1)[1][4:].rstrip().rstrip(SCROLLBAR)
        for line in screen.splitlines()
        if "\u2595" in line
    ]
    return " ".join(" ".join(parts).split())


SCROLLBAR = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588\u2594\u258f\u2595"
"""Glyphs a vertical scrollbar draws in the last column."""
