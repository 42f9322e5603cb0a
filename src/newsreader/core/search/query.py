"""Read what the user typed into the words to look for.

Words are folded like the text (case and accents do not matter). Words inside double quotes
must match exactly (after folding): ``"closest ally"`` finds only those two words in a row.
All the words of a query form one phrase, matched on consecutive words of the text
(punctuation between them does not matter). While typing, the last word may also match as
the beginning of a longer word, unless the query already ends with a space or a closing quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.core.search.fold import folded_words


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query, folded, with how it may match."""

    folded: str
    """The word as compared: lower-case ASCII letters and digits."""
    exact_only: bool
    """True inside double quotes: no typo or variant matching (a prefix only while typing)."""
    prefix: bool
    """True for the word still being typed: it may match the beginning of a longer word."""


def parse_query(query: str, *, prefix: bool = False) -> tuple[QueryWord, ...]:
    """The words of ``query``; ``prefix`` marks the last one as possibly unfinished.

    An unclosed quote runs to the end of the query, so typing ``"closest al`` already
    searches exactly for ``closest`` followed by a word beginning ``al``.
    """
    words: list[QueryWord] = []
    for number, segment in enumerate(query.split('"')):
        quoted = number % 2 == 1
        words.extend(QueryWord(folded, quoted, False) for folded in folded_words(segment))
    quote_closed = query.count('"') % 2 == 0 and query.rstrip().endswith('"')
    if prefix and words and query and not query[-1].isspace() and not quote_closed:
        last = words[-1]
        words[-1] = QueryWord(last.folded, last.exact_only, True)
    return tuple(words)
