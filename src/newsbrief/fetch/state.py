"""What the watch remembers between passes, in the corpus database (tables ``feeds`` and ``urls``).

* ``feeds``: every listing read (feed, sitemap, home page), its validators (ETag, Last-Modified) for
  conditional GET, when it was last passed over and last answered, its last status and error count.
* ``urls``: every article URL met, canonical, with the listing that named it, what the listing said
  (title, date, outlet: the page's fallbacks) and its outcome: ``pending`` (listed, not yet
  fetched), ``retry`` (failed in a way a later pass may fix), ``stored``, ``duplicate`` (its text is
  stored under another URL), ``skipped`` (fetched but not an article), ``failed`` (HTTP 4xx,
  robots.txt forbids, or still failing after :data:`MAX_ATTEMPTS`), ``refused`` (a link to a
  non-public host).

A URL is written ``pending`` in the same transaction as its feed's new validators, so a watch
killed before fetching it fetches it on the next pass even when the feed then answers 304; an
article's URL gets its outcome in the transaction that stores the article, so nothing is fetched
twice once stored. Every write goes through :meth:`Store.transaction` (the store's write rules).
The tables are described in docs/database.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsbrief.corpus.store import Store

# A URL that failed transiently (time-out, 5xx, 429) is tried on this many passes, then given up.
MAX_ATTEMPTS = 3
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


@dataclass(frozen=True)
class FeedRow:
    """One row of ``feeds``."""

    id: int
    url: str
    kind: str
    parent_id: int | None
    title: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class UrlRow:
    """A URL waiting to be fetched, with its listing's fallbacks."""

    url: str
    feed_id: int | None
    via_host: str
    title: str | None
    published: str | None
    outlet: str | None
    attempts: int


@dataclass(frozen=True)
class SourceRow:
    """One line of ``newsbrief sources``."""

    url: str
    kind: str
    title: str | None
    items: int
    stored: int
    failed: int
    errors: int
    last_ok_at: str | None
    last_status: str | None
    last_error: str | None


_FEED_COLUMNS = "id, url, kind, parent_id, title, etag, last_modified"


