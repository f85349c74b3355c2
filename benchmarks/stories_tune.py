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

``--heldout 10`` is the leave-events-out protocol (what benchmarks/stories.py reports as its
headline): 10 random splits of the events, every grid setting scored on both sides, the setting
chosen on the tuning side by each selection rule (:func:`select`) scored on the held-out side,
and also run on all the events at once (does the choice carry to a corpus of another size?).
With ``--corpus t17`` each subject is held out in turn and an article's event is its subject's
articles within ``--near-days`` days.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
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
from newsbrief.corpus.features import ArticleFeatures, describe_article

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


@dataclasses.dataclass(frozen=True)
class Coverage:
    """How many of a corpus's files a database's figures cover, and why the others are left out."""

    files: int  # the corpus's files
    unread: int  # the reader skips them (empty, not an article)
    missing: int  # read, but their text is not in the database (not ingested, or read differently then)

    @property
    def scored(self) -> int:
        return self.files - self.unread - self.missing

    def describe(self) -> str:
        out = f"{self.scored} of {self.files} files scored ({self.unread} skipped by the reader"
        if self.missing:
            out += f"; {self.missing} read but not in the database: ingest the corpus's files into it to score them"
        return out + ")"


def load_items(db: Path, corpus: str) -> tuple[list[Item], dict[str, AnnotatedArticle], Coverage]:
    """The corpus's non-empty files with their gold labels, the stored annotation per fingerprint,
    and how many files are left out (a partial database scores what it holds, and says so)."""
    settings = load_settings()
    if corpus == "duc":
        files = sorted(str(p) for p in DUC.glob("*/*.txt"))
    else:
        files = sorted(t17_files(None))
    with Store(db) as store:  # upgrades a database of an older schema (annotations are kept)
        seq_of = dict(store.conn.execute("SELECT fingerprint, seq FROM articles").fetchall())
        items: list[Item] = []
        stored: dict[str, AnnotatedArticle] = {}
        unread = missing = 0
        for n, f in enumerate(files):
            articles, _ = read_paths([f], settings)
            if not articles:
                unread += 1
                continue
            fp = fingerprint(articles[0])
            if fp not in seq_of:
                missing += 1
                continue
            gold = Path(f).parent.name if corpus == "duc" else Path(f).parts[-4].split("_")[0]
            items.append(Item(f, gold, fp, n, len(files)))
            if fp not in stored:
                stored[fp] = store.load_annotated(seq_of[fp])
    return items, stored, Coverage(len(files), unread, missing)


def arrival_order(items: Sequence[Item], seed: int) -> list[Item]:
    """The order benchmarks/stories.py ingests in: all files sorted, shuffled by ``seed``."""
    by_index = {it.index: it for it in items}
    order = list(range(items[0].total))
    random.Random(seed).shuffle(order)
    return [by_index[i] for i in order if i in by_index]


FEATURE_FIELDS = ("lead_sentences", "lead_weight", "entity_weight", "lead_term_weight", "tf_weight", "name_weight", "number_weight")


class Features:
    """Clustering features of the stored texts, computed once per feature setting."""

    def __init__(self, stored: dict[str, AnnotatedArticle]):
        self.stored = stored
        self.cache: dict[tuple[Any, ...], dict[str, ArticleFeatures]] = {}

    def get(self, params: StoryParams, fps: Sequence[str], key_of: dict[str, int]) -> list[ArticleFeatures]:
        sig = tuple(getattr(params, f) for f in FEATURE_FIELDS)
        table = self.cache.setdefault(sig, {})
        out = []
        for fp in fps:
            f = table.get(fp)
            if f is None:
                f = table[fp] = describe_article(0, self.stored[fp], params)
            out.append(dataclasses.replace(f, key=key_of[fp]))
        return out


def replay(items: Sequence[Item], stored: dict[str, AnnotatedArticle] | Features, params: StoryParams, seed: int,
           batch: int = BATCH) -> tuple[float, float, float, int]:
    """Online clustering of ``items`` in the shuffled order ``seed``; BCubed P, R, F1 and story count."""
    feats_of = stored if isinstance(stored, Features) else Features(stored)
    story = cluster_stream(items, feats_of, params, seed, batch)
    pred = [story[it.fp] for it in items]
    p, r, f1 = bcubed(pred, [it.gold for it in items])
    return p, r, f1, len(set(pred))


