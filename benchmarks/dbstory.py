"""``newsbrief brief --db FILE --story ID`` on one big stored story: CPU, wall and memory.

The story is a whole Timeline17 topic of ../shared/bench (``haiti_bbc`` by default: 286 readable
pages of one outlet). Ingest's clustering splits such a topic into many stories (Timeline17 topic
recall is about 0.2), so the benchmark files every article of the topic into one story itself,
through the store API (``Store.add_article`` with ``story_id``, ``save_story``,
``refresh_story_summary``), after annotating them with the pipeline's map stage. The database is
kept in ``--work`` and reused by later runs (annotating 300 pages takes minutes).

Then, each as a child process (CPU and peak memory from ``os.wait4``):

Peak memory is each child's own (the database is built in a separate child, so no brief inherits
the annotating process's peak).

* **load**: open the database and deserialise the story's annotated articles
  (``corpus.catalog.load_story_annotated``), nothing else: the part no reduce stage can avoid;
* **prepare** (not timed as a brief): each ``--src`` tree gets its own copy of the database,
  brought to its schema, with the sentence facts of that tree's code stored
  (``Store.fill_facts``, when the tree has it: what ``ingest`` computes beside each annotation
  since schema 7) and the story's sentence pairs (``corpus.storypairs.fill_story_pairs``, since
  schema 8: what ``ingest`` computes for each story it changes); their CPU seconds are printed as
  the ingest cost of that work. Build the shared
  database with the oldest tree, since an older schema cannot read a newer file;
* **brief**: the whole CLI, ``newsbrief brief --db DB --story 1 -o brief.md``, once per ``--src``
  tree given (``label=DIR``; default this tree) in each of ``--runs`` rounds, so a before/after
  pair sees the same load; each run's CPU is also printed as a ratio to the first tree's run of
  the same round.
  The Markdown of each tree is compared with the first one's (identical or not).

The machine is shared: the load average before and after is printed beside the figures; the
ratio brief / load and the before/after ratio are the figures to compare between runs.

Usage::

    python benchmarks/dbstory.py [--topic NAME] [--work DIR] [--runs N]
        [--src LABEL=DIR ...] [--results FILE] [--bytecode]

``--bytecode`` keeps each tree's compiled modules between its children, as an installed package
has them (this environment sets PYTHONDONTWRITEBYTECODE=1, so by default every child compiles
newsbrief's source again).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"
RESULTS = ROOT / "benchmarks" / "results" / "dbstory.md"
PYTHON = sys.executable
NEWSBRIEF = str(Path(PYTHON).with_name("newsbrief"))
STORY = 1


@dataclass
class Run:
    """One child process: what it was, wall and CPU seconds, peak resident MB, exit status."""

    label: str
    wall_s: float
    cpu_s: float
    peak_mb: float
    status: int


def build_db(topic_dir: Path, db: Path) -> int:
    """Annotate every readable page of ``topic_dir`` and store them all as story 1; article count."""
    import numpy as np

    from newsbrief.annotate.resources import Resources
    from newsbrief.config import load_settings
    from newsbrief.corpus.clustering import StoryParams, StoryState
    from newsbrief.corpus.features import article_vector
    from newsbrief.corpus.store import Store, fingerprint
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    settings = load_settings()
    try:  # the embedder record (corpus/embedder_record.py), as ingest writes it
        from newsbrief.annotate.embedder_identity import identify_embedder

        recorded = {"embedder": identify_embedder(settings)}
    except ImportError:  # a tree from before the record
        recorded = {}
    articles, _ = read_paths([str(topic_dir)], settings, on_skip=None)
    articles = repeats.drop_repeated_lines(articles)
    annotated = annotate_articles(articles, Resources(settings), progress=lambda m: print(m, file=sys.stderr))
    partial = db.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    vectors = [article_vector(a, StoryParams()).astype(np.float32) for a in annotated]
    days = [a.article.published for a in annotated if a.article.published]
    total = np.sum([v.astype(np.float64) for v in vectors], axis=0) if vectors else np.zeros(0)
    with Store(partial) as store, store.transaction():
        # The story row first: articles refer to it.
        store.save_story(StoryState(STORY, len(annotated), total, {}, min(days, default=None), max(days, default=None)))
        for a, vector in zip(annotated, vectors, strict=True):
            store.add_article(a, fingerprint(a.article), "bench", vector=vector.tobytes(), story_id=STORY, **recorded)
        store.refresh_story_summary(STORY)
    partial.rename(db)
    return len(annotated)


def load_child(db: str) -> None:
    """Child: deserialise the story's annotated articles and print how many."""
    from newsbrief.corpus.catalog import load_story_annotated

    annotated, skipped = load_story_annotated(db, STORY)
    print(json.dumps({"articles": len(annotated), "sentences": sum(len(a.sentences) for a in annotated), "skipped": len(skipped)}))


