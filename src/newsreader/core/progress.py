"""Counting work done for a progress bar: the loader's files and the fetcher's requests.

Kept apart from ``fetch`` so that loading local files never imports the network code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ProgressCallback = Callable[[int, int, str], None]
"""``callback(done, total, label)``: one more step is finished, ``label`` says which."""


@dataclass
class Progress:
    """Counts work done and to do, and reports each change to the optional callback."""

    callback: ProgressCallback | None = None
    """Where changes are reported (a progress bar), or ``None``."""
    done: int = 0
    """Steps finished."""
    total: int = 0
    """Steps known so far."""

    def add(self, count: int = 1) -> None:
        """Announce ``count`` more steps."""
        self.total += count

    def step(self, label: str) -> None:
        """One step finished; ``label`` says which (a path or a URL)."""
        self.done += 1
        if self.callback is not None:
            self.callback(self.done, max(self.total, self.done), label)
