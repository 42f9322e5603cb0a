"""Group a mixed set of articles into stories: the articles that report the same event.

Each article becomes a short weighted signature of its rarest content words, folded and
stemmed exactly as the shared-passage engine does (:mod:`newsreader.core.matching.normalize`),
with its headline and lead counting more than the rest: that is where a report names its
event. An inverted index over those signatures gives the candidate pairs (only articles that
share a rare word are ever compared, so the work follows the index, not the square of the
set), a cosine between signatures scores each pair, and passages the engine found shared
raise it. Stories are then built by average-linkage merging above a threshold: two groups
join only when their articles are similar *on average*, so one bridging article cannot chain
two different events together the way a plain union of links would.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from newsreader.core.article import Article
from newsreader.core.matching.model import Passage
from newsreader.core.matching.normalize import STOPWORDS, fold, stem

THRESHOLD = 0.25
"""Default minimum average similarity (0-1) for two groups of articles to be one story."""
SIGNATURE = 40
"""Terms kept per article: enough to name an event, few enough to compare cheaply."""
LEAD_CHARS = 2500
"""Only the start of the body is read: news puts the event first, and the rest is context
shared with every other report on the topic (and costs time on long pieces)."""
UNSEEN = 20
"""Articles without any of the terms added to the count behind each idf (see _signatures)."""
TITLE_WEIGHT = 3
"""A headline word counts as this many body words."""
POSTING_CAP = 100
"""Terms in more articles than this are left out of candidate generation: they are topics,
not events, and would make the pair count quadratic."""
MIN_SHARED = 2
"""Signature terms two articles must share to be compared: one common word (two short
pieces both mentioning "harbour") is not an event."""
FLOOR = 0.05
"""Pair similarities below this are dropped as noise (they count as 0 when averaging)."""
PASSAGE_BONUS = 0.1
"""Similarity added per passage two articles share (see :data:`PASSAGE_BONUS_MAX`)."""
PASSAGE_BONUS_MAX = 0.3
"""Most that shared passages can add: boilerplate shared by unrelated pieces stays small."""
NAME_WEIGHT = 2
"""A capitalised word (a name, mostly) counts as this many common words."""
DATE_WINDOW = 3
"""Days apart that cost nothing: outlets report the same event over a few days."""
DATE_SCALE = 7.0
"""Beyond the window, similarity decays by ``e`` every this many days..."""
DATE_FLOOR = 0.6
"""...but never below this factor: an undated file gets its modification date from the
loader, which says when it was saved, not when it was written."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
"""Words as the engine's tokeniser sees them, and numbers: a year, a toll or a magnitude
tells apart two events of one kind."""


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same event."""

    id: str
    """Stable identifier: derived from the story's earliest article, so it survives reloads
    and the arrival of later reports."""
    title: str
    """A representative headline: that of the article most like the others in the story."""
    articles: tuple[str, ...]
    """Ids of the articles, oldest first (undated last), then by id."""


def group_stories(
    articles: Sequence[Article],
    *,
    passages: Iterable[Passage] | None = None,
    threshold: float = THRESHOLD,
) -> tuple[Story, ...]:
    """Every article in exactly one story (singletons included), biggest story first.

    ``passages`` (from the engine) add evidence: articles sharing text are likelier to report
    the same event. Stories of equal size come newest first, then by id.
    """
    if not articles:
        return ()
    vectors = _signatures(articles)
    similarity = _candidates(vectors)
    if passages is not None:
        _add_passages(similarity, articles, passages)
    days = [_day(article.published) for article in articles]  # a file's date says nothing
    for (a, b), value in similarity.items():
        similarity[a, b] = value * _date_factor(days[a], days[b])
    groups = _average_linkage(len(articles), similarity, threshold)
    ranked = []
    for group in groups:
        newest = max((days[i] or 0 for i in group), default=0)
        ranked.append((-len(group), -newest, _story(group, articles, days, similarity)))
    ranked.sort(key=lambda item: (item[0], item[1], item[2].id))
    return tuple(story for _, _, story in ranked)


def _terms(text: str, cache: dict[str, str]) -> Counter[str]:
    """Folded, stemmed content words of ``text`` with their counts (stopwords dropped)."""
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(text)).items():
        term = cache.get(word)
        if term is None:
            folded = fold(word)
            term = "" if folded in STOPWORDS or len(folded) < 3 else stem(folded)
            cache[word] = term
        if term:
            # Names tell apart events of one kind (two earthquakes, two rehab stays).
            counts[term] += count * (NAME_WEIGHT if word[0].isupper() else 1)
    return counts


def _signatures(articles: Sequence[Article]) -> list[dict[str, float]]:
    """Each article's top terms by TF-IDF, as a unit vector (a sparse dict)."""
    cache: dict[str, str] = {}
    counts = []
    for article in articles:
        found = _terms(article.text[:LEAD_CHARS], cache)
        for term, count in _terms(article.title, cache).items():
            found[term] += count * TITLE_WEIGHT
        counts.append(found)
    frequency: Counter[str] = Counter()
    for found in counts:
        frequency.update(found.keys())
    total = len(articles)
    vectors = []
    for found in counts:
        # A term only one article has can link nothing, so it takes no room in the signature.
        # The unseen articles keep a small set's words rare enough to count: five reports of
        # one event share their key words, which plain idf would weigh as nothing.
        weights = {
            term: (1 + math.log(count)) * math.log((total + UNSEEN) / frequency[term])
            for term, count in found.items()
            if frequency[term] > 1
        }
        top = heapq.nlargest(SIGNATURE, weights.items(), key=lambda item: (item[1], item[0]))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({term: w / norm for term, w in top})
    return vectors


