"""Config: good files load, bad ones say file, line and problem and fall back to defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.config import Config, config_path, load_config
from newsreader.core.sanitize import is_clean

GOOD = """\
# newsreader settings
feeds = [
    "https://example.org/rss.xml",
    "http://news.example/atom",
]
theme = "nord"
min_score = 55
cache_max_age_days = 7.5

[keys]
star = "*"
toggle_read = "m"
"reload" = "R"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def only(messages: list[str]) -> str:
    assert len(messages) == 1, messages
    return messages[0]


def test_a_good_file_loads_every_setting(tmp_path: Path) -> None:
    config, messages = load_config(write(tmp_path, GOOD))
    assert messages == []
    assert config == Config(
        feeds=("https://example.org/rss.xml", "http://news.example/atom"),
        theme="nord",
        keys={"star": "*", "toggle_read": "m", "reload": "R"},
        min_score=55.0,
        cache_max_age_days=7.5,
    )
    with pytest.raises(TypeError):
        config.keys["star"] = "s"  # type: ignore[index]


def test_defaults() -> None:
    config = Config()
    assert config.feeds == () and config.keys == {}
    assert config.theme == "textual-dark"
    assert config.min_score == 0 and config.cache_max_age_days == 30


def test_a_missing_file_is_not_an_error(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nope.toml") == (Config(), [])


def test_the_env_variable_names_the_file(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, 'theme = "gruvbox"\n')
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    assert config_path() == path
    assert load_config()[0].theme == "gruvbox"
    assert config_path(tmp_path / "other.toml") == tmp_path / "other.toml"  # --config wins


def test_without_the_env_variable_the_platform_folder_is_used(monkeypatch) -> None:
    monkeypatch.delenv("NEWSREADER_CONFIG")
    assert config_path().name == "config.toml"
    assert "newsreader" in config_path().parts


def test_a_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nfeeds = [\n  "https://x.org"\n  "https://y.org"\n]\n')
    config, messages = load_config(path)
    assert config == Config()  # nothing is trusted from a file that does not parse
    message = only(messages)
    assert message.startswith(f"{path}, line 4, column 3: TOML syntax error: ")
    assert message.endswith("using the default settings.")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('\n\nfeeds = "https://x.org"\n', 3, "feeds must be a list of URLs, not the string"),
        ("theme = 3\n", 1, "theme must be a theme name, not a number"),
        ('theme = "   "\n', 1, "theme must be a theme name, not an empty string"),
        ('theme = "a"\nmin_score = "high"\n', 2, "min_score must be a score from 0 to 100, not"),
        ("min_score = true\n", 1, "not true/false; using 0"),
        ("cache_max_age_days = 1979-05-27\n", 1, "not a date or time; using 30"),
        ('keys = "m"\n', 1, "keys must be a table of action = key, not the string 'm'"),
        ("keys = { star = 1 }\n", 1, "key for 'star' must be a key, not a number"),
        ('[keys]\nstar = "*"\n\nreload = [1]\n', 4, "key for 'reload' must be a key, not a list"),
        ("keys.star = false\n", 1, "key for 'star' must be a key, not true/false"),
        ('[keys]\n"two words" = "x"\n', 2, "'two words' is not an action name"),
    ],
)
def test_a_wrong_type_is_named_with_its_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    config, messages = load_config(path)
    message = only(messages)
    assert message.startswith(f"{path}, line {line}: "), message
    assert words in message
    assert config.theme in ("a", Config().theme)  # the rest still loads


@pytest.mark.parametrize(
    ("value", "shown"),
    [("101", "101"), ("-1", "-1"), ("100.5", "100.5"), ("nan", "nan"), ("inf", "inf")],
)
def test_min_score_out_of_range_falls_back_to_the_default(
    tmp_path: Path, value: str, shown: str
) -> None:
    path = write(tmp_path, f'theme = "nord"\nmin_score = {value}\n')
    config, messages = load_config(path)
    assert config.min_score == 0 and config.theme == "nord"
    assert only(messages) == (
        f"{path}, line 2: min_score must be a score from 0 to 100, not {shown}; using 0."
    )


def test_edges_of_the_ranges_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "min_score = 100\ncache_max_age_days = 0\n")
    config, messages = load_config(path)
    assert messages == [] and config.min_score == 100 and config.cache_max_age_days == 0
    path = write(tmp_path, "cache_max_age_days = 99999999999999999999999999\n")
    config, messages = load_config(path)
    assert "not a huge number; using 30" in only(messages)


