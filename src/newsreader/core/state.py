"""What the reader saved: read/unread, stars, last positions and subscribed feeds, in SQLite.

One small database (``state.sqlite3``) in the platform data folder, or in
``$NEWSREADER_DATA_DIR`` when set. Every change is its own short transaction, committed before
the call returns, so a reader killed at any moment keeps everything it was told was saved.

Durability: the database runs in WAL mode with ``synchronous=NORMAL``. A commit then appends
the transaction to the WAL with ``write()`` before returning; the data sits in the operating
system's page cache, which outlives the process, so ``kill -9`` loses nothing committed. Only a
power loss or an OS crash can roll back the last few commits (never corrupt the file), and
guarding against that with ``FULL`` would cost an fsync per keypress while scrolling.

A file that is not ours (not SQLite, another application's database, a broken one) is never
used and never deleted: it is renamed to ``state.sqlite3.corrupt-<timestamp>`` and a fresh
database takes its place, with a warning the caller shows.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs

from newsreader.core.article import Article
from newsreader.core.sanitize import clean_line
from newsreader.core.state_db import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    NewerSchema,
    NotOurs,
    connect,
    migrate,
    open_lock,
    set_aside,
    transaction,
)

DATA_ENV = "NEWSREADER_DATA_DIR"
FILENAME = "state.sqlite3"
__all__ = ["APPLICATION_ID", "SCHEMA_VERSION"]  # re-exported: tests and tools check files
T = TypeVar("T")


class StateError(Exception):
    """A read or write of the state failed (disk full, read-only folder, locked too long).

    The message is a short human sentence; the caller shows it and carries on.
    """


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscribed feed."""

    url: str
    """The feed's address, as subscribed (sanitised)."""
    title: str
    """The title to show for it (sanitised; may be empty)."""
    added: str
    """When it was subscribed, ISO 8601 UTC (``2024-05-01T12:00:00Z``)."""


@dataclass(frozen=True, slots=True)
class ArticleState:
    """Everything saved about one article; the defaults for one never touched."""

    read: bool = False
    """Whether the reader has marked or opened it as read."""
    starred: bool = False
    """Whether the reader starred it."""
    position: int | None = None
    """Last reading position: a character offset into ``Article.text``, or None."""
    scroll_row: int | None = None
    """The view's first visible row when the position was saved, if the caller gave one."""


def article_key(article: Article) -> str:
    """The stable key state is saved under: the article's URL, else a hash of its words.

    The URL survives re-fetching and moving between dumps; without one, the title and text
    identify the article wherever the same file is loaded from.
    """
    if article.url:
        return article.url
    digest = hashlib.sha256(f"{article.title}\n{article.text}".encode("utf-8", "replace"))
    return "sha256:" + digest.hexdigest()


def default_path() -> Path:
    """Where the state lives: ``$NEWSREADER_DATA_DIR/state.sqlite3`` or the platform folder."""
    override = os.environ.get(DATA_ENV)
    base = Path(override) if override else platformdirs.user_data_path("newsreader")
    return base / FILENAME


