"""The polite HTTP client against a local server (127.0.0.1 only, under made-up host names)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsbrief.fetch.client import FetchFailed, FetchSettings, parse_retry_after
from newsbrief.fetch.loopback import loopback_fetcher
from newsbrief.fetch.urls import AddressPolicy, canonical_url, registered_domain
from conftest import article_page

FAST = FetchSettings(host_delay_s=0.0, backoff_s=0.05, timeout_s=0.5, retries=2, max_retry_after_s=5.0, max_page_bytes=1_000_000)


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    s.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield s
    s.clear()
    s.stop()


def base(server: HTTPServer, host: str = "news.test") -> str:
    return f"http://{host}:{server.port}"


def paths(server: HTTPServer) -> list[str]:
    return [req.path for req, _ in server.log]


def test_a_page_forbidden_by_robots_txt_is_not_requested(server: HTTPServer) -> None:
    server.expect_request("/private/memo").respond_with_data(article_page("bridge-vote"), content_type="text/html")
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/private/memo", "page", trusted_hosts={"news.test"})
    assert "robots.txt of news.test forbids" in err.value.reason
    assert not err.value.transient
    assert "/private/memo" not in paths(server)


def test_user_agent_names_newsbrief(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data(article_page("bridge-vote"), content_type="text/html")
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        resp = f.get(base(server) + "/a", "page", trusted_hosts={"news.test"})
    assert resp.status == 200 and b"Lanner river" in resp.body
    agents = {req.headers.get("User-Agent", "") for req, _ in server.log}
    assert agents and all(a.startswith("newsbrief/") for a in agents)


def test_an_unchanged_feed_costs_one_304(server: HTTPServer) -> None:
    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response("<rss version='2.0'><channel><title>T</title></channel></rss>", headers={"ETag": '"v1"'}, content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(feed)
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        first = f.get(base(server) + "/feed.xml", "listing", trusted_hosts={"news.test"})
        again = f.get(base(server) + "/feed.xml", "listing", trusted_hosts={"news.test"}, etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert again.status == 304 and again.body == b""
    statuses = [resp.status_code for req, resp in server.log if req.path == "/feed.xml"]
    assert statuses == [200, 304]


def test_a_500_that_recovers_is_retried(server: HTTPServer) -> None:
    calls = []

    def flaky(request: Request) -> Response:
        calls.append(1)
        if len(calls) < 3:
            return Response("busy", status=500)
        return Response(article_page("orchard-frost"), content_type="text/html")

    server.expect_request("/flaky").respond_with_handler(flaky)
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        resp = f.get(base(server) + "/flaky", "page", trusted_hosts={"news.test"})
    assert resp.status == 200 and len(calls) == 3


def test_a_500_that_persists_is_reported_as_transient(server: HTTPServer) -> None:
    server.expect_request("/down").respond_with_data("down", status=503)
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/down", "page", trusted_hosts={"news.test"})
    assert err.value.reason == "HTTP 503 (3 tries)" and err.value.transient
    assert paths(server).count("/down") == 3


def test_a_429_waits_as_long_as_retry_after_says(server: HTTPServer) -> None:
    calls = []

    def limited(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(article_page("orchard-aid"), content_type="text/html")

    server.expect_request("/limited").respond_with_handler(limited)
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        resp = f.get(base(server) + "/limited", "page", trusted_hosts={"news.test"})
    assert resp.status == 200 and len(calls) == 2
    assert calls[1] - calls[0] >= 0.95  # the backoff alone would be 0.05 s


def test_a_retry_after_beyond_the_limit_is_left_for_a_later_pass(server: HTTPServer) -> None:
    server.expect_request("/later").respond_with_data("later", status=429, headers={"Retry-After": "3600"})
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        t0 = time.monotonic()
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/later", "page", trusted_hosts={"news.test"})
    assert time.monotonic() - t0 < 1.0
    assert "Retry-After" in err.value.reason and "3600" in err.value.reason and err.value.transient
    assert paths(server).count("/later") == 1


def test_retry_after_as_an_http_date() -> None:
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == pytest.approx(30.0)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("soon") is None


def test_a_slow_page_hits_the_time_out(server: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(article_page("bridge-vote"), content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    settings = FetchSettings(host_delay_s=0.0, backoff_s=0.05, timeout_s=0.3, retries=1)
    with loopback_fetcher(settings, private_hosts=["news.test"]) as f:
        t0 = time.monotonic()
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/slow", "page", trusted_hosts={"news.test"})
    assert err.value.reason.startswith("timed out") and err.value.transient
    assert time.monotonic() - t0 < 1.4  # two 0.3 s time-outs, not the 1.5 s answer


def test_a_50_mb_page_is_cut_off_without_reading_it(server: HTTPServer) -> None:
    sent = []
    head = article_page("library-reopens").replace("</body></html>", "")
    chunk = ("<!-- padding -->\n" * 4096).encode()  # 69,632 bytes

    def endless(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield head.encode()
            sent.append(len(head))
            while sum(sent) < 50_000_000:
                yield chunk
                sent.append(len(chunk))

        return Response(body(), content_type="text/html", headers={"Content-Length": "50000000"})

    server.expect_request("/huge").respond_with_handler(endless)
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        resp = f.get(base(server) + "/huge", "page", trusted_hosts={"news.test"})
    assert len(resp.body) == FAST.max_page_bytes
    assert resp.cut == "cut off at 1,000,000 of 50,000,000 bytes (size limit)"
    time.sleep(0.3)  # let the server notice the closed connection
    assert sum(sent) < 12_000_000  # the server stopped early: the rest was never produced


def test_a_non_html_page_is_refused_before_its_body(server: HTTPServer) -> None:
    server.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7" + b"0" * 1000, content_type="application/pdf")
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/report.pdf", "page", trusted_hosts={"news.test"})
    assert err.value.reason == "not an HTML page (Content-Type application/pdf); only web pages are read"


def test_a_redirect_loop_is_reported(server: HTTPServer) -> None:
    server.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": "/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", status=301, headers={"Location": "/loop-a"})
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/loop-a", "page", trusted_hosts={"news.test"})
    u = base(server)
    assert err.value.reason == f"redirect loop: {u}/loop-a -> {u}/loop-b -> {u}/loop-a"


def test_redirects_are_followed_to_a_limit(server: HTTPServer) -> None:
    for i in range(3):
        server.expect_request(f"/hop{i}").respond_with_data("", status=307, headers={"Location": f"/hop{i + 1}"})
    server.expect_request("/hop3").respond_with_data(article_page("bridge-vote"), content_type="text/html")
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        ok = f.get(base(server) + "/hop0", "page", trusted_hosts={"news.test"})
        assert ok.final_url == base(server) + "/hop3" and ok.url == base(server) + "/hop0"
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("", content_type="text/plain")
    for i in range(8):
        server.expect_request(f"/hop{i}").respond_with_data("", status=307, headers={"Location": f"/hop{i + 1}"})
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/hop0", "page", trusted_hosts={"news.test"})
    assert err.value.reason.startswith("more than 5 redirects")


def test_a_link_to_a_private_host_is_refused_unless_it_is_the_sources_host(server: HTTPServer) -> None:
    server.expect_request("/secret").respond_with_data(article_page("bridge-vote"), content_type="text/html")
    with loopback_fetcher(FAST, public_hosts=["public.test"], private_hosts=["intranet.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server, "intranet.test") + "/secret", "page", trusted_hosts={"public.test"})
        assert "intranet.test is not a public address" in err.value.reason
        assert "/secret" not in paths(server)
        # The same host named by the user, and a public host, are fetched.
        assert f.get(base(server, "intranet.test") + "/secret", "page", trusted_hosts={"intranet.test"}).status == 200
        assert f.get(base(server, "public.test") + "/secret", "page", trusted_hosts=set()).status == 200


def test_a_redirect_to_a_private_host_is_refused(server: HTTPServer) -> None:
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": f"http://intranet.test:{server.port}/secret"})
    with loopback_fetcher(FAST, public_hosts=["public.test"], private_hosts=["intranet.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server, "public.test") + "/go", "page")
    assert "intranet.test is not a public address" in err.value.reason
    assert "/secret" not in paths(server)


def test_requests_to_one_host_are_spaced_by_the_delay(server: HTTPServer) -> None:
    seen: list[tuple[str, str, float]] = []

    def record(request: Request) -> Response:
        seen.append((request.host.split(":")[0], request.path, time.monotonic()))
        if request.path == "/robots.txt":
            return Response("", content_type="text/plain")
        return Response(article_page("bridge-vote"), content_type="text/html")

    server.clear()
    server.expect_request("/robots.txt").respond_with_handler(record)
    server.expect_request("/p").respond_with_handler(record)
    with loopback_fetcher(FetchSettings(host_delay_s=0.4), private_hosts=["news.test", "other.test"]) as f:
        for host in ("news.test", "other.test", "news.test"):
            f.get(base(server, host) + "/p", "page", trusted_hosts={host})
    times = {h: [t for host, _, t in seen if host == h] for h in ("news.test", "other.test")}
    # news.test: robots.txt, /p, /p -- each at least the delay after the one before.
    assert len(times["news.test"]) == 3
    assert all(b - a >= 0.39 for a, b in zip(times["news.test"], times["news.test"][1:]))
    # other.test's robots.txt did not wait for news.test's delay.
    assert times["other.test"][0] - times["news.test"][1] < 0.3


def test_the_real_policy_refuses_loopback_and_private_addresses() -> None:
    policy = AddressPolicy(lambda host: {"lan.example": ["192.168.1.20"], "mixed.example": ["8.8.8.8", "10.0.0.1"]}.get(host, []))
    assert policy.refusal("http://127.0.0.1:8000/a", ()) is not None
    assert policy.refusal("http://[::1]/a", ()) is not None
    assert policy.refusal("http://lan.example/a", ()) is not None
    assert policy.refusal("http://mixed.example/a", ()) is not None  # one private address is enough
    assert policy.refusal("http://unknown.example/a", ()) is not None  # does not resolve
    assert policy.refusal("http://8.8.8.8/a", ()) is None
    assert policy.refusal("http://127.0.0.1:8000/a", {"127.0.0.1"}) is None


def test_canonical_urls_and_registered_domains() -> None:
    assert canonical_url("HTTP://News.Test:80/a/1?utm_source=rss&id=2#top") == "http://news.test/a/1?id=2"
    assert canonical_url("/a/2?utm_medium=x", "http://news.test:8123/feed.xml") == "http://news.test:8123/a/2"
    assert canonical_url("http://127.0.0.1:9000/a") == "http://127.0.0.1:9000/a"
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("http://www.news.test/a") == "news.test"


def test_a_host_that_does_not_answer_is_named_as_down_not_as_a_robots_problem() -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with loopback_fetcher(FAST, private_hosts=["down.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(f"http://down.test:{port}/feed.xml", "listing", trusted_hosts={"down.test"})
    assert err.value.reason.startswith("not fetched: the host did not answer (connection failed")
    assert err.value.reason.endswith("check the URL's host and port, or try again later") and "robots" not in err.value.reason


def test_a_robots_txt_that_fails_on_the_server_still_says_so(server: HTTPServer) -> None:
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("down", status=503)
    with loopback_fetcher(FAST, private_hosts=["news.test"]) as f:
        with pytest.raises(FetchFailed) as err:
            f.get(base(server) + "/a", "page", trusted_hosts={"news.test"})
    assert err.value.reason == "not fetched: its robots.txt could not be read (HTTP 503 (3 tries)), so the host is not crawled for now"
