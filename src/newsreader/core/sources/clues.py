"""What an article's own text says about who published it and when.

Scraped and saved articles often carry their outlet and date only in the text: a wire
dateline ("MINSK (AP) —"), a ``Source:`` line, a byline or credit line ("By Jane Doe,
Associated Press"), a copyright line ("© 2020 Reuters"), a canonical URL on a line of its
own, a "Published: 14 September 2020" stamp, or a weekday with a month and day ("Monday,
Sept. 14"). Each rule here is general and takes its answer only when the evidence is
unambiguous; a wrong outlet or date misleads more than ``unknown`` does.

What is deliberately *not* evidence: a photo credit ("(Jane Doe/Reuters)", "[File: ...
via Reuters]", "© AFP/Getty" inside a caption) names the agency of a picture, not the
publisher; a word in a lead's brackets that is no outlet ("(Video) —"); a year-less date
whose year cannot be checked against its weekday; a weekday date inside a sentence (an
event's date); a bare date stamp with neither label nor weekday (at the foot of an article it
is usually the time of its last correction).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from newsreader.core.sanitize import clean_line

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = {}
for _number in range(7):
    _WEEKDAYS[calendar.day_name[_number].lower()] = _number
    _WEEKDAYS[calendar.day_abbr[_number].lower()] = _number
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH = r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)[a-z]*)\.?"
# "Sept. 14, 2020", "14 September 2020", "2020-09-14": a date with its year.
_FULL_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
# "Monday, Sept. 14" and "Monday 14 September" (a year may follow; it is then checked too).
_WEEKDAY_DATES = (
    re.compile(rf"\b{_WEEKDAY},?\s+{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE),
    re.compile(
        rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?",
        re.IGNORECASE,
    ),
)
_STAMP_WORDS = frozenset(
    {"am", "pm", "at", "on", "updated", "posted", "published", "last", "first", "gmt", "utc",
     "bst", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "cet",
     "cest"}
)  # fmt: skip
"""Words a date stamp holds besides the date: times, zones, "updated"."""
_YEARS = re.compile(r"(?<![\d.,$£€/-])(?:19|20)\d\d(?![\d%])")
_PUBLISHED_WORDS = ("ublished", "UBLISHED", "osted", "OSTED", "ublication", "UBLICATION")
_WEEKDAY_WORDS = ("day", "DAY", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "MON", "TUE",
                  "WED", "THU", "FRI", "SAT", "SUN")  # fmt: skip
_PUBLISHED = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|publication\s+date|date\s+published)\b\s*(?:on|:)?\s*",
    re.IGNORECASE,
)

# "MOSCOW (Reuters) -", "WASHINGTON, Sept 14 (AP) —", or a bare "(Reuters) -" lead.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .'-]{1,40}"  # the place
    r"(?:,[^()\n]{1,30})?\s)?"  # an optional state or date
    r"\(([A-Z][A-Za-z&.' -]{1,30})\)\s*[-\u2013\u2014]"  # (the outlet) and a dash
)
_NOT_OUTLETS = frozenset(
    {"photo", "photos", "video", "audio", "file", "update", "updated", "opinion", "analysis",
     "editorial", "live", "watch", "listen", "graphic", "map"}
)  # fmt: skip
"""Words a lead's brackets hold that name no outlet ("(Video) — ...")."""
_SOURCE_LINE = re.compile(r"^\s*Source:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
# Reuters closes its copy with a credit block naming writers and editors.
_WIRE_CREDIT = re.compile(r"\((?:Additional )?[Rr]eporting by [^)]*\bEditing by\b[^)]*\)")
_COPYRIGHT = re.compile(
    r"^(?:(?:copyright\b|\u00a9|\(c\))\s*)+"
    r"(?P<years>(?:19|20)\d\d(?:\s*[-\u2013]\s*(?:19|20)?\d\d)?)?[,.]?\s*"
    r"(?P<name>[^/\n]{2,80}?)\s*"
    r"(?P<tail>(?:19|20)\d\d)?[,.]?\s*(?P<rights>(?:all|some)\s+rights\s+reserved\b.*)?$",
    re.IGNORECASE,
)
_COPYRIGHT_WORDS = ("\u00a9", "(c)", "(C)", "opyright", "OPYRIGHT")
_CORPORATE = re.compile(
    r"[,\s]+(?:ltd|limited|inc|llc|plc|corp|corporation|co|gmbh|group|s\.a)\.?$", re.IGNORECASE
)
_BYLINE = re.compile(
    r"^(?:by\s+)?(?P<names>[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|&|de|van|von|al-\w+))*)"
    r"\s*(?:,|\||\u00b7|\u2014|\u2013|\s-|\sfor\s)\s*(?P<outlet>[A-Za-z][\w&.' -]{1,50}?)\.?$"
)
# A byline's second part names an outlet only when it looks like one: an acronym (AP, AFP,
# BBC) or a name holding a word outlets are called by. A job title or a place is not one.
_OUTLET_WORDS = frozenset(
    {"news", "press", "times", "post", "journal", "agency", "herald", "tribune", "telegraph",
     "gazette", "chronicle", "daily", "radio", "television", "tv", "network", "broadcasting",
     "media", "wire", "service", "magazine", "weekly", "review", "observer", "independent",
     "guardian", "standard", "express", "mail", "examiner", "dispatch", "bulletin"}
)  # fmt: skip
_ROLE_WORDS = frozenset(
    {"writer", "correspondent", "editor", "reporter", "contributor", "staff", "columnist",
     "chief", "bureau", "producer", "analyst", "photographer", "author", "intern"}
)  # fmt: skip
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_URL_LINE = re.compile(
    r"^(?:(?:canonical(?:\s+url)?|url|link|source|originally\s+published\s+(?:at|on|by))"
    r"\s*:?\s*)?<?(https?://[^\s<>\"']+)>?$",
    re.IGNORECASE,
)
_NOT_A_PAGE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|js|css|mp4|mp3)\b|/images?/", re.IGNORECASE
)


