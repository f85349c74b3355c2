"""Name normalisation shared by entities and quotes: keys, titles, place aliases, acronyms.

A *key* is the form two mentions must share to be the same name: case-folded, without a leading
"the", a trailing possessive or curly apostrophes, with the few country names that news writes in
several ways ("US", "U.S.", "the United States") mapped to one. Everything here is plain string
work, so it runs without spaCy.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words that open a title before a name ("Prime Minister Pham Minh Chinh", "Gov. Kathy Hochul").
# Lower-cased, with and without the abbreviation dot. When spaCy puts them inside a PERSON span
# they are moved to the role. Written from common news titles, not from the seed articles.
TITLE_WORDS: frozenset[str] = frozenset(
    """
    president vice prime minister premier chancellor secretary general gen gen. governor gov gov.
    senator sen sen. representative rep rep. congressman congresswoman mayor deputy chief chairman
    chairwoman chair king queen prince princess emperor empress pope cardinal archbishop bishop
    rev rev. sheikh emir sultan ayatollah ambassador envoy spokesman spokeswoman spokesperson judge
    justice commissioner director president-elect lieutenant lt lt. colonel col col. captain capt
    capt. sergeant sgt sgt. officer inspector superintendent admiral adm adm. marshal commander
    speaker leader foreign defence defense finance interior state first lady lord baroness baron
    dame sir professor prof prof. attorney ceo chief-executive executive minister-president
    """.split()
)

# Titles that can only stand before a person's name (not "General Motors", "State Department"):
# a name after one of these is a person even when the tagger says organisation.
PERSON_TITLES: frozenset[str] = frozenset(
    """
    president prime minister premier chancellor governor gov gov. senator sen sen. mayor king queen
    prince princess emperor empress pope sheikh emir sultan ayatollah ambassador envoy spokesman
    spokeswoman spokesperson judge secretary chairman chairwoman commissioner president-elect
    colonel col col. captain capt capt. sergeant sgt sgt. lieutenant lt lt. admiral inspector
    """.split()
)

# Forms of address that are not a role: stripped from the name, never reported as the role.
HONORIFICS: frozenset[str] = frozenset(
    "mr mr. mrs mrs. ms ms. miss mx mx. dr dr. sir dame madam mme mme. m. herr".split()
)

# Nouns that mark a name as a news outlet rather than a person ("state newspaper Tuoi Tre",
# "the Nhan Dan newspaper", "broadcaster NHK"). spaCy's small model tags such names as PERSON.
MEDIA_NOUNS: frozenset[str] = frozenset(
    """
    newspaper newspapers daily paper tabloid magazine broadcaster agency outlet media television tv
    radio channel network website portal gazette journal weekly newswire wire mouthpiece
    """.split()
)

# Last words that make a PERSON-tagged name an organisation ("Maravel Relief", "Estrel Gazette").
ORG_HEAD_WORDS: frozenset[str] = frozenset(
    """
    relief foundation institute institution agency council committee party bank group company corp
    corporation inc ltd llc plc association union ministry department office authority service
    services trust fund society club university college school hospital church army police court
    commission network airlines airways chemicals energy holdings partners capital news times post
    gazette courier dispatch herald tribune journal radio today telegraph guardian press reuters league
    cup federation alliance coalition movement front organisation organization
    tours travel holidays motors industries logistics
    """.split()
)

# Last words that make a place-tagged name an organisation ("Asia-Pacific Economic Cooperation").
# Narrower than ORG_HEAD_WORDS: "Soviet Union" and "Times Square" stay places.
PLACE_TO_ORG_HEADS: frozenset[str] = frozenset(
    """
    cooperation organization organisation initiative forum council committee party agency bank
    fund institute university ministry department company corporation association commission
    """.split()
)

# Last words that make an ORG-tagged name a place ("Lantern Row", "Brannock Street").
PLACE_HEAD_WORDS: frozenset[str] = frozenset(
    """
    street st st. road rd avenue ave boulevard lane row square quay bridge park river sea bay gulf
    ocean island islands lake mountain mountains valley district province county region strait
    canal harbour harbor port peninsula desert coast
    """.split()
)

# Country names written several ways. Keys are case-folded; values are the canonical name.
PLACE_ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "uae": "United Arab Emirates",
    "u.a.e.": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
    "prc": "China",
    "people's republic of china": "China",
    "dprk": "North Korea",
    "drc": "Democratic Republic of the Congo",
    "dr congo": "Democratic Republic of the Congo",
}

# Function words allowed inside a name or an acronym's long form ("Belt and Road Initiative").
NAME_FUNCTION_WORDS: frozenset[str] = frozenset("of and for the de del da di du la le on in & to".split())

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.I)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def clean_name(text: str) -> str:
    """Return ``text`` without a leading "the", a trailing possessive or extra white space."""
    t = _SPACES.sub(" ", text).strip()
    t = re.sub(r"^(?:the)\s+", "", t, flags=re.I)
    flat = t.translate(_APOSTROPHES)
    m = _POSSESSIVE.search(flat)
    if m and len(flat) > len(m.group(0)) + 1:
        t = t[: m.start()].rstrip()
    return t.strip(" ,;:-\u2013\u2014")


@lru_cache(maxsize=8192)
def make_key(text: str) -> str:
    """Return the matching key of a name: case-folded, cleaned, country aliases mapped."""
    t = clean_name(text).translate(_APOSTROPHES).casefold()
    alias = PLACE_ALIASES.get(t)
    if alias is not None:
        return alias.casefold()
    return t


def find_canonical_place(text: str) -> str | None:
    """Return the canonical country name for an alias ("U.S." -> "United States"), else None."""
    return PLACE_ALIASES.get(clean_name(text).translate(_APOSTROPHES).casefold())


@lru_cache(maxsize=8192)
def split_key(key: str) -> tuple[str, ...]:
    """Return the word tokens of a key (white space and hyphens split; dots kept: "u.s.")."""
    return tuple(t for t in re.split(r"[\s\-\u2010\u2011]+", key) if t)


def is_acronym(text: str) -> bool:
    """True for an all-capitals short name such as "BRI", "NATO" or "U.N."."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def get_initials(text: str) -> str:
    """Return the capital initials of a long form ("Belt and Road Initiative" -> "BRI")."""
    out = []
    for word in re.split(r"[\s\-\u2010\u2011]+", text):
        if word and word[0].isupper() and word.casefold() not in NAME_FUNCTION_WORDS:
            out.append(word[0])
    return "".join(out)


def is_title_word(word: str) -> bool:
    """True when ``word`` can open a title before a name ("President", "Gov.")."""
    return word.casefold() in TITLE_WORDS


def is_person_title(word: str) -> bool:
    """True when ``word`` is a title only a person carries ("Mayor", "Prince", "Sen.")."""
    return word.casefold() in PERSON_TITLES


def is_honorific(word: str) -> bool:
    """True for a form of address ("Mr", "Dr.") that is neither name nor role."""
    return word.casefold() in HONORIFICS


def contains_tokens(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short`` occurs as a contiguous run of tokens inside the longer ``long``."""
    n = len(short)
    if n == 0 or n >= len(long):
        return False
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))
