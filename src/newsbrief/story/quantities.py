"""Comparable values in a sentence: quantities (counts, money, percentages, measures), explicit
dates and named venues, each with a *key* saying what it is a value of.

Two sentences can only disagree about values of the same key: "12 people were killed" and "a
toll of 19" share the key ``deaths``; "a two-day visit" (``day``) and "30 agreements"
(``agreement``) never compare. Each quantity also carries the interval its wording allows, so
rounding and hedging are not taken for disagreement (:mod:`newsbrief.story.intervals`); a count of
people takes its casualty class from the words around it (:mod:`newsbrief.story.casualties`).

Everything is a regular expression over the sentence text, so it works whether or not the
figures annotator ran; numbers, scales and currencies are read with :mod:`newsbrief.vocabulary`
(as the figures stage reads them) and the digits of dates are told by the dates stage's own
finder. Date values come from the resolved :class:`~newsbrief.models.DateMention` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsbrief.annotate.dateforms import find_calendar_spans
from newsbrief.story.casualties import (
    CASUALTY_KEYS,
    CASUALTY_TRIGGERS,
    COUNT_WORDS,
    GENERIC_PEOPLE,
    VAGUE_NOUNS,
    clause_around,
    find_casualty_key,
    find_clause_start,
    is_toll_of_lives,
    words_after,
    words_before,
)
from newsbrief.story.intervals import VAGUE, allowed_interval, read_qualifier
from newsbrief.story.overlap import normalize_word
from newsbrief.story.partshare import is_part_by_complement, share_base_mark
from newsbrief.story.recentpast import dates_another_clause
from newsbrief.story.fromto import old_figure_partner
from newsbrief.story.ranges import RISE_BEFORE as _RISE, find_ranges, parse_stated_number as _parse_number
from newsbrief.story.units import compare_quantities as compare_quantities, convert_measure, merge_conversions
from newsbrief.textmemo import memoised
from newsbrief.vocabulary import (
    WEEKDAYS,
    CURRENCY_PREFIX,
    MEASURE_UNITS,
    MONTHS,
    ORDINALS,
    SCALE_ABBREVIATIONS,
    SCALES,
    STOP_WORDS,
    get_currency_code,
    in_figure_range,
    is_event_participle,
)

# Counted nouns that are one thing under two names in news copy.
SYNONYMS = {
    "nation": "country", "state": "country", "deal": "agreement", "accord": "agreement",
    "pact": "agreement", "fireman": "firefighter", "firemen": "firefighter", "troop": "soldier",
    "house": "home", "employee": "worker", "staff": "worker", "tremor": "earthquake",
    "quake": "earthquake", "traveller": "passenger", "traveler": "passenger",
    "jet": "aircraft", "plane": "aircraft", "airliner": "aircraft", "aeroplane": "aircraft",
    "airplane": "aircraft",
    # Units written short or the American way: "2 km" and "two kilometres" are one distance.
    "km": "kilometre", "kilometer": "kilometre", "meter": "metre", "kg": "kilogram",
    "kilo": "kilogram", "ha": "hectare", "mi": "mile", "sq": "square", "lbs": "lb",
}
# A copula right before a figure: the figure is the value of the clause's subject.
_COPULA = re.compile(r"\b(?:is|was|are|were)\s+$", re.IGNORECASE)
_NUMBER_WORD_RE = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
# "hundred" is left to the counted-noun rule: "two hundred homes" is not shown as "2 hundred".
_SCALE_RE = "|".join(sorted(set(SCALES) - {"hundred"}, key=len, reverse=True))
_GLUED_SCALE_RE = "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<cur>(?:{CURRENCY_PREFIX})\s?)?"
    rf"(?<![\w.\-/:])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{_NUMBER_WORD_RE})(?:-(?:{_NUMBER_WORD_RE}))?|{_VAGUE_RE})"
    # A sum may carry its scale glued on ("\u00a34bn", "$5m"); a bare "5m" stays unread (metres?).
    rf"(?(cur)(?:\b|(?=(?:{_GLUED_SCALE_RE})\b))|\b)"
    rf"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?"
    rf"(?:\s?(?P<scale>{_SCALE_RE})\b)?"
    rf"(?P<hyph>-[A-Za-z]+)?",
    re.IGNORECASE,
)
# A clause that names a past year (or "last year") is about history, not today's figures.
_PAST = re.compile(
    r"\b(?:in|since|of)\s+(?:19|20)\d\d\b|\blast\s+(?:year|month|week)\b|\b(?:19|20)\d\d\s+\w+", re.I
)
# A colon that introduces what follows (not a clock time "10:30").
_COLON = re.compile(r":\s")
# A sentence that opens on a past time ("In 2017, a diesel spill ... killed fish along 12
# kilometres", "In March 2009, ...", "Last year, ...", "Two years ago, ...") tells history in all its
# clauses up to a semicolon: a figure there is background, not one to set against today's.
_MONTH_RE = "|".join(MONTHS)
_PAST_OPENER = re.compile(
    rf"^\W*(?:back\s+|also\s+|then\s+)?(?:(?:in|during|since)\s+(?:(?:early|late|mid)[\s-]+)?"
    rf"(?:(?:{_MONTH_RE})\s+)?(?:19|20)\d\d|last\s+year|(?:a|one|two|three|four|five|ten|\d+)\s+"
    rf"(?:years|decades?)\s+ago)\b[^,;]{{0,60}},",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence with what it counts and the interval its wording allows."""

    start: int
    end: int
    text: str  # as written, with its qualifier ("at least 12", "$2.5 billion"), words as digits
    value: float
    low: float
    high: float
    key: str  # what is counted: "deaths", "agreement", "money:USD:fund", "percent:import"
    precise: bool  # a count as such (not hedged, bounded or vague)
    context: frozenset[str] = frozenset()  # content words around it (see _context)
    # Words between the number and its counted noun ("local" in "six local journalists", "tomahawk"
    # in "124 Tomahawk missiles"): a count of local journalists is not a count of journalists.
    modifier: str = ""
    # A measure is keyed and valued in its dimension's unit (vocabulary.UNIT_CONVERSIONS): the
    # written unit's size in it ("35 miles": key "metre", value 56,327.04, factor 1,609.344).
    factor: float = 1.0


