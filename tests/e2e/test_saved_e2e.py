"""Stories, saved state, config and export with the real command in a real terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Terminal

pytestmark = pytest.mark.e2e


def test_config_stories_star_export_and_state_across_restarts(
    terminal: Terminal, tmp_path: Path
) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("min_score = 300\n")
    work = tmp_path / "work"
    work.mkdir()
    terminal.start("--config", str(config), cwd=work)
    terminal.wait_text("min_score")  # the bad value is reported (with its file and line)
    terminal.wait_text("passages")
    terminal.keys("t")
    terminal.wait_text("▾ ")
    terminal.wait_text("1 story")  # the sample is one event
    terminal.keys("t", "j", "*")
    terminal.wait_text("★")
    terminal.keys("e")
    terminal.wait_text("Exported to")
    assert len(list(work.glob("*.md"))) == 1
    terminal.keys("q")
    terminal.wait_exit()
    terminal.tmux("kill-server")

    terminal.start(cwd=work)
    terminal.wait_text("passages")
    screen = terminal.wait_text("★")
    assert screen.count("★") == 1
    terminal.keys("q")
    terminal.wait_exit()
