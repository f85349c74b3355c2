"""newsbrief watch / fetch / sources end to end: a local server of made-up sites, the real pipeline.

Pages are served by pytest-httpserver on 127.0.0.1 and reached as ``news.test`` and
``valley.test`` (private test hosts: named by the user, so allowed) through the loopback fetcher.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import ARTICLES, article_page, news_sitemap, page_html, rss, slow_page
from newsbrief.annotate.resources import Resources
from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.corpus.store import Store
from newsbrief.engines import Annotated
from newsbrief.engines.local import LocalEngine
from newsbrief.fetch.client import FetchSettings
from newsbrief.fetch.loopback import loopback_fetcher
from newsbrief.fetch.state import WatchState
from newsbrief.fetch.watch import Watcher
from newsbrief.models import Article
from newsbrief.read.readers import read_html_text

FAST = FetchSettings(host_delay_s=0.0, backoff_s=0.02, timeout_s=1.0, retries=1)
DATES = {slug: date for slug, _, date, _ in ARTICLES}
TITLES = {slug: title for slug, title, _, _ in ARTICLES}


class Site:
    """The made-up sites: a feed whose items the test changes, article pages and odd answers."""

    def __init__(self, server: HTTPServer):
        self.server = server
        self.feed_items: list[str] = []  # paths listed by /feed.xml
        self.site_names: dict[str, str] = {"orchard-frost": "Valley Post"}
        server.expect_request("/robots.txt").respond_with_handler(self.robots)
        server.expect_request("/feed.xml").respond_with_handler(self.feed)
        server.expect_request(re.compile(r"^/(a|amp|private)/[\w-]+$")).respond_with_handler(self.page)
        server.expect_request("/").respond_with_handler(self.home)
        server.expect_request("/news-sitemap.xml").respond_with_handler(self.sitemap)
        server.expect_request("/broken.xml").respond_with_data('<?xml version="1.0"?><rss><channel><title>Bro', content_type="application/rss+xml")
        server.expect_request("/gone.xml").respond_with_data("gone", status=404)
        server.expect_request("/flaky/1").respond_with_data("busy", status=503)

    def url(self, path: str, host: str = "news.test") -> str:
        return f"http://{host}:{self.server.port}{path}"

    def robots(self, request: Request) -> Response:
        lines = "User-agent: *\nDisallow: /private/\n"
        if request.host.startswith("valley.test"):
            lines += f"Sitemap: {self.url('/news-sitemap.xml', 'valley.test')}\n"
        return Response(lines, content_type="text/plain")

    def feed(self, request: Request) -> Response:
        items = [(p if "://" in p else self.url(p), TITLES.get(p.rsplit("/", 1)[-1].split("?")[0], "Item"), "Tue, 04 Mar 2025 08:00:00 GMT") for p in self.feed_items]
        body = rss("Harrowgate Herald", items)
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="application/rss+xml", headers={"ETag": etag})

    def page(self, request: Request) -> Response:
        slug = request.path.rsplit("/", 1)[-1]
        if slug not in TITLES:
            return Response("not found", status=404)
        return Response(article_page(slug, site_name=self.site_names.get(slug)), content_type="text/html; charset=utf-8")

    def home(self, request: Request) -> Response:
        if request.host.startswith("valley.test"):  # no feed link: robots.txt names a sitemap
            return Response(page_html("Valley Post", ["The front page of the valley's paper, with the latest news."]), content_type="text/html")
        return Response(page_html("Harrowgate Herald", ["The front page of the town's paper."], feed_link="/feed.xml"), content_type="text/html")

    def sitemap(self, request: Request) -> Response:
        items = [(self.url(f"/a/{s}", "valley.test"), "The Wellmere Courier", DATES[s], TITLES[s]) for s in ("orchard-aid", "orchard-visit")]
        return Response(news_sitemap(items), content_type="application/xml")

    def requests(self, path: str) -> int:
        return sum(1 for req, _ in self.server.log if req.full_path.rstrip("?") == path)

    def statuses(self, path: str) -> list[int]:
        return [resp.status_code for req, resp in self.server.log if req.path == path]


@pytest.fixture
def site() -> Iterator[Site]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield Site(server)
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def engine(resources: Resources, settings: Settings) -> LocalEngine:
    return LocalEngine(settings, resources)


def make_watcher(store: Store, settings: Settings, engine: object, batch_size: int = 16) -> Watcher:
    fetcher = loopback_fetcher(FAST, public_hosts=["public.test"], private_hosts=["news.test", "valley.test", "intranet.test"])
    return Watcher(store, settings, fetcher, engine=engine, batch_size=batch_size)  # type: ignore[arg-type]


def test_new_items_are_picked_up_on_the_second_pass_and_an_unchanged_feed_costs_a_304(
    site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine
) -> None:
    feed = site.url("/feed.xml")
    site.feed_items = [
        "/a/bridge-vote?utm_source=rss",
        "/a/orchard-frost",
        "/private/library-reopens",
        f"http://intranet.test:{site.server.port}/a/bridge-ferry",
    ]
    with Store(tmp_path / "w.db") as store:
        w = make_watcher(store, settings, engine)
        first = w.run_pass([feed])
        assert (first.listings_read, first.new_items, first.pages_fetched, first.stored) == (1, 3, 3, 2)
        reasons = dict(first.failures)
        assert reasons[site.url("/private/library-reopens")] == "robots.txt of news.test forbids fetching this URL"
        refused = f"http://intranet.test:{site.server.port}/a/bridge-ferry"
        assert reasons[refused].startswith("not fetched: intranet.test is not a public address")
        assert site.requests("/private/library-reopens") == 0

        # Second pass: one new article, the first one again without the tracking parameter, and an
        # AMP copy of it (another URL, the same text).
        site.feed_items += ["/a/bridge-ferry", "/a/bridge-vote", "/amp/bridge-vote"]
        second = w.run_pass([feed])
        assert (second.new_items, second.pages_fetched, second.stored, second.duplicates) == (2, 2, 1, 1)
        assert site.requests("/a/bridge-vote") == 1  # two links, one fetch
        assert site.requests("/a/bridge-ferry") == 1

        third = w.run_pass([feed])
        assert (third.listings_unchanged, third.pages_fetched, third.stored) == (1, 0, 0)
        assert site.statuses("/feed.xml") == [200, 200, 304]

        stored = {a.path: a for a in store.articles()}
        assert sorted(stored) == [site.url("/a/bridge-ferry"), site.url("/a/bridge-vote"), site.url("/a/orchard-frost")]
        assert stored[site.url("/a/orchard-frost")].outlet == "Valley Post"  # the page's site name
        assert stored[site.url("/a/bridge-vote")].outlet == "Harrowgate Herald"  # the feed's title
        assert all(a.story_id is not None for a in stored.values())
        assert stored[site.url("/a/bridge-vote")].published == DATES["bridge-vote"]
        # Same text as the same page read from a file.
        for path, a in stored.items():
            slug = path.rsplit("/", 1)[-1]
            from_file = read_html_text(article_page(slug, site_name=site.site_names.get(slug)), "x", "x.html", settings)
            assert isinstance(from_file, Article)
            assert store.load_annotated(a.seq).article.body == from_file.body

        state = WatchState(store)
        assert state.outcome(site.url("/amp/bridge-vote")) is not None
        assert state.outcome(site.url("/amp/bridge-vote"))[0] == "duplicate"  # type: ignore[index]
        (row,) = state.sources()
        assert (row.url, row.kind, row.title, row.items, row.stored, row.errors, row.last_status) == (
            feed, "feed", "Harrowgate Herald", 6, 3, 0, "304"
        )
        assert row.failed == 2  # the robots-forbidden page and the refused intranet link


def test_failures_are_reported_with_their_url_and_the_pass_goes_on(site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine) -> None:
    site.feed_items = ["/a/library-reopens", "/flaky/1", "/a/no-such-article"]
    sources = [site.url("/gone.xml"), site.url("/broken.xml"), site.url("/a/bridge-vote"), site.url("/feed.xml")]
    with Store(tmp_path / "w.db") as store:
        w = make_watcher(store, settings, engine)
        report = w.run_pass(sources)
        reasons = dict(report.failures)
        assert reasons[site.url("/gone.xml")] == "HTTP 404 NOT FOUND"
        assert reasons[site.url("/broken.xml")].startswith("not a feed: malformed XML (")
        assert reasons[site.url("/a/bridge-vote")].startswith("not a feed: an HTML page with no <link rel=\"alternate\"> feed")
        assert reasons[site.url("/flaky/1")] == "HTTP 503 (2 tries)"
        assert reasons[site.url("/a/no-such-article")] == "HTTP 404 NOT FOUND"
        assert report.stored == 1  # the good item of the good feed
        state = WatchState(store)
        assert state.outcome(site.url("/flaky/1")) == ("retry", "HTTP 503 (2 tries)")
        assert state.outcome(site.url("/a/no-such-article")) == ("failed", "HTTP 404 NOT FOUND")
        # A transient failure is tried again on later passes, then given up; the 404 is not.
        w.run_pass(sources)
        w.run_pass(sources)
        assert state.outcome(site.url("/flaky/1")) == ("failed", "HTTP 503 (2 tries)")
        assert site.requests("/flaky/1") == 6 and site.requests("/a/no-such-article") == 1
        w.run_pass(sources)
        assert site.requests("/flaky/1") == 6
        rows = {r.url: r for r in state.sources()}
        assert rows[site.url("/gone.xml")].errors == 4 and rows[site.url("/gone.xml")].last_error == "HTTP 404 NOT FOUND"
        assert rows[site.url("/gone.xml")].last_ok_at is None
        assert store.count_articles() == 1


def test_a_page_skipped_for_the_time_limit_is_fetched_again_and_stored_once_the_limit_is_raised(
    site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine
) -> None:
    # A skip for time comes from a setting, not from the page (as in ingest, test_timelimit.py):
    # the URL stays to be fetched, so the pass after the limit is raised stores it although the
    # feed answers 304 (nothing new listed). A page skipped for what it is stays done.
    site.server.expect_request("/slow/inventory").respond_with_data(slow_page(2_000), content_type="text/html")
    site.server.expect_request("/slow/blank").respond_with_data("  ", content_type="text/html")
    site.feed_items = ["/slow/inventory", "/slow/blank"]
    feed = site.url("/feed.xml")
    limited = dataclasses.replace(settings, max_extract_seconds=0.05)
    with Store(tmp_path / "w.db") as store:
        first = make_watcher(store, limited, engine).run_pass([feed])
        reasons = dict(first.failures)
        assert first.stored == 0
        assert reasons[site.url("/slow/inventory")].startswith("extraction took over 0.05 s, skipped (max_extract_seconds)")
        blank = reasons[site.url("/slow/blank")]
        state = WatchState(store)
        assert reasons[site.url("/slow/inventory")].endswith("; raise max_extract_seconds to read it")
        assert state.outcome(site.url("/slow/inventory")) == ("pending", reasons[site.url("/slow/inventory")])
        assert state.outcome(site.url("/slow/blank")) == ("skipped", blank)
        again = make_watcher(store, limited, engine).run_pass([feed])  # same limit: read again, skipped again
        assert (again.listings_unchanged, again.pages_fetched, again.stored) == (1, 1, 0)
        raised = make_watcher(store, dataclasses.replace(settings, max_extract_seconds=None), engine).run_pass([feed])
        assert (raised.listings_unchanged, raised.pages_fetched, raised.stored) == (1, 1, 1)
        assert site.statuses("/feed.xml") == [200, 304, 304]
        assert state.outcome(site.url("/slow/inventory")) == ("stored", None)
        assert [a.path for a in store.articles()] == [site.url("/slow/inventory")]
        after = make_watcher(store, limited, engine).run_pass([feed])
        assert after.pages_fetched == 0
    assert site.requests("/slow/inventory") == 3 and site.requests("/slow/blank") == 1


class InterruptingEngine:
    """Annotates like the local engine, then is 'killed' (KeyboardInterrupt) at batch ``at``."""

    name = "interrupting"

    def __init__(self, inner: LocalEngine, at: int):
        self.inner = inner
        self.at = at

    def annotate_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[Annotated]]:
        for i, results in enumerate(self.inner.annotate_batches(batches)):
            if i == self.at:
                raise KeyboardInterrupt
            yield results

    def close(self) -> None:
        pass


def test_a_killed_watch_resumes_without_refetching(site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine) -> None:
    slugs = ["bridge-vote", "bridge-ferry", "orchard-frost", "orchard-aid", "library-reopens"]
    site.feed_items = [f"/a/{s}" for s in slugs]
    feed = site.url("/feed.xml")
    with Store(tmp_path / "w.db") as store:
        killed = make_watcher(store, settings, InterruptingEngine(engine, at=1), batch_size=2)
        with pytest.raises(KeyboardInterrupt):
            killed.run_pass([feed])
        assert store.count_articles() == 2  # the first batch was committed
    with Store(tmp_path / "w.db") as store:
        report = make_watcher(store, settings, engine, batch_size=2).run_pass([feed])
        assert site.statuses("/feed.xml") == [200, 304]  # the feed is unchanged...
        assert report.stored == 3  # ...and the items not stored before are still fetched
        assert store.count_articles() == 5
    fetched = [site.requests(f"/a/{s}") for s in slugs]
    assert fetched[:2] == [1, 1]  # the committed batch is not fetched again
    assert fetched[2:4] == [2, 2]  # the batch being annotated when killed is
    assert fetched[4] == 1


def test_feeds_are_found_from_a_home_page_or_its_robots_txt_sitemap(site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine) -> None:
    site.feed_items = ["/a/library-reopens"]
    with Store(tmp_path / "w.db") as store:
        w = make_watcher(store, settings, engine)
        report = w.run_pass([site.url("/"), site.url("/", "valley.test")])
        assert report.failures == [] and report.stored == 3
        outlets = {a.path.rsplit("/", 1)[-1]: a.outlet for a in store.articles()}
        assert outlets == {"library-reopens": "Harrowgate Herald", "orchard-aid": "The Wellmere Courier", "orchard-visit": "The Wellmere Courier"}
        kinds = {(r.url, r.kind) for r in WatchState(store).sources()}
        assert kinds == {
            (site.url("/"), "page"),
            (site.url("/feed.xml"), "feed"),
            (site.url("/", "valley.test"), "page"),
            (site.url("/news-sitemap.xml", "valley.test"), "sitemap"),
        }


def test_fetch_pages_stores_each_once_with_the_registered_domain_as_outlet(site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url('/a/orchard-aid')}\n# a comment\n{site.url('/a/orchard-aid?utm_campaign=x')}\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        w = make_watcher(store, settings, engine)
        report = w.fetch_pages([str(urls), site.url("/a/bridge-vote")])
        assert (report.pages_fetched, report.stored) == (2, 2)
        assert {a.outlet for a in store.articles()} == {"news.test"}
        again = w.fetch_pages([site.url("/a/bridge-vote")])
        assert again.pages_fetched == 0 and site.requests("/a/bridge-vote") == 1


@pytest.mark.slow
def test_cli_watch_fetch_and_sources_on_localhost(site: Site, tmp_path: Path) -> None:
    """A feed on 127.0.0.1 named on the command line is read, and so are its own pages."""
    base = f"http://127.0.0.1:{site.server.port}"
    site.feed_items = ["/a/bridge-vote"]
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    # The feed lists news.test URLs (feed_items are made absolute with news.test): give a
    # localhost feed of localhost pages instead.
    site.server.expect_request("/local-feed.xml").respond_with_data(
        rss("Local Desk", [(f"{base}/a/bridge-vote", "Bridge", "Tue, 04 Mar 2025 08:00:00 GMT")]), content_type="application/rss+xml"
    )
    result = runner.invoke(cli, ["watch", f"{base}/local-feed.xml", "--once", "--db", db])
    assert result.exit_code == 0, result.output
    assert "pass 1: 1 listing read, 0 unchanged, 1 new item; 1 page fetched: 1 stored" in result.output
    result = runner.invoke(cli, ["fetch", f"{base}/a/orchard-frost", f"{base}/a/missing-page", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"failed {base}/a/missing-page: HTTP 404 NOT FOUND" in result.output
    result = runner.invoke(cli, ["sources", "--db", db])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["items", "stored", "failed", "errors", "last", "answered", "source"]
    assert lines[1].split()[:4] == ["1", "1", "0", "0"] and f"{base}/local-feed.xml (feed: Local Desk)" in lines[1]
    bad = runner.invoke(cli, ["watch", "not-a-file-or-url", "--once", "--db", db])
    assert bad.exit_code == 1
    assert "failed not-a-file-or-url: cannot read this file" in bad.output
    assert runner.invoke(cli, ["watch", f"{base}/local-feed.xml", "--every", "soon", "--db", db]).exit_code == 2


def test_without_once_the_watch_repeats_every_interval_until_stopped(site: Site, tmp_path: Path, settings: Settings) -> None:
    from newsbrief.fetch.watch import PassReport, parse_every, run_watch

    assert (parse_every("15m"), parse_every("90s"), parse_every("1h"), parse_every("600")) == (900, 90, 3600, 600)
    with pytest.raises(ValueError, match="give a duration such as 15m"):
        parse_every("soon")
    site.feed_items = []
    passes: list[tuple[int, PassReport]] = []
    sleeps: list[float] = []

    def sleep(s: float) -> None:
        sleeps.append(s)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "w.db") as store:
        w = make_watcher(store, settings, engine=None)
        with pytest.raises(KeyboardInterrupt):
            run_watch(w, [site.url("/feed.xml")], every_s=60.0, once=False, on_pass=lambda n, r: passes.append((n, r)), sleep=sleep)
    assert [n for n, _ in passes] == [1, 2]
    assert (passes[0][1].listings_read, passes[1][1].listings_unchanged) == (1, 1)
    assert all(55.0 < s <= 60.0 for s in sleeps)  # the interval counts from each pass's start


def test_sources_on_a_database_without_sources(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["sources", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "none.db" in missing.output and "Traceback" not in missing.output
    with Store(tmp_path / "empty.db"):
        pass
    empty = runner.invoke(cli, ["sources", "--db", str(tmp_path / "empty.db")])
    assert empty.exit_code == 0
    assert "no sources in" in empty.output and "newsbrief watch SOURCE..." in empty.output


def test_opml_and_url_file_sources_are_read_again_each_pass(site: Site, tmp_path: Path, settings: Settings, engine: LocalEngine) -> None:
    site.feed_items = ["/a/library-reopens"]
    opml = tmp_path / "desk.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body><outline text="Herald" xmlUrl="{site.url("/feed.xml")}"/></body></opml>', encoding="utf-8")
    links = tmp_path / "links.txt"
    links.write_text(site.url("/a/orchard-visit") + "\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        w = make_watcher(store, settings, engine)
        first = w.run_pass([str(opml), str(links)])
        assert (first.stored, first.failures) == (2, [])
        with links.open("a", encoding="utf-8") as fh:
            fh.write(site.url("/a/bridge-ferry") + "\n")
        second = w.run_pass([str(opml), str(links)])
        assert (second.pages_fetched, second.stored) == (1, 1)
        assert site.requests("/a/orchard-visit") == 1
        kinds = {r.url: (r.kind, r.items, r.stored) for r in WatchState(store).sources()}
        assert kinds == {opml.resolve().as_uri(): ("opml", 0, 0), site.url("/feed.xml"): ("feed", 1, 1), links.resolve().as_uri(): ("list", 2, 2)}
        missing = w.run_pass([str(tmp_path / "typo.txt")])
        assert missing.failures[0][0] == str(tmp_path / "typo.txt") and len(WatchState(store).sources()) == 3


def test_sources_says_a_listing_error_once(tmp_path: Path) -> None:
    from newsbrief.fetch.state import WatchState

    with Store(tmp_path / "s.db") as store:
        state = WatchState(store)
        state.record_failure(state.ensure_feed("http://home.test/", "feed"), "not a feed", "not a feed: an HTML page with no feed link")
        state.record_failure(state.ensure_feed("http://down.test/feed.xml", "feed"), "500", "HTTP 500 (3 tries)")
    out = CliRunner().invoke(cli, ["sources", "--db", str(tmp_path / "s.db")]).output
    assert "[not a feed: an HTML page with no feed link]" in out and "not a feed: not a feed" not in out
    assert "[500: HTTP 500 (3 tries)]" in out


def test_a_folder_or_an_article_file_given_to_watch_points_to_ingest(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    article = tmp_path / "in" / "a.txt"
    article.write_text("Quellen harbour reopens\n\nThe harbour of Quellen reopened on Friday, the port authority said.\n")
    db = str(tmp_path / "w.db")
    folder = CliRunner().invoke(cli, ["watch", str(tmp_path / "in"), "--once", "--db", db])
    assert folder.exit_code == 1 and "a folder, not a source: store the articles in it with `newsbrief ingest FOLDER" in folder.output
    text = CliRunner().invoke(cli, ["fetch", str(article), "--db", db])
    assert text.exit_code == 1 and "(an article's own text? store it with `newsbrief ingest FILE --db FILE`)" in text.output
