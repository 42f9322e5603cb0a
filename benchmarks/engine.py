"""Speed of the shared-passage engine (issue 3): figures, not timed tests.

    .venv/bin/python benchmarks/engine.py [--sizes 10000,20000] [--baseline 400]

1. the bundled sample: engine time (cold and warm);
2. ``../shared/corpora/allsides-20k.jsonl.gz`` written as files to a temporary folder, loaded
   and matched at each size in a fresh process: time, t(20k)/t(10k), peak memory of the
   whole process tree (the child and its worker pool), sampled every 50 ms from /proc as
   the sum of PSS (each shared copy-on-write page counted once) and, for comparison, as the
   sum of RSS (shared pages counted in every process that maps them);
3. a difflib all-pairs baseline on the first N of those articles, side by side with the
   engine on the same articles: time, speedup and recall of exact shared runs of 12+ words.
Corpus parts are skipped with a note when the corpora are absent.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
ALLSIDES = CORPORA / "allsides-20k.jsonl.gz"
COMMAND = "python benchmarks/engine.py " + " ".join(sys.argv[1:])


def write_corpus(folder: Path, limit: int) -> list[Path]:
    """Write the first ``limit`` allsides articles as ``title\\n\\nbody`` text files."""
    paths: list[Path] = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            if number >= limit:
                break
            item = json.loads(line)
            path = folder / f"{number:05d}.txt"
            path.write_text(f"{item['title']}\n\n{item['text']}\n", encoding="utf-8")
            paths.append(path)
    return paths


def peak_mib() -> float:
    """The largest single process's peak RSS (this one or a finished child), in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _tree(root: int) -> list[int]:
    """``root`` and every live descendant, from the parent ids in /proc/*/stat."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, ()))
    return found


def tree_memory(root: int) -> tuple[float, float]:
    """Sum of PSS and sum of RSS (MiB) over ``root``'s process tree, now."""
    pss = rss = 0
    for pid in _tree(root):
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            name, _, value = line.partition(":")
            if name == "Pss":
                pss += int(value.split()[0])
            elif name == "Rss":
                rss += int(value.split()[0])
    return pss / 1024, rss / 1024


def run_measured(command: list[str]) -> tuple[str, float, float]:
    """Run ``command``; its stdout and the peak PSS and RSS sums of its process tree."""
    peak_pss = peak_rss = 0.0
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        while process.poll() is None:
            pss, rss = tree_memory(process.pid)
            peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
            time.sleep(0.05)
        out = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"benchmark child failed: {command}")
    return out, peak_pss, peak_rss


def child(folder: str, size: int) -> None:
    """Run in a fresh process: load ``size`` files and match them; print JSON figures."""
    from newsreader.core.loader import load_paths
    from newsreader.core.matching import find_passages

    paths = sorted(Path(folder).glob("*.txt"))[:size]
    start = time.perf_counter()
    articles = load_paths(paths).articles
    loaded = time.perf_counter()
    cpu = _cpu()
    passages = find_passages(articles)
    done = time.perf_counter()
    cpu = _cpu() - cpu
    print(
        json.dumps(
            {
                "articles": len(articles),
                "load": loaded - start,
                "engine": done - loaded,
                "passages": len(passages),
                "cpu": cpu,
                "peak_mib": peak_mib(),
            }
        )
    )


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the machine is shared:
    wall time depends on what else runs, CPU time much less)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def sample() -> None:
    from newsreader.core.loader import load_paths
    from newsreader.core.matching import find_passages
    from newsreader.core.sample import sample_path

    articles = load_paths([sample_path()]).articles
    start = time.perf_counter()
    find_passages(articles)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(5):
        start = time.perf_counter()
        find_passages(articles)
        warm.append(time.perf_counter() - start)
    warm.sort()
    print(
        f"sample ({len(articles)} articles): engine {cold * 1000:.1f} ms cold (first call in "
        f"the process), {warm[2] * 1000:.1f} ms warm (median of 5); target <= 50 ms"
    )


