"""A pass's listings read side by side: a small pool of threads, one host per thread at a time.

A watch pass reads every feed named by the user (on the command line, in a URL list or an OPML
file) before it stores anything; read one after another, one slow or dead feed held up all the
others (a pass took 102 s with one host that never answered). Here the listings are fetched by
at most :data:`LISTING_WORKERS` threads, the URLs of one host in order by one thread (so the
client's one-request-at-a-time and delay per host still hold), and the answers are handed back
keyed by URL: the caller records them in the feed list's order, whatever finished first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from newsbrief.fetch.client import FetchFailed, Fetcher, Response
from newsbrief.fetch.urls import host_of

# Threads reading listings at once (each its own hosts): small, a desk's feeds are tens of hosts.
LISTING_WORKERS = 4

Validators = tuple[str | None, str | None]  # (ETag, Last-Modified) of the stored feed


def fetch_listings(fetcher: Fetcher, urls: Sequence[str], validators: Mapping[str, Validators]) -> dict[str, Response | FetchFailed]:
    """Each URL's answer (or why it failed), fetched as a listing of the user's (its own host
    trusted), with ``validators`` for a conditional GET."""
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(host_of(url), []).append(url)

    def read(group: list[str]) -> list[tuple[str, Response | FetchFailed]]:
        out: list[tuple[str, Response | FetchFailed]] = []
        for url in group:
            etag, modified = validators.get(url, (None, None))
            try:
                out.append((url, fetcher.get(url, "listing", trusted_hosts=frozenset({host_of(url)}), etag=etag, last_modified=modified)))
            except FetchFailed as exc:
                out.append((url, exc))
        return out

    if not by_host:
        return {}
    with ThreadPoolExecutor(max_workers=min(LISTING_WORKERS, len(by_host)), thread_name_prefix="newsbrief-listing") as pool:
        return {url: answer for part in pool.map(read, by_host.values()) for url, answer in part}
