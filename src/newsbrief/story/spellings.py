"""When two written names are one name: transliteration variants and shortened full names.

Names transliterated from Arabic, Russian or Chinese reach English in several spellings ("Moammar
Gadhafi", "Muammar Qaddafi", "Khadafy"; "al-Zawiya", "Zawiyah"), and a person's full name is
shortened by dropping its middle ("Saif Gadhafi" for "Saif al-Islam Gadhafi", "George Bush" for
"George W. Bush"). Plain string work on name keys (:func:`newsbrief.annotate.names.make_key`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsbrief.annotate.names import contains_tokens, split_key

# Arabic article and its sun-letter forms glued to a name by a hyphen ("al-Brega", "ash-Sham"),
# and the few particles written with or without a space ("el Baradei").
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an)-", re.I)
# Letter groups that romanisations write differently for one sound (longest first). Vowels are
# folded only as far as romanisation varies them (o/u, e/i/y); "a" stays, so "Martin" and
# "Morton", "Brown" and "Brian" keep apart.
_GROUPS: tuple[tuple[str, str], ...] = (
    ("kh", "k"), ("gh", "k"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sch", "sh"), ("tch", "ch"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"),
    ("q", "k"), ("c", "k"), ("g", "k"), ("o", "u"), ("e", "i"), ("y", "i"),
)
_GROUP_RE = re.compile("|".join(re.escape(a) for a, _ in _GROUPS))
_GROUP_MAP = dict(_GROUPS)
_DOUBLE = re.compile(r"(.)\1+")
_ISATION = re.compile(r"isation$")


@lru_cache(maxsize=16384)
def fold_word(word: str) -> str:
    """One word of a name as it sounds, roughly: accents, the glued Arabic article, a final "h"
    after a vowel, doubled letters and the letter groups romanisations vary are folded
    ("Qaddafi", "Gadhafi", "Khadafy" -> "kadafi")."""
    w = unicodedata.normalize("NFKD", word.casefold())
    w = "".join(c for c in w if c.isalnum() or c == "-")
    w = _ARTICLE.sub("", w).replace("-", "")
    # British and American spellings of one word of a name ("Organisation", "Organization").
    w = _ISATION.sub("izatiun", w)
    if len(w) > 3 and w.endswith("h") and w[-2] in "aeiouy":
        w = w[:-1]
    w = _GROUP_RE.sub(lambda m: _GROUP_MAP[m.group(0)], w)
    return _DOUBLE.sub(r"\1", w)


# Folded words this short say too little to call two spellings one name ("Ban" and "Bin").
MIN_FOLDED = 5


@lru_cache(maxsize=16384)
def fold_key(key: str) -> str:
    """The spelling-blind form of a name key, or "" when it is too short to compare safely.

    Words are folded one by one (:func:`fold_word`); a lone Arabic article written apart ("al
    Qaeda", "el Baradei") is dropped. A one-word name needs ``MIN_FOLDED`` letters after folding.
    """
    words = [fold_word(t) for t in key.split() if t not in ("al", "el")]
    words = [w for w in words if w]
    if not words or (len(words) == 1 and len(words[0]) < MIN_FOLDED):
        return ""
    return " ".join(words)


def match_word(word: str) -> str:
    """The form two words of names are compared in: folded (:func:`fold_word`) when that leaves
    ``MIN_FOLDED`` letters, else the word itself ("Khaddouri" = "Gadhouri", "Lee" is not "Li")."""
    folded = fold_word(word)
    return folded if len(folded) >= MIN_FOLDED else word


@lru_cache(maxsize=16384)
def match_tokens(key: str) -> tuple[str, ...]:
    """The words of a key, each compared by :func:`match_word` (hyphens split: "al-islam" is
    two words)."""
    return tuple(match_word(t) for t in split_key(key))


def is_part_of(short: tuple[str, ...], long: tuple[str, ...], person: bool) -> bool:
    """True when the name ``short`` names what ``long`` does in fewer words: a contiguous run of
    its words ("Gadhafi", "Saif al-Islam"); for a person, also the last word in another spelling
    ("Khaddouri" in "Hamid Qaddouri") or, in two words or more, the first and last words with some
    of the middle left out ("Saif Gadhafi" in "Saif al-Islam Gadhafi")."""
    if contains_tokens(short, long):
        return True
    if not person or len(short) >= len(long):
        return False
    if len(short) == 1:
        # A surname in another spelling ("Khaddouri" for "Hamid Qaddouri"); only the last word,
        # so a run-on that opens with a place's name ("Llanfylin Catherine Mills") takes no town.
        return match_word(short[0]) == match_word(long[-1])
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


# Common English short forms of given names ("Ed Chernoff" is "Edward Chernoff"): short form ->
# the full forms it stands for. A short form joins a full name only where the story writes one
# full form with the same surname (see :func:`full_given_names`).
_SHORT_GIVEN_NAMES: dict[str, tuple[str, ...]] = {
    "abe": ("abraham",), "al": ("albert", "alan", "alfred"), "alex": ("alexander", "alexandra"),
    "andy": ("andrew",), "art": ("arthur",), "ben": ("benjamin",), "bert": ("albert", "herbert"),
    "beth": ("elizabeth",), "betty": ("elizabeth",), "bill": ("william",), "billy": ("william",),
    "bob": ("robert",), "bobby": ("robert",), "cathy": ("catherine",), "charlie": ("charles",),
    "chris": ("christopher", "christine", "christian"), "chuck": ("charles",), "dan": ("daniel",),
    "danny": ("daniel",), "dave": ("david",), "dick": ("richard",), "don": ("donald",),
    "doug": ("douglas",), "drew": ("andrew",), "ed": ("edward", "edwin", "edmund"),
    "eddie": ("edward",), "fred": ("frederick",), "frank": ("francis", "franklin"),
    "geoff": ("geoffrey",), "greg": ("gregory",), "hank": ("henry",), "harry": ("harold", "henry"),
    "jack": ("john",), "jeff": ("jeffrey",), "jerry": ("gerald", "jerome"), "jim": ("james",),
    "jimmy": ("james",), "joe": ("joseph",), "johnny": ("john",), "jon": ("jonathan",),
    "josh": ("joshua",), "kate": ("katherine", "catherine", "kathleen"), "kathy": ("katherine", "kathleen"),
    "ken": ("kenneth",), "larry": ("lawrence",), "liz": ("elizabeth",), "maggie": ("margaret",),
    "matt": ("matthew",), "meg": ("margaret",), "mike": ("michael",), "mick": ("michael",),
    "nick": ("nicholas",), "pat": ("patrick", "patricia"), "pete": ("peter",), "phil": ("philip", "phillip"),
    "ray": ("raymond",), "rich": ("richard",), "rick": ("richard",), "rob": ("robert",),
    "ron": ("ronald",), "sam": ("samuel", "samantha"), "stan": ("stanley",), "steve": ("steven", "stephen"),
    "sue": ("susan",), "ted": ("edward", "theodore"), "tim": ("timothy",), "tom": ("thomas",),
    "tommy": ("thomas",), "tony": ("anthony",), "vince": ("vincent",), "walt": ("walter",),
    "will": ("william",), "zach": ("zachary",),
}


def full_given_names(word: str) -> tuple[str, ...]:
    """The full given names a short form stands for ("ed" -> edward, edwin, edmund); () for any
    other word. Keys are case-folded (:func:`newsbrief.annotate.names.make_key`)."""
    return _SHORT_GIVEN_NAMES.get(word.rstrip("."), ())
