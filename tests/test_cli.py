"""The command line: version, help, ``python -m``, and clear errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsreader import __version__
from newsreader.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_version_via_python_m() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newsreader {__version__}"


def test_help_lists_paths_and_subcommands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "PATH" in result.stdout


def test_missing_paths_give_one_clear_line_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([str(tmp_path / "nope"), str(tmp_path / "gone")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("newsreader: error: no such file or folder:")
    assert "Traceback" not in err


def test_unknown_option_is_a_usage_error() -> None:
    result = run("--frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
