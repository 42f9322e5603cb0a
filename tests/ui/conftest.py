"""Fixtures for UI tests: the app built by the same factory as the CLI, over known data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.library import Library
from newsreader.ui.app import NewsreaderApp, create_app


@pytest.fixture
def library(sample_copy: Path) -> Library:
    """The sample, loaded from a copy with fixed dates."""
    return Library.load([sample_copy])


@pytest.fixture
def app(library: Library) -> NewsreaderApp:
    """The app over the sample."""
    return create_app(library=library)
