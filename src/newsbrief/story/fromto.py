"""A figure moved from one value to another within one sentence: "cut the prison sentence from 12
years to eight", "raised the fare to 4 euros, from 3". The sentence states the new figure only;
the old one is what it replaced, which an earlier report may have stated as the figure then (a
court story set "from 12 years" of one report against "to eight years" of another as a change).
The new figure may leave out the noun the old one names ("from 12 years to eight"): it counts the
same thing. Read by :mod:`newsbrief.story.quantities`."""

from __future__ import annotations

import re

# The old figure's noun (up to three words) and "to" before the new figure: "from 12 years to ",
# "from 3 euros a ticket to ". No sentence end, clause break or number between.
_TO_NEW = re.compile(r"(?:\s+[A-Za-z-]+){0,3}\s+to\s+(?:about\s+|around\s+|some\s+|just\s+)?$", re.IGNORECASE)
# The new figure's noun and "from" before the old one: "to eight years, from ", "to 4 euros from ".
_FROM_OLD = re.compile(r"(?:\s+[A-Za-z-]+){0,3},?\s+from\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+(?:about\s+|around\s+|some\s+|just\s+)?$", re.IGNORECASE)


def old_figure_partner(text: str, spans: list[tuple[int, int]], k: int) -> int | None:
    """When the ``k``-th number of ``text`` (``spans``: each number's start and end, in order) may
    be the old figure of a move, the index of the new one: after "from", with the new figure after
    "to" right after it ("from 12 years to eight") or right before it ("to eight years, from 12").
    The caller checks that both count the same thing ("from 14 towns went to nine stadiums" is no
    move)."""
    start, end = spans[k]
    if not _FROM_BEFORE.search(text[:start]):
        return None
    if k + 1 < len(spans) and _TO_NEW.fullmatch(text[end : spans[k + 1][0]]):
        return k + 1
    if k > 0 and _TO_BEFORE.search(text[: spans[k - 1][0]]) and _FROM_OLD.fullmatch(text[spans[k - 1][1] : start]):
        return k - 1
    return None
