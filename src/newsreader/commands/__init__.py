"""Subcommands of the ``newsreader`` command that print reports (no Textual here).

Each module exposes ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``;
:data:`COMMANDS` lists them for the CLI.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


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


def all_commands() -> tuple[Command, ...]:
    """Every report subcommand, imported lazily so that ``newsreader`` starts fast."""
    from newsreader.commands import matches, search

    return (
        Command(matches.NAME, matches.HELP, matches.add_arguments, matches.run),
        Command(search.NAME, search.HELP, search.add_arguments, search.run),
    )
