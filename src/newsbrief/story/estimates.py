"""Two estimates of one count that disagree: "about 120 divers" against "some 150 divers".

A hedged number ("about", "some", "around") allows a band around it (:mod:`newsbrief.story.intervals`),
and two figures whose bands meet agree. Two hedged figures are each an outlet's own estimate,
though: "about 120" and "some 150" have bands that touch (102-138, 130-170), yet the numbers are
25% apart and a reader sees two different counts. So two estimates agree only when their numbers
are within the hedge's own tolerance of each other (``HEDGE_TOLERANCE``, 15%: "about 200" /
"some 210", "about $270m" / "about $310m" of a running total told twice in a day, agree); a hedge
that only bounds one way ("nearly 300", "just over 300") or a bound ("more than 400") keeps the
plain rule.
"""

from __future__ import annotations

from newsbrief.story.intervals import HEDGE_TOLERANCE
from newsbrief.story.quantities import Quantity


def is_two_way_estimate(q: Quantity) -> bool:
    """A hedged number with a band on both sides of it ("about 120", "some 1.2 million"); not a
    vague word ("dozens" is a range, not an estimate of one number)."""
    return not q.precise and 0 < q.low < q.value < q.high < float("inf") and any(c.isdigit() for c in q.text)


def estimates_differ(a: Quantity, b: Quantity) -> bool:
    """Whether two hedged figures of one unit are different estimates: their numbers are further
    apart than ``HEDGE_TOLERANCE`` of the smaller."""
    if a.factor != b.factor or not (is_two_way_estimate(a) and is_two_way_estimate(b)):
        return False
    small, large = sorted((abs(a.value), abs(b.value)))
    return large > small * (1 + HEDGE_TOLERANCE) * (1 + 1e-9)
