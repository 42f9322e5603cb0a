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


READERS = (
    "newsreader.core.sources.html",
    "newsreader.core.sources.feeds",
    "newsreader.core.sources.jsonl",
    "newsreader.core.sources.opml",
    "newsreader.core.sources.remote",
    "newsreader.core.fetch",
)
"""The reader modules the loader imports only when an input needs them."""
LIBRARIES = (
    "trafilatura",
    "trafilatura.settings",
    "trafilatura.utils",
    "lxml.html.clean",
    "lxml_html_clean",
    "feedparser",
    "defusedxml.sax",
    "httpx",
    "orjson",
    "isal.igzip",
)
"""What those readers import lazily (pages, feeds, the network, dumps)."""


def test_every_optional_reader_imports_in_a_fresh_interpreter() -> None:
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    done = subprocess.run([sys.executable, "-c", code, *READERS, *LIBRARIES],
                          check=False, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_every_library_a_reader_imports_is_declared_directly() -> None:
    """Declared by us, not only by a library that needs it: an older pip resolving
    trafilatura left lxml_html_clean out, and every page and feed failed to load."""
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_canonical(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0])
                for dep in project["dependencies"]}  # fmt: skip
    providers = packages_distributions()
    for library in LIBRARIES:
        top = library.split(".")[0]
        if library == "lxml.html.clean":
            continue  # a module of lxml that only forwards to lxml_html_clean
        (distribution, *_) = providers[top]
        assert _canonical(distribution) in declared, f"{distribution} (for {library})"


def _canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")
