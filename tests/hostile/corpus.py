"""The hostile corpus: every kind of bad input issue 7 names, generated into a folder at test time.

Nothing here is committed as a binary: :func:`build` writes the tree from code (seeded, so every
run gets the same bytes). Beside the folder the user "points at" (``Corpus.root``) it writes an
``outside`` folder holding a secret that a symlink and a feed try to reach; no load may ever
show it.

Each good article's title starts with ``GOOD`` so a test can count them; each bad input is
listed in ``Corpus.bad`` with the words its skip reason must contain (``None``: passed over
quietly, which is what a folder of unrelated files expects).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

ESC = "\x1b"
SECRET = "TOPSECRET-7f3a outside the given folder"
"""Text that lives only outside the corpus root: seeing it anywhere means a boundary leaked."""
PWNED = "PWNED"
"""Every sequence that would retitle the terminal or write the clipboard carries this word."""

ATTACKS = {
    "osc0-title": f"{ESC}]0;{PWNED}-TITLE\x07",
    "osc2-title-st": f"{ESC}]2;{PWNED}-TITLE2{ESC}\\",
    "osc8-link": f"{ESC}]8;;file:///etc/passwd{ESC}\\click me{ESC}]8;;{ESC}\\",
    "osc52-clipboard": f"{ESC}]52;c;{PWNED}cHduZWQ=\x07",
    "osc52-c1": f"\x9d52;c;{PWNED}ZXZpbA==\x9c",
    "csi-clear": f"{ESC}[2J{ESC}[H",
    "csi-c1-clear": "\x9b2J",
    "csi-alt-screen-off": f"{ESC}[?1049l",
    "reset": f"{ESC}c",
    "dcs": f"{ESC}Pq#0;2;0;0;0#1~~{ESC}\\",
    "dcs-tmux-passthrough": f"{ESC}Ptmux;{ESC}{ESC}]0;{PWNED}-TMUX\x07{ESC}\\",
    "apc": f"{ESC}_{PWNED}-APC{ESC}\\",
    "c1-controls": "\x85\x8d\x90\x9b\x9d\x9e\x9f",
    "bell-backspace": "\x07\x08\x08\x08\x7f",
}
"""Terminal control sequences, each harmful if it reached the terminal."""

MARKUP = "[bold red]RED[/] [@click=app.quit]QUIT[/] [link=file:///etc/passwd]LINK[/link] $accent"
"""Rich/Textual markup and an action link: must be shown literally, never interpreted."""
BIDI = "\u202eevil\u202c \u2066iso\u2069 zero\u200bwidth\ufeff \u200f"
"""Bidi overrides/isolates and zero-width characters."""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rss version="2.0"><channel><title>T</title><item><title>&h;</title>
<description>&h;</description></item></channel></rss>"""

BODY = (
    "The harbour authority said on Monday that the new ferry terminal would open in the "
    "spring, after two years of delays caused by storms and a shortage of steel."
)
"""An ordinary paragraph for the good articles."""


@dataclass
class Corpus:
    """What :func:`build` wrote and what a load of it must give."""

    root: Path
    """The folder a user would pass to newsreader."""
    outside: Path
    """A sibling folder holding :data:`SECRET`; nothing may read it."""
    good: list[str] = field(default_factory=list)
    """Titles of the articles that must load (each starts with ``GOOD``)."""
    bad: dict[str, str | None] = field(default_factory=dict)
    """File name -> words its skip reason must contain (``None``: skipped quietly)."""
    sentinel: str = "GOOD 00 sentinel article"
    """The title of the first article in list order, which must stay on screen."""


def article(title: str, body: str = BODY) -> str:
    return f"{title}\n\n{body}\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def rss(items: str, title: str = "Hostile feed") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://feed.test/</link>{items}</channel></rss>"
    )


def can_make_unreadable() -> bool:
    """Root reads any file whatever its mode, so the unreadable case only exists for others."""
    return os.geteuid() != 0


