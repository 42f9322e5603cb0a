"""``newsreader matches``: the JSON contract, round trip, text format and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsreader.cli import main
from newsreader.core.loader import load_paths
from newsreader.core.sample import sample_path

SPAN = {
    "type": "object",
    "additionalProperties": False,
    "required": ["article", "start", "end"],
    "properties": {
        "article": {"type": "string"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "articles", "passages", "skipped"],
    "properties": {
        "version": {"const": 1},
        "articles": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "path", "title", "source", "date", "date_source", "url", "text"],
                "properties": {
                    "id": {"type": "string"},
                    "path": {"type": "string"},
                    "title": {"type": "string"},
                    "source": {"type": "string"},
                    "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d\d-\d\d$"},
                    "date_source": {"enum": ["text", "metadata", "feed", "file", None]},
                    "url": {"type": ["string", "null"]},
                    "text": {"type": "string"},
                },
            },
        },
        "passages": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "kind", "score", "quote", "spans"],
                "properties": {
                    "id": {"type": "string"},
                    "kind": {"enum": ["verbatim", "near", "paraphrase"]},
                    "score": {"type": "number", "minimum": 0, "maximum": 100},
                    "quote": {"type": "string"},
                    "spans": {"type": "array", "minItems": 2, "items": SPAN},
                },
            },
        },
        "skipped": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "reason"],
                "properties": {"path": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["matches", "--format", "json", *args]) == 0
    out = capsys.readouterr().out
    data: dict[str, Any] = json.loads(out)
    return data


def test_json_matches_the_schema_and_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys)
    jsonschema.validate(data, SCHEMA)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert set(texts) == {a.id for a in load_paths([sample_path()]).articles}
    assert data["passages"], "the sample shares passages"
    for passage in data["passages"]:
        for span in passage["spans"]:
            text = texts[span["article"]]
            piece = text[span["start"] : span["end"]]
            assert 0 <= span["start"] < span["end"] <= len(text)
            assert piece == piece.strip() and piece
            # Word boundaries: never a cut inside a word.
            assert span["start"] == 0 or not text[span["start"] - 1].isalnum()
            assert span["end"] == len(text) or not text[span["end"]].isalnum()
    scores = [p["score"] for p in data["passages"]]
    assert scores == sorted(scores, reverse=True)
    assert len({p["id"] for p in data["passages"]}) == len(scores)


def test_min_score_drops_weaker_passages(capsys: pytest.CaptureFixture[str]) -> None:
    every = run_json(capsys)["passages"]
    strong = run_json(capsys, "--min-score", "90")["passages"]
    assert strong == [p for p in every if p["score"] >= 90]
    assert 0 < len(strong) < len(every)


def test_skipped_files_are_reported_not_fatal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nOne sentence about a harbour.\n", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    data = run_json(capsys, str(tmp_path / "a.txt"), str(tmp_path / "b.pdf"))
    assert [a["id"] for a in data["articles"]] == ["a"]
    assert data["passages"] == []
    assert [s["path"] for s in data["skipped"]] == [str(tmp_path / "b.pdf")]


def test_text_report_lists_strongest_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matches"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].endswith("in 5 articles")
    assert lines[2].startswith("1. verbatim 100")
    assert "We see Belarus as our closest ally" in captured.out
    assert captured.err == ""  # no progress for a small, non-terminal run


@pytest.mark.parametrize("value", ["-1", "101", "abc", "nan"])
def test_bad_min_score_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert main(["matches", "--min-score", value]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0 and "--min-score" in captured.err


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["matches", "--format", "xml"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().out == ""


def test_nothing_loaded_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["matches", str(tmp_path / "missing")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no articles could be loaded" in captured.err
