"""Bytes to text: BOMs honoured, UTF-8 preferred, charset-normalizer for everything else."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept (binary data, most likely)."""


def decode(data: bytes) -> str:
    """Decode ``data`` as text or raise :class:`DecodeError` with a reason a user can read."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" not in data:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    # Only files that are not UTF-8 need detection: keep the library off the common path.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary data, not text")
    text = str(best)
    if _looks_binary(text):
        raise DecodeError("binary data, not text")
    return text


def _looks_binary(text: str) -> bool:
    """True when too much of ``text`` is control characters to be an article."""
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return "\x00" in text or controls > len(text) // 100
