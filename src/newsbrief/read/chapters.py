"""An audio or video page's chapter list: "Chapters", then "00:00 Introduction", "03:12 The
alarm", ... (each a timestamp and a short title, perhaps bulleted).

A list of timestamped titles is the player's index, not the story. It is taken when a heading
("Chapters", "Timestamps", "In this episode") stands over two or more such lines, or, with no
heading, when three or more run together from "0:00". A transcript's time codes ("[00:00:41]
Thanks for having me.") open turns of speech, long and in sentences, and never start at a
heading like these: they stay. Rules by shape (tests/fixtures/unseen/heist).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.vocabulary import count_words

_HEADING = re.compile(r"^(?:chapters|episode chapters|timestamps|in this (?:episode|video))\s*:?$", re.I)
_ITEM = re.compile(r"^(?:[-*•–]\s+)?[(\[]?(?P<stamp>(?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?\s*[-–—:|]?\s+(?P<title>\S.*)$")
_START = re.compile(r"^0{1,2}:00(?::00)?$")
# Words of a chapter's title, at most.
TITLE_MAX_WORDS = 10
UNHEADED_MIN_ITEMS = 3


def _is_item(line: str) -> re.Match[str] | None:
    m = _ITEM.match(line)
    if m is None or count_words(m["title"]) > TITLE_MAX_WORDS or m["title"].rstrip().endswith((".", ",", ";")):
        return None
    return m


def find_chapter_lines(lines: Sequence[str]) -> set[int]:
    """Indices of every chapter list's heading and items (module docstring)."""
    out: set[int] = set()
    nonblank = [i for i, x in enumerate(lines) if x]
    n = 0
    while n < len(nonblank):
        i = nonblank[n]
        headed = bool(_HEADING.match(lines[i]))
        first = n + 1 if headed else n
        run = []
        for j in nonblank[first:]:
            if _is_item(lines[j]) is None:
                break
            run.append(j)
        opening = _is_item(lines[run[0]]) if run else None
        if (headed and len(run) >= 2) or (
            not headed and len(run) >= UNHEADED_MIN_ITEMS and opening is not None and _START.match(opening["stamp"])
        ):
            out.update(([i] if headed else []) + run)
            n = first + len(run)
            continue
        n += 1
    return out