@dataclasses.dataclass(frozen=True)
class Split:
    """One leave-events-out split: the setting chosen on the tuning events and its scores."""

    tune_events: tuple[str, ...]
    test_events: tuple[str, ...]
    chosen: dict[str, Any]
    tune_f1: float
    test: tuple[float, float, float, int]  # P, R, F1, stories on the held-out events
    best_test_f1: float  # the best any setting of the grid reaches on them (hindsight, for reference)


SELECTION_RULES = ("smooth", "best")


def neighbours(grid: Sequence[dict[str, Any]], i: int) -> list[int]:
    """Grid settings one step away from ``grid[i]`` along one axis (the others equal)."""
    axes = {k: sorted({g[k] for g in grid}) for k in grid[i]}
    out = []
    for j, g in enumerate(grid):
        diff = [k for k in g if g[k] != grid[i][k]]
        if len(diff) == 1:
            vals = axes[diff[0]]
            if abs(vals.index(g[diff[0]]) - vals.index(grid[i][diff[0]])) == 1:
                out.append(j)
    return out


def select(grid: Sequence[dict[str, Any]], f1s: Sequence[float], rule: str = "smooth") -> int:
    """Index of the grid setting to ship, from the F1 of every setting on the tuning events.

    ``best``: the highest F1 (ties: the earlier setting). ``smooth``: the highest mean F1 over the
    setting and its one-step neighbours (ties: its own F1, then the earlier) -- a setting in the
    middle of a good region rather than on the edge of a cliff, which is what carries to a corpus
    of another size (on DUC halves 0.07 and 0.08 often tie, and 0.07 merges related events once
    all 25 are together).
    """
    if rule == "best":
        return max(range(len(grid)), key=lambda i: (round(f1s[i], 6), -i))
    smooth = [statistics.mean([f1s[i]] + [f1s[j] for j in neighbours(grid, i)]) for i in range(len(grid))]
    return max(range(len(grid)), key=lambda i: (round(smooth[i], 6), round(f1s[i], 6), -i))


def choose(items: Sequence[Item], feats: Features, grid: Sequence[dict[str, Any]], seed: int, base: StoryParams,
           rule: str = "smooth") -> tuple[dict[str, Any], float, list[float]]:
    """The grid setting chosen on ``items`` by ``rule`` (see :func:`select`), its F1, every F1."""
    f1s = [replay(items, feats, dataclasses.replace(base, **g), seed)[2] for g in grid]
    best = select(grid, f1s, rule)
    return grid[best], f1s[best], f1s


@dataclasses.dataclass(frozen=True)
class SplitTable:
    """Every grid setting's scores on both sides of one split (selection rules are applied after)."""

    tune_events: tuple[str, ...]
    test_events: tuple[str, ...]
    tune_f1: list[float]
    test: list[tuple[float, float, float, int]]

    def split(self, grid: Sequence[dict[str, Any]], rule: str) -> Split:
        i = select(grid, self.tune_f1, rule)
        return Split(self.tune_events, self.test_events, grid[i], self.tune_f1[i], self.test[i], max(t[2] for t in self.test))


def leave_events_out_tables(items: Sequence[Item], feats: Features, grid: Sequence[dict[str, Any]], splits: int,
                            base: StoryParams | None = None, holdout: float = 0.5) -> list[SplitTable]:
    """Random splits of the events (seeds 1000..): every grid setting scored on each side.

    Each side is clustered on its own, as an unseen corpus would be: the tuning events' articles
    choose the setting, the held-out events' articles are clustered with it and scored.
    """
    base = base or StoryParams()
    events = sorted({it.gold for it in items})
    out = []
    for s in range(splits):
        shuffled = events[:]
        random.Random(1000 + s).shuffle(shuffled)
        n_test = max(1, round(len(events) * holdout))
        test_ev, tune_ev = sorted(shuffled[:n_test]), sorted(shuffled[n_test:])
        tune = [it for it in items if it.gold in set(tune_ev)]
        test = [it for it in items if it.gold in set(test_ev)]
        tune_f1 = [replay(tune, feats, dataclasses.replace(base, **g), s)[2] for g in grid]
        scored = [replay(test, feats, dataclasses.replace(base, **g), s) for g in grid]
        out.append(SplitTable(tuple(tune_ev), tuple(test_ev), tune_f1, scored))
    return out


