"""The table of keys, shown on the help screen (and mirrored in README)."""

from __future__ import annotations

KEYS: tuple[tuple[str, str, str], ...] = (
    ("j / k, ↓ / ↑", "list", "move the cursor (the reader follows at once)"),
    ("Enter / l", "list", "open the article: focus moves into the reader"),
    ("g / G", "both", "top / bottom"),
    ("j / k, ↓ / ↑", "reader", "scroll a line"),
    ("space / b", "reader", "page down / up"),
    ("h / Esc", "reader", "back to the list"),
    ("] / [", "reader", "mark the next / previous passage other outlets share"),
    ("n / N", "reader", "the same as ] / [ while no search is kept"),
    ("Enter", "reader", "open the 'Also in' copy under the panel's cursor (the first by default)"),
    ("Backspace / Ctrl+O", "reader", "go back to where you were before a jump (a stack)"),
    ("u", "reader", "own words: show only what no other article says (toggle)"),
    ("s", "both", "sort: list order, date, source, originality, most shared"),
    ("c", "both", "compare with another article, side by side"),
    ("+ / -", "both", "raise / lower the minimum passage score by 5"),
    ("Tab", "both", "switch panes (in compare: switch the leading column)"),
    ("/", "both", "search this article as you type; Enter keeps it, Esc clears it"),
    ("n / N", "reader", "next / previous search hit while a search is kept (wrapping)"),
    ("Ctrl+F / F", "both", "search all articles; Enter opens the article at the hit"),
    ("f", "list", "filter the list by title, source and date; Esc clears"),
    ("t", "both", "group the list by story (outlets and size per story); again to ungroup"),
    ("m", "both", "mark the shown article read / unread (opening it marks it read)"),
    ("*", "both", "star / unstar the shown article"),
    ("e", "both", "export the article as Markdown into the current folder (never overwrites)"),
    ("R", "both", "reload: read the files and fetch the feeds again"),
    ("!", "both", "show the inputs that were skipped, with reasons"),
    ("?", "both", "this help"),
    ("Ctrl+P", "both", "command palette: every action by name"),
    ("q", "both", "from the reader: back to the list; from the list: quit"),
)
"""``(keys, where, what)`` rows."""

MARKS: tuple[tuple[str, str], ...] = (
    (
        "2020-09-14†",
        "dimmed, with †: only the file's date (when the copy was saved), not when the "
        "article was published; sorting by date puts such articles last",
    ),
    ("unknown source", "nothing in the article names its outlet"),
)
"""``(mark, meaning)`` rows: what the list's and reader's marks mean (mirrored in README)."""
