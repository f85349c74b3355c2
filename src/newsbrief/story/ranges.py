"""Ranges among a sentence's numbers ("between 40 and 60 metres", "two or three guards"): one figure
from its low end to its high, not two figures that disagree. Read by :mod:`newsbrief.story.quantities`."""

from __future__ import annotations

import re

from newsbrief.story.intervals import VAGUE
from newsbrief.vocabulary import parse_number

# Rising-figure verbs: the number after them is the value of the clause's subject ("the death toll
# has risen to 19"), so the key is looked for back to the start of the clause
# (quantities), and "rose from 40 to 60" is no range.
RISE_BEFORE = re.compile(
    r"\b(?:risen|rose|rise|rises|climbed|climbs|jumped|increased|reached|reaches|stands at|"
    r"stood at|hit|grew|passed|surpassed|topped)(?:\s+to)?\s*$",
    re.IGNORECASE,
)


def parse_stated_number(raw: str) -> float | None:
    """The number ``raw`` states (None for a vague amount such as "dozens")."""
    return None if raw.lower() in VAGUE else parse_number(raw)


# The words joining the two ends of a range ("between 40 and 60", "40 to 60", "two or three").
_RANGE_GAP = re.compile(r"\s+(?:and|to|or)\s+$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "rose from 40 to 60", "up 40 to 60": a movement from one figure to another, not a range.
_MOVE_BEFORE = re.compile(r"\b(?:from|up|down|by)\s+$", re.IGNORECASE)


def find_ranges(text: str, matches: list[re.Match[str]]) -> dict[int, tuple[float, int, str]]:
    """The ranges among the numbers ``matches`` of ``text``: {index of the high end: (low end's
    number, where the range's wording starts, the low end as written)}. A range is "between X and Y", or "X to Y" / "X or Y"
    with X below Y and not moved from ("from X to Y"); both ends plain numbers, the unit or noun
    after the high end only ("between 40 and 60 metres", "two or three guards")."""
    out: dict[int, tuple[float, int, str]] = {}
    for k in range(1, len(matches)):
        a, b = matches[k - 1], matches[k]
        if a.group("pct") or a.group("scale") or a.group("hyph") or a.group("cur") or (k - 1) in out:
            continue
        gap = text[a.end() : b.start()]
        if not _RANGE_GAP.fullmatch(gap) and not (gap.strip().lower() == "and" and _RANGE_GAP.match(gap)):
            continue
        low, high = parse_stated_number(a.group("num")), parse_stated_number(b.group("num"))
        if low is None or high is None:
            continue
        before = text[: a.start()]
        if gap.strip().lower() == "and":
            if not _BETWEEN_BEFORE.search(before):
                continue
            start = _BETWEEN_BEFORE.search(before).start()  # type: ignore[union-attr]
        elif low >= high or _MOVE_BEFORE.search(before) or RISE_BEFORE.search(before[-40:]):
            continue
        else:
            start = a.start()
        if low < high:
            out[k] = (low, start, a.group("num"))
    return out