def leave_events_out(items: Sequence[Item], feats: Features, grid: Sequence[dict[str, Any]], splits: int,
                     base: StoryParams | None = None, holdout: float = 0.5, rule: str = "smooth") -> list[Split]:
    """Tune on some events, score on the others, ``splits`` times (see :func:`leave_events_out_tables`)."""
    return [t.split(grid, rule) for t in leave_events_out_tables(items, feats, grid, splits, base, holdout)]


def item_day(it: Item) -> dt.date | None:
    """Publication day of a Timeline17 file (its folder name), None for DUC's undated files."""
    try:
        return dt.date.fromisoformat(Path(it.path).parent.name)
    except ValueError:
        return None


def bcubed_rows(pred: Sequence[object], gold: Sequence[object], days: Sequence[dt.date | None] | None = None,
                near_days: int = 0) -> tuple[list[float], list[float]]:
    """Per-item BCubed precision and recall. With ``days`` and ``near_days``, an item's *event* is
    the items of its label published within ``near_days`` of it (on a corpus whose labels are
    months-long subjects: a war's story of this week is not the story of last month): precision
    is the share of its story in its event, recall the share of its event in its story."""
    n = len(pred)
    by_story: dict[object, list[int]] = {}
    for i, x in enumerate(pred):
        by_story.setdefault(x, []).append(i)
    by_gold: dict[object, list[int]] = {}
    for i, g in enumerate(gold):
        by_gold.setdefault(g, []).append(i)
    prec, rec = [], []
    for i in range(n):
        mates = by_story[pred[i]]
        di = days[i] if days is not None and near_days else None

        def near(j: int) -> bool:
            dj = days[j] if days is not None else None
            return di is None or (dj is not None and abs((dj - di).days) <= near_days)

        event = [j for j in by_gold[gold[i]] if near(j)]
        prec.append(sum(1 for j in mates if gold[j] == gold[i] and near(j)) / len(mates))
        rec.append(sum(1 for j in event if pred[j] == pred[i]) / len(event))
    return prec, rec


def neighbourhood_ceiling(items: Sequence[Any], near_days: int) -> list[tuple[str, float]]:
    """F1 under the ``near_days`` neighbourhood definition of an event (see :func:`bcubed_rows`; stories.T17_EVENT_DAYS) of
    partitions built from the answers alone: each subject whole, or cut into calendar bins of 7,
    14 and 30 days. None reaches 1, because a neighbourhood is not a partition."""
    gold = [it.gold for it in items]
    days = [item_day(it) for it in items]
    out = []
    for label, size in (("whole subject", 0), ("7-day bins", 7), ("14-day bins", 14), ("30-day bins", 30)):
        pred = [f"{g} {d.toordinal() // size if size and d else ''}" for g, d in zip(gold, days, strict=True)]
        prec, rec = bcubed_rows(pred, gold, days, near_days)
        p, r = statistics.mean(prec), statistics.mean(rec)
        out.append((label, 2 * p * r / (p + r)))
    return out


