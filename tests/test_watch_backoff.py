"""A host that does not answer is held back for the next 1, 2, 4 ... passes of one watch (capped),
said once per failing pass, and asked every pass again once it answers; a server that answers with
an error status is not held back. Passes are driven directly (no sleeps, no timings): own made-up
empty feeds on a local server (pytest-httpserver) reached as made-up host names, a closed port for
a host that refuses."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from conftest import rss
from newsbrief.config import Settings
from newsbrief.corpus.store import Store
from newsbrief.fetch.client import FetchFailed, Fetcher, FetchSettings
from newsbrief.fetch.hostbackoff import HostBackoff
from newsbrief.fetch.loopback import LoopbackTransport
from newsbrief.fetch.urls import AddressPolicy
from newsbrief.fetch.watch import PassReport, Watcher

HOSTS = ["good.test", "dead.test", "busy.test", "flaky.test"]


def test_the_passes_a_host_that_never_answers_is_asked_in() -> None:
    backoff = HostBackoff(max_held=8)
    asked = []
    for _ in range(40):
        n = backoff.start_pass()
        if backoff.held("x.test") is None:
            asked.append(n)
            backoff.no_answer("x.test")
            assert backoff.no_answer("x.test") is None, "a second failure in the same pass counts once"
    # Held back for 1, 2, 4, 8, 8 ... passes.
    assert asked == [1, 3, 6, 11, 20, 29, 38]
    assert backoff.held("other.test") is None


def test_an_answer_resets_the_hold() -> None:
    backoff = HostBackoff()
    backoff.start_pass()
    assert backoff.no_answer("x.test") == (1, 3)
    backoff.start_pass()
    backoff.start_pass()
    assert backoff.no_answer("x.test") == (2, 6)
    backoff.answered("x.test")
    assert backoff.held("x.test") is None
    assert backoff.no_answer("x.test") == (1, 5), "counted from 1 again after an answer"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    srv.expect_request("/robots.txt").respond_with_data("", status=404)
    srv.expect_request("/feed.xml").respond_with_data(rss("A feed", []), content_type="application/rss+xml")
    srv.expect_request("/busy.xml").respond_with_data("busy", status=503)
    yield srv
    srv.clear()
    srv.stop()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed when the block ends: nothing listens there


def _watcher(store: Store, settings: Settings, transport: LoopbackTransport, said: list[str]) -> Watcher:
    fetcher = Fetcher(
        FetchSettings(host_delay_s=0.0, retries=0, timeout_s=30.0),
        policy=AddressPolicy(lambda h: ["127.0.0.1"] if h in HOSTS else []),
        transport=transport,
    )
    return Watcher(store, settings, fetcher, notify=said.append)


def _passes(watcher: Watcher, urls: list[str], n: int) -> list[PassReport]:
    return [watcher.run_pass(urls) for _ in range(n)]


def test_a_refusing_host_is_held_back_and_said_once_per_failing_pass(server: HTTPServer, tmp_path: Path, settings: Settings) -> None:
    good = f"http://good.test:{server.port}/feed.xml"
    dead = f"http://dead.test:{_closed_port()}/feed.xml"
    said: list[str] = []
    with Store(tmp_path / "w.db") as store:
        watcher = _watcher(store, settings, LoopbackTransport(HOSTS), said)
        reports = _passes(watcher, [good, dead], 7)
        watcher.fetcher.close()
    failed = [any(u == dead for u, _ in r.failures) for r in reports]
    assert failed == [True, False, True, False, False, True, False]
    assert [r.held_back for r in reports] == [0, 1, 0, 1, 1, 0, 1]
    assert all(r.listings_read + r.listings_unchanged == 1 for r in reports), "the good feed is read every pass"
    notes = [m for m in said if "did not answer" in m and not m.startswith("failed")]
    assert len(notes) == 3 and all(dead in m for m in notes)
    assert "next 1 pass, again in pass 3" in notes[0]
    assert "next 2 passes, again in pass 6" in notes[1]
    assert "next 4 passes, again in pass 11" in notes[2]
    assert "1 held back (host not answering)" in reports[1].summary()
    assert "held back" not in reports[0].summary()


def test_a_server_error_is_not_a_dead_host(server: HTTPServer, tmp_path: Path, settings: Settings) -> None:
    busy = f"http://busy.test:{server.port}/busy.xml"
    said: list[str] = []
    with Store(tmp_path / "w.db") as store:
        watcher = _watcher(store, settings, LoopbackTransport(HOSTS), said)
        reports = _passes(watcher, [busy], 3)
        watcher.fetcher.close()
    assert all(any("HTTP 503" in why for _, why in r.failures) for r in reports), "asked every pass"
    assert [r.held_back for r in reports] == [0, 0, 0]


def test_a_host_that_answers_again_is_asked_every_pass(server: HTTPServer, tmp_path: Path, settings: Settings) -> None:
    flaky = f"http://flaky.test:{server.port}/feed.xml"
    transport = LoopbackTransport(HOSTS)
    said: list[str] = []
    with Store(tmp_path / "w.db") as store:
        watcher = _watcher(store, settings, transport, said)
        transport.hosts.discard("flaky.test")  # the connection fails: no answer
        down = _passes(watcher, [flaky], 3)
        transport.hosts.add("flaky.test")
        up = _passes(watcher, [flaky], 3)
        transport.hosts.discard("flaky.test")
        down_again = _passes(watcher, [flaky], 1)
        watcher.fetcher.close()
    assert [r.held_back for r in down] == [0, 1, 0]
    # Passes 4 and 5 are held back (pass 3 failed: the next 2 passes), pass 6 asks and reads it.
    assert [r.held_back for r in up] == [1, 1, 0] and up[2].failures == [] and up[2].listings_read == 1
    assert down_again[0].held_back == 0 and down_again[0].failures
    assert "next 1 pass, again in pass 9" in said[-1], "counted from 1 again after the answer"


def test_a_time_out_is_no_answer_and_an_error_status_is_an_answer() -> None:
    class Answers(httpx.BaseTransport):
        def __init__(self, error: Exception | None, status: int = 200):
            self.error, self.status = error, status

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if self.error is not None:
                raise self.error
            return httpx.Response(self.status, text="no", request=request)

    found = {}
    for name, answers in (("timeout", Answers(httpx.ReadTimeout("none"))), ("503", Answers(None, 503)), ("404", Answers(None, 404))):
        fetcher = Fetcher(FetchSettings(retries=0, host_delay_s=0.0), policy=AddressPolicy(lambda h: ["127.0.0.1"]), transport=answers)
        with fetcher, pytest.raises(FetchFailed) as failed:
            fetcher.get("http://x.test/feed.xml", "listing", trusted_hosts={"x.test"})
        found[name] = failed.value.no_answer
    assert found == {"timeout": True, "503": False, "404": False}
