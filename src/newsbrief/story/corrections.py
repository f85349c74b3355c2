"""Corrections: a sentence that gives a figure and says an earlier one was wrong.

A later report often corrects a count in passing rather than simply stating the new one, and
then both figures stand in one sentence: the old one inside a phrase that marks it as reported
before and rejected, the new one as the sentence's own value. Three constructions cover how news
copy words this, whatever the figure counts:

* **rejection**: the new figure, then "not" / "rather than" / "instead of" and the old figure
  with a reporting cue ("212 people, not the 189 first reported"; "14 injured rather than the 20
  reported on Monday"; "300 homes, not 450 as initially announced");
* **revision**: a verb of correcting ("revised", "corrected", "amended", "adjusted") with the two
  figures as "to N from O", "from O to N" or "its figure of O ... to N" ("revised the toll to 41
  from 37", "corrected its figure of 189 passengers to 212"), or the new figure first and "correcting
  an earlier figure of O" after it ("11 people had been trapped, correcting an earlier figure of 12");
* **retraction**: the old figure in an earlier report ("earlier reports of 12 dead", "the 12
  initially reported") and a word saying it was wrong ("wrong", "incorrect", "in fact"), the
  other figure being the new one ("earlier reports of 12 dead were wrong; 9 died").

A figure that merely rises ("the toll rose to 41 from 37", "up from an earlier 37") is no
correction: it is a change, found by :mod:`newsbrief.story.disagreements` from the separate
reports. The correction's key (what both figures count) is the casualty class either figure has,
else the new figure's own key; the old figure's own noun is not trusted ("the 189 first reported"
counts nothing by its words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsbrief.story.overlap import normalize_word
from newsbrief.vocabulary import CARDINALS
from newsbrief.story.casualties import CASUALTY_KEYS, CASUALTY_TRIGGERS
from newsbrief.story.quantities import Quantity, SYNONYMS, UNKEYED, find_quantities

# Words that may stand between a figure and the rest of its construction ("41 people from 37",
# "212 passengers and crew, not 189", "43 people were treated in hospital, not the 34"): a few,
# never a clause break.
_FILLER = r"(?:[A-Za-z][\w'\-]*(?:\s+|(?=[,\u2014])|$)){0,6}?"
# A rejection may follow the whole predicate of its new figure ("1,100 residents were moved out of
# their homes around the junction overnight, not the 600 first reported"): its reporting cue after
# the old figure keeps it apart from a mere "not", so it allows a longer run of words.
# A model number in a name is one of its words ("64,000 Ember 2 heaters, not the 40,000 first reported").
_REJECT_FILLER = r"(?:[A-Za-z0-9][\w'\-]*(?:\s+|(?=[,\u2014])|$)){0,14}?"
_EARLIER_ADVERB = r"(?:first|earlier|initially|originally|previously|wrongly|mistakenly|erroneously|preliminarily)"
_REPORTED = r"(?:reported|announced|stated|given|cited|said|released|published|put|quoted|estimated|thought|believed|feared)"
_DET = r"(?:the\s+|an?\s+|some\s+)?"
# An earlier-report phrase before a figure: "an earlier", "the initial", "first reported".
_EARLIER_ADJ = r"(?:earlier|initial|first|original|previous|preliminary|early)"
_FIGURE_NOUN = r"(?:figures?|estimates?|counts?|tall(?:y|ies)|tolls?|totals?|numbers?|reports?)"
# The page's own text, as a correction note names it ("an earlier version of this article"); an
# earlier version of this bill, plan or vaccine is news, not a correction.
OWN_TEXT = r"(?:article|story|report|piece|post|page|item|text|headline)"

# Rejection: between the new figure and the old one ("people, not the earlier reported ").
_REJECT_BETWEEN = re.compile(
    rf"^\s*{_REJECT_FILLER}(?:,\s*|\s+|\u2014\s*|-\s*)(?:and\s+)?(?:not|rather\s+than|instead\s+of)\s+{_DET}"
    rf"(?:{_EARLIER_ADVERB}\s+)?(?:{_REPORTED}\s+)?(?:{_EARLIER_ADJ}\s+)?(?:{_FIGURE_NOUN}\s+of\s+)?$",
    re.IGNORECASE,
)
# ... with a reporting cue after the old figure ("189 first reported", "20 reported on Monday",
# "450 as initially announced", "12 as the prison service first said", "3,000 as the roads agency had
# said": a subject and an auxiliary, up to five words) unless the between-text carries one.
_CUE_AFTER = re.compile(
    rf"^\s*,?\s*(?:[A-Za-z][\w'\-]*\s+){{0,5}}?(?:as\s+|that\s+(?:were|was|had\s+been)\s+|(?:were|was|had\s+been)\s+)?"
    rf"(?:{_EARLIER_ADVERB}\s+)?{_REPORTED}\b"
    # a correction note's own cue: "14, not 41 as an earlier version of this article said"
    rf"|^\s*,?\s*(?:as\s+)?(?:an?\s+|the\s+)?{_EARLIER_ADJ}\s+(?:version|edition|draft|story|article|report)"
    rf"(?:\s+of\s+(?:this|the)\s+\w+)?\s+(?:{_REPORTED}|had\s+it|gave|misstated)\b",
    re.IGNORECASE,
)
_CUE_BETWEEN = re.compile(rf"\b(?:{_EARLIER_ADVERB}|{_EARLIER_ADJ}|{_REPORTED})\b", re.IGNORECASE)

# Revision: a verb of correcting somewhere before the figures.
_REVISION_VERB = re.compile(
    r"\b(?:revis(?:ed|es|ing|ion)|correct(?:ed|s|ing|ion)|amend(?:ed|s|ing)|adjust(?:ed|s|ing))\b",
    re.IGNORECASE,
)
_TO_BEFORE = re.compile(r"\bto\s*$", re.IGNORECASE)
_FROM_BETWEEN = re.compile(
    rf"^\s*{_FILLER}from\s+{_DET}(?:{_EARLIER_ADJ}\s+|{_EARLIER_ADVERB}\s+)?(?:{_REPORTED}\s+)?"
    rf"(?:{_FIGURE_NOUN}\s+of\s+)?$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(
    rf"\bfrom\s+{_DET}(?:{_EARLIER_ADJ}\s+|{_EARLIER_ADVERB}\s+)?(?:{_REPORTED}\s+)?(?:{_FIGURE_NOUN}\s+of\s+)?$",
    re.IGNORECASE,
)
_FIGURE_OF_BEFORE = re.compile(rf"\b{_FIGURE_NOUN}\s+of\s+$", re.IGNORECASE)
# ... or the new figure first and the verb after it, with the old figure it replaces ("11 people had
# been trapped, correcting an earlier figure of 12"; "212 passengers, revising its estimate of 189").
_REVISING_BETWEEN = re.compile(
    rf"^\s*{_FILLER},?\s*(?:correct(?:ing|ed)|revis(?:ing|ed)|amend(?:ing|ed)|adjust(?:ing|ed))\s+"
    rf"(?:the\s+|an?\s+|its\s+|their\s+|his\s+|her\s+)?(?:{_EARLIER_ADJ}\s+)?{_FIGURE_NOUN}\s+of\s+$",
    re.IGNORECASE,
)
_TO_BETWEEN = re.compile(rf"^\s*{_FILLER}(?:down\s+|up\s+|downward\s+|upward\s+)?to\s+$", re.IGNORECASE)

# Retraction: the old figure inside an earlier report, and a word saying it was wrong.
_EARLIER_REPORT_BEFORE = re.compile(
    rf"\b{_EARLIER_ADJ}\s+{_FIGURE_NOUN}\s+(?:of|that|had|said|put|gave|suggested|showed)\s+"
    rf"(?:[A-Za-z][\w'\-]*\s+){{0,4}}?$"
    # a correction note: "an earlier version of this article said 12 people ..."
    rf"|\b{_EARLIER_ADJ}\s+(?:version|edition)(?:\s+of\s+this\s+{OWN_TEXT})?\s+"
    rf"(?:said|stated|reported|gave|put|had|misstated)\s+(?:that\s+)?(?:[A-Za-z][\w'\-]*\s+){{0,4}}?$",
    re.IGNORECASE,
)
_EARLIER_REPORT_AFTER = re.compile(
    rf"^\s*(?:[A-Za-z][\w'\-]*\s+){{0,2}}?(?:as\s+|that\s+(?:were|was|had\s+been)\s+|(?:were|was|had\s+been)\s+)?"
    rf"{_EARLIER_ADVERB}\s+{_REPORTED}\b",
    re.IGNORECASE,
)
_FALSE = re.compile(
    r"\b(?:wrong|incorrect|inaccurate|erroneous|mistaken|in\s+error|untrue|false|overstated|"
    r"understated|overestimated|underestimated|in\s+fact|actually|not\s+accurate|a\s+mistake|"
    # ... or a note giving the right one: "the correct figure is 9"
    r"(?:the\s+)?correct\s+(?:figure|number|total|count|toll|tally)\s+(?:is|was)|it\s+(?:is|was)\s+in\s+fact)\b",
    re.IGNORECASE,
)
# Every construction holds one of these words: the cheap test that spares most sentences the rest.
_ANY_CUE = re.compile(
    r"\b(?:not|rather|instead|revis|correct|amend|adjust|wrong|incorrect|inaccurate|erroneous|mistake|"
    r"error|untrue|false|overstat|understat|overestimat|underestimat|in\s+fact|actually)",
    re.IGNORECASE,
)
# The same words as plain substrings: a test six times cheaper than the expression, run first on
# every sentence of the story (DUC 2004: 16 % of sentences pass it, 2 % pass all three).
_CUE_STEMS = (
    "not", "rather", "instead", "revis", "correct", "amend", "adjust", "wrong", "inaccurate",
    "erroneous", "mistake", "error", "untrue", "false", "overstat", "understat", "overestimat",
    "underestimat", "fact", "actually",
)
# ... and two figures: digit runs or number words (a cheap count; the quantities reader decides).
_NUMBER_TOKEN = re.compile(
    r"\d+|\b(?:" + "|".join(sorted((w for w in CARDINALS if " " not in w), key=len, reverse=True)) + r"|dozens?)\b",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"^(?:up|down)\s+to\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Correction:
    """A figure a sentence gives as replacing an earlier, wrong one."""

    key: str  # what both figures count (a quantities key, "people" for a bare count of people)
    old: Quantity  # the figure said to be wrong, as this sentence gives it
    new: Quantity  # the figure that replaces it


def _as_count(q: Quantity) -> Quantity:
    """``q`` without a bound its wording does not mean here: "revised up to 41" is 41."""
    m = _UP_TO.match(q.text)
    if not m:
        return q
    return replace(q, start=q.start + m.end(), text=q.text[m.end() :], low=q.value, high=q.value, precise=True)


def _key_of(text: str, old: Quantity, new: Quantity) -> str:
    """What the corrected figures count (module docstring)."""
    for q in (new, old):
        if q.key in CASUALTY_KEYS:
            return q.key
        # A counted noun that is itself a casualty word ("15 arrests"): its class.
        if (cls := CASUALTY_TRIGGERS.get(q.key) or CASUALTY_TRIGGERS.get(q.key + "s")) is not None:
            return cls
    if new.key not in UNKEYED:
        return new.key
    # "The toll was revised down to 9 from 12": the casualty word stands before both figures.
    head = text[: min(old.start, new.start)]
    triggers = [w.lower() for w in re.findall(r"[A-Za-z]+", head) if w.lower() in CASUALTY_TRIGGERS]
    if triggers:
        return CASUALTY_TRIGGERS[triggers[-1]]
    # "revised the number of jobs to go ... to 1,650 from 1,800": the noun of "number of".
    named = re.findall(r"\b(?:number|count|total)\s+of\s+([A-Za-z]+)", head, re.IGNORECASE)
    if named:
        noun = normalize_word(named[-1])
        return SYNONYMS.get(noun, noun)
    return new.key or old.key or "people"


def _rejection(text: str, new: Quantity, old: Quantity) -> bool:
    between = text[new.end : old.start]
    if not _REJECT_BETWEEN.match(between):
        return False
    return bool(_CUE_BETWEEN.search(between) or _CUE_AFTER.match(text[old.end :]))


def _revision(text: str, first: Quantity, second: Quantity) -> tuple[Quantity, Quantity] | None:
    """(old, new) when the two figures, in text order, are a revision's "to N from O", "from O to
    N", "figure of O ... to N" or "N ..., correcting an earlier figure of O"."""
    verb = _REVISION_VERB.search(text, 0, second.start)
    if verb is None:
        return None
    before, between = text[: first.start], text[first.end : second.start]
    if _TO_BEFORE.search(before) and _FROM_BETWEEN.match(between):
        return second, first
    if (_FROM_BEFORE.search(before) or _FIGURE_OF_BEFORE.search(before)) and _TO_BETWEEN.match(between):
        return first, second
    if _REVISING_BETWEEN.match(between):
        return second, first
    return None


