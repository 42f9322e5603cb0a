"""The user's settings, read from a TOML file that newsreader never writes.

The file is ``config.toml`` in the platform config folder, or the file named by
``$NEWSREADER_CONFIG``, or the path given with ``--config``. Nothing in it can stop the app:
a syntax error, a wrong type, an unknown setting or a value out of range becomes a message
naming the file, the line and the problem, and the bad values fall back to their defaults.
Every string taken from the file is sanitised, because any of them may end up on screen.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from newsreader.core.sanitize import clean_line

CONFIG_ENV = "NEWSREADER_CONFIG"
MAX_BYTES = 1_000_000  # a settings file is a few hundred bytes; a bigger one is a mistake
MAX_CACHE_DAYS = 36_500


@dataclass(frozen=True, slots=True)
class Config:
    """The settings newsreader runs with: the file's valid values, defaults for the rest."""

    feeds: tuple[str, ...] = ()
    """Feed URLs (``http``/``https``) to load, in the file's order, without repeats."""
    theme: str = "textual-dark"
    """Name of the Textual theme; the UI falls back to its default for a name it lacks."""
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Key bindings: action name to key string (``star = "*"``); the UI checks the names."""
    min_score: float = 0.0
    """Passages scoring below this (0 to 100) are not shown."""
    cache_max_age_days: float = 30.0
    """Fetched pages older than this many days are fetched again (0 to 36,500)."""


def config_path(path: Path | str | None = None) -> Path:
    """The file to read: ``path`` if given, else ``$NEWSREADER_CONFIG``, else the platform's."""
    if path is not None:
        return Path(path)
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return platformdirs.user_config_path("newsreader") / "config.toml"


def load_config(path: Path | str | None = None) -> tuple[Config, list[str]]:
    """Read the settings; return them with human messages about anything that was wrong.

    A missing file is not an error (all defaults, no message). Never raises for anything in
    or about the file, and never writes it.
    """
    target = config_path(path)
    where = clean_line(str(target))
    try:
        with target.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return Config(), []
    except OSError as exc:
        reason = clean_line(exc.strerror or str(exc))
        return Config(), [f"{where}: could not be read ({reason}); using the default settings."]
    if len(data) > MAX_BYTES:
        return Config(), [f"{where}: larger than 1 MB, not read; using the default settings."]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Config(), [
            f"{where}, line {line}: not valid UTF-8 (TOML files must be); "
            "using the default settings."
        ]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(), [f"{where}{_syntax_error(str(exc))}; using the default settings."]
    return _Checker(where, text).check(raw)


