"""Polite, bounded HTTP fetching with an on-disk cache that keeps working when the server is gone.

Every request is limited: connect and read timeouts, an overall deadline (a server trickling
one byte at a time cannot hold a request open past it), a cap on the body after decompression
(so a gzip bomb stops at the cap), a cap on redirects with loop detection, ``http(s)`` only on
every hop, and a few requests per host at once. Responses are cached on disk with their ETag
and Last-Modified, revalidated with conditional requests, written atomically, and served from
the cache when the server cannot be reached or when working offline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import zlib
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsreader import __version__
from newsreader.core.cache import Cache, Entry, cache_dir
from newsreader.core.progress import Progress
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.common import ALLOWED_SCHEMES, url_scheme

if TYPE_CHECKING:
    import httpx  # imported when the first fetch starts: it costs a third of a second

USER_AGENT = f"newsreader/{__version__} (+terminal news reader)"
"""Sent with every request, so that site owners can tell who is fetching and why."""

OFFLINE_ENV = "NEWSREADER_OFFLINE"
"""When set to a non-empty value other than ``0``, loads use only the cache (``--offline``)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds every request keeps to."""

    connect_timeout: float = 5.0
    """Seconds to wait for a connection."""
    read_timeout: float = 10.0
    """Seconds to wait for any single read."""
    deadline: float = 30.0
    """Seconds for a whole request, redirects and body included."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest body accepted, counted after decompression."""
    max_redirects: int = 5
    """Redirects followed before giving up."""
    per_host: int = 2
    """Requests to one host at the same time."""
    total: int = 8
    """Requests in flight at the same time, over all hosts."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A body obtained from the network or the cache."""

    url: str
    """Where the body finally came from, after redirects."""
    content: bytes
    """The decompressed body."""
    content_type: str
    """The ``Content-Type`` header, lower-cased without parameters (may be empty)."""
    from_cache: bool
    """True when the body was served from the cache (304, offline, or server unreachable)."""


def offline_from_env() -> bool:
    """True when :data:`OFFLINE_ENV` asks for offline loading."""
    return os.environ.get(OFFLINE_ENV, "") not in ("", "0")


class FetchError(Exception):
    """A URL could not be had; ``str(error)`` is a short reason for the reader."""


class Fetcher:
    """Fetches URLs within :class:`Limits`, through the cache. Use as ``async with``."""

    def __init__(self, *, offline: bool = False, limits: Limits | None = None,
                 cache: Cache | None = None, progress: Progress | None = None) -> None:  # fmt: skip
        self.offline = offline
        self.limits = limits or Limits()
        self.cache = cache or Cache(cache_dir())
        self.progress = progress or Progress()
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(self.limits.total)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._pending: dict[tuple[str, str], asyncio.Future[Fetched]] = {}

    async def __aenter__(self) -> Fetcher:
        from newsreader.core.sources.needs import needs

        with needs("fetching URLs"):
            import httpx

        limits = self.limits
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(limits.read_timeout, connect=limits.connect_timeout),
            follow_redirects=False,  # followed by hand, so that every hop is checked
            limits=httpx.Limits(max_connections=limits.total),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:  # fmt: skip
        if self._client is not None:
            await self._client.aclose()

    async def get(self, url: str, accept: str = "*/*") -> Fetched:
        """The body at ``url``, fresh if possible, else cached; raises :class:`FetchError`.

        Asking again for a URL that is still being fetched waits for that same request, so
        two feed items linking one page cost the server one request.
        """
        key = (url, accept)
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._counted(url, accept))
            self._pending[key] = pending
            pending.add_done_callback(lambda _: self._pending.pop(key, None))
        return await asyncio.shield(pending)

    async def _counted(self, url: str, accept: str) -> Fetched:
        self.progress.add()
        try:
            return await self._get(url, accept)
        finally:
            self.progress.step(url)

    async def _get(self, url: str, accept: str) -> Fetched:
        import httpx

        scheme = url_scheme(url)
        if scheme not in ALLOWED_SCHEMES:
            raise FetchError(f"{scheme or 'this'} URLs are not fetched, only http and https")
        cached = self.cache.get(url)
        if self.offline:
            if cached is None:
                raise FetchError("not in the cache, and working offline")
            return _from(cached)
        host = urlsplit(url).hostname or ""
        slot = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
        try:
            async with slot, self._slots, asyncio.timeout(self.limits.deadline):
                entry = await self._request(url, accept, cached)
        except (httpx.HTTPError, TimeoutError, FetchError) as error:
            reason = _reason(error, self.limits)
            if cached is not None and not isinstance(error, _ClientError):
                return _from(cached)  # the server is gone or failing: the copy we have will do
            raise FetchError(reason) from None
        if entry is cached and cached is not None:
            self.cache.touch(url)  # still current: it must not age out of the cache
            return _from(cached)
        self.cache.put(url, entry)
        return Fetched(entry.url, entry.body, entry.content_type, from_cache=False)

    async def _request(self, url: str, accept: str, cached: Entry | None) -> Entry:
        assert self._client is not None, "use the Fetcher as an async context manager"
        seen = {url}
        current = url
        for _ in range(self.limits.max_redirects + 1):
            headers = {"Accept": accept}
            if cached is not None and current == url:
                if cached.etag:
                    headers["If-None-Match"] = cached.etag
                if cached.last_modified:
                    headers["If-Modified-Since"] = cached.last_modified
            request = self._client.build_request("GET", current, headers=headers)
            response = await self._client.send(request, stream=True)
            try:
                if response.status_code == 304 and cached is not None:
                    return cached
                if response.is_redirect:
                    current = _next_hop(current, response.headers.get("location", ""), seen)
                    continue
                if response.status_code >= 400:
                    kind = _ClientError if response.status_code < 500 else FetchError
                    raise kind(f"the server answered HTTP {response.status_code}")
                content = await _read_body(response, self.limits.max_bytes)
            finally:
                await response.aclose()
            return Entry(
                url=current,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                content_type=_media_type(response.headers.get("content-type", "")),
                body=content,
            )
        raise FetchError(f"too many redirects (more than {self.limits.max_redirects})")


