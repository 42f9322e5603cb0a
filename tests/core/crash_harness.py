"""Kill a state writer with SIGKILL over and over, then check nothing committed was lost.

Shared by ``tests/core/test_state.py`` (200+ kills in ``make test``) and
``benchmarks/crash.py`` (more kills, figures printed).

Starting a fresh interpreter per kill costs a quarter of a second here, which would make 200
kills far too slow for the suite. So one subprocess (a small fork server) imports the state
module once and forks a writer per round; the writer is a real separate process with its own
database connection, opened after the fork, and it is what gets ``SIGKILL``. The writer
appends the id of each change to a log with ``os.write`` only after the call that committed it
has returned, so every id in the log is a change the app was told was saved.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsreader.core.state import State

SERVER = r"""
import os, sys
from newsreader.core.state import State

def writer(db, run, log, mode):
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    state = State.open(db)
    if state.warning:
        os.write(fd, ("W " + state.warning + "\n").encode())
    i = 0
    while True:
        key = f"{run}-{i}"
        op = i % 4
        if mode == "batched":  # the control: logs changes that are not committed yet
            if i % 200 == 0:
                if i:
                    state._conn.execute("COMMIT")
                state._conn.execute("BEGIN")
            if op >= 2:
                i += 1
                continue
        if op == 0:
            state.set_read(key, True)
        elif op == 1:
            state.set_position(key, i, i % 7)
        elif op == 2:
            state.toggle_star(key)
        else:
            state.add_feed(f"https://example.org/{key}", key)
        os.write(fd, f"{i}\n".encode())
        i += 1

for line in sys.stdin:
    cmd, *args = line.split()
    if cmd == "start":
        pid = os.fork()
        if pid == 0:
            try:
                writer(*args)
            finally:
                os._exit(3)  # only reached if the writer failed: the test sees the status
        print(pid, flush=True)
    elif cmd == "reap":
        _, status = os.waitpid(int(args[0]), 0)
        print(os.waitstatus_to_exitcode(status), flush=True)
"""


@dataclass
class Figures:
    """What a series of kills found."""

    kills: int = 0
    """Writers killed with SIGKILL (each mid-run: while opening or while writing)."""
    commits_reported: int = 0
    """Changes the writers reported committed before they died."""
    corruptions: int = 0
    """Times ``PRAGMA integrity_check`` was not ``ok`` or the state was set aside."""
    lost: int = 0
    """Reported changes missing from the database afterwards."""
    seconds: float = 0.0
    """Wall time of the whole series."""
    problems: list[str] = field(default_factory=list)
    """The first few problems, for the assertion message."""


def kill_series(
    folder: Path, kills: int, seed: int = 0, max_delay: float = 0.03, mode: str = "honest"
) -> Figures:
    """Run ``kills`` writer rounds against one database in ``folder``; return the figures.

    ``mode="batched"`` is the control that proves the check can fail: that writer logs
    changes before committing them (200 per transaction), so kills must show lost changes.
    """
    rng = random.Random(seed)
    db = folder / "state.sqlite3"
    figures = Figures()
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with subprocess.Popen(
        [sys.executable, "-c", SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as server:
        assert server.stdin is not None and server.stdout is not None
        try:
            for run in range(kills):
                log = folder / f"run-{run}.log"
                server.stdin.write(f"start {db} r{run} {log} {mode}\n")
                server.stdin.flush()
                pid = int(server.stdout.readline())
                # A fifth of the kills land while the writer opens (and maybe creates or
                # recovers) the database; the rest after it has committed at least once.
                if rng.random() < 0.2:
                    time.sleep(rng.uniform(0, 0.01))
                else:
                    _wait_for_commit(log)
                    time.sleep(rng.uniform(0, max_delay))
                os.kill(pid, signal.SIGKILL)
                server.stdin.write(f"reap {pid}\n")
                server.stdin.flush()
                code = int(server.stdout.readline())
                if code != -signal.SIGKILL:
                    figures.problems.append(f"run {run}: writer exited with {code}, not killed")
                figures.kills += 1
                _check(db, run, log, figures)
        finally:
            server.stdin.close()
            server.wait(timeout=10)
    figures.seconds = time.perf_counter() - start
    return figures


def _wait_for_commit(log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.stat().st_size > 0:
            return
        time.sleep(0.001)


def _check(db: Path, run: int, log: Path, figures: Figures) -> None:
    """Integrity first, then every change the writer logged, then a clean reopen."""
    lines = log.read_bytes().split(b"\n")[:-1] if log.exists() else []  # drop a torn tail
    warnings = [line for line in lines if line.startswith(b"W ")]
    if warnings:
        figures.corruptions += 1
        figures.problems.append(f"run {run}: writer's open warned: {warnings[0]!r}")
    reported = [int(line) for line in lines if not line.startswith(b"W ")]
    figures.commits_reported += len(reported)
    if not db.exists():
        if reported:
            figures.lost += len(reported)
            figures.problems.append(f"run {run}: database missing after reported commits")
        return
    conn = sqlite3.connect(db)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            figures.corruptions += 1
            figures.problems.append(f"run {run}: integrity_check: {result[:3]}")
        rows: dict[str, tuple[int, int, int | None]] = {}
        feeds: set[str] = set()
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        if {"articles", "feeds"} <= tables:  # else killed before the schema was committed
            query = "SELECT key, read, starred, position FROM articles WHERE key LIKE ?"
            for key, read, starred, position in conn.execute(query, (f"r{run}-%",)):
                rows[key] = (read, starred, position)
            query = "SELECT url FROM feeds WHERE url LIKE ?"
            feeds = {url for (url,) in conn.execute(query, (f"https://example.org/r{run}-%",))}
    finally:
        conn.close()
    for i in reported:
        key = f"r{run}-{i}"
        read, starred, position = rows.get(key, (0, 0, None))
        present = (
            read == 1,
            position == i,
            starred == 1,
            f"https://example.org/{key}" in feeds,
        )[i % 4]
        if not present:
            figures.lost += 1
            if len(figures.problems) < 10:
                figures.problems.append(f"run {run}: committed change {i} lost")
    with State.open(db) as state:
        if state.warning:
            figures.corruptions += 1
            figures.problems.append(f"run {run}: reopen warned: {state.warning}")
