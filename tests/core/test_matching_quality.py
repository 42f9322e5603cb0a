"""Quality on the strict hand annotation of the sample, and on real wire copy when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.core.loader import load_paths
from newsreader.core.matching import find_passages
from newsreader.core.matching.evaluate import evaluate, load_annotation
from newsreader.core.sample import sample_path

ANNOTATION = Path(__file__).resolve().parents[1] / "data" / "sample_annotation.json"
HELDOUT = ANNOTATION.with_name("heldout_annotation.json")
CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def test_sample_annotation_targets() -> None:
    articles = load_paths([sample_path()]).articles
    texts = {a.id: a.text for a in articles}
    groups, negatives = load_annotation(json.loads(ANNOTATION.read_text("utf-8")), texts)
    result = evaluate(find_passages(articles), groups, negatives, texts)
    assert result.recall["verbatim"] >= 0.95, result.missed
    assert result.recall["near"] >= 0.95, result.missed
    assert result.precision >= 0.95
    assert result.negatives_linked == ()
    # Retold pairs (the same statement in other words) are reported, not asserted here: the
    # retold target (>= 0.90) is asserted by the engine work of issue 12.
    print(f"retold recall {result.recall['retold']:.2f} of {result.pairs['retold']} pairs")


def test_annotation_is_strict_and_balanced() -> None:
    articles = load_paths([sample_path()]).articles
    texts = {a.id: a.text for a in articles}
    groups, negatives = load_annotation(json.loads(ANNOTATION.read_text("utf-8")), texts)
    pairs = {
        kind: sum(len(g.required_pairs()) for g in groups if g.kind == kind)
        for kind in ("verbatim", "near", "retold")
    }
    assert min(pairs.values()) >= 1
    # Look-alikes are chosen as carefully as the positives: at least as many.
    assert len(negatives) >= pairs["retold"]
    # Optional material stays the exception.
    optional = sum(len(g.extra) for g in groups)
    assert optional <= sum(len(g.spans) for g in groups) // 2


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


@pytest.mark.corpus
def test_heldout_annotation_resolves_against_the_corpora() -> None:
    """The held-out spans still hold the annotated text (offsets and digests), when present.

    Only the annotation is checked here: the engine's figures on it are reported by
    ``benchmarks/quality.py``, never asserted, so that nobody tunes on it.
    """
    data = json.loads(HELDOUT.read_text("utf-8"))
    folders = [CORPORA / cluster for cluster in data["clusters"]]
    if not all(folder.is_dir() for folder in folders):
        pytest.skip("the held-out BASIL clusters are absent from ../shared/corpora")
    texts = {
        Path(a.path).resolve().relative_to(CORPORA.resolve()).as_posix(): a.text
        for a in load_paths([p for f in folders for p in sorted(f.glob("*.txt"))]).articles
    }
    groups, negatives = load_annotation(data, texts)
    assert {g.kind for g in groups} >= {"verbatim", "near", "retold"}
    assert negatives
