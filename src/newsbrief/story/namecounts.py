"""Counts of a name: "the two Jacksons", "one of the Smiths" count members of a family (or a band,
a team) by its name, which is no figure for the story to compare. A capitalised plural written as
the counted noun is such a name unless the story counts it as a kind of thing (stated_values.
find_named_kinds: "159 Tomahawks" are missiles, "Ten Brazilians" peacekeepers)."""

from __future__ import annotations

import re

from newsbrief.story.casualties import CASUALTY_KEYS
from newsbrief.story.overlap import normalize_word

# The counted noun as written after a count: the next few words, through a partitive's "of the".
_WORDS_AFTER = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def counts_a_name(text: str, end: int, key: str) -> bool:
    """Whether the count ending at ``end`` with key ``key`` counts a capitalised plural name
    ("two Jacksons", "one of the Jacksons") rather than a common noun ("two jets")."""
    if not key or ":" in key or key in CASUALTY_KEYS:
        return False
    for word in _WORDS_AFTER.findall(text, end, end + 40)[:4]:
        if normalize_word(word) == key:
            return word[0].isupper() and word.endswith("s") and not word.isupper()
    return False
