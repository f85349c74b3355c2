"""A polite HTTP client for feeds and pages (httpx underneath).

What every request does, in order:

1. The host must be allowed (:class:`newsbrief.fetch.urls.AddressPolicy`): sources the user named
   on any host, links found inside them only on public addresses or the source's own host.
2. robots.txt is read once per host (cached ``robots_ttl_s``) and obeyed for the newsbrief
   User-Agent, including its Crawl-delay (up to ``max_crawl_delay_s``). A robots.txt that answers
   4xx allows everything; one that cannot be read (5xx, time-out) forbids the host for now (RFC 9309).
3. One request at a time per host (callers that read in threads give each host to one thread:
   ``fetch.watch``) and at least ``host_delay_s`` between two requests to one host.
4. Conditional GET when validators are given (ETag, Last-Modified): an unchanged feed costs a 304.
5. 429, 5xx and dropped connections are retried ``retries`` times with exponential backoff, a
   time-out at most once (each try waits ``timeout_s``), and a host that refuses the connection or
   whose name does not resolve is not retried (a dead feed costs one try, not three); a Retry-After header sets the wait (a wait above ``max_retry_after_s`` is not waited
   for: the URL is reported and left for a later pass).
6. Redirects are followed by hand, up to ``max_redirects``, each hop checked again (1 and 2); a loop
   is reported as such.
7. Bodies are streamed: a page over ``max_page_bytes`` (or a listing over ``max_listing_bytes``) is
   cut off there, a body that keeps trickling past ``body_timeout_s`` is cut off, and a page whose
   Content-Type is not HTML is closed before its body is read.

Failures raise :class:`FetchFailed` with the URL, a reason the user can read (HTTP status,
time-out, robots.txt forbids...) and whether trying again later may help.
"""

from __future__ import annotations

import dataclasses
import email.utils
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib import metadata
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from newsbrief.fetch.urls import AddressPolicy, host_of

