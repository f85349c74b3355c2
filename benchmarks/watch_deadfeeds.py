"""A watch pass over feeds of which one never answers and one host refuses: wall seconds per tree.

A local threaded server (pytest-httpserver) serves ``--good`` empty feeds, each on its own made-up
host reached through the loopback fetcher; ``silent.test`` accepts the connection and never
answers; a closed port on 127.0.0.1 refuses. Each tree's pass runs in its own child process
(``--src LABEL=DIR``, default this tree) with the client's defaults except ``--timeout``, started
one after the other in the same minutes; the figures are printed side by side. ``--passes N``
makes N passes in one watcher (each pass's wall seconds, then the total), run back to back but
``--gap`` seconds apart as the client sees it: its clock (time.monotonic) is moved on by the gap
after each pass, so cached robots.txt failures expire as they would between passes of
``watch --every 15m``; the walls are read from the real clock.

    python benchmarks/watch_deadfeeds.py --src before=/tmp/before/src --src after=src [--timeout 5] [--passes 5]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(port: int, closed: int, good: int, timeout: float, db: str, passes: int, gap: float) -> None:
    from newsbrief.config import load_settings
    from newsbrief.corpus.store import Store
    from newsbrief.fetch.client import FetchSettings
    from newsbrief.fetch.loopback import loopback_fetcher
    from newsbrief.fetch.watch import Watcher

    hosts = [f"feed{k}.test" for k in range(good)] + ["silent.test"]
    fetcher = loopback_fetcher(FetchSettings(timeout_s=timeout), private_hosts=[*hosts, "127.0.0.1"])
    urls = [f"http://{h}:{port}/feed.xml" for h in hosts[:good // 2]] + [f"http://silent.test:{port}/feed.xml"]
    urls += [f"http://127.0.0.1:{closed}/feed.xml"] + [f"http://{h}:{port}/feed.xml" for h in hosts[good // 2:good]]
    real = time.monotonic
    shift = [0.0]
    time.monotonic = lambda: real() + shift[0]  # the clock the client reads; walls use real()
    walls = []
    with Store(db) as store:
        watcher = Watcher(store, load_settings(), fetcher)
        for _ in range(passes):
            start = real()
            report = watcher.run_pass(urls)
            walls.append(real() - start)
            shift[0] += gap
    print(json.dumps({"walls": walls, "read": report.listings_read, "failures": [r for _, r in report.failures]}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", action="append", default=[], help="LABEL=DIR: a tree's src (repeatable)")
    ap.add_argument("--good", type=int, default=6)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--passes", type=int, default=1, help="passes per tree, in one watcher")
    ap.add_argument("--gap", type=float, default=900.0, help="seconds between passes as the client sees them")
    ap.add_argument("--child", nargs=7, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        port, closed, good, timeout, db, passes, gap = args.child
        child(int(port), int(closed), int(good), float(timeout), db, int(passes), float(gap))
        return
    from pytest_httpserver import HTTPServer
    from werkzeug import Request, Response

    stop = threading.Event()

    def handler(request: Request) -> Response:
        host = request.host.split(":")[0]
        if host == "silent.test":
            stop.wait(600)
            return Response("late", status=503)
        if request.path == "/robots.txt":
            return Response("User-agent: *\nAllow: /\n", content_type="text/plain")
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{host}</title><link>http://x/</link><description>d</description></channel></rss>'
        return Response(body, content_type="application/rss+xml")

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request("/robots.txt").respond_with_handler(handler)
    server.expect_request("/feed.xml").respond_with_handler(handler)
    server.start()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    trees = [tuple(s.split("=", 1)) for s in args.src] or [("this tree", str(ROOT / "src"))]
    print(f"load average before: {os.getloadavg()[0]:.1f}; {args.good} good feeds, 1 silent, 1 refusing; timeout {args.timeout:g} s; {args.passes} pass(es) {args.gap:g} s apart")
    print("| tree | pass wall s (each pass) | total s | listings read (last pass) | failures (last pass) |\n|---|---|---:|---:|---|")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for label, src in trees:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(server.port), str(closed), str(args.good), str(args.timeout), f"{tmp}/{label}.db", str(args.passes), str(args.gap)],
                    capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(src).resolve()) + os.pathsep + str(ROOT / "tests")},
                )
                if out.returncode != 0:
                    sys.exit(f"{label} failed: {out.stderr[-2000:]}")
                fig = json.loads(out.stdout.strip().splitlines()[-1])
                walls = " / ".join(f"{w:.1f}" for w in fig["walls"])
                print(f"| {label} | {walls} | {sum(fig['walls']):.1f} | {fig['read']} | {'; '.join(f[:90] for f in fig['failures'])} |", flush=True)
    finally:
        stop.set()
        server.stop()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
