"""Titling and metadata of plain-text articles, on the sample's cases and on generated files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from newsreader.core.loader import load_paths
from newsreader.core.sources.text import FURNITURE_WORDS, parse_text

SAMPLE_TITLES = [
    "Putin pledges 1.5 billion dollar loan to Belarus as Lukashenko visits",
    "Putin bestows $1.5 billion loan after Belarus leader seeks help",
    "Putin calls Belarus 'our closest ally,' loans country more money",
    "Lukashenko seeks Putin’s help in attempt to survive mass protests",
    "Putin pledges $1.5bn loan and security assistance to Belarus",
]


def test_sample_is_titled_as_a_reader_would_title_it(sample_copy: Path) -> None:
    result = load_paths([sample_copy])
    assert [a.title for a in result.articles] == SAMPLE_TITLES
    assert result.skipped == ()


def test_sample_repeated_title_is_shown_once(sample_copy: Path) -> None:
    first = load_paths([sample_copy]).articles[0]
    assert not first.text.startswith(first.title)


def test_sample_sources_come_from_what_the_text_says(sample_copy: Path) -> None:
    sources = [a.source for a in load_paths([sample_copy]).articles]
    # Reuters credit block, nothing (a folder's name is no evidence), "Source:" line, nothing
    # (photo credits name picture agencies), and the domain of an image URL.
    assert sources == ["unknown source", "Reuters", "unknown source", "Al Jazeera", "ft.com"]


def test_debris_line_gives_the_date_and_is_not_the_title() -> None:
    parsed = parse_text(" date 2020-09-14 Left Menu\nReal headline here\n\nBody text.")
    assert parsed.title == "Real headline here"
    assert parsed.date == "2020-09-14"
    assert parsed.text == "Body text."


def test_leading_image_url_and_caption_are_not_the_title() -> None:
    raw = "https://cdn.example.com/images/a.jpg?w=700\nA man waves © AFP/Getty\n\nHeadline\n\nBody."
    parsed = parse_text(raw)
    assert parsed.title == "Headline"
    assert parsed.source == "cdn.example.com"
    assert parsed.url is None  # an image address is not the article's address


def test_dateline_names_the_wire() -> None:
    parsed = parse_text("Headline\n\nMOSCOW (Reuters) - Russia said on Monday...")
    assert parsed.source == "Reuters"


def test_dateline_with_date_names_the_wire() -> None:
    parsed = parse_text("Headline\n\nWASHINGTON, Sept 14 (AP) — The House voted.")
    assert parsed.source == "AP"


def test_source_line_wins_over_url() -> None:
    parsed = parse_text(
        "Headline\n\nhttps://www.example.org/x\n\nBody.\n\nSource: Al Jazeera, Agencies"
    )
    assert parsed.source == "Al Jazeera"


def test_markdown_heading_marks_are_not_part_of_the_title() -> None:
    assert parse_text("# A headline\n\nBody", markdown=True).title == "A headline"


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    parsed = parse_text("T\n\n\n\nOne\nstill one\n\n\n\nTwo   \n")
    assert parsed.text == "One\nstill one\n\nTwo"


def test_text_without_any_real_line_gives_empty_title() -> None:
    assert parse_text("\n\n  \n").title == ""


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10).filter(
    lambda word: word not in FURNITURE_WORDS
)
lines = st.lists(words, min_size=1, max_size=12).map(" ".join)


@given(
    debris=st.lists(st.sampled_from([" date 2021-01-02 Left Menu", "Skip to content", "", "Menu"])),
    title=lines,
    # A paragraph that is only "By" is an empty byline, dropped on purpose (a scraped author
    # link whose name was lost), so it is no body paragraph to keep.
    paragraphs=st.lists(lines.filter(lambda p: p.casefold() != "by"), min_size=1, max_size=6),
    repeat=st.booleans(),
    noise=st.sampled_from(["", "\r", "\x1b[2J", "\x1b]0;x\x07", "\u00a0"]),
)
def test_generated_messy_files_keep_title_and_body(
    debris: list[str], title: str, paragraphs: list[str], repeat: bool, noise: str
) -> None:
    assume(paragraphs[0] != title)
    body = [title, *paragraphs] if repeat else paragraphs
    raw = "\n".join(debris) + "\n" + title + noise + "\n\n" + "\n\n".join(body) + noise
    parsed = parse_text(raw)
    assert parsed.title == title
    assert parsed.text.split("\n\n") == paragraphs
    assert "\x1b" not in parsed.text + parsed.title
    assert "\r" not in parsed.text


def test_a_date_stamp_needs_a_date_and_a_headline_starting_with_date_is_kept() -> None:
    for stamp in ("Published: March 3, 2020", "Updated 14 Sept", "date 3/14/2020", "Date: 2019"):
        assert parse_text(f"{stamp}\n\nHeadline\n\nBody.").title == "Headline", stamp
    assert parse_text("Date night ideas\n\nBody.").title == "Date night ideas"
    assert parse_text("date a\n\na").title == "date a"  # found by the property below


def test_a_headline_that_starts_with_a_furniture_word_is_still_the_title() -> None:
    assert parse_text("Search for survivors called off\n\nBody.").title.startswith("Search")
