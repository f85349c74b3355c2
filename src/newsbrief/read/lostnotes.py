"""Correction notes of an HTML article that the main-text extractor dropped.

A page may keep its corrections in an updates log at the article's foot: a ``<footer>`` inside the
``<article>``, items opening with a time stamp ("12 March 2026, 16:20 — Correction: An earlier
version of this story said 83,000 households qualify ..."). trafilatura leaves footers out with the
site's, so the correction, which the story's disagreements stage reads, is lost. An item inside the
page's ``<article>`` or ``<main>`` that is a correction note saying what was wrong (a "Correction:"
or "Clarification:" label, or "an earlier version of this story/article", with what the page said:
"said", "stated", "reported", "misstated", "not") and that the extracted text lacks is added at the
text's end, without its stamp. Update notes that only say something was added ("This story was
updated with comments from ...") are not corrections and stay out. Rules by shape
(tests/fixtures/unseen/blackout).
"""

from __future__ import annotations

import re

from newsbrief.read.articletree import article_nodes, squash

_GATE = re.compile(r"correct|clarif|earlier version|previous version", re.I)
# A stamp opening a log item: a date and/or time, then a dash or bar ("12 March 2026, 16:20 —", "4:05 p.m. |").
_STAMP = re.compile(r"^[^—–|]{0,40}?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\s*[—–|-]\s+|^[^—–|:]{0,30}\d{4}\s*[—–|]\s+")
_NOTE = re.compile(
    r"^(?:(?:correction|clarification)\s*:|(?:an?|the) (?:earlier|previous|original) version of this (?:story|article|report|post)\b)",
    re.I,
)
_SAYS_WHAT = re.compile(
    r"\b(?:said|stated|reported|gave|misstated|misreported|misspelled|misidentified|incorrectly|wrongly|mistakenly|not|rather than|instead of)\b",
    re.I,
)
NOTE_MAX_CHARS = 600


def dropped_correction_notes(raw: str, text: str) -> list[str]:
    """Correction notes inside the article of HTML ``raw`` that ``text`` lacks, stamps taken off."""
    if not _GATE.search(raw):
        return []
    flat = squash(text)
    out: list[str] = []
    for node in article_nodes(raw, "li", "p"):
        note = _STAMP.sub("", squash(node.text_content()), count=1)
        if len(note) > NOTE_MAX_CHARS or not _NOTE.match(note) or not _SAYS_WHAT.search(note):
            continue
        if note not in flat and note not in out:
            out.append(note)
    return out


def restore_correction_notes(raw: str, text: str) -> str:
    """``text`` (paragraphs set apart by blank lines) with the dropped correction notes at its end."""
    notes = dropped_correction_notes(raw, text)
    return "\n\n".join([text, *notes]) if notes else text