@dataclass(frozen=True)
class DateValue:
    """An explicit calendar day in a sentence."""

    start: int
    end: int
    text: str
    date: str  # YYYY-MM-DD, or a range "YYYY-MM-DD/YYYY-MM-DD"


_TIME_UNITS = {
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
    "minutes", "decade", "decades", "century", "centuries", "second", "seconds",
}
_SKIP_BEFORE_NOUN = {"other", "more", "additional", "further", "new", "extra", "of"}
# Determiners of a partitive ("three of its peacekeepers", "five of the victims"): the noun after
# them is what is counted.
_PARTITIVE = {"its", "their", "his", "her", "our", "the", "those", "these", "whom"}
_IRREGULAR_PLURALS = {"people", "men", "women", "children", "police", "staff", "personnel", "cattle"}
# Common verbs that follow a counted noun ("200 firefighters fought", "one person died").
_VERBS = {
    "fought", "began", "died", "meet", "met", "gather", "spent", "took", "said", "left", "fell",
    "rose", "went", "came", "made", "gave", "held", "remain", "remains",
}


# Words that end a noun phrase before a contrast ("$2.5 billion instead of ..."): never counted.
_CONTRASTS = {"instead", "rather", "not", "than", "compared", "versus"}


# Singular nouns that end in -s: a disease or "news" before the counted noun is its modifier
# ("120 confirmed measles infections").
_SINGULAR_IN_S = frozenset({"measles", "mumps", "rabies", "scabies", "herpes", "diabetes", "news", "series", "species"})


def _is_plural(word: str) -> bool:
    w = word.lower()
    return w in _IRREGULAR_PLURALS or (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _SINGULAR_IN_S
    )


def _counted_noun(text: str, pos: int) -> str:
    """What a number counts: the first plural content word after it ("30 bilateral agreements"),
    else the head of a two-word compound ("a $4 billion infrastructure fund")."""
    run = _noun_run(text, pos)
    if not run:
        return ""
    head = normalize_word(run[-1])
    return SYNONYMS.get(head, head)


