"""Decoding bytes from disk: BOMs, UTF-8, legacy encodings, and binary refused."""

from __future__ import annotations

import os

import pytest

from newsreader.core.decode import DecodeError, decode

SAMPLE = "Putin’s “closest ally” — café in Minsk\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        SAMPLE.encode("utf-16"),
        SAMPLE.encode("utf-16-be").join([b"\xfe\xff", b""]),
        SAMPLE.encode("utf-32"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32"],
)
def test_unicode_encodings_round_trip(data: bytes) -> None:
    assert decode(data) == SAMPLE


def test_cp1252_smart_quotes_are_decoded() -> None:
    text = "The minister said: “We will not leave.” It was 25 °C in Minsk — a café owner agreed.\n"
    assert decode((text * 3).encode("cp1252")) == text * 3


def test_random_binary_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode(os.urandom(4096) + b"\x00\x00\x01\x02")


def test_nul_bytes_without_bom_are_refused() -> None:
    with pytest.raises(DecodeError):
        decode(b"PK\x03\x04\x00\x00\x00" * 50)


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode(b"") == ""
