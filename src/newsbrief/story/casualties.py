"""What a count of people counts: the casualty class a count takes from the words around it
("killing at least 12", "22 people were injured", "the death toll ... has risen to 19"), and the
clause helpers that tell which words are around it.

A casualty class is a key of its own (``deaths``, ``injured``, ``missing``, ``arrested``,
``displaced``, ``hostages``, ``trapped``, ``ill``): two counts are compared only when their keys meet (see
:mod:`newsbrief.story.quantities`).
"""

from __future__ import annotations

import re

from newsbrief.story.intervals import HEDGES, LOWER_BOUNDS, UPPER_BOUNDS, VAGUE
from newsbrief.vocabulary import CARDINALS, HOME_NOUNS, LEAVING_VERBS, SAVING_VERBS

_CLAUSE_BREAK = re.compile(r"[;,.]|\band\b|\bbut\b|\bwhile\b|\bwhereas\b", re.I)

# Words that say what a count of people counts; the nearest one in the clause decides the key.
CASUALTY_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        ("killed", "killing", "kill", "kills", "dead", "died", "die", "dies", "death", "deaths",
         "toll", "fatalities", "perished", "lives", "bodies", "victims"),
        "deaths",
    ),
    **dict.fromkeys(
        ("injured", "injuring", "injures", "wounded", "wounding", "hurt", "injuries", "injury",
         "hospitalised", "hospitalized", "treated", "treatment", "hospitalisation", "hospitalization"),
        "injured",
    ),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("arrested", "detained", "arrests", "detentions"), "arrested"),
    # "held 14 people hostage", "Sixteen people were held hostage", "kidnapped": held against their will
    **dict.fromkeys(("hostage", "hostages", "kidnapped", "abducted", "captives"), "hostages"),
    # Held where they are ("12 people trapped in the caves"), and taken ill ("200 passengers have
    # fallen ill", "the number of people sick ... has risen to 310"): counts of their own.
    **dict.fromkeys(("trapped",), "trapped"),
    **dict.fromkeys(("ill", "sick"), "ill"),
    **dict.fromkeys(
        ("evacuated", "displaced", "homeless", "relocated", "rehoused", "resettled", "uprooted"), "displaced"
    ),
}
CASUALTY_KEYS = frozenset(CASUALTY_TRIGGERS.values())
# A bare count of "people" without a casualty word says nothing comparable ("hundreds of people
# have been kidnapped" / "176 people"), so it gets no key.
VAGUE_NOUNS = {"people", "person"}
GENERIC_PEOPLE = {
    "people", "person", "persons", "resident", "civilian", "passenger", "worker", "child",
    "adult", "man", "men", "woman", "women", "individual", "victim", "body", "other", "survivor",
}
# "zero" is left out: "zero tolerance" is no count.
COUNT_WORDS = {w: n for w, n in CARDINALS.items() if n}


def find_clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last clause break before it)."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        left = m.end()
    return left


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of ``text`` holding text[start:end] (between the clause breaks of _CLAUSE_BREAK)."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    m2 = _CLAUSE_BREAK.search(text, end)
    return text[left : m2.start() if m2 else len(text)]


def words_after(text: str, pos: int, limit: int) -> list[str]:
    """Up to ``limit`` words after ``pos`` within the clause."""
    m = _CLAUSE_BREAK.search(text, pos)
    stop = m.start() if m else len(text)
    return re.findall(r"[A-Za-z][A-Za-z'\-]*", text[pos:stop])[:limit]


