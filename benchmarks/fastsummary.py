"""The summariser's fast path for tuning on DUC 2004: everything about a cluster that no model or
setting changes, computed once, then ``summarize`` step by step with a given importance model.

:func:`run_point` reproduces :func:`newsbrief.summary.summarize.summarize` (candidates, concept
weights over the independent articles, redundancy, per-candidate bonus, the ILP, reading order):
``python benchmarks/nestedcv.py --check`` compares the two cluster by cluster. :func:`fit` fits the
importance models (``newsbrief.summary.importance``) on a set of clusters, optionally on a subset
of their features (the others get coefficient 0). Used by ``benchmarks/nestedcv.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ablation import Cluster  # noqa: E402
from duc2004 import Score, Scorer  # noqa: E402

import newsbrief.summary.importance as importance  # noqa: E402
from newsbrief.config import load_settings  # noqa: E402
from newsbrief.summary.bigrams import find_concepts, stem, tokenize  # noqa: E402
from newsbrief.summary.candidates import Candidate, CandidateRules, find_candidates  # noqa: E402
from newsbrief.summary.importance import CONCEPT_FEATURES, SENTENCE_FEATURES, LinearModel  # noqa: E402
from newsbrief.summary.importance import describe_concepts, describe_sentences  # noqa: E402
from newsbrief.summary.selection import select_sentences  # noqa: E402
from newsbrief.summary.summarize import DEFAULT_PARAMS, FALLBACK_RULES, SummaryParams  # noqa: E402
from newsbrief.summary.summarize import find_redundant_pairs, first_reported, independent_sets  # noqa: E402
from newsbrief.summary.summarize import same_claim_groups  # noqa: E402

POISSON_ALPHA = 1e-3
RIDGE_ALPHA = 1.0
BUDGET = 100
# Candidates the sentence model is fitted on: the loosest rules of the grid (every kind it scores).
FIT_RULES = (60, True)

# The grids. The ILP is cheap when candidates carry a sentence value (0.1-0.3 CPU s a cluster) and
# slow without one (about 2 CPU s: many near-ties for branch and bound), so on a shared 2-core
# machine the families without a sentence value get small grids. The redundancy threshold stays at
# Settings.summary_redundancy (0.8): 0.7 and 0.9 changed the 25-cluster means by at most 0.03
# (benchmarks/results/ablation.md), below anything a fold can resolve.
REDUNDANCY = 0.8
MAX_WORDS = (45, 60)
COMPRESS = (True, False)


# --------------------------------------------------------------------------- per-cluster cache


@dataclass
class Variant:
    """One cluster's candidates under one (max_words, compress) rule, and what depends only on them."""

    candidates: list[Candidate]
    incidence: csr_matrix  # candidate x concept key
    words: np.ndarray
    sentence_x: np.ndarray  # SENTENCE_FEATURES, the two weight-dependent columns left to fill
    redundant: list[tuple[int, int]]
    exclusive: list[list[int]]
    target: np.ndarray | None = None  # sentence target (FIT_RULES only)


@dataclass
class Prepared:
    cluster: Cluster
    keys: list[str]
    concept_x: np.ndarray
    concept_y: np.ndarray
    variants: dict[tuple[int, bool], Variant]
    texts: dict[tuple[tuple[int, bool], tuple[int, ...]], Score] = field(default_factory=dict)


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
    """Everything about one cluster that no model or setting changes (references read only for
    the fitting targets)."""
    annotated, story = cl.annotated, cl.story
    _, concept_sets = find_candidates(annotated, CandidateRules(max_words=60, compress=False), True)
    indep = independent_sets(annotated, concept_sets, story.syndication)
    min_df = max(1, min(DEFAULT_PARAMS.min_df, len(indep) - 1))
    keys, cx = describe_concepts(indep, min_df)
    refs = scorer.refs(cl.name)
    in_refs: dict[str, int] = {}
    for r in refs:
        for k in find_concepts(r, True):
            in_refs[k] = in_refs.get(k, 0) + 1
    cy = np.array([in_refs.get(k, 0) for k in keys], dtype=float)
    col = {k: j for j, k in enumerate(keys)}
    ref_grams = [_grams(r) for r in refs]
    variants: dict[tuple[int, bool], Variant] = {}
    for max_words in MAX_WORDS:
        for compress in COMPRESS:
            rules = replace(DEFAULT_PARAMS, max_words=max_words, compress=compress).rules()
            cands, _ = find_candidates(annotated, rules, True)
            if not cands:
                cands, _ = find_candidates(annotated, FALLBACK_RULES, True)
            rows = [r for r, c in enumerate(cands) for k in c.concepts if k in col]
            cols = [col[k] for c in cands for k in c.concepts if k in col]
            inc = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(cands), len(keys)))
            sx = describe_sentences(annotated, cands, cl.claims, {})
            v = Variant(
                cands, inc, np.array([c.words for c in cands], dtype=float), sx,
                find_redundant_pairs(annotated, cands, REDUNDANCY),
                same_claim_groups(cl.claims, cands),
            )
            if (max_words, compress) == FIT_RULES:
                u_sh, b_sh = [], []
                for c in cands:
                    u, b = _grams(c.text)
                    u_sh.append(np.mean([sum(min(n, ru.get(k, 0)) for k, n in u.items()) for ru, _ in ref_grams]) / c.words)
                    b_sh.append(np.mean([sum(min(n, rb.get(k, 0)) for k, n in b.items()) for _, rb in ref_grams]) / c.words)
                v.target = np.vstack([u_sh, b_sh])
            variants[(max_words, compress)] = v
    return Prepared(cl, keys, cx, cy, variants)


# --------------------------------------------------------------------------- models


