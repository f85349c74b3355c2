"""Passages that are not the outlet's English reporting: readers' own words, another language.

Per-line rules (furniture.py) catch comments by their stamps and forms. Readers' accounts and
unstamped comments carry no marker; they show themselves by their voice over a passage: line
after line in the first or second person outside quotation marks ("I am now back in the capital
...", "Your coverage ignores ..."), where a report keeps such words inside quotes. One such line
is a quote whose marks were lost; several in a few consecutive lines are a reader writing.

- :func:`voiced_lines`: which lines speak in the first or second person, exclaim or shout outside
  quotation marks;
  quotation state is carried from line to line (a quotation may run over several paragraphs).
- :func:`is_foreign`: a line not in English by its function words (the share of English stop
  words among its words; English prose has about half, other languages almost none).
- :func:`dense_passages`: the lines of every stretch in which flagged lines are dense (at least
  ``MIN_FLAGGED`` of any ``WINDOW`` consecutive lines), the unflagged lines between them included:
  a neutral sentence inside a reader's account ("The spa and the bars are all closed .") is the
  reader's too.

Rules by shape, never by site; text may be PTB-tokenised ("`` ... ''", "I 'm").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from newsbrief.vocabulary import STOP_WORDS

# First and second person outside quotes (case-sensitive: "US", the country, does not match "[Uu]s";
# "I" in "World War I" is taken out first, _ROMAN_I). These words do not occur in third-person reporting.
_PERSON = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]ur|[Oo]urs|[Oo]urselves"
    r"|[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself|WE|OUR|YOU|YOUR|MYSELF|YOURSELF|[Ll]et\s?'s)\b"
    # ... or a reader's exclamation or shouting: "!" (news keeps it inside quotes), a run of capitals.
    r"|!|\b[A-Z]{3,}(?:\s+[A-Z']{2,}){3,}\b"
)
_ROMAN_I = re.compile(r"\b(?:War|Phase|Part|Chapter|Elizabeth|George|Henry|Louis|Type|Class|Stage)\s+I\b")
# Quotation marks: PTB ("``" opens, "''" closes), curly, and straight (which toggle).
_MARK = re.compile(r"``|''|[\u201c\u201d\"]")

# A passage: at least MIN_FLAGGED of WINDOW consecutive lines flagged.
WINDOW = 4
MIN_FLAGGED = 3
# Unflagged positions a passage bridges to reach a flagged one beyond them.
MAX_GAP = 2
# Lower-case words a line needs for the language test (shorter lines: names, labels, headlines).
FOREIGN_MIN_WORDS = 6
# Share of English stop words among a line's words under which it is not English. English
# sentences of 8+ words run at 0.3-0.6; a headline or a list of names may reach 0.1.
FOREIGN_MAX_STOP_SHARE = 0.1
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def voiced_lines(lines: Sequence[str]) -> list[bool]:
    """Per line: does it speak in the first or second person outside quotation marks?"""
    inside = False
    out: list[bool] = []
    for line in lines:
        outside: list[str] = []
        pos = 0
        for m in _MARK.finditer(line):
            if not inside:
                outside.append(line[pos : m.start()])
            mark = m.group(0)
            if mark in ("``", "\u201c"):
                inside = True
            elif mark in ("''", "\u201d"):
                inside = False
            else:
                inside = not inside
            pos = m.end()
        if not inside:
            outside.append(line[pos:])
        text = _ROMAN_I.sub(" ", " ".join(outside))
        out.append(bool(_PERSON.search(text)))
    return out


def is_foreign(line: str) -> bool:
    """A line with almost no English function words among its lower-case words (names, which any
    language capitalises, are left out of the count), at least FOREIGN_MIN_WORDS of them."""
    words = [w for w in _WORD.findall(line) if w[0].islower()]
    if len(words) < FOREIGN_MIN_WORDS:
        return False
    # One-letter words count only as "a": text that lost its accents ("kh ng i ch i") is full of
    # stray letters that a stop list holds ("i", "s", "t").
    stops = sum(w in STOP_WORDS and (len(w) > 1 or w == "a") for w in words)
    return bool(stops < FOREIGN_MAX_STOP_SHARE * len(words))


# Lower-case words a short line needs to be judged by :func:`_no_english` beside a foreign line, and
# function words of other languages among them (none of which is an English word).
FOREIGN_SHORT_MIN_WORDS = 3
FOREIGN_SHORT_MIN_MARKERS = 2
_OTHER_FUNCTION_WORDS = frozenset(
    "der das und ist nicht auch auf mit sich wird sind ein eine einem einen dieser diese dieses "
    "les des est une du aux avec dans pour sur sont cette ces également "
    "el los las una por para con del y está están esta este también "
    "il di che è della delle gli sono questo questa anche "
    "het een niet ook zijn deze dit wordt".split()
)


def _no_english(line: str) -> bool:
    """A short line of FOREIGN_SHORT_MIN_WORDS lower-case words or more, none an English function
    word and FOREIGN_SHORT_MIN_MARKERS of them another language's ("ist", "auch", "auf")."""
    words = [w for w in _WORD.findall(line) if w[0].islower()]
    if len(words) < FOREIGN_SHORT_MIN_WORDS or any(w in STOP_WORDS and (len(w) > 1 or w == "a") for w in words):
        return False
    return sum(w in _OTHER_FUNCTION_WORDS for w in words) >= FOREIGN_SHORT_MIN_MARKERS


