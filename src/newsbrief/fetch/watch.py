"""The watch: passes over sources, new pages fetched and ingested (``newsbrief watch`` / ``fetch``).

One pass (:meth:`Watcher.run_pass`):

1. Each source is read: a feed, news sitemap or home page URL (fetched with its validators; a home
   page's ``<link rel="alternate">`` feeds, else its robots.txt sitemaps, and a sitemap index's
   sitemaps are read in turn), an OPML file (its feeds), or a file of page URLs (re-read each pass).
2. Every item link is made canonical; links to hosts that are neither public nor the listing's own
   host are refused; new ones are written ``pending`` together with the listing's new validators.
3. The pending pages of these sources are fetched, host by host in turn (so one host's delay does
   not hold the others up), turned into Articles (:mod:`newsbrief.fetch.pages`) and ingested by
   :func:`newsbrief.corpus.ingest.ingest_articles` exactly as ``newsbrief ingest`` ingests files;
   each URL's outcome commits with its batch.

A listing or page that fails is reported (URL and what happened) and the pass goes on. A host
that did not answer at all (refused, no such name, timed out) is held back for the next passes of
this watch, 1, 2, 4 ... up to 8 (:mod:`newsbrief.fetch.hostbackoff`): its listings are not read
and its pages stay pending until then; said once, naming the URL and the pass it is asked in. A page
skipped for a settings limit (the extraction time limit: ``Skip.retry``) stays pending and is
fetched again by the next pass, as ``ingest`` reads such a file again. A killed
watch loses at most the batch being annotated; the next pass fetches only what was not stored.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.plural import count
from newsbrief.corpus.ingest import Outcome, StoreTally, ingest_articles
from newsbrief.corpus.store import Store
from newsbrief.engines import Engine
from newsbrief.fetch.client import FetchFailed, Fetcher, Response
from newsbrief.fetch.feeds import Listing, NotAListing, parse_listing, read_source_file
from newsbrief.fetch.hostbackoff import HostBackoff
from newsbrief.fetch.pages import Listed, article_from_page
from newsbrief.fetch.prefetch import fetch_listings
from newsbrief.fetch.state import FeedRow, UrlRow, WatchState
from newsbrief.fetch.urls import BadUrl, canonical_url, check_url, host_of
from newsbrief.models import Article, Skip

# Articles per ingest transaction in a watch: a killed watch refetches at most this many pages,
# and new articles reach the stories sooner than with ingest's 64.
WATCH_BATCH_SIZE = 16
# How deep listings lead to listings: home page -> sitemap index -> sitemap.
MAX_LISTING_DEPTH = 2

Notify = Callable[[str], None]


class SourceError(ValueError):
    """A SOURCE argument is neither a URL nor a readable file; the message says how to fix it."""


@dataclass
class PassReport(StoreTally):
    """What one pass did."""

    listings_read: int = 0
    listings_unchanged: int = 0
    new_items: int = 0
    pages_fetched: int = 0
    stored: int = 0
    # (URL, what happened) for every listing or page that failed.
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Listings not read and pages not fetched: their host did not answer in a recent pass.
    held_back: int = 0

    def summary(self) -> str:
        """One line for the user."""
        return (
            f"{count(self.listings_read, 'listing')} read, {self.listings_unchanged} unchanged, {count(self.new_items, 'new item')}; "
            f"{count(self.pages_fetched, 'page')} fetched: {self.stored} stored, {self.duplicates} already stored, "
            f"{self.skipped} not stored; {count(len(self.failures), 'failure')}; "
            + (f"{self.held_back} held back (host not answering); " if self.held_back else "")
            + f"{count(len(self.stories_touched), 'story', 'stories')} updated ({self.seconds:.1f}s)"
        )


class Watcher:
    """Runs passes over sources into one open store (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        fetcher: Fetcher,
        *,
        engine: Engine | None = None,
        batch_size: int = WATCH_BATCH_SIZE,
        notify: Notify | None = None,
    ):
        self.store = store
        self.state = WatchState(store)
        self.settings = settings
        self.fetcher = fetcher
        self._engine = engine
        self._own_engine = engine is None
        self.batch_size = batch_size
        self.notify = notify
        self.report = PassReport()
        # The answers of the pass's named listings, fetched side by side (used once each).
        self._fetched: dict[str, Response | FetchFailed] = {}
        # The pass's source files as read_source_file read them for that (used once each).
        self._files: dict[str, tuple[str, list[str]] | OSError | NotAListing] = {}
        # Hosts that did not answer, left out of passes (not of `fetch`: there the user asked).
        self.backoff = HostBackoff()
        self._holding = False

    def close(self) -> None:
        """Release the engine if the watcher made it."""
        if self._own_engine and self._engine is not None:
            self._engine.close()
            self._engine = None

    @property
    def engine(self) -> Engine:
        """The annotation engine (a local one, made on first use: unchanged passes load no model)."""
        if self._engine is None:
            from newsbrief.engines.local import LocalEngine

            self._engine = LocalEngine(self.settings)
        return self._engine

    # -- passes --------------------------------------------------------------------------------

    def run_pass(self, sources: Sequence[str]) -> PassReport:
        """One pass over ``sources`` (URLs of feeds, sitemaps, home pages; OPML or URL files)."""
        self.report = PassReport()
        start = time.monotonic()
        self.fetcher.policy.forget()
        self.fetcher.forget_unanswered()
        self.backoff.start_pass()
        self._holding = True
        try:
            self._fetched = self._fetch_named_listings(sources)
            feed_ids: list[int] = []
            for source in sources:
                feed_ids.extend(self._read_source(source))
            self._fetched, self._files = {}, {}
            self._fetch_pending(self.state.pending(feed_ids=feed_ids))
        finally:
            self._holding = False
        self.report.seconds = time.monotonic() - start
        return self.report

    def fetch_pages(self, urls: Sequence[str]) -> PassReport:
        """Fetch and ingest the pages at ``urls`` (and in files of URLs) unless already stored."""
        self.report = PassReport()
        start = time.monotonic()
        wanted: list[str] = []
        for u in urls:
            try:
                listed = [u] if "://" in u else read_source_file(Path(u))[1]
            except (OSError, NotAListing) as exc:
                self._fail(u, _file_problem(exc))
                continue
            for x in listed:
                try:
                    wanted.append(canonical_url(check_url(x)))
                except BadUrl as exc:
                    self._fail(x, str(exc))
        self.state.add_urls([(u, host_of(u)) for u in wanted], retry=True)
        for u in dict.fromkeys(wanted):
            known = self.state.outcome(u)
            if known is not None and known[0] in ("stored", "duplicate"):
                self._tell(f"{u}: already fetched ({known[0]})")
        self._fetch_pending(self.state.pending(urls=wanted))
        self.report.seconds = time.monotonic() - start
        return self.report

    # -- listings ------------------------------------------------------------------------------

    def _fetch_named_listings(self, sources: Sequence[str]) -> dict[str, Response | FetchFailed]:
        """The listings the user named (URLs, and those of OPML files), fetched side by side
        (fetch/prefetch.py); recorded later one by one in the sources' order."""
        urls: list[str] = []
        for source in sources:
            if "://" in source:
                try:
                    urls.append(check_url(source))
                except BadUrl:
                    pass  # said when the source is read
                continue
            try:
                kind, listed = self._files[source] = read_source_file(Path(source))
            except (OSError, NotAListing) as exc:
                self._files[source] = exc
                continue
            if kind == "opml":
                urls.extend(listed)
        urls = [u for u in urls if self._held(u) is None]
        if len(set(urls)) < 2:
            return {}
        validators = {u: (row.etag, row.last_modified) for u in urls if (row := self.state.feed(u)) is not None}
        return fetch_listings(self.fetcher, urls, validators)

    def _read_source(self, source: str) -> list[int]:
        if "://" in source:
            try:
                url = check_url(source)
            except BadUrl as exc:
                self._fail(source, str(exc))
                return []
            return self._read_listing(url, frozenset({host_of(url)}), None, 0)
        path = Path(source)
        uri = path.resolve().as_uri()
        read = self._files.pop(source, None)
        try:
            if isinstance(read, Exception):
                raise read
            kind, urls = read or read_source_file(path)
        except (OSError, NotAListing) as exc:
            known = self.state.feed(uri)  # a file read before: its failure is counted; a typo adds no row
            if known is not None:
                self.state.record_failure(known, "unreadable", _file_problem(exc))
            self._fail(source, _file_problem(exc))
            return [] if known is None else [known.id]
        feed = self.state.ensure_feed(uri, "list")
        self.report.listings_read += 1
        if kind == "opml":
            self.state.record_answer(feed, 200, kind="opml")
            ids = [feed.id]
            for u in urls:
                ids.extend(self._read_listing(u, frozenset({host_of(u)}), feed.id, 1))
            return ids
        items, bad = [], []
        for u in urls:
            try:
                c = canonical_url(u)
                items.append((c, host_of(c), None, None, None))
            except BadUrl as exc:
                bad.append((u, str(exc)))
        for u, reason in bad:
            self._fail(u, reason)
        self.report.new_items += self.state.record_answer(feed, 200, kind="list", items=items)
        return [feed.id]

    def _read_listing(self, url: str, trusted: frozenset[str], parent: int | None, depth: int) -> list[int]:
        feed = self.state.ensure_feed(url, "feed", parent)
        fetched = self._fetched.pop(url, None) if depth <= 1 and trusted == frozenset({host_of(url)}) else None
        if fetched is None and self._held(url) is not None:
            self.report.held_back += 1
            return [feed.id]
        try:
            if isinstance(fetched, FetchFailed):
                raise fetched
            resp = fetched or self.fetcher.get(url, "listing", trusted_hosts=trusted, etag=feed.etag, last_modified=feed.last_modified)
        except FetchFailed as exc:
            self.state.record_failure(feed, "error" if exc.status is None else str(exc.status), exc.reason)
            self._fail(url, exc.reason)
            self._note_failure(url, exc)
            return [feed.id]
        self._note_answer(url, resp.final_url)
        if resp.status == 304:
            self.report.listings_unchanged += 1
            self.state.record_answer(feed, 304)
            ids = [feed.id]
            if depth < MAX_LISTING_DEPTH:
                for known in self.state.children(feed.id):
                    ids.extend(self._read_listing(known.url, trusted, feed.id, depth + 1))
            return ids
        self.report.listings_read += 1
        try:
            listing = parse_listing(resp.body, resp.final_url, resp.content_type)
        except Exception as exc:  # noqa: BLE001 - NotAListing, or a parser fault: one bad listing must never stop the pass
            what = str(exc) if isinstance(exc, NotAListing) else f"could not be read ({type(exc).__name__}: {exc})"
            reason = what + (f" (answer {resp.cut})" if resp.cut else "")
            self.state.record_failure(feed, "not a feed", reason)
            self._fail(url, reason)
            return [feed.id]
        if listing.note:
            self._tell(f"{url}: {listing.note}")
        children = list(listing.children)
        if listing.kind == "page" and not children:
            children = self.fetcher.robots_sitemaps(resp.final_url)
            if not children:
                reason = (
                    "not a feed: an HTML page with no <link rel=\"alternate\"> feed and no Sitemap in its "
                    "robots.txt; give the feed's or the sitemap's URL (or use `newsbrief fetch` for an article)"
                )
                self.state.record_failure(feed, "not a feed", reason)
                self._fail(url, reason)
                return [feed.id]
        self.report.new_items += self._record_listing(feed, resp.final_url, resp.etag, resp.last_modified, listing)
        ids = [feed.id]
        if depth < MAX_LISTING_DEPTH:
            for child in children:
                ids.extend(self._read_listing(child, trusted, feed.id, depth + 1))
        elif children:
            self._fail(url, f"its {len(children)} listings were not read: listings lead to listings more than {MAX_LISTING_DEPTH} deep")
        return ids

    def _record_listing(self, feed: FeedRow, final_url: str, etag: str | None, modified: str | None, listing: Listing) -> int:
        listing_host = host_of(final_url)
        items: list[tuple[str, str, str | None, str | None, str | None]] = []
        refused: list[tuple[str, str]] = []
        for item in listing.items:
            try:
                url = canonical_url(item.url)
            except BadUrl as exc:
                self._fail(item.url, f"listed by {feed.url}: {exc}")
                continue
            refusal = self.fetcher.policy.refusal(url, {listing_host})
            if refusal is not None:
                refused.append((url, refusal))
                if self.state.outcome(url) is None:
                    self._fail(url, f"not fetched: {refusal}")
                continue
            items.append((url, listing_host, item.title, item.published, item.outlet or listing.title))
        return self.state.record_answer(
            feed, 200, kind=listing.kind, title=listing.title, etag=etag, last_modified=modified, items=items, refused=refused
        )

    # -- pages ---------------------------------------------------------------------------------

    def _fetch_pending(self, rows: Sequence[UrlRow]) -> None:
        if not rows:
            return
        failures: dict[str, tuple[str, str]] = {}  # url -> (outcome, reason) of fetches that failed

        def pages() -> Iterator[tuple[str, Article | Skip]]:
            for row in _by_host_in_turn(rows):
                if self._held(row.url) is not None:
                    self.report.held_back += 1  # stays pending, for a pass that asks its host
                    continue
                self.report.pages_fetched += 1
                try:
                    resp = self.fetcher.get(row.url, "page", trusted_hosts={row.via_host})
                except FetchFailed as exc:
                    failures[row.url] = ("retry" if exc.transient else "failed", exc.reason)
                    self._note_failure(row.url, exc)
                    yield row.url, Skip(row.url, exc.reason)
                    continue
                self._note_answer(row.url, resp.final_url)
                try:
                    page = article_from_page(resp, row.url, Listed(row.title, row.published, row.outlet), self.settings)
                except Exception as exc:  # noqa: BLE001 - one bad page must never stop the pass
                    page = Skip(row.url, f"could not be read ({type(exc).__name__}: {exc}); please report this page")
                if isinstance(page, Skip) and page.retry:
                    # Skipped for a limit in the settings (max_extract_seconds), not for what the
                    # page is: it stays to be fetched, so a later pass reads it again -- once the
                    # limit is raised, stores it -- whatever its listing answers (a 304 lists
                    # nothing new). As ingest does not mark such a file done.
                    failures[row.url] = ("pending", page.reason)
                yield row.url, page

        def record(outcomes: Sequence[Outcome]) -> None:
            rows_out: list[tuple[str, str, str | None, str | None]] = []
            for o in outcomes:
                if o.status == "skipped":
                    status, reason = failures.pop(o.key, ("skipped", o.reason))
                    rows_out.append((o.key, status, reason, None))
                else:
                    rows_out.append((o.key, o.status, None, o.fingerprint))
            self.state.set_outcomes(rows_out)

        def on_skip(s: Skip) -> None:
            self._fail(s.path, s.reason)

        result = ingest_articles(
            pages(),
            self.store,
            self.settings,
            engine=self.engine,
            batch_size=self.batch_size,
            progress=self.notify,
            on_skip=on_skip,
            on_outcomes=record,
        )
        self.report.stored += result.articles_added
        self.report.add_tally(result)

    # -- hosts that do not answer (passes only) -------------------------------------------------

    def _held(self, url: str) -> int | None:
        """The pass ``url``'s host is next asked in, if this pass leaves it out."""
        return self.backoff.held(host_of(url)) if self._holding else None

    def _note_failure(self, url: str, exc: FetchFailed) -> None:
        if not self._holding:
            return
        host = host_of(exc.url)
        if exc.status is not None:
            self.backoff.answered(host)  # an error status: the server is there
        elif exc.no_answer and (held := self.backoff.no_answer(host)) is not None:
            skip, again = held
            self._tell(
                f"{host} did not answer ({url}): not asked in the next {count(skip, 'pass', 'passes')}, "
                f"again in pass {again} (pass {self.backoff.pass_no} now)"
            )

    def _note_answer(self, url: str, final_url: str) -> None:
        if self._holding:
            self.backoff.answered(host_of(url))
            self.backoff.answered(host_of(final_url))

    # -- reporting -----------------------------------------------------------------------------

    def _fail(self, url: str, reason: str) -> None:
        self.report.failures.append((url, reason))
        self._tell(f"failed {url}: {reason}")

    def _tell(self, message: str) -> None:
        if self.notify is not None:
            self.notify(message)


