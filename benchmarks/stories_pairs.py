"""Does a learned pair scorer tell events apart better than the keyword vector alone? (DUC 2004)

Every pair of stored DUC texts gets four similarities: the clustering's keyword cosine (the
shipped vector: IDF over the corpus, lead, repeated-word and entity boosts), the lead-weighted
sentence-embedding cosine, a whole-name cosine (each person, organisation and place as one
IDF-weighted token, ``features.name_terms``) and a figure cosine (value + unit tokens,
``features.number_terms``). A logistic regression over them is trained on the pairs of 13 events
and scored on the pairs of the other 12 (the same 10 splits, seeds 1000-1009, as the held-out
headline of benchmarks/stories.py), against the keyword cosine alone on the same held-out pairs:
average precision of ranking same-event pairs first, mean and spread over the splits.

    .venv/bin/python benchmarks/stories_pairs.py --db duc.db

(``duc.db``: an ingest of the DUC files, as for ``stories.py --duc-db``.)
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from newsbrief.corpus import features as F
from newsbrief.corpus.clustering import StoryParams

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stories_tune as tune  # noqa: E402

MODELS = {"keywords + embedding": ("keywords", "embedding"), "keywords + names": ("keywords", "names"),
          "all four": ("keywords", "embedding", "names", "figures")}


def unit_rows(fps: Sequence[str], sets: Mapping[str, frozenset[str]], boosts: Mapping[str, Mapping[str, float]] | None = None) -> npt.NDArray[np.float64]:
    """IDF-weighted (smoothed, as the clustering's) term rows, L2-normalised, one per text."""
    df: dict[str, int] = {}
    for s in sets.values():
        for t in s:
            df[t] = df.get(t, 0) + 1
    vocab = {t: i for i, t in enumerate(sorted(df))}
    m = np.zeros((len(fps), max(1, len(vocab))))
    for r, fp in enumerate(fps):
        for t in sets[fp]:
            m[r, vocab[t]] = (math.log((len(fps) + 1) / (df[t] + 1)) + 1) * (boosts[fp].get(t, 1.0) if boosts else 1.0)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.asarray(m / np.where(norms == 0, 1.0, norms), dtype=np.float64)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="database of an ingest of the DUC files")
    ap.add_argument("--splits", type=int, default=10)
    args = ap.parse_args()
    items, stored, cover = tune.load_items(args.db, "duc")
    print(cover.describe(), file=sys.stderr)
    params = StoryParams()
    gold_of: dict[str, str] = {}
    for it in items:
        gold_of.setdefault(it.fp, it.gold)  # a text stored once for two events counts for the first
    fps = sorted(gold_of)
    desc = {fp: F.describe_article(0, stored[fp], params) for fp in fps}
    kw = unit_rows(fps, {fp: desc[fp].terms for fp in fps}, {fp: desc[fp].boosts for fp in fps})
    names = unit_rows(fps, {fp: F.name_terms(stored[fp]) for fp in fps})
    figures = unit_rows(fps, {fp: F.number_terms(stored[fp]) for fp in fps})
    dense = np.stack([desc[fp].vector for fp in fps]).astype(np.float64)
    upper = np.triu_indices(len(fps), 1)
    channels = {"keywords": (kw @ kw.T)[upper], "embedding": (dense @ dense.T)[upper],
                "names": (names @ names.T)[upper], "figures": (figures @ figures.T)[upper]}
    gold = np.array([gold_of[fp] for fp in fps])
    same = (gold[:, None] == gold[None, :])[upper]
    print(f"{len(fps)} texts, {len(same)} pairs, {int(same.sum())} of one event")
    for name, sim in channels.items():
        print(f"{name}: AUC {roc_auc_score(same, sim):.3f}, average precision {average_precision_score(same, sim):.3f} (all pairs)")
    events = sorted(set(gold.tolist()))
    scores: dict[str, list[float]] = {"keywords alone": [], **{m: [] for m in MODELS}}
    weights: list[npt.NDArray[np.float64]] = []
    for s in range(args.splits):
        shuffled = events[:]
        random.Random(1000 + s).shuffle(shuffled)
        test_events = set(shuffled[: round(len(events) / 2)])
        in_test = np.array([g in test_events for g in gold.tolist()])
        test = (in_test[:, None] & in_test[None, :])[upper]
        train = (~in_test[:, None] & ~in_test[None, :])[upper]
        scores["keywords alone"].append(float(average_precision_score(same[test], channels["keywords"][test])))
        for model, used in MODELS.items():
            x = np.stack([channels[c] for c in used], axis=1)
            lr = LogisticRegression(C=10.0, class_weight="balanced", max_iter=1000).fit(x[train], same[train])
            scores[model].append(float(average_precision_score(same[test], lr.decision_function(x[test]))))
            if model == "all four":
                weights.append(lr.coef_[0] / lr.coef_[0][0])
    print(f"held out ({args.splits} splits: trained on 13 events' pairs, scored on the other 12's), average precision:")
    for model, v in scores.items():
        print(f"  {model}: {statistics.mean(v):.3f} sd {statistics.pstdev(v):.3f}")
    w = np.stack(weights)
    print("  weights of 'all four' relative to keywords (mean, sd): "
          + ", ".join(f"{c} {m:.2f} sd {d:.2f}" for c, m, d in zip(MODELS["all four"], w.mean(0), w.std(0), strict=True)))


if __name__ == "__main__":
    main()
