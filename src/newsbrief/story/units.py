"""Measures in units: a figure's unit converted to its dimension's unit, a bracketed conversion
folded into the figure it converts, and two figures compared as the intervals their wordings allow
(a figure written in two units is one converted from the other and rounded). Read by
:mod:`newsbrief.story.quantities`, which finds the figures; moved here from it whole, with the
temperature scales added: "88 degrees Fahrenheit" is 31.1 degrees Celsius, so it agrees with
"31 degrees Celsius" (a marathon story had set the two against each other as a conflict)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsbrief.story.intervals import find_last_digit_step
from newsbrief.vocabulary import UNIT_CONVERSIONS, UNIT_MODIFIERS

if TYPE_CHECKING:
    from newsbrief.story.quantities import Quantity

# A measure followed by itself in another unit in brackets: "about 55 kilometers (35 miles)",
# "-LRB-" as tokenized text writes it. The unit word of the first stands between them.
_CONVERSION_GAP = re.compile(r"\s*(?:[A-Za-z.]+\s*)?(?:\(|-LRB-)\s*")

# A temperature on a named scale, right after its figure: "31 degrees Celsius", "88 degrees F",
# "-5 °C". Keyed "temperature" and valued in degrees Celsius: a bare "95 degrees" names no scale
# (in a US report it is Fahrenheit) and keeps the key "degree", so it is never set against one.
_SCALE = re.compile(r"\s*(?:degrees?\s*|°\s*)(celsius|centigrade|fahrenheit|c|f)\b", re.IGNORECASE)
TEMPERATURE_KEY = "temperature"
# The offset of a scale whose zero is not the key unit's zero, by (key, factor): Fahrenheit.
_FAHRENHEIT = 5 / 9
_OFFSETS = {(TEMPERATURE_KEY, _FAHRENHEIT): -32 * _FAHRENHEIT}


def convert_measure(key: str, modifier: str, after: str) -> tuple[str, str, float, float]:
    """(key, modifier, factor, offset) of a figure: its value in the key's unit is the written one
    times ``factor`` plus ``offset``. ``after`` is the text right after the number: a temperature
    on a named scale ("degrees Fahrenheit") is keyed ``temperature`` in degrees Celsius; any other
    measure as :func:`convert_unit` says (offset 0)."""
    scale = _SCALE.match(after) if key == "degree" else None
    if scale is not None:
        if scale.group(1).lower() in ("fahrenheit", "f"):
            return TEMPERATURE_KEY, modifier, _FAHRENHEIT, _OFFSETS[TEMPERATURE_KEY, _FAHRENHEIT]
        return TEMPERATURE_KEY, modifier, 1.0, 0.0
    return (*convert_unit(key, modifier), 0.0)


def merge_conversions(text: str, found: list[Quantity]) -> tuple[Quantity, ...]:
    """The quantities of ``text`` with a bracketed conversion folded into the figure it converts:
    one figure, written first, that allows what either wording allows ("about 55 kilometers (35
    miles)": the 35 is a conversion of "about 55", as approximate as it; LibyaWar_cnn set that "35"
    against "about 30 miles" as a disagreement)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.key == q.key
            and prev.factor != q.factor
            and _CONVERSION_GAP.fullmatch(text[prev.end : q.start])
        ):
            out[-1] = replace(prev, low=min(prev.low, q.low), high=max(prev.high, q.high), precise=prev.precise and q.precise)
            continue
        out.append(q)
    return tuple(out)


def convert_unit(key: str, modifier: str) -> tuple[str, str, float]:
    """(key, modifier, factor) of a figure in a unit of measure under its dimension's unit
    (vocabulary.UNIT_CONVERSIONS): "mile" -> ("metre", "", 1609.344); "square kilometre" ->
    ("hectare", "", 100); any other key is kept with factor 1."""
    if (modifier, key) in UNIT_MODIFIERS:
        return (*UNIT_MODIFIERS[modifier, key][:1], "", UNIT_MODIFIERS[modifier, key][1])
    if key in UNIT_CONVERSIONS and not modifier:
        canonical, factor = UNIT_CONVERSIONS[key]
        return canonical, modifier, factor
    return key, modifier, 1.0


def compare_quantities(a: Quantity, b: Quantity) -> bool:
    """True when ``a`` and ``b`` (same key) can both be right: the intervals their wordings allow
    meet (two precise counts meet only when equal, up to the rounding of a round number). A measure
    written in two units is one converted from the other and rounded, so each then also allows half
    the place of its last digit ("35 miles" is 56.3 km: "56 km" agrees, "60 km" does not)."""
    if a.factor != b.factor:
        ra, rb = _conversion_rounding(a), _conversion_rounding(b)
        return a.low - ra <= (b.high + rb) * (1 + 1e-9) and b.low - rb <= (a.high + ra) * (1 + 1e-9)
    return a.low <= b.high * (1 + 1e-9) and b.low <= a.high * (1 + 1e-9)


def written_value(q: Quantity) -> float:
    """The number of ``q`` in the unit it is written in ("88" of "88 degrees Fahrenheit")."""
    return (q.value - _OFFSETS.get((q.key, q.factor), 0.0)) / q.factor


def _conversion_rounding(q: Quantity) -> float:
    """Half the place of the last digit of ``q`` as written, in the unit it is compared in."""
    return find_last_digit_step(written_value(q)) / 2 * q.factor
