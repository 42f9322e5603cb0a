"""Quality on the hand annotation of the sample, and on real wire copy when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.core.loader import load_paths
from newsreader.core.matching import find_passages
from newsreader.core.matching.evaluate import evaluate, load_annotation
from newsreader.core.sample import sample_path

ANNOTATION = Path(__file__).resolve().parents[1] / "data" / "sample_annotation.json"
CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def test_sample_annotation_targets() -> None:
    articles = load_paths([sample_path()]).articles
    texts = {a.id: a.text for a in articles}
    groups, negatives = load_annotation(json.loads(ANNOTATION.read_text("utf-8")), texts)
    result = evaluate(find_passages(articles), groups, negatives, texts)
    assert result.recall["verbatim"] >= 0.95, result.missed
    assert result.recall["near"] >= 0.95, result.missed
    assert result.recall["all"] >= 0.80, result.missed
    assert result.precision >= 0.80
    assert result.negatives_linked == ()


def test_annotation_spans_exist_and_are_unambiguous() -> None:
    articles = load_paths([sample_path()]).articles
    texts = {a.id: a.text for a in articles}
    groups, negatives = load_annotation(json.loads(ANNOTATION.read_text("utf-8")), texts)
    assert sum(len(g.spans) >= 2 for g in groups) >= 8
    assert len(negatives) >= 15


@pytest.mark.corpus
def test_wire_copy_exact_runs_are_linked() -> None:
    wire = CORPORA / "wirecopy"
    if not wire.is_dir():
        pytest.skip("../shared/corpora/wirecopy is absent")
    from newsreader.core.matching.evaluate import exact_runs, runs_linked

    folders = sorted(p for p in wire.iterdir() if p.is_dir())[:12]
    found = total = 0
    for folder in folders:
        articles = load_paths([folder]).articles
        runs = exact_runs(articles, 12)
        total += len(runs)
        found += runs_linked(runs, find_passages(articles))
    assert total > 0
    assert found / total >= 0.95
