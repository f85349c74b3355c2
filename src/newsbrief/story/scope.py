"""Whether two figures measure the same thing: where they are of (the places a sentence names, so
counts of different places are not set against each other: "killed in Misrata this week" is not
the toll "in Yemen" or "in Libya"), whether they look like figures of one thing (words around
them, their ratio), and which counts name a kind of thing specific enough to compare in merely
close sentences.

A sentence's places are the names the tagger types a place and the names written right after a
locative preposition ("in", "near", "outside") that are not typed an organisation (the tagger often
types an unfamiliar town as a person, but "in X" says what it is); names after a locative are also
read from the text itself, so a town the tagger missed ("in the neighbouring province of Castel")
still counts. Two figures of one key are of the same scope unless both sentences name places and
neither sentence's places hold the other's ("Misrata , east of Tripoli" holds "Misrata", but
"Dafniya" and "Misrata" are two places); a sentence that names none says nothing about where (a
plain "the death toll rose to 41"). A distance is also of the place it is measured to and of its
compass direction ("150 miles west of Tripoli" is not "90 miles south of Tripoli").

Besides the place, the anchors of a figure (:func:`same_anchor`) are the words that modify its
counted noun ("six local journalists" is not "17 journalists"), the period it covers ("in the last
seven days" is not "on Friday") and, for a count of something that happened (a toll, the wounded of
a clash) in reports of different days, the event: the same event day, the same named event
("when the dam burst" / "the collapse of the dam"), or a running figure ("the death toll rose to",
"a total of", "so far"). A war's archive reports each day's fighting with its own dead and wounded;
those are different counts, not a toll that changed.

Which figures are compared at all: besides sentences that state one claim or are close, two reports
that each give the story one figure of a thing (the workforce, the depth of a collapse, the number of
rescuers) are compared in sentences that are only loosely alike (:func:`find_story_figure_pairs`).
A figure's places are read from its own account, not from a clause after it that tells something
else (:func:`cut_trailing_clause`), and a sentence that sets its figure apart ("in a separate
incident", "in the neighbouring province") is of another thing (:func:`is_set_apart`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsbrief.annotate.names import make_key
from newsbrief.story.facilities import find_hub_places
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.story.pool import SentencePool
from newsbrief.summary.bigrams import stem
from newsbrief.vocabulary import MEASURE_UNITS, MONTHS
from newsbrief.story.casualties import CASUALTY_KEYS, CASUALTY_TRIGGERS, GENERIC_PEOPLE, clause_around
from newsbrief.story.bodyfigures import BODY_FIGURE_COSINE, is_current_count
from newsbrief.story.quantities import Quantity, compare_quantities

# A locative preposition right before a name: the name is a place ("in Misrata", "near Brega").
_LOCATIVE = re.compile(r"\b(?:in|near|outside|across|inside)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$", re.I)

# A name followed by a part-of-a-place noun ("the Quay Nine and Lantern Row neighbourhoods") names a
# part of a town that other reports place by the town ("in Maravel's port district"): no scope.
_PART_OF_PLACE = re.compile(
    r"(?:\s+and\s+[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*)?\s+(?:neighbou?rhoods?|districts?|quarters?|suburbs?|"
    r"streets?|roads?|areas?|estates?|squares?|avenues?)\b"
)

SentenceKey = tuple[str, int]


# A name in the text after a locative, a place noun ("the neighbouring province of Castel") or a
# compass direction ("30 miles west of Tripoli"); read from the text, so untagged towns count.
_CAPS = r"[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2}"
_TEXT_PLACE = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]cross|[Ii]nside)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+\s+){0,2}(?:city|town|village|province|region|district|county|port)\s+of\s+)?"
    rf"(?P<name>{_CAPS})"
)
# Where a distance is measured to ("30 miles west of Tripoli"); elsewhere "the north of Duravia" is
# a part of a country, not another place.
_DIRECTION_OF = re.compile(rf"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?(?P<name>{_CAPS})")
_CALENDAR_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December".split()
)
# A day or month after a place ("in Tripoli Sunday") is no part of its name.
_CALENDAR = re.compile(rf"\s+(?:{'|'.join(sorted(_CALENDAR_WORDS))})\b.*$")
_COMPASS = re.compile(r"\b(north|south|east|west)(?:-?(east|west))?(?:ern|ward)?\b", re.I)
# Units of length: a distance is of the places its sentence names (module docstring).
DISTANCE_KEYS = frozenset({"mile", "kilometre", "metre", "foot", "feet", "yard"})


# A name right before the noun of a happening names that happening, not where it was: "killed in
# the Halden Chemicals explosion" (a company), "in the Orlen dam collapse".
_NAMES_EVENT = re.compile(r"\s+(?:explosion|blast|fire|blaze|collapse|crash|disaster|accident|attack|bombing|"
                          r"shooting|sinking|breach|derailment|spill|leak|strike|tragedy|incident)s?\b", re.I)
# Where a figure's own account ends: a clause after it that tells something else ("..., sending a
# wall of water through three towns in the Sava valley", "..., officials said on Thursday, after
# rescuers found seven more bodies in Brod"). Places named there are not where the figure is of.
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:after|as|when|while|before|where|since|sending|leaving|forcing|prompting|bringing|"
    r"(?:[\w'\u2019-]+\s+){0,4}(?:said|says|reported|told|confirmed|added))\b",
    re.I,
)


def cut_trailing_clause(text: str, q: Quantity) -> str:
    """``text`` up to the first clause after the figure ``q`` that tells something else (see
    ``_TRAILING_CLAUSE``): what the figure's places are read from."""
    m = _TRAILING_CLAUSE.search(text, q.end)
    return text[: m.start()] if m else text


