"""Source names safe to show and to compare: no bidi controls, no invisible characters, one form.

Outlet and credit names come from untrusted pages. An unclosed RIGHT-TO-LEFT OVERRIDE (U+202E)
in a name reverses the text after it wherever it is shown; a zero-width space or a look-alike
letter from another script makes "Reuters" count as a second independent outlet.
:func:`clean_source_name` removes the controls and invisible characters, applies NFKC (full-width,
mathematical and other styled letters become plain ones) and, in each word that has Latin letters,
folds the letters of other scripts drawn like a Latin letter or digit (Cyrillic "е", Greek "ο",
Armenian "ս", Cherokee "Ꭱ"...: Unicode's confusables data, from the ``confusable-homoglyphs``
package) to that letter, and drops the combining marks that compose with nothing (stacked or
overlaid marks). A word written wholly in another script ("РИА Новости", "Καθημερινή") is left as
it is, and so are the accents of real names ("El País"); :func:`newsbrief.story.sources.fold_outlet`
compares names without accents.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources

# Bidi embeddings, overrides, isolates and marks; zero-width and other invisible format characters
# (joiners, the combining grapheme joiner, Hangul fillers).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e\u034f\u115f\u1160\u3164\uffa0]")
_LATIN = re.compile(r"[A-Za-z]")
# The Cyrillic and Greek letters most used to spoof Latin names, mapped by their case where the
# confusables data maps by shape alone (it reads Cyrillic "І" and Greek "Ι" as "l"), or not at all
# (Greek "κ"). They take precedence over the data.
_BY_CASE = {
    ord(a): b
    for a, b in zip(
        "АВЕКМНОРСТХаеорсухіјѕԁԛԝІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκ",
        "ABEKMHOPCTXaeopcyxijsdqwIJSABEZHIKMNOPTYXaopiuvk",
        strict=True,
    )
}


def strip_bidi(text: str) -> str:
    """``text`` without bidi control characters."""
    return BIDI_CONTROLS.sub("", text)


@functools.cache
def latin_lookalikes() -> dict[int, str]:
    """Letters of scripts other than Latin that Unicode's confusables data says are drawn like an
    ASCII letter or digit, mapped to it (a ``str.translate`` table): 1,264 characters in
    confusable-homoglyphs 3.3.1, besides NFKC's styled letters. Read once, when a name needs it."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8"))
    table: dict[int, str] = {}
    for ch, glyphs in data.items():
        if len(ch) != 1 or ch.isascii() or unicodedata.name(ch, "LATIN").startswith("LATIN"):
            continue  # Latin letters ("ı", "ɑ") belong to real names in Latin script
        plain = sorted(g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum())
        if plain:
            table[ord(ch)] = plain[0]
    table.update(_BY_CASE)
    return table


def _fold_word(word: str) -> str:
    if word.isascii() or not _LATIN.search(word):
        return word
    folded = word.translate(latin_lookalikes())
    # Marks left uncomposed after NFKC on a Latin word are stacked or overlaid: never a spelling.
    return "".join(c for c in folded if not unicodedata.combining(c))


def clean_source_name(name: str | None) -> str | None:
    """An outlet or credit name fit to show and compare (None when nothing visible is left)."""
    if name is None:
        return None
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", strip_bidi(name)))
    text = " ".join(_fold_word(w) for w in text.split())
    return text or None