def leave_one_event_out(items: Sequence[Item], feats: Features, grid: Sequence[dict[str, Any]], base: StoryParams | None = None,
                        runs: Sequence[dict[str, int]] | None = None, near_days: int = 0, rule: str = "smooth") -> list[Split]:
    """Each event held out in turn, the setting chosen on all the others (for corpora of few events:
    Timeline17's four subjects). The stream is clustered whole once per setting (one event alone
    cannot show a wrong merge); every article is scored by BCubed against the whole stream (so a
    story mixing subjects costs the held-out subject's precision), a setting is chosen by the mean
    over the other events' articles and scored by the mean over the held-out event's. ``near_days``:
    an article's event is its subject's articles within that many days (see :func:`bcubed_rows`)."""
    base = base or StoryParams()
    events = sorted({it.gold for it in items})
    runs = runs if runs is not None else [cluster_stream(items, feats, dataclasses.replace(base, **g), 0) for g in grid]
    gold = [it.gold for it in items]
    days = [item_day(it) for it in items]
    rows = [bcubed_rows([run[it.fp] for it in items], gold, days, near_days) for run in runs]

    def score(k: int, keep: set[str]) -> tuple[float, float, float, int]:
        idx = [i for i, g in enumerate(gold) if g in keep]
        p = statistics.mean(rows[k][0][i] for i in idx)
        r = statistics.mean(rows[k][1][i] for i in idx)
        return p, r, 2 * p * r / (p + r), len({runs[k][items[i].fp] for i in idx})

    out = []
    for ev in events:
        others = set(events) - {ev}
        tune_f1 = [score(k, others)[2] for k in range(len(runs))]
        best = select(grid, tune_f1, rule)
        test = [score(k, {ev}) for k in range(len(runs))]
        out.append(Split(tuple(sorted(others)), (ev,), grid[best], tune_f1[best], test[best], max(t[2] for t in test)))
    return out


def cluster_stream(items: Sequence[Item], feats: Features, params: StoryParams, seed: int, batch: int = BATCH) -> dict[str, int]:
    """Story of each distinct text (fingerprint) after the online clustering of ``items`` in order ``seed``."""
    order = arrival_order(items, seed)
    index = StoryIndex(params=params)
    key_of: dict[str, int] = {}
    new: list[str] = []
    for it in order:
        if it.fp not in key_of:
            key_of[it.fp] = len(key_of)
            new.append(it.fp)
    story: dict[int, int] = {}
    for i in range(0, len(new), batch):
        result = index.add_batch(feats.get(params, new[i : i + batch], key_of))
        story = {k: result.merged.get(s, s) for k, s in story.items()}
        story.update(result.assigned)
    return {fp: story[k] for fp, k in key_of.items()}