def prepare_child(db: str) -> None:
    """Child: bring ``db`` to this tree's schema and store this tree's sentence facts when the tree
    has them (corpus/facts.py); print how many and the CPU seconds that took (ingest's extra work)."""
    # As the CLI does (cli.main): stored pairs are keyed by the BLAS thread count they were computed with.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from newsbrief.config import load_settings
    from newsbrief.corpus.store import Store

    try:
        from newsbrief.corpus.storypairs import fill_story_pairs
    except ImportError:  # a tree from before schema 8
        fill_story_pairs = None  # type: ignore[assignment]
    with Store(db) as store:
        fill = getattr(store, "fill_facts", None)
        if fill is not None:
            with store.transaction():
                store.conn.execute("DELETE FROM sentence_facts")  # so that the cost is measured each run
        start = time.process_time()
        filled = fill() if fill is not None else None
        facts_cpu = time.process_time() - start
        pairs, pairs_cpu = None, 0.0
        if fill_story_pairs is not None:
            with store.transaction():
                store.conn.execute("DELETE FROM story_pairs")
            start = time.process_time()
            stories_filled = fill_story_pairs(store, [STORY], load_settings())
            pairs = getattr(stories_filled, "pairs", stories_filled)  # an int before StoriesFilled
            pairs_cpu = time.process_time() - start
        print(json.dumps({"filled": filled, "cpu_s": facts_cpu, "pairs": pairs, "pairs_cpu_s": pairs_cpu, "schema": store.schema_version}))


# With --bytecode: where each tree's compiled modules are kept (PYTHONPYCACHEPREFIX), as an
# installed package has them; None: the environment's own setting (here PYTHONDONTWRITEBYTECODE=1,
# so every child compiles newsbrief's source again, a few tenths of a second).
BYTECODE: Path | None = None


def timed_child(label: str, argv: list[str], src: str | None) -> tuple[Run, str]:
    """Run ``argv`` as a child; wall, CPU (user + system) and peak RSS from ``os.wait4``."""
    env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())} if src else None
    if BYTECODE is not None:
        env = dict(env or os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # One cache per tree: two trees' modules have the same names and may have the same mtimes.
        env["PYTHONPYCACHEPREFIX"] = str(BYTECODE / hashlib.sha256(str(src).encode()).hexdigest()[:12])
    with tempfile.TemporaryFile(mode="w+") as out:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, text=True, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        out.seek(0)
        text = out.read()
    return Run(label, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)), text


