"""Which words of the vocabulary a query word may stand for: exact, prefix, typo, variant.

Names reach English news through several transliteration systems, so one person is
``Tsikhanouskaya`` in one outlet and ``Tikhanovskaya`` in the next. Two keys make those
spellings meet without a table of names:

* :func:`normalise` rewrites the letter groups that transliteration systems disagree on to
  one spelling (``kh``/``ch`` → ``h``, ``ts``/``tz`` → ``t``, ``sch``/``shch`` → ``sh``,
  ``w`` → ``v``, ``y``/``j`` → ``i``, doubled letters → one), after which variants are
  at most a few edits apart;
* :func:`skeleton` also blurs every vowel run (with ``v``, which stands for ``u``/``ў`` in
  ``-ouskaya``/``-ovskaya``) to ``*``, so ``Kyiv``/``Kiev`` and ``Lukashenko``/``Lukashenka``
  share a key; words sharing a skeleton are variants if their :func:`soft` spellings (where
  ``e``/``i``/``y``, the letters systems trade for one another, are one letter) are within
  a small budget.

A vocabulary word is a candidate only if it is close to the query word by one of two routes,
each with an edit budget that grows with length so short words never fuzz into everything
(see :func:`typo_budget` and :func:`variant_budget`). Only the vocabulary is compared, never
the text, so a keystroke costs one pass over a few thousand words at most.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # Longest groups first, so that "shch" is not read as "sh" + "ch".
        ("tsch", "ch"),
        ("shch", "sh"),
        ("sch", "sh"),
        ("dzh|dj|zh", "j"),
        ("kh|ch", "h"),
        ("ts|tz", "t"),
        ("ph", "f"),
        ("ck|q", "k"),
        ("w", "v"),
        ("[yj]", "i"),
        (r"([a-z])\1+", r"\1"),
    )
)
_VOWEL_RUN = re.compile(r"[aeiouv]+")
_SOFT_RUN = re.compile(r"[ei]+")

MIN_VARIANT_LENGTH = 4
"""Shorter words are matched exactly (or as a typed prefix) only: ``bat`` must not find ``bet``."""
MIN_TYPO_LENGTH = 5
"""Shorter words get no typo tolerance: one edit in four letters is another word."""
MIN_PREFIX_LENGTH = 2
"""A single typed letter is not expanded over the vocabulary (it begins a tenth of all
words); articles holding it as a word are still read, and completions in them found."""
MAX_PREFIX_WORDS = 50
"""A typed prefix stands for at most this many vocabulary words (the most widespread ones),
so that ``t`` costs no more than ``tikhan``. Within one article every prefix match is found."""


def normalise(folded: str) -> str:
    """The transliteration-neutral spelling of a folded word (see the module docstring)."""
    for pattern, replacement in _REWRITES:
        folded = pattern.sub(replacement, folded)
    return folded


def normalise_all(words: list[str]) -> list[str]:
    """:func:`normalise` of each of ``words`` (folded, so without newlines), in order.

    The rewrites never reach across a newline, so they run once over all the words joined
    by newlines: eleven passes in C instead of eleven calls per word, which made loading
    an index of 100,000 words take seconds.
    """
    if not words:
        return []
    joined = "\n".join(words)
    for pattern, replacement in _REWRITES:
        joined = pattern.sub(replacement, joined)
    return joined.split("\n")


def skeleton(normalised: str) -> str:
    """``normalised`` with each run of vowels (and ``v``) replaced by ``*``."""
    return _VOWEL_RUN.sub("*", normalised)


def soft(normalised: str) -> str:
    """``normalised`` with each run of ``e``/``i`` (``y`` and ``j`` already became ``i``) as
    one ``i``: ``kiev``/``kiiv`` (Kyiv) → ``kiv``, ``svetlana``/``sviatlana`` one edit apart."""
    return _SOFT_RUN.sub("i", normalised)


def typo_budget(length: int) -> int:
    """Edits allowed for a typo in a word of ``length`` letters: 0 below 5, 1 up to 8, else 2."""
    if length < MIN_TYPO_LENGTH:
        return 0
    return 1 if length < 9 else 2


def variant_budget(length: int) -> int | None:
    """Edits allowed between the :func:`soft` spellings of words with the same skeleton:
    none below 4 letters (no variant route at all), 0 up to 5, 1 up to 9, else 2.

    Short words must be equal once soft (``Kyiv``/``Kiev``) so ``boot`` never finds ``boat``;
    ``police`` is two edits from ``palace``, beyond the budget of a six-letter word.
    """
    if length < MIN_VARIANT_LENGTH:
        return None
    if length <= 5:
        return 0
    return 1 if length <= 9 else 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """How well one vocabulary word stands for one query word."""

    score: float
    """1.0 for the word itself; :data:`PREFIX_SCORE` for a completion of the word being typed;
    0.5 to 0.8 for typos and variants (closer is higher)."""
    exact: bool
    """True only when the vocabulary word is the query word itself (after folding)."""


EXACT = Candidate(1.0, True)
"""The candidate for the query word itself."""


PREFIX_SCORE = 0.85
"""Score of a word the user is still typing, matched by its beginning. One value for all
completions: while typing, a completion is likelier meant than a typo of the unfinished
word, and equal scores let ranking fall back to article order, which lets a search stop
reading articles as soon as it has enough hits."""


def fuzzy_score(query: str, word: str) -> float:
    """Score of a typo or variant: 0.5 to 0.8 by similarity, below exact and prefix hits."""
    similarity = max(fuzz.ratio(query, word), fuzz.ratio(normalise(query), normalise(word)))
    return round(0.5 + 0.3 * similarity / 100.0, 4)


PREFIX = Candidate(PREFIX_SCORE, False)
"""The candidate for any completion of the word being typed."""


class Vocabulary:
    """Every distinct folded word of an index, arranged for fast fuzzy and prefix look-ups."""

    def __init__(self, words: Iterable[str], frequency: dict[str, int]) -> None:
        """``words`` are distinct folded words; ``frequency`` counts articles per word."""
        self.sorted_words: list[str] = sorted(words)
        """All words in code-point order, so a prefix is one contiguous run (bisect)."""
        self.frequency = frequency
        """Articles containing each word; picks the widespread words for short prefixes."""
        by_norm: defaultdict[str, list[str]] = defaultdict(list)
        for word, norm in zip(self.sorted_words, normalise_all(self.sorted_words), strict=True):
            by_norm[norm].append(word)
        self.by_norm: dict[str, list[str]] = dict(by_norm)
        """Words sharing each normalised spelling (variants that normalise alike)."""
        buckets: defaultdict[tuple[str, int], list[str]] = defaultdict(list)
        by_skeleton: defaultdict[str, list[str]] = defaultdict(list)
        norms = list(self.by_norm)
        # Skeletons, like normal forms, in one pass over all the words joined.
        skeletons = _VOWEL_RUN.sub("*", "\n".join(norms)).split("\n") if norms else []
        for norm, key in zip(norms, skeletons, strict=True):
            # A typo rarely hits the first letter, and requiring it keeps each keystroke's
            # comparison to one small bucket per nearby length.
            buckets[norm[0], len(norm)].append(norm)
            by_skeleton[key].append(norm)
        self.buckets: dict[tuple[str, int], list[str]] = dict(buckets)
        """Normalised spellings grouped by first letter and length, for typo look-ups."""
        self.by_skeleton: dict[str, list[str]] = dict(by_skeleton)
        """Normalised spellings grouped by skeleton, for transliteration look-ups."""

    def __len__(self) -> int:
        return len(self.sorted_words)

    def expand(
        self, word: str, *, fuzzy: bool = True, prefix: bool = False
    ) -> dict[str, Candidate]:
        """The vocabulary words ``word`` (folded) may stand for, each with its candidate.

        Always the word itself when present; with ``fuzzy``, typos and transliteration
        variants; with ``prefix``, up to :data:`MAX_PREFIX_WORDS` words it begins.
        """
        found: dict[str, Candidate] = {}
        if fuzzy:
            for norm in self._near(word):
                for other in self.by_norm[norm]:
                    found[other] = Candidate(fuzzy_score(word, other), False)
        if prefix and len(word) >= MIN_PREFIX_LENGTH:
            for other in self._starting_with(word):
                found[other] = PREFIX
        if word in self.frequency:
            found[word] = EXACT
        return found

    def _near(self, word: str) -> set[str]:
        """Normalised spellings within the typo or variant budget of ``word``."""
        norm = normalise(word)
        near: set[str] = set()
        if not norm:
            return near
        budget = typo_budget(len(word))
        if budget:
            choices: list[str] = []
            for length in range(len(norm) - budget, len(norm) + budget + 1):
                choices.extend(self.buckets.get((norm[0], length), ()))
            # OSA counts a swap of two neighbouring letters ("chnage") as one typo.
            for choice, _, _ in process.extract(
                norm, choices, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                near.add(choice)
        allowed = variant_budget(len(word))
        if allowed is not None:
            key = soft(norm)
            for other in self.by_skeleton.get(skeleton(norm), ()):
                if Levenshtein.distance(key, soft(other), score_cutoff=allowed) <= allowed:
                    near.add(other)
        return near

    def _starting_with(self, word: str) -> list[str]:
        """Vocabulary words beginning with ``word`` (not ``word`` itself), most widespread first."""
        # Folded words are [a-z0-9] only and "{" sorts after "z", so every word beginning
        # with ``word`` lies in [word, word + "{"): two bisections, no scan.
        start = bisect_left(self.sorted_words, word)
        end = bisect_left(self.sorted_words, word + "{", start)
        found = [other for other in self.sorted_words[start:end] if other != word]
        if len(found) > MAX_PREFIX_WORDS:
            found.sort(key=lambda other: -self.frequency[other])
            del found[MAX_PREFIX_WORDS:]
        return found
