"""Date expressions: the forms a date takes in news copy, as regexes, and the scanner that finds
them in one sentence (non-overlapping, longest first).

The kinds: absolute ("2023-12-12", "Dec. 5, 2023", "12th - 13th December", "October 2022", "in
2022", "mid-2021"), relative ("yesterday", "last week", "two days ago"), year-less ("on Tuesday",
"on Dec. 5", "last March") and anchored ("three months after ..."). What a found expression means
is :mod:`newsbrief.annotate.dateresolve`; which ones are events is :mod:`newsbrief.annotate.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsbrief.vocabulary import CARDINALS, MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, WEEKDAYS


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "seventeen" is tried before "seven")."""
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


# Month and weekday names are capitalised in news copy: "may" and "march" in lower case are the
# verb and the noun. "May" needs no abbreviation of its own.
_FULL_MONTH = _alternatives(m.capitalize() for m in MONTHS)
_ABBR_MONTH = _alternatives(a.capitalize() for a in MONTH_ABBREVIATIONS if a != "may") + r"\.?"
_MONTH = rf"(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH})(?![a-z])"
_BARE_MONTH = rf"(?P<mon>{_FULL_MONTH})(?![a-z])"
_WEEKDAY_ANY = _alternatives(d.capitalize() for d in WEEKDAYS)
_WEEKDAY = rf"(?P<wd>{_WEEKDAY_ANY})(?![a-z])"
_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])"
_DAY2 = r"(?P<d2>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<y>1[89]\d\d|20\d\d)(?![\d%]|s\b|-\d)"
# The comma before a day's year, also as a tokenised text spaces it ("September 1 , 1969").
_YEAR_COMMA = r"(?:\s?,)?\s+"
# A weekday before a written date, its comma also as a tokenised text spaces it ("Tuesday , March
# 3"): one date with it. The written date decides; the weekday only picks a year-less date's year
# (:mod:`newsbrief.annotate.dateresolve`).
_WEEKDAY_LEAD = rf"(?:(?P<lwd>{_WEEKDAY_ANY})(?:\s?,)?\s+)?"
_RANGE = r"\s*(?:-|\u2013|\u2014|to|and|through)\s*"
# A range whose last day repeats the month ("May 3 to May 7", "3 May until 7 May"); no "and" ("on
# May 3 and May 7" are two days), and never a move ("postponed from May 3 to May 7": _MOVED_FROM).
_RANGE_TO = r"\s*(?:-|\u2013|\u2014|to|until|till|through|thru)\s*"
_MOVED_FROM = re.compile(
    r"(?i:\b(?:postpon|mov|delay|push|put|brought|bring|reschedul|chang|shift|extend|advanc|switch)\w*"
    r"(?:\s+[\w'-]+){0,4}?\s+from\s+$)"
)
_NUM = rf"(?P<n>an?|{_alternatives(w for w, n in CARDINALS.items() if n)}|\d{{1,3}})"
_UNIT = r"(?P<unit>day|week|month|year)s?"
# "early/mid/late" and "the end/start of" keep the period's precision: they narrow, not move, it.
_MOD = r"(?:(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+|mid-)"
_RELATIVE_DAY = _alternatives(w.replace(" ", r"\s+") for w in RELATIVE_DAYS)
_REL = r"(?P<rel>last|next|this|this\s+past|this\s+coming|coming)"


def _compile(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags)


