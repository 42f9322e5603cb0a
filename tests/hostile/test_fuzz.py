"""Hypothesis properties over the hostile surfaces: brief in ``make test``, long in ``make fuzz``.

``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``) raises every property here from 60 to 5000
examples. The readers of single files (random bytes under every suffix, JSON records, feed
items) are fuzzed in tests/core/test_sources_hostile.py, the sanitiser in
tests/core/test_sanitize.py; this file adds whole random trees, the decoder, and the
engine's offsets on arbitrary text.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.corpus import ATTACKS, BIDI, MARKUP, snapshot
from newsreader.core.article import Article
from newsreader.core.decode import DecodeError, decode
from newsreader.core.loader import load_paths
from newsreader.core.matching import find_passages
from newsreader.core.sanitize import clean, is_clean

HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*ATTACKS.values(), MARKUP, BIDI, "\x00", "\r\n", "\t", "\ufffd"]),
        st.text(max_size=30),
        st.sampled_from(["The council", " approved ", "the bridge", ". ", "\n\n", "’s", "é"]),
    ),
    max_size=12,
).map("".join)

NAME_PARTS = st.sampled_from(
    [
        "a",
        "b c",
        "\n",
        "\x1b]0;PWNED\x07",
        "\x1b[2J",
        "[@click=app.quit]x[/]",
        "\u202e",
        "é",
        "x.txt",
    ]
)
NAMES = st.lists(NAME_PARTS, min_size=1, max_size=3).map("".join)
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".xml", ".jsonl", ".json", ".csv", ""])
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "utf-8-sig"])
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.tuples(HOSTILE_TEXT, ENCODINGS).map(lambda pair: pair[0].encode(pair[1], "replace")),
)
TREE = st.lists(
    st.tuples(st.lists(NAMES, max_size=3), NAMES, SUFFIXES, CONTENT), min_size=1, max_size=8
)


def plain_word(data: bytes, word: str = "PWNED") -> bool:
    """True when ``data`` holds ``word`` as plain text, not only inside the attacks that carry
    it (Hypothesis also draws a test's own literals, so ``word`` itself can be drawn as
    text, which must then show literally)."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        rest = data
        for attack in ATTACKS.values():
            rest = rest.replace(attack.encode(encoding, "replace"), b"")
        if word.encode(encoding) in rest:
            return True
    return False


def write_tree(root: Path, tree: list[tuple[list[str], str, str, bytes]]) -> None:
    for folders, name, suffix, data in tree:
        folder = root.joinpath(*(part.replace("/", "_") for part in folders))
        path = folder / (name.replace("/", "_") + suffix)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except (IsADirectoryError, NotADirectoryError, FileExistsError):
            continue  # a name already taken by a folder, or the other way round


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(tree=TREE)
def test_random_trees_load_cleanly_and_are_not_written(
    tree: list[tuple[list[str], str, str, bytes]],
) -> None:
    root = Path(tempfile.mkdtemp(prefix="nr-fuzz-"))
    try:
        write_tree(root, tree)
        before = snapshot(root)
        result = load_paths([root], offline=True)
        assert snapshot(root) == before
    finally:
        shutil.rmtree(root, ignore_errors=True)  # thousands of examples under make fuzz
    for article in result.articles:
        for value in (article.id, article.path, article.title, article.source):
            assert is_clean(value) and "\n" not in value
        assert is_clean(article.text)
        assert "PWNED" not in article.path
        if not any(plain_word(data) for *_, data in tree):
            assert "PWNED" not in article.text
    for skipped in result.skipped:
        assert is_clean(skipped.path) and is_clean(skipped.reason) and "\n" not in skipped.reason
    assert len({a.id for a in result.articles}) == len(result.articles)


@given(data=st.binary(max_size=2000))
def test_decode_gives_text_or_a_reason(data: bytes) -> None:
    try:
        text = decode(data)
    except DecodeError as error:
        assert str(error) == "binary data, not text"
    else:
        assert isinstance(text, str)


@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    assert decode(text.encode("utf-8")) == text.removeprefix("\ufeff")


@given(text=HOSTILE_TEXT)
def test_clean_is_idempotent_and_total(text: str) -> None:
    once = clean(text)
    assert clean(once) == once and is_clean(once)
    assert "\x1b" not in once
    assert "PWNED" not in once or plain_word(text.encode())


def cuts_a_run(before: str, after: str) -> bool:
    """True when an edge falls inside a run of letters or a run of digits.

    The engine's tokens are letter runs and digit runs, so a letter-digit seam ("G7", "A320")
    is a token edge and a span may end there; splitting "hall" or "2024" would be a bug. The
    classes are the tokeniser's: digits are ``\\d`` (decimal digits), letters every other
    word character but ``_``, so "²" or "½" (numbers, but not decimal digits) go with letters
    and "²0" has a seam (found by make fuzz).
    """
    kinds = tuple(
        "digit" if c.isdecimal() else "letter" if c.isalnum() else "" for c in (before, after)
    )
    return kinds in (("letter", "letter"), ("digit", "digit"))


PLANTED = (
    "Officials from both governments signed the long delayed agreement on river shipping "
    "and customs rules at a ceremony in the old town hall"
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    noise=st.lists(HOSTILE_TEXT, min_size=3, max_size=3),
    where=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_engine_spans_stay_in_bounds_on_word_edges_and_find_the_plant(
    noise: list[str], where: list[bool]
) -> None:
    texts = []
    for index, (raw, first) in enumerate(zip(noise, where, strict=True)):
        junk = clean(raw)
        body = f"{PLANTED}.\n\n{junk}" if first else f"{junk} {index}.\n\n{PLANTED}."
        texts.append(body)
    articles = [Article(f"a{i}", f"a{i}", "T", f"S{i}", None, None, t) for i, t in enumerate(texts)]
    passages = find_passages(articles)
    by_id = {a.id: a.text for a in articles}
    for passage in passages:
        for span in passage.spans:
            text = by_id[span.article]
            assert 0 <= span.start < span.end <= len(text)
            piece = text[span.start : span.end]
            assert piece == piece.strip()
            if span.start > 0:
                assert not cuts_a_run(text[span.start - 1], text[span.start])
            if span.end < len(text):
                assert not cuts_a_run(text[span.end - 1], text[span.end])
    found = {
        span.article
        for passage in passages
        for span in passage.spans
        if "signed the long delayed agreement" in by_id[span.article][span.start : span.end]
    }
    assert found == set(by_id)


def test_fuzz_profile_is_the_long_one_when_asked() -> None:
    """``make fuzz`` must really run longer: the profile is chosen from the environment."""
    profile = os.environ.get("HYPOTHESIS_PROFILE", "default")
    assert settings().max_examples == (5000 if profile == "fuzz" else 60)
