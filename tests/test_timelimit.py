"""The per-page extraction time limit (issue 17: "a per-file extraction time limit, the file
becomes a skip with the reason"): read/timelimit.py in any thread, and the HTML readers of
``brief``, JSON records and ``watch`` on a page that really is slow to extract. The ingest
engines and ``serve`` uploads are covered in test_engines.py and test_web_security.py."""

from __future__ import annotations

import dataclasses
import gc
import json
import random
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEMO, slow_page
from newsbrief.cli import cli
from newsbrief.config import Settings, SettingsError, load_settings
from newsbrief.fetch.client import Response
from newsbrief.fetch.pages import Listed, article_from_page
from newsbrief.models import Skip
from newsbrief.read.readers import read_paths
from newsbrief.read import timelimit
from newsbrief.read.timelimit import TimeLimitExceeded, run_with_time_limit

LIMIT = 0.05
REASON = f"extraction took over {LIMIT:g} s, skipped (max_extract_seconds)"


def spin() -> int:
    n = 0
    while True:
        n += 1


def test_a_call_that_runs_on_is_stopped_on_the_main_thread_and_in_a_worker_thread() -> None:
    with pytest.raises(TimeLimitExceeded):
        run_with_time_limit(spin, LIMIT)
    caught: list[BaseException] = []

    def worker() -> None:
        try:
            run_with_time_limit(spin, LIMIT)
        except TimeLimitExceeded as exc:
            caught.append(exc)

    t = threading.Thread(target=worker)
    t.start()
    t.join(30)
    assert not t.is_alive() and len(caught) == 1


def test_a_library_that_swallows_the_stop_is_stopped_again() -> None:
    def stubborn() -> int:
        try:
            return spin()
        except BaseException:  # noqa: BLE001 - what a careless library might do
            return spin()

    with pytest.raises(TimeLimitExceeded):
        run_with_time_limit(stubborn, LIMIT)


def test_a_call_past_its_limit_fails_even_when_the_stop_was_lost_on_the_way() -> None:
    # Delivered inside a garbage-collector callback, the asynchronous stop is printed as
    # "Exception ignored" and dropped (seen in CI: hypothesis installs such a callback). Here the
    # call drops it itself and returns before the next retry: it still ran past its limit.
    def drops_the_stop_then_returns() -> str:
        start = time.thread_time()
        try:
            while time.thread_time() - start < 0.3:
                pass
        except TimeLimitExceeded:
            pass
        return "finished"

    with pytest.raises(TimeLimitExceeded):
        run_with_time_limit(drops_the_stop_then_returns, LIMIT)


