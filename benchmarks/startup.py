"""Startup: process start to the first painted article list, against a bare Textual app.

Both programs run in a real pseudo-terminal (80x24); the clock stops when the text that
proves the screen is painted (a sample title, or "Hello") appears in the terminal output.
Run: ``.venv/bin/python benchmarks/startup.py [RUNS]``.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

HELLO = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, bare Textual")

Hello().run()
"""
BIN = Path(sys.executable).parent


def time_to_text(argv: list[str], marker: bytes, timeout: float = 30.0) -> float:
    """Seconds from spawning ``argv`` in a pty until ``marker`` appears in its output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        # Both programs run from compiled bytecode, as after a normal install (pip compiles
        # site-packages; an editable install's sources are compiled on the warm-up run).
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - start
        raise RuntimeError(f"{argv} never showed {marker!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    hello = [sys.executable, "-c", HELLO]
    reader = [str(BIN / "newsreader")]
    time_to_text(hello, b"Hello")  # warm the file cache for both before measuring
    time_to_text(reader, b"Putin pledges")
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(runs):  # interleaved, so a busy moment on the machine slows both alike
        bare.append(time_to_text(hello, b"Hello"))
        ours.append(time_to_text(reader, b"Putin pledges"))
    bare_median, our_median = statistics.median(bare), statistics.median(ours)
    print(f"command: {' '.join([sys.executable, *sys.argv])}")
    print(f"bare Textual app, first paint:        median {bare_median * 1000:.0f} ms ({runs} runs)")
    print(f"newsreader on the sample, first list: median {our_median * 1000:.0f} ms ({runs} runs)")
    print(f"ratio newsreader / bare: {our_median / bare_median:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
