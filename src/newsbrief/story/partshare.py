"""Counts that are parts or bases of a share, read from the words around the number.

Two wordings say that a figure is not a count of the whole thing its noun names, whatever the
story is about:

* a part named by its complement: "Some 7,200 of the fund's investors were pensioners" counts
  pensioners among the investors, not the investors (a plain "five of the escaped inmates" is read
  by :mod:`newsbrief.story.quantities`);
* the base of a share: "About 70% of the 480 flights planned" gives the flights of which a share
  is told; the 480 is not the number the sentence reports (the share is), so it is no figure of
  the flights cancelled elsewhere.
"""

from __future__ import annotations

import re

from newsbrief.story.casualties import CASUALTY_KEYS

# "N of the (fund's) investors were pensioners": a partitive, then a copula and a plural noun (no
# participle: "were hurt", "were evacuated" tell what happened to the part, read elsewhere).
_PART_BY_COMPLEMENT = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|our|those|these)\s+(?:[\w'\u2019\-]+\s+){0,3}?[\w'\u2019\-]+"
    r"\s+(?:were|are)\s+(?:(?:mostly|all|also)\s+)?(?!\w+ed\b)(?:[A-Za-z]+[^s\W]s|children|women|men)\b"
)
# "70% of the 480 flights", "half of the 36 flats", "two-thirds of its 900 staff".
_SHARE_BEFORE = re.compile(
    r"(?:\d\s*%|\bper\s?cent|\bpercent|\bhalf|\bthirds?|\bquarters?)\s+of\s+(?:the|its|their|all)\s+$", re.IGNORECASE
)


def is_part_by_complement(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts the part of a group that its complement names
    ("7,200 of the fund's investors were pensioners")."""
    return bool(_PART_BY_COMPLEMENT.match(text, end))


def share_base_mark(text: str, start: int, key: str) -> str:
    """"base" when the number starting at ``start`` is the whole a share is told of ("70% of the
    480 flights"); empty otherwise. A modifier word, so the figure is compared with no count of
    the thing itself. A share of the dead or hurt (casualty ``key``) is told of the toll itself:
    "Half of the 36 people killed were children" gives the toll, 36."""
    if key in CASUALTY_KEYS:
        return ""
    return "base" if _SHARE_BEFORE.search(text[max(0, start - 40) : start]) else ""
