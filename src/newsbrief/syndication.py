"""Syndicated copies: articles that retell one underlying report, grouped so each group counts as
one independent source.

Two kinds of evidence, taken pair by pair:

* **copy**: the share of the smaller article's 4-word shingles found in the other one. Verbatim
  and lightly edited wire copies score high; independent reports of one event share few 4-grams.
* **rewrite**: a sentence-by-sentence retelling (a paraphrase or a translation) keeps the report's
  facts and their order while every wording changes. Each sentence is paired with its semantic
  *twin* in the other article (high embedding cosine, or a fair cosine plus most of its rare
  words), and the longest chain of twins that keeps both articles' order (a monotone alignment) is
  measured over the smaller article. Independent reports share a few facts (the lead, a quote),
  rarely in the same order, and never most of their sentences.

A pair is syndicated when either share reaches ``Settings.syndication_threshold``. A wire credit
("Reuters", "AP") is weak evidence only: one agency files many different reports about one story,
so the same credit lowers the bar a little and two different agencies raise it a little.
Pairs are joined into groups transitively (a copy of a copy is the same report).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .config import Settings
from .models import AnnotatedArticle
from .wording import compute_idf, content_words, measure_overlap, word_shingles

# Cosine at or above which two sentences are twins. Measured on the seeds: the rewrite 001 pairs
# with 000 at 0.84-0.93 while the best cross-outlet pairs of independent reports reach 0.91 (two
# leads saying "Xi visits Vietnam"), so a twin alone proves little; the share of twins does.
TWIN_COSINE = 0.8
# A rewrite that keeps a sentence's specifics but recasts it (000/001: "Wang Wenbin said talks will
# focus on political security..." at cosine 0.59) still counts as a twin when most of the rarer
# words are shared (idf-weighted overlap 0.64 there; unrelated sentence pairs stay under 0.4).
TWIN_COSINE_FLOOR = 0.55
TWIN_OVERLAP = 0.55
# How much a shared (or conflicting) wire credit moves the threshold: weak evidence only.
CREDIT_NUDGE = 0.1
# A chain of fewer twins than this proves nothing (two leads and a shared quote are common).
MIN_TWINS = 3
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class PairEvidence:
    """What links two articles: shares are over the smaller article (0..1)."""

    copy_share: float
    twins: int
    twin_share: float
    threshold: float

    @property
    def syndicated(self) -> bool:
        """True when either share reaches the (credit-adjusted) threshold."""
        return self.copy_share >= self.threshold or self.twin_share >= self.threshold


def _normalize_credit(credit: str | None) -> str | None:
    if not credit:
        return None
    c = credit.strip().lower().replace(".", "")
    aliases = {"associated press": "ap", "agence france-presse": "afp", "agence france presse": "afp"}
    return aliases.get(c, c)


def adjust_threshold(a: AnnotatedArticle, b: AnnotatedArticle, settings: Settings) -> float:
    """The share two articles need, nudged by their wire credits (weak evidence)."""
    ca, cb = _normalize_credit(a.article.credit), _normalize_credit(b.article.credit)
    threshold = settings.syndication_threshold
    if ca and cb:
        threshold += -CREDIT_NUDGE if ca == cb else CREDIT_NUDGE
    return min(1.0, max(0.05, threshold))


def count_monotone_twins(twins: Sequence[tuple[int, int]]) -> int:
    """Length of the longest chain of twin pairs (i, j) increasing in both i and j.

    Longest increasing subsequence over j after sorting by i (j descending within one i, so one
    sentence of the first article is used at most once)."""
    ordered = sorted(twins, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    for _, j in ordered:
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
        else:
            tails[k] = j
    return len(tails)


def find_twins(
    a: AnnotatedArticle,
    b: AnnotatedArticle,
    words: dict[tuple[str, int], frozenset[str]],
    idf: dict[str, float],
) -> list[tuple[int, int]]:
    """Sentence pairs (index in a, index in b) that say the same thing."""
    if a.embeddings.shape[0] == 0 or b.embeddings.shape[0] == 0:
        return []
    sims = a.embeddings @ b.embeddings.T
    twins = [(int(i), int(j)) for i, j in zip(*np.nonzero(sims >= TWIN_COSINE), strict=True)]
    for i, j in zip(*np.nonzero((sims >= TWIN_COSINE_FLOOR) & (sims < TWIN_COSINE)), strict=True):
        wa = words[(a.article.id, int(i))]
        wb = words[(b.article.id, int(j))]
        if measure_overlap(wa, wb, idf) >= TWIN_OVERLAP:
            twins.append((int(i), int(j)))
    return twins


def _shingle_share(sa: frozenset[str], sb: frozenset[str]) -> float:
    smaller = min(len(sa), len(sb))
    return len(sa & sb) / smaller if smaller else 0.0


def compare_articles(
    a: AnnotatedArticle,
    b: AnnotatedArticle,
    settings: Settings,
    words: dict[tuple[str, int], frozenset[str]] | None = None,
    idf: dict[str, float] | None = None,
) -> PairEvidence:
    """Measure how far ``a`` and ``b`` retell one report (see the module docstring)."""
    if words is None or idf is None:
        words = {(x.article.id, s.index): content_words(s.text) for x in (a, b) for s in x.sentences}
        idf = compute_idf(words.values())
    copy = _shingle_share(
        word_shingles(a.article.body, SHINGLE_SIZE), word_shingles(b.article.body, SHINGLE_SIZE)
    )
    twins = count_monotone_twins(find_twins(a, b, words, idf))
    smaller = min(len(a.sentences), len(b.sentences))
    needed = min(MIN_TWINS, smaller)
    twin_share = twins / smaller if smaller and twins >= max(needed, 1) else 0.0
    return PairEvidence(copy, twins, twin_share, adjust_threshold(a, b, settings))


def find_syndication(
    annotated: Sequence[AnnotatedArticle], settings: Settings
) -> tuple[tuple[str, ...], ...]:
    """Groups (of two or more article ids, each sorted; groups sorted) of articles that retell one
    underlying report."""
    arts = sorted(annotated, key=lambda x: x.article.id)
    words = {(x.article.id, s.index): content_words(s.text) for x in arts for s in x.sentences}
    idf = compute_idf(words.values())
    parent = list(range(len(arts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            if compare_articles(arts[i], arts[j], settings, words, idf).syndicated:
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[str]] = {}
    for i, x in enumerate(arts):
        groups.setdefault(root(i), []).append(x.article.id)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values() if len(g) >= 2))


def map_independent_sources(
    article_ids: Sequence[str], groups: Sequence[Sequence[str]]
) -> dict[str, str]:
    """Each article id mapped to the id standing for its independent source (the first id of its
    syndication group, or itself)."""
    out = {a: a for a in article_ids}
    for g in groups:
        head = min(g)
        for a in g:
            out[a] = head
    return out
