"""Re-cluster stored annotations under many story parameters, cheaply (no re-annotation).

Reads the annotated articles of a database written by an earlier ingest of the same files (for
instance ``newsbrief ingest ../shared/bench/duc2004/docs --db duc.db``), then replays the online
clustering of :mod:`newsbrief.corpus.clustering` exactly as ``ingest_paths`` runs it (same batches of 64,
duplicates stored once) over several shuffled arrival orders, for every parameter setting asked
for, and prints BCubed precision / recall / F1 per setting (mean, spread and per order).

    .venv/bin/python benchmarks/stories_tune.py --db duc.db --corpus duc \\
        --grid join_threshold=0.08,0.09,0.10 --grid entity_weight=1,2

``--corpus t17`` scores Timeline17 stories against its topics instead of DUC's events (its
database: ingest the files of ``stories.t17_files(None)`` in that order). ``--first-seed 5`` scores
orders other than the benchmark's five, to check that tuned parameters hold; ``--subsets 12`` scores
12 random subsets of 15 events instead (each in its own order), a rough check that a setting is
not fitted to how these 25 events happen to sit together.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle
from newsbrief.read.readers import read_paths
from newsbrief.corpus.store import Store, fingerprint
from newsbrief.corpus.clustering import StoryIndex, StoryParams
from newsbrief.corpus.features import describe_article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import DUC, bcubed, t17_files  # noqa: E402

BATCH = 64  # newsbrief.corpus.ingest.DEFAULT_BATCH_SIZE


@dataclasses.dataclass(frozen=True)
class Item:
    """One input file: its gold label and the stored annotation of its text."""

    path: str
    gold: str
    fp: str
    index: int  # position in the sorted list of all the corpus's files (empty ones included)
    total: int  # how many files that list holds


def load_items(db: Path, corpus: str) -> tuple[list[Item], dict[str, AnnotatedArticle]]:
    """The corpus's non-empty files with their gold labels, and the stored annotation per fingerprint."""
    settings = load_settings()
    if corpus == "duc":
        files = sorted(str(p) for p in DUC.glob("*/*.txt"))
    else:
        files = sorted(t17_files(None))
    with Store(db, create=False) as store:
        seq_of = dict(store.conn.execute("SELECT fingerprint, seq FROM articles").fetchall())
        items: list[Item] = []
        stored: dict[str, AnnotatedArticle] = {}
        for n, f in enumerate(files):
            articles, _ = read_paths([f], settings)
            if not articles:
                continue
            fp = fingerprint(articles[0])
            if fp not in seq_of:
                continue  # not (yet) ingested: a partial database scores what it holds
            gold = Path(f).parent.name if corpus == "duc" else Path(f).parts[-4].split("_")[0]
            items.append(Item(f, gold, fp, n, len(files)))
            if fp not in stored:
                stored[fp] = store.load_annotated(seq_of[fp])
    return items, stored


def arrival_order(items: Sequence[Item], seed: int) -> list[Item]:
    """The order benchmarks/stories.py ingests in: all files sorted, shuffled by ``seed``."""
    by_index = {it.index: it for it in items}
    order = list(range(items[0].total))
    random.Random(seed).shuffle(order)
    return [by_index[i] for i in order if i in by_index]


def replay(items: Sequence[Item], stored: dict[str, AnnotatedArticle], params: StoryParams, seed: int) -> tuple[float, float, float, int]:
    """Online clustering of ``items`` in the shuffled order ``seed``; BCubed P, R, F1 and story count."""
    order = arrival_order(items, seed)
    index = StoryIndex(params=params)
    key_of: dict[str, int] = {}
    new: list[str] = []
    for it in order:
        if it.fp not in key_of:
            key_of[it.fp] = len(key_of)
            new.append(it.fp)
    story: dict[int, int] = {}
    for i in range(0, len(new), BATCH):
        feats = [describe_article(key_of[fp], stored[fp], params) for fp in new[i : i + BATCH]]
        result = index.add_batch(feats)
        story = {k: result.merged.get(s, s) for k, s in story.items()}
        story.update(result.assigned)
    pred = [story[key_of[it.fp]] for it in items]
    p, r, f1 = bcubed(pred, [it.gold for it in items])
    return p, r, f1, len(set(pred))


def parse_grid(specs: Sequence[str]) -> list[dict[str, Any]]:
    """``name=v1,v2`` specs -> every combination, values typed like the StoryParams field."""
    types = {f.name: type(getattr(StoryParams(), f.name)) for f in dataclasses.fields(StoryParams)}
    axes: list[list[tuple[str, Any]]] = []
    for spec in specs:
        name, _, values = spec.partition("=")
        if name not in types:
            raise SystemExit(f"unknown parameter {name!r}; StoryParams has {', '.join(sorted(types))}")
        axes.append([(name, (v == "True" if types[name] is bool else types[name](v))) for v in values.split(",")])
    return [dict(combo) for combo in itertools.product(*axes)] if axes else [{}]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="database holding the corpus's annotations")
    ap.add_argument("--corpus", choices=["duc", "t17"], default="duc")
    ap.add_argument("--shuffles", type=int, default=5)
    ap.add_argument("--first-seed", type=int, default=0, help="score orders first-seed .. first-seed + shuffles - 1")
    ap.add_argument("--subsets", type=int, default=0,
                    help="instead of whole-corpus orders, score this many random subsets of the events (a rough check of how a setting carries to other events)")
    ap.add_argument("--subset-size", type=int, default=15, help="events per subset (--subsets)")
    ap.add_argument("--grid", action="append", default=[], help="NAME=V1,V2,... (StoryParams field); repeatable")
    args = ap.parse_args()
    t0 = time.monotonic()
    items, stored = load_items(args.db, args.corpus)
    print(f"{len(items)} files, {len(stored)} distinct texts, loaded in {time.monotonic() - t0:.1f}s", file=sys.stderr)
    for overrides in parse_grid(args.grid):
        params = dataclasses.replace(StoryParams(), **overrides)
        if args.subsets:
            events = sorted({it.gold for it in items})
            runs = []
            for s in range(args.subsets):
                keep = set(random.Random(100 + s).sample(events, min(args.subset_size, len(events))))
                runs.append(replay([it for it in items if it.gold in keep], stored, params, s))
        else:
            runs = [replay(items, stored, params, seed) for seed in range(args.first_seed, args.first_seed + args.shuffles)]
        mean = [statistics.mean(r[i] for r in runs) for i in range(4)]
        f1s = [r[2] for r in runs]
        sd = statistics.pstdev(f1s) if len(f1s) > 1 else 0.0
        label = " ".join(f"{k}={v}" for k, v in overrides.items()) or "defaults"
        print(f"{label}: P={mean[0]:.3f} R={mean[1]:.3f} F1={mean[2]:.3f} sd={sd:.3f} "
              f"min={min(f1s):.3f} stories={mean[3]:.1f} | " + " ".join(f"{x:.3f}" for x in f1s), flush=True)


if __name__ == "__main__":
    main()
