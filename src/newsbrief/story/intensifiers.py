"""A hundred percent that measures nothing: "100 percent sure", "is now “100 percent” in opposition
hands", "we are 100 percent behind him".

Said of a state or a belief, "100 percent" means "fully": no share of anything was counted, so it is
no key figure, however many reports repeat the words. It is such an intensifier when the words
right after it (past a closing quotation mark) are a predicate of state or conviction: an adjective
of certainty, support or condition ("sure", "committed", "behind", "safe", "recovered") or a
phrase of control, possession or support ("in control", "in rebel hands", "under control",
"in support of", "on board").

A hundred percent stays a figure when it is a share of something ("100 percent of the vote", "a 100
percent stake"), a change ("prices rose 100 percent in a year", "a tax raised by 100 percent"),
a measured value told plainly ("Turnout was 100 percent.", "The vaccine was 100 percent effective
in the trial": effectiveness is measured) or any other share than a hundred.
"""

from __future__ import annotations

import re

# The value a share must have to be read as "fully".
FULL_SHARE = 100.0
# Words of state or conviction after "100 percent" ("sure", "behind", "committed"). No measurable
# property ("effective", "accurate" of a test, "owned") is among them: those can be measured.
_STATE_WORDS = frozenset(
    """sure certain confident convinced positive committed dedicated determined behind supportive
    right wrong correct true honest serious sincere innocent guilty safe secure fit healthy recovered
    ready happy satisfied clear done back focused responsible free loyal united justified""".split()
)
# A phrase of control, possession or support: "in control", "in opposition hands", "under control",
# "in support of", "on board".
_STATE_PHRASE = re.compile(
    r"(?:in|under)\s+(?:[\w'\u2019-]+\s+){0,3}?(?:control|hands|charge|support|favou?r|agreement)\b"
    r"|on\s+board\b|on\s+(?:our|their|his|her|the\s+same)\s+side\b|with\s+(?:you|us|him|her|them)\b",
    re.I,
)
# A change up to the figure ("rose 100 percent", "increased by 100 percent", "up 100 percent"): a
# measured rise or fall, whatever follows.
_CHANGE_BEFORE = re.compile(
    r"\b(?:by|up|down|rose|risen|rise|rises|jumped|increased|increase|fell|fallen|dropped|declined|grew|grown"
    r"|climbed|surged|soared|gained|lost|reached|hit|topped|cut|raised|slashed|doubled)\W*$",
    re.I,
)
# Quotation marks (typographic, plain, tokenised) and spaces around a quoted "100 percent".
_QUOTE_MARKS = re.compile(r"^(?:\s|''|``|[\"\u201c\u201d\u2018\u2019'])*")
_WORD = re.compile(r"[A-Za-z]+")


def says_fully(text: str, start: int, end: int, value: float) -> bool:
    """Whether the share ``value`` written at ``text[start:end]`` (its number and "percent") is
    "100 percent" meaning "fully" (module docstring)."""
    if value != FULL_SHARE:
        return False
    if _CHANGE_BEFORE.search(text[:start]):
        return False
    after = _QUOTE_MARKS.sub("", text[end:])
    if _STATE_PHRASE.match(after):
        return True
    word = _WORD.match(after)
    return word is not None and word.group(0).lower() in _STATE_WORDS
