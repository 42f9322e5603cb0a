"""Quality and speed of story grouping (issue 6): figures, not timed tests.

    .venv/bin/python benchmarks/stories.py [--threshold T] [--passages] [--sweep 0.1,0.2,0.3]

On ``../shared/corpora/basil/`` (100 events x 3 outlets), ``../shared/corpora/ecbplus/``
(86 folders: 43 topics, each split into two *different* events of the same kind, e.g. two
celebrities entering rehab) and on both mixed, every folder is a true story. Prints pairwise
precision, recall and F1 of :func:`group_stories` (a pair of articles is right when both
groupings put them together) and the time it took. One threshold is used for every corpus.

Honesty: here a folder *is* the answer. The loader no longer names an outlet after its folder
(a folder's name is no evidence of one), but outlets are still replaced by the one the dataset
records (BASIL) or left unknown (ECB+), so that figures stay comparable with earlier runs;
dates are the dataset's (BASIL, as metadata) or unknown (ECB+: a file's date is never a
publication date, and the grouping ignores it anyway); articles are shuffled with a fixed seed
so that input order carries no hint.
``--passages`` also runs the shared-passage engine first (its time reported apart) and gives
its passages to the grouping. Skips with a note when the corpora are absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.stories import THRESHOLD, group_stories

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SEED = 6


def load_corpus(name: str) -> tuple[list[Article], dict[str, str]]:
    """The corpus's articles (outlet and date as the dataset gives them) and true stories."""
    folder = CORPORA / name
    articles: list[Article] = []
    truth: dict[str, str] = {}
    for loaded in load_paths([folder]).articles:
        path = Path(loaded.path)
        story = f"{name}/{path.parent.name}"
        source, day = "unknown", None
        manifest = path.parent / "manifest.json"
        if manifest.exists():
            entries = json.loads(manifest.read_text(encoding="utf-8"))["articles"]
            entry = next(e for e in entries if e["file"] == path.name)
            source, day = entry["source"], entry["date"]
        article = replace(
            loaded,
            id=f"{name}:{story}/{path.stem}",
            source=source,
            date=day,
            date_source="metadata" if day else None,
        )
        articles.append(article)
        truth[article.id] = story
    return articles, truth


def pairwise(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``predicted`` against ``truth`` (id -> label)."""

    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for item, label in labels.items():
            groups.setdefault(label, []).append(item)
        return {pair for g in groups.values() for pair in combinations(sorted(g), 2)}

    found, wanted = pairs(predicted), pairs(truth)
    right = len(found & wanted)
    precision = right / len(found) if found else 1.0
    recall = right / len(wanted) if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def measure(
    label: str, articles: list[Article], truth: dict[str, str], threshold: float, passages: bool
) -> None:
    shuffled = list(articles)
    random.Random(SEED).shuffle(shuffled)
    found = None
    engine = 0.0
    if passages:
        from newsreader.core.matching import find_passages

        start = time.perf_counter()
        found = find_passages(shuffled)
        engine = time.perf_counter() - start
    start = time.perf_counter()
    stories = group_stories(shuffled, passages=found, threshold=threshold)
    took = time.perf_counter() - start
    predicted = {article_id: story.id for story in stories for article_id in story.articles}
    precision, recall, f1 = pairwise(predicted, truth)
    sizes = Counter(len(story.articles) for story in stories)
    extra = f"  engine {engine:.2f}s" if passages else ""
    print(
        f"{label:<8} {len(articles):>5} articles {len(set(truth.values())):>4} true "
        f"{len(stories):>4} found  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
        f"{took:.2f}s{extra}  singletons {sizes[1]}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--passages", action="store_true", help="give engine passages too")
    parser.add_argument("--sweep", default="", help="comma-separated thresholds to compare")
    options = parser.parse_args()
    missing = [name for name in ("basil", "ecbplus") if not (CORPORA / name).is_dir()]
    if missing:
        print(f"skipped: corpora not found at {CORPORA}: {', '.join(missing)}")
        return 0
    basil = load_corpus("basil")
    ecb = load_corpus("ecbplus")
    corpora = {
        "basil": basil,
        "ecbplus": ecb,
        "mixed": (basil[0] + ecb[0], basil[1] | ecb[1]),
    }
    thresholds = [float(t) for t in options.sweep.split(",") if t] or [options.threshold]
    print(f"python benchmarks/stories.py {' '.join(sys.argv[1:])}".rstrip())
    for threshold in thresholds:
        print(f"threshold {threshold:g}{' with passages' if options.passages else ''}")
        for label, (articles, truth) in corpora.items():
            measure(label, articles, truth, threshold, options.passages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
