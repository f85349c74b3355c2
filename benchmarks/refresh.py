"""``newsbrief refresh`` after an upgrade, on one big stored story: what it recomputes and costs.

Stored sentence facts are keyed by a hash of the code that computes them (corpus/facts.py), so
after an upgrade that changes that code ``brief --db`` computes them on the fly (the same brief,
slower) until ``newsbrief refresh``. This benchmark stores a whole Timeline17 topic as one story
(``haiti_bbc``: 285 articles; the database of benchmarks/dbstory.py, built once into ``--work``)
and, each step a child process (wall, CPU from ``os.wait4``), in this order:

1. ``refresh`` of the database as built (facts current, story pairs missing): stores the pairs;
2. ``refresh`` again: nothing is stale, nothing is written (the cost of finding that out);
3. ``brief --db --story 1`` with current facts (the baseline);
4. every fact row marked as another version's (what an upgrade does), then ``brief --db``: its
   stderr must say once that stored facts are old and name ``newsbrief refresh``;
5. ``refresh``: recomputes the facts only (the pairs do not depend on them);
6. ``brief --db`` again: fast again, no note;
7. interrupted: facts marked old again, ``refresh`` sent SIGINT once it says it stored 100
   articles' facts; the rows it committed are kept, the next ``refresh`` does the rest, and the fact blobs end byte-identical to step 1's.

Briefs 3, 4 and 6 must give identical Markdown. Steps 3, 4 and 6 run ``--runs`` rounds (median
CPU). Usage::

    python benchmarks/refresh.py [--topic NAME] [--work DIR] [--runs N] [--results FILE]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dbstory  # noqa: E402  (benchmarks/: the story database and the timed children)

ROOT = Path(__file__).resolve().parents[1]
SRC = str(ROOT / "src")
RESULTS = ROOT / "benchmarks" / "results" / "refresh.md"


def facts_rows(db: Path) -> dict[int, tuple[str, bytes]]:
    with sqlite3.connect(db) as conn:
        return {seq: (v, blob) for seq, v, blob in conn.execute("SELECT seq, version, facts FROM sentence_facts")}


def mark_old(db: Path) -> None:
    """What an upgrade that changes the facts' code does to the stored rows: another version."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sentence_facts SET version = 'an-older-newsbrief'")


def run(label: str, args: list[str]) -> tuple[dbstory.Run, str]:
    r, text = dbstory.timed_child(label, [dbstory.NEWSBRIEF, *args], SRC)
    if r.status != 0:
        sys.exit(f"refresh.py: {label} failed: {text[-2000:]}")
    return r, text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topic", default="haiti_bbc")
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "newsbrief-dbstory"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--results", default=str(RESULTS), help="Markdown results file ('' to skip)")
    args = ap.parse_args()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    built = work / f"{args.topic}.db"
    if not built.is_file():
        print(f"annotating {args.topic} into {built} (once) ...", file=sys.stderr)
        subprocess.run([sys.executable, dbstory.__file__, "--build-child", str(dbstory.DATA / args.topic / "InputDocs"), str(built)], check=True)
    db = work / f"{args.topic}-refresh.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(built, db)
    before_load = dbstory.load_avg()
    rows: list[tuple[dbstory.Run, str]] = []
    notes: list[str] = []

    r, out = run("1. refresh: facts current, pairs missing", ["refresh", "--db", str(db)])
    rows.append((r, out.strip().splitlines()[-1]))
    first = facts_rows(db)
    r, out = run("2. refresh again: nothing stale", ["refresh", "--db", str(db)])
    rows.append((r, out.strip().splitlines()[-1]))
    if facts_rows(db) != first:
        notes.append("DEFECT: a refresh with nothing stale changed the stored facts")

    def briefs(label: str, tag: str) -> tuple[str, str]:
        runs: list[tuple[dbstory.Run, str]] = []
        md = work / f"refresh-{tag}.md"
        for _ in range(args.runs):
            runs.append(run(label, ["brief", "--db", str(db), "--story", str(dbstory.STORY), "-o", str(md)]))
        runs.sort(key=lambda x: x[0].cpu_s)
        median, text = runs[len(runs) // 2]
        said = [line for line in text.splitlines() if "sentence facts" in line]
        rows.append((median, f"stderr: {said[0][:160]}... ({len(said)} line)" if said else "no note"))
        return md.read_text(encoding="utf-8"), text

    current_md, _ = briefs("3. brief --db, facts current", "current")
    mark_old(db)
    stale_md, _ = briefs("4. brief --db, facts of an older version", "stale")
    r, out = run("5. refresh: facts stale", ["refresh", "--db", str(db)])
    rows.append((r, out.strip().splitlines()[-1]))
    if facts_rows(db) != first:
        notes.append("DEFECT: refreshed facts differ from the ones stored at ingest")
    fresh_md, _ = briefs("6. brief --db after refresh", "fresh")
    same = current_md == stale_md == fresh_md
    notes.append(f"Markdown of briefs 3, 4 and 6: {'identical' if same else 'DIFFERS'}")

    # 7. interrupted half-way: SIGINT (Ctrl-C) at half of step 5's wall time.
    mark_old(db)
    # SIGINT back to its default in the child: a job started in the background (nohup ... &) ignores
    # it, and Python then installs no KeyboardInterrupt for it.
    proc = subprocess.Popen([dbstory.NEWSBRIEF, "refresh", "--db", str(db)], env={**os.environ, "PYTHONPATH": SRC},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    said = ""
    for line in proc.stdout:  # Ctrl-C once it says it stored the first 100 articles' facts
        said = line.strip()
        if "sentence facts: 100/" in line:
            proc.send_signal(signal.SIGINT)
            break
    out, _ = proc.communicate()
    kept = facts_rows(db)
    done = sum(1 for v, _ in kept.values() if v != "an-older-newsbrief")
    last = (out.strip().splitlines() or [""])[-1]
    if proc.returncode != 130:
        notes.append("DEFECT: the refresh was not interrupted (exit code not 130)")
    notes.append(
        f"7. refresh interrupted (SIGINT after it said \"{said}\"; exit {proc.returncode}, said \"{last}\"): "
        f"{done} of {len(kept)} fact rows current, {len(kept)} rows kept"
    )
    r, out = run("7. refresh after the interruption", ["refresh", "--db", str(db)])
    rows.append((r, out.strip().splitlines()[-1]))
    notes.append(f"after it: fact rows byte-identical to step 1's: {facts_rows(db) == first}")
    after_load = dbstory.load_avg()

    table = "| step | wall s | CPU s | peak MB | said |\n|---|---:|---:|---:|---|\n" + "\n".join(
        f"| {r.label} | {r.wall_s:.2f} | {r.cpu_s:.2f} | {r.peak_mb:.0f} | {said.replace('|', '/')} |" for r, said in rows
    )
    head = (
        f"`python benchmarks/refresh.py {' '.join(sys.argv[1:])}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores shared with other jobs; load average 1/5 min {before_load} -> {after_load})\n\n"
        f"Story: every page of Timeline17 `{args.topic}` stored as one story (benchmarks/dbstory.py's database). "
        f"Median of {args.runs} run(s) for the briefs.\n\n"
    )
    text = head + table + "".join(f"\n\n{n}" for n in notes)
    print(text)
    if args.results:
        Path(args.results).write_text(f"# refresh\n\n{text}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
