"""What a text says about its outlet and date: each rule, and what must not be taken for one.

Every text here is written for the test; none comes from the sample or a real outlet.
"""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.sources.clues import canonical_url, date_in_text, outlet_in_text
from newsreader.core.sources.text import parse_text

BODY = "The harbour board met again to discuss the new ferry timetable and its costs."


def parsed(
    *paragraphs: str, title: str = "Ferry timetable changes"
) -> tuple[str | None, str | None]:
    result = parse_text("\n\n".join((title, *paragraphs)))
    return result.source, result.date


# --- outlets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("OSLO (Reuters) - The harbour board met again.", "Reuters"),
        ("BERGEN, Norway (AP) — The harbour board met again.", "AP"),
        ("TROMSO, March 3 (AFP) - The harbour board met again.", "AFP"),
        ("(Reuters) - The harbour board met again.", "Reuters"),
    ],
)
def test_a_dateline_names_the_wire(lead: str, outlet: str) -> None:
    assert parsed(lead, BODY)[0] == outlet


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [
        ("By Kari Nordmann, Associated Press", "Associated Press"),
        ("Ola Hansen and Kari Nordmann, The Fjord Times", "The Fjord Times"),
        ("By Ola Hansen | BBC", "BBC"),
        ("By Ola Hansen for the Harbour Herald", "Harbour Herald"),
    ],
)
def test_a_byline_or_credit_line_names_the_outlet(byline: str, outlet: str) -> None:
    assert parsed(byline, BODY)[0] == outlet


@pytest.mark.parametrize(
    "byline",
    [
        "By Kari Nordmann, Staff Writer",
        "By Kari Nordmann, Oslo",
        "Kari Nordmann, Chief Correspondent",
    ],
)
def test_a_byline_naming_a_role_or_a_place_names_no_outlet(byline: str) -> None:
    assert parsed(byline, BODY)[0] is None


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2021 Reuters", "Reuters"),
        ("Copyright 2021 The Fjord Times Limited. All rights reserved.", "The Fjord Times"),
        ("Copyright © Harbour Herald Ltd 2019", "Harbour Herald"),
        ("(c) 2020 Nordic Broadcasting Inc. All rights reserved. Do not redistribute.",
         "Nordic Broadcasting"),
    ],
)  # fmt: skip
def test_a_copyright_line_names_the_outlet(line: str, outlet: str) -> None:
    assert parsed(BODY, line)[0] == outlet


@pytest.mark.parametrize(
    "credit",
    [
        "The harbour master inspects the quay on Monday. (Kari Nordmann/Reuters)",
        "The ferry in 2019 [File: Ola Hansen/Pool via Reuters]",
        "The quay at dawn © NTB/AFP/Getty Images",
        "© AFP",
        "Photo: Reuters",
        "(Video) — The harbour master speaks.",
    ],
)
def test_a_photo_credit_is_not_the_outlet(credit: str) -> None:
    assert parsed(credit, BODY)[0] is None
    assert parsed(BODY, credit)[0] is None


def test_a_source_line_names_the_outlet_but_a_url_in_it_does_not() -> None:
    assert parsed(BODY, "Source: Fjord Radio, agencies")[0] == "Fjord Radio"
    assert parsed(BODY, "Source: https://fjord.example/x")[0] == "fjord.example"


def test_a_canonical_url_on_its_own_line_gives_the_domain_but_a_link_in_prose_does_not() -> None:
    assert parse_text(f"T\n\n{BODY}\n\nhttps://www.fjordtimes.example/a/1").source == (
        "fjordtimes.example"
    )
    labelled = parse_text(f"T\n\n{BODY}\n\nCanonical URL: https://news.fjord.example/a")
    assert labelled.url == "https://news.fjord.example/a"
    prose = parse_text(f"T\n\n{BODY} The report is at https://un.example/report today.")
    assert prose.source is None and prose.url is None
    assert canonical_url("T\n\nhttps://img.example/images/a.jpg") is None


