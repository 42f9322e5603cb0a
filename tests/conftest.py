"""Shared fixtures: every test runs with its own cache, data and config folders."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from newsreader.core.sample import sample_path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
"""The team's real-news corpora beside the checkout; tests that need them skip without."""

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FIXED_MTIME = 1_600_000_000  # 2020-09-13: file dates in snapshots must not depend on the clone day


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep caches, state and config of a test away from the user's own folders."""
    base = tmp_path_factory.mktemp("nr-home")
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(base / "config.toml"))


@pytest.fixture
def sample_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of the bundled sample with fixed file dates."""
    target = tmp_path / "sample"
    shutil.copytree(sample_path(), target)
    for path in target.iterdir():
        path.chmod(0o644)
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    yield target


def corpus(name: str) -> Path:
    """Path of a shared corpus, skipping the calling test when it is not there."""
    path = CORPORA / name
    if not path.exists():
        pytest.skip(f"corpus {name} not available at {path}")
    return path
