"""Wrapping by offsets: every character is on exactly one line, no line is too wide."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from newsreader.core.layout import line_of_offset, lines_of_spans, wrap_offsets


def test_wraps_at_spaces() -> None:
    text = "the quick brown fox jumps"
    assert [text[s:e] for s, e in wrap_offsets(text, 10)] == ["the quick", "brown fox", "jumps"]


def test_long_words_are_split() -> None:
    text = "abcdefghij xy"
    assert [text[s:e] for s, e in wrap_offsets(text, 4)] == ["abcd", "efgh", "ij", "xy"]


def test_newlines_always_break_and_blank_lines_are_kept() -> None:
    text = "a\n\nb"
    assert wrap_offsets(text, 10) == ((0, 1), (2, 2), (3, 4))


def test_wide_characters_use_the_given_measure() -> None:
    text = "日本語のテキスト"
    lines = wrap_offsets(text, 4, measure=lambda s: 2 * len(s))
    assert [text[s:e] for s, e in lines] == ["日本", "語の", "テキ", "スト"]


def test_line_of_offset() -> None:
    starts = [0, 6, 11, 12]
    assert [line_of_offset(starts, o) for o in (0, 5, 6, 11, 12, 19)] == [0, 0, 1, 2, 3, 3]


def test_lines_of_spans() -> None:
    starts = [0, 6, 11, 12]
    spans = [(7, 12), (0, 3), (5, 5), (2, 9)]
    assert lines_of_spans(starts, spans) == {0: (1, 2, 3), 1: (0, 3), 2: (0,)}


@given(
    text=st.text(alphabet="ab \n", max_size=120),
    width=st.integers(min_value=1, max_value=12),
    spans=st.lists(st.tuples(st.integers(0, 130), st.integers(0, 130)).map(sorted), max_size=8),
)
def test_every_line_a_span_overlaps_lists_it_in_order(
    text: str, width: int, spans: list[list[int]]
) -> None:
    lines = wrap_offsets(text, width)
    found = lines_of_spans([start for start, _ in lines], [(s, e) for s, e in spans])
    for row, (start, end) in enumerate(lines):
        listed = found.get(row, ())
        assert list(listed) == sorted(listed)
        for index, (s, e) in enumerate(spans):
            if max(s, start) < min(e, end):
                assert index in listed


@given(st.text(alphabet="ab \n", max_size=200), st.integers(min_value=1, max_value=30))
def test_lines_cover_every_visible_character_in_order(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    previous_end = 0
    covered = []
    for start, end in lines:
        assert previous_end <= start <= end <= len(text)
        assert end - start <= width
        assert text[previous_end:start].strip() == ""  # only spaces and newlines are dropped
        covered.append(text[start:end])
        previous_end = end
    assert text[previous_end:].strip() == ""
    assert "".join(covered).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert len(lines) >= text.count("\n") + 1


@given(
    text=st.lists(st.sampled_from(["a", "bc", "defghij", " ", "  ", "\n", ".", "é"])).map("".join),
    width=st.integers(min_value=1, max_value=30),
)
def test_the_plain_ascii_fast_path_wraps_exactly_like_the_general_one(
    text: str, width: int
) -> None:
    from newsreader.core.layout import _wrap_line

    expected: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        expected += _wrap_line(paragraph, offset, width, len)
        offset += len(paragraph) + 1
    assert wrap_offsets(text, width) == tuple(expected)
    assert wrap_offsets(text, width, measure=cell_len) == tuple(expected)


def test_a_5mb_paragraph_wraps_in_well_under_a_second() -> None:
    import time

    words = "The harbour authority said the ferry terminal would open in spring. "
    text = words * (5 * 1024 * 1024 // len(words))
    started = time.perf_counter()
    lines = wrap_offsets(text, 55)
    assert time.perf_counter() - started < 2  # ~0.2 s; word by word it took ~1 s per wrap
    assert all(end - start <= 55 for start, end in lines)
    assert lines[-1][1] == len(text.rstrip())
