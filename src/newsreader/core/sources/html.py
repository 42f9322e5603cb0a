"""Web pages reduced to the article: main text, title, byline, date and outlet.

The extraction is trafilatura's (it drops menus, cookie notices, "most read" lists, share
buttons and related links, and never turns scripts or styles into text). Everything it returns
still passes through the sanitiser, since a page is text written by strangers.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from newsreader.core.article import UNKNOWN_SOURCE, Article
from newsreader.core.sanitize import clean, clean_line
from newsreader.core.sources.clues import outlet_in_text
from newsreader.core.sources.common import (
    NotArticles,
    body,
    domain,
    iso_date,
    safe_url,
    slug,
    words,
)
from newsreader.core.sources.needs import needs

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
"""File endings read as saved web pages."""
MAX_TREE_SIZE = 200_000
"""Pages with more elements than this are refused: parsing them would stall the reader."""
MIN_WORDS = 15
"""Less main text than this is a site index or an error page, not an article."""

# trafilatura and its helpers log through the root logger's last-resort handler, which would
# print onto the terminal under the app; their messages are not for the reader.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


def read_page(data: bytes | str, *, shown: str, url: str | None, id_hint: str = "") -> Article:
    """The article in the page ``data``; raises :class:`NotArticles` when there is none.

    ``url`` is where the page came from (``None`` for a file), used for the outlet's domain
    and for relative links; ``id_hint`` (a file's stem) names the article, else its title does.
    """
    document = extract(data, url)
    if document is None:
        raise NotArticles("no article text found in the page")
    title = clean_line(_string(document, "title"))
    text = body(_string(document, "text"), title, lines_are_paragraphs=True)
    if words(text) < MIN_WORDS:
        raise NotArticles("no article text found in the page")
    page_url = safe_url(url) or safe_url(_string(document, "url"))
    author = clean_line(_string(document, "author"))
    date = iso_date(_string(document, "date"))
    # The page's own name for its site first; the text's clues before a bare domain.
    site = clean_line(_string(document, "sitename"))
    source = site or outlet_in_text(text)
    return Article(
        id=id_hint or slug(title) or domain(url) or "page",
        path=shown,
        title=title or clean_line(text.split("\n", 1)[0])[:100],
        source=source or domain(page_url) or UNKNOWN_SOURCE,
        date=date,
        url=page_url,
        text=text,
        notes=(f"by {author}",) if author else (),
        date_source="metadata" if date else None,
        source_from="site" if site else ("text" if source else None),
    )


def extract(data: bytes | str, url: str | None) -> Any:
    """trafilatura's document for ``data`` (or ``None``), tuned for news pages."""
    with needs("web pages"):
        import trafilatura  # imported here: it is slow to import and only pages need it
        from trafilatura.utils import decode_file

    # Escape sequences are removed whole before parsing: the HTML parser would drop the ESC
    # byte alone and leave the rest of the sequence (an OSC 52 payload) as visible text.
    markup = clean(decode_file(data) if isinstance(data, bytes) else data)
    try:
        return trafilatura.bare_extraction(
            markup,
            url=safe_url(url),
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            config=_config(),
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None  # a page broken enough to upset the extractor holds no usable article


@functools.cache
def _config() -> Any:
    """trafilatura's settings with our bound on the page size (it reads them per call)."""
    from trafilatura.settings import use_config

    config = use_config()
    config["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_TREE_SIZE)
    return config


def _string(document: Any, name: str) -> str:
    value = getattr(document, name, None)
    return value if isinstance(value, str) else ""