def _syntax_error(message: str) -> str:
    """tomllib's "Problem (at line 3, column 9)" as ", line 3, column 9: problem"."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    problem = clean_line(message[: found.start()] if found else message)
    problem = problem[:1].lower() + problem[1:]
    if found:
        return f", line {found[1]}, column {found[2]}: TOML syntax error: {problem}"
    return f": TOML syntax error: {problem}"


class _Checker:
    """Validates a parsed file setting by setting, collecting messages as it goes."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.lines = text.splitlines()
        self.messages: list[str] = []

    def check(self, raw: dict[str, Any]) -> tuple[Config, list[str]]:
        values: dict[str, Any] = {}
        known = [f.name for f in fields(Config)]
        for name, value in raw.items():
            if name not in known:
                hint = difflib.get_close_matches(name, known, n=1)
                also = f" (did you mean {hint[0]}?)" if hint else ""
                self.say(name, None, f"unknown setting {_quote(name)} ignored{also}")
                continue
            checked = getattr(self, f"_{name}")(value)
            if checked is not None:
                values[name] = checked
        return Config(**values), self.messages

    def say(self, name: str, sub: str | None, problem: str, needle: str = "") -> None:
        line = self.line_of(name, sub)
        if line and needle:  # an array item: the first line from the key's on that holds it
            line = next(
                (n for n in range(line, len(self.lines) + 1) if needle in self.lines[n - 1]),
                line,
            )
        at = f", line {line}" if line else ""
        self.messages.append(f"{self.where}{at}: {problem}.")

    def line_of(self, name: str, sub: str | None = None) -> int | None:
        """The line that sets ``name`` (or ``name.sub``): found by scanning the text.

        tomllib keeps no positions, so we look for the key where TOML allows it: at the top
        level, dotted (``keys.star =``), or under its table header (``[keys]`` / ``star =``).
        """
        table = ""
        fallback = None
        for number, line in enumerate(self.lines, 1):
            header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$", line)
            if header:
                table = ".".join(_unquote(part) for part in header[1].split("."))
                if table == name or table.startswith(f"{name}."):
                    if sub is None:
                        return number
                    fallback = fallback or number
                continue
            key = re.match(r"\s*([^=#]+?)\s*=", line)
            if not key:
                continue
            parts = [_unquote(part) for part in key[1].split(".")]
            path = ".".join([table, *parts] if table else parts)
            if sub is not None and path == f"{name}.{sub}":
                return number
            if path == name:
                if sub is None:
                    return number
                fallback = fallback or number
        return fallback

    # One method per setting: return the checked value, or None (after a message) to keep
    # the default.

    def _feeds(self, value: Any) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.say("feeds", None, f"feeds must be a list of URLs, not {_kind(value)}; ignored")
            return None
        feeds: list[str] = []
        for item in value:
            url = clean_line(item) if isinstance(item, str) else ""
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                shown = _quote(url) if isinstance(item, str) else _kind(item)
                needle = item if isinstance(item, str) else ""
                self.say("feeds", None, f"feeds: {shown} is not an http(s) URL; skipped", needle)
            elif url not in feeds:
                feeds.append(url)
        return tuple(feeds)

    def _theme(self, value: Any) -> str | None:
        theme = clean_line(value) if isinstance(value, str) else ""
        if not theme:
            self.say("theme", None, f"theme must be a theme name, not {_kind(value)}; ignored")
            return None
        return theme

    def _keys(self, value: Any) -> Mapping[str, str] | None:
        if not isinstance(value, dict):
            self.say("keys", None, f"keys must be a table of action = key, not {_kind(value)}")
            return None
        keys: dict[str, str] = {}
        for action, key in value.items():
            name = clean_line(action)
            bound = clean_line(key) if isinstance(key, str) else ""
            if not bound:
                shown = "empty" if isinstance(key, str) else _kind(key)
                self.say("keys", action, f"key for {_quote(name)} must be a key, not {shown}")
                continue
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                self.say("keys", action, f"{_quote(name)} is not an action name; ignored")
                continue
            taken = [other for other, k in keys.items() if k == bound]
            if taken:
                self.say(
                    "keys",
                    action,
                    f"key {_quote(bound)} is already bound to {_quote(taken[0])}; "
                    f"{_quote(name)} keeps its default",
                )
                continue
            keys[name] = bound
        return MappingProxyType(keys)

    def _min_score(self, value: Any) -> float | None:
        return self._number("min_score", value, 0, 100, "a score from 0 to 100")

    def _cache_max_age_days(self, value: Any) -> float | None:
        return self._number(
            "cache_max_age_days", value, 0, MAX_CACHE_DAYS, "a number of days from 0 to 36500"
        )

    def _number(self, name: str, value: Any, low: float, high: float, want: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            shown = _kind(value)
        elif isinstance(value, float) and math.isnan(value):
            shown = "nan"
        elif not low <= value <= high:  # TOML integers may be huge: compare, never convert
            shown = str(value) if len(str(value)) <= 20 else "a huge number"
        else:
            return float(value)
        default = getattr(Config(), name)
        self.say(name, None, f"{name} must be {want}, not {shown}; using {default:g}")
        return None


def _kind(value: Any) -> str:
    """What a TOML value is, for a message, without echoing its contents."""
    if isinstance(value, str):
        return f"the string {_quote(value)}" if value.strip() else "an empty string"
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list"}
    return names.get(type(value), "a table" if isinstance(value, dict) else "a date or time")


def _quote(value: str, limit: int = 40) -> str:
    """A sanitised, shortened copy of a string from the file, quoted."""
    shown = clean_line(value)
    return repr(shown if len(shown) <= limit else shown[: limit - 1] + "…")


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key
