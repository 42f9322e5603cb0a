"""Web pages and feeds written by the tests themselves (no real outlet's text is used)."""

from __future__ import annotations

from html import escape

PARAGRAPHS = (
    "The city council voted on Tuesday to approve a new bridge across the river, ending a "
    "debate that lasted more than ten years and divided neighbours on both banks.",
    "Supporters said the bridge would cut commuting times in half for the thousands of "
    "residents who live on the east bank and work in the old town centre.",
    "Opponents argued that the cost, estimated at four hundred million, would strain the "
    "budget for a decade and leave little for schools, parks and the harbour.",
    "Construction is expected to begin next spring, and the council said the first cars "
    "could cross before the end of the decade if the weather allows it.",
)
"""Article paragraphs long enough for an extractor to take them as the main text."""

FURNITURE = (
    "Accept all cookies",
    "Most read",
    "Share on Facebook",
    "Subscribe to our newsletter",
    "Celebrity spotted at the beach",
)
"""Strings that appear only in the page furniture and must never reach an article."""


def page(
    title: str = "Council approves the river bridge",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    site_name: str | None = "The Valley Gazette",
    author: str = "Jane Reporter",
    date: str = "2024-03-05",
    extra_head: str = "",
) -> str:
    """A news page with a menu, a cookie notice, share buttons and a "most read" box."""
    meta = f'<meta property="og:site_name" content="{escape(site_name)}">' if site_name else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | Gazette</title>{meta}
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{date}T09:30:00Z">
<style>body {{ font-family: serif }} .hidden-style-text {{ color: red }}</style>
<script>window.trackingScriptText = "do not show this";</script>{extra_head}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe to our newsletter</a></li>
</ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">By {escape(author)}</p>
{body}
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="most-read"><h2>Most read</h2><ol>
<li><a href="/a">Celebrity spotted at the beach</a></li>
<li><a href="/b">Ten tips for summer</a></li>
</ol></aside></main>
<footer><p>Copyright 2024 The Valley Gazette. All rights reserved.</p></footer>
<script>document.write("late script text");</script>
</body></html>"""


def rss(items: list[dict[str, str]], *, title: str = "Gazette headlines", extra: str = "") -> str:
    """An RSS 2.0 feed; each item may have title, link, guid, description, content, date."""
    rendered = []
    for item in items:
        parts = [f"<{key}>{escape(value)}</{key}>" for key, value in item.items() if key in
                 ("title", "link", "guid", "description", "pubDate", "author")]  # fmt: skip
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        rendered.append("<item>" + "".join(parts) + "</item>")
    return f"""<?xml version="1.0" encoding="utf-8"?>{extra}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>{escape(title)}</title><link>https://gazette.test/</link>
<description>News</description>
{"".join(rendered)}
</channel></rss>"""
