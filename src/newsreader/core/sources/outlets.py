"""One name per outlet across a loaded set: files, feeds and dumps name outlets differently.

A page calls itself "Financial Times", a copyright line "The Financial Times Limited", a text
file with nothing better only shows its URL's ``ft.com``. No table of outlets is written
here: the set teaches itself. Names that differ only by case, a leading "The" or a company
suffix are one outlet, shown under its most used spelling; a domain is shown under the name
the set's own articles pair it with (the URL of an article whose page, feed or dump gives
the site's own name: a dateline names the wire, not the site), when they agree on one name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from newsreader.core.article import UNKNOWN_SOURCE, Article

_DOMAIN_LIKE = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_SUFFIX = re.compile(r"[,\s]+(?:ltd|limited|inc|llc|plc|corp|corporation|gmbh|group)\.?$")
_PUNCTUATION = re.compile(r"[^\w&]+")


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def name_key(name: str) -> str:
    """What makes two spellings one outlet: "The Financial Times Ltd" → ``financial times``."""
    key = _SUFFIX.sub("", name.casefold().strip())
    key = key.removeprefix("the ")
    return _PUNCTUATION.sub(" ", key).strip()


def is_domain(name: str) -> bool:
    """True when ``name`` is a bare domain (``ft.com``), the last resort of a name."""
    return bool(_DOMAIN_LIKE.match(name))


def unify_outlets(articles: Sequence[Article]) -> list[Article]:
    """``articles`` with each outlet under one name (see the module docstring); the others
    are returned as they are, the same objects."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    by_domain: dict[str, Counter[str]] = defaultdict(Counter)
    keys: dict[str, str] = {}  # each distinct source once: big dumps repeat a few hundred
    for article in articles:
        source = article.source
        if source == UNKNOWN_SOURCE or is_domain(source):
            continue
        key = keys.get(source)
        if key is None:
            key = keys[source] = name_key(source)
        if not key:
            continue
        spellings[key][source] += 1
        site = _domain(article.url) if article.source_from == "site" else None
        if site:
            by_domain[site][key] += 1
    shown = {key: _most_used(counts) for key, counts in spellings.items()}
    learnt: dict[str, str] = {}
    for site, counts in by_domain.items():
        (key, count), *_ = counts.most_common(1)
        # An aggregator's domain pairs with many outlets: only a clear majority teaches.
        if count * 2 > sum(counts.values()):
            learnt[site] = shown[key]
    result: list[Article] = []
    for article in articles:
        name = _name(article, keys, shown, learnt)
        result.append(article if name == article.source else replace(article, source=name))
    return result


def _name(
    article: Article, keys: dict[str, str], shown: dict[str, str], learnt: dict[str, str]
) -> str:
    source = article.source
    if source in keys:
        return shown.get(keys[source], source)
    if is_domain(source):
        return learnt.get(source) or learnt.get(_domain(article.url) or "") or source
    return source


def _most_used(counts: Counter[str]) -> str:
    """The most used spelling; on a tie, one without "The" and company suffixes."""
    return max(counts, key=lambda name: (counts[name], not name.casefold().startswith("the ")))
