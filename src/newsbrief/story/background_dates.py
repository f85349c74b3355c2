"""Dates a story names only as background: years before (or after) what its reports cover.

A war reported through 2011 names 1969 ("the officers who overthrew the monarchy in 1969"), a flu
outbreak of 2009 names the 1918 and 1957 pandemics: dates that lie more than
``BACKGROUND_YEARS`` outside the span of the story's reports (``timeline_select.measure_span``).
Such a date tells where the story comes from, not what happened in it: its entries may be listed
(and stay in the JSON of an unbudgeted timeline) but rank after every entry of the story's own
dates, so a short story's budget is not filled with them before a day's second event.

A date far outside the span stays the story's own when at least ``BACKGROUND_SHARE`` of the
articles name it: the coverage of an anniversary or of a verdict on a decades-old crime is about
that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsbrief.models import AnnotatedArticle
from newsbrief.story.date_rank import period_of

# How far (in years, counted as 365 days) outside the reports' span a date must lie to be
# background: last year's figure in this year's story is still news, a date decades before is not.
BACKGROUND_YEARS = 1
# ... unless at least this share of the articles name it.
BACKGROUND_SHARE = 0.25


def is_far_outside(date: str, span: tuple[dt.date, dt.date], years: int = BACKGROUND_YEARS) -> bool:
    """Whether the whole period ``date`` names (a day, a month or a year) lies more than ``years``
    years before the span's first day or after its last."""
    first, last = period_of(date)
    margin = 365 * years  # in ordinals: no date arithmetic past year 1 or 9999
    return last.toordinal() < span[0].toordinal() - margin or first.toordinal() > span[1].toordinal() + margin


def find_background_dates(
    annotated: Sequence[AnnotatedArticle], span: tuple[dt.date, dt.date] | None
) -> frozenset[str]:
    """The dates the articles name that are background to the story (module docstring): far
    outside ``span`` and named by fewer than ``BACKGROUND_SHARE`` of the articles."""
    if span is None or not annotated:
        return frozenset()
    naming: dict[str, set[str]] = {}
    for a in annotated:
        for m in a.dates:
            naming.setdefault(m.date, set()).add(a.article.id)
    many = BACKGROUND_SHARE * len(annotated)
    return frozenset(d for d, ids in naming.items() if len(ids) < many and is_far_outside(d, span))