def _by_host_in_turn(rows: Sequence[UrlRow]) -> Iterator[UrlRow]:
    """The rows, one host after another in turn, each host's rows in their listed order."""
    queues: dict[str, deque[UrlRow]] = defaultdict(deque)
    for r in rows:
        queues[host_of(r.url)].append(r)
    order = deque(queues)
    while order:
        host = order.popleft()
        yield queues[host].popleft()
        if queues[host]:
            order.append(host)


def _file_problem(exc: Exception) -> str:
    if isinstance(exc, IsADirectoryError):
        return "a folder, not a source: store the articles in it with `newsbrief ingest FOLDER --db FILE`; watch takes a feed URL, an OPML file or a file of URLs"
    if isinstance(exc, OSError):
        return f"cannot read this file ({exc.strerror or exc}); give a feed URL, an OPML file or a file of URLs"
    return str(exc)


def parse_every(text: str) -> float:
    """Seconds from a pass interval such as ``15m``, ``90s``, ``1h`` or ``600``; raises ValueError."""
    t = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    scale = units.get(t[-1:], None)
    number = t[:-1] if scale is not None else t
    try:
        value = float(number) * (scale or 1)
    except ValueError:
        raise ValueError(f"--every {text!r}: give a duration such as 15m, 90s or 1h") from None
    if value < 1:
        raise ValueError(f"--every {text!r}: a pass interval must be at least 1 second")
    return value


def run_watch(
    watcher: Watcher,
    sources: Sequence[str],
    *,
    every_s: float,
    once: bool,
    on_pass: Callable[[int, PassReport], None],
    sleep: Callable[[float], None] = time.sleep,
) -> PassReport:
    """Pass over ``sources`` every ``every_s`` seconds (once with ``once``) until interrupted.

    Returns the last pass's report; ``on_pass`` gets each one with its number.
    """
    n = 0
    while True:
        n += 1
        started = time.monotonic()
        report = watcher.run_pass(sources)
        on_pass(n, report)
        if once:
            return report
        sleep(max(0.0, every_s - (time.monotonic() - started)))
