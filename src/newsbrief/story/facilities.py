"""Places named by a transport hub: "Velna airport", "at Sarn airport", "Orra railway station".

A count told of a hub ("Velna airport cancelled 340 flights") is of the town the hub is named after,
and a count at another town's hub ("At Sarn airport, 120 flights were cancelled") is another
figure. The hub's name is read from the text (a capitalised run right before the hub noun), so
untagged towns count; the key is the town's, so "in Velna" and "Velna airport" share a scope.
"""

from __future__ import annotations

import re

from newsbrief.annotate.names import make_key

_HUB = re.compile(
    r"(?<![\w'\u2019])(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2})\s+"
    r"(?i:(?:international\s+)?(?:airport|airfield|railway\s+station|train\s+station|bus\s+station))\b"
)
# Words that start a sentence or name no town ("The airport", "At Velna airport": the article or
# the preposition is no part of the name).
_LEADING = re.compile(r"^(?:The|At|In|From|To|Near|Both|Its|Their|Every|Each)\s+")


def find_hub_places(text: str) -> frozenset[str]:
    """The keys of the towns whose hubs ``text`` names."""
    out = set()
    for m in _HUB.finditer(text):
        name = re.sub(r"\s+International$", "", _LEADING.sub("", m.group("name")))
        if name and name[0].isupper() and name not in ("The", "International"):
            out.add(make_key(name))
    return frozenset(out)
