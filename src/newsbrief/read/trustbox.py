"""A transparency box's heading and the text under it: "Why we're reporting this", then "Ferrow
Lines is the only operator on the route, and our readers depend on its ferries."

A box that explains the page's own reporting is no part of the story. A label opening a line
("How we reported it: ...") is :mod:`newsbrief.read.notices`' (the line goes whole); a heading
alone on its line takes its text with it: the next line, when it is short (at most
``BOX_TEXT_MAX_WORDS`` words). Rules by shape (tests/fixtures/unseen/heist and ferry).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.read.notices import TRANSPARENCY_HEAD
from newsbrief.vocabulary import count_words

# The heading alone on its line (notices' label words, a colon or none, nothing after).
_HEADING = re.compile(TRANSPARENCY_HEAD + r"\s*:?\s*$", re.I)
BOX_TEXT_MAX_WORDS = 40


def find_trust_box_lines(lines: Sequence[str]) -> set[int]:
    """Indices of each transparency heading alone on its line and the short text line after it."""
    out: set[int] = set()
    nonblank = [i for i, x in enumerate(lines) if x]
    for n, i in enumerate(nonblank):
        if not _HEADING.match(lines[i]):
            continue
        out.add(i)
        if n + 1 < len(nonblank) and count_words(lines[nonblank[n + 1]]) <= BOX_TEXT_MAX_WORDS:
            out.add(nonblank[n + 1])
    return out
