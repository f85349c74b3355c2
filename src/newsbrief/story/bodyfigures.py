"""A report's one figure of a named kind of thing below its lead, told as a state at the time of
writing: "About 120 divers are taking part in the operation" / "Some 150 divers are now working in
the caves". Two such sentences of different reports are compared at the close-pair cosine however
little else they share (the noun is their shared wording: 0.1998 of it by idf where the close pair
asks 0.2). Read by :func:`newsbrief.story.scope.find_story_figure_pairs`.

A count told as a deed or a past place deep in a report ("saw the jets drop two bombs near Kessa",
"one bomb was near a fuel depot") is one happening's among the many a long report tells (a war's
archive): it stays out."""

from __future__ import annotations

from newsbrief.story.casualties import words_after
from newsbrief.story.quantities import Quantity

# disagreements.PAIR_COSINE: where two close sentences are compared when they also share wording.
BODY_FIGURE_COSINE = 0.55
# A present state right after the counted noun: "divers are", "medics remain".
_NOW = frozenset({"are", "is", "remain", "remains"})


def is_current_count(text: str, q: Quantity) -> bool:
    """Whether ``q`` is told as a state now: a present "are" / "is" / "remain" among the three
    words after the number (its noun first)."""
    return bool(_NOW & {w.lower() for w in words_after(text, q.end, 3)})
