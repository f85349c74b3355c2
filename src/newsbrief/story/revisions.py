"""One-figure corrections: a report that revises an earlier figure without repeating it.

"The emergency ministry revised the death toll down to nine on Wednesday, saying two victims had
been counted twice" names only the new figure; the one it replaces is the figure of that key the
story's reports gave last before it. :mod:`newsbrief.story.corrections` reads the wordings that
name both figures; this module reads a verb of correcting with the new figure after "to":

* "corrected" / "amended" ... "to N": a correction whichever way it goes;
* "revised" / "adjusted" / "lowered" ... "down(ward) to N": a downward correction (a figure
  "revised up to 41" with nothing more may be a rise as bodies are found: left to the change rule).

Only "corrected" says that the earlier figure was wrong whatever it names; the other verbs do so
of a casualty toll or of a count or estimate ("revised its estimate downward to 140 homes"): a bank
that "revised its growth forecast down to 1.2%", a council that "amended the plan to 150 homes" or
an airline that "lowered its fares down to 40 euros" changed a figure, it did not correct a report.

The figure it replaces is the latest-published figure of the same key, of another report published
before the correcting one, that differs from the new figure (and is larger for a downward one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.models import Article
from newsbrief.story.casualties import CASUALTY_KEYS
from newsbrief.story.corrections import Correction
from newsbrief.story.quantities import Quantity
from newsbrief.story.sidetime import is_before, sort_instant

_WORDS = r"(?:[\w'\u2019\-]+\s+){0,8}?"
_ANY_WAY = re.compile(rf"\b(?:corrected|amended)\s+{_WORDS}to\s+(?:about\s+|some\s+|around\s+)?$", re.IGNORECASE)
_DOWNWARD = re.compile(
    rf"\b(?:revised|revising|adjusted|lowered|corrected|amended)\s+{_WORDS}(?:down|downward|downwards)\s+{_WORDS}to\s+"
    r"(?:about\s+|some\s+|around\s+)?$",
    re.IGNORECASE,
)


_CORRECTED = re.compile(r"corrected\b", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"\b(?:estimates?|counts?|tall(?:y|ies)|tolls?|figures?|numbers?|totals?)\b", re.IGNORECASE)
# The subject revised, when the figure names no noun of its own: "revised the death toll down to nine".
_TOLL = re.compile(r"\b(?:death\s+)?toll\b", re.IGNORECASE)


def find_revision(text: str, q: Quantity) -> tuple[str, str]:
    """("down", key) when ``text`` revises a figure down to ``q``, ("any", key) when it corrects it
    to ``q`` in no said direction; the key is the figure's own, else "deaths" for a revised toll;
    ("", "") when it does neither or names no key."""
    before = text[max(0, q.start - 120) : q.start]
    m = _DOWNWARD.search(before) or _ANY_WAY.search(before)
    if m is None:
        return "", ""
    key = q.key or ("deaths" if _TOLL.search(m.group(0)) else "")
    if key not in CASUALTY_KEYS and not _CORRECTED.match(m.group(0)) and not _COUNT_NOUN.search(m.group(0)):
        return "", ""
    return ("down" if m.re is _DOWNWARD else "any") if key else "", key


def revised_figure(
    key: str, new: Quantity, way: str, correcting: Article, earlier: Sequence[tuple[Article, Quantity]]
) -> Correction | None:
    """The correction of ``key`` to ``new`` told by ``correcting``: the figure it replaces is the
    latest of ``earlier`` (figures of ``key`` in other reports) published before it, of the same
    modifiers, that differs from ``new`` (and is larger when ``way`` is "down"). None when no
    report gave one."""
    fits = [
        (sort_instant(a), q.value, q) for a, q in earlier
        if is_before(a, correcting) and q.modifier == new.modifier and q.value != new.value
        and (way != "down" or q.value > new.value)
    ]
    if not fits:
        return None
    old = max(fits, key=lambda f: (f[0], f[1]))[2]
    # The old figure is not written in the correcting sentence: no span of it.
    return Correction(key=key, old=replace(old, start=-1, end=-1, key=key), new=replace(new, key=key))