def build(base: Path, *, big: bool = False) -> Corpus:
    """Write the hostile corpus under ``base`` (``base/corpus`` and ``base/outside``).

    ``big`` adds the 50 MB file and the 5 MB single line (about 55 MB of disk, ~1 s).
    """
    rng = random.Random(7)
    root, outside = base / "corpus", base / "outside"
    corpus = Corpus(root, outside)
    write(outside / "secret.txt", article("Secret outside", SECRET))
    write(outside / "nested" / "more.txt", article("Secret nested", SECRET))

    def good(name: str, title: str, data: bytes | str | None = None) -> None:
        write(root / name, article(title) if data is None else data)
        corpus.good.append(title)

    def bad(name: str, data: bytes | str, reason: str | None) -> None:
        write(root / name, data)
        corpus.bad[name] = reason

    good("00-sentinel.txt", corpus.sentinel)

    # Terminal escapes: in the title, in the text, each sequence on its own line too.
    lines = [f"{name}: before{seq}after" for name, seq in ATTACKS.items()]
    good(
        "escapes.txt",
        "GOOD escapes",
        f"GOOD escapes{ATTACKS['osc0-title']}{ATTACKS['osc52-clipboard']}\n\n"
        + "\n\n".join(lines)
        + "\n",
    )
    good("markup.md", "GOOD markup " + MARKUP, f"# GOOD markup {MARKUP}\n\n{MARKUP}\n\n{BODY}\n")
    good("bidi.txt", "GOOD bidi evil iso zerowidth", article("GOOD bidi " + BIDI, BIDI + BODY))

    # Bytes and encodings.
    bad("nul.txt", b"NUL title\n\nbody\x00with\x00nul\x00bytes " * 20, "binary data")
    bad("binary.txt", rng.randbytes(64 * 1024), "binary data")
    bad("binary.md", b"\x7fELF\x02\x01\x01" + rng.randbytes(4096), "binary data")
    good(
        "invalid-utf8.txt",
        "GOOD invalid utf8 caf\u00e9",
        b"GOOD invalid utf8 caf\xe9\n\n" + BODY.encode() + b" \xff\xfe\xc3(\n",
    )
    good("utf16.txt", "GOOD utf16 \u00fcber", article("GOOD utf16 \u00fcber").encode("utf-16"))
    good(
        "cp1252.txt",
        "GOOD cp1252 \u201cquoted\u201d",
        article("GOOD cp1252 \u201cquoted\u201d").encode("cp1252"),
    )
    bad("empty.txt", b"", "empty file")
    bad("blank.md", "\n \n\t\n", "empty file")
    only = "".join(seq for name, seq in ATTACKS.items() if name != "osc8-link")
    bad("only-escapes.txt", only, "empty file")

    # Names and folders.
    good("x.txt/inside.txt", "GOOD inside a folder named x.txt")
    good(f"name{ESC}]0;{PWNED}-NAME\x07.txt", "GOOD escape in the file name")
    good("name\nwith\nnewlines.txt", "GOOD newlines in the file name")
    good(f"name{ESC}[2J{ESC}]52;c;{PWNED}\x07.md", "# GOOD clear and clipboard in the name")
    corpus.good[-1] = "GOOD clear and clipboard in the name"
    good("[@click=app.quit]name[/].txt", "GOOD markup in the file name")
    deep = Path(*(["d"] * 200))
    good(str(deep / "deep.txt"), "GOOD 200 folders deep")

    # Links: a loop, links out of the folder, a link inside the folder (followed).
    (root / "loop").symlink_to(".", target_is_directory=True)
    corpus.bad["loop"] = "symbolic link loop"
    (root / "escape.txt").symlink_to(outside / "secret.txt")
    corpus.bad["escape.txt"] = "outside the folder"
    (root / "escape-dir").symlink_to(outside, target_is_directory=True)
    corpus.bad["escape-dir"] = "outside the folder"
    (root / "dangling.txt").symlink_to(root / "missing-target.txt")
    corpus.bad["dangling.txt"] = "no such file"
    (root / "zz-link-inside.txt").symlink_to(root / "00-sentinel.txt")
    corpus.good.append(corpus.sentinel)  # a link inside the folder is followed: a second copy
    if can_make_unreadable():
        write(root / "unreadable.txt", article("Unreadable")).chmod(0)
        corpus.bad["unreadable.txt"] = "permission denied"

    # Dumps: malformed lines between good ones.
    records = [
        json.dumps({"id": "j1", "title": "GOOD json line one", "text": BODY}),
        "{not json",
        json.dumps(["a", "list"]),
        '{"id": "j2", "title": "truncated',
        "\x00\x01\x02",
        json.dumps(
            {"id": "j3", "title": f"GOOD json hostile {ATTACKS['osc0-title']}", "text": BODY}
        ),
        "",
        json.dumps({"id": "j4", "title": "GOOD json line four", "text": BODY}),
    ]
    write(root / "dump.jsonl", "\n".join(records) + "\n")
    corpus.good += ["GOOD json line one", "GOOD json hostile", "GOOD json line four"]
    corpus.bad["dump.jsonl"] = "line 2"
    write(root / "dump.jsonl.gz", gzip.compress("\n".join(records).encode()))
    corpus.good += ["GOOD json line one", "GOOD json hostile", "GOOD json line four"]
    corpus.bad["dump.jsonl.gz"] = "line 2"
    bad("cut.jsonl.gz", gzip.compress("\n".join(records).encode())[:-20], "damaged data")
    corpus.good.append("GOOD json line one")  # what came before the damage still loads
    bad("broken.json", '{"articles": [{"title": "x", ', "not valid JSON")

    # Pages and feeds.
    page = (
        "<html><head><title>GOOD page with scripts</title><style>body{x:1} .s{}</style>"
        "<script>alert('SCRIPTTEXT')</script></head><body><article>"
        "<h1>GOOD page with scripts</h1>"
        + "".join(f"<p>{BODY} {ESC}]0;{PWNED}\x07</p>" for _ in range(3))
        + "<script>document.write('SCRIPTTEXT')</script><style>.x{color:red}</style>"
        "<p><a href='file:///etc/passwd'>local</a> <a href='javascript:alert(1)'>js</a></p>"
        "</article></body></html>"
    )
    good("page.html", "GOOD page with scripts", page)
    bad("laughs.xml", BILLION_LAUGHS, "refused")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '
        f'"{(outside / "secret.txt").as_uri()}">]>'
        + rss("<item><title>a &xxe; b</title><description>&xxe;</description></item>")[38:]
    )
    bad("xxe.rss", xxe, "refused")
    links = "".join(
        f"<item><title>GOOD feed link {scheme}</title><link>{link}</link><guid>{scheme}</guid>"
        f"<content:encoded><![CDATA[<p>{BODY}</p><p>{BODY}</p>]]></content:encoded></item>"
        for scheme, link in [
            ("file", (outside / "secret.txt").as_uri()),
            ("javascript", "javascript:alert(1)"),
            ("data", "data:text/html,<script>alert(1)</script>"),
            ("ftp", "ftp://feed.test/x"),
        ]
    )
    write(root / "links.rss", rss(links))
    corpus.good += [f"GOOD feed link {s}" for s in ("file", "javascript", "data", "ftp")]
    bad("truncated.rss", rss("<item><title>cut")[:-30], "malformed feed")
    opml = (
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="local" xmlUrl="{(outside / "secret.txt").as_uri()}"/>'
        "</body></opml>"
    )
    write(root / "subscriptions.opml", opml)
    corpus.bad[(outside / "secret.txt").as_uri()] = "uses file:"  # reported under its address
    bad("notes.csv", "a,b,c\n", None)  # not an article type: passed over in a folder

    if big:
        add_big(corpus)
    return corpus


