"""Story grouping: every article in one story, same event together, same topic apart."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from conftest import REPO, corpus
from newsreader.core.article import Article
from newsreader.core.matching import Passage, Span
from newsreader.core.stories import Story, group_stories

# Three events, each told by three outlets in their own words, plus a same-topic distractor
# per event (another quake, another strike, another merger) and unrelated singletons.
EVENTS = {
    "quake": [
        "A magnitude 6.4 earthquake struck near Kalvora on Tuesday, collapsing the old "
        "cathedral and killing at least 12 people, officials in Ostmark province said.",
        "Rescuers in Kalvora dug through rubble after Tuesday's 6.4 quake brought down the "
        "cathedral; Ostmark officials put the death toll at 12.",
        "The Kalvora earthquake, measured at 6.4, killed a dozen people and toppled the city's "
        "cathedral, according to the Ostmark provincial government.",
    ],
    "strike": [
        "Dock workers at the port of Brennholm walked out on Monday over pay, leaving "
        "container ships idle, the Harbour Workers Union said.",
        "The Harbour Workers Union began a strike at Brennholm port on Monday, halting "
        "container traffic in a dispute over wages.",
        "Container ships sat idle at Brennholm as union dock workers struck on Monday "
        "demanding higher pay, the Harbour Workers Union confirmed.",
    ],
    "merger": [
        "Velmont Foods agreed to buy rival Quillan Dairy for 2.1 billion euros, creating the "
        "largest dairy group in the region, the companies said on Wednesday.",
        "Quillan Dairy will be acquired by Velmont Foods in a 2.1 billion euro deal announced "
        "Wednesday, forming the region's biggest dairy group.",
        "Velmont Foods is taking over Quillan Dairy: the 2.1 billion euro acquisition makes "
        "the pair the dominant dairy company in the region.",
    ],
}
DISTRACTORS = {
    "quake": "A magnitude 5.1 earthquake shook Tessaly island on Friday, cracking the harbour "
    "wall; no deaths were reported, the island's mayor Irena Dovic said.",
    "strike": "Train drivers on the Norrland railway walked out on Thursday over rosters, "
    "cancelling commuter services, the Rail Drivers Guild said.",
    "merger": "Orlin Motors agreed to buy battery maker Sektra for 900 million dollars, the "
    "carmaker said on Monday, to secure its supply of cells.",
}
SINGLETONS = [
    "The city library will stay open late on Thursdays from next month, the council said.",
    "A rare white stork was seen nesting on the chimney of the old mill this spring.",
    "The national chess final ended in a draw after six hours of play in the capital.",
]
TITLES = {
    "quake": [
        "Quake kills 12 in Kalvora",
        "Kalvora rescuers dig through rubble",
        "Cathedral falls in Kalvora earthquake",
    ],
    "strike": [
        "Brennholm dock workers strike",
        "Strike halts Brennholm port",
        "Ships idle as Brennholm docks strike",
    ],
    "merger": [
        "Velmont to buy Quillan Dairy",
        "Quillan Dairy sold to Velmont",
        "Velmont takes over Quillan",
    ],
}
OTHER_TITLES = {
    "quake": "Tremor cracks Tessaly harbour wall",
    "strike": "Norrland train drivers walk out",
    "merger": "Orlin Motors buys Sektra",
}
SINGLE_TITLES = ["Library opens late", "White stork returns", "Chess final drawn"]
OUTLETS = ["Daily Ledger", "Evening Post", "Morning Star"]


def article(article_id: str, title: str, text: str, source: str, day: str) -> Article:
    return Article(article_id, f"{article_id}.txt", title, source, day, None, text)


def fixture_set() -> tuple[list[Article], dict[str, str]]:
    """The articles, and each article's true story."""
    articles: list[Article] = []
    truth: dict[str, str] = {}
    for event, texts in EVENTS.items():
        for number, text in enumerate(texts):
            item = article(
                f"{event}-{number}",
                TITLES[event][number],
                text,
                OUTLETS[number],
                f"2024-03-{10 + number:02d}",
            )
            articles.append(item)
            truth[item.id] = event
    for event, text in DISTRACTORS.items():
        item = article(f"other-{event}", OTHER_TITLES[event], text, "Wire", "2024-03-11")
        articles.append(item)
        truth[item.id] = f"other-{event}"
    for number, text in enumerate(SINGLETONS):
        item = article(f"single-{number}", SINGLE_TITLES[number], text, "Gazette", None)
        articles.append(item)
        truth[item.id] = f"single-{number}"
    return articles, truth


