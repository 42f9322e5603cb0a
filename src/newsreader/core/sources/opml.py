"""OPML subscription lists: the feeds a user follows, as exported by other news readers.

Parsed with defusedxml, so an OPML file can no more expand entities or read local files than a
feed can. Only ``http(s)`` feed addresses are kept; any other is reported, not followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.core.sanitize import clean_line
from newsreader.core.sources.common import ALLOWED_SCHEMES, NotArticles, safe_url, url_scheme

OPML_SUFFIXES = frozenset({".opml"})
"""File endings read as OPML (``.xml`` files are sniffed for an ``<opml`` root too)."""
MAX_FEEDS = 1000
"""More subscriptions than this in one file are ignored: fetching them would never end."""
_OPML_ROOT = re.compile(rb"<opml[\s>]", re.IGNORECASE)


_REFUSED = "refused: the XML declares entities (expansion and external entities are unsafe)"


class OpmlError(ValueError):
    """The OPML file is malformed or refused as hostile XML."""


@dataclass(frozen=True, slots=True)
class Subscriptions:
    """What an OPML file lists: feed URLs to load and entries that cannot be followed."""

    feeds: tuple[str, ...]
    """Absolute ``http(s)`` feed URLs, in document order, without repeats."""
    refused: tuple[tuple[str, str], ...]
    """``(address, reason)`` for each entry that is not followed."""


def looks_like_opml(head: bytes) -> bool:
    """True when the first bytes of a document look like OPML."""
    return bool(_OPML_ROOT.search(head[:4096]))


def parse_opml(data: bytes) -> Subscriptions:
    """The feeds listed in OPML ``data``; raises :class:`OpmlError` or :class:`NotArticles`."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree
    from defusedxml import DefusedXmlException

    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_entities=True)
    except DefusedXmlException:
        raise OpmlError(_REFUSED) from None
    except ParseError as error:
        raise OpmlError(f"malformed OPML ({clean_line(str(error))[:120]})") from None
    if root.tag.lower() != "opml":
        raise NotArticles("XML document that is not OPML")
    feeds: list[str] = []
    refused: list[tuple[str, str]] = []
    for outline in root.iter("outline"):
        address = clean_line(outline.get("xmlUrl") or outline.get("xmlurl") or "")
        if not address:
            continue
        url = safe_url(address)
        if url is None:
            scheme = url_scheme(address)
            why = f"uses {scheme}:" if scheme and scheme not in ALLOWED_SCHEMES else "is not a URL"
            refused.append((address, f"feed address {why}; only http and https are followed"))
        elif url not in feeds and len(feeds) < MAX_FEEDS:
            feeds.append(url)
    return Subscriptions(tuple(feeds), tuple(refused))
