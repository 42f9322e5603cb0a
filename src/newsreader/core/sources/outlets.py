"""One name per outlet across a loaded set: files, feeds and dumps name outlets differently.

A page calls itself "Financial Times", a copyright line "The Financial Times Limited", a text
file with nothing better only shows its URL's ``ft.com``. No table of outlets is written
here: the set teaches itself. Names that differ only by case, a leading "The" or a company
suffix are one outlet, shown under its most used spelling; an acronym ("AP") is the outlet
whose initials it spells ("Associated Press") when exactly one name in the set does, and is
shown under that name; a domain is shown under the name
the set's own articles pair it with (the URL of an article whose page, feed or dump gives
the site's own name: a dateline names the wire, not the site), when they agree on one name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsreader.core.article import UNKNOWN_SOURCE, Article

_DOMAIN_LIKE = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_SUFFIX = re.compile(r"[,\s]+(?:ltd|limited|inc|llc|plc|corp|corporation|gmbh|group)\.?$")
_PUNCTUATION = re.compile(r"[^\w&-]+")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:@]+)")


def _domain(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (a regular expression: ``urlsplit`` costs a
    third of a second on a 20,000-article dump)."""
    match = _HOST.match(url) if url else None
    return match.group(1).lower().removeprefix("www.") if match else None


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
    keys: dict[str, str] = {}  # each distinct source once: big dumps repeat a few hundred
    domains = False
    for article in articles:
        source = article.source
        key = keys.get(source)
        if key is None:
            plain = source != UNKNOWN_SOURCE and not is_domain(source)
            key = keys[source] = name_key(source) if plain else ""
            domains = domains or is_domain(source)
        if key:
            spellings[key][source] += 1
    shown = {key: _most_used(counts) for key, counts in spellings.items()}
    for acronym, full in _acronyms(spellings).items():
        shown[acronym] = shown[full]
    # Only articles named by a domain need the table, and reading every URL costs.
    learnt = _learn_domains(articles, keys, shown) if domains else {}
    result: list[Article] = []
    for article in articles:
        name = _name(article, keys, shown, learnt)
        result.append(article if name == article.source else replace(article, source=name))
    return result


def _learn_domains(
    articles: Sequence[Article], keys: dict[str, str], shown: dict[str, str]
) -> dict[str, str]:
    """Each domain and the name its site-named articles agree on."""
    by_domain: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        key = keys[article.source]
        if key and article.source_from == "site":
            site = _domain(article.url)
            if site:
                by_domain[site][key] += 1
    learnt: dict[str, str] = {}
    for site, counts in by_domain.items():
        (key, count), *_ = counts.most_common(1)
        # An aggregator's domain pairs with many outlets: only a clear majority teaches.
        if count * 2 > sum(counts.values()):
            learnt[site] = shown[key]
    return learnt


def _name(
    article: Article, keys: dict[str, str], shown: dict[str, str], learnt: dict[str, str]
) -> str:
    source = article.source
    if keys[source]:
        return shown.get(keys[source], source)
    if learnt and is_domain(source):
        return learnt.get(source) or learnt.get(_domain(article.url) or "") or source
    return source


def _acronyms(spellings: dict[str, Counter[str]]) -> dict[str, str]:
    """Acronym keys ("ap") and the one longer key whose initials they spell."""
    acronyms = {key for key, counts in spellings.items()
                if " " not in key and any(_ACRONYM.match(name) for name in counts)}  # fmt: skip
    if not acronyms:
        return {}
    spelt: dict[str, list[str]] = defaultdict(list)
    for key in spellings:
        words = key.replace("-", " ").split()
        if len(words) > 1:
            spelt["".join(word[0] for word in words)].append(key)
    return {key: spelt[key][0] for key in acronyms if len(spelt.get(key, ())) == 1}


def _most_used(counts: Counter[str]) -> str:
    """The most used spelling; on a tie, one without "The" and company suffixes."""
    return max(counts, key=lambda name: (counts[name], not name.casefold().startswith("the ")))