def story_of(stories: tuple[Story, ...]) -> dict[str, str]:
    return {article_id: story.id for story in stories for article_id in story.articles}


def test_same_event_grouped_and_distractors_kept_apart() -> None:
    articles, _ = fixture_set()
    stories = group_stories(articles)
    found = story_of(stories)
    for event in EVENTS:
        assert len({found[f"{event}-{n}"] for n in range(3)}) == 1, event
        assert found[f"other-{event}"] != found[f"{event}-0"], event
    assert [len(s.articles) for s in stories] == [3, 3, 3] + [1] * 6


def test_every_article_in_exactly_one_story() -> None:
    articles, _ = fixture_set()
    stories = group_stories(articles)
    listed = [article_id for story in stories for article_id in story.articles]
    assert sorted(listed) == sorted(a.id for a in articles)
    assert len({story.id for story in stories}) == len(stories)


def test_ids_and_titles_are_stable_whatever_the_order() -> None:
    articles, _ = fixture_set()
    first = group_stories(articles)
    shuffled = list(articles)
    random.Random(3).shuffle(shuffled)
    again = group_stories(shuffled)
    assert {(s.id, s.title, s.articles) for s in first} == {
        (s.id, s.title, s.articles) for s in again
    }
    quake = next(s for s in first if "quake-0" in s.articles)
    assert quake.title in TITLES["quake"]
    assert quake.articles == ("quake-0", "quake-1", "quake-2")  # oldest first


def test_story_id_survives_a_later_report() -> None:
    articles, _ = fixture_set()
    before = story_of(group_stories(articles))
    later = article(
        "quake-late", "Kalvora mourns", EVENTS["quake"][0], "Late Edition", "2024-03-14"
    )
    after = story_of(group_stories([*articles, later]))
    assert after["quake-late"] == after["quake-0"] == before["quake-0"]


def test_threshold_bounds_the_grouping() -> None:
    articles, _ = fixture_set()
    assert len(group_stories(articles, threshold=0.0)) < len(group_stories(articles))
    assert len(group_stories(articles, threshold=1.01)) == len(articles)


def test_shared_passages_pull_articles_together() -> None:
    left = article("a", "One", "Talks on the canal treaty resumed in Varnholt today.", "X", None)
    right = article(
        "b", "Two", "Ministers met over fishing quotas near the Selby coast.", "Y", None
    )
    filler = [article(f"f{n}", f"F{n}", text, "Z", None) for n, text in enumerate(SINGLETONS)]
    articles = [left, right, *filler]
    apart = story_of(group_stories(articles))
    assert apart["a"] != apart["b"]
    passages = [
        Passage(f"p{n}", "verbatim", 100.0, "q", (Span("a", 0, 5), Span("b", 0, 5)))
        for n in range(3)
    ]
    together = story_of(group_stories(articles, passages=passages))
    assert together["a"] == together["b"]


def test_empty_and_single() -> None:
    assert group_stories([]) == ()
    only = article("x", "Alone", "Just one article here.", "X", None)
    (story,) = group_stories([only])
    assert story.articles == ("x",) and story.title == "Alone"


@pytest.mark.corpus
def test_basil_pairwise_f1_floor() -> None:
    corpus("basil")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from stories import load_corpus, pairwise
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    articles, truth = load_corpus("basil")
    random.Random(6).shuffle(articles)
    predicted = story_of(group_stories(articles))
    precision, recall, f1 = pairwise(predicted, truth)
    assert precision >= 0.95 and recall >= 0.8 and f1 >= 0.9, (precision, recall, f1)


def test_fixture_text_is_invented() -> None:
    # The fixtures above are made up for the test: no corpus text is copied into the repo.
    assert Path(__file__).read_text(encoding="utf-8").count("Kalvora") > 3