def _candidates(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine of every pair sharing a signature term, accumulated through the postings.

    One article at a time, so memory holds only the pairs worth keeping (at least
    :data:`FLOOR`, sharing :data:`MIN_SHARED` terms), not every pair that shares a word.
    """
    postings: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    similarity: dict[tuple[int, int], float] = {}
    for a, vector in enumerate(vectors):
        scores: defaultdict[int, float] = defaultdict(float)
        shared: Counter[int] = Counter()
        for term, wa in vector.items():
            posting = postings[term]
            if len(posting) > POSTING_CAP:
                continue
            for b, wb in posting:
                if b > a:
                    scores[b] += wa * wb
                    shared[b] += 1
        similarity.update(
            ((a, b), value)
            for b, value in scores.items()
            if value >= FLOOR and shared[b] >= MIN_SHARED
        )
    return similarity


def _add_passages(
    similarity: dict[tuple[int, int], float],
    articles: Sequence[Article],
    passages: Iterable[Passage],
) -> None:
    """Raise the similarity of article pairs by the passages they share (capped)."""
    index = {article.id: number for number, article in enumerate(articles)}
    shared: Counter[tuple[int, int]] = Counter()
    for passage in passages:
        members = sorted({index[s.article] for s in passage.spans if s.article in index})
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared[a, b] += 1
    for pair, count in shared.items():
        bonus = min(PASSAGE_BONUS_MAX, PASSAGE_BONUS * count)
        similarity[pair] = similarity.get(pair, 0.0) + bonus


def _day(text: str | None) -> int | None:
    """Day number of a ``YYYY-MM-DD`` date, or None when absent or not a date."""
    try:
        return date.fromisoformat(text).toordinal() if text else None
    except ValueError:
        return None


def _date_factor(a: int | None, b: int | None) -> float:
    """1 within :data:`DATE_WINDOW` days (or when a date is unknown), decaying beyond."""
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - DATE_WINDOW
    return 1.0 if gap <= 0 else max(DATE_FLOOR, math.exp(-gap / DATE_SCALE))


def _average_linkage(
    count: int, similarity: dict[tuple[int, int], float], threshold: float
) -> list[list[int]]:
    """Merge groups while some two have an average pairwise similarity at or above threshold.

    Pairs never scored count as 0, so a group grows only by articles like most of its members.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in similarity.items():
        links[a][b] = links[a].get(b, 0.0) + value
        links[b][a] = links[b].get(a, 0.0) + value
    heap = [(-value, a, b) for (a, b), value in similarity.items() if value >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        average = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if not math.isclose(average, -negative):
            continue  # stale: the groups changed since this entry was pushed
        if len(members[a]) < len(members[b]):
            a, b = b, a
        members[a].extend(members.pop(b))
        for other, total in links.pop(b).items():
            del links[other][b]
            if other == a:
                continue
            joined = links[a].get(other, 0.0) + total
            links[a][other] = links[other][a] = joined
        for other, total in links[a].items():
            value = total / (len(members[a]) * len(members[other]))
            if value >= threshold:
                heapq.heappush(heap, (-value, min(a, other), max(a, other)))
    return list(members.values())


def _story(
    group: list[int],
    articles: Sequence[Article],
    days: Sequence[int | None],
    similarity: dict[tuple[int, int], float],
) -> Story:
    """The story of one group: ids oldest first, the most central headline, a stable id."""
    order = sorted(group, key=lambda i: (days[i] is None, days[i] or 0, articles[i].id))
    centrality = {
        i: sum(similarity.get((min(i, j), max(i, j)), 0.0) for j in group if j != i) for i in group
    }
    central = max(order, key=lambda i: (centrality[i], -order.index(i)))
    anchor = articles[order[0]].id
    digest = hashlib.sha1(anchor.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Story(f"s{digest}", articles[central].title, tuple(articles[i].id for i in order))