Kind = Literal["page", "listing"]
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A time-out is retried at most this many times (each try waits timeout_s: a feed that never
# answers cost 3 x 20 s of a pass with the usual two retries).
TIMEOUT_RETRIES = 1
PAGE_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024
# robots.txt files are small; Google reads the first 500 KiB.
_ROBOTS_BYTES = 512 * 1024


def _version() -> str:
    try:
        return metadata.version("newsbrief")
    except metadata.PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how far the client fetches. Tests shrink the delays; users keep them."""

    user_agent: str = f"newsbrief/{_version()} (news brief builder; obeys robots.txt)"
    # Connect/read time-out per request (seconds); the whole body must arrive within body_timeout_s.
    timeout_s: float = 20.0
    body_timeout_s: float = 60.0
    # One second between two requests to one host: the usual polite default of crawlers.
    host_delay_s: float = 1.0
    retries: int = 2
    backoff_s: float = 2.0
    max_retry_after_s: float = 120.0
    max_redirects: int = 5
    # 10 MB: the readers' limit for one HTML article (50 bytes of markup per character of text).
    max_page_bytes: int = 10_000_000
    max_listing_bytes: int = 20_000_000
    robots_ttl_s: float = 3600.0
    max_crawl_delay_s: float = 30.0

    def __post_init__(self) -> None:
        for name in ("timeout_s", "body_timeout_s", "host_delay_s", "backoff_s", "max_retry_after_s"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.max_page_bytes < 1 or self.max_listing_bytes < 1:
            raise ValueError("max_page_bytes and max_listing_bytes must be positive")


class FetchFailed(Exception):
    """A URL could not be fetched: ``reason`` says what happened; ``transient`` when a later try
    may succeed (time-out, 5xx, 429); ``no_answer`` when the host itself did not answer (refused,
    a name that does not resolve, timed out: a watch holds such a host back for some passes), not
    when a server answered with an error status."""

    def __init__(self, url: str, reason: str, *, transient: bool = False, status: int | None = None, no_answer: bool = False):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient
        self.status = status
        self.no_answer = no_answer


@dataclass(frozen=True)
class Response:
    """A fetched body (status 200) or an unchanged resource (status 304, empty body)."""

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    # Bytes were dropped: the body was longer than the size limit or kept coming past the time limit.
    cut: str | None = None


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    forbid_all: str | None  # why the whole host is forbidden for now
    read_at: float
    no_answer: bool = False  # forbidden because the host did not answer for its robots.txt


class Fetcher:
    """The client; see the module docstring. Use as a context manager, or call :meth:`close`.

    ``transport`` and ``policy`` exist for tests and benchmarks, which serve made-up host names
    from 127.0.0.1 (:mod:`newsbrief.fetch.loopback`); no option exposes them to users.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        policy: AddressPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings or FetchSettings()
        self.policy = policy or AddressPolicy()
        self.sleep = sleep
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.settings.timeout_s),
            follow_redirects=False,
            transport=transport,
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self.requests = 0
        self._count_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    # -- public --------------------------------------------------------------------------------

    def get(
        self,
        url: str,
        kind: Kind,
        *,
        trusted_hosts: Collection[str] = (),
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """Fetch ``url`` (a "page" must be HTML; a "listing" is a feed, sitemap or home page).

        Raises FetchFailed. ``trusted_hosts``: hosts of the user's sources that led here.
        """
        current = url
        chain = [url]
        for _hop in range(self.settings.max_redirects + 1):
            refusal = self.policy.refusal(current, trusted_hosts)
            if refusal is not None:
                raise FetchFailed(current, f"not fetched: {refusal}")
            self._check_robots(current)
            first = current == url
            resp = self._with_retries(current, kind, etag if first else None, last_modified if first else None)
            if isinstance(resp, str):  # a redirect target
                nxt = resp
                if nxt in chain:
                    raise FetchFailed(url, "redirect loop: " + " -> ".join([*chain[chain.index(nxt) :], nxt]))
                chain.append(nxt)
                current = nxt
                continue
            return dataclasses.replace(resp, url=url)
        raise FetchFailed(url, f"more than {self.settings.max_redirects} redirects (" + " -> ".join(chain[:4]) + " ...)")

    def robots_sitemaps(self, url: str) -> list[str]:
        """The Sitemap: lines of the robots.txt of ``url``'s host (read if not yet cached)."""
        robots = self._robots_for(url)
        if robots.parser is None:
            return []
        return list(robots.parser.site_maps() or [])

    def forget_unanswered(self) -> None:
        """Drop the cached robots.txt failures of hosts that did not answer, so the next request
        asks again (a watch calls this each pass: it holds such hosts back itself)."""
        for origin in [o for o, r in self._robots.items() if r.no_answer]:
            del self._robots[origin]

    # -- robots.txt ----------------------------------------------------------------------------

    def _origin(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"

    def _robots_for(self, url: str) -> _Robots:
        origin = self._origin(url)
        cached = self._robots.get(origin)
        now = time.monotonic()
        if cached is not None and now - cached.read_at < self.settings.robots_ttl_s:
            return cached
        robots_url = origin + "/robots.txt"
        robots = _Robots(None, None, now)
        try:
            resp = self._with_retries(robots_url, "robots", None, None)
            hops = 0
            while isinstance(resp, str) and hops < self.settings.max_redirects:
                hops += 1
                resp = self._with_retries(resp, "robots", None, None)
            if isinstance(resp, str):
                raise FetchFailed(robots_url, "too many redirects")
            parser = urllib.robotparser.RobotFileParser(robots_url)
            parser.parse(resp.body.decode("utf-8", errors="replace").splitlines())
            robots.parser = parser
        except FetchFailed as exc:
            status = exc.status
            if status is not None and 400 <= status < 500 and status != 429:
                pass  # no robots.txt: everything is allowed
            else:
                robots.no_answer = status is None and exc.no_answer
                robots.forbid_all = (
                    # No answer at all: the host is down or the URL's host or port is wrong.
                    f"the host did not answer ({exc.reason}); check the URL's host and port, or try again later"
                    if status is None
                    else f"its robots.txt could not be read ({exc.reason}), so the host is not crawled for now"
                )
                # Try again soon rather than after the full TTL.
                robots.read_at = now - self.settings.robots_ttl_s + 60.0
        self._robots[origin] = robots
        return robots

    def _check_robots(self, url: str) -> None:
        robots = self._robots_for(url)
        if robots.forbid_all is not None:
            raise FetchFailed(url, f"not fetched: {robots.forbid_all}", transient=True, no_answer=robots.no_answer)
        if robots.parser is not None and not robots.parser.can_fetch(self.settings.user_agent, url):
            raise FetchFailed(url, f"robots.txt of {host_of(url)} forbids fetching this URL")

    def _host_delay(self, url: str) -> float:
        delay = self.settings.host_delay_s
        robots = self._robots.get(self._origin(url))
        if robots is not None and robots.parser is not None:
            crawl = robots.parser.crawl_delay(self.settings.user_agent)
            if crawl is not None:
                delay = max(delay, min(float(crawl), self.settings.max_crawl_delay_s))
        return delay

    # -- one URL -------------------------------------------------------------------------------

    def _with_retries(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> Response | str:
        """The response for ``url`` or, for a redirect, the absolute URL it points to."""
        s = self.settings
        last: FetchFailed | None = None
        for attempt in range(s.retries + 1):
            wait = s.backoff_s * (2**attempt)
            try:
                return self._request(url, kind, etag, last_modified)
            except httpx.TimeoutException:
                last = FetchFailed(url, f"timed out (no answer within {s.timeout_s:g} s)", transient=True, no_answer=True)
                if attempt >= min(s.retries, TIMEOUT_RETRIES):
                    break
            except httpx.ConnectError as exc:
                # Refused, or the name does not resolve: the host is not there; trying again within
                # seconds will not help (a later pass tries again).
                raise FetchFailed(url, f"connection failed ({type(exc).__name__}: {exc}) (1 try)", transient=True, no_answer=True) from None
            except httpx.TransportError as exc:
                last = FetchFailed(url, f"connection failed ({type(exc).__name__}: {exc})", transient=True)
            except (httpx.InvalidURL, httpx.DecodingError, httpx.HTTPError) as exc:
                # A URL httpx cannot send, or a body that does not decode: trying again will not help.
                raise FetchFailed(url, f"{type(exc).__name__}: {exc}") from None
            except _RetryableStatus as exc:
                last = FetchFailed(url, f"HTTP {exc.status}", transient=True, status=exc.status)
                if exc.retry_after is not None:
                    if exc.retry_after > s.max_retry_after_s:
                        raise FetchFailed(
                            url,
                            f"HTTP {exc.status}; the server asks to wait {exc.retry_after:.0f} s (Retry-After), "
                            f"more than {s.max_retry_after_s:.0f} s; left for a later pass",
                            transient=True,
                            status=exc.status,
                        ) from None
                    wait = exc.retry_after
            if attempt < s.retries:
                self.sleep(wait)
        assert last is not None
        tries = attempt + 1
        raise FetchFailed(
            url, f"{last.reason} ({tries} tr{'ies' if tries > 1 else 'y'})", transient=True, status=last.status, no_answer=last.no_answer
        )

    def _wait_for_host(self, url: str) -> None:
        host = host_of(url)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self._host_delay(url) - time.monotonic()
            if wait > 0:
                self.sleep(wait)

    def _request(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> Response | str:
        with self._count_lock:
            self.requests += 1
        return self._send(url, kind, etag, last_modified)

    def _send(self, url: str, kind: str, etag: str | None, last_modified: str | None) -> Response | str:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if kind == "page":
            headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
        self._wait_for_host(url)
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                return self._read(url, kind, r)
        finally:
            self._last_request[host_of(url)] = time.monotonic()

    def _read(self, url: str, kind: str, r: httpx.Response) -> Response | str:
        status = r.status_code
        if status in REDIRECTS:
            location = str(r.headers.get("location") or "")
            if not location:
                raise FetchFailed(url, f"HTTP {status} redirect without a Location header", status=status)
            return urljoin(url, location.strip())
        if status in RETRY_STATUSES:
            raise _RetryableStatus(status, parse_retry_after(r.headers.get("retry-after")))
        ctype, charset = _content_type(r.headers.get("content-type", ""))
        etag = r.headers.get("etag")
        modified = r.headers.get("last-modified")
        if status == 304:
            return Response(url, url, 304, b"", ctype, charset, etag, modified)
        if status >= 400 or status < 200 or status == 204:
            raise FetchFailed(url, f"HTTP {status}" + (f" {r.reason_phrase}" if r.reason_phrase else ""), status=status)
        if kind == "page" and ctype and ctype not in PAGE_TYPES:
            raise FetchFailed(url, f"not an HTML page (Content-Type {ctype}); only web pages are read", status=status)
        limit = {"page": self.settings.max_page_bytes, "listing": self.settings.max_listing_bytes}.get(kind, _ROBOTS_BYTES)
        body, cut = self._stream_body(r, limit)
        return Response(url, url, status, body, ctype, charset, etag, modified, cut)

    def _stream_body(self, r: httpx.Response, limit: int) -> tuple[bytes, str | None]:
        declared = r.headers.get("content-length")
        buf = bytearray()
        deadline = time.monotonic() + self.settings.body_timeout_s
        for chunk in r.iter_bytes(_CHUNK):
            buf += chunk
            if len(buf) > limit:
                of = f" of {int(declared):,}" if declared and declared.isdigit() else ""
                return bytes(buf[:limit]), f"cut off at {limit:,}{of} bytes (size limit)"
            if time.monotonic() > deadline:
                return bytes(buf), f"cut off after {self.settings.body_timeout_s:g} s at {len(buf):,} bytes (body time limit)"
        return bytes(buf), None


class _RetryableStatus(Exception):
    def __init__(self, status: int, retry_after: float | None):
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    ctype = parts[0].lower() if parts else ""
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip("\"' ") or None
    return ctype, charset
