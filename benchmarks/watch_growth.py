"""Stage 4 of benchmarks/watch.py: what one watch pass costs a big stored story when articles join it.

Every pass that files new articles into a story brings the story's stored sentence pairs up to
date (corpus/storypairs.py): before this stage existed, by the whole product again; now by
extending the stored pairs with the new rows' (story/pairgrowth.py). Measured on stored stories
built from Timeline17 topics of ../shared/bench (annotations read from briefjunk-style caches,
``--cache DIR``, keyed by the annotate code and the article; articles not cached are left out and
counted): a story of about 300 articles (LibyaWar_cnn's first 300) and one of about 1,100 (five
topics' pages filed as one story, as bigstory.py's 2,000-page folder mixes them).

For each story and each source tree (``--src LABEL=DIR``, e.g. ``before=`` an export of main
before the change and ``after=`` this tree), in a child process with that tree's ``src``:

* **prepare**: a copy of the story's database gets that tree's pairs (the whole product; CPU shown);
* **pass**: 1 or 10 new articles (annotated already: annotation is the same work for both trees
  and is not counted) are filed into the story through the store API as ingest files them
  (``Store.add_article`` with their sentence facts, the story's summary row), then
  ``fill_story_pairs`` runs as at the end of an ingest or watch pass. CPU of the whole child,
  and of the pairs step alone, per round; trees alternate within a round so that they see the
  same machine load. (The trees' stored pairs are not compared: the key holds the code, and the
  cosines differ in the last bits, BLAS's before, one fixed sum's after; that extended pairs are
  the whole product's is what tests/test_pairgrowth.py checks.)

Run: ``python benchmarks/watch.py --stages 4 --cache DIR [--cache DIR] --src before=DIR --src after=src``
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Relative to the project root, as briefjunk.py reads them: an article's path is part of its cache key.
T17 = Path("..") / "shared" / "bench" / "timeline17"
SMALL = ("LibyaWar_cnn",)
LARGE = ("LibyaWar_cnn", "H1N1_reuters", "MJ_bbc", "H1N1_bbc", "haiti_bbc")


def load_cached(topics: tuple[str, ...], caches: list[Path]) -> tuple[list[Any], int]:
    """The annotated pages of ``topics`` found in the caches (briefjunk.py's keys), in topic then
    reading order, and how many were not cached."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from briefjunk import _annotate_stamp

    from newsbrief.config import Settings
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    stamp = _annotate_stamp(None)
    os.chdir(ROOT)
    out, missing = [], 0
    for topic in topics:
        articles, _ = read_paths([str(T17 / topic / "InputDocs")], Settings())
        for a in repeats.drop_repeated_lines(articles):
            key = hashlib.sha256((stamp + repr(a)).encode()).hexdigest()[:24]
            found = next((c / f"{key}.pkl" for c in caches if (c / f"{key}.pkl").is_file()), None)
            if found is None:
                missing += 1
            else:
                out.append(pickle.loads(found.read_bytes()))
    return out, missing


def store_story(db: Path, annotated: list[Any]) -> None:
    """All of ``annotated`` as story 1 of a new database, through the store API (as ingest files them)."""
    import numpy as np

    from newsbrief.corpus.clustering import StoryState
    from newsbrief.corpus.store import Store, fingerprint

    with Store(db) as store, store.transaction():
        store.save_story(StoryState(1, len(annotated), np.zeros(4), {}, None, None))
        for a in annotated:
            store.add_article(a, fingerprint(a.article), "bench", story_id=1)
        store.refresh_story_summary(1)


def child(action: str, db: str, pickled: str | None) -> None:
    """In a child with one tree's src: 'prepare' (the story's pairs, whole) or 'pass' (file the
    pickled articles into story 1, then bring its pairs up to date); prints CPU seconds as JSON."""
    from newsbrief.config import load_settings
    from newsbrief.corpus.store import Store, fingerprint
    from newsbrief.corpus.storypairs import fill_story_pairs

    settings = load_settings(None)
    t0 = time.process_time()
    if action == "pass" and pickled:
        new = pickle.loads(Path(pickled).read_bytes())
        with Store(db) as store, store.transaction():
            for a in new:
                store.add_article(a, fingerprint(a.article), "bench", story_id=1)
            store.refresh_story_summary(1)
    t1 = time.process_time()
    with Store(db) as store:
        fill_story_pairs(store, [1], settings)
    t2 = time.process_time()
    print(json.dumps({"file": t1 - t0, "pairs": t2 - t1}))


def run_child(src: str, action: str, db: Path, pickled: Path | None = None) -> dict[str, float]:
    """One child with ``src`` first on its path; its own figures and its whole CPU (wait4)."""
    env = dict(os.environ, PYTHONPATH=src)
    argv = [sys.executable, str(Path(__file__)), "--child", action, str(db), str(pickled or "")]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"child {action} with {src} failed:\n{err.decode()[-2000:]}")
    figures = json.loads(out.decode().strip().splitlines()[-1])
    figures["child"] = usage.ru_utime + usage.ru_stime
    return figures


