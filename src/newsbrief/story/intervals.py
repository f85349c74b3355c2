"""The interval of values a number's wording allows, so rounding and hedging are not taken for
disagreement:

* ``about 200`` / ``some 30``: the number +-15 %;
* ``nearly 300`` / ``almost 300`` / ``just under 300``: up to the number, from 15 % below;
  ``just over 300``: from the number up to 15 % above;
* ``more than 30`` / ``at least 40``: an open interval above the number, except "at least" with
  a number that is not round, which reports a count ("at least 12 dead" is the 12 counted so far,
  the convention for tolls that keep rising: "at least 12" then "19" is a change);
* ``up to 5,000`` / ``fewer than 10``: an interval below the number;
* ``dozens`` / ``hundreds`` / ``several``: the range the word allows;
* a plain number: itself, except a round number of 100 or more, which allows +-5 %.
"""

from __future__ import annotations

from decimal import Decimal

# Hedge words and their tolerance. 15 %: "about 200" covers 210 (issue example) and "some 30"
# covers 34 (fixture harbour_fire); a 25 % gap ("about 800" vs "more than 1,200") stays a conflict.
HEDGE_TOLERANCE = 0.15
# A hedged number written to more digits says how close it is: "about 5,200" rounds to the
# hundred, so it allows two hundreds either way (and at least the 5 % of a round number), not the
# 15 % that would take in 4,500.
HEDGE_STEPS = 2
# A plain round number of at least 100 is itself a rounding: "200 firefighters" vs "210".
ROUND_TOLERANCE = 0.05
# Hedges that put the value below the number ("nearly 300" is not 320) or above it ("just over
# 300" is not 280).
HEDGES_BELOW = ("nearly", "almost", "just under")
HEDGES_ABOVE = ("just over",)
HEDGES = (
    "about", "around", "roughly", "approximately", "some", "nearly", "almost", "close to",
    "an estimated", "estimated", "circa", "just under", "just over",
)
LOWER_BOUNDS = ("more than", "at least", "over", "upwards of", "in excess of", "no fewer than", "above")
UPPER_BOUNDS = ("up to", "as many as", "fewer than", "less than", "under", "no more than", "below")
# Vague amounts: (low, high) of what the word allows.
# Vague words that say only that there were some, not how many ("several chalets were buried"):
# an early report's word for a count not yet made, so never at odds with a count (unlike "dozens"
# or "hundreds", which state a magnitude).
SOME_WORDS = frozenset({"several", "a few", "a handful", "a couple of"})
VAGUE: dict[str, tuple[float, float]] = {
    "half a dozen": (5, 7), "a dozen": (10, 14), "dozens": (24, 99), "scores": (40, 200), "hundreds": (200, 999),
    "thousands": (2000, 9999), "tens of thousands": (20000, 99999),
    "hundreds of thousands": (200000, 999999), "millions": (2e6, 9.99e6), "several": (3, 9),
    "a few": (2, 5), "a handful": (2, 6), "a couple of": (2, 3),
}


def is_round(value: float) -> bool:
    """A whole number of at least 10 that ends in 0 (a rounding when written plain)."""
    return value >= 10 and value == int(value) and int(value) % 10 == 0


def read_qualifier(before: str) -> tuple[str, str]:
    """The hedge/bound words right before a number: (kind, words)."""
    tail = before.lower().rstrip()
    for kind, words in (("upper", UPPER_BOUNDS), ("lower", LOWER_BOUNDS), ("hedge", HEDGES)):
        for w in sorted(words, key=len, reverse=True):
            if tail.endswith(" " + w) or tail == w:
                return kind, w
    return "", ""


def allowed_interval(
    number: float | None, raw: str, scale: float, qualifier: tuple[str, str]
) -> tuple[float, float, float, bool]:
    """(value, low, high, precise) that a number with its qualifier allows (module docstring)."""
    kind, words = qualifier
    if number is None:
        lo, hi = VAGUE[raw.lower()]
        return (lo + hi) / 2 * scale, lo * scale, hi * scale, False
    value = number * scale
    if kind == "hedge":
        tol = max(ROUND_TOLERANCE * value, min(HEDGE_TOLERANCE * value, HEDGE_STEPS * find_last_digit_step(number) * scale))
        low = value if words in HEDGES_ABOVE else value - tol
        high = value if words in HEDGES_BELOW else value + tol
        return value, low, high, False
    if kind == "lower" and (words != "at least" or is_round(number)):
        return value, value, float("inf"), False
    if kind == "upper":
        return value, 0.0, value, False
    tol = ROUND_TOLERANCE if (not kind and is_round(number) and number >= 100) else 0.0
    return value, value * (1 - tol), value * (1 + tol), True


def find_last_digit_step(number: float) -> float:
    """The place value of a number's last non-zero digit (5,200 -> 100; 2.5 -> 0.1; 30 -> 10)."""
    exponent = Decimal(repr(number)).normalize().as_tuple().exponent
    return 10.0 ** exponent if isinstance(exponent, int) else 1.0
