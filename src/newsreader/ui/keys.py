"""The table of keys, shown on the help screen (and mirrored in README)."""

from __future__ import annotations

KEYS: tuple[tuple[str, str, str], ...] = (
    ("j / k, ↓ / ↑", "list", "move the cursor (the reader follows at once)"),
    ("Enter / l", "list", "open the article: focus moves into the reader"),
    ("g / G", "both", "top / bottom"),
    ("j / k, ↓ / ↑", "reader", "scroll a line"),
    ("space / b", "reader", "page down / up"),
    ("h / Esc", "reader", "back to the list"),
    ("Tab", "both", "switch panes"),
    ("!", "both", "show the inputs that were skipped, with reasons"),
    ("?", "both", "this help"),
    ("Ctrl+P", "both", "command palette: every action by name"),
    ("q", "both", "from the reader: back to the list; from the list: quit"),
)
"""``(keys, where, what)`` rows."""
