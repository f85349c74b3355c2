"""The refinement pass after a batch's agglomeration (corpus/refine.py), on hand-made clusters."""

from __future__ import annotations

import math

import numpy as np

from newsbrief.corpus.refine import reassign_members


def unit(words: str) -> dict[str, float]:
    terms = words.split()
    return {t: 1.0 / math.sqrt(len(terms)) for t in terms}


def clusters(keywords: list[dict[str, float]], groups: list[list[int]]) -> tuple[np.ndarray, list[dict[str, float]], np.ndarray, list[list[int]]]:
    """Cluster sums of the given articles as the agglomeration leaves them."""
    sums: list[dict[str, float]] = []
    for g in groups:
        s: dict[str, float] = {}
        for i in g:
            for t, w in keywords[i].items():
                s[t] = s.get(t, 0.0) + w
        sums.append(s)
    dense = np.zeros((len(groups), 2))
    return dense, sums, np.array([float(len(g)) for g in groups]), [list(g) for g in groups]


SUMMIT = ["summit apec leader trade tariff", "summit apec leader trade forum", "summit apec tariff forum leader"]
ARREST = ["anwar arrest trial court police", "anwar arrest trial court judge"]
# A report of the arrest that also names the summit: filed with the summit, it belongs with the arrest.
STRAY = "anwar arrest trial court summit"


def test_an_article_moves_to_the_cluster_whose_articles_it_matches_best() -> None:
    keywords = [unit(w) for w in SUMMIT + [STRAY] + ARREST]
    dense, sums, counts, members = clusters(keywords, [[0, 1, 2, 3], [4, 5]])
    vectors = np.zeros((len(keywords), 2))
    changed = reassign_members(vectors, keywords, dense, sums, counts, members, 0.0, 0.0, 0.05)
    assert changed == {0, 1}
    assert members == [[0, 1, 2], [3, 4, 5]]
    assert counts.tolist() == [3.0, 3.0]
    # The sums follow the members: the stray report's words left the summit's sums.
    assert sums[0]["summit"] == sum(keywords[i]["summit"] for i in (0, 1, 2))
    assert "anwar" not in sums[0] and sums[1]["anwar"] == sum(keywords[i]["anwar"] for i in (3, 4, 5))


def test_no_move_below_the_margin_or_the_floor() -> None:
    keywords = [unit(w) for w in SUMMIT + [STRAY] + ARREST]
    vectors = np.zeros((len(keywords), 2))
    for margin, floor in ((0.9, 0.05), (0.0, 0.9)):
        dense, sums, counts, members = clusters(keywords, [[0, 1, 2, 3], [4, 5]])
        assert reassign_members(vectors, keywords, dense, sums, counts, members, 0.0, margin, floor) == set()
        assert members == [[0, 1, 2, 3], [4, 5]]


def test_an_article_alone_joins_the_cluster_it_matches_above_the_floor() -> None:
    # Alone, the stray report has no own link: it joins the arrest (mean link 0.8) when that clears
    # the floor, and stays alone when it does not; an unrelated report stays alone.
    keywords = [unit(w) for w in SUMMIT + [STRAY] + ARREST + ["flood river rain dam levee"]]
    vectors = np.zeros((len(keywords), 2))
    dense, sums, counts, members = clusters(keywords, [[0, 1, 2], [3], [4, 5], [6]])
    assert reassign_members(vectors, keywords, dense, sums, counts, members, 0.0, 0.0, 0.5) == {1, 2}
    assert members == [[0, 1, 2], [], [3, 4, 5], [6]] and counts.tolist() == [3.0, 0.0, 3.0, 1.0]
    dense, sums, counts, members = clusters(keywords, [[0, 1, 2], [3], [4, 5], [6]])
    assert reassign_members(vectors, keywords, dense, sums, counts, members, 0.0, 0.0, 0.85) == set()


def test_a_stored_storys_fixed_part_counts_in_its_link() -> None:
    # Cluster 1 is a stored story of 4 articles (outside the window: in its sums and count, not in
    # its members) plus one window article; the stray report matches it and moves there.
    keywords = [unit(w) for w in SUMMIT + [STRAY] + ARREST[:1]]
    dense, sums, counts, members = clusters(keywords, [[0, 1, 2, 3], [4]])
    fixed = unit(ARREST[1])
    for t, w in fixed.items():
        sums[1][t] = sums[1].get(t, 0.0) + 4 * w
    counts[1] += 4
    vectors = np.zeros((len(keywords), 2))
    reassign_members(vectors, keywords, dense, sums, counts, members, 0.0, 0.0, 0.05)
    assert members == [[0, 1, 2], [3, 4]] and counts.tolist() == [3.0, 6.0]
