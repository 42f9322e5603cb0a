"""The ``newsreader`` command: open the reader, or run a report subcommand.

``newsreader [PATH ...]`` opens the app; ``newsreader NAME ...`` runs a report such as
``matches`` or ``search``. A first argument that names a subcommand selects it, so a file
literally called ``matches`` can still be opened as ``newsreader ./matches``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from newsreader import __version__
from newsreader.commands import Command, add_paths_argument, command_help, fail, load_command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the process exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    commands = dict(command_help())
    if args[:1] == ["--offline"] and len(args) > 1 and args[1] in commands:
        _go_offline()  # a global option before a subcommand: newsreader --offline matches URL
        args = args[1:]
    try:
        command = load_command(args[0]) if args and args[0] in commands else None
        if command is not None:
            return _run_command(command, args[1:])
        return _run_reader(args, commands)
    except KeyboardInterrupt:
        return 130


def _reader_parser(commands: dict[str, str]) -> argparse.ArgumentParser:
    lines = [f"  {name:<10} {help_text}" for name, help_text in commands.items()]
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Read the news across sources: list articles, read one, and see every "
        "passage other outlets share with it.",
        epilog=("subcommands (newsreader NAME --help):\n" + "\n".join(lines)) if lines else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--offline",
        action="store_true",
        help="read feeds and pages only from the cache; fetch nothing (also before a subcommand)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="settings file (TOML) instead of the platform's config.toml",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    return parser


def _run_reader(args: list[str], commands: dict[str, str]) -> int:
    options = _reader_parser(commands).parse_args(args)
    if options.offline:
        _go_offline()
    missing = [path for path in options.paths if not _may_exist(path)]
    if options.paths and len(missing) == len(options.paths):
        return fail("", "no such file or folder: " + ", ".join(missing), 2)
    # Starting up allocates hundreds of thousands of objects that all live on; collecting
    # garbage among them would only delay the first paint, after which the app enables it.
    gc.disable()
    from newsreader.ui.app import run_app

    return run_app(options.paths, config_path=options.config)


def _go_offline() -> None:
    """Make every load in this process use only the cache (the app loads on its own thread)."""
    from newsreader.core.fetch import OFFLINE_ENV

    os.environ[OFFLINE_ENV] = "1"


def _run_command(command: Command, args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=f"newsreader {command.name}", description=command.help)
    command.add_arguments(parser)
    return command.run(parser.parse_args(args))


def _may_exist(path: str) -> bool:
    """True for paths on disk and for URLs (which only a fetch can check)."""
    return (
        path.startswith(("http://", "https://")) or Path(path).exists() or Path(path).is_symlink()
    )
