"""Pages, feeds and a local HTTP server written by the tests (no real outlet's text is used)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


@dataclass
class Route:
    """What the local server answers for one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow host)."""
    trickle: float = 0.0
    """Seconds between body bytes (a server that trickles to hold the client)."""
    conditional: bool = False
    """Answer 304 when the client sends back the ETag or Last-Modified it was given."""
    length: bool = True
    """Send ``Content-Length`` (off: the body ends when the connection closes)."""


class LocalServer:
    """An HTTP server on 127.0.0.1 in a thread, answering from :attr:`routes`.

    Nothing in the tests reaches beyond this machine: every URL is built by :meth:`url`.
    """

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        """The request headers of each request for ``path``, in order."""
        return [headers for seen, headers in self.requests if seen == path]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output clean

            def do_GET(self) -> None:
                headers = {key.lower(): value for key, value in self.headers.items()}
                with server._lock:
                    server.requests.append((self.path, headers))
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                try:
                    self._answer(server.routes.get(self.path), headers)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, route: Route | None, headers: dict[str, str]) -> None:
                if route is None:
                    self.send_error(404)
                    return
                time.sleep(route.delay)
                etag = f'"{hash(route.body) & 0xFFFFFF:x}"'
                modified = "Tue, 05 Mar 2024 09:30:00 GMT"
                if route.conditional and (
                    headers.get("if-none-match") == etag
                    or headers.get("if-modified-since") == modified
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.conditional:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.length:
                    self.send_header("Content-Length", str(len(route.body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                if not route.trickle:
                    self.wfile.write(route.body)
                    return
                for index in range(len(route.body)):
                    self.wfile.write(route.body[index : index + 1])
                    self.wfile.flush()
                    time.sleep(route.trickle)

        return Handler


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (a dead host)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
