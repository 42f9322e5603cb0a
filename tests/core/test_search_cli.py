"""``newsreader search``: the JSON contract, the text format and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsreader.cli import main
from newsreader.core.loader import load_paths
from newsreader.core.sample import sample_path

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "query", "hits"],
    "properties": {
        "version": {"const": 1},
        "query": {"type": "string"},
        "hits": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "article",
                    "path",
                    "title",
                    "start",
                    "end",
                    "text",
                    "context",
                    "score",
                    "exact",
                ],
                "properties": {
                    "article": {"type": "string"},
                    "path": {"type": "string"},
                    "title": {"type": "string"},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "text": {"type": "string", "minLength": 1},
                    "context": {"type": "string", "pattern": "^[^\\n\\r]*$"},
                    "score": {"type": "number", "minimum": 0, "maximum": 1},
                    "exact": {"type": "boolean"},
                },
            },
        },
    },
}


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["search", *args, "--format", "json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    return document


def test_json_contract_and_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    document = run_json(capsys, "Tikhanovskaya")
    texts = {a.id: a.text for a in load_paths([sample_path()]).articles}
    hits = document["hits"]
    assert isinstance(hits, list) and hits
    assert document["query"] == "Tikhanovskaya"
    for hit in hits:
        assert hit["text"] == texts[hit["article"]][hit["start"] : hit["end"]]
        assert hit["text"] in hit["context"]
    assert {hit["text"] for hit in hits} == {"Tikhanovskaya", "Tsikhanouskaya"}
    exact = [hit["exact"] for hit in hits]
    assert exact == sorted(exact, reverse=True)  # every exact hit before every fuzzy one


def test_every_sample_article_naming_her_is_found(capsys: pytest.CaptureFixture[str]) -> None:
    mentions = {
        a.id
        for a in load_paths([sample_path()]).articles
        if "Tikhanovskaya" in a.text or "Tsikhanouskaya" in a.text
    }
    found = {hit["article"] for hit in run_json(capsys, "Tikhanovskaya")["hits"]}
    assert found == mentions and len(mentions) >= 4


def test_lukashenka_and_unrelated(capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(capsys, "Lukashenka")["hits"]
    assert isinstance(hits, list) and {hit["text"] for hit in hits} == {"Lukashenko"}
    assert run_json(capsys, "banana")["hits"] == []


def test_limit(capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(capsys, "Putin", "--limit", "3")["hits"]
    assert isinstance(hits, list) and len(hits) == 3


def test_paths_are_searched_instead_of_the_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kyiv.txt").write_text("Kyiv talks\n\nLeaders met in Kyiv on Monday.\n")
    hits = run_json(capsys, "Kiev", str(tmp_path))["hits"]
    assert isinstance(hits, list)
    assert [(hit["article"], hit["text"], hit["exact"]) for hit in hits] == [
        ("kyiv", "Kyiv", False)
    ]


def test_text_format_one_line_per_hit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", '"closest ally"']) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all("[closest ally]" in line and "exact" in line for line in lines)


def test_no_hits_is_success_with_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "xylophone"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no hits" in captured.err


def test_query_without_words_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "?!"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no words" in err


@pytest.mark.parametrize("limit", ["0", "-1", "many"])
def test_bad_limit_exits_2(limit: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["search", "Putin", "--limit", limit])
    assert stopped.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_bad_format_exits_2() -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["search", "Putin", "--format", "xml"])
    assert stopped.value.code == 2


def test_nothing_loaded_exits_1_and_reports_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "Putin", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("skipped" in line and "missing.txt" in line for line in err)
    assert err[-1] == "newsreader search: error: no articles loaded"


def test_skipped_files_reported_but_search_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nPutin spoke.\n")
    assert main(["search", "Putin", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    captured = capsys.readouterr()
    assert "[Putin]" in captured.out
    assert "skipped" in captured.err and "b.txt" in captured.err
