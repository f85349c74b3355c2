"""Paraphrase corroboration: the shipped word rule against an embedding-margin rule, held out.

The shipped rule (``claims._find_paraphrase_pairs``) joins two independent outlets' sentences that
are each other's closest in the other's report, at cosine 0.55+, in their first 5 sentences,
published within 7 days, without numbers, when their words (content and rare ones) overlap enough.
The candidate here keeps everything but the word test and asks instead that the pair's cosine be
``T`` or more and beat each sentence's second-closest sentence in the other report by ``M``.

(T, M) is chosen on the stories written before session 12 (grid T 0.45-0.65, M 0-0.2; the score is
sources counted right minus twice those counted wrong: a false merge costs more than a miss) and
scored on the four session-12 stories it never saw. Corroboration is scored as benchmarks/sources.py
does (largest independent-source count of the claims holding an item's keywords against the gold).

    PYTHONPATH=src:benchmarks .venv/bin/python benchmarks/paraphrase_rule.py
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

import story_fixtures as answer_keys
from sources import SESSION12, annotate

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle
from newsbrief.story import claims as claims_mod
from newsbrief.story.context import build_story
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import find_quantities

Rule = Callable[[SentencePool, npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], Sequence[str]], list[int]]
WORD_RULE: Rule = claims_mod._find_paraphrase_pairs


def make_margin_rule(floor: float, margin: float) -> Rule:
    """The embedding-margin rule at cosine ``floor`` and margin ``margin`` (module docstring)."""

    def rule(pool: SentencePool, rows: Any, cols: Any, cos: Any, source: Sequence[str]) -> list[int]:
        lead = np.fromiter((r.sentence < claims_mod.PARAPHRASE_LEAD for r in pool.refs), dtype=bool, count=len(pool))
        out = []
        vectors = pool.vectors
        for k in np.nonzero((cos >= floor) & lead[rows] & lead[cols])[0].tolist():
            i, j = int(rows[k]), int(cols[k])
            ai, aj = int(pool.article[i]), int(pool.article[j])
            if source[i] == source[j] or claims_mod._published_apart(pool.published[ai], pool.published[aj]) > claims_mod.TOLL_WINDOW_DAYS:
                continue
            to_j = np.sort(vectors[pool.article == aj] @ vectors[i])
            to_i = np.sort(vectors[pool.article == ai] @ vectors[j])
            c = float(vectors[i] @ vectors[j])
            if to_j[-1] > c + 1e-6 or to_i[-1] > c + 1e-6:
                continue  # not each other's closest
            second = max(to_j[-2] if to_j.size > 1 else -1.0, to_i[-2] if to_i.size > 1 else -1.0)
            if c - second < margin:
                continue
            if find_quantities(pool.texts[i], keep_unkeyed=True) or find_quantities(pool.texts[j], keep_unkeyed=True):
                continue
            out.append(k)
        return out

    return rule


def score(stories: dict[str, tuple[list[AnnotatedArticle], list[dict[str, Any]]]], rule: Rule) -> tuple[int, int, int, int, int]:
    """(sources right, found, wanted, items met, items) over ``stories`` with ``rule`` in place."""
    settings = load_settings()
    tp = got = want = met = n = 0
    claims_mod._find_paraphrase_pairs = rule
    try:
        for annotated, items in stories.values():
            claims = claims_mod.align_claims(build_story(annotated, settings), settings)
            for item in items:
                found = max((c.independent_sources for c in answer_keys.find_keyword_claims(claims, item["keywords"])), default=0)
                tp += min(found, item["independent"])
                got += found
                want += item["independent"]
                met += found == item["independent"]
                n += 1
    finally:
        claims_mod._find_paraphrase_pairs = WORD_RULE
    return tp, got, want, met, n


def describe(r: tuple[int, int, int, int, int]) -> str:
    tp, got, want, met, n = r
    return f"P {tp}/{got}  R {tp}/{want}  met {met}/{n}"


def main() -> None:
    """Tune on the older stories, score on the session-12 ones."""
    stories: dict[str, tuple[list[AnnotatedArticle], list[dict[str, Any]]]] = {}
    for name in ["seeds", *answer_keys.list_fixture_stories()]:
        if name == "seeds":
            stories[name] = (annotate(answer_keys.build_seed_articles()), answer_keys.load_gold()["corroboration"]["claims"])
        else:
            stories[name] = (annotate(answer_keys.build_fixture_articles(name)), answer_keys.load_fixture_expectations(name)["corroboration"])
    old = {k: v for k, v in stories.items() if k not in SESSION12}
    new = {k: v for k, v in stories.items() if k in SESSION12}
    print(f"word rule (shipped)   tuning ({len(old)} stories): {describe(score(old, WORD_RULE))}   held out ({len(new)}): {describe(score(new, WORD_RULE))}")
    print(f"no paraphrase edges   tuning: {describe(score(old, lambda *a: []))}   held out: {describe(score(new, lambda *a: []))}")
    grid = {}
    for floor in (0.45, 0.5, 0.55, 0.6, 0.65):
        for margin in (0.0, 0.05, 0.1, 0.15, 0.2):
            grid[(floor, margin)] = score(old, make_margin_rule(floor, margin))
            print(f"margin rule T={floor:.2f} M={margin:.2f}  tuning: {describe(grid[(floor, margin)])}", flush=True)
    best = max(grid, key=lambda k: (grid[k][0] - 2 * (grid[k][1] - grid[k][0]), k))
    print(f"chosen on tuning: T={best[0]:.2f} M={best[1]:.2f}  tuning: {describe(grid[best])}")
    print(f"held out with it: {describe(score(new, make_margin_rule(*best)))}")


if __name__ == "__main__":
    main()
