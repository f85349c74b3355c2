"""Choosing the timeline's date weights on some Timeline17 topics and scoring them on the others.

``newsbrief.story.date_rank`` ranks dates by a weighted sum of scaled counts (articles naming the
date, later articles going back to it, articles published that day and the next, ...). Which counts
and what weights is the one thing fitted to data, and it is chosen here, always the same way
(``choose``): every candidate setting of a small menu (the unweighted sum, or a logistic regression
of "is a reference date", over each subset of the counts that contains ``articles``, at most
MAX_FEATURES of them) is scored by its leave-one-group-out Date-F1 over the training topics, and the
best is refitted on all of them. Ties go to fewer counts, then to the unweighted sum.

* Shipped weights: ``choose`` on every development topic (``--fit`` prints them).
* Held-out figure: for each topic, ``choose`` on the other topics (leave-one-topic-out), or on the
  topics of the other subjects (leave-one-subject-out: H1N1 has three outlets, and an outlet's
  timeline of one subject is not unseen data for another outlet's), then that topic's Date-F1 and
  ROUGE with the chosen weights.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsbrief.models import AnnotatedArticle
from newsbrief.story.date_rank import FEATURES, DateTable, collect_candidates, measure_dates, order_dates

MAX_FEATURES = 4
# Logistic regression's inverse regularisation (scikit-learn's default; not tuned).
LR_C = 1.0


@dataclass(frozen=True)
class TopicDates:
    """One reference timeline's candidate dates, their counts and which are reference dates."""

    name: str
    subject: str  # "H1N1" of "H1N1_bbc": topics of one subject share events
    table: DateTable
    reference: frozenset[str]
    n_dates: int

    @property
    def labels(self) -> npt.NDArray[np.float64]:
        return np.array([d in self.reference for d in self.table.dates], dtype=np.float64)


@dataclass(frozen=True)
class Setting:
    method: str  # "sum" (every chosen count weighs 1) or "logistic"
    features: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.method}({', '.join(self.features)})"


def measure_topic(name: str, annotated: Sequence[AnnotatedArticle], reference: Sequence[dt.date]) -> TopicDates:
    """The day dates inside the reference's span with their counts (as ``build_timeline`` sees them)."""
    window = (min(reference), max(reference))
    table = measure_dates(annotated, collect_candidates(annotated), window)
    days = [i for i, d in enumerate(table.dates) if len(d) == 10]
    table = DateTable(tuple(table.dates[i] for i in days), table.values[days])
    return TopicDates(name, name.split("_")[0], table, frozenset(d.isoformat() for d in reference), len(reference))


def date_f1(topic: TopicDates, weights: Mapping[str, float]) -> float:
    """Date-F1 of the topic's ``n_dates`` best dates under ``weights``."""
    chosen = set(order_dates(topic.table, weights)[: topic.n_dates])
    shared = len(chosen & topic.reference)
    if not shared:
        return 0.0
    p, r = shared / len(chosen), shared / len(topic.reference)
    return 2 * p * r / (p + r)


def menu() -> list[Setting]:
    """Every setting ``choose`` considers, simplest first."""
    rest = [f for f in FEATURES if f != "articles"]
    subsets = [("articles", *c) for k in range(MAX_FEATURES) for c in itertools.combinations(rest, k)]
    return [Setting(m, s) for s in subsets for m in ("sum", "logistic")]


def fit(setting: Setting, train: Sequence[TopicDates]) -> dict[str, float]:
    """The weights of ``setting`` fitted on ``train``."""
    key = (setting, tuple(t.name for t in train))
    if key not in _FITTED:
        _FITTED[key] = _fit(setting, train)
    return dict(_FITTED[key])


_FITTED: dict[tuple[Setting, tuple[str, ...]], dict[str, float]] = {}


def _fit(setting: Setting, train: Sequence[TopicDates]) -> dict[str, float]:
    if setting.method == "sum":
        return {f: 1.0 for f in setting.features}
    cols = [FEATURES.index(f) for f in setting.features]
    x = np.vstack([t.table.values[:, cols] for t in train])
    y = np.concatenate([t.labels for t in train])
    if len(set(y.tolist())) < 2:
        return {f: 1.0 for f in setting.features}
    coef = fit_logistic(x, y, LR_C)
    return {f: round(float(w), 3) for f, w in zip(setting.features, coef, strict=True)}


def fit_logistic(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], c: float) -> npt.NDArray[np.float64]:
    """L2-regularised logistic regression by Newton's method (scikit-learn's objective: log loss +
    ||w||^2 / 2C, intercept unpenalised); the coefficients without the intercept."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], 1.0 / c)
    penalty[-1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return w[:-1]


def held_out_mean(setting: Setting, topics: Sequence[TopicDates], group_of: Mapping[str, str]) -> float:
    """Mean Date-F1 of ``setting`` over ``topics``, each scored with weights fitted on the topics
    of the other groups."""
    scores = []
    for t in topics:
        train = [u for u in topics if group_of[u.name] != group_of[t.name]]
        scores.append(date_f1(t, fit(setting, train)) if train else 0.0)
    return float(np.mean(scores)) if scores else 0.0


def choose(topics: Sequence[TopicDates], group_of: Mapping[str, str]) -> tuple[Setting, dict[str, float]]:
    """The menu's setting with the best leave-one-group-out mean over ``topics``, refitted on all."""
    best = max(
        enumerate(menu()),
        key=lambda it: (round(held_out_mean(it[1], topics, group_of), 9), -len(it[1].features), -it[0]),
    )[1]
    return best, fit(best, topics)


def choose_without(
    topics: Sequence[TopicDates], group_of: Mapping[str, str]
) -> dict[str, tuple[Setting, dict[str, float]]]:
    """For each topic, the setting and weights ``choose`` picks from the topics of other groups."""
    out = {}
    for t in topics:
        train = [u for u in topics if group_of[u.name] != group_of[t.name]]
        out[t.name] = choose(train, group_of)
    return out