def _retraction(text: str, numbers: tuple[Quantity, ...]) -> tuple[Quantity, Quantity] | None:
    """(old, new): a figure inside an earlier report said to be wrong, and the nearest other figure
    of a compatible key."""
    if not _FALSE.search(text):
        return None
    for old in numbers:
        if not (_EARLIER_REPORT_BEFORE.search(text[: old.start]) or _EARLIER_REPORT_AFTER.match(text[old.end :])):
            continue
        others = [q for q in numbers if q is not old and _compatible(old.key, _class_of(text, q))]
        if others:
            return old, min(others, key=lambda q: (abs(q.start - old.start), q.start))
    return None


def _class_of(text: str, q: Quantity) -> str:
    """``q``'s key, or the casualty class its own predicate gives ("nine soldiers died": deaths)."""
    if q.key in CASUALTY_KEYS:
        return q.key
    stop = re.search(r"[,;:.!?]", text[q.end :])
    words = re.findall(r"[A-Za-z]+", text[q.end : q.end + stop.start()] if stop else text[q.end :])[:6]
    hits = [CASUALTY_TRIGGERS[w.lower()] for w in words if w.lower() in CASUALTY_TRIGGERS]
    return hits[0] if hits else q.key


def _compatible(a: str, b: str) -> bool:
    return a == b or a in UNKEYED or b in UNKEYED


def find_correction(text: str) -> Correction | None:
    """The correction ``text`` states, if any (module docstring); the first when it states several."""
    low = text.lower()
    if not any(w in low for w in _CUE_STEMS) or not _ANY_CUE.search(text) or len(_NUMBER_TOKEN.findall(text)) < 2:
        return None
    numbers = tuple(_as_count(q) for q in find_quantities(text, keep_unkeyed=True))
    found: tuple[Quantity, Quantity] | None = None
    for k, first in enumerate(numbers):
        for second in numbers[k + 1 :]:
            if _rejection(text, first, second):
                found = (second, first)
            else:
                found = _revision(text, first, second)
            if found:
                break
        if found:
            break
    found = found or _retraction(text, numbers)
    if found is None:
        return None
    old, new = found
    if old.value == new.value:
        return None
    key = _key_of(text, old, new)
    return Correction(key=key, old=replace(old, key=key), new=replace(new, key=key))
