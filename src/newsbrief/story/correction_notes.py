"""A correction note told over two sentences: the first says what the page said before, the next
what is right.

    Correction: An earlier version of this article said 13 homes were destroyed. The county says
    31 homes were destroyed.

:func:`newsbrief.story.corrections.find_correction` reads one sentence, and neither half states a
correction by itself: the first has only the wrong figure, the second only the right one, with no
word saying the first was wrong. Read together they do: the note's opening is the old figure's
cue, the next sentence of the same article gives the figure that replaces it.

The note must name the page's own text as what said the old figure ("an earlier version of this
article/story said", "this report previously stated", "we wrongly reported"); "an earlier version
of the plan said" is news. The next sentence's figure must count the same thing (same key, or a
bare count of people on either side) and differ from the old one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.models import SentenceRef
from newsbrief.story.corrections import OWN_TEXT, Correction
from newsbrief.story.quantities import UNKEYED, Quantity, find_quantities

_SAID = r"(?:said|stated|reported|gave|put|had|misstated|misreported|referred\s+to)"
_WRONGLY = r"(?:(?:incorrectly|wrongly|mistakenly|erroneously)\s+)?"
# The page's own earlier text as the old figure's teller, up to the figure's clause.
_NOTE = re.compile(
    # A label, perhaps dated ("Correction, March 14:", "Clarification (May 2):").
    r"^\s*(?:(?:correction|clarification|editor'?s\s+note|update)(?:\s*[,(]?\s*\w+\.?\s+\d{1,2}(?:\s*,\s*\d{4})?\s*\)?)?\s*:\s*)?"
    r"(?:(?:an?|the)\s+(?:earlier|previous|original|prior)\s+(?:version|edition)\s+of\s+this\s+"
    rf"{OWN_TEXT}\s+{_WRONGLY}{_SAID}"
    rf"|this\s+{OWN_TEXT}\s+(?:has\s+)?(?:previously|originally|earlier|initially)\s+{_WRONGLY}{_SAID}"
    # "we reported on Monday that 12 had died" is an update, not a correction: only a wrong report
    r"|we\s+(?:previously\s+|earlier\s+|originally\s+)?(?:incorrectly|wrongly|mistakenly|erroneously)\s+"
    rf"{_SAID})\b",
    re.IGNORECASE,
)


def _shifted(q: Quantity, offset: int) -> Quantity:
    return replace(q, start=q.start + offset, end=q.end + offset)


def _same_count(old: Quantity, new: Quantity) -> str | None:
    """The key both figures count, or None when they count different things."""
    if old.key == new.key:
        return new.key or "people"
    if old.key in UNKEYED:
        return new.key
    if new.key in UNKEYED:
        return old.key
    return None


def find_note_correction(note: str, following: str) -> Correction | None:
    """The correction when ``note`` opens a correction note with the old figure and
    ``following``, the next sentence of its article, gives the figure that replaces it (module
    doc). The correction's figures are placed in the joined text ("note following")."""
    m = _NOTE.search(note)
    if m is None:
        return None
    olds = [q for q in find_quantities(note, keep_unkeyed=True) if q.start >= m.end()]
    if _NOTE.search(following):
        return None
    if not olds:
        return _right_not_wrong(following, len(note) + 1)
    if len(olds) != 1:
        return None
    old = olds[0]
    offset = len(note) + 1
    fits = [(key, q) for q in find_quantities(following, keep_unkeyed=True) if (key := _same_count(old, q)) is not None]
    if not fits:
        return None
    key, new = fits[0]
    if new.value == old.value:
        return None
    return Correction(key=key, old=replace(old, key=key), new=_shifted(replace(new, key=key), offset))


# "It was 87%, not 78%.", "The correct figure is 31, not 13.": after a note that names only what
# was misstated, the next sentence gives the right figure and then the wrong one.
_NOT_BETWEEN = re.compile(r"^\s*,?\s*(?:and\s+)?not\s+(?:the\s+)?$", re.IGNORECASE)
_STATES_OPEN = re.compile(r"^\s*(?:the\s+)?(?:correct\s+|right\s+|actual\s+)?\w+(?:\s+\w+)?\s+(?:was|is|were|are)\s+", re.IGNORECASE)


def _right_not_wrong(following: str, offset: int) -> Correction | None:
    """The correction a note without a figure is followed by: ``following`` opens "It was N, not
    M" (N right, M wrong, counting the same thing); figures placed past ``offset``."""
    opening = _STATES_OPEN.match(following)
    if opening is None:
        return None
    qs = find_quantities(following, keep_unkeyed=True)
    if len(qs) != 2 or qs[0].start != opening.end() or not _NOT_BETWEEN.match(following[qs[0].end : qs[1].start]):
        return None
    new, old = qs
    key = _same_count(old, new)
    if key is None or new.value == old.value:
        return None
    return Correction(key=key, old=_shifted(replace(old, key=key), offset), new=_shifted(replace(new, key=key), offset))


def next_sentence_correction(refs: Sequence[SentenceRef], texts: Sequence[str], i: int) -> Correction | None:
    """:func:`find_note_correction` of sentence ``i`` of a story's sentences (``refs``/``texts``,
    articles apart and sentences in order) with its article's next sentence, if that follows it.
    The new figure's place is counted past sentence ``i``'s end (the joined text's)."""
    if i + 1 >= len(refs) or refs[i + 1] != SentenceRef(refs[i].article_id, refs[i].sentence + 1):
        return None
    return find_note_correction(texts[i], texts[i + 1])
