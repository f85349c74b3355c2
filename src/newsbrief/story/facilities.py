"""Places named by a transport hub: "Velna airport", "at Sarn airport", "Orra railway station".

A count told of a hub ("Velna airport cancelled 340 flights") is of the town the hub is named after,
and a count at another town's hub ("At Sarn airport, 120 flights were cancelled") is another
figure. The hub's name is read from the text (a capitalised run right before the hub noun), so
untagged towns count; the key is the town's, so "in Velna" and "Velna airport" share a scope.
"""

from __future__ import annotations

import re

from newsbrief.annotate.names import make_key
from newsbrief.vocabulary import CARDINALS, MONTHS, NATIONALITY_ADJECTIVES, STOP_WORDS, WEEKDAYS

_HUB = re.compile(
    r"(?<![\w'\u2019-])(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2})\s+"
    r"(?i:(?:international\s+)?(?:airport|airfield|railway\s+station|train\s+station|bus\s+station))\b"
)
# Words that start a sentence or name no town ("The airport", "At Velna airport", "After airport
# staff walked out", "Two airport workers", "Local airport officials"): no part of the name.
_HUB_KINDS = frozenset({"local", "regional", "national", "main", "military", "private", "domestic", "nearby", "municipal", "civil"})
_NO_TOWN = STOP_WORDS | frozenset(CARDINALS) | frozenset(MONTHS) | frozenset(WEEKDAYS) | _HUB_KINDS


# "Palestinian airport", "Japanese airport", "Turkish airport", "Civilian Airport Authority": an
# adjective of nationality or kind (and those of other endings: "Israeli airport", "Libyan airport").
_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish)$")


def _town(name: str) -> str:
    """``name`` from after its last word that names no town ("Tony Cece The airport": a caption
    glued to a sentence), without "International"; empty for an adjective."""
    words = name.split()
    cut = max((i + 1 for i, w in enumerate(words) if w.casefold() in _NO_TOWN), default=0)
    words = words[cut:]
    if words and words[-1] == "International":
        words.pop()
    adjective = len(words) == 1 and (_ADJECTIVE.match(words[0]) or words[0] in NATIONALITY_ADJECTIVES)
    return "" if adjective else " ".join(words)


def find_hub_places(text: str) -> frozenset[str]:
    """The keys of the towns whose hubs ``text`` names."""
    out = set()
    for m in _HUB.finditer(text):
        name = _town(m.group("name"))
        if name and name[0].isupper():
            out.add(make_key(name))
    return frozenset(out)
