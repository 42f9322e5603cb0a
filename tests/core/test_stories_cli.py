"""``newsreader stories`` and ``matches --format markdown``: contracts and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from test_matches_cli import SCHEMA as MATCHES_SCHEMA

from newsreader.cli import main
from newsreader.core.loader import load_paths
from newsreader.core.sample import sample_path

STORIES_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "stories", "articles"],
    "properties": {
        "version": {"const": 1},
        "stories": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "articles"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "title": {"type": "string"},
                    "articles": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                },
            },
        },
        "articles": MATCHES_SCHEMA["properties"]["articles"],  # type: ignore[index]
    },
}


def write(folder: Path, name: str, title: str, body: str) -> None:
    (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def test_json_contract_every_article_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    jsonschema.validate(data, STORIES_SCHEMA)
    ids = [a["id"] for a in data["articles"]]
    assert ids == [a.id for a in load_paths([sample_path()]).articles]
    listed = [article_id for story in data["stories"] for article_id in story["articles"]]
    assert sorted(listed) == sorted(ids)
    assert len(data["stories"]) == 1  # the sample is five reports of one event
    assert captured.err == ""


def test_ids_stable_between_runs(capsys: pytest.CaptureFixture[str]) -> None:
    main(["stories", "--format", "json"])
    first = json.loads(capsys.readouterr().out)["stories"]
    main(["stories", "--format", "json"])  # the second run reads passages from the cache
    assert json.loads(capsys.readouterr().out)["stories"] == first
    main(["stories", "--format", "json", "--no-passages"])
    alone = json.loads(capsys.readouterr().out)["stories"]
    assert [(s["id"], s["articles"]) for s in alone] == [(s["id"], s["articles"]) for s in first]


def test_text_lists_outlets_and_articles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "a.txt", "Lone piece", "A rare white stork nested on the mill chimney.")
    write(tmp_path, "b.txt", "Other piece", "The chess final was drawn after six hours.")
    assert main(["stories", str(tmp_path), str(tmp_path / "missing.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 stories in 2 articles (0 with more than one article)")
    assert "1 article · 1 outlet:" in out and "[a]" in out and "[b]" in out
    assert "Skipped 1 input:" in out


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--threshold", "2"], 2, "--threshold must be a number from 0 to 1"),
        (["--threshold", "nan"], 2, "--threshold must be a number from 0 to 1"),
        (["/no/such/path"], 1, "no articles could be loaded (1 skipped)"),
    ],
)
def test_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], status: int, message: str
) -> None:
    assert main(["stories", *args]) == status
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"newsreader stories: error: {message}" in captured.err


def test_matches_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matches", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ") and "shared passage" in out.splitlines()[0]
    assert "**" in out and "[^1-1]: Also in: " in out


def test_matches_json_and_text_unchanged_by_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matches", "--format", "json"]) == 0
    jsonschema.validate(json.loads(capsys.readouterr().out), MATCHES_SCHEMA)
    assert main(["matches"]) == 0
    assert "shared passage" in capsys.readouterr().out.splitlines()[0]
