"""One casualty count told once in words and once as a hedged number: "Dozens of people were
injured" / "More than 40 people were hurt".

Two reports of one day whose leads each give a casualty class one figure state one fact when one
figure is a count in words ("dozens", "scores", "hundreds") and the other a hedged number that
allows it ("more than 40"). The two sentences rarely look alike to an embedding (the numbers and
verbs differ), so :mod:`newsbrief.story.claims` links them like its one-toll pairs. Two hedged
numbers ("at least 12" / "at least 15") are not linked here: reported hours apart they are a toll
that rose.
"""

from __future__ import annotations

import re

from newsbrief.story.casualties import CASUALTY_KEYS
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import Quantity, compare_quantities
from newsbrief.story.scope import FIGURE_LEAD, is_set_apart

# Embedding floor for such a pair (the one-toll pairs' floor, claims.TOLL_COSINE).
VAGUE_TOLL_COSINE = 0.25
_DIGIT = re.compile(r"\d")


def find_vague_toll_pairs(pool: SentencePool) -> list[tuple[int, int]]:
    """Pairs (i < j) of lead sentences of two articles published on one day, each giving the only
    figure of a casualty class in its article, one in words and one a hedged number, that agree."""
    figures: dict[tuple[int, str], list[tuple[int, Quantity]]] = {}
    for i, qs in enumerate(pool.quantities):
        if qs and is_set_apart(pool.texts[i]):
            continue
        for q in qs:
            if q.key in CASUALTY_KEYS:
                figures.setdefault((int(pool.article[i]), q.key), []).append((i, q))
    leads = [
        (art, key, found[0][0], found[0][1])
        for (art, key), found in sorted(figures.items())
        if len({(q.low, q.high) for _, q in found}) == 1 and pool.refs[found[0][0]].sentence < FIGURE_LEAD
        and not found[0][1].precise
    ]
    out = set()
    for a, (art_a, key_a, i, qa) in enumerate(leads):
        for art_b, key_b, j, qb in leads[a + 1 :]:
            worded = bool(_DIGIT.search(qa.text)) != bool(_DIGIT.search(qb.text))
            if (
                key_a == key_b and art_a != art_b and worded
                and pool.published[art_a] is not None and pool.published[art_a] == pool.published[art_b]
                and compare_quantities(qa, qb) and pool.cosine(i, j) >= VAGUE_TOLL_COSINE
            ):
                out.add((min(i, j), max(i, j)))
    return sorted(out)