def _noun_modifier(text: str, pos: int) -> str:
    """The words before the counted noun after a number that make it a kind of its own ("local" in
    "six local journalists"); a participle that tells what happened to the things is their
    predicate, not a kind ("the 18 derailed wagons" are the "18 wagons" that left the track)."""
    return " ".join(normalize_word(w) for w in _noun_run(text, pos)[:-1] if not is_event_participle(w))


# Brackets as PTB-tokenised text writes them ("-LRB-", "-RRB-", "-LSB-", ...; read as "lrb-").
_PTB_BRACKETS = frozenset(f"{side}{kind}b" for side in "lr" for kind in "rsc")


def _is_tokeniser_artefact(low: str) -> bool:
    return low.strip("-") in _PTB_BRACKETS


_PTB_POSSESSIVE = re.compile(r"\s+(['\u2019]s)\b")
_ONE = re.compile(r"\b(?:one|an?|1)\s*$", re.IGNORECASE)


def _is_head_next(words: list[str], n: int) -> bool:
    low = words[n].lower() if n < len(words) else ""
    return _is_plural(low) and low not in STOP_WORDS and low not in _VERBS and low not in _CONTRASTS


def _noun_run(text: str, pos: int) -> list[str]:
    """The counted noun after ``pos`` with the words that modify it (at most two words)."""
    run: list[str] = []
    partitive = False
    # A possessive as PTB-tokenised text writes it ("Jackson 's children") is read as written
    # together: the owner of a partitive's whole, not a noun of its own.
    words = words_after(text[:pos] + _PTB_POSSESSIVE.sub(r"\1", text[pos:]), pos, 8)
    for n, w in enumerate(words):
        low = w.lower()
        # A partitive's whole may be named with its owner and size: "two of the arena's eight
        # gates" count gates.
        owner = partitive and (low.endswith(("'s", "\u2019s")) or low in COUNT_WORDS or low.isdigit())
        if partitive and run and low.endswith(("'s", "\u2019s")) and all(x[:1].isupper() for x in run):
            run.clear()  # "one of Michael Jackson's bodyguards": a named owner of many words
            continue
        if not run and (low in _SKIP_BEFORE_NOUN or (partitive and low in _PARTITIVE) or owner):
            partitive = partitive or low == "of"
            continue
        # "police officers", "staff members": a plural used as a modifier of the counted noun.
        if low in _IRREGULAR_PLURALS and n + 1 < len(words) and _is_plural(words[n + 1]) and words[n + 1].lower() not in _IRREGULAR_PLURALS:
            run.append(w)
            continue
        if _is_tokeniser_artefact(low):
            break  # "-RRB-", "-LSB-": a bracket of PTB-tokenised text ends the noun, never is one
        # An ordinal after a number is an adverb of the report, never the thing counted ("the 146
        # first reported").
        if (low in STOP_WORDS and low not in GENERIC_PEOPLE) or low in _VERBS or low in _CONTRASTS or low in ORDINALS or (run and low.endswith("ed")):
            break
        run.append(w)
        # A unit ends the noun, written short or not ("40 km (25 miles)": kilometres, not "km miles").
        # A leading participle ("suspected", "confirmed") leaves room for a two-word compound
        # after it: "310 suspected cholera cases" count cases. A name before the noun is one
        # modifier, however many words it has: "22,000 Korvo Air passengers" count passengers.
        most = 3 if run[0].lower().endswith("ed") and len(run[0]) > 4 else 2
        named = sum(1 for x in run[:-1] if x[:1].isupper())
        if _is_plural(w) or SYNONYMS.get(normalize_word(w), normalize_word(w)) in MEASURE_UNITS:
            break
        # At the length the run allows, a plural right after is still its head: the words before
        # are all modifiers ("20 tomahawk cruise missiles" count missiles, not "cruise").
        # Not after "one" (a verb follows: "one good thing comes") nor a gerund ("perch paying").
        head_next = not partitive and not _ONE.search(text, 0, pos) and not low.endswith("ing")
        if len(run) >= min(most + named, 4) and not (len(run) < 4 and head_next and _is_head_next(words, n + 1)):
            break
    return run


