"""Fixtures for UI tests: the app built by the same factory as the CLI, over known data."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from newsreader.core.library import Library
from newsreader.core.matching import Passage, find_passages
from newsreader.ui.app import NewsreaderApp, create_app


@pytest.fixture
def library(sample_copy: Path) -> Library:
    """The sample, loaded from a copy with fixed dates."""
    return Library.load([sample_copy])


@pytest.fixture
def app(library: Library) -> NewsreaderApp:
    """The plain reader over the sample (no passage matching)."""
    return create_app(library=library, match=False)


@pytest.fixture
def passages(library: Library) -> tuple[Passage, ...]:
    """The engine's passages for the sample, computed once per test."""
    return find_passages(library.articles)


@pytest.fixture
def matched_app(library: Library, passages: tuple[Passage, ...]) -> NewsreaderApp:
    """The reader over the sample with its shared passages."""
    return create_app(library=library, passages=passages)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until background work (which starts more background work) is done and painted."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
