"""A recent past named after a figure that does not make the figure history.

A figure whose clause names a past time ("compared with 50 % last week", "in 2019") is background,
not one to set against today's (:func:`newsbrief.story.quantities._names_past`). Two clauses after
the figure name a recent past that dates something else:

* "since ...": when a running count began ("Cholera has killed five people since Storm Idris
  flooded the town last week" is today's total);
* "when ... last week": the story's own recent event the figure is of ("Investors lost $2.1
  billion when the fund collapsed last week"). Only a week: "when floods hit the region last
  year" tells an older event, background to a story of this week.
"""

from __future__ import annotations

import re

_SINCE = re.compile(r"\bsince\b", re.I)
_WHEN = re.compile(r"\bwhen\b", re.I)


def dates_another_clause(past: str, between: str) -> bool:
    """Whether the past time ``past`` ("last week"), named after a figure with ``between`` the
    figure's end and it, dates a clause of its own rather than the figure (module docstring)."""
    low = past.lower()
    if not low.startswith("last"):
        return False
    return bool(_SINCE.search(between)) or (low.split()[-1] == "week" and bool(_WHEN.search(between)))
