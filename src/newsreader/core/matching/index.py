"""Stages 2-3: index sentences by rare features and list candidate pairs to align.

Each sentence contributes its content-word stems and its word bigrams as features. A
feature found in too many sentences (``said the``, ``president``) says nothing about
shared passages and would make the pair count quadratic, so postings longer than a fixed
cap are dropped: the work then grows with the number of sentences, not its square. Two
sentences become a candidate pair when they share enough features.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from newsreader.core.matching.normalize import Tokens

POSTING_CAP = 48
"""Features in more sentences than this are ignored (see the module docstring)."""
MIN_SHARED = 3
"""Features two sentences must share to be aligned at all."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as the index sees it."""

    article: int
    """Index of its article in the engine's input."""
    first: int
    """First token of the sentence."""
    last: int
    """One past its last token."""


def sentences_of(tokens: Sequence[Tokens]) -> list[Sentence]:
    """Every sentence of every article, in order."""
    return [
        Sentence(article, first, last)
        for article, toks in enumerate(tokens)
        for first, last in toks.sentences
    ]


def features(toks: Tokens, first: int, last: int) -> set[int]:
    """Hashed features of one sentence: content stems and word bigrams.

    Bigrams keep word order (two sentences sharing a run share its bigrams); stems let a
    reworded sentence still share enough to be aligned.
    """
    stems = toks.stems
    weights = toks.weights
    # Names and numbers recur in every sentence about an event: as single words they would
    # make everything a candidate; in bigrams they still anchor copied runs.
    found = {hash(stems[i]) for i in range(first, last) if weights[i] == 1.0}
    forms = toks.forms
    found.update(
        hash((forms[i], forms[i + 1]))
        for i in range(first, last - 1)
        if weights[i] or weights[i + 1]
    )
    return found


def candidate_pairs(
    tokens: Sequence[Tokens], sentences: Sequence[Sentence]
) -> list[tuple[int, int]]:
    """Pairs of sentence indices (``i < j``) that share at least :data:`MIN_SHARED` features."""
    postings: defaultdict[int, list[int]] = defaultdict(list)
    for index, sentence in enumerate(sentences):
        for feature in features(tokens[sentence.article], sentence.first, sentence.last):
            postings[feature].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for posting in postings.values():
        if 1 < len(posting) <= POSTING_CAP:
            shared.update(combinations(posting, 2))
    return sorted(pair for pair, count in shared.items() if count >= MIN_SHARED)