def summarize_splits(splits: Sequence[Split]) -> dict[str, float]:
    """Mean and spread of the held-out F1 (and P, R) over splits."""
    f1 = [s.test[2] for s in splits]
    return {
        "p": statistics.mean(s.test[0] for s in splits), "r": statistics.mean(s.test[1] for s in splits),
        "f1": statistics.mean(f1), "sd": statistics.pstdev(f1) if len(f1) > 1 else 0.0,
        "min": min(f1), "max": max(f1), "tune_f1": statistics.mean(s.tune_f1 for s in splits),
        "hindsight_f1": statistics.mean(s.best_test_f1 for s in splits),
    }


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
    ap.add_argument("--heldout", type=int, default=0,
                    help="leave-events-out: this many random halves of the events; the grid setting chosen on one half is scored on the other (--corpus t17: each subject held out in turn)")
    ap.add_argument("--against", type=Path, default=None,
                    help="with --heldout: also choose on all of --db and score on this database's corpus (--against-corpus)")
    ap.add_argument("--near-days", type=int, default=7,
                    help="--corpus t17 --heldout: an article's event is its subject's articles within this many days (0: the whole subject)")
    ap.add_argument("--against-corpus", choices=["duc", "t17"], default="t17")
    ap.add_argument("--orders", type=int, default=1,
                    help="--corpus t17 --heldout: repeat over this many arrival orders (seeds 0..) and report the mean: "
                         "beyond the window (256) the stream's order moves the Timeline17 figure")
    args = ap.parse_args()
    t0 = time.monotonic()
    items, stored, cover = load_items(args.db, args.corpus)
    feats = Features(stored)
    print(f"{cover.describe()}, {len(stored)} distinct texts, loaded in {time.monotonic() - t0:.1f}s", file=sys.stderr)
    grid = parse_grid(args.grid)
    if args.heldout and args.corpus == "t17":
        by_rule: dict[str, list[float]] = {rule: [] for rule in SELECTION_RULES}
        for seed in range(args.orders):
            runs = [cluster_stream(items, feats, dataclasses.replace(StoryParams(), **g), seed) for g in grid]
            for rule in SELECTION_RULES:
                splits = leave_one_event_out(items, feats, grid, runs=runs, near_days=args.near_days, rule=rule)
                for sp in splits:
                    print(f"[{rule}, order {seed}] held out {sp.test_events[0]}: chosen {sp.chosen} (F1 {sp.tune_f1:.3f} on the others) -> "
                          f"P={sp.test[0]:.3f} R={sp.test[1]:.3f} F1={sp.test[2]:.3f} stories={sp.test[3]} (best in hindsight {sp.best_test_f1:.3f})")
                m = summarize_splits(splits)
                by_rule[rule].append(m["f1"])
                print(f"[{rule}, order {seed}] T17 LOSO held out: F1 {m['f1']:.3f} sd {m['sd']:.3f} ({m['min']:.3f}-{m['max']:.3f}); P {m['p']:.3f} R {m['r']:.3f}", flush=True)
        if args.orders > 1:
            for rule, f1s in by_rule.items():
                print(f"[{rule}] T17 LOSO held out over {args.orders} arrival orders: F1 {statistics.mean(f1s):.3f} "
                      f"sd {statistics.pstdev(f1s):.3f} ({' '.join(f'{f:.3f}' for f in f1s)})")
        return
    if args.heldout:
        tables = leave_events_out_tables(items, feats, grid, args.heldout)
        whole = [replay(items, feats, dataclasses.replace(StoryParams(), **g), 0)[2] for g in grid]
        for rule in SELECTION_RULES:
            splits = [t.split(grid, rule) for t in tables]
            for sp in splits:
                print(f"[{rule}] tune {len(sp.tune_events)} events -> {sp.chosen} (F1 {sp.tune_f1:.3f}); held out {len(sp.test_events)}: "
                      f"P={sp.test[0]:.3f} R={sp.test[1]:.3f} F1={sp.test[2]:.3f} stories={sp.test[3]} (best in hindsight {sp.best_test_f1:.3f}); "
                      f"all events {whole[grid.index(sp.chosen)]:.3f}")
            m = summarize_splits(splits)
            carried = [whole[grid.index(sp.chosen)] for sp in splits]
            print(f"[{rule}] HELD OUT F1 {m['f1']:.3f} sd {m['sd']:.3f} ({m['min']:.3f}-{m['max']:.3f}); P {m['p']:.3f} R {m['r']:.3f}; "
                  f"tuning halves {m['tune_f1']:.3f}; hindsight {m['hindsight_f1']:.3f}; chosen setting on all events "
                  f"{statistics.mean(carried):.3f} sd {statistics.pstdev(carried):.3f}")
        if args.against:
            other, other_stored, _ = load_items(args.against, args.against_corpus)
            chosen, f1, _ = choose(items, feats, grid, 0, StoryParams())
            p, r, f, n = replay(other, Features(other_stored), dataclasses.replace(StoryParams(), **chosen), 0)
            print(f"chosen on all of {args.corpus} {chosen} (F1 {f1:.3f}) -> {args.against_corpus}: P={p:.3f} R={r:.3f} F1={f:.3f} stories={n}")
        return
    for overrides in grid:
        params = dataclasses.replace(StoryParams(), **overrides)
        if args.subsets:
            events = sorted({it.gold for it in items})
            runs = []
            for s in range(args.subsets):
                keep = set(random.Random(100 + s).sample(events, min(args.subset_size, len(events))))
                runs.append(replay([it for it in items if it.gold in keep], feats, params, s))
        else:
            runs = [replay(items, feats, params, seed) for seed in range(args.first_seed, args.first_seed + args.shuffles)]
        mean = [statistics.mean(r[i] for r in runs) for i in range(4)]
        f1s = [r[2] for r in runs]
        sd = statistics.pstdev(f1s) if len(f1s) > 1 else 0.0
        label = " ".join(f"{k}={v}" for k, v in overrides.items()) or "defaults"
        print(f"{label}: P={mean[0]:.3f} R={mean[1]:.3f} F1={mean[2]:.3f} sd={sd:.3f} "
              f"min={min(f1s):.3f} stories={mean[3]:.1f} | " + " ".join(f"{x:.3f}" for x in f1s), flush=True)


if __name__ == "__main__":
    main()
