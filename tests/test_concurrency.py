"""One writer at a time per database (issue 17, point 1): two real ingest processes on one file
take turns batch by batch and leave consistent stories; a writer that cannot get the lock says so,
then gives up with a clear message; readers never block a writer."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.corpus.catalog import list_stories
from newsbrief.corpus.ingest import ingest_paths
from newsbrief.corpus.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]
NEWSBRIEF = [sys.executable, "-c", "from newsbrief.cli import main; main()"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_two_ingest_processes_into_one_database_leave_consistent_stories(tmp_path: Path, write_articles: Any, story_problems: Any) -> None:
    n = 40
    write_articles(tmp_path / "a", n, seed=1)
    write_articles(tmp_path / "b", n, seed=2)
    db = tmp_path / "corpus.db"
    Store(db).close()
    # A third connection holds the write lock, so both ingests read and annotate their first
    # batch and then meet at the lock: their writes are sure to interleave once it is released.
    blocker = sqlite3.connect(str(db), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    errs = [tmp_path / "a.err", tmp_path / "b.err"]
    procs = [
        subprocess.Popen(
            [*NEWSBRIEF, "ingest", str(tmp_path / name), "--db", str(db), "--batch-size", "8"],
            stdout=subprocess.DEVNULL, stderr=err.open("w"), env=_env(),
        )
        for name, err in zip("ab", errs)
    ]
    try:
        both_waited = _wait_for(lambda: all("waiting for another writer on" in e.read_text() for e in errs), 240)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    codes = [p.wait(timeout=600) for p in procs]
    stderr = [e.read_text() for e in errs]
    assert codes == [0, 0], stderr
    assert both_waited, stderr
    assert all(f"{n} articles added" in e for e in stderr), stderr
    assert story_problems(db) == []
    with Store(db) as store:
        paths = [a.path for a in store.articles()]
    assert len(paths) == 2 * n
    # Batches of the two runs alternate in the file (the runs really wrote at the same time).
    assert {Path(p).parent.name for p in paths[:n]} == {"a", "b"}
    runner = CliRunner()
    listed = list_stories(db)
    assert len(listed) >= 4
    for s in listed:
        result = runner.invoke(cli, ["brief", "--db", str(db), "--story", str(s["id"]), "--format", "json"])
        assert result.exit_code == 0, (s, result.output)


@pytest.mark.slow
def test_a_writer_that_cannot_get_the_lock_waits_then_gives_up_clearly(tmp_path: Path, settings: Settings, write_articles: Any, story_problems: Any) -> None:
    write_articles(tmp_path / "in", 3, seed=3)
    db = tmp_path / "corpus.db"
    Store(db).close()
    blocker = sqlite3.connect(str(db), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    waits: list[str] = []
    try:
        with pytest.raises(StoreError) as info:
            ingest_paths([tmp_path / "in"], db, settings, on_wait=waits.append, write_wait_s=2.0)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert waits == [f"waiting for another writer on {db} (up to 2s)..."]
    assert str(info.value) == f"another program has been writing to {db} for over 2s; try again when it has finished"
    with Store(db) as store:
        assert store.count_articles() == 0
    # Once the lock is free the same ingest goes through.
    report = ingest_paths([tmp_path / "in"], db, settings, on_wait=waits.append, write_wait_s=2.0)
    assert report.articles_added == 3 and story_problems(db) == []


def test_readers_never_block_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    Store(db).close()
    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM stories").fetchone() == (0,)  # an open read snapshot
    waits: list[str] = []
    with Store(db, on_wait=waits.append, write_wait_s=2.0) as store:
        start = time.monotonic()
        with store.transaction():
            store.conn.execute("INSERT INTO meta (key, value) VALUES ('probe', '1')")
        assert time.monotonic() - start < 1.0 and waits == []
    assert reader.execute("SELECT count(*) FROM meta WHERE key = 'probe'").fetchone() == (0,)  # its snapshot
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM meta WHERE key = 'probe'").fetchone() == (1,)
    reader.close()