def test_a_stop_is_neither_dropped_nor_reported_in_a_garbage_collector_callback() -> None:
    # hypothesis installs a gc callback; a stop delivered inside one was printed as "Exception
    # ignored" (PytestUnraisableExceptionWarning in CI's test_engines) and dropped. Here the call
    # spends about three quarters of its CPU in such a callback, in stretches of irregular length
    # (a fixed rhythm could lock onto the watchdog's and never let it in): over three calls the
    # stop must reach each call soon and nothing be reported as unraisable. (Before: a stop landed
    # in the callback in about three calls of four, was reported, and the call ran its full 3 s.)
    # A call that spends nearly all its CPU in gc callbacks is stopped when it returns at the
    # latest (test_a_call_past_its_limit_fails_even_when_the_stop_was_lost_on_the_way).
    reported: list[object] = []
    rng = random.Random(7)

    def burn(seconds: float) -> None:
        end = time.thread_time() + seconds
        while time.thread_time() < end:
            pass

    def spend(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            burn(rng.uniform(0.001, 0.005))

    def collects() -> str:
        start = time.thread_time()
        while time.thread_time() - start < 3.0:  # returns by itself if never stopped
            gc.collect(0)
            burn(rng.uniform(0.0002, 0.002))
        return "ran on"

    previous = sys.unraisablehook
    sys.unraisablehook = lambda u: reported.append(u.exc_type)
    gc.callbacks.append(spend)
    used: list[float] = []
    try:
        for _ in range(3):
            start = time.thread_time()
            with pytest.raises(TimeLimitExceeded):
                run_with_time_limit(collects, LIMIT)
            used.append(time.thread_time() - start)
    finally:
        gc.callbacks.remove(spend)
        ours = sys.unraisablehook
        sys.unraisablehook = previous
    assert reported == []
    assert max(used) < 2.0, f"the stop reached the call only after {max(used):.2f} s of CPU"
    assert ours is not timelimit._take_lost_stop  # the limited call's hook is gone once it returned


def test_a_call_within_its_limit_returns_and_leaves_nothing_behind() -> None:
    assert run_with_time_limit(lambda: 41 + 1, LIMIT) == 42
    assert run_with_time_limit(lambda: "no limit", None) == "no limit"
    time.sleep(4 * LIMIT)  # past the limit: a stray exception would surface here
    assert all(t.name != "newsbrief-time-limit" for t in threading.enumerate())


def test_the_limit_is_a_validated_setting(tmp_path: Path) -> None:
    assert load_settings().max_extract_seconds == 30.0
    assert load_settings(max_extract_seconds=None).max_extract_seconds == 30.0
    for bad in (0, -1, "5", True, float("inf")):
        with pytest.raises(SettingsError, match=r"max_extract_seconds must be a number above 0 up to 86400 or null"):
            Settings(max_extract_seconds=bad)
    cfg = tmp_path / "s.json"
    cfg.write_text(json.dumps({"max_extract_seconds": None}))
    assert load_settings(cfg).max_extract_seconds is None


def test_a_page_slow_to_extract_is_a_skip_with_the_reason_and_the_brief_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(DEMO.glob("*.txt"))[:3]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "inventory.html").write_text(slow_page(), encoding="utf-8")
    cfg = tmp_path / "s.json"
    cfg.write_text(json.dumps({"max_extract_seconds": LIMIT}))
    out = tmp_path / "brief.json"
    result = CliRunner().invoke(cli, ["brief", str(folder), "--config", str(cfg), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["reason"].split(";")[0] for s in data["skipped"] if s["path"].endswith("inventory.html")] == [REASON]
    assert len(data["articles"]) == 3 and data["summary"]
    assert "inventory.html" in result.output and REASON in result.output


def test_an_html_record_slow_to_extract_is_a_skip_and_the_next_record_is_read(tmp_path: Path) -> None:
    settings = Settings(max_extract_seconds=LIMIT)
    path = tmp_path / "pages.jsonl"
    good = {"title": "Kessling", "text": "The harbour board of Kessling voted on Monday to sell the old ferry terminal, its chair said."}
    path.write_text(json.dumps({"html": slow_page()}) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    articles, skipped = read_paths([str(path)], settings)
    assert [a.title for a in articles] == ["Kessling"]
    assert [(s.path, s.reason.split(";")[0]) for s in skipped] == [(f"{path}#1", REASON)]


def test_a_fetched_page_slow_to_extract_is_a_skip_off_the_main_thread() -> None:
    # `watch` and `serve` read pages on worker threads, where no signal-based limit would work.
    url = "http://news.test/a/inventory"
    response = Response(url, url, 200, slow_page().encode(), "text/html", "utf-8", None, None)
    results: list[object] = []
    t = threading.Thread(target=lambda: results.append(article_from_page(response, url, Listed(), Settings(max_extract_seconds=LIMIT))))
    t.start()
    t.join(60)
    assert len(results) == 1 and isinstance(results[0], Skip)
    assert results[0].reason.startswith(REASON)


def test_without_a_limit_the_same_reader_extracts_a_smaller_slow_page() -> None:
    # The limit is what made the skips above: the same page, smaller, reads in full when unbounded.
    url = "http://news.test/a/inventory"
    response = Response(url, url, 200, slow_page(2_000).encode(), "text/html", "utf-8", None, None)
    article = article_from_page(response, url, Listed(), dataclasses.replace(Settings(), max_extract_seconds=None))
    assert not isinstance(article, Skip) and "crate 0 " in article.body and "crate 13993 " in article.body


@pytest.mark.slow
def test_an_ingest_reads_a_page_skipped_for_time_again_and_stores_it_once_the_limit_is_raised(tmp_path: Path, settings: Settings) -> None:
    # A skip for time comes from a setting, not from the file: the file is not marked done, so a
    # later run with a raised limit reads it. A file skipped for what it is (empty) is done.
    from newsbrief.corpus.ingest import ingest_paths
    from newsbrief.corpus.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "inventory.html").write_text(slow_page(2_000), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "s.db"
    limited = dataclasses.replace(settings, max_extract_seconds=LIMIT)
    first = ingest_paths([folder], db, limited)
    assert (first.files_read, first.articles_added) == (2, 0)
    again = ingest_paths([folder], db, limited)
    assert (again.files_read, again.files_unchanged, again.articles_added) == (1, 1, 0)
    raised = ingest_paths([folder], db, dataclasses.replace(settings, max_extract_seconds=None))
    assert (raised.files_read, raised.articles_added) == (1, 1)
    with Store(db) as store:
        assert [a.path for a in store.articles()] == [str(folder / "inventory.html")]
        assert any(s.path == str(folder / "inventory.html") and s.reason.startswith(REASON) for s in store.skips())
    after = ingest_paths([folder], db, limited)
    assert (after.files_read, after.files_unchanged) == (0, 2)