class WatchState:
    """Reads and writes the watch tables of an open :class:`Store`."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # -- feeds ---------------------------------------------------------------------------------

    def feed(self, url: str) -> FeedRow | None:
        """The feed stored under ``url``, if any."""
        row = self.conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
        return None if row is None else FeedRow(*row)

    def ensure_feed(self, url: str, kind: str, parent_id: int | None = None) -> FeedRow:
        """The feed stored under ``url``, added first if new."""
        found = self.feed(url)
        if found is not None:
            return found
        with self.store.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO feeds (url, kind, parent_id) VALUES (?, ?, ?)", (url, kind, parent_id)
            )
        row = self.feed(url)
        assert row is not None
        return row

    def children(self, feed_id: int) -> list[FeedRow]:
        """Listings found through this one (a home page's feeds, a sitemap index's sitemaps)."""
        rows = self.conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE parent_id = ? ORDER BY id", (feed_id,))
        return [FeedRow(*r) for r in rows]

    def record_answer(
        self,
        feed: FeedRow,
        status: int,
        *,
        kind: str | None = None,
        title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        items: Sequence[tuple[str, str, str | None, str | None, str | None]] = (),
        refused: Sequence[tuple[str, str]] = (),
    ) -> int:
        """Record a listing's answer, its new items and refused links in one transaction.

        ``items`` are (canonical URL, via host, title, date, outlet); ``refused`` (URL, reason).
        Returns how many items were new. Validators are replaced only on a full (200) answer.
        """
        with self.store.transaction():
            if status == 304:
                self.conn.execute(
                    f"UPDATE feeds SET last_pass_at = {_NOW}, last_ok_at = {_NOW}, last_status = '304', last_error = NULL "
                    "WHERE id = ?",
                    (feed.id,),
                )
            else:
                self.conn.execute(
                    f"UPDATE feeds SET last_pass_at = {_NOW}, last_ok_at = {_NOW}, last_status = ?, last_error = NULL, "
                    "kind = coalesce(?, kind), title = coalesce(?, title), etag = ?, last_modified = ? WHERE id = ?",
                    (str(status), kind, title, etag, last_modified, feed.id),
                )
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO urls (url, feed_id, via_host, listed_title, listed_date, listed_outlet) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(u, feed.id, via, t, d, o) for u, via, t, d, o in items],
            )
            new = self.conn.total_changes - before
            self.conn.executemany(
                "INSERT OR IGNORE INTO urls (url, feed_id, outcome, detail) VALUES (?, ?, 'refused', ?)",
                [(u, feed.id, reason) for u, reason in refused],
            )
        return new

    def record_failure(self, feed: FeedRow, status: str, reason: str) -> None:
        """Record that a listing could not be fetched or read this pass."""
        with self.store.transaction():
            self.conn.execute(
                f"UPDATE feeds SET last_pass_at = {_NOW}, last_status = ?, last_error = ?, errors = errors + 1 "
                "WHERE id = ?",
                (status, reason, feed.id),
            )

    # -- urls ----------------------------------------------------------------------------------

    def add_urls(self, urls: Sequence[tuple[str, str]], *, retry: bool = False) -> None:
        """Add page URLs named by the user (canonical URL, host), waiting to be fetched.

        With ``retry``, those met before that were not stored are tried again (the user asked).
        """
        with self.store.transaction():
            self.conn.executemany("INSERT OR IGNORE INTO urls (url, via_host) VALUES (?, ?)", list(urls))
            if retry:
                self.conn.executemany(
                    "UPDATE urls SET outcome = 'pending', attempts = 0, via_host = ? "
                    "WHERE url = ? AND outcome NOT IN ('stored', 'duplicate', 'pending')",
                    [(host, u) for u, host in urls],
                )

    def outcome(self, url: str) -> tuple[str, str | None] | None:
        """(outcome, detail) of a URL met before, or None."""
        row = self.conn.execute("SELECT outcome, detail FROM urls WHERE url = ?", (url,)).fetchone()
        return None if row is None else (str(row[0]), row[1])

    def pending(self, *, feed_ids: Iterable[int] = (), urls: Iterable[str] = ()) -> list[UrlRow]:
        """URLs of these feeds (or these URLs) still to fetch: pending or failed-but-retryable."""
        out: list[UrlRow] = []
        cols = "url, feed_id, via_host, listed_title, listed_date, listed_outlet, attempts"
        ids = sorted(set(feed_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {cols} FROM urls WHERE outcome IN ('pending', 'retry') AND feed_id IN ({marks}) ORDER BY rowid",
                chunk,
            )
            out.extend(UrlRow(*r) for r in rows)
        for u in dict.fromkeys(urls):
            row = self.conn.execute(f"SELECT {cols} FROM urls WHERE url = ? AND outcome IN ('pending', 'retry')", (u,)).fetchone()
            if row is not None:
                out.append(UrlRow(*row))
        return out

    def set_outcomes(self, outcomes: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        """Record (URL, outcome, detail, fingerprint) of fetched URLs; call inside a transaction.

        Outcome "retry" counts an attempt and becomes "failed" after MAX_ATTEMPTS.
        """
        self.conn.executemany(
            f"UPDATE urls SET fetched_at = {_NOW}, attempts = attempts + 1, detail = ?, fingerprint = ?, "
            f"outcome = CASE WHEN ? = 'retry' AND attempts + 1 >= {MAX_ATTEMPTS} THEN 'failed' ELSE ? END WHERE url = ?",
            [(detail, fp, outcome, outcome, url) for url, outcome, detail, fp in outcomes],
        )

    # -- listing -------------------------------------------------------------------------------

    def sources(self) -> list[SourceRow]:
        """Every listing with its counts: items seen, articles stored, failed items, its own errors.

        A database from before the watch tables (opened read-only, so not upgraded) has none.
        """
        if self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feeds'").fetchone() is None:
            return []
        rows = self.conn.execute(
            "SELECT f.url, f.kind, f.title, count(u.url), "
            "coalesce(sum(u.outcome = 'stored'), 0), coalesce(sum(u.outcome IN ('failed', 'retry', 'refused')), 0), "
            "f.errors, f.last_ok_at, f.last_status, f.last_error "
            "FROM feeds f LEFT JOIN urls u ON u.feed_id = f.id GROUP BY f.id ORDER BY f.id"
        )
        return [SourceRow(*r) for r in rows]
