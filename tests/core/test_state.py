"""Saved state: survives restarts, bulk reads, corrupt or foreign files, concurrency, kill -9."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from crash_harness import kill_series
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from newsreader.core.article import Article
from newsreader.core.state import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    ArticleState,
    State,
    StateError,
    article_key,
    default_path,
)

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs fork and SIGKILL")


def make_article(url: str | None = None, title: str = "T", text: str = "Body.") -> Article:
    return Article(id="a", path="a.txt", title=title, source="s", date=None, url=url, text=text)


def run_children(script: str, *args: str, count: int = 2) -> list[subprocess.CompletedProcess[str]]:
    """Start ``count`` Python processes running ``script`` at once and wait for all."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(script), str(n), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(count)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


# -- keys and basics ---------------------------------------------------------------------


def test_article_key_is_the_url_or_a_hash_of_title_and_text() -> None:
    assert article_key(make_article(url="https://x.org/a")) == "https://x.org/a"
    plain = article_key(make_article())
    assert plain.startswith("sha256:") and len(plain) == len("sha256:") + 64
    assert plain == article_key(make_article())  # stable across loads
    assert plain != article_key(make_article(text="Other body."))
    assert plain != article_key(make_article(title="Other"))


def test_default_path_follows_the_data_dir_variable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSREADER_DATA_DIR", str(tmp_path / "d"))
    assert default_path() == tmp_path / "d" / "state.sqlite3"
    with State.open() as state:
        assert state.path == tmp_path / "d" / "state.sqlite3"
        assert state.warning is None


