"""Sentences that repeat a claim only to withdraw it.

A report that corrects itself repeats what it said before: "An earlier version of this report said
that the founder had left the country. That was wrong"; "An earlier report on this station that
lava had reached the village was wrong". Such a sentence joins the claim it withdraws (it has the
same words), but it is no source for it: the claim's count of independent sources leaves it out.
"""

from __future__ import annotations

import re

from newsbrief.story.corrections import OWN_TEXT

# The report's own earlier version: only ever named to correct it.
# ("An earlier version of this bill was rejected in 2019" is news.)
_OWN_EARLIER = re.compile(rf"\b(?:an?|the)\s+(?:earlier|previous|original)\s+version\s+of\s+this\s+{OWN_TEXT}\b", re.IGNORECASE)
# An earlier report said to be wrong in the same sentence.
_EARLIER_WRONG = re.compile(
    r"\b(?:an?|the)\s+(?:earlier|previous|original)\s+(?:reports?|stor(?:y|ies)|articles?)\b.{0,160}?"
    r"\b(?:was|were|is|are|proved|turned\s+out\s+to\s+be)\s+(?:wrong|incorrect|inaccurate|mistaken|untrue|false|in\s+error)\b",
    re.IGNORECASE,
)


def is_withdrawal(text: str) -> bool:
    """Whether ``text`` repeats an earlier report's claim to withdraw it (module docstring)."""
    return bool(_OWN_EARLIER.search(text) or _EARLIER_WRONG.search(text))
