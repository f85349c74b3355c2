"""Names typed as people that their own words or their sentence say are not (who's who).

The small tagger types an unfamiliar street, transit system, company, newspaper or a fact
check's label as a person ("houses on Mill Row", "Velmont Metro said its trains ...", "Hollin
Rail said", "He talked to the Ledger", "Verdict: False"). General shapes, each read only
on a name the tagger typed as a person and only when **no person cue** is around any of its
mentions (a title or role, "X, who", "X, 54,", "X said he / she", a kin or body word after
"X's"):

- **a place's head word** last ("Row", "Lane", "Close", "Terrace", "Line" ...: :data:`PLACE_HEADS`)
  in a name of two or more words written at least once after a preposition of place ("on Mill
  Row", "along the Northgate Line"), and never speaking: a place. "Sarah Lane said" stays a
  person (a street does not speak), so does "Rowan Mill" (not a head word). A head word no
  one's surname is (:data:`STREET_HEADS`: "Square", "Road", "Avenue" ...) needs no preposition
  ("London's Kell Square", "Minister, Harton Road Chapel"); a word that is a surname too
  ("Lane", "Row", "Park", "Bridge") does;
- **an operator's head word** last ("Rail", "Metro", "Transit", "Lines" ...: :data:`COMPANY_HEADS`)
  in a name of two or more words: a company ("Hollin Rail said", "Velmont Metro said its trains");
- **a newspaper**: a one-word name always written after a lower-case "the" ("the Ledger"), at
  least once as a medium ("talked to the X", "according to the X", "the X reported"): an
  organisation. "Heath Ledger" has no "the" and stays a person;
- **a works or site**: a one-word name written after a lower-case "the" and before a works' noun
  ("the Brennick substation", "the Kell reservoir": :data:`FACILITY_NOUNS`) in half its mentions
  or more, and never speaking: a place. "the Smith family" is no works;
- **a label**: a one-word name written only at the start of a line before a colon and a short
  value ending the line ("Verdict: False", "Rating: Mostly false"): no one, left out (like a
  product). A transcript's or a Q&A's speaker ("Penn: We watch the slope ...") is followed by
  a sentence, not a short value, and is named elsewhere too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from newsbrief.annotate.names import PLACE_HEAD_WORDS

# Last words of a street's, a district's or a line's name (beside annotate.names.PLACE_HEAD_WORDS,
# which retypes only names tagged as organisations): read here only with a preposition of place.
PLACE_HEADS = PLACE_HEAD_WORDS | frozenset("close terrace crescent drive gardens mews line".split())
# Of those, the last words of a street's or a square's name that are no one's surname: such a
# name is a place without a preposition of place ("Lane", "Park", "Bridge" are surnames too).
STREET_HEADS = frozenset("street st st. road rd avenue ave boulevard square terrace crescent mews".split())
# Last words of an operator's or a utility's name: a railway, a transit system, a shipping line.
COMPANY_HEADS = frozenset(
    "rail railway railways railroad metro transit lines trains buses ferries trams tramways underground "
    "telecom telecoms pharma pharmaceuticals studios systems technologies labs laboratories networks "
    "mutual insurance assurance insurers".split()
)
# Nouns of a works or a site that a one-word name stands before as a modifier ("the Brennick
# substation", "the Kell reservoir", "the Tarn islands"): read only after a lower-case "the".
FACILITY_NOUNS = frozenset(
    "substation substations plant reservoir dam refinery mine colliery depot terminal pipeline smelter "
    "quarry works factory shipyard barracks airfield "
    # and a stretch of land or water named the same way ("the Tarn islands", "the Tarn route")
    "islands island isles valley estuary peninsula reef strait route".split()
)
# A mention that says its name is a person's.
_PERSON_AFTER = re.compile(
    r"^\s*(?:,\s*(?:who|whose)\b|,\s*\d{1,3}\s*,|(?:,\s*)?(?:said|says|told|added)\s+(?:he|she|him|her|his)\b"
    r"|(?:'s|\u2019s)\s+(?:wife|husband|son|daughter|mother|father|sister|brother|family|children|body|death|lawyer)\b)",
    re.I,
)
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?\s+$")
# A place's preposition right before the name ("on Mill Row", "along the Northgate Line").
_AT_PLACE = re.compile(r"\b(?:on|along|at|near|off|in|into|onto|down|up|across|past|outside|behind|beside)\s+(?:the\s+)?$", re.I)
_POSSESSIVE = re.compile(r"^(?:'s|\u2019s)\b")  # "at Sarah Lane's home": a person's
_SPEAKS = re.compile(r"^\s*(?:,\s*)?(?:said|says|told|added|stated|explained|warned)\b", re.I)
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|according to)\s+$", re.I)
_THE_BEFORE = re.compile(r"(?<![A-Za-z])the\s+$")  # lower case: "The Ledger" may be the name's own word
# "the X" as a medium: what it was told, what it reported.
_MEDIUM_BEFORE = re.compile(
    r"\b(?:told|talked to|spoke to|speaking to|said to|interview with|according to|seen by|obtained by|"
    r"reported by|wrote in|writing in|a letter to|an article in|a report in)\s+the\s+$",
    re.I,
)
_MEDIUM_AFTER = re.compile(r"^\s+(?:reported|reports|revealed|has learned|learned|understands|said in an editorial)\b", re.I)
# A label: the name opens a line, a colon, a value of at most four words ends the line.
_LABEL_AFTER = re.compile(r"^\s*:[ \t]*(?:[^\s:.!?]+[ \t]*){1,4}[.!]?[ \t]*(?:\n|$)")
_REACH = 60
_FACILITY_AFTER = re.compile(r"^\s+(?:" + "|".join(sorted(FACILITY_NOUNS)) + r")\b")


class Named(Protocol):
    """One mention as read here (:class:`newsbrief.story.kind_cues.NamedMention` is one)."""

    @property
    def key(self) -> str: ...
    @property
    def text(self) -> str: ...  # the name as written
    @property
    def type(self) -> str: ...  # the tagger's type
    @property
    def titled(self) -> bool: ...
    @property
    def has_role(self) -> bool: ...
    @property
    def body(self) -> str: ...  # its article's text
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def find_non_people(mentions: Sequence[Named]) -> dict[str, str]:
    """Key -> "place", "company" or "product" (a label: no one) for names typed as people that
    the module docstring's shapes say are not. ``mentions`` are every mention in the story."""
    by_key: dict[str, list[Named]] = defaultdict(list)
    for m in mentions:  # the mentions themselves, no copies: a long story has tens of thousands
        by_key[m.key].append(m)
    out: dict[str, str] = {}
    for key, ms in by_key.items():
        kind = _shape_kind(ms)
        if not kind or not any(m.type == "person" for m in ms) or any(m.titled or m.has_role for m in ms):
            continue
        contexts = [(m.body[max(0, m.start - _REACH) : m.start], m.body[m.end : m.end + _REACH]) for m in ms]
        if any(_PERSON_AFTER.match(after) or _HONORIFIC_BEFORE.search(before) for before, after in contexts):
            continue
        if kind == "site":
            if any(_SPEAKS.match(after) or _SAID_BEFORE.search(before) for before, after in contexts):
                continue
            kind = "place"
        elif kind == "place":
            speaks = any(_SPEAKS.match(after) or _SAID_BEFORE.search(before) for before, after in contexts)
            placed = ms[0].text.split()[-1].casefold() in STREET_HEADS or any(
                _AT_PLACE.search(before) and not _POSSESSIVE.match(after) for before, after in contexts
            )
            if speaks or not placed:
                continue
        elif kind == "medium":
            if not any(_MEDIUM_BEFORE.search(before) or _MEDIUM_AFTER.match(after) for before, after in contexts):
                continue
            kind = "company"
        out[key] = kind
    return out


def _shape_kind(ms: Sequence[Named]) -> str:
    """What a name's own words and places say it may be, before its cues are read: "company"
    (an operator's head word), "place" (a place's head word), "medium" (one word, always after
    a lower-case "the"), "site" (one word, a works' name before its noun), "product" (one word,
    only ever a line's label), or "" (the many other names, read no further)."""
    words = ms[0].text.split()
    last = words[-1].casefold() if words else ""
    if len(words) >= 2:
        return "company" if last in COMPANY_HEADS else "place" if last in PLACE_HEADS else ""
    # a works' name before its noun in half its mentions or more ("the Brennick substation"): a place
    sited = sum(
        bool(_THE_BEFORE.search(m.body[max(0, m.start - 8) : m.start]) and _FACILITY_AFTER.match(m.body[m.end : m.end + 30])) for m in ms
    )
    if 2 * sited >= len(ms):
        return "site"
    if all(_THE_BEFORE.search(m.body[max(0, m.start - 8) : m.start]) for m in ms):
        return "medium"
    if all((m.start == 0 or m.body[m.start - 1] == "\n") and _LABEL_AFTER.match(m.body[m.end : m.end + _REACH]) for m in ms):
        return "product"
    return ""