def test_state_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with State.open(db) as state:
        assert state.warning is None
        assert state.article("k") == ArticleState()
        state.set_read("k", True)
        assert state.toggle_star("k") is True
        state.set_position("k", 1234, scroll_row=40)
        state.set_read("unread-again", True)
        state.set_read("unread-again", False)
        assert state.add_feed("https://x.org/feed.xml", "X") is True
        assert state.add_feed("https://y.org/rss", "Y") is True
    with State.open(db) as state:
        assert state.warning is None
        assert state.is_read("k") and state.is_starred("k")
        assert state.position("k") == 1234
        assert state.article("k").scroll_row == 40
        assert not state.is_read("unread-again")
        assert state.position("never-seen") is None
        assert [f.url for f in state.feeds()] == ["https://x.org/feed.xml", "https://y.org/rss"]
        assert state.toggle_star("k") is False
    with State.open(db) as state:
        assert not state.is_starred("k")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_feeds_add_retitle_remove_and_clean_their_text(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.sqlite3") as state:
        assert state.add_feed("https://x.org/f", "\x1b]0;pwned\x07Title\u202e") is True
        assert state.feeds()[0].title == "Title"
        assert state.add_feed("https://x.org/f", "New title") is False  # not new: retitled
        assert state.add_feed("https://x.org/f") is False  # no title: the old one stays
        (feed,) = state.feeds()
        assert feed.title == "New title" and feed.added.endswith("Z")
        assert state.remove_feed("https://x.org/f") is True
        assert state.remove_feed("https://x.org/f") is False
        assert state.feeds() == []


def test_negative_positions_are_refused(tmp_path: Path) -> None:
    with State.open(tmp_path / "s.sqlite3") as state, pytest.raises(ValueError):
        state.set_position("k", -1)


def test_using_a_closed_state_raises_state_error_only(tmp_path: Path) -> None:
    state = State.open(tmp_path / "s.sqlite3")
    state.close()
    with pytest.raises(StateError):
        state.set_read("k")


# -- bulk --------------------------------------------------------------------------------


def test_bulk_sets_for_20000_articles_take_one_query_each(tmp_path: Path) -> None:
    keys = [f"https://news.example/{n}" for n in range(20_000)]
    with State.open(tmp_path / "s.sqlite3") as state:
        state.set_read_many(keys[::2])
        for key in keys[:50]:
            state.toggle_star(key)
        statements: list[str] = []
        state._conn.set_trace_callback(statements.append)
        read = state.read_keys()
        starred = state.starred_keys()
        state._conn.set_trace_callback(None)
        assert len(statements) == 2
        assert read == set(keys[::2])
        assert starred == set(keys[:50])
        state.set_read_many(keys[:10], read=False)
        assert len(state.read_keys()) == 10_000 - 5


# -- corrupt and foreign files -------------------------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()


def _wrong_app_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _our_id_without_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE other (x)")
    conn.close()


def _damaged_pages(path: Path) -> None:
    with State.open(path) as state:
        state.set_read_many(f"key-{n}" for n in range(5000))
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page * 3):  # keep the header, smash some pages
        data[offset : offset + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


BAD_FILES = {
    "random bytes": lambda p: p.write_bytes(os.urandom(10_000)),
    "a text file": lambda p: p.write_text("feeds = ['https://x.org']\n" * 50),
    "another app's database": _foreign_sqlite,
    "SQLite with a foreign application_id": _wrong_app_id,
    "our id but not our tables": _our_id_without_tables,
    "damaged pages": _damaged_pages,
    "a truncated header": lambda p: p.write_bytes(b"SQLite format 3\x00\x10\x00"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_corrupt_or_foreign_file_is_set_aside_and_rebuilt(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "state.sqlite3"
    BAD_FILES[kind](db)
    original = db.read_bytes()
    with State.open(db) as state:
        assert state.warning is not None
        assert str(db) in state.warning and "moved to state.sqlite3.corrupt-" in state.warning
        assert state.path == db
        state.set_read("k")  # the fresh database works
    (aside,) = tmp_path.glob("state.sqlite3.corrupt-*[0-9]")
    assert aside.read_bytes() == original  # set aside untouched, never deleted or rewritten
    with State.open(db) as state:
        assert state.warning is None and state.is_read("k")


@given(st.binary(min_size=1, max_size=2000))
def test_any_bytes_at_the_path_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes):
    folder = tmp_path_factory.mktemp("bytes")
    db = folder / "state.sqlite3"
    db.write_bytes(data)
    with State.open(db) as state:
        state.set_read("k")
        assert state.is_read("k")


def test_an_empty_file_is_simply_initialised(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    db.touch()
    with State.open(db) as state:
        assert state.warning is None
        state.set_read("k")
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_newer_schema_is_left_alone_and_the_session_runs_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with State.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    with State.open(db) as state:
        assert state.path is None
        assert state.warning is not None and "newer newsreader" in state.warning
        state.set_read("k")
        assert state.is_read("k")
    assert db.read_bytes() == before


def test_an_unusable_folder_gives_an_in_memory_state_and_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with State.open(blocker / "sub" / "state.sqlite3") as state:
        assert state.path is None
        assert state.warning is not None and "will not be kept" in state.warning
        assert state.toggle_star("k") is True


def test_a_warning_holds_no_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b]0;title\x07\nname"
    folder.mkdir()
    db = folder / "state.sqlite3"
    db.write_bytes(b"junk" * 100)
    with State.open(db) as state:
        assert state.warning is not None
        assert not any(ord(ch) < 32 for ch in state.warning)


# -- concurrency ---------------------------------------------------------------------------

WRITER = """
import sys
from newsreader.core.state import State
n, db, toggles = sys.argv[1], sys.argv[2], int(sys.argv[3])
with State.open(db) as state:
    assert state.warning is None, state.warning
    for i in range(toggles + int(n == "0")):  # an odd total: the star ends up on
        state.toggle_star("shared")
        state.set_read(f"p{n}-{i}")
        state.set_position("shared-position", i)
        state.add_feed(f"https://x.org/{n}/{i}", "t")
print("done")
"""


@POSIX
def test_two_instances_writing_at_once_lose_and_corrupt_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    with State.open(db):
        pass
    results = run_children(WRITER, str(db), "150")
    assert [r.stdout for r in results] == ["done\n", "done\n"], [r.stderr for r in results]
    with State.open(db) as state:
        assert state.warning is None
        assert state.is_starred("shared")  # 301 serialised toggles; a lost one flips this
        assert len(state.read_keys()) == 301
        assert len(state.feeds()) == 301
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


OPENER = """
import sys
from newsreader.core.state import State
with State.open(sys.argv[2]) as state:
    state.set_read("from-" + sys.argv[1])
    print("warned" if state.warning else "clean")
"""


@POSIX
def test_instances_starting_together_on_a_corrupt_file_set_it_aside_once(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    db.write_bytes(os.urandom(5000))
    results = run_children(OPENER, str(db), count=4)
    assert sorted(r.stdout for r in results) == ["clean\n"] * 3 + ["warned\n"], results
    assert len(list(tmp_path.glob("state.sqlite3.corrupt-*"))) == 1
    with State.open(db) as state:
        assert state.read_keys() == {f"from-{n}" for n in range(4)}


# -- a model of the state, checked across restarts ----------------------------------------

KEYS = st.sampled_from(["a", "b", "https://x.org/é", "sha256:00", "", "x\x00y", "\u202e"])


class StateMachine(RuleBasedStateMachine):
    """Random sequences of changes and restarts agree with a plain in-memory model."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.folder = tempfile.TemporaryDirectory()
        self.db = Path(self.folder.name) / "state.sqlite3"
        self.state = State.open(self.db)
        self.read: set[str] = set()
        self.starred: set[str] = set()
        self.positions: dict[str, int] = {}
        self.feeds: list[str] = []

    @rule(key=KEYS, value=st.booleans())
    def set_read(self, key: str, value: bool) -> None:
        self.state.set_read(key, value)
        (self.read.add if value else self.read.discard)(key)

    @rule(key=KEYS)
    def toggle(self, key: str) -> None:
        assert self.state.toggle_star(key) is (key not in self.starred)
        self.starred ^= {key}

    @rule(key=KEYS, offset=st.integers(0, 2**62))
    def position(self, key: str, offset: int) -> None:
        self.state.set_position(key, offset)
        self.positions[key] = offset

    @rule(n=st.integers(0, 3))
    def add_feed(self, n: int) -> None:
        url = f"https://feeds.example/{n}"
        assert self.state.add_feed(url, f"F{n}") is (url not in self.feeds)
        if url not in self.feeds:
            self.feeds.append(url)

    @rule(n=st.integers(0, 3))
    def remove_feed(self, n: int) -> None:
        url = f"https://feeds.example/{n}"
        assert self.state.remove_feed(url) is (url in self.feeds)
        if url in self.feeds:
            self.feeds.remove(url)

    @rule()
    def restart(self) -> None:
        self.state.close()
        self.state = State.open(self.db)
        assert self.state.warning is None

    @invariant()
    def agrees(self) -> None:
        assert self.state.read_keys() == self.read
        assert self.state.starred_keys() == self.starred
        for key, offset in self.positions.items():
            assert self.state.position(key) == offset
        assert sorted(f.url for f in self.state.feeds()) == sorted(self.feeds)

    def teardown(self) -> None:
        self.state.close()
        self.folder.cleanup()


TestStateMachine = StateMachine.TestCase
# Short runs in make test (each restart reopens and checks the file); make fuzz runs more.
TestStateMachine.settings = settings(settings.default, stateful_step_count=15)


# -- kill -9 -------------------------------------------------------------------------------


@POSIX
@pytest.mark.slow
def test_kill_9_at_random_moments_never_corrupts_or_loses_a_commit(tmp_path: Path) -> None:
    figures = kill_series(tmp_path, kills=200, seed=7)
    print(
        f"\nkill -9: {figures.kills} kills, {figures.commits_reported} commits reported, "
        f"{figures.corruptions} corruptions, {figures.lost} lost, {figures.seconds:.1f} s"
    )
    assert figures.kills >= 200
    assert figures.commits_reported > figures.kills  # the kills did land mid-write
    assert figures.problems == []
    assert figures.corruptions == 0 and figures.lost == 0


@POSIX
def test_the_kill_check_catches_a_writer_that_reports_before_committing(tmp_path: Path) -> None:
    figures = kill_series(tmp_path, kills=5, seed=1, mode="batched")
    assert figures.lost > 0