def test_nothing_named_gives_no_outlet() -> None:
    assert parsed(BODY, "The board meets again next week.") == (None, None)
    assert outlet_in_text("") is None


# --- dates -----------------------------------------------------------------------------------


def test_a_weekday_date_stamp_takes_its_year_from_the_context() -> None:
    # 14 September is a Monday in 2020 and in 2015, a Saturday in 2019.
    text = "Monday, Sept. 14\n\nThe board met. The ferry has run since 2019; a 2020 budget."
    assert date_in_text(text) == "2020-09-14"
    stamp = "Updated 9:37 am EDT, Monday 14 September\n\nThe first 2020 meeting."
    assert date_in_text(stamp) == "2020-09-14"
    assert parse_text(f"Ferry\n\n{BODY}\n\n{stamp}").date == "2020-09-14"


@pytest.mark.parametrize(
    "text",
    [
        "Monday, Sept. 14\n\nThe board met.",  # no year at all
        "Monday, Sept. 14\n\nThe board met, as in 2015 and 2020.",  # both years fit
        "Tuesday, Sept. 14\n\nThe board met in 2020.",  # the weekday fits no year given
        "Monday, Sept. 14\n\nTuesday, Sept. 22\n\nIn 2020.",  # two stamps that disagree
        "The board meets on Monday, Sept. 14, as it did in 2020.",  # an event in a sentence
        "The ferry ran on September 14, 2020, for the last time.",  # a date in prose
        "Sep 15, 2020 9:37 AM ET",  # a bare stamp: often when it was updated
    ],
)
def test_an_ambiguous_date_is_not_taken(text: str) -> None:
    assert date_in_text(text) is None


def test_a_published_stamp_gives_the_date_and_an_updated_one_does_not() -> None:
    assert parsed(BODY, "Published: 14 September 2020 10:36 BST")[1] == "2020-09-14"
    assert parse_text(f"Posted on March 3, 2021\nT\n\n{BODY}").date == "2021-03-03"
    assert parse_text(f"Updated: March 4, 2021\nT\n\n{BODY}").date is None
    assert parse_text(f"date 2021-03-05 Menu\nT\n\n{BODY}").date == "2021-03-05"


def test_a_caption_date_after_a_lead_image_is_the_photos() -> None:
    raw = f"https://img.example/images/a.jpg\nThe quay, March 3, 2019\n\nT\n\n{BODY}"
    assert parse_text(raw).date is None


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    month_style=st.sampled_from(["full", "abbr"]),
    order=st.booleans(),
)
def test_a_weekday_date_resolves_to_the_one_year_whose_weekday_fits(
    day: date, month_style: str, order: bool
) -> None:
    names = calendar.month_name if month_style == "full" else calendar.month_abbr
    month = names[day.month]
    weekday = calendar.day_name[day.weekday()]
    when = f"{weekday}, {month} {day.day}" if order else f"{weekday} {day.day} {month}"
    text = f"{when}\n\nThe vote was the first since {day.year}."
    assert date_in_text(text) == day.isoformat()
    wrong = calendar.day_name[(day.weekday() + 1) % 7]
    assert date_in_text(text.replace(weekday, wrong)) is None
    # Another year whose calendar matches (28 years on, within the Gregorian cycle) makes it
    # ambiguous; one whose weekday differs does not.
    other = day.replace(year=day.year + 28) if not (day.month == 2 and day.day == 29) else day
    assert other.weekday() == day.weekday()
    if other != day:
        assert date_in_text(f"{text} Again in {other.year}.") is None
    try:
        later: date | None = day.replace(year=day.year + 3)
    except ValueError:  # 29 February
        later = None
    if later is not None and later.weekday() != day.weekday():
        assert date_in_text(f"{text} Again in {later.year}.") == day.isoformat()