def outlet_in_text(text: str) -> str | None:
    """The outlet the body text names, or ``None``: a dateline, a ``Source:`` line, a
    copyright line, a byline or credit line, or a wire's credit block, in that order."""
    paragraphs = [p.strip() for p in text.split("\n\n")]
    for paragraph in paragraphs[:3]:
        match = _DATELINE.match(paragraph)
        if match and match.group(1).strip().casefold() not in _NOT_OUTLETS:
            return match.group(1).strip()
    has_source = "ource:" in text or "OURCE:" in text
    for value in reversed(_SOURCE_LINE.findall(text) if has_source else ()):
        named = clean_line(value.split(",")[0])
        if named and "://" not in named:
            return named
    if any(mark in text for mark in _COPYRIGHT_WORDS):
        for line in reversed(text.split("\n")):
            holder = _copyright_name(line.strip())
            if holder:
                return holder
    for paragraph in (*paragraphs[:4], *paragraphs[-2:]):
        outlet = _byline_outlet(paragraph)
        if outlet:
            return outlet
    if _WIRE_CREDIT.search(text):
        return "Reuters"
    return None


def canonical_url(text: str) -> str | None:
    """The article's own address when the text gives it on a line of its own (bare or
    labelled ``Canonical:``, ``URL:``, ``Source:``, ``Originally published at``), not an
    image's address and not a link inside a sentence, which may point anywhere."""
    paragraphs = text.split("\n\n")
    # At the head or the foot of the text: a URL line in the middle is an embed (a tweet).
    for paragraph in (*paragraphs[:3], *paragraphs[3:][-2:]):
        for line in paragraph.split("\n"):
            match = _URL_LINE.match(line.strip())
            if match and not _NOT_A_PAGE.search(match.group(1)):
                return clean_line(match.group(1)).rstrip(".,;")
    return None


