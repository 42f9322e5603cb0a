"""Markdown export: passages marked with footnotes, text escaped, file names never clobber."""

from __future__ import annotations

import re
from pathlib import Path

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.core.export import article_markdown, escape, export_path, set_markdown
from newsreader.core.matching import Pair, Passage, Span

SHARED = "The minister resigned on Friday after the vote"
LEFT = Article(
    "left",
    "left.txt",
    "# Not a heading *really*",
    "Daily *Ledger*",
    "2024-03-10",
    "https://example.org/a",
    f"Opening words.\n\n{SHARED}. Then [a link](http://x) and 1. a list\n- dash & co",
)
RIGHT = Article(
    "right",
    "right.txt",
    "Minister quits",
    "Evening Post",
    "2024-03-11",
    None,
    f"In short: {SHARED}, aides said.",
)
START = LEFT.text.index(SHARED)
PASSAGE = Passage(
    "p1",
    "verbatim",
    100.0,
    SHARED,
    (Span("left", START, START + len(SHARED)), Span("right", 10, 10 + len(SHARED))),
    (Pair(0, 1, "verbatim", 100.0),),
)
LOOKUP = {a.id: a for a in (LEFT, RIGHT)}


def test_passage_marked_with_also_in_footnote() -> None:
    text = article_markdown(LEFT, [PASSAGE], LOOKUP)
    assert f"**{escape(SHARED)}**[^1]" in text
    note = next(line for line in text.splitlines() if line.startswith("[^1]:"))
    assert "Also in: Evening Post, “Minister quits” (verbatim, 100)" in note


def test_crossref_and_plain_passages_give_the_same_text() -> None:
    crossref = CrossRef([LEFT, RIGHT], [PASSAGE])
    assert article_markdown(LEFT, crossref, LOOKUP) == article_markdown(LEFT, [PASSAGE], LOOKUP)


def test_text_is_escaped_to_render_literally() -> None:
    text = article_markdown(LEFT, [PASSAGE], LOOKUP)
    heading, byline = text.splitlines()[0], text.splitlines()[2]
    assert heading == r"# \# Not a heading \*really\*"
    assert byline == r"*Daily \*Ledger\** · 2024-03-10 · <https://example.org/a>"
    assert r"\[a link\](http://x)" in text
    assert "\n\\- dash \\& co" in text  # a line start that would open a list
    # Unescaping gives back the article's words exactly.
    body = text.split("\n\n", 2)[2].split("\n\n[^1]")[0]
    plain = re.sub(r"\*\*|\[\^1\]", "", body).replace("\\\n", "\n")
    assert re.sub(r"\\(.)", r"\1", plain) == LEFT.text


def test_escape_block_markers_and_line_breaks() -> None:
    assert escape("+ plus\n> quote\n12. twelve") == "\\+ plus\\\n\\> quote\\\n12\\. twelve"
    assert escape("a_b `c` <d> | e ~ f = g") == r"a\_b \`c\` \<d\> \| e \~ f \= g"


def test_repeat_in_the_same_article_is_said_so() -> None:
    twice = Article("t", "t.txt", "T", "S", None, None, "Same line here. Same line here.")
    passage = Passage(
        "r", "verbatim", 100.0, "Same line here", (Span("t", 0, 14), Span("t", 16, 30))
    )
    text = article_markdown(twice, [passage], {"t": twice})
    assert text.count("Repeated in this article.") == 2


def test_set_markdown_has_unique_footnote_labels() -> None:
    lonely = Article("z", "z.txt", "Alone", "Gazette", None, None, "Nothing shared.")
    text = set_markdown([LEFT, RIGHT, lonely], [PASSAGE])
    labels = re.findall(r"^\[\^([^\]]+)\]:", text, re.MULTILINE)
    assert labels == ["1-1", "2-1"]
    assert "## Articles sharing no passage" in text and "- Gazette, “Alone”" in text


def test_overlapping_passages_share_one_bold_stretch() -> None:
    other = Passage(
        "p2",
        "near",
        91.0,
        "resigned",
        (Span("left", START + 13, START + 21), Span("right", 23, 31)),
    )
    text = article_markdown(LEFT, [PASSAGE, other], LOOKUP)
    body = text.split("\n\n", 2)[2]
    assert body.count("**") == 2 and "[^1][^2]" in body


def test_export_path_slug_and_no_clobbering(tmp_path: Path) -> None:
    article = Article("x", "x", "Éclair: Prices *soar* 20% — again!", "S", None, None, "t")
    first = export_path(article, tmp_path)
    assert first == tmp_path / "eclair-prices-soar-20-again.md"
    first.write_text("taken", encoding="utf-8")
    second = export_path(article, tmp_path)
    assert second.name == "eclair-prices-soar-20-again-2.md"
    second.write_text("taken", encoding="utf-8")
    assert export_path(article, tmp_path).name == "eclair-prices-soar-20-again-3.md"
    assert first.read_text(encoding="utf-8") == "taken"


def test_export_path_fallbacks_and_length(tmp_path: Path) -> None:
    untitled = Article("../etc/passwd", "p", "", "S", None, None, "t")
    assert export_path(untitled, tmp_path).parent == tmp_path
    assert export_path(untitled, tmp_path).name == "etc-passwd.md"
    symbols = Article("!!!", "p", "???", "S", None, None, "t")
    assert export_path(symbols, tmp_path).name == "article.md"
    long = Article("l", "p", "word " * 40, "S", None, None, "t")
    assert len(export_path(long, tmp_path).stem) <= 60