def dense_passages(flags: Sequence[bool], window: int = WINDOW, min_flagged: int = MIN_FLAGGED) -> set[int]:
    """Positions inside a stretch where at least ``min_flagged`` of ``window`` consecutive
    positions are flagged (every position of such a window from its first flagged one to its
    last); with fewer positions than ``window``, all of them must be flagged and at least
    ``min_flagged``."""
    n = len(flags)
    out: set[int] = set()
    if n < window:
        if n >= min_flagged and all(flags):
            out.update(range(n))
        return out
    for start in range(n - window + 1):
        hits = [k for k in range(start, start + window) if flags[k]]
        if len(hits) >= min_flagged:
            out.update(range(hits[0], hits[-1] + 1))
    # A passage runs on over short pauses: a flagged position at most MAX_GAP unflagged positions
    # from it joins it, with the gap ("I have lost faith ." / "The media do a fine job ." / "We ...").
    flagged = [k for k in range(n) if flags[k]]
    changed = bool(out)
    while changed:
        changed = False
        for k in flagged:
            if k in out:
                continue
            near = [j for j in range(k - MAX_GAP - 1, k + MAX_GAP + 2) if j in out]
            if near:
                lo, hi = min(k, *near), max(k, *near)
                out.update(range(lo, hi + 1))
                changed = True
    return out


def passage_reasons(lines: Sequence[str], spoken: Collection[int] = ()) -> dict[int, str]:
    """Position -> reason for the lines of a page's text (in order) that belong to a passage in a
    reader's voice (``"reader voice"``) or are not in English (``"foreign language"``: a line by
    :func:`is_foreign`, and a line between two of them).

    Positions in ``spoken`` are a transcript's turns (their speaker's label was taken off): words
    spoken on the record, like a quotation, whatever their person."""
    out: dict[int, str] = {}
    foreign = [is_foreign(x) for x in lines]
    # A short line between two foreign ones is in their language too, and so is a short line with
    # no English function word at all next to one ("Dieser Artikel ist auch auf Deutsch verfügbar.").
    near = {k for k, x in enumerate(lines) if any(foreign[j] for j in (k - 1, k + 1) if 0 <= j < len(lines)) and _no_english(x)}
    for k in dense_passages(foreign, window=3, min_flagged=2) | {k for k, f in enumerate(foreign) if f} | near:
        out[k] = "foreign language"
    voiced = [v and k not in spoken for k, v in enumerate(voiced_lines(lines))]
    for k in dense_passages(voiced):
        out.setdefault(k, "reader voice")
    return out