# (kind, pattern). Overlaps are settled by span length, then order here.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("dmy", _compile(rf"(?<![\w.,$]){_WEEKDAY_LEAD}(?:the\s+)?{_DAY}{_RANGE}{_DAY2}\s+(?:of\s+)?{_MONTH}(?:{_YEAR_COMMA}{_YEAR})?")),
    ("mdy", _compile(rf"{_WEEKDAY_LEAD}{_MONTH}\s+{_DAY}{_RANGE}{_DAY2}(?:{_YEAR_COMMA}{_YEAR})?")),
    ("dmy", _compile(rf"(?<![\w.,$]){_WEEKDAY_LEAD}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_RANGE_TO}(?:the\s+)?{_DAY2}\s+(?:of\s+)?(?P=mon)(?![a-z])(?:{_YEAR_COMMA}{_YEAR})?")),
    ("mdy", _compile(rf"{_WEEKDAY_LEAD}{_MONTH}\s+{_DAY}{_RANGE_TO}(?P=mon)(?![a-z])\s+(?:the\s+)?{_DAY2}(?:{_YEAR_COMMA}{_YEAR})?")),
    ("dmy", _compile(rf"(?<![\w.,$]){_WEEKDAY_LEAD}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:{_YEAR_COMMA}{_YEAR})?")),
    ("mdy", _compile(rf"{_WEEKDAY_LEAD}{_MONTH}\s+(?:the\s+)?{_DAY}(?:{_YEAR_COMMA}{_YEAR})?")),
    ("month_year", _compile(rf"(?:{_MOD})?{_MONTH},?\s+{_YEAR}")),
    ("month", _compile(rf"(?:(?i:{_MOD}))?(?:(?i:{_REL})\s+)?{_BARE_MONTH}")),
    ("year", _compile(rf"(?:(?i:{_MOD})|(?<![\w.,$-])){_YEAR}")),
    ("weekday", _compile(rf"(?:(?i:{_REL}|early|late)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?")),
    ("relday", _compile(
        rf"(?i:\b(?P<word>{_RELATIVE_DAY})\b)"
    )),
    ("relperiod", _compile(
        rf"(?i:\b(?:{_MOD})?{_REL}\s+(?P<unit>week|weekend|month|year|spring|summer|autumn|fall|winter)\b)"
    )),
    ("ago", _compile(rf"(?i:\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|from\s+now))\b")),
    ("anchor", _compile(rf"(?i:\b(?:(?:just|only|some|about|nearly|almost|barely)\s+)?{_NUM}\s+{_UNIT}\s+(?P<dir>after|before)\b)(?=\s+\S)")),
]  # fmt: skip


# The ranges that spell the month twice (only these are checked for a move before them).
_SPELLED_RANGES = frozenset(pat for _, pat in _PATTERNS if "(?P=mon)" in pat.pattern)

# What a sentence must contain for each kind to match anywhere in it: a cheap search that skips
# the costly patterns (they try their optional prefixes at every character) on the many sentences
# that cannot hold them. Each gate is implied by its pattern, so the found expressions are the same
# (test_dates checks every pattern against its gate): 1.5 -> 0.5 CPU s over haiti_bbc's 7,245
# sentences.
_DIGIT = re.compile(r"\d")
_ANY_MONTH = re.compile(rf"{_FULL_MONTH}|{_ABBR_MONTH}")
_GATES: dict[str, tuple[re.Pattern[str], ...]] = {
    "iso": (_DIGIT,),
    "dmy": (_DIGIT, _ANY_MONTH),
    "mdy": (_DIGIT, _ANY_MONTH),
    "month_year": (_DIGIT, _ANY_MONTH),
    "month": (re.compile(_FULL_MONTH),),
    "year": (re.compile(r"(?:1[89]|20)\d\d"),),
    "weekday": (re.compile(_WEEKDAY_ANY),),
    "relperiod": (re.compile(r"(?i:last|next|this|coming)"),),
    "ago": (re.compile(r"(?i:ago|from\s+now)"),),
    "anchor": (re.compile(r"(?i:after|before)"),),
}


@dataclass(frozen=True)
class FoundExpression:
    """One date expression found in a sentence (offsets into it), before resolution."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def scan_expressions(text: str) -> list[FoundExpression]:
    """Find the date expressions of one sentence (non-overlapping, in text order)."""
    found: list[tuple[int, int, int, FoundExpression]] = []
    passed: dict[re.Pattern[str], bool] = {}  # each gate searched once per sentence

    def opens(gate: re.Pattern[str]) -> bool:
        if gate not in passed:
            passed[gate] = gate.search(text) is not None
        return passed[gate]

    for prio, (kind, pat) in enumerate(_PATTERNS):
        if not all(opens(g) for g in _GATES.get(kind, ())):
            continue
        for m in pat.finditer(text):
            if pat in _SPELLED_RANGES and _MOVED_FROM.search(text[: m.start()]):
                continue  # "moved from May 3 to May 7": two dates, the second the new one
            if m.end() > m.start():
                f = FoundExpression(m.start(), m.end(), kind, m.groupdict())
                found.append((-(m.end() - m.start()), m.start(), prio, f))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    taken: list[FoundExpression] = []
    for _, _, _, f in found:
        if all(f.end <= g.start or f.start >= g.end for g in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


_CALENDAR_KINDS = frozenset({"iso", "dmy", "mdy", "month_year"})
_CALENDAR_PATTERNS = [pat for kind, pat in _PATTERNS if kind in _CALENDAR_KINDS]


def find_calendar_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a calendar date out ("June 13", "12th December", "2023-12-12",
    "October 2022"), possibly overlapping: for stages that must not read its digits as a count."""
    return [m.span() for pat in _CALENDAR_PATTERNS for m in pat.finditer(text)]
