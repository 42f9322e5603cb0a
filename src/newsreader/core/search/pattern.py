"""Compile a query's candidate words into one regular expression over the raw text.

Reading an article word by word in Python costs milliseconds; one compiled expression runs
in C over the same text in tens of microseconds. The expression matches the *surface* forms
of the candidates: folded words are lower-case ASCII, so ``IGNORECASE`` covers every ASCII
spelling, and the index remembers the few non-ASCII spellings (``café``, ``Ціханоўская``)
that fold to each word. Matches are then checked word by word (:mod:`index`), so the
expression only has to find every hit, never to be the judge of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

_LETTER = r"(?:[^\W_]|[\u0300-\u036f])"
"""One character of a word, as :data:`fold.WORD_RE` defines words."""
_END = r"(?![^\W_])(?![\u0300-\u036f])"
"""Not followed by a word character: the match ends a word."""
_GAP = r"(?:[^\w\u0300-\u036f]|_)+"
"""What separates two words: anything that is not part of a word."""
_WORD = re.compile(_LETTER + "+")


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation matching exactly ``words``, factored by common beginnings.

    ``lukashenko|lukashenka`` becomes ``lukashenk(?:a|o)``, so the engine decides by
    reading each character once instead of trying every word in turn.
    """
    root: dict[str, dict[str, object]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}
    return _node_pattern(root) if root else "(?!)"


def _node_pattern(node: Mapping[str, object]) -> str:
    branches = [
        re.escape(char) + _node_pattern(child)  # type: ignore[arg-type]
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def word_pattern(forms: Iterable[str], surfaces: Mapping[str, Iterable[str]], prefix: str) -> str:
    """The expression for one query word: any of ``forms`` (folded) or their non-ASCII
    spellings, or, when ``prefix`` is not empty, any word beginning with it."""
    spellings: set[str] = set()
    for form in forms:
        spellings.add(form)
        # Lower-cased like the text it is matched against (see :func:`phrase_pattern`).
        spellings.update(spelling.lower() for spelling in surfaces.get(form, ()))
    options = [trie_pattern(spellings)]
    if prefix:
        options.append(re.escape(prefix) + _LETTER + "*")
    return "(?:" + "|".join(options) + ")"


def phrase_pattern(words: list[str], *, ignore_case: bool = False) -> re.Pattern[str]:
    """Consecutive words (each from :func:`word_pattern`) as one expression.

    It checks that the phrase ends a word but not that it starts one: a look-behind at the
    start would stop the engine from skipping ahead by the first letters, which is most of
    its speed. :func:`find_phrases` checks the start instead. Without ``ignore_case`` it is
    meant for lower-cased text (much faster than case-insensitive matching).
    """
    body = _GAP.join(words) + _END
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


def find_phrases(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every match of ``pattern`` in ``text`` that starts a word,
    overlapping ones included (``the the`` twice in ``the the the``)."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        # No later match can start inside this word (a match must start a word), so the
        # next search begins past it: once per word, not once per letter, for "l".
        rest = _WORD.match(text, start)
        position = rest.end() if rest is not None else start + 1
        if start > 0 and _in_word(text[start - 1]):
            continue
        yield start, match.end()


def _in_word(char: str) -> bool:
    return char.isalnum() or "\u0300" <= char <= "\u036f"


class PhraseFinder:
    """A query's expression, compiled for lower-cased text and, lazily, for the rare text
    whose lower-casing changes its length (offsets would shift), matched ignoring case."""

    def __init__(self, words: list[str]) -> None:
        """``words``: one :func:`word_pattern` per query word."""
        self.words = words
        self.lower = phrase_pattern(words)
        self._any_case: re.Pattern[str] | None = None

    def find(self, text: str) -> list[tuple[int, int]]:
        """:func:`find_phrases` in ``text``, whatever its case."""
        lowered = _lowered(text)
        if len(lowered) == len(text):
            return list(find_phrases(self.lower, lowered))
        if self._any_case is None:
            self._any_case = phrase_pattern(self.words, ignore_case=True)
        return list(find_phrases(self._any_case, text))


@lru_cache(maxsize=4096)
def _lowered(text: str) -> str:
    # Lower-casing is most of the cost of reading an article, and while the user types,
    # each keystroke reads mostly the same articles again. A string caches its own hash,
    # so a look-up costs nothing like the lower-casing it saves.
    return text.lower()
