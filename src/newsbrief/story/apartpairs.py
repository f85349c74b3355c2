"""A casualty count set apart as another place's or incident's is no member of the story's own
count's claim: "In the neighbouring province of Varn, 6 people died after drinking liquor from the
same supplier" tells another toll than "At least 18 people have died after drinking bootleg liquor
in Kasso", however alike the words (cosine 0.8). An edge between such sentences is dropped when
exactly one of them is set apart (scope.is_set_apart) and they give a casualty class values that
do not agree.
"""

from __future__ import annotations

from newsbrief.story.casualties import CASUALTY_KEYS
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import compare_quantities
from newsbrief.story.scope import is_set_apart


def is_apart_toll_pair(pool: SentencePool, i: int, j: int) -> bool:
    """Whether sentences ``i`` and ``j`` tell the tolls of two places or incidents (module docstring)."""
    if is_set_apart(pool.texts[i]) == is_set_apart(pool.texts[j]):
        return False
    a = [q for q in pool.quantities[i] if q.key in CASUALTY_KEYS]
    b = [q for q in pool.quantities[j] if q.key in CASUALTY_KEYS]
    return any(qa.key == qb.key and not compare_quantities(qa, qb) for qa in a for qb in b)