def words_before(text: str, pos: int, limit: int | None) -> list[str]:
    """Words before ``pos`` back to the clause start, nearest first (at most ``limit``)."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        start = m.end()
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", text[start:pos])[::-1]
    return words if limit is None else words[:limit]


_QUALIFIER_WORDS = frozenset(
    w for phrase in (*HEDGES, *LOWER_BOUNDS, *UPPER_BOUNDS) for w in phrase.split()
) | {"only", "just", "a", "total", "of"}
# How far after a count of people its predicate may come ("About 1,200 residents of the Quay
# Nine and Lantern Row neighbourhoods were evacuated": eleven words).
_PREDICATE_WINDOW = 12


# Verbs whose object is a count of people that is no casualty class: the count belongs to them, not
# to a casualty word later in the sentence.
_OTHER_HARM = frozenset(
    "infected infecting infects sickened affected affecting affects vaccinated vaccinating tested "
    "testing screened employed employs employing".split()
)


# Classes taken by a stated number only: "thousands of people could be trapped", "as thousands fell
# ill" tell a magnitude, not a count outlets revise; as figures they would no longer be backed by
# their paraphrases ("many are feared buried": haiti_bbc and H1N1_bbc each lost a corroborating
# member when tried).
_NUMBERS_ONLY = frozenset({"trapped", "ill"})


def find_casualty_key(text: str, start: int, end: int, after_rise: bool) -> str | None:
    """The casualty class of a count of people (see ``_find_class``); "trapped" and "ill" for a
    stated number only (``_NUMBERS_ONLY``)."""
    found = _find_class(text, start, end, after_rise)
    if found in _NUMBERS_ONLY and text[start:end].strip().lower() in VAGUE:
        return None
    return found


def _find_class(text: str, start: int, end: int, after_rise: bool) -> str | None:
    """The casualty class of a count of people.

    In order: the verb right before the number ("killing at least 12"), the first trigger after it
    up to the next punctuation ("22 people were injured and 26 were missing": each number gets its
    own predicate), and for a rising figure the subject back to the clause start ("the death toll
    ... has risen to 19")."""
    before = [w.lower() for w in words_before(text, start, None)]
    head = next((w for w in before if w not in _QUALIFIER_WORDS), None)
    if head in CASUALTY_TRIGGERS:
        return CASUALTY_TRIGGERS[head]
    if head in _OTHER_HARM:
        return None  # "has infected 13,000 people and killed 92": the 13,000 are the infected
    stop = re.search(r"[,;:.!?]", text[end:])
    span = text[end : end + stop.start()] if stop else text[end:]
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*|\d[\d,.]*", span)[:_PREDICATE_WINDOW]
    for k, w in enumerate(words):
        low = w.lower()
        # Another count takes the predicates after it ("thousands of people showed up to bury 13
        # protesters killed": the dead are the 13, not the mourners).
        if w[0].isdigit() or (w.islower() and (low in COUNT_WORDS or low in VAGUE)):
            break
        if low in CASUALTY_TRIGGERS:
            return CASUALTY_TRIGGERS[low]
        if low in LEAVING_VERBS and leaves_home(words[k + 1 : k + 6]):
            return "displaced"  # "were moved out of their homes", "fled their houses"
    if after_rise:
        for w in before:
            if w in CASUALTY_TRIGGERS:
                return CASUALTY_TRIGGERS[w]
    return None


def leaves_home(after: list[str]) -> bool:
    """Whether the words after a verb of leaving name the leavers' homes ("out of their homes",
    "from their houses", "their homes"): a possessive, then a home noun."""
    for k, w in enumerate(after):
        if w.lower() in ("their", "his", "her") and k + 1 < len(after):
            return after[k + 1].lower() in HOME_NOUNS
        if w.lower() not in ("out", "of", "from", "to", "leave"):
            return False
    return False


# The counted noun of "11 lives" ("lives" strips to "live") or "one life".
_LIFE_NOUNS = frozenset({"live", "life"})


def is_toll_of_lives(text: str, start: int, noun: str) -> bool:
    """Whether a count of lives is a death toll: "has claimed 11 lives", "the fire cost 11 lives",
    "11 lives were lost"; not when a verb of saving governs it ("lifeguards saved 11 lives")."""
    if noun not in _LIFE_NOUNS:
        return False
    before = [w.lower() for w in words_before(text, start, None)]
    head = next((w for w in before if w not in _QUALIFIER_WORDS), None)
    return head not in SAVING_VERBS

