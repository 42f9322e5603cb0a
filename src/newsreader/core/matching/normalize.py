"""Stage 1: turn an article's text into folded word tokens that remember their offsets.

Everything later compares tokens, never raw text, so that curly vs straight quotes, case,
accents, whitespace and number styling (``$1.5 billion`` / ``1.5 billion dollars`` /
``$1.5bn``) cannot hide a shared passage. Each token keeps the character offsets of the
word it came from, so whatever the later stages find maps back to exact spans of
``Article.text`` on word boundaries.

Speed: a corpus has millions of tokens but few distinct words, so the per-token work is
done by C-level ``map`` over memo tables keyed by the surface word (its folded form, its
class) and by the gap after it (clause break or not); Python code runs per distinct word
and per sentence, not per token.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, compress, pairwise
from operator import itemgetter

from anyascii import anyascii

from newsreader.core.matching.memo import MEMO_LIMIT, Memo

_TOKEN = re.compile(
    r"""(
    [^\W\d_]+(?:['’`][^\W\d_]+)*                               # words, with inner apostrophes
    | \d+(?:[.,]\d+)*(?:bn|mn|m|k|tn|st|nd|rd|th)?(?![^\W\d_])  # 1.5, 1,000, $1.5bn
    | [$€£%]                                                     # currency and percent signs
    )""",
    re.VERBOSE,
)
"""One token; the single group makes ``split`` return words and the gaps between them.
The alternatives start with disjoint characters, so their order only affects speed."""

_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)(bn|mn|m|k|tn|st|nd|rd|th)?")

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n\s*\n""")
"""Where a sentence ends: terminal punctuation (plus closing quotes) before a space, or a
paragraph break. Abbreviations cause extra splits, which the aligner repairs by merging
adjacent matches, so a simple rule is enough. No token character can be part of a match
(the lookahead fails at the end of a gap, where a word starts), so a sentence ends after a
token exactly when the gap after it matches: the rule is applied per distinct gap."""

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

NAME_WEIGHT = 0.3
"""Weight of a capitalised word: names and titles recur across unrelated sentences."""
NUMBER_WEIGHT = 0.5
"""Weight of a number: figures are shared by different sentences about the same fact."""

STOP, NAME, NUMBER, WORD = 0, 1, 2, 3
"""Token classes (see :attr:`Tokens.weights`); :data:`WEIGHTS` gives each one's weight."""
WEIGHTS = (0.0, NAME_WEIGHT, NUMBER_WEIGHT, 1.0)
"""Content weight of each token class."""


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


@dataclass(frozen=True, slots=True)
class Scan:
    """What :func:`scan` finds in one text, as plain lists (one entry per token)."""

    starts: list[int]
    """Start offset of each token's word."""
    ends: list[int]
    """End offset of each token's word."""
    forms: list[str]
    """Folded form of each token."""
    classes: list[int]
    """Class of each token (:data:`STOP`, :data:`NAME`, :data:`NUMBER`, :data:`WORD`)."""
    breaks: list[bool]
    """Whether a clause break follows each token."""
    sentences: list[tuple[int, int]]
    """Token ranges of sentences."""


def fold(word: str) -> str:
    """Fold one word: ASCII transliteration, lower case, possessive ``'s`` dropped."""
    _FOLDS.trim()
    return _FOLDS[word]


def stem(form: str) -> str:
    """A deliberately light stemmer: enough to match ``agreements``/``agreement``."""
    STEMS.trim()
    return STEMS[form]


def _fold(word: str) -> str:
    text = word if word.isascii() else anyascii(word)
    text = text.lower().replace("`", "'")
    if text.endswith("'s"):
        text = text[:-2]
    text = text.replace("'", "").replace(" ", "") or word.lower()
    return _UNIT_WORDS.get(text, text)


def _stem(form: str) -> str:
    if len(form) > 4 and not form[0].isdigit():
        for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if form.endswith(suffix) and not form.endswith("ss"):
                return form[: -len(suffix)] + replacement
    return form


def _number(digits: str) -> str:
    """``1,000`` and ``1000`` are the same number; ``1.5`` keeps its decimal point."""
    if "," in digits and "." not in digits and all(len(g) == 3 for g in digits.split(",")[1:]):
        return digits.replace(",", "")
    return digits.replace(",", ".") if digits.count(",") == 1 and "." not in digits else digits


def _lexeme(surface: str) -> tuple[str, int]:
    """Folded form and class (before context) of a surface word; for a word that makes two
    tokens (``1.5bn``), those of the first, with both forms kept in :data:`_MULTI`."""
    number = _NUMBER.fullmatch(surface) if surface[0].isdigit() else None
    if number is not None:
        digits, unit = number.groups()
        if unit in _UNIT_WORDS:
            _MULTI[surface] = (_number(digits), _UNIT_WORDS[unit])
        return _number(digits), NUMBER
    form = _UNIT_WORDS[surface] if surface in "$€£%" else _fold(surface)
    if form in STOPWORDS:
        return form, STOP
    if form[0].isdigit() or form in _UNIT_FORMS:
        return form, NUMBER
    # A capitalised word is a name unless it only starts a sentence (see _names).
    return form, (NAME if surface[0].isupper() else WORD)


_LEXEMES: Memo[str, tuple[str, int]] = Memo(_lexeme)
_FOLDS: Memo[str, str] = Memo(_fold)
"""Folding is the same for every occurrence of a word (other modules fold word by word)."""
_MULTI: dict[str, tuple[str, ...]] = {}
"""Surfaces that make more than one token (``1.5bn``), with their forms; a set test on its
keys finds them in C."""
_BREAKS: Memo[str, bool] = Memo(lambda gap: _BREAK.search(gap) is not None)
_ENDS: Memo[str, bool] = Memo(lambda gap: _SENTENCE_END.search(gap) is not None)
STEMS: Memo[str, str] = Memo(_stem)
"""Stem of each folded form, memoised."""


def scan(text: str) -> Scan:
    """Split ``text`` into folded, classified tokens with offsets, and into sentences."""
    if len(_LEXEMES) > MEMO_LIMIT:
        _MULTI.clear()  # filled by _lexeme, so only ever emptied with _LEXEMES
    for memo in (_LEXEMES, _BREAKS, _ENDS, STEMS):
        memo.trim()
    parts = _TOKEN.split(text)
    surfaces = parts[1::2]
    bounds = list(accumulate(map(len, parts)))
    starts, ends, gaps = bounds[0:-1:2], bounds[1::2], parts[2::2]
    lexemes = list(map(_LEXEMES.__getitem__, surfaces))
    if not _MULTI.keys().isdisjoint(surfaces):
        # "$1.5bn" → "1.5 billion": both tokens point at the same word, no gap between.
        starts, ends, gaps, surfaces = _expand(starts, ends, gaps, surfaces)
        lexemes = list(map(_LEXEMES.__getitem__, surfaces))
    forms = list(map(itemgetter(0), lexemes))
    classes = list(map(itemgetter(1), lexemes))
    sentences = _sentences(list(map(_ENDS.__getitem__, gaps)))
    _names(forms, classes, sentences)
    breaks = list(map(_BREAKS.__getitem__, gaps))
    return Scan(starts, ends, forms, classes, breaks, sentences)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into folded tokens with offsets, and into sentences of tokens."""
    found = scan(text)
    return Tokens(
        tuple(found.starts),
        tuple(found.ends),
        tuple(found.forms),
        tuple(map(STEMS.__getitem__, found.forms)),
        tuple(map(WEIGHTS.__getitem__, found.classes)),
        tuple(found.breaks),
        tuple(found.sentences),
    )


def _expand(
    starts: list[int], ends: list[int], gaps: list[str], surfaces: list[str]
) -> tuple[list[int], list[int], list[str], list[str]]:
    """Give each form of a multi-form word its own token (rare, so a plain loop).

    The extra tokens are named by their form, which is its own lexeme (a unit word).
    """
    out: tuple[list[int], list[int], list[str], list[str]] = ([], [], [], [])
    for start, end, gap, surface in zip(starts, ends, gaps, surfaces, strict=True):
        forms = _MULTI.get(surface)
        names = (surface, *forms[1:]) if forms else (surface,)
        for number, name in enumerate(names, start=1):
            out[0].append(start)
            out[1].append(end)
            out[2].append(gap if number == len(names) else "")
            out[3].append(name)
    return out


def _names(forms: list[str], classes: list[int], sentences: list[tuple[int, int]]) -> None:
    """Decide capitalised words at sentence starts, in place (see :attr:`Tokens.weights`).

    Capitalised mid-sentence is the evidence for a name; a sentence-initial word is a name
    only when the article also capitalises it mid-sentence and never writes it in lower case
    (for a word that can be a name, lower case is exactly class WORD).
    """
    initial = [first for first, _ in sentences if classes[first] == NAME]
    if not initial:
        return
    names = Counter(compress(forms, map(NAME.__eq__, classes)))
    names.subtract(forms[first] for first in initial)
    lower_seen = set(compress(forms, map(WORD.__eq__, classes)))
    for first in initial:
        form = forms[first]
        if names[form] <= 0 or form in lower_seen:
            classes[first] = WORD


def _sentences(ends: list[bool]) -> list[tuple[int, int]]:
    """Token ranges of sentences, from whether a sentence ends after each token."""
    count = len(ends)
    cuts = [0, *compress(range(1, count + 1), ends)]
    if cuts[-1] != count:
        cuts.append(count)
    return list(pairwise(cuts)) if count else []
