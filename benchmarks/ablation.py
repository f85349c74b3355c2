"""Ablation and cross-validation of the summariser on the DUC 2004 development half.

The map stage (read, spaCy, embeddings) and the claims are computed once per cluster with the real
pipeline; then :func:`newsbrief.summary.summarize.summarize` runs with different
:class:`~newsbrief.summary.summarize.SummaryParams` and is scored by the protocol of ``duc2004.py``.

* **ablation**: the chosen parameters, then one change at a time (mean R-1 / R-2 / R-L over the 25
  clusters, CPU seconds of ``summarize`` per cluster).
* **cross-validation**: 5 folds over the sorted cluster names (fold k = every 5th cluster from the
  k-th); on each fold the grid point with the best training objective (R-2 + R-1 / 4: both
  recalls, on a comparable scale) is scored on the held-out clusters. Reported: the test mean and
  spread (standard deviation over folds), and which grid point each fold chose. The shipped
  defaults are the grid point best on all 25 clusters, reported with its fold-to-fold spread.

Usage: ``python benchmarks/ablation.py [--cache FILE] [--out benchmarks/results/ablation.md]``
(``--cache`` keeps the annotated clusters in a pickle between runs; they depend on the map-stage
code, so delete it when that changes).
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc2004 import DATA, Score, Scorer, git_commit, list_clusters, mean_score  # noqa: E402

import newsbrief.summary.importance as importance  # noqa: E402
from newsbrief.summary.candidates import find_candidates  # noqa: E402
from newsbrief.summary.bigrams import find_concepts, stem, tokenize  # noqa: E402
from newsbrief.config import Settings, load_settings  # noqa: E402
from newsbrief.summary.importance import LinearModel, describe_concepts, describe_sentences  # noqa: E402
from newsbrief.models import AnnotatedArticle, Claim  # noqa: E402
from newsbrief.story.context import StoryContext, build_story  # noqa: E402
from newsbrief.summary.summarize import DEFAULT_PARAMS, SummaryParams, summarize, weigh_concepts  # noqa: E402

OUT = Path(__file__).resolve().parent / "results" / "ablation.md"
FIT_OUT = Path(__file__).resolve().parent / "results" / "importance_fit.md"
FOLDS = 5

# One change at a time from the defaults (the first is the plain Gillick & Favre 2009 ILP).
ABLATIONS: dict[str, dict[str, object]] = {
    "Gillick & Favre: bigrams weighted by df, nothing else": {
        "concept_model": "df", "df_exponent": 1.0, "unigrams": False, "sentence_weight": 0.0,
        "length_bonus": 0.0, "compress": False,
    },
    "df ** 3 concept weights instead of learned ones, no sentence value": {"concept_model": "df", "sentence_weight": 0.0},
    "df ** 3 concept weights instead of learned ones": {"concept_model": "df"},
    "no learned sentence value": {"sentence_weight": 0.0},
    "sentence value weight 0.2": {"sentence_weight": 0.2},
    "no unigram concepts": {"unigrams": False},
    "no length bonus": {"length_bonus": 0.0},
    "min df 3": {"min_df": 3},
    "no compression": {"compress": False},
    "no followers": {"allow_followers": False},
    "no one-sentence-per-claim constraint": {"one_per_claim": False},
    "no quotes": {"allow_quotes": False},
    "max 60 words a sentence": {"max_words": 60},
    "min 10 words a sentence": {"min_words": 10},
    "centrality 0.1": {"centrality_weight": 0.1},
}

# The cross-validation grid (the learned models themselves are cross-validated by --fit).
GRID: dict[str, Sequence[object]] = {
    "sentence_weight": (0.05, 0.1, 0.2),
    "length_bonus": (0.0, 0.01, 0.03),
    "max_words": (45, 60),
    "compress": (True, False),
}


@dataclass(frozen=True)
class Cluster:
    name: str
    story: StoryContext
    claims: tuple[Claim, ...]

    @property
    def annotated(self) -> tuple[AnnotatedArticle, ...]:
        return self.story.annotated


def load_clusters(data: Path, cache: Path | None) -> list[Cluster]:
    """Annotated clusters and their claims (real pipeline), from ``cache`` when it exists."""
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            out: list[Cluster] = pickle.load(fh)
        return out
    from newsbrief.story.claims import align_claims
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths
    from newsbrief.annotate.resources import Resources

    settings = load_settings(words=100)
    resources = Resources(settings)
    out = []
    for c in list_clusters(data):
        articles, _ = read_paths([str(data / "docs" / c)], settings)
        story = build_story(annotate_articles(articles, resources), settings)
        out.append(Cluster(c, story, align_claims(story, settings)))
        print(f"annotated {c}", file=sys.stderr)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def evaluate(
    clusters: Sequence[Cluster], params: SummaryParams, settings: Settings, scorer: Scorer
) -> tuple[dict[str, Score], float]:
    """Per-cluster scores of ``params`` and the median CPU seconds of ``summarize``."""
    scores: dict[str, Score] = {}
    cpu: list[float] = []
    for cl in clusters:
        t = time.process_time()
        summary = summarize(cl.story, cl.claims, settings, params)
        cpu.append(time.process_time() - t)
        scores[cl.name] = scorer.score(cl.name, "\n".join(s.text for s in summary))
    return scores, statistics.median(cpu)


def objective(s: Score) -> float:
    """What the folds maximise: both recalls on a comparable scale."""
    return s.r2 + s.r1 / 4.0


def describe(params: SummaryParams) -> str:
    """The parameters that differ from the shipped defaults ("defaults" if none)."""
    base = asdict(DEFAULT_PARAMS)
    diff = [f"{k}={v}" for k, v in asdict(params).items() if base[k] != v]
    return ", ".join(diff) or "defaults"


def run_ablation(clusters: Sequence[Cluster], settings: Settings, scorer: Scorer) -> list[str]:
    lines = ["| variant | R-1 | R-2 | R-L | summarize CPU s (median) |", "|---|---:|---:|---:|---:|"]
    variants = [("**defaults**", DEFAULT_PARAMS)] + [
        (name, replace(DEFAULT_PARAMS, **change)) for name, change in ABLATIONS.items()  # type: ignore[arg-type]
    ]
    for label, params in variants:
        scores, cpu = evaluate(clusters, params, settings, scorer)
        m = mean_score(list(scores.values()))
        lines.append(f"| {label} | {m.r1:.2f} | {m.r2:.2f} | {m.rl:.2f} | {cpu:.3f} |")
        print(lines[-1], file=sys.stderr)
    for thr in (0.7, 0.9):
        s2 = replace(settings, summary_redundancy=thr)
        scores, cpu = evaluate(clusters, DEFAULT_PARAMS, s2, scorer)
        m = mean_score(list(scores.values()))
        lines.append(f"| settings.summary_redundancy {thr} | {m.r1:.2f} | {m.r2:.2f} | {m.rl:.2f} | {cpu:.3f} |")
        print(lines[-1], file=sys.stderr)
    return lines


def run_cv(clusters: Sequence[Cluster], settings: Settings, scorer: Scorer) -> list[str]:
    keys = list(GRID)
    points = [replace(DEFAULT_PARAMS, **dict(zip(keys, vals, strict=True))) for vals in itertools.product(*GRID.values())]  # type: ignore[arg-type]
    table: list[dict[str, Score]] = []
    for i, p in enumerate(points):
        scores, _ = evaluate(clusters, p, settings, scorer)
        table.append(scores)
        m = mean_score(list(scores.values()))
        print(f"grid {i + 1}/{len(points)} {describe(p)}: {m.r1:.2f} {m.r2:.2f}", file=sys.stderr)
    names = [c.name for c in clusters]
    folds = [names[k::FOLDS] for k in range(FOLDS)]
    lines = [
        f"Grid: {', '.join(f'{k} in {list(v)}' for k, v in GRID.items())} ({len(points)} points).",
        "",
        "| fold | test clusters | chosen on the other folds | test R-1 | test R-2 | test R-L |",
        "|---|---|---|---:|---:|---:|",
    ]
    tests: list[Score] = []
    for k, test in enumerate(folds):
        train = [n for n in names if n not in test]
        best = max(range(len(points)), key=lambda i: (objective(mean_score([table[i][n] for n in train])), -i))
        t = mean_score([table[best][n] for n in test])
        tests.append(t)
        lines.append(f"| {k + 1} | {len(test)} | {describe(points[best])} | {t.r1:.2f} | {t.r2:.2f} | {t.rl:.2f} |")
    lines.append(
        f"| **mean ± sd** | | | **{statistics.fmean(t.r1 for t in tests):.2f} ± {statistics.stdev(t.r1 for t in tests):.2f}** "
        f"| **{statistics.fmean(t.r2 for t in tests):.2f} ± {statistics.stdev(t.r2 for t in tests):.2f}** "
        f"| {statistics.fmean(t.rl for t in tests):.2f} ± {statistics.stdev(t.rl for t in tests):.2f} |"
    )
    best_all = max(range(len(points)), key=lambda i: (objective(mean_score(list(table[i].values()))), -i))
    per_fold = [mean_score([table[best_all][n] for n in f]) for f in folds]
    m = mean_score(list(table[best_all].values()))
    lines += [
        "",
        f"Best on all 25 clusters: {describe(points[best_all])}: R-1 {m.r1:.2f}, R-2 {m.r2:.2f}, R-L {m.rl:.2f} "
        f"(spread over the 5 folds: R-1 sd {statistics.stdev(s.r1 for s in per_fold):.2f}, "
        f"R-2 sd {statistics.stdev(s.r2 for s in per_fold):.2f}).",
        "",
        "Top grid points on all 25 clusters:",
        "",
        "| grid point | R-1 | R-2 |",
        "|---|---:|---:|",
    ]
    ranked = sorted(range(len(points)), key=lambda i: (-objective(mean_score(list(table[i].values()))), i))
    for i in ranked[:8]:
        s = mean_score(list(table[i].values()))
        lines.append(f"| {describe(points[i])} | {s.r1:.2f} | {s.r2:.2f} |")
    return lines


# --------------------------------------------------------------------------- fitting the models

# Grid for the weight of the learned sentence value (SummaryParams.sentence_weight).
SENTENCE_WEIGHTS = (0.0, 0.05, 0.1, 0.2, 0.3)
POISSON_ALPHA = 1e-3  # light L2 penalty; the 10 features are few and the concepts many
RIDGE_ALPHA = 1.0


@dataclass
class Prepared:
    """Per cluster: concept features and targets, candidates and their sentence targets."""

    cluster: Cluster
    concept_keys: list[str]
    concept_x: object  # numpy matrix
    concept_y: object  # references (of 4) that contain each concept
    candidates: list  # type: ignore[type-arg]
    unigram_share: object  # per candidate: share of its words a reference echoes (unigrams)
    bigram_share: object  # ... (bigrams)


def _grams(text: str) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    toks = [stem(t) for t in tokenize(text)]
    uni: dict[str, int] = {}
    bi: dict[tuple[str, str], int] = {}
    for t in toks:
        uni[t] = uni.get(t, 0) + 1
    for pair in zip(toks, toks[1:], strict=False):
        bi[pair] = bi.get(pair, 0) + 1
    return uni, bi


def prepare(cl: Cluster, scorer: Scorer) -> Prepared:
    """Features and targets of one cluster (the only place references are read, for fitting)."""
    import numpy as np

    params = DEFAULT_PARAMS
    candidates, concept_sets = find_candidates(cl.annotated, params.rules(), True)
    min_df = max(1, min(params.min_df, len(concept_sets) - 1))
    keys, x = describe_concepts(concept_sets, min_df)
    refs = scorer.refs(cl.name)
    in_refs: dict[str, int] = {}
    for r in refs:
        for k in find_concepts(r, True):
            in_refs[k] = in_refs.get(k, 0) + 1
    y = np.array([in_refs.get(k, 0) for k in keys], dtype=float)
    ref_grams = [_grams(r) for r in refs]
    uni_share, bi_share = [], []
    for c in candidates:
        u, b = _grams(c.text)
        uni_share.append(np.mean([sum(min(v, ru.get(k, 0)) for k, v in u.items()) for ru, _ in ref_grams]) / c.words)
        bi_share.append(np.mean([sum(min(v, rb.get(k, 0)) for k, v in b.items()) for _, rb in ref_grams]) / c.words)
    return Prepared(cl, keys, x, y, candidates, np.array(uni_share), np.array(bi_share))


def fit_models(train: Sequence[Prepared]) -> tuple[LinearModel, LinearModel]:
    """The concept model (Poisson) and then the sentence model (ridge) on ``train``."""
    import numpy as np
    from sklearn.linear_model import PoissonRegressor, Ridge
    from sklearn.preprocessing import StandardScaler

    cx = np.vstack([p.concept_x for p in train])  # type: ignore[misc]
    cy = np.concatenate([p.concept_y for p in train])  # type: ignore[misc]
    sc = StandardScaler().fit(cx)
    pois = PoissonRegressor(alpha=POISSON_ALPHA, max_iter=3000).fit(sc.transform(cx), cy)
    concept = LinearModel(
        importance.CONCEPT_FEATURES,
        tuple(float(v) for v in sc.mean_),
        tuple(float(v) if v > 0 else 1.0 for v in sc.scale_),
        tuple(float(v) for v in pois.coef_),
        float(pois.intercept_),
    )
    xs, ys = [], []
    u_mean = float(np.mean(np.concatenate([p.unigram_share for p in train])))  # type: ignore[misc]
    b_mean = float(np.mean(np.concatenate([p.bigram_share for p in train])))  # type: ignore[misc]
    for p in train:
        min_df = max(1, min(DEFAULT_PARAMS.min_df, len(p.cluster.annotated) - 1))
        keys, x = describe_concepts(_concept_sets(p), min_df)
        w = importance.weigh_concepts_learned(_concept_sets(p), min_df, concept)
        xs.append(describe_sentences(p.cluster.annotated, p.candidates, p.cluster.claims, w))
        # Both recalls matter: half unigram echo, half bigram echo, each relative to its mean.
        ys.append(0.5 * p.unigram_share / u_mean + 0.5 * p.bigram_share / b_mean)  # type: ignore[operator]
    sx = np.vstack(xs)
    ss = StandardScaler().fit(sx)
    ridge = Ridge(alpha=RIDGE_ALPHA).fit(ss.transform(sx), np.concatenate(ys))
    sentence = LinearModel(
        importance.SENTENCE_FEATURES,
        tuple(float(v) for v in ss.mean_),
        tuple(float(v) if v > 0 else 1.0 for v in ss.scale_),
        tuple(float(v) for v in ridge.coef_),
        float(ridge.intercept_),
    )
    return concept, sentence


_SETS: dict[str, list[list[frozenset[str]]]] = {}


def _concept_sets(p: Prepared) -> list[list[frozenset[str]]]:
    if p.cluster.name not in _SETS:
        _SETS[p.cluster.name] = find_candidates(p.cluster.annotated, DEFAULT_PARAMS.rules(), True)[1]
    return _SETS[p.cluster.name]


def score_with(
    models: tuple[LinearModel, LinearModel], clusters: Sequence[Cluster], params: SummaryParams, settings: Settings, scorer: Scorer
) -> dict[str, Score]:
    """Scores of ``summarize`` on ``clusters`` with ``models`` in place of the shipped ones."""
    saved = importance.CONCEPT_MODEL, importance.SENTENCE_MODEL
    importance.CONCEPT_MODEL, importance.SENTENCE_MODEL = models
    try:
        return evaluate(clusters, params, settings, scorer)[0]
    finally:
        importance.CONCEPT_MODEL, importance.SENTENCE_MODEL = saved


def run_fit(clusters: Sequence[Cluster], settings: Settings, scorer: Scorer, write: bool) -> list[str]:
    """Cross-validate the learned models (and the sentence weight), then fit them on all clusters."""
    prepared = [prepare(c, scorer) for c in clusters]
    names = [c.name for c in clusters]
    folds = [names[k::FOLDS] for k in range(FOLDS)]
    lines = [
        "Each fold: both models fitted on the other 20 clusters; sentence_weight chosen among "
        f"{list(SENTENCE_WEIGHTS)} by the training objective (R-2 + R-1 / 4); scored on the held-out 5.",
        "",
        "| fold | sentence_weight chosen | test R-1 | test R-2 | test R-L | test R-1, df weights | test R-2, df weights |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    tests: list[Score] = []
    base_tests: list[Score] = []
    by_weight: dict[float, list[Score]] = {w: [] for w in SENTENCE_WEIGHTS}
    for k, test in enumerate(folds):
        train = [p for p in prepared if p.cluster.name not in test]
        models = fit_models(train)
        train_cl = [p.cluster for p in train]
        test_cl = [c for c in clusters if c.name in test]
        best_w, best_obj = SENTENCE_WEIGHTS[0], -1.0
        for w in SENTENCE_WEIGHTS:
            obj = objective(mean_score(list(score_with(models, train_cl, replace(DEFAULT_PARAMS, sentence_weight=w), settings, scorer).values())))
            if obj > best_obj + 1e-9:
                best_w, best_obj = w, obj
            by_weight[w].append(mean_score(list(score_with(models, test_cl, replace(DEFAULT_PARAMS, sentence_weight=w), settings, scorer).values())))
        t = mean_score(list(score_with(models, test_cl, replace(DEFAULT_PARAMS, sentence_weight=best_w), settings, scorer).values()))
        b = mean_score(list(evaluate(test_cl, replace(DEFAULT_PARAMS, concept_model="df", sentence_weight=0.0), settings, scorer)[0].values()))
        tests.append(t)
        base_tests.append(b)
        lines.append(f"| {k + 1} | {best_w} | {t.r1:.2f} | {t.r2:.2f} | {t.rl:.2f} | {b.r1:.2f} | {b.r2:.2f} |")
        print(lines[-1], file=sys.stderr)
    sd = statistics.stdev
    lines.append(
        f"| **mean ± sd** | | **{statistics.fmean(t.r1 for t in tests):.2f} ± {sd(t.r1 for t in tests):.2f}** "
        f"| **{statistics.fmean(t.r2 for t in tests):.2f} ± {sd(t.r2 for t in tests):.2f}** "
        f"| {statistics.fmean(t.rl for t in tests):.2f} ± {sd(t.rl for t in tests):.2f} "
        f"| {statistics.fmean(t.r1 for t in base_tests):.2f} ± {sd(t.r1 for t in base_tests):.2f} "
        f"| {statistics.fmean(t.r2 for t in base_tests):.2f} ± {sd(t.r2 for t in base_tests):.2f} |"
    )
    lines += ["", "Held-out scores by sentence_weight (models fitted on the other folds):", "", "| sentence_weight | test R-1 | test R-2 |", "|---:|---:|---:|"]
    for w, scores in by_weight.items():
        lines.append(
            f"| {w} | {statistics.fmean(s.r1 for s in scores):.2f} ± {sd(s.r1 for s in scores):.2f} "
            f"| {statistics.fmean(s.r2 for s in scores):.2f} ± {sd(s.r2 for s in scores):.2f} |"
        )
    concept, sentence = fit_models(prepared)
    block = render_models(concept, sentence)
    lines += ["", "Final models (fitted on all 25 clusters):", "", "```python", block.rstrip(), "```"]
    if write:
        path = Path(importance.__file__)
        src = path.read_text(encoding="utf-8")
        cut = src.index("CONCEPT_MODEL = LinearModel(")
        path.write_text(src[:cut] + block, encoding="utf-8")
        print(f"wrote the fitted models into {path}", file=sys.stderr)
    return lines


def render_models(concept: LinearModel, sentence: LinearModel) -> str:
    """Python source of the two fitted models, as importance.py holds them."""

    def nums(v: Sequence[float]) -> str:
        return "(" + ", ".join(f"{x:.6g}" for x in v) + ("," if len(v) == 1 else "") + ")"

    out = []
    for name, m, feats in (("CONCEPT_MODEL", concept, "CONCEPT_FEATURES"), ("SENTENCE_MODEL", sentence, "SENTENCE_FEATURES")):
        out.append(
            f"{name} = LinearModel(\n    features={feats},\n    mean={nums(m.mean)},\n    scale={nums(m.scale)},\n"
            f"    coef={nums(m.coef)},\n    intercept={m.intercept:.6g},\n)\n"
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--skip-cv", action="store_true", help="only the one-change-at-a-time table")
    ap.add_argument("--fit", action="store_true", help="cross-validate and fit the learned importance models")
    ap.add_argument("--write", action="store_true", help="with --fit: write the fitted models into importance.py")
    args = ap.parse_args(argv)
    settings = load_settings(words=100)
    scorer = Scorer(args.data)
    clusters = load_clusters(args.data, args.cache)
    if args.fit:
        text = "\n".join(run_fit(clusters, settings, scorer, args.write)) + "\n"
        print(text)
        FIT_OUT.write_text(text, encoding="utf-8")
        return 0
    lines = [
        f"# Summariser ablation, DUC 2004 development half ({len(clusters)} clusters)",
        "",
        f"Commit {git_commit()}. Same protocol as duc2004.md (rouge-score recall, Porter stemming, first "
        "100 words, 4 references); words=100. Map stage and claims computed once with the real pipeline.",
        "",
        f"Defaults: {', '.join(f'{k}={v}' for k, v in asdict(DEFAULT_PARAMS).items())}; "
        f"settings.summary_redundancy={settings.summary_redundancy}.",
        "",
        "## One change at a time",
        "",
        *run_ablation(clusters, settings, scorer),
    ]
    if not args.skip_cv:
        lines += ["", f"## {FOLDS}-fold cross-validation", "", *run_cv(clusters, settings, scorer)]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
