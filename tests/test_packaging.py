"""A plain (non-editable) install ships the sample: ``newsreader`` run from an empty folder
opens the five bundled articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


def test_wheel_ships_the_sample_and_runs_from_an_empty_folder(tmp_path: Path) -> None:
    wheels, site, empty = tmp_path / "wheels", tmp_path / "site", tmp_path / "empty"
    empty.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)]
    subprocess.run(build, check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("newsreader-*.whl")
    install = [*pip, "install", "--no-deps", "--target", str(site), str(wheel)]
    subprocess.run(install, check=True, capture_output=True, timeout=300)
    assert sorted(p.name for p in (site / "newsreader" / "seeds").glob("*.txt")) == sorted(
        p.name for p in (REPO / "seeds").glob("*.txt")
    )

    env = {**os.environ, "PYTHONPATH": str(site), "NEWSREADER_CACHE_DIR": str(tmp_path / "c")}
    code = "import newsreader, sys; print(newsreader.__file__)"
    where = subprocess.run([sys.executable, "-c", code], env=env, cwd=empty,
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert where.stdout.startswith(str(site)), "the installed wheel, not the checkout, must run"
    report = subprocess.run(
        [sys.executable, "-m", "newsreader", "matches", "--format", "json"],
        env=env, cwd=empty, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    data = json.loads(report.stdout)
    assert len(data["articles"]) == 5
    assert all(article["path"].startswith(str(site)) for article in data["articles"])
    assert data["skipped"] == []
