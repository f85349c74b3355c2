"""What a comparison key measures, in words ("death toll", "number of firefighters", "amount of
the fund", "distance"): how a disagreement names what its sides are about."""

from __future__ import annotations

_NAMES = {
    "people": "number of people",
    "deaths": "death toll",
    "injured": "number of injured",
    "missing": "number of missing",
    "arrested": "number of arrests",
    "hostages": "number of hostages",
    "displaced": "number of people evacuated or displaced",
    "trapped": "number of people trapped",
    "ill": "number of people ill",
    "percent": "percentage",
    "magnitude": "magnitude",
    "venue": "venue",
    "date": "date",
    # Measures are keyed by their dimension's unit whatever unit each side writes ("35 miles" /
    # "56 km"): the sides' values say the units.
    "metre": "distance",
    "hectare": "area",
    "kilogram": "weight",
    "temperature": "temperature",
}


def describe_key(key: str) -> str:
    """A short description of what a key measures ("death toll", "amount of the fund")."""
    if key in _NAMES:
        return _NAMES[key]
    if key.startswith("percent:"):
        return f"share of {pluralize(key.split(':', 1)[1])}"
    if key.startswith("money:"):
        noun = key.split(":", 2)[2]
        return f"amount of the {noun}" if noun else "amount"
    return f"number of {pluralize(key)}"


def pluralize(noun: str) -> str:
    """The plural of a counted noun key ("country" -> "countries", "bus" -> "buses")."""
    if noun.endswith(("ss", "us", "x", "ch", "sh", "z")):
        return noun + "es"
    if noun.endswith(("s", "men")) or noun in ("people", "police", "staff", "personnel", "crew", "children", "men", "women", "cattle", "feet"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"