def _in_date_or_time(text: str, start: int, end: int, dates: list[tuple[int, int]]) -> bool:
    """True for the numbers of dates ("June 13", "12th December") and clock times ("3:42")."""
    if any(s <= start < e for s, e in dates):
        return True
    return bool(re.match(r"\d{1,2}[:.]\d{2}\b|\d{1,2}\s?[ap]\.?m\b|(?:st|nd|rd|th)\b", text[start:end + 5]))


def _is_year(value: float, raw: str, text: str, end: int) -> bool:
    if not (raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100):
        return False
    nxt = words_after(text, end, 1)
    return not nxt or nxt[0].lower() not in {"people", "workers", "soldiers", "troops", "residents"}


def _key(m: re.Match[str], text: str, start: int, end: int, after_rise: bool) -> str:
    """What the quantity matched by ``m`` is a value of (empty when it cannot be told)."""
    before = text[:start]
    cur = (m.group("cur") or "").strip()
    nxt = words_after(text, end, 1)
    skip = 0
    if not cur and nxt and get_currency_code(nxt[0]) is not None:
        cur, skip = nxt[0], len(nxt[0]) + 1
    if cur:
        return f"money:{get_currency_code(cur) or cur.upper()}:{_counted_noun(text, end + skip)}"
    if m.group("pct"):
        # A share of what: "67 per cent of imports", "a pay rise of 9 percent".
        of = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+|all\s+)?", text[end:])
        noun = _counted_noun(text, end + of.end()) if of else ""
        if not noun:
            pre = re.search(r"([A-Za-z]+)\s+of\s+(?:about\s+|around\s+|some\s+)?$", before)
            noun = normalize_word(pre.group(1)) if pre and pre.group(1).lower() not in STOP_WORDS else ""
        return f"percent:{noun}" if noun else "percent"
    hyph = (m.group("hyph") or "").lower()
    if hyph:
        unit = normalize_word(hyph[1:])
        return SYNONYMS.get(unit, unit)
    if re.search(r"\bmagnitude(?:\s+of)?\s*$", before, re.I):
        return "magnitude"
    noun = _counted_noun(text, end)
    # "three of its peacekeepers", "five of the victims": a part of some group, not a total.
    partitive = bool(re.match(r"\s+of\s+(?:its|their|his|her|our|the|those|these|whom)\b", text[end:], re.I))
    if partitive and (noun in CASUALTY_TRIGGERS or noun in CASUALTY_KEYS):
        return ""  # "two of the injured died": a part of a casualty count, not one
    if noun in MEASURE_UNITS:
        return noun  # "has risen to 9 tonnes": a weight, whatever casualty word its subject holds
    if not partitive and is_toll_of_lives(text, start, noun):
        return "deaths"  # "has claimed 11 lives"
    casualty = None if partitive else find_casualty_key(text, start, end, after_rise)
    if casualty and (not noun or noun in GENERIC_PEOPLE or noun in CASUALTY_TRIGGERS or after_rise):
        return casualty
    if after_rise and not noun:
        # "The number of operations cancelled ... rose to 950": the noun of "number of".
        return _named_count(text, start)
    return "people" if noun in VAGUE_NOUNS else noun


# A partitive after a number: "five of the escaped inmates", "two of the arena's eight gates".
_PART_OF = re.compile(r"\s+of\s+(?:its|their|his|her|our|the|those|these)\b", re.IGNORECASE)


