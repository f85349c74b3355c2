"""Nested cross-validation of the summariser on the DUC 2004 development half (25 clusters).

What is estimated is the *whole tuning procedure*, not one setting: on each outer training set
(20 clusters) the importance models are fitted and the summary settings chosen by an inner CV, and
the outer held-out fold (5 clusters) is then summarised with what was chosen. Outer folds: 5,
repeated with several seeds (each repeat a new shuffle of the 25 clusters); inner folds: 4 over the
outer training set. Every per-fold figure is the mean over that fold's clusters, so the 13 published
systems (scored per cluster) are compared on exactly the same folds.

Model families, simplest first (the number of fitted coefficients in brackets):

* ``df`` (0): concept weight = (articles stating it) ** 3, content words x 0.1; no sentence value.
* ``small`` (9): learned concept weights from 4 features + a learned sentence value from 3.
* ``concept`` (11): learned concept weights from all 10 features; no sentence value.
* ``full`` (26): learned concept weights (10 features) + learned sentence value (14 features).

Each family has its own grid of selection settings (length bonus, longest candidate, shortened
versions and, for families with a sentence value, its weight); the inner CV picks, per family, the
grid point with the best objective (R-2 + R-1 / 4). The defaults' family: the simplest one whose
held-out objective (outer folds) is within one standard deviation of the paired difference to the
best family (so that choice is made on the outer folds, as a model comparison). Reported beside it:
the fully nested variant where the inner CV picks the family too (same rule over the inner folds).
Run on all 25 clusters (inner CV = 5 folds), the procedure gives the shipped settings for that
family (``--write`` puts its models, fitted on all 25, into importance.py).

The fast path here reproduces :func:`newsbrief.summary.summarize.summarize` step by step
(candidates, weights, redundancy, bonus, ILP, order) with everything that does not depend on the
model or the setting computed once per cluster; ``--check`` verifies it against ``summarize``.

Usage: ``python benchmarks/nestedcv.py [--cache FILE] [--repeats 3] [--out FILE] [--write]``
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ablation import load_clusters, objective  # noqa: E402
from duc2004 import DATA, Score, Scorer, list_peers, mean_score  # noqa: E402
from fastsummary import COMPRESS, MAX_WORDS, Models, Prepared, Variant, check, concept_weights, prepare, run_point  # noqa: E402
from fastsummary import fit as fit_features  # noqa: E402

import newsbrief.summary.importance as importance  # noqa: E402
from newsbrief.summary.importance import CONCEPT_FEATURES, SENTENCE_FEATURES  # noqa: E402
from newsbrief.summary.summarize import DEFAULT_PARAMS, SummaryParams  # noqa: E402

# The prepared-cluster cache pickles these under __main__ when this file runs as a script.
PICKLED = (Prepared, Variant)
OUT = Path(__file__).resolve().parent / "results" / "duc2004_nestedcv.md"
# The held-out figures duc2004.py prints beside its in-sample table.
SUMMARY_JSON = Path(__file__).resolve().parent / "results" / "duc2004_nestedcv.json"
OUTER, INNER = 5, 4
SMALL_CONCEPT = ("df", "log_tf", "log_first", "unigram")
SMALL_SENTENCE = ("inverse_position", "length", "concept_density")


@dataclass(frozen=True)
class Family:
    name: str
    coefficients: int  # fitted coefficients (simplicity order)
    concept: tuple[str, ...]  # concept features used ("" family df: none)
    sentence: tuple[str, ...]  # sentence features used (none: no sentence value)
    grid: tuple[SummaryParams, ...] = field(default=(), compare=False)


def make_grid(concept_model: str, **axes: Sequence[object]) -> tuple[SummaryParams, ...]:
    """Every combination of ``axes`` (SummaryParams fields) over the defaults."""
    keys = list(axes)
    return tuple(
        replace(DEFAULT_PARAMS, concept_model=concept_model, **dict(zip(keys, vals, strict=True)))  # type: ignore[arg-type]
        for vals in itertools.product(*axes.values())
    )


FAMILIES: tuple[Family, ...] = (
    Family("df", 0, (), (), make_grid("df", sentence_weight=(0.0,), length_bonus=(0.0, 0.03), compress=COMPRESS)),
    Family(
        "small", len(SMALL_CONCEPT) + 1 + len(SMALL_SENTENCE) + 1, SMALL_CONCEPT, SMALL_SENTENCE,
        make_grid("learned", sentence_weight=(0.05, 0.1), compress=COMPRESS),
    ),
    Family("concept", len(CONCEPT_FEATURES) + 1, CONCEPT_FEATURES, (), make_grid("learned", sentence_weight=(0.0,))),
    Family(
        "full", len(CONCEPT_FEATURES) + len(SENTENCE_FEATURES) + 2, CONCEPT_FEATURES, SENTENCE_FEATURES,
        make_grid("learned", sentence_weight=(0.05, 0.1), length_bonus=(0.0, 0.03), max_words=MAX_WORDS, compress=COMPRESS),
    ),
)

Table = dict[tuple[str, int], dict[str, Score]]  # (family, grid index) -> cluster -> score


def evaluate_grid(family: Family, models: Models, clusters: Sequence[Prepared], scorer: Scorer) -> dict[int, dict[str, Score]]:
    """Scores of every grid point of ``family`` on ``clusters``."""
    out: dict[int, dict[str, Score]] = {}
    for p in clusters:
        w = concept_weights(p, models[0])
        for g, params in enumerate(family.grid):
            out.setdefault(g, {})[p.cluster.name] = run_point(p, models, params, scorer, w)
    return out


def fit(family: Family, train: Sequence[Prepared]) -> Models:
    """The family's models fitted on ``train`` (None where the family has none)."""
    return fit_features(family.concept, family.sentence, train)


