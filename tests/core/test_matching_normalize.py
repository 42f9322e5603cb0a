"""Normalisation: folding, number styling and offsets that point back at the words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.matching.normalize import fold, stem, tokenize


def test_fold_unifies_case_accents_and_quote_marks() -> None:
    assert fold("Łukashénko") == fold("lukashenko")
    assert fold("Russia’s") == fold("Russia's") == "russia"
    assert fold("DON’T") == "dont"


def test_number_styles_fold_to_the_same_tokens() -> None:
    a = tokenize("a $1.5 billion loan").forms
    b = tokenize("a loan of 1.5 billion dollars").forms
    c = tokenize("a $1.5bn loan").forms
    assert sorted(set(a)) == sorted(set(c))
    assert {"dollar", "1.5", "billion"} <= set(b)
    assert tokenize("1,000 people").forms[0] == tokenize("1000 people").forms[0] == "1000"


def test_stem_is_light() -> None:
    assert stem("agreements") == stem("agreement")
    assert stem("press") == "press"
    assert stem("1990s") == "1990s"


def test_sentences_split_on_terminal_punctuation_and_paragraphs() -> None:
    text = "One two three. “Four five,” he said! Six\n\nSeven eight"
    tokens = tokenize(text)
    words = [
        [text[tokens.starts[i] : tokens.ends[i]] for i in range(a, b)] for a, b in tokens.sentences
    ]
    assert words == [
        ["One", "two", "three"],
        ["Four", "five", "he", "said"],
        ["Six"],
        ["Seven", "eight"],
    ]


def test_names_and_function_words_weigh_less() -> None:
    tokens = tokenize("Yesterday Putin met the minister in Sochi and the minister agreed.")
    weight = dict(zip(tokens.forms, tokens.weights, strict=True))
    assert weight["the"] == 0.0
    assert weight["putin"] < 1.0 and weight["sochi"] < 1.0
    assert weight["minister"] == 1.0


@given(st.text(max_size=300))
def test_offsets_always_point_at_the_token_text(text: str) -> None:
    tokens = tokenize(text)
    assert len(tokens.starts) == len(tokens.forms) == len(tokens.weights) == len(tokens.breaks)
    for start, end in zip(tokens.starts, tokens.ends, strict=True):
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
    assert list(tokens.starts) == sorted(tokens.starts)
    covered = [i for a, b in tokens.sentences for i in range(a, b)]
    assert covered == list(range(len(tokens.forms)))