def _is_part_of_qualified_group(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts a part of a group its words single out ("five of
    the escaped inmates", "four of the missing hikers"): set apart from counts of the whole. Not a
    count out of a whole of known size ("54 of the 120 seats") nor of a plain group ("four of his
    firefighters", "40,000 of the heaters": the firefighters, the heaters)."""
    part = _PART_OF.match(text, end)
    if part is None or re.match(r"\W*\d", text[part.end() :]):
        return False
    after = words_after(text, part.end(), 3)
    if _QUANTITY.search(" ".join(after)):
        return False
    return len(_noun_run(text, end)) > 1


# The subject of a rising figure that names what it counts: "the number of operations cancelled".
_NUMBER_OF = re.compile(r"\b(?:number|count|total|tally)\s+of\s+(?=[A-Za-z])", re.IGNORECASE)


def _named_count(text: str, start: int) -> str:
    """The counted noun of a "number of X" subject in the clause before ``start`` (empty if none;
    "people" when it counts people and says nothing more: no key)."""
    found = list(_NUMBER_OF.finditer(text, find_clause_start(text, start), start))
    if not found:
        return ""
    noun = _counted_noun(text, found[-1].end())
    return "people" if noun in VAGUE_NOUNS else noun


def _opens_on_past(text: str, start: int) -> bool:
    """Whether the sentence of ``text`` opens on a past time (``_PAST_OPENER``) that governs the
    number at ``start`` (no semicolon between them)."""
    m = _PAST_OPENER.match(text)
    return m is not None and m.end() <= start and ";" not in text[m.end() : start]


def _names_past(text: str, start: int, end: int) -> bool:
    """Whether the figure's clause names a past time (``_PAST``) that dates the figure: not a recent
    past in a "since ..." / "when ..." clause after it (story/recentpast.py). A colon before the
    figure opens its own account: "This article was amended on 5 March 2025 to correct the number
    injured: it is 14, not 41" dates the amendment, not the 14."""
    clause = clause_around(text, start, end)
    offset = find_clause_start(text, start)
    colons = [m.end() for m in _COLON.finditer(clause, 0, start - offset)]
    if colons:
        clause, offset = clause[colons[-1] :], offset + colons[-1]
    for m in _PAST.finditer(clause):
        # Not a year: "has killed 12 people since it arrived in 2019" is a count of years ago.
        if dates_another_clause(m.group(0), text[end : offset + m.start()]):
            continue
        return True
    return False


# A capitalised word right before a number makes it part of a name: a model or a craft ("Ember 2
# heaters", "the Kestrel 2", "a Boeing 737", "Terminal 2"), unless it is a calendar word ("March 5",
# "on Monday 48 sailings") or opens the sentence ("About 200 rescuers").
# The capitalised word right before a number ("Ember 2"): its own word, at a space or "(".
_NAME_WORD_BEFORE = re.compile(r"(?:^|[\s(])([A-Z][a-z]+)\s+$")
_PLACE_OPENER = re.compile(r"^\W*(?:in|at|across|throughout|within|outside|around)\s+(?:the\s+)?(?:[A-Z][\w'.-]*\s+)+$", re.I)


def _follows_a_name(text: str, start: int, raw: str) -> bool:
    """Whether the digits at ``start`` follow a capitalised word inside the sentence (see above)."""
    if "," in raw or len(raw) > 4:
        return False  # "Lumo's 40,000": counts are written with separators, model numbers are short
    m = _NAME_WORD_BEFORE.search(text[:start])
    if m is None or not text[: m.start(1)].strip():
        return False
    if _PLACE_OPENER.match(text[:start]):
        return False  # "In the United States 50 non-fatal cases": a place opening the sentence
    word = m.group(1).lower()
    # "GRELL (North Wire) - Nearly 300 police officers": a hedge opening the sentence after a dateline.
    hedge = read_qualifier(text[: m.end(1)])[0] != ""
    return word not in MONTHS and word not in WEEKDAYS and word not in STOP_WORDS and not hedge


# Four digits of a 24-hour clock with its zone: "2153 GMT", "1653 local time", "0900 hrs".
_CLOCK_24H = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|local\s+time|hrs|hours\s+(?:GMT|local))\b")


def _skip_number(
    m: re.Match[str], text: str, start: int, end: int, number: float | None, dates: list[tuple[int, int]]
) -> bool:
    """True for numbers that are no comparable figure of the story (see the reasons inline)."""
    raw = m.group("num")
    # News style spells out a number that opens a sentence; digits there followed by a capitalised
    # word are a time stamp or label ("1535 At least 11 peacekeepers were killed").
    if raw[0].isdigit() and not text[:start].strip() and re.match(r"\s+[A-Z]", text[end:]):
        return True
    # A capitalised number word inside a sentence is part of a name ("Quay Nine", "Channel Four").
    if raw[0].isupper() and raw.isalpha() and re.search(r"[\w,;)]\s*$", text[:start]):
        return True
    # Identifiers and codes: "COVID-19", "5G", "A320"
    if start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
        return True
    if end < len(text) and text[end].isalpha() and not m.group("hyph"):
        return True
    if raw[0].isdigit() and _in_date_or_time(text, m.start("num"), m.end("num"), dates):
        return True
    if _CLOCK_24H.match(text, m.start("num")):
        return True  # "at 1653 local time (2153 GMT)": a 24-hour clock, not 2,153 of anything
    if number is not None and _is_year(number, raw, text, m.end("num")):
        return True
    if _names_past(text, start, end) or _opens_on_past(text, start):
        return True  # "a 1998 earthquake killed more than 300": history, not this story's figure
    if raw[0].isdigit() and _follows_a_name(text, start, raw):
        return True  # "Ember 2 heaters", "the Kestrel 2", "a Boeing 737": part of a name
    after = [w.lower() for w in words_after(text, end, 3)]
    if after[:1] in (["more"], ["additional"], ["further"]) or re.search(r"\banother\s*$", text[:start], re.I):
        return True  # "seven more bodies", "another 22 of the bodies": increments, not totals
    if after[:1] == ["other"] or re.search(r"\bthe\s+other\s*$", text[:start], re.I):
        return True  # "two other journalists", "the other three": the rest of a group, not its total
    # Ages and points in time: "72-year-old", "27 years old", "aged 27", "six years ago".
    if text[end : end + 4].lower() == "-old" or re.search(r"\baged\s*$", text[:start], re.I):
        return True
    # The word after the unit only counts after a unit of time: "$4 billion reported earlier" is a sum.
    when = {"ago", "earlier", "later", "old"}
    return bool(set(after[:1]) & when or (set(after[1:2]) & when and after[0] in _TIME_UNITS))


# Prepositions the stop words leave in: where a thing is ("near", "outside") says nothing of what
# a figure is of, so "drop two bombs near al-Brega" and "one bomb was near an ammunition depot"
# (LibyaWar_cnn, two raids) share no word said of their figures.
_PREPOSITIONS = frozenset("near outside inside past along across around toward towards beyond behind via".split())
# How many words of a rising figure's subject join its context ("The number of operations
# cancelled because of the strike in Vossberg rose to 950": the subject tells what it is of).
_SUBJECT_WORDS = 12


def _context(text: str, start: int, end: int, key: str, rise: bool = False) -> frozenset[str]:
    """Content words next to a quantity in its clause (four each side), without the counted noun
    and without numbers: what the number is said *of* ("fund ... rail", "trains ... cancelled").
    A rising figure is said of its subject, back to the clause start."""
    words = words_before(text, start, _SUBJECT_WORDS if rise else 4) + words_after(text, end, 5)
    noun = key.rsplit(":", 1)[-1]
    out = set()
    for w in words:
        low = w.lower()
        if low in STOP_WORDS or low in COUNT_WORDS or low in _SKIP_BEFORE_NOUN or low in _PREPOSITIONS:
            continue
        n = SYNONYMS.get(normalize_word(w), normalize_word(w))
        if n != noun:
            out.add(n)
    return frozenset(out)


# Keys too vague to compare in general: a number whose counted thing cannot be told, a bare count
# of "people" (see ``VAGUE_NOUNS``).
UNKEYED = frozenset({"", "people"})


def find_quantities(text: str, keep_unkeyed: bool = False) -> tuple[Quantity, ...]:
    """Numbers of ``text`` that can be compared, with their key and interval. With
    ``keep_unkeyed``, also those whose key is in ``UNKEYED`` (a correction names the figure it
    replaces without saying again what it counts: "212, not the 189 first reported").

    Looked up in :data:`newsbrief.textmemo.MEMO` first: a stored story's were found at ingest."""
    return _find_all_quantities(text) if keep_unkeyed else _find_keyed_quantities(text)


@memoised("quantities/keyed")
def _find_keyed_quantities(text: str) -> tuple[Quantity, ...]:
    return scan_quantities(text, False)


@memoised("quantities/all")
def _find_all_quantities(text: str) -> tuple[Quantity, ...]:
    return scan_quantities(text, True)


def scan_quantities(text: str, keep_unkeyed: bool) -> tuple[Quantity, ...]:
    """:func:`find_quantities` computed (not looked up)."""
    return merge_conversions(text, [q for q, _ in _scan_figures(text, keep_unkeyed)])


def scan_both(text: str) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    """``(scan_quantities(text, False), scan_quantities(text, True))`` in one pass over the text
    (the sentence facts need both: half the regex and parsing work)."""
    found = _scan_figures(text, True)
    return merge_conversions(text, [q for q, keyed in found if keyed]), merge_conversions(text, [q for q, _ in found])


def _scan_figures(text: str, keep_unkeyed: bool) -> list[tuple[Quantity, bool]]:
    """Each quantity of ``text`` before conversions are merged, with whether its key is one that
    can be compared (not in :data:`UNKEYED`); without ``keep_unkeyed`` only those."""
    out: list[tuple[Quantity, bool]] = []
    dates: list[tuple[int, int]] | None = None
    matches = list(_QUANTITY.finditer(text))
    ranges = find_ranges(text, matches)
    spans, carried = [(m.start(), m.end()) for m in matches], (-1, "")
    for k, m in enumerate(matches):
        if k + 1 in ranges:
            continue  # the low end of a range: read with its high end
        raw = m.group("num")
        start = m.start("cur") if m.group("cur") else m.start("num")
        end = m.end()
        if m.group("hyph") and raw.isalpha() and m.group("hyph")[1:].lower() in COUNT_WORDS:
            continue  # matched half of "twenty-three"; the regex takes the whole word elsewhere
        number = _parse_number(raw)
        if number is None and raw.lower() not in VAGUE:
            continue  # beyond any real figure (a digit run or a typo): see vocabulary.MAX_FIGURE
        if dates is None and raw[0].isdigit():
            dates = find_calendar_spans(text)
        if _skip_number(m, text, start, end, number, dates or []):
            continue
        scale = SCALES.get((m.group("scale") or "").lower(), 1.0)
        if number is not None and not in_figure_range(number * scale):
            continue  # a digit run or a typo, not a quantity
        before = text[:start]
        qualifier = read_qualifier(before)
        rise = bool(_RISE.search(before[-40:]))
        key = _key(m, text, start, end, rise)
        # "from 12 years to eight" states the eight, of years (story/fromto.py); a correction still
        # reads the old figure.
        new = old_figure_partner(text, spans, k)
        new_key = _key(matches[new], text, *spans[new], False) if new is not None else ""
        # Of one thing: one key, or the figure written second leaves out its noun ("to 1,003 from 20
        # countries" is no move: its second figure counts countries).
        old = new is not None and (new_key == key or (key if new < k else new_key) in UNKEYED)
        carried = (new, key) if old and new == k + 1 else carried
        key = carried[1] if key in UNKEYED and carried[0] == k else key
        keyed = key not in UNKEYED and not old
        if not keyed and not keep_unkeyed:
            continue
        value, lo, hi, precise = allowed_interval(number, raw, scale, qualifier)
        written_start = start - len(qualifier[1]) - 1 if qualifier[1] else start
        if k in ranges:
            # "between 40 and 60 metres": one figure that allows anything from the low end to the high.
            low_end, written_start, low_raw = ranges[k]
            lo, precise = min(lo, low_end * scale), False
            value = (lo + hi) / 2
        else:
            low_raw = ""
        written = text[written_start:end].strip()
        if not raw[0].isdigit() and number is not None:
            # Spelled-out numbers are shown as digits ("at least nine" -> "at least 9").
            written = written.replace(raw, f"{number:g}")
        if low_raw.isalpha():
            written = written.replace(low_raw, f"{_parse_number(low_raw):g}", 1)
        # A figure after "was"/"is" is said of the clause's subject, as a rising one is ("Turnout in
        # Sunday's election was 64 percent": of turnout).
        context = _context(text, written_start, end, key, rise or bool(_COPULA.search(text[:written_start])))
        modifier = "" if m.group("hyph") or m.group("pct") else _noun_modifier(text, end)
        if key not in UNKEYED and (_is_part_of_qualified_group(text, end) or is_part_by_complement(text, end)):
            modifier = f"{modifier} part".strip()
        modifier = f"{modifier} {share_base_mark(text, written_start, key)}".strip()
        key, modifier, factor, offset = convert_measure(key, modifier, text[end : end + 30])
        value, lo, hi = value * factor + offset, lo * factor + offset, hi * factor + offset
        out.append((Quantity(written_start, end, written, value, lo, hi, key, precise, context, modifier, factor), keyed))
    return out
