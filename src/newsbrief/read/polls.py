"""A reader poll inside a page: its heading, question, options with their shares, and buttons.

"POLL" / "Have your say", then the question ("Do you support the drivers' strike?"), then option
lines ("Yes 58%", "Not sure 7%"), a vote count ("1,204 votes") and buttons ("Vote", "View
results"). The question is a sentence and the options carry figures, so line rules alone keep
them (an HTML body keeps short lines). Rules by shape (tests/fixtures/unseen/strike).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.vocabulary import count_words

_HEADING = re.compile(r"^(?:(?:quick|reader|readers'?|our|daily|today'?s|weekly) )?poll\s*:?$|^have your say\s*:?$|^cast your vote\s*:?$", re.I)
_OPTION = re.compile(
    r"^[^.!?]{1,40}?\s\d{1,3}(?:[.,]\d)?\s?%$|^[\d,.]+\s*(?:votes?|responses?)\s*$|^(?:vote|view results|show results|see results|results|submit)\W*$",
    re.I,
)
# Words of a poll's question, at most.
QUESTION_MAX_WORDS = 25


def find_poll_lines(lines: Sequence[str]) -> set[int]:
    """Indices of every poll's heading, question and option lines."""
    out: set[int] = set()
    nonblank = [i for i, x in enumerate(lines) if x]
    for n, i in enumerate(nonblank):
        if not _HEADING.match(lines[i]):
            continue
        rest = nonblank[n + 1 :]
        if not rest or not lines[rest[0]].rstrip().endswith("?") or count_words(lines[rest[0]]) > QUESTION_MAX_WORDS:
            continue
        out.update((i, rest[0]))
        for j in rest[1:]:
            if not _OPTION.match(lines[j]):
                break
            out.add(j)
    return out
