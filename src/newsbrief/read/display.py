"""Source names safe to show and to compare: no bidi controls, no invisible characters, one form.

Outlet and credit names come from untrusted pages. An unclosed RIGHT-TO-LEFT OVERRIDE (U+202E)
in a name reverses the text after it wherever it is shown; a zero-width space or a Cyrillic
look-alike letter makes "Reuters" count as a second independent outlet. :func:`clean_source_name`
removes the controls and invisible characters, applies NFKC (full-width and styled letters become
plain ones) and, in a name that mixes Latin letters with Cyrillic or Greek look-alikes, folds the
look-alikes to Latin. A name written wholly in Cyrillic or Greek is left as it is.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides, isolates and marks; zero-width and other invisible format characters.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e]")
# Cyrillic and Greek letters drawn like Latin ones (the spoofing set of Unicode's confusables).
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁԛԝІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκ",
    "ABEKMHOPCTXaeopcyxijsdqwIJSABEZHIKMNOPTYXaopiuvk",
)
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC_GREEK = re.compile("[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f]")


def strip_bidi(text: str) -> str:
    """``text`` without bidi control characters."""
    return BIDI_CONTROLS.sub("", text)


def clean_source_name(name: str | None) -> str | None:
    """An outlet or credit name fit to show and compare (None when nothing visible is left)."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", strip_bidi(name)))
    if _LATIN.search(text) and _CYRILLIC_GREEK.search(text):
        text = text.translate(_LOOKALIKES)
    text = " ".join(text.split())
    return text or None
