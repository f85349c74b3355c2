"""Numbers as news writes them: patterns for money, percentages, fractions and durations, and
their values ("USD 175.6 billion" -> 175.6e9, "two-thirds" -> 66.67 percent, "six" -> 6).

Plain regular expressions over the text, so figures are found the same way with or without a
spaCy parse; the parse (in :mod:`newsbrief.annotate.figures`) only decides what a number counts and rules
out numbers inside names and dates.
"""

from __future__ import annotations

import re

from newsbrief.vocabulary import (
    CARDINALS,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TENS,
    UNITS,
)

_ONES = "|".join(w for w, n in UNITS.items() if 1 <= n <= 9)
_TEENS = "|".join(sorted((w for w, n in UNITS.items() if n >= 10), key=len, reverse=True))
_WORDNUM = (
    rf"(?:(?:{'|'.join(TENS)})(?:[-\s](?:{_ONES}))?"
    rf"|{_TEENS}|{_ONES})(?:\s+hundred)?"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number not glued to a word before it ("COVID-19", "Vinbax-2023", "G20").
_NUM = rf"(?<![\w\-/.,])(?:{DIGITS}|\b{_WORDNUM})"
_SCALE_WORD = "(?:" + "|".join(sorted(SCALE_WORDS, key=len, reverse=True)) + ")"
_SCALE_ABBR = "(?:" + "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True)) + ")"
_CUR_PREFIX = CURRENCY_PREFIX
_CUR_WORDS = CURRENCY_SUFFIX
# Words before a number that qualify it ("more than 30", "at least 45").
QUALIFIERS: frozenset[str] = frozenset(
    p.strip()
    for p in """
    more than|over|at least|nearly|almost|about|around|some|up to|roughly|approximately|less than|
    fewer than|under|just over|just under|an estimated|as many as|as much as|close to|upwards of
    """.split("|")
) - {""}


def find_qualifier_start(body: str, start: int) -> int:
    """Where a number starting at ``start`` begins once its qualifier is included ("more than
    30" -> the offset of "more"); ``start`` when there is none."""
    words = [m for m in _WORD_BEFORE.finditer(body, max(0, start - 30), start)]
    if not words or words[-1].end() + 1 < start and body[words[-1].end() : start].strip():
        return start
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(w.group(0).casefold() for w in words[-n:])
            gap = body[words[-n].start() : start]
            if phrase in QUALIFIERS and gap.split() == [w.group(0) for w in words[-n:]]:
                return words[-n].start()
    return start


_WORD_BEFORE = re.compile(r"[A-Za-z]+")


# Where a number may start: a run of letters (a number word) or of digits. Scanning these and
# trying the anchored patterns below only there is several times faster than running each pattern
# over the whole text (measured: 4.5 -> 0.8 ms per 3,300-character article).
_DIGIT_RUN = re.compile(r"\d+")
_CURRENCY_HINT = re.compile(r"[$\u20ac\u00a3\u00a5\u20b9]|\b(?:USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD|VND|Rs)\b")
_START_WORDS: tuple[str, ...] = tuple(
    sorted({*CARDINALS, "dozen", "half", "a half", "a third", "a quarter", "a fifth"})
)

MONEY_BEFORE = re.compile(
    rf"(?P<cur>{_CUR_PREFIX})\s?(?P<num>{DIGITS})(?:\s?(?P<scale>{_SCALE_WORD}|{_SCALE_ABBR})\b)?(?![\w%])"
)
MONEY_AFTER = re.compile(
    rf"(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE_WORD}))?\s(?P<cur>{_CUR_WORDS})\b", re.I
)
PERCENT = re.compile(
    rf"(?P<num>{_NUM})\s?(?P<pct>%|per\s?cent\b|percent\b|pct\b|percentage points?\b|basis points?\b)", re.I
)
FRACTION = re.compile(
    r"\b(?P<frac>(?:a|one)[-\s](?:half|third|quarter|fifth)|two[-\s]thirds|three[-\s](?:quarters|fifths)|half)\s+of\b",
    re.I,
)
DURATION = re.compile(
    rf"(?P<num>{_NUM})[-\s](?P<dur>years?|months?|weeks?|days?|hours?|decades?|centuries|century|minutes?)\b(?!-old|-year)",
    re.I,
)
COUNT = re.compile(rf"(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE_WORD}))?(?![\w%])", re.I)

def find_number_starts(body: str) -> list[tuple[int, bool]]:
    """Offsets where a number (or a fraction word) may start, each with True for a digit."""
    out: list[tuple[int, bool]] = []
    for m in _DIGIT_RUN.finditer(body):
        prev = body[m.start() - 1] if m.start() else " "
        if not (prev.isalnum() or prev in "-/.,_"):
            out.append((m.start(), True))
    low = body.casefold() if body.isascii() else body.lower()
    if len(low) != len(body):  # a few characters change length when lower-cased; stay exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in body)
    n = len(low)
    for word in _START_WORDS:
        i = low.find(word)
        while i != -1:
            end = i + len(word)
            if (i == 0 or not low[i - 1].isalpha()) and (end == n or not low[end].isalpha()):
                out.append((i, False))
            i = low.find(word, end)
    out.sort()
    return out


def find_currency_starts(body: str) -> list[int]:
    """Offsets of currency symbols and codes (where a sum written "$5m" may start)."""
    return [m.start() for m in _CURRENCY_HINT.finditer(body)]