def point(family: Family, g: int) -> SummaryParams:
    return family.grid[g]


# --------------------------------------------------------------------------- the procedure


@dataclass
class Choice:
    family: Family
    g: int
    inner: dict[str, float]  # family -> best inner objective
    chosen_per_family: dict[str, int]


def split(names: Sequence[str], k: int, rng: random.Random) -> list[list[str]]:
    shuffled = list(names)
    rng.shuffle(shuffled)
    return [sorted(shuffled[i::k]) for i in range(k)]


def choose(train: Sequence[Prepared], scorer: Scorer, splits: Sequence[Sequence[list[str]]], fixed: dict[int, dict[str, Score]]) -> Choice:
    """Inner CV on ``train``: per family the best grid point, then the simplest family within noise.
    ``fixed``: the df family's scores per grid point and cluster (nothing is fitted for it)."""
    by_name = {p.cluster.name: p for p in train}
    per_fold: dict[str, dict[int, list[float]]] = {f.name: {} for f in FAMILIES}  # family -> g -> objective per inner fold
    for folds in splits:
        for test in folds:
            fit_on = [by_name[n] for n in by_name if n not in test]
            held = [by_name[n] for n in test]
            for fam in FAMILIES:
                if fam.concept:
                    table = evaluate_grid(fam, fit(fam, fit_on), held, scorer)
                else:
                    table = {g: {n: s[n] for n in test} for g, s in fixed.items()}
                for g, scores in table.items():
                    per_fold[fam.name].setdefault(g, []).append(objective(mean_score(list(scores.values()))))
    best_g = {f: max(sorted(d), key=lambda g: (statistics.fmean(d[g]), -g)) for f, d in per_fold.items()}
    inner = {f: statistics.fmean(per_fold[f][best_g[f]]) for f in per_fold}
    top = max(FAMILIES, key=lambda f: (inner[f.name], -f.coefficients))
    pick = top
    for fam in sorted(FAMILIES, key=lambda f: f.coefficients):
        if fam.coefficients >= top.coefficients:
            break
        diff = [a - b for a, b in zip(per_fold[top.name][best_g[top.name]], per_fold[fam.name][best_g[fam.name]], strict=True)]
        if statistics.fmean(diff) <= statistics.stdev(diff):
            pick = fam
            break
    return Choice(pick, best_g[pick.name], inner, best_g)