def scale(folder: Path, sizes: list[int]) -> None:
    times: dict[int, float] = {}
    for size in sizes:
        out, pss, rss = run_measured([sys.executable, __file__, "--child", str(folder), str(size)])
        figures = json.loads(out.strip().splitlines()[-1])
        times[size] = figures["engine"]
        print(
            f"allsides {figures['articles']:,} articles: load {figures['load']:.1f} s, "
            f"engine {figures['engine']:.1f} s (CPU {figures['cpu']:.0f} s in all processes), "
            f"{figures['passages']:,} passages; peak memory of the process tree "
            f"{pss:.0f} MiB PSS ({rss:.0f} MiB summed RSS), largest single process "
            f"{figures['peak_mib']:.0f} MiB (target: 20k in <= 60 s, <= 2048 MiB)",
            flush=True,
        )
    if len(sizes) >= 2:
        small, big = sizes[-2], sizes[-1]
        print(
            f"t({big:,})/t({small:,}) = {times[big] / times[small]:.2f} (target <= 2.3 for 20k/10k)"
        )


def baseline(folder: Path, count: int) -> None:
    from newsreader.core.loader import load_paths
    from newsreader.core.matching import find_passages
    from newsreader.core.matching.evaluate import exact_runs, runs_linked
    from newsreader.core.matching.group import passage_id
    from newsreader.core.matching.model import Passage, Span
    from newsreader.core.matching.normalize import tokenize

    articles = load_paths(sorted(folder.glob("*.txt"))[:count]).articles
    runs = exact_runs(articles, 12)
    start = time.perf_counter()
    ours = find_passages(articles, workers=1)
    ours_time = time.perf_counter() - start

    start = time.perf_counter()
    tokens = [tokenize(a.text) for a in articles]
    found: list[Passage] = []
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            matcher = difflib.SequenceMatcher(
                None, tokens[i].forms, tokens[j].forms, autojunk=False
            )
            for block in matcher.get_matching_blocks():
                if block.size >= 12:
                    ti, tj = tokens[i], tokens[j]
                    spans = (
                        Span(articles[i].id, ti.starts[block.a], ti.ends[block.a + block.size - 1]),
                        Span(articles[j].id, tj.starts[block.b], tj.ends[block.b + block.size - 1]),
                    )
                    found.append(Passage(passage_id(spans), "verbatim", 100.0, "", spans))
    base_time = time.perf_counter() - start
    pairs = len(articles) * (len(articles) - 1) // 2
    print(
        f"difflib all-pairs baseline, {len(articles)} articles ({pairs:,} pairs): "
        f"{base_time:.1f} s; engine on the same articles (1 process): {ours_time:.2f} s; "
        f"speedup {base_time / ours_time:.0f}x (target >= 100x)"
    )
    if runs:
        engine_recall = runs_linked(runs, ours) / len(runs)
        difflib_recall = runs_linked(runs, found) / len(runs)
        print(
            f"exact shared runs of 12+ words among them: {len(runs)}; recall: engine "
            f"{engine_recall:.3f}, difflib {difflib_recall:.3f}"
        )
    else:
        print("no exact shared runs of 12+ words among them")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,20000")
    parser.add_argument("--baseline", type=int, default=400)
    parser.add_argument("--child", nargs=2)
    options = parser.parse_args()
    if options.child:
        child(options.child[0], int(options.child[1]))
        return 0
    print(f"$ {COMMAND.strip()}")
    sample()
    if not ALLSIDES.is_file():
        print(f"skipped: {ALLSIDES} is absent (scale and baseline figures need it)")
        return 0
    sizes = [int(s) for s in options.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="nr-bench-") as temporary:
        folder = Path(temporary)
        write_corpus(folder, max([*sizes, options.baseline]))
        scale(folder, sizes)
        if options.baseline:
            baseline(folder, options.baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