def test_an_unknown_setting_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\n\nmin_scor = 40\n[colours]\nx = 1\n')
    config, messages = load_config(path)
    assert config.theme == "nord"
    assert messages == [
        f"{path}, line 3: unknown setting 'min_scor' ignored (did you mean min_score?).",
        f"{path}, line 4: unknown setting 'colours' ignored.",
    ]


def test_bad_feeds_are_skipped_one_by_one_with_their_line(tmp_path: Path) -> None:
    text = (
        "feeds = [\n"
        '  "https://good.example/rss",\n'
        '  "file:///etc/passwd",\n'
        '  "javascript:alert(1)",\n'
        "  42,\n"
        '  "https://good.example/rss",\n'
        '  "https://second.example/feed",\n'
        "]\n"
    )
    config, messages = load_config(write(tmp_path, text))
    assert config.feeds == ("https://good.example/rss", "https://second.example/feed")
    assert [m.split(": ", 1)[0].rsplit(", ", 1)[1] for m in messages] == [
        "line 3",
        "line 4",
        "line 1",
    ]
    assert "'file:///etc/passwd' is not an http(s) URL; skipped" in messages[0]
    assert "a number is not an http(s) URL" in messages[2]


def test_a_key_bound_twice_keeps_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, '[keys]\nstar = "s"\nopen = "s"\n')
    config, messages = load_config(path)
    assert dict(config.keys) == {"star": "s"}
    assert only(messages) == (
        f"{path}, line 3: key 's' is already bound to 'star'; 'open' keeps its default."
    )


def test_escapes_in_values_are_cleaned(tmp_path: Path) -> None:
    text = (
        'theme = "\\u001b]0;pwned\\u0007nord\\u202e"\n'
        'feeds = ["https://x.org/\\u001b[2Jfeed"]\n'
        '[keys]\nstar = "\\u009b31m*"\n'
        '"\\u001b]52;c;aGk=\\u0007evil" = 3\n'
    )
    config, messages = load_config(write(tmp_path, text))
    assert config.theme == "nord"
    assert config.feeds == ("https://x.org/feed",)
    assert config.keys == {"star": "*"}
    assert messages and all(is_clean(m) and "\n" not in m for m in messages)
    assert "52;" not in "".join(messages)


def test_the_file_name_in_messages_is_cleaned(tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b]0;title\x07b\nc"
    folder.mkdir()
    (path := folder / "config.toml").write_text("theme = 1\n")
    (message,) = load_config(path)[1]
    assert is_clean(message) and "\x1b" not in message and "\n" not in message


def test_unreadable_inputs_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()
    config, messages = load_config(folder)
    assert config == Config() and "could not be read" in only(messages)
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'theme = "nord"\n# caf\xe9\n')
    assert "line 2: not valid UTF-8" in only(load_config(path)[1])
    path.write_bytes(b"# x\n" * 300_000)
    assert "larger than 1 MB" in only(load_config(path)[1])
    path.write_bytes(b'\xef\xbb\xbftheme = "bom"\n')  # a BOM from a Windows editor is fine
    assert load_config(path) == (Config(theme="bom"), [])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "x"\n')
    path.chmod(0)
    assert "could not be read" in only(load_config(path)[1])


def test_the_file_is_never_written(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "bogus = 1\nmin_score = 1000\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_config(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


@given(st.text(max_size=300))
def test_any_text_loads_or_explains(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        config, messages = load_config(path)
    assert isinstance(config, Config)
    assert all(is_clean(m) and "\n" not in m for m in messages)
    assert all(is_clean(s) for s in (config.theme, *config.feeds, *config.keys.values()))


SETTING = st.sampled_from(["feeds", "theme", "keys", "min_score", "cache_max_age_days", "x"])
TOML_VALUE = st.sampled_from(
    [
        '"s"',
        '""',
        "3",
        "-7",
        "1e400",
        "nan",
        "true",
        "[]",
        '["https://a.b"]',
        "[1, 2]",
        "{}",
        '{ a = "b" }',
        "1979-05-27",
        '"\\u001b[2J"',
    ]
)


@given(st.lists(st.tuples(SETTING, TOML_VALUE), max_size=6, unique_by=lambda kv: kv[0]))
def test_any_value_for_any_setting_is_kept_or_reported_with_a_line(
    pairs: list[tuple[str, str]],
) -> None:
    import tempfile

    text = "".join(f"{key} = {value}\n" for key, value in pairs)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text(text)
        config, messages = load_config(path)
    assert isinstance(config, Config)
    for message in messages:
        assert message.startswith(f"{path}, line "), message
