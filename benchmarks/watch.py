"""Speed of ``newsbrief watch`` against a local server of 50 feeds and 5,000 generated pages.

A server process (the standard library's ThreadingHTTPServer on 127.0.0.1, port 0) serves 50 made-up
sites ``site00.test`` ... ``site49.test`` (all mapped to 127.0.0.1 by the loopback fetcher): each
has a robots.txt, an RSS feed of ``--items`` items (ETag, 304 when unchanged) and the article pages,
generated on request from fictional word lists (about 350 words each, seeded by the page number).

Measured, in one process, each beside a baseline measured in the same run:

1. **Fetch + extract, all 5,000 pages.** The 50 feeds are read and every page fetched through the
   watch's client (robots.txt, canonical URLs, address policy, streamed caps; host delay 0 here:
   the default 1 s per host caps a pass at one page per second per host, 50 pages/s for 50 hosts)
   and extracted to Articles by the watch's page path (trafilatura + the readers' cleaning).
   Baseline: plain ``httpx.Client.get`` of the same URLs, no extraction, run in alternating
   chunks of 100 pages with the watch client so that both see the same machine load; each chunk's
   extraction is timed after its fetches.
2. **Fetch + extract + ingest on a subset.** Annotation with spaCy and the embedder is what limits
   ingest (about 5 articles/s on two cores, docs/database.md), so the full watch pass -- fetch,
   extract, annotate, file into stories, store -- runs on ``--ingest-feeds`` feeds' first
   ``--ingest-items`` items (default 50 x 4 = 200 pages) and is reported separately, after the
   models are loaded and warmed. Baseline: ``newsbrief ingest`` of as many other pages of the same
   sites saved as .html files, with the same engine (other pages, because the embedder caches
   sentence vectors by text).
3. **A pass over 50 unchanged feeds**, right after pass 2: every feed answers 304 and no page is
   fetched. Baseline: the same 50 feeds fetched without validators (200 answers, parsed).

Peak resident memory (``ru_maxrss``) is printed after each stage. Absolute times depend on the
other work on the machine (shared by several processes); the baselines are measured alongside.

4. **Story pairs when articles join a big stored story** (``--stages 4``, benchmarks/watch_growth.py):
   the pairs step of a pass that files 1 or 10 new articles into a stored story of about 300 and
   about 1,100 Timeline17 articles, per source tree (``--src before=DIR --src after=DIR``), in the
   same run.

Run: ``.venv/bin/python benchmarks/watch.py`` (about 2-4 minutes on two cores).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import httpx  # noqa: E402

from newsbrief.config import Settings, load_settings  # noqa: E402
from newsbrief.corpus.store import Store  # noqa: E402
from newsbrief.fetch.client import FetchFailed, FetchSettings  # noqa: E402
from newsbrief.fetch.feeds import parse_listing  # noqa: E402
from newsbrief.fetch.loopback import LoopbackTransport, loopback_fetcher  # noqa: E402
from newsbrief.fetch.pages import Listed, article_from_page  # noqa: E402
from newsbrief.fetch.urls import canonical_url  # noqa: E402
from newsbrief.fetch.watch import Watcher  # noqa: E402
from newsbrief.models import Article  # noqa: E402

PLACES = ["Harrowgate", "Wellmere", "Lanner", "Oskby", "Tremmel", "Vardon", "Quillport", "Eastmarch", "Holloway", "Brennick"]
PEOPLE = ["Mara Quillby", "Tobin Arrant", "Ilse Varnholt", "Oren Delacourt", "Petra Holm", "Jonas Verrick", "Alma Stroud", "Ned Falloway"]
SUBJECTS = ["the town council", "the growers' association", "the provincial government", "the harbour authority", "the school board", "the water company", "the rail operator", "the hospital trust"]
VERBS = ["approved", "rejected", "delayed", "announced", "debated", "funded", "cancelled", "reviewed"]
THINGS = ["a new bridge", "the ferry service", "frost aid for orchards", "a library repair plan", "a flood barrier", "the summer timetable", "a housing scheme", "a new clinic"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "this morning"]


SYLLABLES = ["bar", "ven", "tol", "mir", "ask", "dun", "fel", "gor", "hal", "isk", "jor", "kel", "lum", "nor", "pel", "quin", "ros", "sal", "tev", "ulm"]


def topic_words(topic: int) -> list[str]:
    """Made-up names and nouns of one story, so that the 40 stories differ in their keywords."""
    rng = random.Random(10_000 + topic)
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(12)]


def page_text(site: int, item: int) -> tuple[str, list[str]]:
    """A fictional article: title and paragraphs, the same for the same (site, item)."""
    rng = random.Random(site * 100_000 + item)
    topic = (site * 7 + item) % 40  # 40 stories spread over the sites
    place, subject, thing = PLACES[topic % len(PLACES)], SUBJECTS[topic % len(SUBJECTS)], THINGS[topic % len(THINGS)]
    words = topic_words(topic)
    name = words[0].capitalize() + " " + words[1].capitalize()
    title = f"{place}: {subject} {VERBS[topic % len(VERBS)]} the {words[2]} plan for {thing}"
    paragraphs = []
    for _ in range(rng.randint(6, 9)):
        sentences = []
        for _ in range(rng.randint(2, 3)):
            w = rng.sample(words[2:], 3)
            sentences.append(
                f"{name} of {rng.choice(PEOPLE).split()[1]} said {rng.choice(WHEN)} that {subject} in {place} had "
                f"{rng.choice(VERBS)} the {w[0]} {w[1]} plan for {thing} after {rng.randint(2, 40)} residents of "
                f"{w[2].capitalize()} asked about its cost of {rng.randint(1, 90)} million crowns."
            )
        paragraphs.append(" ".join(sentences))
    return title, paragraphs


def page_html(site: int, item: int) -> bytes:
    title, paragraphs = page_text(site, item)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="Outlet {site:02d}">'
        f'<meta property="article:published_time" content="2031-03-{1 + item % 28:02d}T08:00:00Z"></head>'
        f'<body><nav><a href="/">Home</a> <a href="/local">Local</a></nav><article><h1>{title}</h1>{body}</article>'
        "<footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()


def feed_xml(site: int, items: int, port: int) -> bytes:
    entries = "".join(
        f"<item><title>{page_text(site, j)[0]}</title><link>http://site{site:02d}.test:{port}/p/{j}</link>"
        f"<pubDate>Tue, 04 Mar 2031 08:00:00 GMT</pubDate></item>"
        for j in range(items)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet {site:02d} feed</title>{entries}</channel></rss>').encode()


class Handler(BaseHTTPRequestHandler):
    items = 100

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        host = self.headers.get("Host", "")
        site = int(host[4:6]) if host.startswith("site") else 0
        port = self.server.server_address[1]
        path = self.path.split("?")[0]
        if path == "/robots.txt":
            self.reply(b"User-agent: *\nAllow: /\n", "text/plain")
        elif path.startswith("/feed"):
            n = self.items if path == "/feed.xml" else int(path.split("-")[1].split(".")[0])
            body = feed_xml(site, n, port)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.reply(body, "application/rss+xml", etag)
        elif path.startswith("/p/"):
            self.reply(page_html(site, int(path[3:])), "text/html; charset=utf-8")
        else:
            self.send_error(404)

    def reply(self, body: bytes, ctype: str, etag: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def serve(items: int, conn: object) -> None:
    Handler.items = items
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    conn.send(server.server_address[1])  # type: ignore[attr-defined]
    server.serve_forever()


CHUNK = 100


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_fetch_extract(args: argparse.Namespace, port: int, hosts: list[str], settings: Settings, fast: FetchSettings) -> None:
    """Stage 1 (see the module docstring)."""
    # 1. fetch + extract every page, beside plain httpx GETs.
    with loopback_fetcher(fast, private_hosts=hosts) as fetcher:
        t0 = time.perf_counter()
        listed: list[tuple[str, str, Listed]] = []
        for h in hosts:
            resp = fetcher.get(f"http://{h}:{port}/feed.xml", "listing", trusted_hosts={h})
            listing = parse_listing(resp.body, resp.final_url, resp.content_type)
            listed += [(canonical_url(i.url), h, Listed(i.title, i.published, listing.title)) for i in listing.items]
        t_feeds = time.perf_counter() - t0
        t_fetch = t_extract = t_plain = 0.0
        ok = failed = body_bytes = 0
        # Chunk by chunk: plain GETs, then the watch client's GETs of the same pages, then their
        # extraction -- so both fetchers see the same machine load, and neither fetch follows a
        # CPU-heavy extraction (on a loaded machine that delays the next read by a time slice).
        with httpx.Client(transport=LoopbackTransport(hosts)) as plain:
            for start in range(0, len(listed), CHUNK):
                chunk = listed[start : start + CHUNK]
                t1 = time.perf_counter()
                for url, _, _ in chunk:
                    plain.get(url).raise_for_status()
                t_plain += time.perf_counter() - t1
                pages = []
                t1 = time.perf_counter()
                for url, h, meta in chunk:
                    try:
                        pages.append((url, meta, fetcher.get(url, "page", trusted_hosts={h})))
                    except FetchFailed as exc:
                        failed += 1
                        print(f"  failed {url}: {exc.reason}")
                t_fetch += time.perf_counter() - t1
                t1 = time.perf_counter()
                for url, meta, page in pages:
                    art = article_from_page(page, url, meta, settings)
                    body_bytes += len(page.body)
                    ok += isinstance(art, Article)
                t_extract += time.perf_counter() - t1
    n = len(listed)
    print(f"\n1. fetch + extract, {n} pages ({body_bytes / n / 1024:.1f} KiB each), host delay 0:")
    print(f"   feeds read: {args.feeds} in {t_feeds:.2f}s")
    print(f"   fetch (watch client):   {n / t_fetch:7.1f} pages/s  ({t_fetch:.1f}s)")
    print(f"   baseline, plain httpx GET of the same pages (alternating chunks of {CHUNK}): {n / t_plain:7.1f} pages/s ({t_plain:.1f}s)")
    print(f"   extract (trafilatura):  {n / t_extract:7.1f} pages/s  ({t_extract:.1f}s)")
    print(f"   fetch + extract:        {n / (t_fetch + t_extract):7.1f} pages/s; {ok} articles, {failed} failed")
    print(f"   peak RSS {peak_mb():.0f} MB")


def stage_ingest(args: argparse.Namespace, port: int, hosts: list[str], settings: Settings, fast: FetchSettings) -> None:
    """Stages 2 and 3 (see the module docstring)."""
    # 2. the real watch pass with ingest, on a subset, beside `ingest` of the same pages as files.
    from newsbrief.corpus.ingest import ingest_paths
    from newsbrief.engines.local import LocalEngine

    engine = LocalEngine(settings)
    t0 = time.perf_counter()
    # Load and warm the models (spaCy, the embedder) by ingesting 16 other pages before timing
    # either side: the first ingest costs several seconds more than later ones.
    with tempfile.TemporaryDirectory() as tmp:
        for j in range(16):
            (Path(tmp) / f"warm{j}.html").write_bytes(page_html(99, j))
        ingest_paths([tmp], Path(tmp) / "warm.db", settings, engine=engine)
    print(f"\n2. models loaded and warmed in {time.perf_counter() - t0:.1f}s (not counted below)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "watch.db"
        small = [f"http://{h}:{port}/feed-{args.ingest_items}.xml" for h in hosts[: args.ingest_feeds]]
        files = Path(tmp) / "pages"
        files.mkdir()
        with httpx.Client(transport=LoopbackTransport(hosts)) as plain:
            for i, h in enumerate(hosts[: args.ingest_feeds]):
                # Other pages than the watch's (the next items of each site): the embedder
                # caches sentence vectors, so the same texts would be faster the second time.
                for j in range(args.ingest_items, 2 * args.ingest_items):
                    (files / f"site{i:02d}-{j:03d}.html").write_bytes(plain.get(f"http://{h}:{port}/p/{j}").content)
        t0 = time.perf_counter()
        base = ingest_paths([files], Path(tmp) / "files.db", settings, engine=engine)
        t_files = time.perf_counter() - t0
        with Store(Path(tmp) / "files.db") as store:
            file_stories = len(store.stories())
        with Store(db) as store, loopback_fetcher(fast, private_hosts=hosts) as fetcher:
            watcher = Watcher(store, settings, fetcher, engine=engine)
            t0 = time.perf_counter()
            report = watcher.run_pass(small)
            t_pass = time.perf_counter() - t0
            stories = len(store.stories())
            print(f"   watch pass: {report.pages_fetched} pages from {len(small)} feeds, {report.stored} stored in {stories} stories, "
                  f"{report.duplicates} duplicates, {len(report.failures)} failures")
            print(f"   watch (fetch + extract + annotate + file + store): {report.stored / t_pass:.2f} pages/s ({t_pass:.1f}s)")
            print(f"   baseline, `ingest` of as many other pages of the same sites saved as .html files: {base.articles_added / t_files:.2f} pages/s "
                  f"({t_files:.1f}s, {base.articles_added} stored in {file_stories} stories)")
            print(f"   peak RSS {peak_mb():.0f} MB")

            # 3. unchanged feeds: 304s, beside unconditional fetches of the same feeds.
            t0 = time.perf_counter()
            again = watcher.run_pass(small)
            t_304 = time.perf_counter() - t0
            t0 = time.perf_counter()
            for u in small:
                r = fetcher.get(u, "listing", trusted_hosts={u.split("/")[2].split(":")[0]})
                parse_listing(r.body, r.final_url, r.content_type)
            t_full = time.perf_counter() - t0
            watcher.close()
            print(f"\n3. pass over {len(small)} unchanged feeds: {t_304:.3f}s ({again.listings_unchanged} answered 304, {again.pages_fetched} pages fetched)")
            print(f"   baseline, the same feeds fetched and parsed without validators: {t_full:.3f}s")
            print(f"   peak RSS {peak_mb():.0f} MB")
    engine.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=100, help="items per feed (5,000 pages with 50 feeds)")
    ap.add_argument("--ingest-feeds", type=int, default=50)
    ap.add_argument("--ingest-items", type=int, default=4, help="items per feed ingested in stage 2")
    ap.add_argument("--stages", default="123", help="which stages to run (default 123; 4: story pairs, benchmarks/watch_growth.py)")
    ap.add_argument("--cache", action="append", default=[], help="stage 4: a briefjunk.py annotation cache (repeatable)")
    ap.add_argument("--src", action="append", default=[], help="stage 4: LABEL=DIR, a tree's src (repeatable; default this tree)")
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "newsbrief-watch-growth"), help="stage 4: where the databases go")
    ap.add_argument("--runs", type=int, default=3, help="stage 4: passes per tree and size")
    ap.add_argument("--results", default=str(ROOT / "benchmarks" / "results" / "watch_growth.md"), help="stage 4: Markdown results ('' to skip)")
    args = ap.parse_args()
    if "4" in args.stages:
        from watch_growth import stage_growth

        srcs = [tuple(s.split("=", 1)) for s in args.src] or [("this", str(ROOT / "src"))]
        stage_growth([Path(c) for c in args.cache], srcs, Path(args.work), args.runs, Path(args.results) if args.results else None)  # type: ignore[arg-type]
        if args.stages == "4":
            return

    parent, child = multiprocessing.Pipe()
    proc = multiprocessing.Process(target=serve, args=(args.items, child), daemon=True)
    proc.start()
    port = parent.recv()
    hosts = [f"site{i:02d}.test" for i in range(args.feeds)]
    settings = load_settings()
    fast = FetchSettings(host_delay_s=0.0, backoff_s=0.1)
    print(f"server pid {proc.pid} on 127.0.0.1:{port}; {args.feeds} feeds x {args.items} pages; start peak RSS {peak_mb():.0f} MB")
    try:
        if "1" in args.stages:
            stage_fetch_extract(args, port, hosts, settings, fast)
        if "2" in args.stages or "3" in args.stages:
            stage_ingest(args, port, hosts, settings, fast)
    finally:
        proc.terminate()
        proc.join()


if __name__ == "__main__":
    main()
