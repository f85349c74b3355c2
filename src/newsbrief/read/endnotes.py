"""A page's closing notes: a "Notes" / "References" / "Sources" heading over numbered source
lines ("1. Varrow Library, Annual Report for 1891, p. 4."), at the page's end.

An essay or history piece numbers its sources at the end; each item names a document, a page, a
year or an interview, and none is the story's text. The list is taken when its heading stands
alone on a line, two or more numbered items follow it, each with a comma or a year (a source's
shape: "Interview with the author, 12 March 2026."), and at most ``AFTER_NOTES_MAX_LINES``
lines come after the list (a "Cite this article" line). A numbered list of points inside a
story ("1. Close the bridge.") has no such heading, or is followed by the story's text: it stays.
The markers in the text ("in 1891.[1]") are :mod:`newsbrief.read.inline`'s. Rules by shape
(tests/fixtures/unseen/heist).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADING = re.compile(r"^(?:notes|references|sources|footnotes|endnotes|bibliography|citations|works cited|notes and sources|sources and notes)\s*:?$", re.I)
_ITEM = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}[.)]|\^)\s+\S")
_SOURCE = re.compile(r",|\b(?:1[5-9]|20)\d{2}\b")
NOTES_MIN_ITEMS = 2
AFTER_NOTES_MAX_LINES = 2


def find_endnote_lines(lines: Sequence[str]) -> set[int]:
    """Indices of the closing notes' heading and items (module docstring), or an empty set."""
    nonblank = [i for i, x in enumerate(lines) if x]
    for n, i in enumerate(nonblank):
        if not _HEADING.match(lines[i]):
            continue
        run = []
        for j in nonblank[n + 1 :]:
            if not (_ITEM.match(lines[j]) and _SOURCE.search(lines[j])):
                break
            run.append(j)
        after = len(nonblank) - (n + 1 + len(run))
        if len(run) >= NOTES_MIN_ITEMS and after <= AFTER_NOTES_MAX_LINES:
            return {i, *run}
    return set()
