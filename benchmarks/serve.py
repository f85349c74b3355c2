"""`newsbrief serve` under a desk-sized database: 5,000 stories, 50,000 articles.

How the database is built (``--db``, reused when it exists): the 25 DUC 2004 development clusters
of ../shared/bench/duc2004 are ingested once for real (read, annotate, cluster) into a template
database; then each of ``--stories`` stories is one template cluster's articles written again
through the store API (``Store.add_article``, ``save_story``, ``refresh_story_summary``) with changed
names: every copy gets a title of its own (lead words plus a generated place name), its own id, path
and publication dates spread over four years. Annotating 50,000 articles would take hours here;
the copies carry the template's real annotations and embeddings, so briefs built from them are
real briefs. Their stories' keyword sums are left empty (no later ingest clusters into them).

Measured against a real ``newsbrief serve`` (uvicorn) with sequential requests: server time is the
app's own Server-Timing header (request in to response start), shown beside the client-side time
and beside a baseline in the same run (the static CSS, the cheapest route: the machine is shared,
absolute times are noisy):
- story list (first page, text filter, date filter, a deep page), p50/p95 over ``--repeat`` runs;
- search (several words), p50/p95;
- story page from the kept brief (the briefs of ``--kept`` stories are built first), p50/p95;
- then ``--clients`` threads requesting a mix of those pages for ``--seconds``: requests, errors,
  p50/p95 client-side latency.

Run: ``python benchmarks/serve.py [--db /tmp/serve-bench.db]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DUC = ROOT.parent / "shared" / "bench" / "duc2004" / "docs"
SYLLABLES = ["var", "nol", "ket", "bra", "sim", "lor", "ten", "dra", "mav", "ost", "qui", "rel", "hag", "pen", "zur", "ado"]


def place_name(k: int) -> str:
    """A made-up, pronounceable name for copy ``k`` (deterministic, distinct for k < 65536)."""
    parts = [SYLLABLES[(k >> s) & 15] for s in (0, 4, 8)] + ([SYLLABLES[(k >> 12) & 15]] if k >= 4096 else [])
    return ("".join(parts)).capitalize()


def build_template(folder: Path) -> Path:
    from newsbrief.config import load_settings
    from newsbrief.corpus.ingest import ingest_paths

    db = folder / "template.db"
    if not db.exists():
        print(f"ingesting the DUC 2004 development clusters into {db} (real annotation, once)...", flush=True)
        t = time.monotonic()
        ingest_paths([str(p) for p in sorted(DUC.iterdir())], db, load_settings())
        print(f"  {time.monotonic() - t:.0f} s", flush=True)
    return db


def build_db(db: Path, template: Path, stories: int, per_story: int) -> None:
    from newsbrief.corpus import serialize
    from newsbrief.corpus.clustering import StoryState
    from newsbrief.corpus.store import Store, fingerprint

    src = sqlite3.connect(template)
    clusters: dict[int, list[tuple[object, bytes]]] = {}
    for annotation, emb, story_id, vector in src.execute(
        "SELECT annotation, embeddings, story_id, vector FROM articles WHERE story_id IS NOT NULL ORDER BY seq"
    ):
        clusters.setdefault(story_id, []).append((serialize.annotated_from_json(annotation, emb), vector))
    src.close()
    groups = [g for _, g in sorted(clusters.items()) if len(g) >= 3]
    print(f"template: {sum(len(g) for g in groups)} articles in {len(groups)} stories of 3 or more", flush=True)
    t = time.monotonic()
    start = dt.date(2021, 1, 1)
    with Store(db) as store:
        for k in range(stories):
            group = groups[k % len(groups)]
            name = place_name(k)
            base = start + dt.timedelta(days=(k * 7) % 1460)
            copies = []
            for i in range(per_story):
                aa, vector = group[i % len(group)]  # type: ignore[misc]
                art = aa.article  # type: ignore[attr-defined]
                lead = " ".join((aa.sentences[0].text if aa.sentences else art.body[:200]).split()[:10])  # type: ignore[attr-defined]
                day = base + dt.timedelta(days=i % 4)
                copy = dataclasses.replace(
                    aa,  # type: ignore[arg-type]
                    article=dataclasses.replace(
                        art, title=f"{lead} ({name} {i + 1})", id=f"{name}-{i + 1}.txt", path=f"/bench/{name}/{i + 1}.txt",
                        published=day, outlet=f"{name} {'Post' if i % 3 else 'Herald'}",
                    ),
                )
                copies.append((copy, vector, day))
            vecs = [np.frombuffer(v, dtype="<f4").astype(np.float64) for _, v, _ in copies if v]
            days = [d for _, _, d in copies]
            with store.transaction():
                # The story row first: articles refer to it.
                store.save_story(StoryState(k + 1, per_story, np.sum(vecs, axis=0), {}, min(days), max(days)))
                for copy, vector, _ in copies:
                    store.add_article(copy, fingerprint(copy.article), "bench", vector=vector, story_id=k + 1)
                store.refresh_story_summary(k + 1)
            if (k + 1) % 500 == 0:
                print(f"  {k + 1} stories, {(k + 1) * per_story} articles, {time.monotonic() - t:.0f} s", flush=True)
    print(f"built {db} in {time.monotonic() - t:.0f} s ({db.stat().st_size / 2**20:.0f} MiB)", flush=True)


def percentiles(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    return statistics.median(xs), xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def timed(client: object, url: str, repeat: int) -> list[tuple[float, float]]:
    """(server ms from the Server-Timing header, client ms) of ``repeat`` sequential requests."""
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url)  # type: ignore[attr-defined]
        client_ms = (time.perf_counter() - t) * 1000
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        server_ms = float(r.headers["server-timing"].split("dur=")[1])
        out.append((server_ms, client_ms))
    return out


def measure(db: Path, kept: int, repeat: int, clients: int, seconds: float) -> list[str]:
    import httpx

    from newsbrief.config import load_settings
    from newsbrief.web.kept import BriefKeeper
    from newsbrief.web.app import _version
    from newsbrief.web.db import ReadOnly
    from newsbrief.web.launch import ServerProcess
    from newsbrief.web.server import prepare_database

    prepare_database(db)
    with sqlite3.connect(db) as conn:
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_stories = conn.execute("SELECT count(*) FROM stories WHERE merged_into IS NULL").fetchone()[0]
    print(f"database: {n_stories} stories, {n_articles} articles", flush=True)
    sample = random.Random(7).sample(range(1, n_stories + 1), kept)
    keeper = BriefKeeper(db, ReadOnly(db), load_settings(), _version())
    t = time.monotonic()
    for sid in sample:
        keeper.get(sid)
    print(f"briefs of {kept} stories built and kept in {time.monotonic() - t:.0f} s", flush=True)
    cases = {
        "baseline: static CSS": ["/static/app.css"],
        "story list, first page": ["/"],
        "story list, live fragment": ["/stories/rows"],
        "story list, text filter": ["/?q=president", "/?q=hurricane", "/?q=" + place_name(123)],
        "story list, date range": ["/?since=2023-01-01&until=2023-06-30"],
        "story list, page 60": ["/?page=60"],
        "search": ["/search?q=president", "/search?q=election+results", "/search?q=hurricane+mitch", "/search?q=" + place_name(42)],
        "story page (kept brief)": [f"/story/{sid}" for sid in sample],
    }
    lines = [
        "| page | requests | server p50 ms | server p95 ms | client p50 ms | client p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    with ServerProcess(db) as base, httpx.Client(base_url=base, timeout=60) as client:
        for label, urls in cases.items():
            for u in urls:
                client.get(u)  # warm
            times = [x for u in urls for x in timed(client, u, max(1, repeat // len(urls)))]
            s50, s95 = percentiles([s for s, _ in times])
            c50, c95 = percentiles([c for _, c in times])
            lines.append(f"| {label} | {len(times)} | {s50:.1f} | {s95:.1f} | {c50:.1f} | {c95:.1f} |")
            print(lines[-1], flush=True)
    return lines + [""] + soak(db, sample, clients, seconds)


def soak(db: Path, sample: list[int], clients: int = 20, seconds: float = 60.0) -> list[str]:
    import httpx

    from newsbrief.web.launch import ServerProcess

    urls = ["/", "/stories/rows", "/?q=president", "/search?q=hurricane+mitch", "/?page=3"] + [f"/story/{s}" for s in sample[:10]]
    results: list[tuple[int, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    with ServerProcess(db) as base:
        stop = time.monotonic() + seconds

        def run(i: int) -> None:
            rng = random.Random(i)
            with httpx.Client(base_url=base, timeout=30) as c:
                while time.monotonic() < stop:
                    u = rng.choice(urls)
                    t = time.perf_counter()
                    try:
                        r = c.get(u)
                        code = r.status_code
                    except httpx.HTTPError as exc:
                        code, u = 0, f"{u}: {exc}"
                    ms = (time.perf_counter() - t) * 1000
                    with lock:
                        results.append((code, ms))
                        if code != 200:
                            errors.append(f"{code} {u}")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    p50, p95 = percentiles([ms for _, ms in results])
    line = (
        f"{clients} concurrent clients for {seconds:.0f} s against `newsbrief serve`: {len(results)} requests "
        f"({len(results) / seconds:.0f}/s), {len(errors)} errors, client-side p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    )
    print(line, flush=True)
    if errors:
        print("errors:", errors[:10])
    return [line]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "newsbrief-serve-bench.db")
    ap.add_argument("--stories", type=int, default=5000)
    ap.add_argument("--per-story", type=int, default=10)
    ap.add_argument("--kept", type=int, default=40, help="stories whose brief is built before timing story pages")
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    if not DUC.is_dir():
        sys.exit(f"{DUC} is missing: ../shared must sit beside the project root")
    if not args.db.exists():
        build_db(args.db, build_template(args.db.parent), args.stories, args.per_story)
    lines = measure(args.db, args.kept, args.repeat, args.clients, args.seconds)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
