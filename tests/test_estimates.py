"""Two hedged estimates of one count (story/estimates.py): they agree only when one's number lies in
the band the other's wording allows. Own fictional sentences."""

from __future__ import annotations

import pytest

from newsbrief.story.estimates import estimates_differ
from newsbrief.story.quantities import compare_quantities, find_quantities


def _one(text: str):  # type: ignore[no-untyped-def]
    (q,) = find_quantities(text)
    return q


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        # bands that meet, yet neither number is one the other allows: two estimates
        ("About 120 volunteers joined the search.", "Some 150 volunteers joined the search.", True),
        ("Some 1.2 million bottles were recalled.", "Around 900,000 bottles were recalled.", True),
        # one number inside the other's band: one estimate told twice
        ("About 200 volunteers joined the search.", "Some 210 volunteers joined the search.", False),
        ("About 5,200 bottles were recalled.", "Some 5,000 bottles were recalled.", False),
        # a bound or a plain count keeps the plain rule
        ("More than 400 volunteers joined the search.", "About 450 volunteers joined the search.", False),
        ("About 120 volunteers joined the search.", "130 volunteers joined the search.", False),
    ],
)
def test_two_estimates_differ_when_neither_number_is_in_the_other_band(a: str, b: str, differ: bool) -> None:
    qa, qb = _one(a), _one(b)
    assert estimates_differ(qa, qb) == differ
    if differ:
        assert compare_quantities(qa, qb)  # the bands meet: the plain rule alone would agree