def _copyright_name(line: str) -> str | None:
    """The holder named by a copyright line standing on its own ("© 2020 Reuters",
    "Copyright The Financial Times Limited 2020. All rights reserved.")."""
    if len(line) > 200:
        return None
    head, _, _ = line.partition(". ")
    match = _COPYRIGHT.match(head.strip()) or _COPYRIGHT.match(line)
    if match is None:
        return None
    # A year, "All rights reserved" or the word itself make it a copyright notice; a bare
    # "© AFP" on its own line is a photo credit as often as not.
    if not (match["years"] or match["tail"] or match["rights"] or "rights reserved" in line.lower()
            or line.lower().startswith("copyright")):  # fmt: skip
        return None
    name = match["name"].strip(" .,")
    name = _CORPORATE.sub("", name.removeprefix("by ").removeprefix("By ")).strip(" .,")
    if not name or not any(ch.isalpha() for ch in name) or len(name.split()) > 6:
        return None
    return clean_line(name)


def _byline_outlet(paragraph: str) -> str | None:
    """The outlet of a byline or credit line ("By Jane Doe, Associated Press")."""
    if "\n" in paragraph or len(paragraph) > 120:
        return None
    match = _BYLINE.match(paragraph)
    if match is None:
        return None
    outlet = match["outlet"].strip().removeprefix("the ")  # "for the Harbour Herald"
    words = [word.strip(".,'").casefold() for word in outlet.split()]
    if not words or any(word in _ROLE_WORDS for word in words):
        return None
    if _ACRONYM.match(outlet) or any(word in _OUTLET_WORDS for word in words):
        return clean_line(outlet)
    return None


def full_date(text: str) -> str | None:
    """The first date with its year in ``text`` ("Sept. 14, 2020", "14 September 2020",
    "2020-09-14") as ``YYYY-MM-DD``, or ``None``."""
    found: list[tuple[int, str]] = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            day = _make_date(match["year"], match["month"], match["day"])
            if day is not None:
                found.append((match.start(), day.isoformat()))
                break
    return min(found)[1] if found else None


def date_in_text(text: str) -> str | None:
    """The publication date the body states: a labelled stamp ("Published: 14 September
    2020"), else weekday dates on stamp lines of their own ("Monday, Sept. 14", "1:52 pm CDT,
    Friday, May 31") that all agree, each year taken from the years the text mentions and
    checked against its weekday. ``None`` when in doubt.

    A weekday date inside a sentence is an event's ("talks on Monday, July 16"): on real wire
    copy, taking those gave a wrong day for two in five articles, so they are not evidence.
    """
    # Substring tests first (a regular expression over every text costs more than the rest
    # of reading it): most texts have neither kind of stamp.
    if any(word in text for word in _PUBLISHED_WORDS):
        for line in text.split("\n"):
            label = _PUBLISHED.match(line)
            if label and len(line) < 120:
                stamped = full_date(line[label.end() :])
                if stamped:
                    return stamped
    years: set[int] | None = None
    resolved: set[date] = set()
    for line in text.split("\n"):
        if len(line) > 80 or not any(day in line for day in _WEEKDAY_WORDS):
            continue
        for pattern in _WEEKDAY_DATES:
            for match in pattern.finditer(line):
                if match["weekday"].lower() not in _WEEKDAYS or not _stamp(line, match):
                    continue  # "Monsoon, March 3"; a date in a sentence
                if years is None:
                    years = {int(year) for year in _YEARS.findall(text)}
                day = _weekday_date(match, years)
                if day is None:
                    return None  # a weekday date that no year explains: the context is unclear
                resolved.add(day)
    return resolved.pop().isoformat() if len(resolved) == 1 else None


def _stamp(line: str, match: re.Match[str]) -> bool:
    """Whether the date ``match`` stands on a line of its own, give or take a time."""
    rest = line[: match.start()] + line[match.end() :]
    return all(word.casefold() in _STAMP_WORDS for word in re.findall(r"[A-Za-z]{2,}", rest))


def _weekday_date(match: re.Match[str], years: set[int]) -> date | None:
    weekday = _WEEKDAYS[match["weekday"].lower()]
    candidates = {int(match["year"])} if match["year"] else years
    fits = [
        day
        for year in candidates
        if (day := _make_date(str(year), match["month"], match["day"])) is not None
        and day.weekday() == weekday
    ]
    return fits[0] if len(fits) == 1 else None


def _make_date(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None  # "Mayor", "Marching": words that only start like a month
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None
