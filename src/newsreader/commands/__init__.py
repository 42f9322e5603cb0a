"""Subcommands of the ``newsreader`` command that print reports (no Textual here).

Each module exposes ``add_arguments(parser)`` and ``run(args) -> int``; :data:`REGISTRY`
names them (with their help line) for the CLI.
"""

from __future__ import annotations

import argparse
import importlib
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.core.article import LoadResult


@dataclass(frozen=True, slots=True)
class Command:
    """One report subcommand as the CLI sees it."""

    name: str
    """What the user types after ``newsreader``."""
    help: str
    """One line for ``newsreader --help``."""
    add_arguments: Callable[[argparse.ArgumentParser], None]
    """Adds the subcommand's own arguments to its parser."""
    run: Callable[[argparse.Namespace], int]
    """Runs the subcommand and returns the exit status."""


REGISTRY: tuple[tuple[str, str, str], ...] = (
    (
        "matches",
        "newsreader.commands.matches",
        "list the passages that articles share (verbatim, near copies, paraphrases)",
    ),
    (
        "search",
        "newsreader.commands.search",
        "find a word, name or phrase across articles (tolerant of typos and spellings)",
    ),
    (
        "stories",
        "newsreader.commands.stories",
        "group articles into stories: the reports of one event across outlets",
    ),
)
"""``(name, module, one-line help)`` of every subcommand. The module is imported only when its
command runs, so that opening the reader pays for none of them (nor does one broken
subcommand stop the others)."""


PATHS_HELP = "files, folders (read recursively), feeds or http(s) URLs; default: the sample"
"""Help for the PATH arguments every command takes."""


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """The ``PATH ...`` arguments, the same for the reader and every report."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)


def fail(command: str, message: str, status: int) -> int:
    """Print ``newsreader COMMAND: error: MESSAGE`` on stderr, made safe; return ``status``."""
    from newsreader.core.sanitize import clean_line

    prefix = f"newsreader {command}" if command else "newsreader"
    print(f"{prefix}: error: {clean_line(message)}", file=sys.stderr)
    return status


def number_between(value: str, low: float, high: float) -> float | None:
    """``value`` as a finite number from ``low`` to ``high``, or None (a usage error)."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and low <= number <= high else None


def load_or_report(command: str, paths: Sequence[str]) -> LoadResult | int:
    """Load ``paths`` (the sample when empty); when nothing loads, say why and give status 1."""
    from newsreader.core.loader import load_paths
    from newsreader.core.sample import sample_path

    loaded = load_paths(list(paths) or [sample_path()])
    if loaded.articles:
        return loaded
    for skip in loaded.skipped:
        print(f"skipped {skip.path}: {skip.reason}", file=sys.stderr)
    return fail(command, f"no articles could be loaded ({len(loaded.skipped)} skipped)", 1)


def command_help() -> tuple[tuple[str, str], ...]:
    """``(name, help)`` of every subcommand, without importing any of them."""
    return tuple((name, help_text) for name, _, help_text in REGISTRY)


def load_command(name: str) -> Command | None:
    """The subcommand called ``name`` (its module imported now), or None."""
    for known, module_name, help_text in REGISTRY:
        if known == name:
            module = importlib.import_module(module_name)
            return Command(name, help_text, module.add_arguments, module.run)
    return None


def all_commands() -> tuple[Command, ...]:
    """Every subcommand, each module imported (for tests and documentation)."""
    return tuple(command for name, _, _ in REGISTRY if (command := load_command(name)) is not None)