# A reporting verb: the names before it are the speaker's (find_names_before).
_REPORTED_BY = re.compile(r"\b(?:said|says|say|told|reported|estimated|claimed|added|warned|according\s+to)\b", re.I)
_NAME_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")
_OPENERS = frozenset(
    "The A An It Its This That These Those He She They We There Here Some About Around Nearly On In At By "
    "For From After Before During Since Until Early Late Last Next".split()
)
_LEAD_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]+(?:\s*\([^)]*\))?\s*[-\u2013\u2014:]\s+")


def find_names_before(text: str, q: Quantity) -> frozenset[str]:
    """The keys of the names written before a distance ("Ravel lies about 40 miles east of Dessin":
    ravel): the place it is measured from, so "Marsa lies about 70 miles east of Dessin" is another
    distance. A date line, an opening article or pronoun, day or month names and a speaker before a
    reporting verb are no such name."""
    before = _LEAD_DATELINE.sub("", text[: q.start])
    # Who says it is not where it is measured from: only names after the last reporting verb
    # ("Anglers' groups said the ammonia had polluted some 45 kilometres": no place).
    said = list(_REPORTED_BY.finditer(before))
    if said:
        before = before[said[-1].end() :]
    out = set()
    for m in _NAME_RUN.finditer(before):
        words = [w for w in m.group(0).split() if w not in _CALENDAR_WORDS]
        while words and words[0] in _OPENERS:
            words = words[1:]
        if words:
            out.add(make_key(" ".join(words)))
    return frozenset(out)


def names_place_within(part: str, text: str, key: str) -> bool:
    """Whether the place ``key`` (a make_key key) of sentence ``text`` is written in ``part`` of
    it; True when the key is not found in the text as such (an alias: "U.S." -> united states)."""
    folded = text.casefold()
    return key not in folded or key in part.casefold()


def find_sentence_places(
    annotated: Sequence[AnnotatedArticle], named: bool = False
) -> dict[SentenceKey, frozenset[str]]:
    """(article id, sentence index) -> the keys of the places that sentence names after a locative
    (with ``named``: every name typed a place as well, but for a part of a town, see
    ``_PART_OF_PLACE``)."""
    out: dict[SentenceKey, set[str]] = {}
    for x in annotated:
        body = x.article.body
        for m in x.mentions:
            if m.text.isupper() and (m.start == 0 or body[m.start - 1] == "\n"):
                continue  # a dateline says where the report was filed, not where the figure is of
            if m.type != "organization" and not _NAMES_EVENT.match(body, m.end) and (
                (named and m.type == "place" and not _PART_OF_PLACE.match(body, m.end))
                or _LOCATIVE.search(body[max(0, m.start - 30) : m.start])
            ):
                out.setdefault((x.article.id, m.sentence), set()).add(make_key(m.text))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=65536)  # asked again for every pair a figure is compared in
