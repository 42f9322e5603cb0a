"""Crash safety of the saved state: kill -9 a writer many times, count corruption and loss.

The same loop as ``tests/core/test_state.py`` (which runs 200 kills in ``make test``), with
more kills. Each round forks a writer that commits state changes in a loop and logs each one
after it is committed; the round kills it with SIGKILL at a random moment (a fifth while it
opens the database, the rest 0-30 ms into its writes), then checks ``PRAGMA
integrity_check``, that every logged change is in the database, and that the state reopens
without being set aside. One database is reused across all rounds.

Run: ``.venv/bin/python benchmarks/crash.py [--kills N] [--seed S]`` (POSIX only).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))

from crash_harness import kill_series


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-delay", type=float, default=0.03, help="seconds (default 0.03)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = kill_series(Path(folder), args.kills, seed=args.seed, max_delay=args.max_delay)
        size = (Path(folder) / "state.sqlite3").stat().st_size
    print(f"kills:             {figures.kills}")
    print(f"commits reported:  {figures.commits_reported}")
    print(f"corruptions found: {figures.corruptions}")
    print(f"lost commits:      {figures.lost}")
    print(f"database size:     {size / 1024:.0f} KiB")
    print(f"time:              {figures.seconds:.1f} s")
    for problem in figures.problems[:10]:
        print(f"problem: {problem}")
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
