"""Quality of the shared-passage engine (issue 3): figures, not tests.

    .venv/bin/python benchmarks/quality.py [--articles 2000] [--plants 150]

1. the strict hand annotation of the sample (tests/data/sample_annotation.json): recall of
   verbatim, near and retold pairs, character precision, look-alike pairs linked, and the
   note of every missed pair;
2. the held-out strict annotation of a few BASIL clusters (tests/data/heldout_annotation.json,
   offsets and digests only, no corpus text): the same figures, for honest reporting (never
   tune on it);
3. wirecopy: share of exact shared runs of 12+ words that are linked;
4. reuse planted into real allsides articles: a sentence of one article copied into another
   verbatim, as a near copy (re-punctuated, quote marks and numbers restyled, trimmed) and
   lightly rewritten (a few words replaced, clauses kept): recall per kind.
Corpus parts are skipped when ``../shared/corpora`` is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.matching import find_passages
from newsreader.core.matching.evaluate import (
    COVERED,
    KINDS,
    Evaluation,
    evaluate,
    exact_runs,
    links,
    load_annotation,
    runs_linked,
)
from newsreader.core.matching.model import Span
from newsreader.core.sample import sample_path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
REWRITES = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "big": "large",
    "large": "big",
    "also": "additionally",
    "but": "however",
    "about": "roughly",
    "because": "since",
    "many": "numerous",
    "help": "assist",
    "show": "demonstrate",
    "shows": "demonstrates",
    "before": "prior to",
    "after": "following",
    "start": "begin",
    "started": "began",
    "need": "require",
    "needs": "requires",
    "buy": "purchase",
    "get": "obtain",
    "important": "significant",
    "people": "individuals",
    "use": "employ",
    "used": "employed",
}


def sample_quality() -> None:
    articles = load_paths([sample_path()]).articles
    texts = {a.id: a.text for a in articles}
    data = json.loads((ROOT / "tests" / "data" / "sample_annotation.json").read_text("utf-8"))
    groups, negatives = load_annotation(data, texts)
    report("sample, strict annotation", evaluate(find_passages(articles), groups, negatives, texts))


def report(title: str, result: Evaluation) -> None:
    """Per-kind recall, precision, look-alikes linked and each missed pair's note."""
    kinds = [k for k in (*KINDS, "all") if k in result.pairs]
    recall = ", ".join(
        f"{k} {result.recall[k]:.2f} ({round(result.recall[k] * result.pairs[k])} of "
        f"{result.pairs[k]} pairs)"
        for k in kinds
    )
    print(f"{title}: recall {recall}")
    print(
        f"   character precision {result.precision:.3f}; look-alikes linked: "
        f"{len(result.negatives_linked)} of {result.negative_pairs}"
    )
    # A statement told in several outlets is a clique of pairs: one line per group of misses.
    misses: dict[str, int] = {}
    for entry in result.missed:
        key = entry.rsplit(" [", 1)[0]
        misses[key] = misses.get(key, 0) + 1
    for note, count in misses.items():
        print(f"   missed {count} pair{'s' if count > 1 else ''}: {note}")
    for note in result.negatives_linked:
        print(f"   look-alike linked: {note}")


def heldout_quality() -> None:
    """The held-out annotation of real clusters: reported honestly, never tuned on."""
    annotation = ROOT / "tests" / "data" / "heldout_annotation.json"
    data = json.loads(annotation.read_text("utf-8"))
    folders = [CORPORA / cluster for cluster in data["clusters"]]
    if not all(folder.is_dir() for folder in folders):
        print(f"skipped held-out annotation: its clusters are not all under {CORPORA}")
        return
    # Articles are named by their path under the corpora folder, as the annotation names them.
    articles = [
        replace(article, id=Path(article.path).resolve().relative_to(CORPORA.resolve()).as_posix())
        for article in load_paths([p for f in folders for p in sorted(f.glob("*.txt"))]).articles
    ]
    texts = {a.id: a.text for a in articles}
    groups, negatives = load_annotation(data, texts)
    title = (
        f"held-out ({len(folders)} BASIL clusters, {len(articles)} articles, all matched together)"
    )
    report(title, evaluate(find_passages(articles), groups, negatives, texts))


