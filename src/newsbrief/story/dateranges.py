"""The last day of a range of days an entry's date was written as: "between April 23 and 28",
"12-13 December", "March 3rd to 5th", "from May 3 to May 7".

The map stage resolves a range to its first day (a :class:`~newsbrief.models.DateMention` has one
ISO date, at the precision written), and the timeline files the entry under it: Timeline17's
evaluation, like the whole data model, needs one date per entry. The range is not lost: the
mention's words still hold it, and :func:`range_end` reads its last day back, which the entry
carries beside its date (``TimelineEvent.until``) for the brief to show "2009-04-23 to
2009-04-28". A range that spells its month twice ("May 3 until May 7", "3 May to 7 May") is one
mention too (annotate/dateforms); two days apart ("on May 3 and May 7"), a date moved to another
("postponed from May 3 to May 7") and a span across months ("May 30 to June 2") stay two.
"""

from __future__ import annotations

import datetime as dt

from newsbrief.annotate.dateforms import scan_expressions


def range_end(words: str, start: str) -> str | None:
    """The ISO day that ends the range of days ``words`` (a date mention's text) names, when it
    names one that opens on ``start`` (ISO day); None for a single day, another precision, or a
    range that does not run forward within its month."""
    if len(start) != 10:
        return None
    first = dt.date.fromisoformat(start)
    for f in scan_expressions(words):
        d, d2 = f.groups.get("d"), f.groups.get("d2")
        if not d or not d2 or int(d) != first.day:
            continue
        try:
            last = first.replace(day=int(d2))
        except ValueError:  # "30-31 April": no such day
            return None
        return last.isoformat() if last > first else None
    return None
