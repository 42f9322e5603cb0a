"""Stage 1: turn an article's text into folded word tokens that remember their offsets.

Everything later compares tokens, never raw text, so that curly vs straight quotes, case,
accents, whitespace and number styling (``$1.5 billion`` / ``1.5 billion dollars`` /
``$1.5bn``) cannot hide a shared passage. Each token keeps the character offsets of the
word it came from, so whatever the later stages find maps back to exact spans of
``Article.text`` on word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

_TOKEN = re.compile(
    r"""
    (?P<num>\d+(?:[.,]\d+)*)(?P<unit>bn|mn|m|k|tn|st|nd|rd|th)?(?![^\W\d_])  # 1.5, 1,000, $1.5bn
    | (?P<word>[^\W\d_]+(?:['’`][^\W\d_]+)*)     # words, with inner apostrophes
    | (?P<sym>[$€£%])                            # currency and percent signs carry meaning
    """,
    re.VERBOSE,
)

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n\s*\n""")
"""Where a sentence ends: terminal punctuation (plus closing quotes) before a space, or a
paragraph break. Abbreviations cause extra splits, which the aligner repairs by merging
adjacent matches, so a simple rule is enough."""

_BREAK = re.compile(r"""["“”«»:;()\[\]–—.!?]|['’](?!\w)""")
"""Characters that end a clause for the purpose of stretching a span over changed words."""

_UNIT_WORDS = {
    "bn": "billion",
    "b": "billion",
    "tn": "trillion",
    "mn": "million",
    "m": "million",
    "k": "thousand",
    "$": "dollar",
    "dollars": "dollar",
    "usd": "dollar",
    "€": "euro",
    "euros": "euro",
    "£": "pound",
    "pounds": "pound",
    "%": "percent",
    "pct": "percent",
}
"""Number styling that outlets change freely: all spellings fold to one token."""

_UNIT_FORMS = frozenset(_UNIT_WORDS.values()) | frozenset(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
        forty fifty hundred hundreds thousand thousands million millions billion first
        second third half dozen dozens""".split()  # noqa: SIM905
)
"""Folded unit words weigh like the numbers they go with."""

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under about
        after before than then that this these those there here it its it's is are was were
        be been being has have had having do does did not no nor so such too very can could
        will would shall should may might must i me my we our us you your he him his she her
        they them their who whom whose which what when where why how all any both each few
        more most other some own same only also just said says say told tells according
        while during up down out off again further once mr mrs ms dr since ever because
        though although however yet still even now well until among against between through
        within per via whether either neither itself himself herself themselves ourselves
        myself also""".split()  # noqa: SIM905
)
"""Function words: they join content but never make two sentences the same statement."""

_FOLD_CACHE: dict[str, str] = {}
"""Folding is the same for every occurrence of a word: a cache makes tokenising cheap."""
_STEM_CACHE: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Tokens:
    """The folded tokens of one article, as parallel tuples (cheap to pickle and cache)."""

    starts: tuple[int, ...]
    """Start offset of each token's word in ``Article.text``."""
    ends: tuple[int, ...]
    """End offset (exclusive) of each token's word in ``Article.text``."""
    forms: tuple[str, ...]
    """Folded surface form: lower case, ASCII, quote marks and number styling unified."""
    stems: tuple[str, ...]
    """A light stem of ``forms`` (plural, -ed, -ing dropped), for tolerant comparison."""
    weights: tuple[float, ...]
    """How much each token says about *what* a sentence states: 0 for function words, low for
    names and numbers (sentences that merely share names and figures are not the same
    statement), 1 for other words."""
    breaks: tuple[bool, ...]
    """Whether a clause break (quote mark, colon, semicolon, bracket, dash, sentence end)
    follows each token: shared material is not stretched across one."""
    sentences: tuple[tuple[int, int], ...]
    """Token index ranges ``[first, last)`` of each sentence, in order."""


def fold(word: str) -> str:
    """Fold one word: ASCII transliteration, lower case, possessive ``'s`` dropped."""
    folded = _FOLD_CACHE.get(word)
    if folded is not None:
        return folded
    text = word if word.isascii() else anyascii(word)
    text = text.lower().replace("`", "'")
    if text.endswith("'s"):
        text = text[:-2]
    text = text.replace("'", "").replace(" ", "") or word.lower()
    folded = _UNIT_WORDS.get(text, text)
    if len(_FOLD_CACHE) < 500_000:
        _FOLD_CACHE[word] = folded
    return folded


def stem(form: str) -> str:
    """A deliberately light stemmer: enough to match ``agreements``/``agreement``."""
    stemmed = _STEM_CACHE.get(form)
    if stemmed is not None:
        return stemmed
    stemmed = form
    if len(form) > 4 and not form[0].isdigit():
        for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if form.endswith(suffix) and not form.endswith("ss"):
                stemmed = form[: -len(suffix)] + replacement
                break
    if len(_STEM_CACHE) < 500_000:
        _STEM_CACHE[form] = stemmed
    return stemmed


def _number(digits: str) -> str:
    """``1,000`` and ``1000`` are the same number; ``1.5`` keeps its decimal point."""
    if "," in digits and "." not in digits and all(len(g) == 3 for g in digits.split(",")[1:]):
        return digits.replace(",", "")
    return digits.replace(",", ".") if digits.count(",") == 1 and "." not in digits else digits


def tokenize(text: str) -> Tokens:
    """Split ``text`` into folded tokens with offsets, and into sentences of tokens."""
    starts: list[int] = []
    ends: list[int] = []
    forms: list[str] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group("word")
        if word is not None:
            forms.append(fold(word))
            starts.append(start)
            ends.append(end)
            continue
        digits = match.group("num")
        if digits is not None:
            forms.append(_number(digits))
            starts.append(start)
            ends.append(end)
            unit = match.group("unit")
            if unit and unit in _UNIT_WORDS:
                # "$1.5bn" → "1.5 billion": both tokens point at the same word.
                forms.append(_UNIT_WORDS[unit])
                starts.append(start)
                ends.append(end)
            continue
        forms.append(_UNIT_WORDS[match.group("sym")])
        starts.append(start)
        ends.append(end)
    stems = tuple(stem(form) for form in forms)
    sentences = _sentences(text, starts)
    weights = _weights(text, starts, forms, sentences)
    # Most gaps are a single space: test those without the regex.
    breaks = tuple(
        gap != " " and _BREAK.search(gap) is not None
        for gap in (
            text[ends[i] : starts[i + 1] if i + 1 < len(starts) else len(text)]
            for i in range(len(starts))
        )
    )
    return Tokens(tuple(starts), tuple(ends), tuple(forms), stems, weights, breaks, sentences)


NAME_WEIGHT = 0.3
"""Weight of a capitalised word: names and titles recur across unrelated sentences."""
NUMBER_WEIGHT = 0.5
"""Weight of a number: figures are shared by different sentences about the same fact."""


def _weights(
    text: str, starts: list[int], forms: list[str], sentences: tuple[tuple[int, int], ...]
) -> tuple[float, ...]:
    """Content weight of each token (see :attr:`Tokens.weights`)."""
    first = {begin for begin, _ in sentences}
    capital = [text[start].isupper() for start in starts]
    lower_seen = {form for form, cap in zip(forms, capital, strict=True) if not cap}
    # Capitalised mid-sentence is the evidence for a name; a sentence-initial word is a name
    # only when the article also capitalises it mid-sentence and never writes it in lower case.
    mid_capital = {
        form
        for index, (form, cap) in enumerate(zip(forms, capital, strict=True))
        if cap and index not in first
    }
    weights: list[float] = []
    for index, form in enumerate(forms):
        if form in STOPWORDS:
            weights.append(0.0)
        elif form[0].isdigit() or form in _UNIT_FORMS:
            weights.append(NUMBER_WEIGHT)
        elif capital[index] and (
            index not in first or (form in mid_capital and form not in lower_seen)
        ):
            weights.append(NAME_WEIGHT)
        else:
            weights.append(1.0)
    return tuple(weights)


def _sentences(text: str, starts: list[int]) -> tuple[tuple[int, int], ...]:
    """Token ranges of sentences: a sentence ends at each boundary found by the regex."""
    if not starts:
        return ()
    ranges: list[tuple[int, int]] = []
    first = 0
    index = 0
    count = len(starts)
    for boundary in _SENTENCE_END.finditer(text):
        cut = boundary.end()
        while index < count and starts[index] < cut:
            index += 1
        if index > first:
            ranges.append((first, index))
            first = index
    if first < count:
        ranges.append((first, count))
    return tuple(ranges)