FIFTY_MB = 50 * 1024 * 1024
FIVE_MB = 5 * 1024 * 1024


def add_big(corpus: Corpus) -> None:
    """The 50 MB file (skipped by size, never read) and a single 5 MB line (loaded)."""
    chunk = (BODY + "\n\n").encode()
    with (corpus.root / "huge-50mb.txt").open("wb") as stream:
        stream.write(b"Huge\n\n")
        for _ in range(FIFTY_MB // len(chunk) + 1):
            stream.write(chunk)
    corpus.bad["huge-50mb.txt"] = "too large"
    words = (BODY + " ").encode()
    line = (words * (FIVE_MB // len(words) + 1))[:FIVE_MB]
    write(corpus.root / "long-line.txt", b"GOOD one 5 MB line\n\n" + line)
    corpus.good.append("GOOD one 5 MB line")


def many_files(folder: Path, count: int) -> None:
    """``count`` small articles, a thousand to a folder (raw system calls: pathlib doubles it)."""
    os.mkdir(folder)
    for index in range(count):
        sub = f"{folder}/{index // 1000:03d}"
        if index % 1000 == 0:
            os.mkdir(sub)
        handle = os.open(f"{sub}/a{index:06d}.txt", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(handle, f"Story {index}\n\nBody of story {index}, short.\n".encode())
        finally:
            os.close(handle)


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry under ``folder`` (links not followed): mode, mtime and content hash."""
    result: dict[str, tuple[int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            digest = ""
            if path.is_file() and not path.is_symlink() and os.access(path, os.R_OK):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_symlink():
                digest = os.readlink(path)
            result[str(path)] = (info.st_mode, info.st_mtime_ns, digest)
    return result
