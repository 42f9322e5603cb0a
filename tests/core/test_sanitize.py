"""The sanitiser: no terminal control sequence or control character survives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.sanitize import clean, clean_line, is_clean

ESC = "\x1b"
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


def test_osc_title_and_clipboard_sequences_are_removed_with_their_payload() -> None:
    text = f"before{ESC}]0;pwned title\x07middle{ESC}]52;c;ZXZpbA=={ESC}\\after"
    assert clean(text) == "beforemiddleafter"


def test_csi_clear_screen_and_colours_are_removed() -> None:
    assert clean(f"{ESC}[2J{ESC}[31mred{ESC}[0m text") == "red text"


def test_dcs_and_c1_controls_are_removed() -> None:
    assert clean(f"a{ESC}Pq#0;2;0;0;0{ESC}\\b\x9b31mc\x9d0;t\x9cd\x85e") == "abcde"


def test_osc8_hyperlink_keeps_only_the_visible_words() -> None:
    text = f"{ESC}]8;;http://evil.example{ESC}\\click me{ESC}]8;;{ESC}\\"
    assert clean(text) == "click me"


def test_bidi_overrides_and_zero_width_characters_are_removed() -> None:
    assert clean("abc\u202edcba\u2066x\u2069\u200by") == "abcdcbaxy"


def test_odd_spaces_become_plain_spaces_one_for_one() -> None:
    text = "a\u00a0b\u2009c\u3000d"
    assert clean(text) == "a b c d"
    assert len(clean(text)) == len(text)


def test_newlines_are_normalised_and_tabs_expanded() -> None:
    assert clean("a\r\nb\rc\td") == "a\nb\nc    d"


def test_markup_is_left_as_literal_text() -> None:
    # Markup is harmless once widgets are built from Text; the sanitiser must not eat it.
    assert clean("[@click=app.quit]x[/] [bold red]y[/]") == "[@click=app.quit]x[/] [bold red]y[/]"


def test_clean_line_folds_newlines_and_runs_of_space() -> None:
    assert clean_line(" a\n b\x1b[1m  c ") == "a b c"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_no_control_character_survives(text: str) -> None:
    cleaned = clean(text)
    assert not FORBIDDEN.search(cleaned)
    assert ESC not in cleaned
    assert is_clean(cleaned)


@given(
    st.text(
        alphabet=st.sampled_from([ESC, "[", "]", "P", "\\", "\x07", "0", ";", "m", "a", "\x9c"])
    )
)
def test_escape_soup_never_leaves_an_escape(text: str) -> None:
    assert ESC not in clean(text)
    assert "\x9c" not in clean(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Zs", "Zl", "Zp"))))
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert clean(text) == text


def test_an_unterminated_string_sequence_costs_its_line_not_the_article() -> None:
    # A stray C1 byte (0x90 DCS, 0x9d OSC from a latin-1 decode) or a cut-off OSC once
    # swallowed every later paragraph; it now ends at the end of its line.
    for opener in ("\x90", "\x9d", "\x98", "\x9e", "\x9f", f"{ESC}]", f"{ESC}P", f"{ESC}_"):
        cleaned = clean(f"one{opener}0;title rest\n\ntwo\r\nthree")
        assert cleaned == "one\n\ntwo\nthree", repr(opener)


@given(
    head=st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    tail=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)),
    opener=st.sampled_from(["\x90", "\x98", "\x9d", "\x9e", "\x9f", f"{ESC}]", f"{ESC}P"]),
)
def test_later_lines_survive_any_open_sequence(head: str, tail: list[str], opener: str) -> None:
    lines = [clean(line) for line in tail]
    after = clean(head + opener + "\n" + "\n".join(tail)).split("\n", 1)[1]
    assert after == "\n".join(lines)
