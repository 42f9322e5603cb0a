"""The SQLite side of saved state: schema and migrations, opening and checking the file,
transactions, and setting a damaged or foreign file aside.

Kept apart from :mod:`newsreader.core.state`, which is the API the app uses.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

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


class NotOurs(Exception):
    """The file at the state path is not a newsreader state database; says why."""


class NewerSchema(Exception):
    """The database was written by a newer newsreader; we must not touch it."""


def connect(path: Path) -> sqlite3.Connection:
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
            if is_transient(exc):
                raise
            raise NotOurs(str(exc).rstrip(".")) from exc
        if check != "ok":
            raise NotOurs(f"integrity check failed: {check}")
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise NotOurs("it is not a newsreader state database")
        if app_id == APPLICATION_ID and not tables >= _TABLES:
            raise NotOurs("its tables are missing")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerSchema(
                f"The saved state at {path} was written by a newer newsreader "
                f"(schema {version}); it was left untouched."
            )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"journal mode stuck at {mode}")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
        return conn
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
        raise


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to SCHEMA_VERSION in one transaction."""
    with transaction(conn):
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
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
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


def is_transient(exc: sqlite3.DatabaseError) -> bool:
    """Locked or I/O trouble says nothing about the file's contents: never set it aside."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in text for word in ("locked", "busy", "disk i/o", "readonly", "unable to open")
    )


def set_aside(path: Path) -> Path:
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
def open_lock(path: Path) -> Iterator[None]:
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