def near(sentence: str, rng: random.Random) -> str:
    text = sentence.replace('"', "“", 1).replace("'", "’")
    text = re.sub(r"\$(\d+(?:\.\d+)?) billion", r"\1 billion dollars", text)
    text = re.sub(r"\$(\d+(?:\.\d+)?) million", r"$\1m", text)
    text = re.sub(r",\s", " ", text, count=1) if rng.random() < 0.5 else text.replace(",", ";", 1)
    words = text.split()
    if len(words) > 14 and rng.random() < 0.5:
        words = words[1:] if rng.random() < 0.5 else words[:-2]
    elif len(words) > 8:
        del words[rng.randrange(2, len(words) - 2)]
    return " ".join(words)


def rewrite(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    changed = 0
    for index, word in enumerate(words):
        key = word.lower().strip(",.")
        if key in REWRITES and changed < 3:
            words[index] = REWRITES[key] + word[len(word.rstrip(",.")) :]
            changed += 1
    # At least two changes: replace content words with a generic stand-in if needed.
    candidates = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha() and w.islower()]
    rng.shuffle(candidates)
    for index in candidates[: max(0, 2 - changed)]:
        words[index] = "such"
    if len(words) > 10:
        del words[rng.randrange(3, len(words) - 3)]
    return " ".join(words)


def planted(count: int, plants: int) -> None:
    corpus = CORPORA / "allsides-20k.jsonl.gz"
    if not corpus.is_file():
        print(f"skipped planted reuse: {corpus} is absent")
        return
    rng = random.Random(7)
    items = []
    with gzip.open(corpus, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            if number >= count:
                break
            item = json.loads(line)
            items.append([f"a{number:05d}", item["source"], item["text"]])
    plans = []
    for kind in ("verbatim", "near", "rewrite"):
        for _ in range(plants):
            source, target = rng.sample(range(len(items)), 2)
            sentences = [
                s
                for s in re.split(r"(?<=[.!?])\s+", items[source][2])
                if 14 <= len(s.split()) <= 40
            ]
            if not sentences:
                continue
            sentence = rng.choice(sentences).strip()
            copy = (
                sentence
                if kind == "verbatim"
                else near(sentence, rng)
                if kind == "near"
                else rewrite(sentence, rng)
            )
            body = items[target][2]
            breaks = [m.end() for m in re.finditer(r"\n\n", body)] or [len(body)]
            at = rng.choice(breaks)
            items[target][2] = body[:at] + copy + "\n\n" + body[at:]
            plans.append((kind, source, sentence, target, copy))
    articles = [Article(i, i, i, s, None, None, t) for i, s, t in items]
    texts = {a.id: a.text for a in articles}
    start = time.perf_counter()
    passages = find_passages(articles)
    elapsed = time.perf_counter() - start
    by_article: dict[str, list] = {}
    for p in passages:
        for a in {s.article for s in p.spans}:
            by_article.setdefault(a, []).append(p)
    hits: dict[str, list[int]] = {}
    for kind, source, sentence, target, copy in plans:
        sid, tid = items[source][0], items[target][0]
        s_at, t_at = texts[sid].find(sentence), texts[tid].find(copy)
        first, second = Span(sid, s_at, s_at + len(sentence)), Span(tid, t_at, t_at + len(copy))
        ok = any(links(p, first, second, COVERED) for p in by_article.get(sid, ()))
        hits.setdefault(kind, []).append(ok)
    figures = ", ".join(f"{k} {sum(v) / len(v):.3f} ({len(v)})" for k, v in hits.items())
    print(
        f"planted reuse in {len(articles):,} allsides articles (engine {elapsed:.1f} s): "
        f"recall {figures} (targets: verbatim >= 0.98, near >= 0.95, light rewrite >= 0.70)"
    )


def wirecopy() -> None:
    wire = CORPORA / "wirecopy"
    if not wire.is_dir():
        print(f"skipped wirecopy: {wire} is absent")
        return
    found = total = 0
    for folder in sorted(p for p in wire.iterdir() if p.is_dir()):
        articles = load_paths([folder]).articles
        runs = exact_runs(articles, 12)
        total += len(runs)
        found += runs_linked(runs, find_passages(articles))
    share = found / total if total else 0.0
    print(f"wirecopy: {found} of {total} exact shared runs of 12+ words linked = {share:.3f}")
    print("   (target >= 0.95)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--plants", type=int, default=150)
    options = parser.parse_args()
    print("$ python benchmarks/quality.py " + " ".join(sys.argv[1:]))
    sample_quality()
    heldout_quality()
    wirecopy()
    planted(options.articles, options.plants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
