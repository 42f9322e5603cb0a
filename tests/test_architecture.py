"""The core/UI split is checked, not hoped for: no core module pulls in Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import newsreader.core


def core_modules() -> list[str]:
    prefix = newsreader.core.__name__ + "."
    names = [info.name for info in pkgutil.walk_packages(newsreader.core.__path__, prefix)]
    return [newsreader.core.__name__, *names]


def test_core_modules_are_found() -> None:
    assert "newsreader.core.loader" in core_modules()


@pytest.mark.parametrize("module", core_modules())
def test_core_module_imports_without_textual(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = [m for m in sys.modules "
        "if m == 'textual' or m.startswith(('textual.', 'newsreader.ui'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_report_commands_import_without_textual() -> None:
    code = (
        "import sys; from newsreader.commands import all_commands; all_commands(); "
        "import newsreader.cli; sys.exit('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