def load_avg() -> str:
    return "{:.1f}/{:.1f}".format(*os.getloadavg()[:2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topic", default="haiti_bbc", help="Timeline17 topic stored as one story (default haiti_bbc)")
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "newsbrief-dbstory"), help="where the database is kept")
    ap.add_argument("--runs", type=int, default=1, help="briefs per tree (the median CPU is reported)")
    ap.add_argument("--src", action="append", default=[], help="LABEL=DIR: brief with this tree's src (repeatable)")
    ap.add_argument("--results", default=str(RESULTS), help="Markdown results file ('' to skip)")
    ap.add_argument(
        "--bytecode", action="store_true",
        help="children keep compiled modules (a cache per tree under --work, one untimed brief first), as an installed package does",
    )
    ap.add_argument("--load-child", help=argparse.SUPPRESS)
    ap.add_argument("--build-child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--prepare-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_child:
        build_db(Path(args.build_child[0]), Path(args.build_child[1]))
        return
    if args.prepare_child:
        prepare_child(args.prepare_child)
        return
    if args.load_child:
        load_child(args.load_child)
        return
    trees = [tuple(s.split("=", 1)) for s in args.src] or [("this tree", str(ROOT / "src"))]
    for label, src in trees:
        # A missing folder would silently brief with the installed newsbrief instead.
        if not (Path(src) / "newsbrief" / "__init__.py").is_file():
            sys.exit(f"dbstory: --src {label}={src}: no newsbrief package there; give a tree's src folder")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    global BYTECODE
    BYTECODE = work / "pycache" if args.bytecode else None
    db = work / f"{args.topic}.db"
    if not db.is_file():
        # In a child: Linux children inherit their parent's peak RSS, so a parent that annotated
        # 300 pages would show its own peak as every brief's.
        print(f"annotating {args.topic} into {db} (once) ...", file=sys.stderr)
        subprocess.run([PYTHON, __file__, "--build-child", str(DATA / args.topic / "InputDocs"), str(db)], check=True)
    before = load_avg()
    notes: list[str] = []
    tree_dbs: list[Path] = []
    for label, src in trees:
        # Each tree briefs its own copy, brought to its schema with its own stored facts (a tree
        # of an older schema cannot read a newer file; facts of other code are not used).
        tree_db = work / f"{args.topic}-{label.replace(' ', '_')}.db"
        if not tree_db.is_file():
            shutil.copyfile(db, tree_db)
        prep, prep_out = timed_child(f"prepare ({label})", [PYTHON, __file__, "--prepare-child", str(tree_db)], src)
        if prep.status != 0:
            sys.exit(f"dbstory: preparing {tree_db} for {label} failed: {prep_out[-2000:]}")
        facts = json.loads(prep_out.strip().splitlines()[-1])
        if facts["filled"]:
            notes.append(
                f"{label}: stored sentence facts for {facts['filled']} articles in {facts['cpu_s']:.2f} CPU s "
                f"(schema {facts['schema']}; what ingest now computes beside each annotation)"
            )
        if facts.get("pairs"):
            notes.append(
                f"{label}: stored the story's sentence pairs in {facts['pairs_cpu_s']:.2f} CPU s "
                f"(schema {facts['schema']}; what ingest now computes for each story it changes)"
            )
        tree_dbs.append(tree_db)
    rows: list[tuple[Run, str]] = []
    load_run, load_out = timed_child("load the story only", [PYTHON, __file__, "--load-child", str(tree_dbs[0])], trees[0][1])
    info = json.loads(load_out.strip().splitlines()[-1]) if load_run.status == 0 else {}
    rows.append((load_run, ""))
    first_md: str | None = None
    if BYTECODE is not None:  # untimed: fills each tree's bytecode cache
        for (label, src), tree_db in zip(trees, tree_dbs, strict=True):
            timed_child("warm-up", [NEWSBRIEF, "brief", "--db", str(tree_db), "--story", str(STORY), "-q", "-o", str(work / "warm-up.md")], src)
    runs: list[list[Run]] = [[] for _ in trees]
    differs = [False] * len(trees)
    # Round by round (each tree once per round), so that every tree sees the same changes of load.
    for k in range(args.runs):
        for t, ((label, src), tree_db) in enumerate(zip(trees, tree_dbs, strict=True)):
            md = work / f"brief-{label.replace(' ', '_')}-{k}.md"
            run, text = timed_child(f"brief --db --story ({label})", [NEWSBRIEF, "brief", "--db", str(tree_db), "--story", str(STORY), "-q", "-o", str(md)], src)
            if run.status != 0:
                sys.exit(f"dbstory: {label} failed: {text[-2000:]}")
            runs[t].append(run)
            body = md.read_text(encoding="utf-8")
            first_md = body if first_md is None else first_md
            differs[t] = differs[t] or body != first_md  # any run, not only the last
    for t, tree_runs in enumerate(runs):
        same = "DIFFERS" if differs[t] else ("first" if t == 0 else "identical")
        if len(trees) > 1:
            ratios = sorted(r.cpu_s / base.cpu_s for r, base in zip(tree_runs, runs[0], strict=True))
            notes.append(f"{trees[t][0]}: CPU s per run {', '.join(f'{r.cpu_s:.2f}' for r in tree_runs)}; / first tree's in the same round: median {ratios[len(ratios) // 2]:.2f}")
        ordered = sorted(tree_runs, key=lambda r: r.cpu_s)
        rows.append((ordered[len(ordered) // 2], same))
    after = load_avg()
    table = "| child | wall s | CPU s | x load CPU | peak MB | Markdown vs first tree |\n|---|---:|---:|---:|---:|---|\n"
    table += "\n".join(
        f"| {r.label} | {r.wall_s:.2f} | {r.cpu_s:.2f} | {r.cpu_s / max(load_run.cpu_s, 1e-9):.2f} | {r.peak_mb:.0f} | {same} |"
        for r, same in rows
    )
    head = (
        f"`python benchmarks/dbstory.py {' '.join(sys.argv[1:])}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores shared with other jobs; load average 1/5 min {before} -> {after})\n\n"
        f"Story: every page of Timeline17 `{args.topic}` as one stored story: {info.get('articles', '?')} articles, "
        f"{info.get('sentences', '?')} sentences. Median of {args.runs} run(s) per tree. "
        + ("Compiled modules kept between children (--bytecode, after one untimed brief per tree).\n\n" if args.bytecode
           else "Modules compiled in every child (this environment sets PYTHONDONTWRITEBYTECODE=1).\n\n" if os.environ.get("PYTHONDONTWRITEBYTECODE")
           else "\n\n")
    )
    table += "".join(f"\n\n{n}" for n in notes)
    print(head + table)
    if args.results:
        Path(args.results).write_text(f"# dbstory\n\n{head}{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
