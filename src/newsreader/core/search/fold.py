"""Split text into words with character offsets, and fold each word for comparison.

A *word* is a maximal run of Unicode letters and digits (combining accents stay inside the
word). Offsets always point into the original text, so a hit can be highlighted exactly
where the reader sees it, whatever the folding did. Folding turns any script into lower-case
ASCII with :mod:`anyascii` (``Łukaszenka`` → ``lukaszenka``, ``Ціханоўская`` →
``tsikhanouskaya``), then keeps only letters and digits, so a folded word never contains
punctuation or spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from anyascii import anyascii

WORD_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
"""A word: letters and digits of any script, with combining accents (U+0300–U+036F) kept
inside it so that a decomposed ``é`` does not split the word. Underscores are not letters."""

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]|[\u0300-\u036f]")
"""A character that is part of a word but not ASCII: a text without one has only ASCII words."""
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
"""A word of a text known to have only ASCII words (what :data:`WORD_RE` finds there)."""


def fold(word: str) -> str:
    """The comparison form of one word: lower-case ASCII letters and digits only.

    May be empty (a word made only of symbols that fold to punctuation).
    """
    if word.isascii():
        # The fast path: most news text is ASCII, and lower() is all it needs.
        return word.lower()
    return _fold_unicode(word)


@lru_cache(maxsize=65536)
def _fold_unicode(word: str) -> str:
    # anyascii is the slow part of folding; the same names recur across articles.
    return _NOT_ALNUM.sub("", anyascii(word).lower())


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Every word of ``text`` as ``(start, end, folded)``, in order; words folding to nothing
    are left out, so every folded form is non-empty."""
    for match in WORD_RE.finditer(text):
        folded = fold(match.group())
        if folded:
            yield match.start(), match.end(), folded


def folded_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (no offsets): what a query is made of."""
    return [folded for _, _, folded in tokens(text)]


def word_set(text: str) -> set[str]:
    """The distinct folded words of ``text``: what the index records per article.

    Equivalent to ``{f for _, _, f in tokens(text)}`` but folds each distinct word once.
    """
    return indexed_words(text)[0]


def indexed_words(text: str) -> tuple[set[str], list[tuple[str, str]]]:
    """The distinct folded words of ``text``, and ``(folded, spelling)`` for each distinct
    non-ASCII spelling (the index keeps those to find them in the raw text)."""
    # Dropping the ASCII first leaves the few curly quotes and dashes to check, which is
    # far quicker than testing the alternation at every character of the text.
    if text.isascii() or _NON_ASCII_WORD.search(_ASCII_RUNS.sub("", text)) is None:
        # Most articles have no non-ASCII word (curly quotes and dashes are not words): a
        # plain ASCII expression and one lower() of the joined words fold them all in C,
        # several times faster than folding word by word.
        distinct = set(_ASCII_WORD.findall(text))
        return set("\n".join(distinct).lower().split("\n")) if distinct else set(), []
    found: set[str] = set()
    spellings: list[tuple[str, str]] = []
    for spelling in set(WORD_RE.findall(text)):
        folded = fold(spelling)
        if folded:
            found.add(folded)
            if not spelling.isascii():
                spellings.append((folded, spelling))
    return found, spellings
