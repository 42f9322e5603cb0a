"""Growing links over identical words: the block-wise comparison against a plain walk."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.matching.group import _same_run


def _walked(fa: list[int], a: int, fb: list[int], b: int, room: int, *, back: bool) -> int:
    done = 0
    while done < room:
        i, j = (a - done - 1, b - done - 1) if back else (a + done, b + done)
        if fa[i] != fb[j]:
            break
        done += 1
    return done


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 2), max_size=80),
    st.lists(st.integers(0, 2), max_size=80),
    st.data(),
    st.booleans(),
)
def test_same_run_agrees_with_a_token_by_token_walk(
    fa: list[int], fb: list[int], data: st.DataObject, back: bool
) -> None:
    a = data.draw(st.integers(0, len(fa)))
    b = data.draw(st.integers(0, len(fb)))
    most = min(a, b) if back else min(len(fa) - a, len(fb) - b)
    room = data.draw(st.integers(0, most))
    expected = _walked(fa, a, fb, b, room, back=back)
    assert _same_run(array("i", fa), a, array("i", fb), b, room, back=back) == expected


def test_a_long_identical_run_is_measured_whole() -> None:
    run = array("i", range(5000))
    assert _same_run(run, 0, array("i", run), 0, 5000) == 5000
    assert _same_run(run, 5000, array("i", run), 5000, 4000, back=True) == 4000