class _ClientError(FetchError):
    """A 4xx answer: the page is gone or forbidden, so a cached copy is not served instead."""


def _next_hop(current: str, location: str, seen: set[str]) -> str:
    target = urljoin(current, location.strip())
    scheme = url_scheme(target)
    if not location.strip() or scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"redirect to a {scheme or 'missing'} URL refused")
    if target in seen:
        raise FetchError("redirect loop")
    seen.add(target)
    return target


async def _read_body(response: httpx.Response, limit: int) -> bytes:
    """The body, decompressed by hand with a running cap so that a gzip bomb stops early."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"response too large ({int(declared) // 1024} KiB; limit {limit // 1024})")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported content encoding {clean_line(encoding)[:20]!r}")
    inflater = None if encoding in ("", "identity") else zlib.decompressobj(wbits=47)
    parts: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        data = chunk if inflater is None else _inflate(inflater, chunk, limit - size)
        size += len(data)
        if size > limit:
            raise FetchError(f"response larger than {limit // 1024} KiB; stopped")
        parts.append(data)
    return b"".join(parts)


def _inflate(inflater: zlib._Decompress, chunk: bytes, budget: int) -> bytes:
    """Decompress ``chunk`` producing at most ``budget + 1`` bytes (one more means too large)."""
    try:
        data = inflater.decompress(chunk, budget + 1)
        while inflater.unconsumed_tail and len(data) <= budget:
            data += inflater.decompress(inflater.unconsumed_tail, budget + 1 - len(data))
    except zlib.error as error:
        raise FetchError(f"damaged compressed response ({error})") from None
    return data


def _from(entry: Entry) -> Fetched:
    return Fetched(entry.url, entry.body, entry.content_type, from_cache=True)


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _reason(error: BaseException, limits: Limits) -> str:
    """A short sentence for a failed request, without tracebacks or raw server text."""
    import httpx

    if isinstance(error, FetchError):
        return str(error)
    if isinstance(error, TimeoutError):
        return f"took longer than {limits.deadline:g} s; gave up"
    if isinstance(error, httpx.ConnectTimeout):
        return "could not connect in time"
    if isinstance(error, httpx.TimeoutException):
        return "the server stopped answering; timed out"
    if isinstance(error, httpx.ConnectError):
        return "could not connect to the server"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "unsupported URL"
    with contextlib.suppress(Exception):
        return clean_line(f"{type(error).__name__}: {error}")[:160]
    return type(error).__name__
