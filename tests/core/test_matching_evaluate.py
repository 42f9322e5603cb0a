"""The annotation scorer on short texts written for these tests (not the sample)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.matching.evaluate import (
    evaluate,
    load_annotation,
    resolve,
    span_digest,
)
from newsreader.core.matching.model import Passage, Span

TEXTS = {
    "a": "The mayor opened the new bridge on Tuesday. Rain fell all day. The mayor opened it.",
    "b": "On Tuesday the city's new bridge was opened by the mayor. Traffic was light.",
    "c": "Officials said traffic on the bridge was light. The mayor opened the new bridge.",
}


def quoted(article: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"article": article, "text": text, **extra}


def at(article: str, text: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXTS[article].index(text, start + 1)
    return Span(article, start, start + len(text))


def passage(*spans: Span) -> Passage:
    return Passage("p", "near", 90.0, "", tuple(spans))


RETOLD = {
    "passages": [
        {
            "kind": "retold",
            "note": "the bridge opening",
            "spans": [
                quoted("a", "The mayor opened the new bridge on Tuesday"),
                quoted("b", "On Tuesday the city's new bridge was opened by the mayor"),
            ],
        }
    ],
    "negatives": [
        {
            "note": "traffic vs opening",
            "sides": [
                [quoted("b", "Traffic was light"), quoted("c", "traffic on the bridge was light")],
                [quoted("a", "Rain fell all day")],
            ],
        }
    ],
}


def test_retold_pair_found_and_counted_per_kind() -> None:
    groups, negatives = load_annotation(RETOLD, TEXTS)
    linked = passage(
        at("a", "The mayor opened the new bridge on Tuesday"),
        at("b", "On Tuesday the city's new bridge was opened by the mayor"),
    )
    found = evaluate([linked], groups, negatives, TEXTS)
    assert found.recall == {"retold": 1.0, "all": 1.0}
    assert found.pairs == {"retold": 1, "all": 1}
    assert found.precision == 1.0
    missed = evaluate([], groups, negatives, TEXTS)
    assert missed.recall["retold"] == 0.0
    assert missed.missed == ("retold: the bridge opening [a / b]",)


def test_negative_sides_expand_to_every_pair_across() -> None:
    _, negatives = load_annotation(RETOLD, TEXTS)
    assert len(negatives) == 2
    assert {n.first[0].article for n in negatives} == {"b", "c"}


def test_look_alike_linked_is_reported_and_costs_precision() -> None:
    groups, negatives = load_annotation(RETOLD, TEXTS)
    wrong = passage(at("a", "Rain fell all day"), at("c", "traffic on the bridge was light"))
    result = evaluate([wrong], groups, negatives, TEXTS)
    assert result.negatives_linked == ("traffic vs opening",)
    assert result.negative_pairs == 2
    assert result.precision == 0.0


def test_unannotated_prediction_counts_against_precision() -> None:
    groups, negatives = load_annotation(RETOLD, TEXTS)
    good = passage(
        at("a", "The mayor opened the new bridge on Tuesday"),
        at("b", "On Tuesday the city's new bridge was opened by the mayor"),
    )
    stray = passage(at("b", "Traffic was light"), at("c", "Officials said"))
    result = evaluate([good, stray], groups, negatives, TEXTS)
    assert 0.5 < result.precision < 1.0
    assert result.negatives_linked == ()


def test_retold_inside_one_article_is_allowed_not_required() -> None:
    data = {
        "passages": [
            {
                "kind": kind,
                "note": kind,
                "spans": [
                    quoted("a", "The mayor opened the new bridge on Tuesday"),
                    quoted("a", "The mayor opened it"),
                ],
            }
            for kind in ("retold", "near")
        ]
    }
    groups, negatives = load_annotation(data, TEXTS)
    assert [len(g.required_pairs()) for g in groups] == [0, 1]
    linked = passage(
        at("a", "The mayor opened the new bridge on Tuesday"), at("a", "The mayor opened it")
    )
    result = evaluate([linked], groups, negatives, TEXTS)
    assert result.pairs == {"near": 1, "all": 1}
    assert result.precision == 1.0


def test_occurrence_any_accepts_either_copy() -> None:
    texts = {"x": "Rain. The bridge opened. Sun. The bridge opened.", "y": "A bridge opened."}
    data = {
        "passages": [
            {
                "kind": "near",
                "note": "opening",
                "spans": [
                    quoted("x", "The bridge opened", occurrence="any"),
                    quoted("y", "A bridge opened"),
                ],
            }
        ]
    }
    groups, negatives = load_annotation(data, texts)
    second = texts["x"].rindex("The bridge opened")
    linked = passage(Span("x", second, second + 17), Span("y", 0, 15))
    assert evaluate([linked], groups, negatives, texts).recall["near"] == 1.0
    pinned = {"passages": [dict(data["passages"][0])]}
    pinned["passages"][0]["spans"] = [
        quoted("x", "The bridge opened", occurrence=0),
        quoted("y", "A bridge opened"),
    ]
    groups, negatives = load_annotation(pinned, texts)
    assert evaluate([linked], groups, negatives, texts).recall["near"] == 0.0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (quoted("a", "The mayor opened"), "ambiguous"),
        (quoted("a", "The mayor opened", occurrence=5), "no occurrence"),
        (quoted("a", "a bridge that is not there"), "not in a"),
        (quoted("z", "anything"), "not loaded"),
    ],
)
def test_bad_quoted_spans_are_clear_errors(spec: dict[str, Any], message: str) -> None:
    data = {"passages": [{"kind": "near", "note": "n", "spans": [spec, quoted("b", "Traffic")]}]}
    with pytest.raises(ValueError, match=message):
        load_annotation(data, TEXTS)


def test_unknown_kind_is_rejected() -> None:
    data = {"passages": [{"kind": "similar", "spans": [quoted("b", "Traffic")] * 2}]}
    with pytest.raises(ValueError, match="unknown annotation kind"):
        load_annotation(data, TEXTS)


def test_located_span_resolves_and_checks_its_digest() -> None:
    text = TEXTS["c"]
    start = text.index("The mayor")
    end = len(text) - 1
    spec = {"article": "c", "start": start, "end": end, "sha1": span_digest(text[start:end])}
    assert resolve(spec, TEXTS) == [Span("c", start, end)]
    with pytest.raises(ValueError, match="no longer holds"):
        resolve({**spec, "start": start + 1}, TEXTS)
    with pytest.raises(ValueError, match="do not fit"):
        resolve({**spec, "end": len(text) + 5}, TEXTS)
    with pytest.raises(ValueError, match="sha1 prefix"):
        resolve({**spec, "sha1": "ab"}, TEXTS)


def test_located_and_quoted_forms_score_alike() -> None:
    text = TEXTS["b"]
    start = text.index("On Tuesday")
    end = text.index(". Traffic")
    located = {"article": "b", "start": start, "end": end, "sha1": span_digest(text[start:end])}
    data = {
        "passages": [
            {
                "kind": "retold",
                "note": "opening",
                "spans": [quoted("c", "The mayor opened the new bridge"), located],
            }
        ]
    }
    groups, negatives = load_annotation(data, TEXTS)
    linked = passage(at("c", "The mayor opened the new bridge"), Span("b", start, end))
    assert evaluate([linked], groups, negatives, TEXTS).recall["retold"] == 1.0


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(TEXTS)),
            st.integers(0, 70),
            st.integers(1, 30),
            st.sampled_from(sorted(TEXTS)),
            st.integers(0, 70),
            st.integers(1, 30),
        ),
        max_size=5,
    )
)
def test_figures_stay_within_bounds(raw: list[tuple[str, int, int, str, int, int]]) -> None:
    groups, negatives = load_annotation(RETOLD, TEXTS)
    passages = [
        passage(
            Span(a, sa, min(sa + la, len(TEXTS[a]))),
            Span(b, sb, min(sb + lb, len(TEXTS[b]))),
        )
        for a, sa, la, b, sb, lb in raw
    ]
    result = evaluate(passages, groups, negatives, TEXTS)
    assert 0.0 <= result.precision <= 1.0
    assert all(0.0 <= r <= 1.0 for r in result.recall.values())
    assert len(result.negatives_linked) <= result.negative_pairs