def find_text_places(text: str, distance: bool = False) -> frozenset[str]:
    """The keys of the names ``text`` writes after a locative or a place noun (with ``distance``,
    after a compass direction as well)."""
    out = set()
    for m in (*_TEXT_PLACE.finditer(text), *(_DIRECTION_OF.finditer(text) if distance else ())):
        if _NAMES_EVENT.match(text, m.end("name")):
            continue
        name = _CALENDAR.sub("", m.group("name"))
        if name not in _CALENDAR_WORDS:
            out.add(make_key(name))
    return frozenset(out) | find_hub_places(text)


def share_scope(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' figures can be of one place: unless both name places and neither
    set holds the other."""
    return not (a and b and not (a <= b or b <= a))


def find_direction(text: str, q: Quantity) -> str:
    """The compass direction a distance is measured in ("30 miles west of Tripoli" -> "west"),
    read in the few words after the figure; empty when none is written."""
    m = _COMPASS.search(text[q.end : q.end + 40])
    return (m.group(1) + (m.group(2) or "")).lower() if m else ""


# Past forms of common deeds that do not end in -ed.
_PAST_DEEDS = frozenset(
    "flew flown fell shot hit struck took taken fought won lost sank sunk broke broken caught drove "
    "threw thrown sent brought built began begun ran".split()
)
# A count that is a running total, restated as it grows ("the death toll rose to", "a total of").
# A running total: one kept "since" a start, the "final" one ("14 house fires since November", "as it
# published the final result"). Not a bare "now": H1N1_guardian's "there are now 91 confirmed cases"
# (US) then met the WHO's world count of the next day (golden, session 12).
_RUNNING = re.compile(
    r"\b(?:toll|total|so far|in all|altogether|cumulative|rose|risen|climbed|has reached|now stands|since|final)\b", re.I
)
# A figure of one past moment: "Two of the eight gates were open when the crowd surged", "Three
# gates were open at the time". Such a state does not move; reports that give it otherwise are at
# odds, however far apart they came out.
_MOMENT = re.compile(r"\b(?:at\s+the\s+time|at\s+that\s+moment|when\s+(?:the|it|they|he|she|a|an)\b)", re.I)


def is_of_a_moment(text: str) -> bool:
    """Whether a sentence ties what it states to one past moment (``_MOMENT``) and keeps no
    running total (``_RUNNING``)."""
    return bool(_MOMENT.search(text)) and not _RUNNING.search(text)


# A period a figure covers: "in the last seven days", "over the past 24 hours", "in one day".
_PERIOD = re.compile(
    r"\b(?:in|over|during|for|within)\s+(?:the\s+)?(?:(?:last|past|previous|first)\s+(?:[\w-]+\s+)?|one\s+|a\s+single\s+)"
    r"(day|hour|week|month|year)s?\b|\bthis\s+(?:week|month|year)\b",
    re.I,
)
# Happenings a toll can be of: two sentences naming the same one speak of one event.
_EVENT = re.compile(
    r"\b(?:earthquake|quake|tremor|collapse|collapsed|breach|burst|fire|blaze|wildfire|crash|explosion|"
    r"blast|bombing|shooting|sinking|capsize|capsized|flood|flooding|storm|hurricane|typhoon|cyclone|"
    r"tsunami|eruption|landslide|derailment|stampede|outbreak|"
    # deeds with their own count of the arrested, the held or the hurt
    r"siege|robbery|raid|riot|crush|kidnapping|hijacking|break-out|breakout)\b",
    re.I,
)
_EVENT_SAME = {"quake": "earthquake", "tremor": "earthquake", "collapsed": "collapse", "burst": "breach",
               "blaze": "fire", "wildfire": "fire", "capsized": "capsize", "flooding": "flood", "blast": "explosion"}


# Cached (pure functions of the text): the disagreement pass asks them of the same few thousand
# sentences again for every pair of figures they are compared in.
@lru_cache(maxsize=65536)
def find_period(text: str) -> str:
    """The period a clause's figure covers, normalised ("last seven day"), or empty."""
    m = _PERIOD.search(text)
    if m is None:
        return ""
    words = [w for w in m.group(0).lower().split()[1:] if w not in ("the", "a", "single")]
    return " ".join("last" if w in ("past", "previous") else w.rstrip("s") for w in words)


@dataclass(frozen=True)
class Figure:
    """A figure with what anchors it: its sentence, the places that sentence names (see
    :func:`find_sentence_places`; every named place for a distance) and its event days."""

    text: str
    quantity: Quantity
    places: frozenset[str]
    days: frozenset[str]
    # The sentence before, for a sentence that names nothing its figure is of (``is_anchorless``):
    # "At least six people died." is of whatever the sentence before it names.
    before: str = ""


# A sentence that sets its figure apart from the story's own: "In a separate accident at the Velko
# quarry, two workers were injured", "In the neighbouring province of Castel, three people were
# killed". Its figure is of another happening or place than a figure told without such words.
_ELSEWHERE = re.compile(
    r"\b(?:in\s+(?:a|an|another)\s+(?:separate|unrelated|different|other)\b|(?:a|an)\s+(?:separate|unrelated)\s+"
    r"(?:incident|accident|attack|blast|fire|crash)\b|neighbou?ring\s+(?:province|region|state|country|district|"
    r"county|town|city|village|area)\b|\belsewhere\b)",
    re.I,
)


# A named place the figure is confined to: "In Dorn province alone, five villages reported debris"
# counts a part of the story's figure, not the story's figure.
_PLACE_ALONE = re.compile(r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[\w'\u2019-]+){0,2}?\s+alone\b")


@lru_cache(maxsize=65536)
def is_set_apart(text: str) -> bool:
    """Whether a sentence says its figure is of another happening or place ("in a separate
    incident", "in the neighbouring province of X", "elsewhere", "in X alone")."""
    return bool(_ELSEWHERE.search(text) or _PLACE_ALONE.search(text))


# A count of what was added since the last report ("three new cases", "five more bodies"): each
# day's increment is its own figure, not a running one that changed.
_INCREMENT = re.compile(r"\s+(?:new|additional|more|further|fresh|extra)\b", re.I)
_INCREMENT_BEFORE = re.compile(r"\b(?:a\s+further|an\s+additional|another)\s+$", re.I)


# A count told as a part of a group named elsewhere: "17 journalists are missing, among them three
# photojournalists", "Among them were the two acclaimed photojournalists", "of whom 12 were
# children". Which group "them" is lies outside the figure's own words.
_PART_BEFORE = re.compile(
    r"\b(?:among|of)\s+(?:them|those|these|whom)\b(?:\s+(?:were|was|are|is))?(?:\s+(?:the|some|about|around))?\s*$"
    r"|\bincluding\s+(?:the\s+|some\s+|about\s+|around\s+)?$",
    re.I,
)


def is_part_of_group(text: str, q: Quantity) -> bool:
    """Whether a figure counts a part of a group named elsewhere (``_PART_BEFORE``): two such parts
    are one measure only where their sentences state one claim, since each "them" may be another
    group (the missing journalists of one report, the dead brought home in another)."""
    return bool(_PART_BEFORE.search(text[max(0, q.start - 40) : q.start]))


def is_increment(text: str, q: Quantity) -> bool:
    """Whether a figure counts what was added since the last report ("two new cases", "a further
    17 cases")."""
    return bool(_INCREMENT.match(text, q.end) or _INCREMENT_BEFORE.search(text[max(0, q.start - 20) : q.start]))


def same_anchor(a: Figure, b: Figure, days_between: int) -> bool:
    """Whether two figures of one key can be of one thing (module docstring): same place, same
    modifiers of the counted noun, same direction for a distance, same period, same event day when
    both name one, and one event for counts of a happening reported on different days or any
    figures reported more than ``TOLL_WINDOW_DAYS`` apart (``days_between``)."""
    qa, qb = a.quantity, b.quantity
    if not share_scope(a.places, b.places) or is_set_apart(a.text) != is_set_apart(b.text):
        return False
    if is_total_since(a.text, qa) != is_total_since(b.text, qb) and not _same_total(a, b):
        return False  # "398 killed since the conflict began" / "eight killed in the violence Sunday"
    if a.days and b.days and a.days.isdisjoint(b.days) and not (is_standing_count(a.text, qa) and is_standing_count(b.text, qb)):
        return False  # "nine killed on Wednesday" / "eight killed on Sunday"
    if days_between > 0 and (is_increment(a.text, qa) or is_increment(b.text, qb)):
        return False  # "three new cases" one day, "two new cases" the next
    if not qa.key.startswith("money:") and qa.modifier != qb.modifier:
        return False
    if qa.key in DISTANCE_KEYS:
        da, db = find_direction(a.text, qa), find_direction(b.text, qb)
        if da and db and da != db:
            return False
        if is_separation(a.text, qa) != is_separation(b.text, qb):
            return False  # "a 170-mile ribbon of mountains" is no distance between two places
    if _clause_period(a.text, qa.start, qa.end) != _clause_period(b.text, qb.start, qb.end):
        return False
    if days_between > TOLL_WINDOW_DAYS or (
        days_between > 0 and (is_event_count(a.text, qa) or is_event_count(b.text, qb))
    ):
        # A state told as it still stands on two days is one figure, like a running total.
        standing = days_between <= TOLL_WINDOW_DAYS and is_standing_count(a.text, qa) and is_standing_count(b.text, qb)
        far = days_between > TOLL_WINDOW_DAYS and qa.key in CASUALTY_KEYS
        return standing or same_event(f"{a.before} {a.text}", f"{b.before} {b.text}", a.days, b.days, far)
    return True


# A count kept since a start: "398 people have been killed since the conflict began", "14 house fires
# since November". Set against a count its own account bounds to a day, a period or one incident
# ("eight killed ... in the violence Sunday", "23 killed ... in the dawn attack"), it is another
# measure, a sum of many such counts (LibyaWar_cnn set "at least 700 ... since February" against one
# attack's 23 and a Sunday's eight). A count told without such bounds ("19 house fires") may be the
# same total restated.
_SINCE = re.compile(r"\bsince\b", re.I)
# A running figure that is restated as it grows.
_GROWING = re.compile(r"\b(?:toll|total|so far|in all|altogether|cumulative|rose|risen|climbed|has reached|now stands)\b", re.I)
_INCIDENT = re.compile(
    r"\b(?:in|during|by)\s+(?:the|a|an|that|this)\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|raid|strike|airstrike|"
    r"clash|clashes|fighting|violence|bombing|shelling|ambush|battle|offensive|incident|explosion|blast)\b"
    r"|\bafter\s+(?:[\w-]+\s+){0,4}?(?:struck|hit|exploded|attacked|opened\s+fire)\b"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|overnight)\b"
    rf"|\bin\s+(?:{'|'.join(MONTHS)})\s+alone\b",
    re.I,
)


def is_total_since(text: str, q: Quantity) -> bool:
    """Whether a figure's clause counts since a start ("killed since the conflict began")."""
    return bool(_SINCE.search(clause_around(text, q.start, q.end)))


def is_running_total(text: str, q: Quantity) -> bool:
    """Whether a figure's clause tells a total that only grows ("a total of 159 fired", "the toll
    rose to", "killed since Tuesday")."""
    clause = clause_around(text, q.start, q.end)
    return bool(_GROWING.search(clause) or _SINCE.search(clause))


def is_bounded_count(text: str, q: Quantity) -> bool:
    """Whether a figure's own account (from it to the end of what it tells: cut_trailing_clause)
    bounds it to a day, a period or one incident, and tells no total since a start."""
    own = cut_trailing_clause(text, q)[q.start :]
    return not _SINCE.search(own) and not _GROWING.search(own) and bool(_INCIDENT.search(own) or find_period(own))


def _same_total(a: Figure, b: Figure) -> bool:
    """Whether a total since a start and a count told without one can still be one figure: the
    other is not bounded to a day, a period or one incident (is_bounded_count), or both name one
    happening ("killed in the quake" / "since the quake struck")."""
    other = b if is_total_since(a.text, a.quantity) else a
    return not is_bounded_count(other.text, other.quantity) or bool(
        find_events(f"{a.before} {a.text}") & find_events(f"{b.before} {b.text}")
    )


# A distance between two places is measured from one to another: a compass direction, "from",
# "away" or "off" right after its unit ("90 miles southwest of the capital", "60 km from the coast").
# Without one it is the extent of a thing ("a 170-mile ribbon of mountains", "polluted some 45
# kilometres of river"): the two are different measures, never one distance told two ways.
_SEPARATION = re.compile(
    r"^\W*[A-Za-z]*\W+(?:\w+\W+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|ward)?|from|away|off|outside|short)\b", re.I
)


def is_separation(text: str, q: Quantity) -> bool:
    """Whether a distance measures how far one place is from another (``_SEPARATION``)."""
    # A bracketed conversion after the unit is no part of the way it is said ("55 km (35 miles) west of").
    rest = _BRACKETED.sub("", text[q.end : q.end + 80])
    return bool(_SEPARATION.match(rest if not re.match(r"-[A-Za-z]", rest) else " " + rest[1:]))


_BRACKETED = re.compile(r"\s*(?:\(|-LRB-)[^()]*?(?:\)|-RRB-)")


# A count of a state that lasts, told as it stands on a day: "Seven people were still missing on
# Saturday" / "Two people were still missing on Monday" are one figure on two days (a change), not
# the counts of two days' events as "nine killed on Wednesday" / "eight killed on Sunday" are.
_STANDING = re.compile(r"\b(?:still|remain|remains|remained)\b", re.I)


def is_standing_count(text: str, q: Quantity) -> bool:
    """Whether a figure's clause tells a state as it still stands (``_STANDING``)."""
    return bool(_STANDING.search(clause_around(text, q.start, q.end)))


@lru_cache(maxsize=65536)  # a figure meets many others: its clause is read once
def _clause_period(text: str, start: int, end: int) -> str:
    """The period (:func:`find_period`) of the clause around text[start:end]."""
    return find_period(clause_around(text, start, end))


def is_anchorless(text: str, places: frozenset[str], days: frozenset[str]) -> bool:
    """A sentence that names nothing its figure is of: no place, no day, no happening and no name
    after its first word ("At least six people died."); it leans on the sentence before it, whose
    places and happenings stand for its own."""
    return not places and not days and not find_events(text) and not re.search(r"\s[A-Z]", text.strip())


@lru_cache(maxsize=65536)  # asked for both figures of every pair compared
def is_event_count(text: str, q: Quantity) -> bool:
    """A count of something that happened: a casualty class, or a count whose clause tells a deed
    in the past ("14 rebels were killed", "coalition planes flew 164 sorties"), not a state ("the
    plant employs 4,500 workers")."""
    if q.key in CASUALTY_KEYS:
        return True
    words = re.findall(r"[a-z]+", clause_around(text, q.start, q.end).lower())
    return any(w in CASUALTY_TRIGGERS or w in _PAST_DEEDS or (len(w) > 4 and w.endswith("ed")) for w in words)


@lru_cache(maxsize=65536)
def find_events(text: str) -> frozenset[str]:
    """The happenings a sentence names ("earthquake", "collapse"), with their synonyms merged."""
    return frozenset(_EVENT_SAME.get(w.lower(), w.lower()) for w in _EVENT.findall(text))


def same_event(text_a: str, text_b: str, days_a: frozenset[str], days_b: frozenset[str], far: bool = False) -> bool:
    """Whether two counts of a happening reported on different days can be one event's: they name
    one event day, one happening, or one of them is a running total (module docstring); for
    casualties reported ``far`` apart (more than TOLL_WINDOW_DAYS), both must be: a war's toll
    weeks later is no restatement of a count told without one ("26 died in Misrata" / "700 have
    died since February", 26 days apart), where a count of countries or cases is one that grows."""
    running = (bool(_RUNNING.search(text_a)) and bool(_RUNNING.search(text_b))) if far else bool(
        _RUNNING.search(text_a) or _RUNNING.search(text_b)
    )
    return bool((days_a & days_b) or (find_events(text_a) & find_events(text_b)) or running)


# Outlets that disagree about a figure rarely differ by more than this factor (fixtures: 1.5-1.6;
# DUC 2004's "a mass of 1 million pounds" vs "a combined mass of 70,000 pounds" are two things).
# Casualty counts are exempt: a toll can rise from 9 to 41 in a day.
MAX_RATIO = 3.0
# Close sentences (not one claim) giving counts of one named kind of thing without a word in
# common around them still count the same thing at this cosine (calder_wildfire's firefighters:
# 0.62; the DUC 2004 false pairs that share the noun only sit lower).
COUNT_COSINE = 0.6
# Counted nouns that name no one thing on their own ("people", "others", "times").
_VAGUE_COUNTS = frozenset(GENERIC_PEOPLE | {"time", "other", "one", "thing", "way", "year", "month", "week", "day", "hour", "minute"})
# A figure restated or revised by another outlet is so within days (a toll rising through a week);
# merely close sentences published further apart than this count different events (a war's
# archive holds months of tolls of different clashes).
TOLL_WINDOW_DAYS = 7


def within_ratio(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are within ``MAX_RATIO`` of each other."""
    small, large = sorted((abs(a.value), abs(b.value)))
    return large <= MAX_RATIO * max(small, 1e-9)


def look_like_one_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities look like figures for one thing: their nearby words meet ("trains
    had been cancelled") and they are within ``MAX_RATIO`` of each other."""
    return bool(a.context & b.context) and within_ratio(a, b)


# Counted nouns too vague to be one figure of a story even where an article states one count of
# them ("people", "times", "years").
_NO_FIGURE = frozenset({"people", "person", "persons", "other", "individual", "one", "thing", "way", "time",
                        "year", "month", "week", "day", "hour", "minute"})


def is_story_figure_key(key: str) -> bool:
    """A key that can be one figure of the whole story (a toll, the number of rescuers, of workers
    on a site, a depth in metres), not a sum, a share or a vague noun: see
    ``find_story_figure_pairs``."""
    return ":" not in key and key not in _NO_FIGURE and key not in ("date", "venue", "magnitude", "percent")


def is_specific_count(key: str) -> bool:
    """A count of a named kind of thing ("firefighter", "hectare"), not a sum, a share, a
    casualty class or a vague noun: close sentences giving such counts count the same thing."""
    return ":" not in key and key not in CASUALTY_KEYS and key not in _VAGUE_COUNTS and key not in ("date", "venue", "magnitude", "percent")


# Two reports that each state one figure of a thing (scope.is_story_figure_key) are compared from
# this cosine on, whatever their other words (find_story_figure_pairs). Fixtures: the pairs that carry
# such figures sit at 0.35-0.65 (a depth told as "below the surface" / "underground": 0.35); the
# sentences of one story that share no fact but a counted noun sit lower or give it two figures.
SINGLE_FIGURE_COSINE = 0.35
# ... and when both stand in their report's lead (its first sentences): a report gives the story's
# figures at its top, where the body of a long article counts many other things with the same noun
# (DUC 2004: "190 dissidents" signing a letter / "the two dissidents" arrested / "three dissidents"
# writing another; "60 votes" to lead the Senate / "67 votes" to convict).
FIGURE_LEAD = 3
# A measure with a unit (a length, an area, a weight: vocabulary.MEASURE_UNITS) is compared from this
# lower cosine when the words said of the two figures share a stem ("the pollution stretched for
# about 30 kilometres" / "the ammonia had polluted some 45 kilometres", 0.31): one subject measured
# in one unit twice. Counts keep SINGLE_FIGURE_COSINE: many things of a story are counted.
MEASURE_FIGURE_COSINE = 0.25


def find_story_figure_pairs(
    pool: SentencePool, keyed: Sequence[Mapping[str, Quantity]], articles: Mapping[str, Article]
) -> list[tuple[int, int, str]]:
    """Sentence pairs (i, j, key), i < j, of different articles published within
    ``TOLL_WINDOW_DAYS``, that both give a figure of ``key`` (``keyed``: per sentence, key -> its
    one figure; a key of :func:`is_story_figure_key`) at cosine ``SINGLE_FIGURE_COSINE`` or more,
    both in the first ``FIGURE_LEAD`` sentences of their reports (or, for a count of a named kind
    of thing told as a state now, :mod:`newsbrief.story.bodyfigures`, anywhere at ``BODY_FIGURE_COSINE``), where neither article states
    another figure of that key (a report of 32 trapped and 7 injured
    miners has two figures of miners: neither is the story's), a figure it sets apart aside
    (:func:`is_set_apart`: another place or happening)."""
    stated: dict[tuple[str, str], list[Quantity]] = {}
    for i in range(len(pool)):
        if is_set_apart(pool.texts[i]):
            continue  # "Clinics in the neighbouring town of Parra reported two cases": not the story's
        for q in pool.quantities[i]:
            stated.setdefault((pool.refs[i].article_id, q.key), []).append(q)

    def one_figure(article_id: str, q: Quantity) -> bool:
        # Every other figure of the key in the report is a rival, however far apart: counting only
        # those within MAX_RATIO (tried in session 12) made DUC d30044's "1,500 Kurds massed" in
        # Rome the report's one figure against "some 4,000 Kurds living in Romania".
        qs = stated.get((article_id, q.key), [])
        return all(compare_quantities(a, b) for k, a in enumerate(qs) for b in qs[k + 1 :])

    by_key: dict[str, list[int]] = {}
    for i, vals in enumerate(keyed):
        for key, q in vals.items():
            body = pool.refs[i].sentence >= FIGURE_LEAD
            if (is_specific_count(key) and is_current_count(pool.texts[i], q) if body else is_story_figure_key(key)) and one_figure(pool.refs[i].article_id, q):
                by_key.setdefault(key, []).append(i)
    out: list[tuple[int, int, str]] = []
    for key in sorted(by_key):
        idx = by_key[key]
        if len(idx) < 2 or pool.vectors.shape[1] == 0:
            continue
        sims = pool.vectors[idx] @ pool.vectors[idx].T
        for a, i in enumerate(idx):
            for b in range(a + 1, len(idx)):
                j = idx[b]
                floor = SINGLE_FIGURE_COSINE
                if key in MEASURE_UNITS and share_stem(keyed[i][key].context, keyed[j][key].context):
                    floor = MEASURE_FIGURE_COSINE
                if max(pool.refs[i].sentence, pool.refs[j].sentence) >= FIGURE_LEAD:
                    floor = BODY_FIGURE_COSINE  # one of them below its report's lead
                if (
                    pool.article[i] != pool.article[j]
                    and np.float32(sims[a, b]) >= floor
                    and days_apart(articles, pool, i, j) <= TOLL_WINDOW_DAYS
                ):
                    out.append((i, j, key))
    return out


def share_stem(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of words hold one word stem ("pollution" / "polluted")."""
    return bool({stem(w) for w in a if w.isalpha()} & {stem(w) for w in b if w.isalpha()})


def days_apart(articles: Mapping[str, Article], pool: SentencePool, i: int, j: int) -> int:
    """Days between the publication of the articles of sentences i and j (0 when unknown)."""
    a, b = articles[pool.refs[i].article_id].published, articles[pool.refs[j].article_id].published
    return abs((a - b).days) if a is not None and b is not None else 0