def describe(family: Family, g: int) -> str:
    params = point(family, g)
    parts = [family.name, f"length_bonus={params.length_bonus}", f"max_words={params.max_words}",
             f"compress={params.compress}"]
    if family.sentence:
        parts.append(f"sentence_weight={params.sentence_weight}")
    return ", ".join(parts)


def inner_splits(names: Sequence[str], k: int, seeds: Sequence[int]) -> list[list[list[str]]]:
    return [split(names, k, random.Random(1000 + s)) for s in seeds]


@dataclass
class Outer:
    repeat: int
    fold: int
    test: list[str]
    choice: Choice
    score: Score  # chosen setting on the held-out fold
    per_family: dict[str, Score]  # each family's own inner choice on the held-out fold


# What the worker processes read (set before the pool forks, so nothing big is pickled).
_STATE: dict[str, object] = {}


def _df_scores(name: str) -> dict[int, Score]:
    p = _STATE["by_name"][name]  # type: ignore[index]
    return {g: run_point(p, (None, None), params, _STATE["scorer"]) for g, params in enumerate(FAMILIES[0].grid)}  # type: ignore[arg-type]


def _run_task(task: tuple[int, int, int, list[str]]) -> Outer | Choice:
    """One outer fold (choose on its training clusters, score its held-out ones), or, for fold -1,
    the whole procedure on every cluster (the shipped defaults)."""
    repeat, fold, seed, test = task
    by_name: dict[str, Prepared] = _STATE["by_name"]  # type: ignore[assignment]
    scorer: Scorer = _STATE["scorer"]  # type: ignore[assignment]
    fixed: dict[int, dict[str, Score]] = _STATE["fixed"]  # type: ignore[assignment]
    names = sorted(by_name)
    train = [by_name[n] for n in names if n not in test]
    k = OUTER if fold < 0 else INNER
    choice = choose(train, scorer, inner_splits([p.cluster.name for p in train], k, _STATE["inner_seeds"]), fixed)  # type: ignore[arg-type]
    if fold < 0:
        return choice
    per_family: dict[str, Score] = {}
    for fam in FAMILIES:
        params = point(fam, choice.chosen_per_family[fam.name])
        if fam.concept:
            models = fit(fam, train)
            per_family[fam.name] = mean_score([run_point(by_name[n], models, params, scorer) for n in test])
        else:
            per_family[fam.name] = mean_score([fixed[choice.chosen_per_family[fam.name]][n] for n in test])
    o = Outer(repeat, fold, test, choice, per_family[choice.family.name], per_family)
    print(f"repeat {repeat + 1} fold {fold + 1}: {describe(choice.family, choice.g)} -> R-1 {o.score.r1:.2f} R-2 {o.score.r2:.2f}; "
          + ", ".join(f"{f} {s.r1:.2f}/{s.r2:.2f}" for f, s in per_family.items()), file=sys.stderr, flush=True)
    return o


