"""A round lower bound that a later report says the count has risen past: "More than 200
passengers have fallen ill" at 08:00, then "The number of people sick ... has risen to 310".

"More than 200" allows 310, so read alone the two agree. But the later report says the count
*rose* to 310: the early bound was the count as it stood then, and a reader follows 200, 310, 420
as one rising count. So where a later report of a story states a key's figure as risen ("has
risen to", "rose to", "reached": :data:`newsbrief.story.ranges.RISE_BEFORE`) above an earlier
report's lower bound of that key, the bound is read as the count it states (as "at least 12" with a
number that is not round already is; :mod:`newsbrief.story.intervals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from newsbrief.models import Article
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import Quantity
from newsbrief.story.ranges import RISE_BEFORE
from newsbrief.story.sidetime import find_instant
from newsbrief.story.stated_values import StatedValue

# How far back from a figure its "has risen to" may start.
_RISE_REACH = 40


def _is_lower_bound(q: Quantity) -> bool:
    return not q.precise and q.low == q.value and q.high == float("inf")


def _told_as_risen(text: str, q: Quantity) -> bool:
    return text[q.start : q.end] == q.text and RISE_BEFORE.search(text[max(0, q.start - _RISE_REACH) : q.start]) is not None


def read_bounds_as_counts(
    values: Sequence[Mapping[str, StatedValue]], pool: SentencePool, articles: Mapping[str, Article]
) -> list[dict[str, StatedValue]]:
    """``values`` (per sentence, key -> its value) with each lower bound that a later report's
    risen figure of its key exceeds read as a count (module docstring)."""

    def instant(i: int) -> tuple[dt.datetime, bool] | None:
        return find_instant(articles[pool.refs[i].article_id])

    risen: dict[str, list[tuple[dt.datetime, bool, float]]] = {}
    for i, vals in enumerate(values):
        when = instant(i)
        for key, v in vals.items():
            if when is not None and v.quantity is not None and _told_as_risen(pool.texts[i], v.quantity):
                risen.setdefault(key, []).append((*when, v.quantity.value))
    out = [dict(vals) for vals in values]
    if not risen:
        return out
    for i, vals in enumerate(out):
        when = instant(i)
        for key, v in vals.items():
            q = v.quantity
            if when is None or q is None or key not in risen or not _is_lower_bound(q):
                continue
            # Later: a later day, or a later time of the same day where both times are known.
            if any(t > when[0] and (t.date() > when[0].date() or (timed and when[1])) and value > q.value for t, timed, value in risen[key]):
                vals[key] = replace(v, quantity=replace(q, high=q.value, precise=True))
    return out