class State:
    """The reader's saved state. Open with :meth:`State.open`; usable as a context manager.

    Methods may be called from any thread (one lock serialises them). They raise only
    :class:`StateError`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, warning: str | None) -> None:
        """Wrap an open, migrated connection; use :meth:`State.open` instead."""
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path
        """The database file, or None when the state is only in memory this session."""
        self.warning = warning
        """A message for the reader about how the state was opened (set aside, in memory)."""

    @classmethod
    def open(cls, path: Path | str | None = None) -> State:
        """Open (creating or repairing as needed) the state database; never raises.

        A foreign or corrupt file is moved aside and replaced, and ``warning`` says so. If no
        database can be had at all (unwritable folder, a newer schema), the state lives in
        memory for this session and ``warning`` says that changes will not be kept.
        """
        target = Path(path) if path is not None else default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open_lock(target):
                return cls._open_locked(target)
        except (OSError, sqlite3.Error) as exc:
            return cls._in_memory(f"Could not open the saved state at {target}: {exc}.")

    @classmethod
    def _open_locked(cls, target: Path) -> State:
        warning = None
        try:
            return cls(connect(target), target, None)
        except NotOurs as exc:
            aside = set_aside(target)
            warning = (
                f"The saved state at {target} was unusable ({exc}); it was moved to "
                f"{aside.name} and a fresh one started."
            )
        except NewerSchema as exc:
            return cls._in_memory(str(exc))
        return cls(connect(target), target, clean_line(warning))

    @classmethod
    def _in_memory(cls, reason: str) -> State:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
        return cls(conn, None, clean_line(f"{reason} Changes this session will not be kept."))

    def close(self) -> None:
        """Close the database. Every change is already committed; this only frees the file."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> State:
        """Use the state in a ``with`` block; it is closed on leaving."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close on leaving the ``with`` block."""
        self.close()

    def article(self, key: str) -> ArticleState:
        """Everything saved about the article ``key`` (defaults when nothing is)."""
        row = self._run(
            lambda c: c.execute(
                "SELECT read, starred, position, scroll_row FROM articles WHERE key = ?", (key,)
            ).fetchone()
        )
        if row is None:
            return ArticleState()
        return ArticleState(bool(row[0]), bool(row[1]), row[2], row[3])

    def is_read(self, key: str) -> bool:
        """Whether the article ``key`` is marked read."""
        return self.article(key).read

    def is_starred(self, key: str) -> bool:
        """Whether the article ``key`` is starred."""
        return self.article(key).starred

    def position(self, key: str) -> int | None:
        """The last saved character offset in the article ``key``, or None."""
        return self.article(key).position

    def set_read(self, key: str, read: bool = True) -> None:
        """Mark the article ``key`` read (or unread); committed on return."""
        self._run(lambda c: _upsert_sql(c, key, "read", int(bool(read))))

    def set_read_many(self, keys: Iterable[str], read: bool = True) -> None:
        """Mark many articles read (or unread) in one transaction: "mark all read"."""
        now, value = time.time(), int(bool(read))

        def mark(c: sqlite3.Connection) -> None:
            with transaction(c):
                c.executemany(
                    "INSERT INTO articles (key, read, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET read = excluded.read, "
                    "updated = excluded.updated",
                    ((key, value, now) for key in keys),
                )

        self._run(mark)

    def toggle_star(self, key: str) -> bool:
        """Star the article ``key`` if it is not, unstar it if it is; return the new value."""

        def toggle(c: sqlite3.Connection) -> bool:
            with transaction(c):
                row = c.execute("SELECT starred FROM articles WHERE key = ?", (key,)).fetchone()
                new = not (row and row[0])
                _upsert_sql(c, key, "starred", int(new))
            return new

        return self._run(toggle)

    def set_position(self, key: str, offset: int, scroll_row: int | None = None) -> None:
        """Save the reading position (character offset, optional view row) in ``key``."""
        if offset < 0 or (scroll_row is not None and scroll_row < 0):
            raise ValueError("positions are non-negative")

        def save(c: sqlite3.Connection) -> None:
            c.execute(
                "INSERT INTO articles (key, position, scroll_row, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET position = excluded.position, "
                "scroll_row = excluded.scroll_row, updated = excluded.updated",
                (key, int(offset), scroll_row, time.time()),
            )

        self._run(save)

    def read_keys(self) -> set[str]:
        """Keys of every article marked read, in one query (intersect with the loaded set)."""
        return self._keys("read")

    def starred_keys(self) -> set[str]:
        """Keys of every starred article, in one query."""
        return self._keys("starred")

    def feeds(self) -> list[Feed]:
        """Subscribed feeds, oldest subscription first."""
        rows = self._run(
            lambda c: c.execute(
                "SELECT url, title, added FROM feeds ORDER BY added, url"
            ).fetchall()
        )
        return [Feed(clean_line(u), clean_line(t), a) for u, t, a in rows]

    def add_feed(self, url: str, title: str = "") -> bool:
        """Subscribe to ``url`` (or retitle it); True when it was not subscribed before."""
        url, title = clean_line(url), clean_line(title)
        added = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

        def add(c: sqlite3.Connection) -> bool:
            with transaction(c):
                new = c.execute(
                    "INSERT INTO feeds (url, title, added) VALUES (?, ?, ?) "
                    "ON CONFLICT (url) DO NOTHING",
                    (url, title, added),
                ).rowcount
                if not new and title:
                    c.execute("UPDATE feeds SET title = ? WHERE url = ?", (title, url))
            return new == 1

        return self._run(add)

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe from ``url``; True when it was subscribed."""
        url = clean_line(url)
        return self._run(
            lambda c: c.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0
        )

    def _keys(self, column: str) -> set[str]:
        # column is one of our own two names, never caller text.
        rows = self._run(lambda c: c.execute(f"SELECT key FROM articles WHERE {column}").fetchall())
        return {r[0] for r in rows}

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return work(self._conn)
            except (sqlite3.Error, UnicodeEncodeError) as exc:  # lone surrogates cannot be stored
                raise StateError(f"Could not use the saved state: {exc}.") from exc


def _upsert_sql(c: sqlite3.Connection, key: str, column: str, value: int) -> None:
    c.execute(
        f"INSERT INTO articles (key, {column}, updated) VALUES (?, ?, ?) "
        f"ON CONFLICT (key) DO UPDATE SET {column} = excluded.{column}, "
        "updated = excluded.updated",
        (key, value, time.time()),
    )
