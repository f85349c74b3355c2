"""Numbers as news writes them: patterns for money, percentages, fractions and durations, and
their values ("USD 175.6 billion" -> 175.6e9, "two-thirds" -> 66.67 percent, "six" -> 6).

Plain regular expressions over the text, so figures are found the same way with or without a
spaCy parse; the parse (in :mod:`newsbrief.annotate.figures`) only decides what a number counts and rules
out numbers inside names and dates.
"""

from __future__ import annotations

import re

_SMALL: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS: dict[str, int] = {
    w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "crore": 1e7,
    "lakh": 1e5,
    "bn": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "m": 1e6,
    "k": 1e3,
}
NUMBER_WORDS: frozenset[str] = frozenset(_SMALL) | frozenset(_TENS) | {"dozen"}

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)(?:\s+hundred)?"
)
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number not glued to a word before it ("COVID-19", "Vinbax-2023", "G20").
_NUM = rf"(?<![\w\-/.,])(?:{DIGITS}|\b{_WORDNUM})"
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|crore|lakh)"
_SCALE_ABBR = r"(?:bn|mn|m|k|b)"
_CUR_PREFIX = (
    r"US\$|A\$|C\$|HK\$|S\$|NZ\$|R\$|\$|\u20ac|\u00a3|\u00a5|\u20b9|"
    r"(?:USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD|VND|Rs\.?)(?=\s?\d)"
)
_CUR_WORDS = (
    r"US dollars|dollars?|euros?|pounds sterling|yuan|yen|rupees|dong|won|francs|roubles|rubles|"
    r"pesos|USD|EUR|GBP"
)
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
    sorted({*_SMALL, *_TENS, "dozen", "half", "a half", "a third", "a quarter", "a fifth"})
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


CURRENCIES: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "s$": "SGD",
    "nz$": "NZD",
    "r$": "BRL",
    "\u20ac": "EUR",
    "\u00a3": "GBP",
    "\u00a5": "JPY",
    "\u20b9": "INR",
    "rs": "INR",
    "rs.": "INR",
    "rmb": "CNY",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pounds sterling": "GBP",
    "yuan": "CNY",
    "yen": "JPY",
    "rupees": "INR",
    "dong": "VND",
    "won": "KRW",
    "francs": "CHF",
    "roubles": "RUB",
    "rubles": "RUB",
    "pesos": "MXN",
}
FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "two thirds": 200 / 3,
    "three quarters": 75.0,
    "three fifths": 60.0,
}


# No count or amount in the news reaches a quintillion; larger (or infinite) values are digit runs
# or typos, and would overflow the integer and interval arithmetic downstream.
MAX_FIGURE = 1e18


def in_figure_range(value: float) -> bool:
    """True when ``value`` is finite and below :data:`MAX_FIGURE` in size."""
    return abs(value) < MAX_FIGURE


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words, with scale words ("1.2 million",
    "two hundred", "twenty-five", "4bn"); None when it is not a number or beyond MAX_FIGURE."""
    value = _parse_number(text)
    return value if value is None or in_figure_range(value) else None


def _parse_number(text: str) -> float | None:
    t = text.strip().casefold().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s?([a-z]+)?", t)
    if m:
        scale = m.group(2)
        if scale is None:
            return float(m.group(1))
        if scale in SCALES:
            return float(m.group(1)) * SCALES[scale]
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s\-]+", t):
        if not word or word == "and":
            continue
        if word == "a":
            current = current or 1.0
        elif word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in SCALES:
            total += (current or 1.0) * SCALES[word]
            current = 0.0
        else:
            try:
                current += float(word)
            except ValueError:
                return None
        seen = True
    return total + current if seen else None


def get_currency_code(symbol: str) -> str:
    """ISO code of a currency symbol or word ("\u20ac" -> "EUR", "USD" -> "USD")."""
    s = symbol.strip().casefold()
    return CURRENCIES.get(s, symbol.strip().upper())


def get_fraction_value(text: str) -> float:
    """Percentage a fraction word stands for ("a third" -> 33.33...)."""
    return FRACTIONS.get(re.sub(r"[-\s]+", " ", text.casefold()), 0.0)
