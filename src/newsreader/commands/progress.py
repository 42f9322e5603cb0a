"""Progress of a long report on stderr (never stdout, which carries the report itself).

On a terminal: Rich's progress bar, one task per engine stage. Elsewhere (a pipe, a log): one
line per stage, and only for inputs large enough to take a while.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

QUIET_BELOW = 200
"""Articles under which a non-terminal run prints no progress lines."""


class Meter:
    """A ``progress(stage, done, total)`` callback; use it as a context manager."""

    def __init__(self, stream: TextIO, articles: int) -> None:
        self.stream = stream
        self.lines = not stream.isatty() and articles >= QUIET_BELOW
        self.bar: Progress | None = None
        if stream.isatty():
            console = Console(file=stream)
            columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn())
            self.bar = Progress(*columns, console=console, transient=True)
        self.stage = ""
        self.task: TaskID | None = None

    def __enter__(self) -> Meter:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stage = stage
            if self.lines:
                print(f"{stage} ({total:,})", file=self.stream, flush=True)
            if self.bar is not None:
                self.task = self.bar.add_task(stage, total=total or None)
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done, total=total or None)
