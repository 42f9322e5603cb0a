"""The one place where text from outside is made safe to draw in a terminal.

Everything that enters newsreader from a file, a feed or the network (article text, titles,
sources, paths, error messages) passes through :func:`clean` once, at the loading boundary.
Neither Rich nor Textual strips terminal escapes, so an OSC 0 or OSC 52 sequence inside an
article would otherwise retitle the terminal or write the clipboard.
"""

from __future__ import annotations

import re

# Whole escape sequences go first so that their parameters (an OSC title, a DCS payload)
# do not survive as stray visible text once the ESC byte itself is dropped. A string sequence
# left open (a stray C1 byte from a mis-decoded file, a cut-off OSC) ends at the line's end:
# a terminal would swallow everything after it, but a reader must not lose the article.
_SEQUENCES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                       # CSI ... final byte
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])                 # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?              # ... up to BEL, ST or the line end
  | \x1b[ -/]*[0-~]                                         # two/three-byte ESC sequences
    """,
    re.VERBOSE,
)

# After the sequences are gone, no control character may remain at all: a lone ESC or C1
# byte could still start a sequence when concatenated with later output.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Bidi overrides and isolates reorder what the reader sees; zero-width characters hide text.
# ZWJ (U+200D) is kept because emoji sequences need it and it cannot reorder or hide words.
_INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# Odd spaces become a plain space one for one, so offsets computed on the cleaned text
# line up with what is drawn and nothing shifts.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


# Every character any rule above acts on (newline aside). Most article text holds none, and
# one scan for them is several times cheaper than running every rule over a long text.
_ANY_WORK = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200c\u200e\u200f\u202a-\u202f"
    "\u205f-\u2064\u2066-\u2069\u3000\ufeff]"
)


def clean(value: str) -> str:
    """Return ``value`` with escapes, controls and bidi tricks removed and spaces made plain.

    Newlines are normalised to ``\\n`` and tabs become four spaces; every other control
    character is removed. The result is safe to hand to Rich or Textual as *text* (not markup).
    """
    if not _ANY_WORK.search(value):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SEQUENCES.sub("", value)
    value = value.replace("\t", "    ")
    value = _CONTROLS.sub("", value)
    value = _INVISIBLE.sub("", value)
    return _ODD_SPACES.sub(" ", value)


def clean_line(value: str) -> str:
    """Like :func:`clean`, for one-line values (titles, sources, paths): newlines become spaces."""
    return " ".join(clean(value).split())


def is_clean(value: str) -> bool:
    """True when ``value`` holds no character that :func:`clean` would remove or change."""
    return clean(value) == value
