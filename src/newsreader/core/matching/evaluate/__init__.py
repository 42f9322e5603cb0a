"""Score passages against a hand annotation: per-kind recall, character precision, and
whether any pair of merely-similar sentences (a look-alike) was linked.

Used by the quality test and ``benchmarks/quality.py``. An annotation names a span either by
quoting the article text (``{"article", "text", "occurrence"?}``, readable and robust to
re-tokenisation; see ``tests/data/sample_annotation.json``) or, for corpora whose text must
not be copied, by offsets and a digest (``{"article", "start", "end", "sha1"}``; see
``tests/data/heldout_annotation.json``). ``annotation`` reads either form, ``score`` compares
passages with it, ``runs`` gives the exact-run ground truth used for wire copy.
"""

from __future__ import annotations

from newsreader.core.matching.evaluate.annotation import (
    KINDS,
    Group,
    Negative,
    load_annotation,
    resolve,
    span_digest,
)
from newsreader.core.matching.evaluate.runs import Run, exact_runs, runs_linked
from newsreader.core.matching.evaluate.score import (
    COVERED,
    TOUCHED,
    Evaluation,
    _links,
    evaluate,
    links,
)

__all__ = [
    "COVERED",
    "KINDS",
    "TOUCHED",
    "Evaluation",
    "Group",
    "Negative",
    "Run",
    "_links",
    "evaluate",
    "exact_runs",
    "links",
    "load_annotation",
    "resolve",
    "runs_linked",
    "span_digest",
]
