"""Speaker labels of transcripts written in mixed case ("Nora Bell (host): Welcome ...").

All-capitals labels ("AZUZ :", "LINA MARSH, CHIEF EXECUTIVE:") are taken off line by line in
:mod:`newsbrief.read.furniture`. A label in mixed case looks like any "Name: text" line
("Update: ...", "Correction: ...", a headline's "Storm Halvard: rescue under way"), so it is
judged over the page: a full name of two to four capitalised words (and an optional role in
brackets) before a colon is a speaker's label when the same name opens at least
``MIN_TURNS_PER_SPEAKER`` lines and the page has ``MIN_LABELLED_LINES`` such lines in all. A
transcript's turns are words spoken: on a page that is a transcript (:func:`is_transcript`: three
labelled lines, one speaker twice) the turns of speakers named in full are quoted speech, not a
reader's voice (:mod:`newsbrief.read.voice`), whatever their person. A one-word label ("AZUZ :",
"John :") exempts nothing: forums label posts that way, and a show's anchor, once introduced.

A printed interview labels its turns "Q:" and "A:" (:func:`find_qa_lines`): on a page with at least
``MIN_QA_TURNS`` of each, those lines are the interview's questions and answers, on the record
like a transcript's turns; their labels go.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# "Nora Bell (host): ", "Dr. Erik Sand: ", "Sand: ", "Speaker 2: ".
_MIXED_LABEL = re.compile(
    r"^(?P<name>[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|\d{1,2})){0,3})"
    r"(?:\s*\((?P<role>[^()]{1,40})\))?\s*:\s+(?=\S)"
)
# Lines a speaker's name must open, and labelled lines a page must hold, for labels to count.
MIN_TURNS_PER_SPEAKER = 2
MIN_LABELLED_LINES = 3
# Names that label what kind of line follows, not who speaks ("Update:", "Source:", "Read more:").
_KIND_WORDS = frozenset(
    "update updates correction clarification source sources credit credits note editor read related watch listen "
    "photo video image picture graphic summary analysis opinion comment review tags topics see also more warning "
    "transcript episode advertisement sponsored breaking live exclusive explainer photograph photographs photos pictures "
    "caption illustration graphics map chart footage audio poem question answer q a".split()
)


def _name(line: str) -> str | None:
    m = _MIXED_LABEL.match(line)
    if m is None:
        return None
    name = m["name"]
    if name.split()[0].casefold().rstrip(".") in _KIND_WORDS:
        return None
    return name


def find_speakers(lines: Sequence[str]) -> frozenset[str]:
    """The names that label a transcript's turns on this page (empty when it is no transcript).

    Only full names ("Nora Bell", "Speaker 2") count: a single name before a colon ("John :",
    "Added :") is how forums and comment threads label posts."""
    names = [n for n in (_name(x) for x in lines if x) if n is not None and is_full_name(n)]
    counts = Counter(names)
    speakers = {n for n, c in counts.items() if c >= MIN_TURNS_PER_SPEAKER}
    if sum(counts[n] for n in speakers) < MIN_LABELLED_LINES:
        return frozenset()
    return frozenset(speakers)


def is_full_name(label: str) -> bool:
    """A label of two words or more ("LINA MARSH", "Nora Bell", "SPEAKER 1"), a role after a comma
    or in brackets aside: a speaker named on the record, not a one-word handle."""
    name = re.split(r"[,(]", label, maxsplit=1)[0]
    return len(name.split()) >= 2


def is_transcript(labels: Sequence[str]) -> bool:
    """Whether a page's line labels (one per labelled line, all-capitals and mixed case alike)
    make it a transcript: ``MIN_LABELLED_LINES`` of them, one speaker at least twice."""
    return len(labels) >= MIN_LABELLED_LINES and max(Counter(labels).values()) >= MIN_TURNS_PER_SPEAKER


def strip_mixed_label(line: str, speakers: frozenset[str]) -> str | None:
    """``line`` without its speaker's label when it opens with one of ``speakers``, else None."""
    if not speakers:
        return None
    m = _MIXED_LABEL.match(line)
    if m is None or m["name"] not in speakers:
        return None
    return line[m.end() :]


# "Q: Why not meet the demand?", "A: Our fares income is ..."
_QA_LABEL = re.compile(r"^(?P<kind>[QA])\s*:\s+(?=\S)")
# Questions and answers a page needs, each, for its "Q:"/"A:" lines to be an interview's turns.
MIN_QA_TURNS = 2


def find_qa_lines(lines: Sequence[str]) -> frozenset[int]:
    """Indices of a printed interview's "Q:" and "A:" lines (empty unless the page has
    ``MIN_QA_TURNS`` of each)."""
    kinds = {i: m["kind"] for i, x in enumerate(lines) if x and (m := _QA_LABEL.match(x)) is not None}
    counts = Counter(kinds.values())
    if counts["Q"] < MIN_QA_TURNS or counts["A"] < MIN_QA_TURNS:
        return frozenset()
    return frozenset(kinds)


def strip_qa_label(line: str) -> str:
    """``line`` without its "Q:" or "A:" label."""
    return _QA_LABEL.sub("", line, count=1)
