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

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs

from newsreader.core.article import Article
from newsreader.core.sanitize import clean_line

DATA_ENV = "NEWSREADER_DATA_DIR"
FILENAME = "state.sqlite3"
APPLICATION_ID = 0x4E575352  # "NWSR": tells our database apart from any other SQLite file
BUSY_TIMEOUT_MS = 5000  # another instance's write takes milliseconds; wait rather than fail
OPEN_LOCK_WAIT = 10.0  # seconds to wait for another instance to finish opening the file

# Migration N takes the schema from user_version N to N + 1. Append only, never edit: a
# database written by an older release replays exactly the steps it is missing.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        key TEXT PRIMARY KEY,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        position INTEGER,
        scroll_row INTEGER,
        updated REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        added TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_TABLES = {"articles", "feeds"}

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


class _NotOurs(Exception):
    """The file at the state path is not a newsreader state database; says why."""


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
            with _open_lock(target):
                return cls._open_locked(target)
        except (OSError, sqlite3.Error) as exc:
            return cls._in_memory(f"Could not open the saved state at {target}: {exc}.")

    @classmethod
    def _open_locked(cls, target: Path) -> State:
        warning = None
        try:
            return cls(_connect(target), target, None)
        except _NotOurs as exc:
            aside = _set_aside(target)
            warning = (
                f"The saved state at {target} was unusable ({exc}); it was moved to "
                f"{aside.name} and a fresh one started."
            )
        except _NewerSchema as exc:
            return cls._in_memory(str(exc))
        return cls(_connect(target), target, clean_line(warning))

    @classmethod
    def _in_memory(cls, reason: str) -> State:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _migrate(conn)
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
            with _transaction(c):
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
            with _transaction(c):
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
            with _transaction(c):
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


class _NewerSchema(Exception):
    """The database was written by a newer newsreader; we must not touch it."""


def _connect(path: Path) -> sqlite3.Connection:
    """Open ``path``, check it is ours, migrate it; raise _NotOurs for anything else."""
    # Autocommit mode: each statement is its own transaction unless we BEGIN explicitly, so
    # nothing stays uncommitted after a call returns.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Look before writing anything: another application's database at our path must be
        # set aside exactly as it was, not switched to WAL first.
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            if _is_transient(exc):
                raise
            raise _NotOurs(str(exc).rstrip(".")) from exc
        if check != "ok":
            raise _NotOurs(f"integrity check failed: {check}")
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise _NotOurs("it is not a newsreader state database")
        if app_id == APPLICATION_ID and not tables >= _TABLES:
            raise _NotOurs("its tables are missing")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _NewerSchema(
                f"The saved state at {path} was written by a newer newsreader "
                f"(schema {version}); it was left untouched."
            )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"journal mode stuck at {mode}")
        conn.execute("PRAGMA synchronous = NORMAL")
        _migrate(conn)
        return conn
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
        raise


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to SCHEMA_VERSION in one transaction."""
    with _transaction(conn):
        # Read inside the write lock: an instance that migrated meanwhile leaves nothing to do.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:
            return
        for step in MIGRATIONS[version:]:
            for statement in step.split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, committed on leaving, rolled back on any error.

    IMMEDIATE takes the write lock before the first read, so a read-then-write (a toggle)
    cannot be interleaved with another instance's write to the same row.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _is_transient(exc: sqlite3.DatabaseError) -> bool:
    """Locked or I/O trouble says nothing about the file's contents: never set it aside."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in text for word in ("locked", "busy", "disk i/o", "readonly", "unable to open")
    )


def _set_aside(path: Path) -> Path:
    """Rename ``path`` (and its -wal/-shm companions) to ``<name>.corrupt-<timestamp>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside


@contextlib.contextmanager
def _open_lock(path: Path) -> Iterator[None]:
    """Serialise the check-and-repair of ``path`` between instances starting together.

    Without it, two instances finding a corrupt file could both set it aside, the second
    moving away the fresh database the first had just made. ``flock`` is released by the
    kernel when a process dies, so a killed instance never leaves a stale lock.
    """
    try:
        import fcntl
    except ImportError:  # Windows: renames of open files fail there anyway
        yield
        return
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        # Bounded wait: an instance stuck while opening must not hang every later start;
        # after the wait we go on unlocked, which is only a risk if a repair races.
        deadline = time.monotonic() + OPEN_LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)
