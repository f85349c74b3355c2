"""Two estimates of one count that disagree: "about 120 divers" against "some 150 divers".

A hedged number ("about", "some", "around") allows a band around it (:mod:`newsbrief.story.intervals`),
and two figures whose bands meet agree. Two hedged figures are each an outlet's own estimate,
though: "about 120" and "some 150" have bands that touch (102-138, 130-170), yet neither outlet's
number is one the other's wording allows, and a reader sees two different counts. So two
estimates agree when at least one stated number lies within the other's band ("about 200" /
"some 210" agree, as do "about 5,200" / "some 5,000"); a hedge that only bounds one way ("nearly
300", "just over 300") or a bound ("more than 400") keeps the plain rule.
"""

from __future__ import annotations

from newsbrief.story.quantities import Quantity


def is_two_way_estimate(q: Quantity) -> bool:
    """A hedged figure with a band on both sides of its number ("about 120", "some 1.2 million")."""
    return not q.precise and 0 < q.low < q.value < q.high < float("inf")


def estimates_differ(a: Quantity, b: Quantity) -> bool:
    """Whether two hedged figures of one unit are different estimates: neither stated number lies
    within the band the other's wording allows."""
    if a.factor != b.factor or not (is_two_way_estimate(a) and is_two_way_estimate(b)):
        return False
    return not (a.low <= b.value <= a.high or b.low <= a.value <= b.high)
