"""The index features of sentences (see :mod:`.index`), for a whole chunk of articles at once.

A sentence's features are the stems of its ordinary content words and its word bigrams
that hold at least one content word, as 64-bit hashes. Tokenising workers compute them for
64 articles of about a thousand tokens at a time, so the work is a few numpy operations
over the chunk's tokens rather than Python code per sentence. A feature found twice in one
sentence is listed twice here; the index counts it once.

A bigram's key mixes its two words' string hashes (which agree across processes forked
from one parent); an odd multiplier keeps ``(a, b)`` and ``(b, a)`` apart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsreader.core.matching.grouping import Keys, Positions
from newsreader.core.matching.memo import Memo
from newsreader.core.matching.normalize import STEMS, STOP, WORD

PAIR_MIX = -7046029254386353131
"""An odd 64-bit constant (the golden ratio's bits, 0x9E3779B97F4A7C15, as a signed value)."""

_STEM_KEYS: Memo[str, int] = Memo(lambda form: hash(STEMS[form]))
"""The content-stem feature of each form, memoised (one C-level lookup a word)."""


def sentence_features(
    vocabulary: Sequence[str], forms: Positions, classes: bytes, lengths: Positions
) -> tuple[Keys, Positions]:
    """Every sentence's features, concatenated in sentence order, and how many each has.

    ``forms`` are the chunk's tokens as ids into ``vocabulary``, ``classes`` their classes,
    and sentence ``s`` is the next ``lengths[s]`` tokens.
    """
    count = len(forms)
    if not count:
        return np.zeros(0, dtype=np.int64), np.zeros(len(lengths), dtype=np.int32)
    _STEM_KEYS.trim()
    stems = np.array(list(map(_STEM_KEYS.__getitem__, vocabulary)), dtype=np.int64)[forms]
    words = np.array(list(map(hash, vocabulary)), dtype=np.int64)[forms]
    kinds = np.frombuffer(classes, dtype=np.uint8)
    sentence = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    # Slot 2t holds token t's stem, slot 2t + 1 the bigram starting at t: features then
    # come out in token order, so grouped by sentence with no sort.
    keys = np.empty(2 * count, dtype=np.int64)
    keys[0::2] = stems
    keys[1:-1:2] = words[:-1] * PAIR_MIX + words[1:]
    keys[-1] = 0
    kept = np.zeros(2 * count, dtype=bool)
    kept[0::2] = kinds == WORD
    content = kinds != STOP
    kept[1:-1:2] = (content[:-1] | content[1:]) & (sentence[:-1] == sentence[1:])
    counts = np.bincount(np.repeat(sentence, 2)[kept], minlength=len(lengths))
    return keys[kept], counts.astype(np.int32)