def stage_growth(caches: list[Path], srcs: list[tuple[str, str]], work: Path, runs: int, results: Path | None) -> None:
    """Stage 4 (see the module docstring)."""
    work.mkdir(parents=True, exist_ok=True)
    lines = [f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"]
    rows: list[str] = []
    notes: list[str] = []
    for label, topics, size in (("~300", SMALL, 310), ("~1,100", LARGE, 10_000)):
        annotated, missing = load_cached(topics, caches)
        annotated = annotated[:size]
        base, new = annotated[:-10], annotated[-10:]
        sentences = sum(len(a.sentences) for a in base)
        notes.append(f"story {label}: {len(base)} articles ({sentences:,} sentences) from {', '.join(topics)}; "
                     f"{missing} pages not in the caches left out; new articles: {len(new)} others of those topics")
        db = work / f"story{len(base)}.db"
        if db.exists():
            db.unlink()
        store_story(db, base)
        trees: dict[str, Path] = {}
        for name, src in srcs:
            trees[name] = work / f"story{len(base)}-{name}.db"
            shutil.copyfile(db, trees[name])
            prep = run_child(src, "prepare", trees[name])
            rows.append(f"| {label} | prepare (whole product) | {name} | {prep['pairs']:.2f} | {prep['child']:.2f} |")
        for k in (1, 10):
            pickled = work / f"new{k}.pkl"
            pickled.write_bytes(pickle.dumps(new[:k]))
            figures: dict[str, list[dict[str, float]]] = {name: [] for name, _ in srcs}
            for _ in range(runs):
                for name, src in srcs:
                    run_db = work / f"run-{name}.db"
                    shutil.copyfile(trees[name], run_db)
                    figures[name].append(run_child(src, "pass", run_db, pickled))
            for name, _ in srcs:
                pairs = sorted(f["pairs"] for f in figures[name])
                whole = sorted(f["child"] for f in figures[name])
                rows.append(f"| {label} | {k} new | {name} | {pairs[len(pairs) // 2]:.2f} ({', '.join(f'{x:.2f}' for x in pairs)}) | "
                            f"{whole[len(whole) // 2]:.2f} |")
    lines.append(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    table = ["| story | pass | tree | pairs step CPU s, median (runs) | child CPU s, median |", "|---|---|---|---:|---:|", *rows]
    text = "\n".join(table + [""] + [f"- {n}" for n in notes] + [f"- {x}" for x in lines])
    print("\n4. story pairs when articles join a stored story\n" + text)
    if results is not None:
        command = "python " + " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])
        results.write_text(f"# Story pairs at ingest when articles join a big stored story (benchmarks/watch.py stage 4)\n\n"
                           f"Command: `{command}`\n\n{text}\n", encoding="utf-8")


if __name__ == "__main__" and len(sys.argv) >= 4 and sys.argv[1] == "--child":
    child(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