def run_all(prepared: Sequence[Prepared], scorer: Scorer, seeds: Sequence[int], inner_seeds: Sequence[int], workers: int,
            saved: Path | None = None, final_too: bool = True) -> tuple[list[Outer], Choice | None]:
    """Every outer fold of every repeat, then the procedure on all clusters, ``workers`` at a time.
    With ``saved`` (a folder), each task's result is written there as it ends and tasks found there
    are not run again, so a run stopped part way is resumed (or reported from what it has)."""
    import multiprocessing as mp
    import pickle

    names = sorted(p.cluster.name for p in prepared)
    _STATE.update(by_name={p.cluster.name: p for p in prepared}, scorer=scorer, inner_seeds=list(inner_seeds))
    ctx = mp.get_context("fork")
    fixed: dict[int, dict[str, Score]] = {}
    if not FAMILIES[0].concept:  # the df family is run (nothing to fit: scored once per cluster)
        with ctx.Pool(workers) as pool:
            per_cluster = dict(zip(names, pool.map(_df_scores, names), strict=True))
        fixed = {g: {n: per_cluster[n][g] for n in names} for g in range(len(FAMILIES[0].grid))}
    _STATE["fixed"] = fixed
    tasks = [
        (r, k, seed, test) for r, seed in enumerate(seeds) for k, test in enumerate(split(names, OUTER, random.Random(seed)))
    ] + ([(-1, -1, 0, [])] if final_too else [])
    results: dict[tuple[int, int], Outer | Choice] = {}
    if saved is not None:
        saved.mkdir(parents=True, exist_ok=True)
        for t in tasks:
            f = saved / f"seed{t[2]}_fold{t[1]}.pkl"
            if f.exists():
                with f.open("rb") as fh:
                    results[(t[2], t[1])] = pickle.load(fh)
    todo = [t for t in tasks if (t[2], t[1]) not in results]
    if todo:
        with ctx.Pool(workers) as pool:
            for t, res in zip(todo, pool.imap(_run_task, todo, chunksize=1), strict=True):
                results[(t[2], t[1])] = res
                if saved is not None:
                    with (saved / f"seed{t[2]}_fold{t[1]}.pkl").open("wb") as fh:
                        pickle.dump(res, fh)
    outer = []
    for r, k, seed, _ in tasks:
        o = results[(seed, k)]
        if k >= 0 and isinstance(o, Outer):
            o.repeat = r  # this run's repeat index (a saved fold may come from a run with other seeds)
            outer.append(o)
    final = results.get((0, -1)) if final_too else None
    assert final is None or isinstance(final, Choice)
    return outer, final


def saved_outer(saved: Path, seeds: Sequence[int]) -> list[Outer]:
    """The outer folds of ``seeds`` saved in ``saved`` so far (a run still going, or stopped)."""
    import pickle

    out = []
    for r, seed in enumerate(seeds):
        for k in range(OUTER):
            f = saved / f"seed{seed}_fold{k}.pkl"
            if f.exists():
                with f.open("rb") as fh:
                    o = pickle.load(fh)
                o.repeat = r
                out.append(o)
    return out


def peer_scores(data: Path, scorer: Scorer, names: Sequence[str]) -> dict[str, dict[str, Score]]:
    """Each published system's score on each cluster (same protocol)."""
    out: dict[str, dict[str, Score]] = {}
    for peer in list_peers(data):
        out[peer] = {
            n: scorer.score(n, (data / "peers" / f"{n}.{peer}").read_text(encoding="utf-8", errors="replace")) for n in names
        }
    return out


def ms(values: Sequence[float]) -> str:
    return f"{statistics.fmean(values):.2f} ± {statistics.stdev(values):.2f}"


def prefer_simpler(outer: Sequence[Outer]) -> Family:
    """The family the defaults use: the best by held-out objective over the outer folds, or the
    simplest one whose mean difference to it is within one sd (over the folds) of that difference."""
    obj = {f.name: [objective(o.per_family[f.name]) for o in outer] for f in FAMILIES}
    best = max(FAMILIES, key=lambda f: (statistics.fmean(obj[f.name]), -f.coefficients))
    for fam in sorted(FAMILIES, key=lambda f: f.coefficients):
        if fam.coefficients >= best.coefficients:
            break
        diff = [a - b for a, b in zip(obj[best.name], obj[fam.name], strict=True)]
        if statistics.fmean(diff) <= statistics.stdev(diff):
            return fam
    return best


def default_point(family: Family) -> int:
    """Index of the shipped defaults (DEFAULT_PARAMS, learned weights) in ``family``'s grid."""
    want = replace(DEFAULT_PARAMS, concept_model="learned" if family.concept else "df")
    return next((g for g, p in enumerate(family.grid) if p == want), 0)


