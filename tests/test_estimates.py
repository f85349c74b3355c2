"""Two hedged estimates of one count (story/estimates.py): they agree only when their numbers are
within the hedge's tolerance (15%) of each other. Own fictional sentences."""

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
        # within 15% of each other: one estimate told twice (or a running total told twice in a day)
        ("About 200 volunteers joined the search.", "Some 210 volunteers joined the search.", False),
        ("About 5,200 bottles were recalled.", "Some 5,000 bottles were recalled.", False),
        ("About $270m in aid has been pledged.", "About $310m in aid has been pledged.", False),
        # a bound or a plain count keeps the plain rule
        ("More than 400 volunteers joined the search.", "About 450 volunteers joined the search.", False),
        ("About 120 volunteers joined the search.", "130 volunteers joined the search.", False),
    ],
)
def test_two_estimates_differ_when_their_numbers_are_further_apart_than_the_hedge(a: str, b: str, differ: bool) -> None:
    qa, qb = _one(a), _one(b)
    assert estimates_differ(qa, qb) == differ
    if differ:
        assert compare_quantities(qa, qb)  # the bands meet: the plain rule alone would agree


def test_a_vague_word_is_no_estimate() -> None:
    # "dozens" allows 24-99: a range, kept by the plain rule ("about 50" fits it).
    assert not estimates_differ(_one("Surgeons carried out dozens of amputations."), _one("Surgeons carried out about 50 amputations."))