Models = tuple[LinearModel | None, LinearModel | None]


def _restricted(features: tuple[str, ...], used: tuple[str, ...], mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: float) -> LinearModel:
    """A LinearModel over all ``features`` whose unused ones carry coefficient 0."""
    full_mean, full_scale, full_coef = [0.0] * len(features), [1.0] * len(features), [0.0] * len(features)
    for j, name in enumerate(used):
        i = features.index(name)
        full_mean[i], full_scale[i], full_coef[i] = float(mean[j]), float(scale[j]) if scale[j] > 0 else 1.0, float(coef[j])
    return LinearModel(features, tuple(full_mean), tuple(full_scale), tuple(full_coef), float(intercept))


def concept_weights(p: Prepared, model: LinearModel | None) -> np.ndarray:
    """Per key: the learned weight (heaviest 1), or df ** 3 with content words x 0.1 when ``model`` is None."""
    if not p.keys:
        return np.zeros(0)
    if model is None:
        w = p.concept_x[:, 0] ** DEFAULT_PARAMS.df_exponent * np.where(p.concept_x[:, 6] > 0, DEFAULT_PARAMS.unigram_weight, 1.0)
        return np.asarray(w / max(float(w.max()), 1e-300))
    eta = model.predict(p.concept_x)
    return np.asarray(np.exp(eta - eta.max()))


def sentence_features(v: Variant, weights: np.ndarray) -> np.ndarray:
    x = v.sentence_x.copy()
    value = v.incidence @ weights if weights.size else np.zeros(len(v.candidates))
    x[:, 12] = value / np.maximum(1.0, v.words)
    x[:, 13] = np.log1p(value)
    return x


def fit(concept_features: tuple[str, ...], sentence_features_used: tuple[str, ...], train: Sequence[Prepared]) -> Models:
    """The importance models on ``concept_features`` / ``sentence_features_used`` fitted on ``train``
    (None for a model with no features)."""
    from sklearn.linear_model import PoissonRegressor, Ridge
    from sklearn.preprocessing import StandardScaler

    if not concept_features:
        return None, None
    idx = [CONCEPT_FEATURES.index(f) for f in concept_features]
    cx = np.vstack([p.concept_x[:, idx] for p in train])
    cy = np.concatenate([p.concept_y for p in train])
    sc = StandardScaler().fit(cx)
    pois = PoissonRegressor(alpha=POISSON_ALPHA, max_iter=3000).fit(sc.transform(cx), cy)
    concept = _restricted(CONCEPT_FEATURES, concept_features, sc.mean_, sc.scale_, pois.coef_, pois.intercept_)
    if not sentence_features_used:
        return concept, None
    sidx = [SENTENCE_FEATURES.index(f) for f in sentence_features_used]
    xs, targets = [], []
    for p in train:
        v = p.variants[FIT_RULES]
        xs.append(sentence_features(v, concept_weights(p, concept))[:, sidx])
        targets.append(v.target)
    t = np.hstack(targets)  # type: ignore[arg-type]
    u_mean, b_mean = float(t[0].mean()), float(t[1].mean())
    y = np.concatenate([0.5 * tt[0] / u_mean + 0.5 * tt[1] / b_mean for tt in targets])  # type: ignore[index]
    sx = np.vstack(xs)
    ss = StandardScaler().fit(sx)
    ridge = Ridge(alpha=RIDGE_ALPHA).fit(ss.transform(sx), y)
    sentence = _restricted(SENTENCE_FEATURES, sentence_features_used, ss.mean_, ss.scale_, ridge.coef_, ridge.intercept_)
    return concept, sentence


# --------------------------------------------------------------------------- fast summarise + score


def run_point(p: Prepared, models: Models, params: SummaryParams, scorer: Scorer, weights: np.ndarray | None = None) -> Score:
    """``summarize`` of one cluster with ``models`` and ``params`` (see the module docstring), scored."""
    concept, sentence = models
    w = concept_weights(p, concept) if weights is None else weights
    v = p.variants[(params.max_words, params.compress)]
    bonus = params.length_bonus * v.words
    if params.sentence_weight and sentence is not None:
        pred = sentence.predict(sentence_features(v, w))
        bonus = bonus + params.sentence_weight * (pred - pred.min()) * v.words
    wd = {k: float(x) for k, x in zip(p.keys, w, strict=True)}
    chosen = select_sentences(v.candidates, wd, BUDGET, v.redundant, bonus, v.exclusive)
    key = ((params.max_words, params.compress), tuple(chosen))
    if key not in p.texts:
        ordered = first_reported(p.cluster.story, p.cluster.claims, [v.candidates[i] for i in chosen])
        p.texts[key] = scorer.score(p.cluster.name, "\n".join(c.text for c in ordered))
    return p.texts[key]


def check(prepared: Sequence[Prepared], scorer: Scorer) -> None:
    """The fast path against ``summarize`` with the shipped models and defaults, cluster by cluster."""
    from newsbrief.summary.summarize import summarize

    settings = load_settings(words=BUDGET)
    models: Models = (importance.CONCEPT_MODEL, importance.SENTENCE_MODEL)
    for p in prepared:
        text = "\n".join(s.text for s in summarize(p.cluster.story, p.cluster.claims, settings, DEFAULT_PARAMS))
        slow = scorer.score(p.cluster.name, text)
        fast = run_point(p, models, DEFAULT_PARAMS, scorer)
        flag = "" if abs(slow.r1 - fast.r1) + abs(slow.r2 - fast.r2) < 1e-9 else "  DIFFERS"
        print(f"{p.cluster.name}: summarize {slow.r1:.2f}/{slow.r2:.2f} fast {fast.r1:.2f}/{fast.r2:.2f}{flag}", file=sys.stderr)