def report(outer: Sequence[Outer], peers: dict[str, dict[str, Score]], final: Choice | None, family: Family, final_models: Models,
           in_sample: Score, in_sample_folds: Sequence[Score], seeds: Sequence[int]) -> list[str]:
    """Markdown: held-out headline, in-sample beside it, peers on the same folds, families, choices."""
    r1 = [o.per_family[family.name].r1 for o in outer]
    r2 = [o.per_family[family.name].r2 for o in outer]
    nested1 = [o.score.r1 for o in outer]
    nested2 = [o.score.r2 for o in outer]
    lines = [
        f"Outer folds: {OUTER} x {len(seeds)} repeat(s) (seeds {list(seeds)}) = {len(outer)} held-out folds of 5 "
        f"clusters; inner CV: {INNER} folds of the 20 training clusters. Figures: mean ± sd over the "
        f"{len(outer)} held-out folds (each fold's figure is the mean over its 5 clusters).",
        "",
        f"newsbrief = the `{family.name}` family (the one the defaults use, see \"Simpler models\"), its importance "
        "models fitted and its settings chosen by the inner CV on each outer training set, then scored on the held-out fold.",
        "",
        "| system | held-out R-1 | held-out R-2 | R-1 diff (newsbrief − system) | R-2 diff | folds newsbrief ahead R-1 / R-2 |",
        "|---|---:|---:|---:|---:|---:|",
        f"| **newsbrief ({family.name}, nested CV)** | **{ms(r1)}** | **{ms(r2)}** | | | |",
    ]
    rows = []
    for peer, per in peers.items():
        p1 = [statistics.fmean(per[n].r1 for n in o.test) for o in outer]
        p2 = [statistics.fmean(per[n].r2 for n in o.test) for o in outer]
        d1 = [a - b for a, b in zip(r1, p1, strict=True)]
        d2 = [a - b for a, b in zip(r2, p2, strict=True)]
        rows.append((statistics.fmean(p2), f"| {peer} | {ms(p1)} | {ms(p2)} | {ms(d1)} | {ms(d2)} | "
                     f"{sum(d > 0 for d in d1)}/{len(d1)} / {sum(d > 0 for d in d2)}/{len(d2)} |"))
    lines += [r for _, r in sorted(rows, key=lambda t: -t[0])]
    ahead = [peer for peer, per in peers.items()
             if statistics.fmean(r1) > statistics.fmean(per[n].r1 for n in per)
             and statistics.fmean(r2) > statistics.fmean(per[n].r2 for n in per)]
    lines += [
        "",
        f"Held out, newsbrief's mean is above {len(ahead)} of {len(peers)} systems on both R-1 and R-2"
        + (f" (not: {', '.join(sorted(set(peers) - set(ahead)))})." if len(ahead) < len(peers) else "."),
        f"The fully nested procedure, with the family too picked inside each outer training set (simplest "
        f"family within one sd of the best over the {INNER} inner folds): R-1 {ms(nested1)}, R-2 {ms(nested2)}.",
        f"In-sample (the final settings, chosen and fitted on all 25, scored on the same 25): R-1 {in_sample.r1:.2f}, "
        f"R-2 {in_sample.r2:.2f}, R-L {in_sample.rl:.2f} (sd over the same folds: R-1 {statistics.stdev(s.r1 for s in in_sample_folds):.2f}, "
        f"R-2 {statistics.stdev(s.r2 for s in in_sample_folds):.2f}): optimistic by "
        f"{in_sample.r1 - statistics.fmean(r1):.2f} R-1 / {in_sample.r2 - statistics.fmean(r2):.2f} R-2.",
        "",
        "## Simpler models, held out",
        "",
        "Each family with its own settings chosen by the inner CV, scored on the same held-out folds. "
        "Difference to `full`: mean ± sd over the folds. The defaults take the simplest family whose "
        "objective (R-2 + R-1 / 4) is within one sd of the best family's: "
        f"**{family.name}**.",
        "",
        "| family (fitted coefficients) | held-out R-1 | held-out R-2 | objective − full's | R-1 − full's | R-2 − full's |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    full = [o.per_family["full"] for o in outer]
    for fam in FAMILIES:
        s = [o.per_family[fam.name] for o in outer]
        do = [objective(a) - objective(b) for a, b in zip(s, full, strict=True)]
        lines.append(
            f"| {fam.name} ({fam.coefficients}) | {ms([x.r1 for x in s])} | {ms([x.r2 for x in s])} | {ms(do)} "
            f"| {ms([a.r1 - b.r1 for a, b in zip(s, full, strict=True)])} | {ms([a.r2 - b.r2 for a, b in zip(s, full, strict=True)])} |"
        )
    counts: dict[str, int] = {}
    for o in outer:
        counts[o.choice.family.name] = counts.get(o.choice.family.name, 0) + 1
    lines += [
        "",
        "Family picked inside each outer fold by the inner CV (simplest within one sd of the best): "
        + ", ".join(f"{f} {n}/{len(outer)}" for f, n in sorted(counts.items(), key=lambda t: -t[1])) + ".",
        "",
        "## Per held-out fold",
        "",
        f"| repeat | fold | {family.name}: settings chosen on the 20 training clusters | held-out R-1 | held-out R-2 "
        "| inner rule's pick | its R-1 | its R-2 |",
        "|---:|---:|---|---:|---:|---|---:|---:|",
    ]
    for o in outer:
        h = o.per_family[family.name]
        lines.append(f"| {o.repeat + 1} | {o.fold + 1} | {describe(family, o.choice.chosen_per_family[family.name])} | {h.r1:.2f} | {h.r2:.2f} "
                     f"| {o.choice.family.name} | {o.score.r1:.2f} | {o.score.r2:.2f} |")
    lines += ["", "## The procedure on all 25 clusters (the shipped defaults)", ""]
    if final is None:
        lines.append(f"Not run in this invocation (`--no-final`); the defaults scored in-sample above: "
                     f"**{describe(family, default_point(family))}**.")
    else:
        lines += [
            f"Inner CV: {OUTER} folds over the 25. Best inner objective per family: "
            + ", ".join(f"{f} {v:.3f}" for f, v in final.inner.items()) + ".",
            "Per family's best point: " + "; ".join(f"{describe(f, final.chosen_per_family[f.name])}" for f in FAMILIES) + ".",
            f"Defaults: **{describe(family, final.chosen_per_family[family.name])}** "
            f"(the inner rule alone would pick {describe(final.family, final.g)}).",
        ]
    if final_models[0] is not None:
        from ablation import render_models

        sent = final_models[1] or importance.SENTENCE_MODEL
        lines += ["", "Models fitted on all 25 clusters:", "", "```python", render_models(final_models[0], sent).rstrip(), "```"]
    return lines


def write_summary(path: Path, outer: Sequence[Outer], peers: dict[str, dict[str, Score]], in_sample: Score,
                  final: Choice | None, family: Family, commit: str, repeats: int) -> None:
    """Held-out mean and sd (over the outer folds) of newsbrief and of each system on the same folds."""
    import json

    def stats(folds: Sequence[Score]) -> dict[str, float]:
        return {
            "r1": round(statistics.fmean(s.r1 for s in folds), 4), "r1_sd": round(statistics.stdev(s.r1 for s in folds), 4),
            "r2": round(statistics.fmean(s.r2 for s in folds), 4), "r2_sd": round(statistics.stdev(s.r2 for s in folds), 4),
        }

    systems = {"newsbrief": stats([o.per_family[family.name] for o in outer])}
    for peer, per in peers.items():
        systems[peer] = stats([mean_score([per[n] for n in o.test]) for o in outer])
    data = {
        "commit": commit, "outer_folds": OUTER, "repeats": repeats, "inner_folds": INNER, "held_out_folds": len(outer),
        "chosen_on_all": describe(family, default_point(family) if final is None else final.chosen_per_family[family.name]),
        "in_sample": {"r1": round(in_sample.r1, 4), "r2": round(in_sample.r2, 4)},
        "held_out": systems,
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    import os
    import time

    from duc2004 import git_commit

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the annotated clusters (see ablation.py)")
    ap.add_argument("--repeats", type=int, default=1, help="outer 5-fold CV repeated with seeds 0..N-1")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--limit", type=int, default=0, help="only the first N clusters (with --check)")
    ap.add_argument("--json", type=Path, default=SUMMARY_JSON, help="held-out means and sds for duc2004.py")
    ap.add_argument("--rerun", action="store_true", help="ignore cached fold results")
    ap.add_argument("--prepare-only", action="store_true", help="only build the caches")
    ap.add_argument("--check", action="store_true", help="only compare the fast path with summarize()")
    ap.add_argument("--write", action="store_true", help="write the final fitted models into importance.py")
    ap.add_argument("--families", default="", help="comma-separated families to run (default: all)")
    ap.add_argument("--seeds", default="", help="comma-separated outer shuffle seeds (default: 0..repeats-1)")
    ap.add_argument("--no-final", action="store_true", help="skip the procedure on all clusters (in-sample: the shipped defaults)")
    ap.add_argument("--partial", action="store_true", help="report from the outer folds saved so far (no new run)")
    args = ap.parse_args(argv)
    if args.families:
        global FAMILIES
        FAMILIES = tuple(f for f in FAMILIES if f.name in args.families.split(","))
    t0 = time.perf_counter()
    scorer = Scorer(args.data)
    clusters = load_clusters(args.data, args.cache)
    import pickle

    store = args.cache.with_suffix(".prepared.pkl") if args.cache else None
    if store is not None and store.exists():
        with store.open("rb") as fh:
            prepared: list[Prepared] = pickle.load(fh)
    else:
        prepared = [prepare(c, scorer) for c in clusters]
        if store is not None:
            with store.open("wb") as fh:
                pickle.dump(prepared, fh)
    print(f"prepared {len(prepared)} clusters in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.check:
        check(prepared[: args.limit or None], scorer)
        return 0
    if args.prepare_only:
        return 0
    seeds = [int(x) for x in args.seeds.split(",")] if args.seeds else list(range(args.repeats))
    names = [p.cluster.name for p in prepared]
    saved = args.cache.with_suffix(".folds" + (f"-{args.families.replace(',', '-')}" if args.families else "")) if args.cache else None
    final: Choice | None
    if args.rerun and saved is not None and saved.exists():
        import shutil

        shutil.rmtree(saved)
    if args.partial:
        if saved is None:
            ap.error("--partial needs --cache (the folds are saved beside it)")
        outer, final = saved_outer(saved, seeds), None
        seeds = [sd for sd in seeds if any((saved / f"seed{sd}_fold{k}.pkl").exists() for k in range(OUTER))]
        print(f"{len(outer)} outer folds saved so far", file=sys.stderr)
    else:
        outer, final = run_all(prepared, scorer, seeds, [0], args.workers, saved, not args.no_final)
    family = prefer_simpler(outer)
    final_models = fit(family, prepared)
    g_final = default_point(family) if final is None else final.chosen_per_family[family.name]
    params = point(family, g_final)
    print(f"defaults: {describe(family, g_final)}", file=sys.stderr)
    in_scores = {p.cluster.name: run_point(p, final_models, params, scorer) for p in prepared}
    in_sample = mean_score(list(in_scores.values()))
    in_folds = [mean_score([in_scores[n] for n in o.test]) for o in outer]
    peers = peer_scores(args.data, scorer, names)
    load = os.getloadavg()
    lines = [
        f"# DUC 2004 summary: nested cross-validation ({len(prepared)} development clusters)",
        "",
        f"Command: `python benchmarks/nestedcv.py {' '.join(sys.argv[1:] if argv is None else argv)}` (commit {git_commit()}); "
        f"{time.perf_counter() - t0:.0f} s wall, load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
        "(2 cores shared with other jobs). Protocol of duc2004.py: rouge-score recall, Porter stemming, "
        "first 100 words, mean over the 4 references.",
        "",
        *report(outer, peers, final, family, final_models, in_sample, in_folds, seeds),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    write_summary(args.json, outer, peers, in_sample, final, family, git_commit(), len(seeds))
    if args.write and final_models[0] is not None:
        from ablation import render_models

        path = Path(importance.__file__)
        src = path.read_text(encoding="utf-8")
        cut = src.index("CONCEPT_MODEL = LinearModel(")
        path.write_text(src[:cut] + render_models(final_models[0], final_models[1] or importance.SENTENCE_MODEL), encoding="utf-8")
        print(f"wrote the fitted models into {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
