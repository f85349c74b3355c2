"""A watch pass reads its named feeds side by side, stores them in the feed list's order, and does
not retry a dead host within a pass. Own made-up feeds on a local threaded server (pytest-httpserver)
reached as made-up host names through the loopback fetcher; a closed port for a dead host. No
timings are asserted: concurrency is shown by one feed's answer waiting for another's request."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import rss
from newsbrief.config import Settings
from newsbrief.corpus.store import Store
from newsbrief.fetch.client import FetchFailed, Fetcher, FetchSettings
from newsbrief.fetch.loopback import loopback_fetcher
from newsbrief.fetch.urls import AddressPolicy
from newsbrief.fetch.watch import Watcher

HOSTS = ["slow.test", "quick.test", "third.test"]


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def _feeds(server: HTTPServer) -> dict[str, threading.Event]:
    """Each host serves an empty feed named after it; slow.test's answer waits (up to 20 s) until
    quick.test's feed has been asked for. The events say what was asked for and in what state."""
    quick_asked, slow_waited = threading.Event(), threading.Event()

    def handler(request: Request) -> Response:
        host = request.host.split(":")[0]
        if host == "slow.test" and quick_asked.wait(20.0):
            slow_waited.set()  # quick.test was asked for while slow.test's answer was pending
        if host == "quick.test":
            quick_asked.set()
        return Response(rss(f"Feed of {host}", []), content_type="application/rss+xml")

    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    server.expect_request("/feed.xml").respond_with_handler(handler)
    return {"quick_asked": quick_asked, "slow_waited": slow_waited}


def _watcher(store: Store, settings: Settings) -> Watcher:
    fetcher = loopback_fetcher(FetchSettings(host_delay_s=0.0, backoff_s=0.01, timeout_s=30.0), private_hosts=HOSTS)
    return Watcher(store, settings, fetcher)


@pytest.mark.parametrize("order", [HOSTS, HOSTS[::-1]])
def test_named_feeds_are_read_side_by_side_and_stored_in_the_list_s_order(
    server: HTTPServer, tmp_path: Path, settings: Settings, order: list[str]
) -> None:
    events = _feeds(server)
    urls = [f"http://{h}:{server.port}/feed.xml" for h in order]
    with Store(tmp_path / "w.db") as store:
        watcher = _watcher(store, settings)
        report = watcher.run_pass(urls)
        watcher.fetcher.close()
        rows = store.conn.execute("SELECT url, title FROM feeds ORDER BY id").fetchall()
    assert events["slow_waited"].is_set(), "quick.test was read while slow.test's answer was pending"
    assert report.failures == [] and report.listings_read == 3
    # Stored in the order the feeds were named, whichever answered first.
    assert [u for u, _ in rows] == urls
    assert [t for _, t in rows] == [f"Feed of {h}" for h in order]


def test_one_named_feed_is_read_as_before(server: HTTPServer, tmp_path: Path, settings: Settings) -> None:
    server.expect_request("/robots.txt").respond_with_data("", content_type="text/plain")
    server.expect_request("/feed.xml").respond_with_data(rss("Only feed", []), content_type="application/rss+xml")
    with Store(tmp_path / "w.db") as store:
        report = _watcher(store, settings).run_pass([f"http://quick.test:{server.port}/feed.xml"])
    assert report.failures == [] and report.listings_read == 1


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed when the block ends: nothing listens there


def test_a_dead_host_is_tried_once_not_three_times() -> None:
    sleeps: list[float] = []
    fetcher = Fetcher(FetchSettings(retries=2, backoff_s=5.0), policy=AddressPolicy(lambda h: ["127.0.0.1"]), sleep=sleeps.append)
    url = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    with fetcher, pytest.raises(FetchFailed) as failed:
        fetcher.get(url, "listing", trusted_hosts={"127.0.0.1"})
    assert "the host did not answer" in failed.value.reason and "(1 try)" in failed.value.reason
    assert failed.value.transient, "a later pass tries again"
    assert sleeps == [] and fetcher.requests == 1, "no backoff, no second try"


def test_a_name_that_does_not_resolve_is_not_retried() -> None:
    class NoSuchName(httpx.BaseTransport):
        calls = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            NoSuchName.calls += 1
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    sleeps: list[float] = []
    fetcher = Fetcher(FetchSettings(retries=2), policy=AddressPolicy(lambda h: ["127.0.0.1"]), transport=NoSuchName(), sleep=sleeps.append)
    with fetcher, pytest.raises(FetchFailed) as failed:
        fetcher.get("http://gone.test/feed.xml", "listing", trusted_hosts={"gone.test"})
    assert "Name or service not known" in failed.value.reason
    assert NoSuchName.calls == 1 and sleeps == []


def test_a_time_out_is_retried_once_and_a_server_error_as_set() -> None:
    class Answers(httpx.BaseTransport):
        def __init__(self, error: Exception | None, status: int = 200):
            self.error, self.status, self.calls = error, status, 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            self.calls += 1
            if self.error is not None:
                raise self.error
            return httpx.Response(self.status, text="busy", request=request)

    for answers, tries in ((Answers(httpx.ReadTimeout("no answer")), 2), (Answers(None, 503), 3)):
        sleeps: list[float] = []
        fetcher = Fetcher(FetchSettings(retries=2, host_delay_s=0.0), policy=AddressPolicy(lambda h: ["127.0.0.1"]), transport=answers, sleep=sleeps.append)
        with fetcher, pytest.raises(FetchFailed) as failed:
            fetcher.get("http://busy.test/robots.txt", "listing", trusted_hosts={"busy.test"})
        assert answers.calls == tries and f"({tries} tries)" in failed.value.reason, failed.value.reason
        assert len(sleeps) == tries - 1
