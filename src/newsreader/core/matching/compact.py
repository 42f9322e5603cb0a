"""Compact token data for large inputs: integer ids in ``array`` columns, not Python objects.

A 20,000-article corpus has about 19 million tokens; held as tuples of strings, ints and
floats they take gigabytes. Here an article's tokens are a few ``array``/``bytes`` columns
(14 bytes a token) whose word forms are ids into one vocabulary, and each sentence's index
features and repeat key are computed while its strings are at hand, in the worker that
tokenised it: only numbers outlive a chunk.

Workers cannot share a vocabulary, so a :class:`Chunk` numbers its words locally and
:class:`Corpus` renumbers them into the run's vocabulary as chunks arrive. Features and
repeat keys are ``hash`` values of strings, which agree across processes forked from one
parent (they share the hash seed); they are never stored beyond one run.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsreader.core.matching.features import sentence_features
from newsreader.core.matching.grouping import Keys, Positions
from newsreader.core.matching.memo import Memo
from newsreader.core.matching.normalize import STEMS, WEIGHTS, scan

REPEAT_MIN_TOKENS = 6
"""Shortest sentence whose identical repeats are linked without alignment."""


@dataclass(frozen=True, slots=True)
class Encoded:
    """The tokens of one article as compact columns (see :class:`.normalize.Tokens`)."""

    starts: array[int]
    """Start offset of each token's word in ``Article.text``."""
    ends: array[int]
    """End offset (exclusive) of each token's word."""
    forms: array[int]
    """Id of each token's folded form (local to a :class:`Chunk` until :meth:`Corpus.add`)."""
    classes: array[int]
    """Token class (``normalize.STOP``/``NAME``/``NUMBER``/``WORD``): the weight's index
    in :data:`.normalize.WEIGHTS`. An ``array`` rather than ``bytes``, as below: a bytes
    object holds its data beside its reference count, so a forked worker that merely reads
    it copies its pages (40 MiB per aligning worker at 20,000 articles)."""
    breaks: array[int]
    """1 where a clause break follows the token, else 0."""
    bounds: array[int]
    """Sentence boundaries: sentence ``k`` is tokens ``[bounds[k], bounds[k + 1])``."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """What a worker returns for a run of consecutive articles."""

    vocabulary: list[str]
    """Folded forms by local id."""
    articles: list[Encoded]
    """The articles, with local form ids."""
    features: Keys
    """Every sentence's index features (hashes), concatenated in sentence order."""
    counts: Positions
    """How many of :attr:`features` belong to each sentence, in order."""
    repeats: array[int]
    """Per sentence: a hash of its folded forms, or 0 when too short to link as a repeat."""


class _Ids(dict[str, int]):
    """Gives each new key the next id, so ``map(ids.__getitem__, words)`` stays in C."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


def encode_chunk(texts: Iterable[str]) -> Chunk:
    """Tokenise ``texts`` and compute their sentences' features (see :mod:`.features`)."""
    ids = _Ids()
    articles: list[Encoded] = []
    repeats: array[int] = array("q")
    for text in texts:
        found = scan(text)
        forms = found.forms
        for first, last in found.sentences:
            # 0 means "too short"; a hash that happens to be 0 becomes 1.
            long = last - first >= REPEAT_MIN_TOKENS
            repeats.append((hash(tuple(forms[first:last])) or 1) if long else 0)
        articles.append(
            Encoded(
                array("i", found.starts),
                array("i", found.ends),
                array("i", map(ids.__getitem__, forms)),
                array("B", found.classes),
                array("B", found.breaks),
                array("i", [0, *(last for _, last in found.sentences)]),
            )
        )
    vocabulary = list(ids)
    features, counts = sentence_features(
        vocabulary,
        _joined(np.frombuffer(a.forms, dtype=np.intc) for a in articles),
        b"".join(a.classes for a in articles),
        _joined(np.diff(np.frombuffer(a.bounds, dtype=np.intc)) for a in articles),
    )
    return Chunk(vocabulary, articles, features, counts, repeats)


def _joined(parts: Iterable[NDArray[Any]]) -> Positions:
    return np.concatenate([np.zeros(0, dtype=np.intc), *parts])


class Corpus:
    """Every article's :class:`Encoded` tokens under one vocabulary, with a stem per form."""

    def __init__(self) -> None:
        self.articles: list[Encoded] = []
        """The articles in input order, with global form ids."""
        self.stems: array[int] = array("i")
        """Stem id of each form id (forms sharing a light stem share it)."""
        # Chunks share most of their words: a memo keeps the lookup of a known one in C.
        self._ids: Memo[str, int] = Memo(self._form_id)
        self._stem_ids: dict[str, int] = {}

    def add(self, chunk: Chunk) -> None:
        """Append ``chunk``'s articles, renumbering their forms into this vocabulary."""
        remap = np.array(list(map(self._ids.__getitem__, chunk.vocabulary)), dtype=np.intc)
        for article in chunk.articles:
            forms = array("i", remap[np.frombuffer(article.forms, dtype=np.intc)].tobytes())
            self.articles.append(
                Encoded(
                    article.starts,
                    article.ends,
                    forms,
                    article.classes,
                    article.breaks,
                    article.bounds,
                )
            )

    def _form_id(self, form: str) -> int:
        """The next id, for a form not seen before (called by the memo)."""
        stem = STEMS[form]
        self.stems.append(self._stem_ids.setdefault(stem, len(self._stem_ids)))
        return len(self.stems) - 1

    def view(self, article: int, first: int, last: int) -> View:
        """Tokens ``[first, last)`` of one article, as :func:`.align.align` reads them."""
        encoded = self.articles[article]
        forms = encoded.forms[first:last]
        return View(
            forms,
            list(map(self.stems.__getitem__, forms)),
            list(map(WEIGHTS.__getitem__, encoded.classes[first:last])),
            encoded.breaks[first:last],
        )


@dataclass(frozen=True, slots=True)
class View:
    """A token range with its own indices from 0, in the shape alignment reads."""

    forms: Sequence[int]
    """Form ids."""
    stems: Sequence[int]
    """Stem ids."""
    weights: Sequence[float]
    """Content weights."""
    breaks: Sequence[int]
    """Clause breaks (truthy where one follows the token)."""
