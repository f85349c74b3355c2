"""Date expressions in body sentences, resolved against the article's publication date.

:func:`find_dates` runs a regex finder over each sentence (it needs no spaCy), resolves every
expression it finds to an ISO date at the precision the text gives (``YYYY-MM-DD``, ``YYYY-MM`` or
``YYYY``) and returns :class:`~newsbrief.models.DateMention` records. The kinds of expression:

* absolute: "2023-12-12", "Dec. 5, 2023", "12th - 13th December" (a range gives its first day),
  "October 2022", "in 2022", "mid-2021";
* relative to the publication date: "yesterday", "today", "last night", "last week", "earlier this
  month", "next year", "two days ago", "three weeks from now";
* year-less: "on Tuesday", "on Dec. 5", "in October", "last March";
* anchored: "three months after U.S. President Joe Biden traveled to Hanoi" dates the anchor event
  (the trip) three months before the sentence's own date.

Year-less and weekday expressions need a direction (the past or the coming one). It comes from the
expression itself ("last", "next", "ago") or else from the verb that governs it in spaCy's parse
("met" VBD: past; "will visit", "is scheduled to visit": future; "starts" VBZ: present, which for
a weekday means the coming one). Without a parse a small clause-level cue search stands in. A
weekday equal to the publication weekday is the publication day itself.

Date lines and publication stamps ("7th December 2023 - (Beijing)", "BEIJING, Dec 7 (Reuters) -",
"18:00 UK time, Saturday, 25 April 2009", "Published: ...") are not events and are skipped.

Resolution is plain calendar arithmetic (no dateparser): deterministic and fast (about 0.1 ms per
sentence), and it never reads "IST" as Israel because it never parses time zones at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsbrief.models import Article, DateMention, Sentence
from newsbrief.vocabulary import (
    AMBIGUOUS_MONTHS,
    CARDINALS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    RELATIVE_DAYS,
    WEEKDAYS,
    parse_number,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Direction = Literal["past", "future", "present"] | None

def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "seventeen" is tried before "seven")."""
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


# Month and weekday names are capitalised in news copy: "may" and "march" in lower case are the
# verb and the noun. "May" needs no abbreviation of its own.
_FULL_MONTH = _alternatives(m.capitalize() for m in MONTHS)
_ABBR_MONTH = _alternatives(a.capitalize() for a in MONTH_ABBREVIATIONS if a != "may") + r"\.?"
_MONTH = rf"(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH})(?![a-z])"
_BARE_MONTH = rf"(?P<mon>{_FULL_MONTH})(?![a-z])"
_WEEKDAY_ANY = _alternatives(d.capitalize() for d in WEEKDAYS)
_WEEKDAY = rf"(?P<wd>{_WEEKDAY_ANY})(?![a-z])"
_DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])"
_DAY2 = r"(?P<d2>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<y>1[89]\d\d|20\d\d)(?![\d%]|s\b|-\d)"
_RANGE = r"\s*(?:-|\u2013|\u2014|to|and|through)\s*"
_NUM = rf"(?P<n>an?|{_alternatives(w for w, n in CARDINALS.items() if n)}|\d{{1,3}})"
_UNIT = r"(?P<unit>day|week|month|year)s?"
# "early/mid/late" and "the end/start of" keep the period's precision: they narrow, not move, it.
_MOD = r"(?:(?:early|earlier|late|later|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+|mid-)"
_RELATIVE_DAY = _alternatives(w.replace(" ", r"\s+") for w in RELATIVE_DAYS)
_REL = r"(?P<rel>last|next|this|this\s+past|this\s+coming|coming)"


def _compile(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags)


# (kind, pattern). Overlaps are settled by span length, then order here.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", _compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("dmy", _compile(rf"(?<![\w.,$])(?:{_WEEKDAY_ANY},?\s+)?(?:the\s+)?{_DAY}{_RANGE}{_DAY2}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?")),
    ("mdy", _compile(rf"(?:{_WEEKDAY_ANY},?\s+)?{_MONTH}\s+{_DAY}{_RANGE}{_DAY2}(?:,?\s+{_YEAR})?")),
    ("dmy", _compile(rf"(?<![\w.,$])(?:{_WEEKDAY_ANY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?")),
    ("mdy", _compile(rf"(?:{_WEEKDAY_ANY},?\s+)?{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_YEAR})?")),
    ("month_year", _compile(rf"(?:{_MOD})?{_MONTH},?\s+{_YEAR}")),
    ("month", _compile(rf"(?:(?i:{_MOD}))?(?:(?i:{_REL})\s+)?{_BARE_MONTH}")),
    ("year", _compile(rf"(?:(?i:{_MOD})|(?<![\w.,$-])){_YEAR}")),
    ("weekday", _compile(rf"(?:(?i:{_REL}|early|late)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?")),
    ("relday", _compile(
        rf"(?i:\b(?P<word>{_RELATIVE_DAY})\b)"
    )),
    ("relperiod", _compile(
        rf"(?i:\b(?:{_MOD})?{_REL}\s+(?P<unit>week|weekend|month|year|spring|summer|autumn|fall|winter)\b)"
    )),
    ("ago", _compile(rf"(?i:\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|from\s+now))\b")),
    ("anchor", _compile(rf"(?i:\b(?:(?:just|only|some|about|nearly|almost|barely)\s+)?{_NUM}\s+{_UNIT}\s+(?P<dir>after|before)\b)(?=\s+\S)")),
]  # fmt: skip

# Words before a bare year or a bare "May"/"March" that show it is a date, not a number or a verb.
_DATE_PREP = re.compile(
    r"(?i:\b(?:in|since|by|until|till|through|throughout|during|from|of|before|after|to|between|"
    r"and|or|the|early|late|mid|last|next|this|year|season|spring|summer|autumn|fall|winter|on|"
    r"around|about|circa|end|start|beginning|middle)\W*)$"
)
_CLOCK_BEFORE = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[aApP]\.?[mM]\.?)?\s*(?:[A-Z]{2,4}|UK time|local time)?[\s,|]*$")
_CLOCK_LEAD = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[aApP]\.?[mM]\.?)?\s*(?:[A-Z]{2,4}\b|UK time|local time)?[\s,|]*")
_CLOCK_AFTER = re.compile(r"^[\s,|]*\d{1,2}[:.]\d{2}\b")
# A live page's entries open on the time as four digits ("1808 The UN's ...", "0930 - Police ..."):
# hours 00-23, minutes 00-59, then a capitalised word or a dash. Only where several sentences of
# the article open so (LIVE_PAGE_STAMPS): "2010 World Cup organisers said ..." alone is a year.
_LIVE_STAMP = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d\s+(?:[-\u2013\u2014:|]\s*)?[A-Z\"'\u201c`]")
_STAMP_PUNCT = " \t|-\u2013\u2014*\u2022>"
LIVE_PAGE_STAMPS = 3
_STAMP_WORD = re.compile(r"(?i:\b(?:published|updated|posted|last\s+modified|first\s+published|created)\b[\s:,-]*(?:on\s+)?)$")
# A date line opens a paragraph: nothing before it but an upper-case place or punctuation
# ("BEIJING, Dec 7 (Reuters) -"), and a dash, bar, colon or parenthesis right after it.
_DATELINE_BEFORE = re.compile(r"^[\W_]*(?:[A-Z][A-Z.'\- ]*[A-Z.][,\s]*|\([A-Za-z ]+\)\s*)?$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-\u2013\u2014|:/]|\()")

_FUTURE_LEMMAS = frozenset(
    "schedule expect due set plan intend prepare aim go hope want agree vow pledge promise threaten "
    "slate poise ready likely".split()
)
_SCHEDULE_LEMMAS = frozenset("schedule set slate plan expect reschedule postpone delay push move adjourn".split())
_FUTURE_ADJ = frozenset("upcoming scheduled planned forthcoming slated impending next coming".split())
_FUTURE_CUE = re.compile(
    r"(?i:\b(?:will|shall|'ll|won't|would|is\s+to|are\s+to|scheduled|upcoming|slated|planned|"
    r"expected\s+to|due\s+to|set\s+to|plans?\s+to|going\s+to|forthcoming)\b)"
)
_PAST_CUE = re.compile(
    r"(?i:\b(?:was|were|had|did|has\s+been|have\s+been|ago|said|told|met|went|came|made|took|gave|"
    r"began|held|left|saw|found|won|lost|sent|spoke|\w{3,}ed)\b)"
)
_ANAPHORIC_YEAR = re.compile(r"(?i:,?\s+(?:of\s+)?(?:that|the\s+same|the\s+previous|the\s+following|the\s+next|the\s+prior)\s+year\b)")
# A full stop ends a clause only before a capital: "11 p.m. on Monday" stays one clause.
_CLAUSE_BREAK = re.compile(r"(?i:[;:!?]|\.(?=\s+[A-Z])|,\s|\b(?:that|and|but|which|who|while|when)\b)")


@dataclass(frozen=True)
class FoundExpression:
    """One date expression found in a sentence (offsets into it), before resolution."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]


def _month_number(token: str) -> int:
    return MONTH_ABBREVIATIONS[token.lower()[:3]]


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _day_iso(d: dt.date) -> str:
    return d.isoformat()


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def _number(word: str) -> int | None:
    value = parse_number(word)
    return None if value is None else int(value)


def scan_expressions(text: str) -> list[FoundExpression]:
    """Find the date expressions of one sentence (non-overlapping, in text order)."""
    found: list[tuple[int, int, int, FoundExpression]] = []
    for prio, (kind, pat) in enumerate(_PATTERNS):
        for m in pat.finditer(text):
            if m.end() > m.start():
                f = FoundExpression(m.start(), m.end(), kind, m.groupdict())
                found.append((-(m.end() - m.start()), m.start(), prio, f))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    taken: list[FoundExpression] = []
    for _, _, _, f in found:
        if all(f.end <= g.start or f.start >= g.end for g in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


_CALENDAR_KINDS = frozenset({"iso", "dmy", "mdy", "month_year"})
_CALENDAR_PATTERNS = [pat for kind, pat in _PATTERNS if kind in _CALENDAR_KINDS]


def find_calendar_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes a calendar date out ("June 13", "12th December", "2023-12-12",
    "October 2022"), possibly overlapping: for stages that must not read its digits as a count."""
    return [m.span() for pat in _CALENDAR_PATTERNS for m in pat.finditer(text)]


def _is_date_context(text: str, f: FoundExpression, date_chars: set[int], live_page: bool = False) -> bool:
    """Bare years and the month names that are also words need a date-like context. On a live page
    (``live_page``: several entries open on a four-digit time) a sentence's opening "1808" is the
    18:08 entry, not the year 1808."""
    if f.kind == "year":
        prep = bool(_DATE_PREP.search(text[max(0, f.start - 30) : f.start]))
        if live_page and not prep and _LIVE_STAMP.match(text[f.start :]):
            return False
        if f.end - f.start > 4 or f.start in date_chars:
            return True
        return prep or text[f.end :].startswith("'s")
    if f.kind == "month" and (f.groups.get("mon") or "") in AMBIGUOUS_MONTHS:
        if f.end - f.start > len(f.groups["mon"] or "") or f.start in date_chars:
            return True
        return bool(_DATE_PREP.search(text[max(0, f.start - 30) : f.start])) and not re.match(r"\s+(?:be|have|not)\b", text[f.end :])
    return True


def _is_stamp(text: str, f: FoundExpression, para_start: bool, first: bool, iso: str | None, pub: dt.date | None) -> bool:
    """A publication stamp or date line, not an event.

    ``para_start``: the sentence opens a paragraph; ``first``: it opens the article; ``iso`` is the
    resolved date. "Jan 12 - A quake strikes" (a chronology line) stays an event: a date line also
    needs a place before it, a parenthesis after it ("(Beijing)", "(Reuters)"), or to be the
    article's opening words and name its publication day.
    """
    if f.kind not in ("iso", "dmy", "mdy", "month_year"):
        return False
    before, after = text[: f.start], text[f.end :]
    if f.groups.get("y") and f.start < 60 and (_CLOCK_BEFORE.search(before[-40:]) or _CLOCK_AFTER.match(after)):
        return True
    if _STAMP_WORD.search(before[-40:]):
        return True
    if not (para_start and f.start < 60 and _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after)):
        return False
    place_before = bool(re.search(r"[A-Z]{3,}", before))
    paren_after = bool(re.match(r"^\s*[-\u2013\u2014|:/]?\s*\(", after))
    near_pub = False
    if first and iso is not None and pub is not None and len(iso) == 10:
        near_pub = abs((dt.date.fromisoformat(iso) - pub).days) <= 1
    return place_before or paren_after or near_pub


# --- direction -------------------------------------------------------------------------------


def _verb_direction(verb: Token, depth: int = 0) -> Direction:
    """Tense of a governing verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & {"will", "'ll", "shall", "wo", "ll", "would", "'d"}:
        return "future"
    if "to" in words:
        head = verb.head
        if head is verb or depth > 3:
            return None
        if head.lemma_.lower() in _FUTURE_LEMMAS or head.lemma_ == "be":
            return "future"
        if head.pos_ in ("VERB", "AUX"):
            return _verb_direction(head, depth + 1)
        return "future"
    if any(c.tag_ == "MD" for c in auxes):
        return "past" if "have" in {c.lemma_ for c in auxes} else "future"
    if any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and depth < 3:
        # "will begin, as scheduled, on 24 March": a bare participle clause shares its head's time.
        return _verb_direction(verb.head, depth + 1)
    if verb.tag_ in ("VBN", "JJ") and verb.dep_ in ("acomp", "oprd", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and depth < 3:
        # "stay closed until Thursday", "remains shut": a state is timed by the verb it complements.
        return _verb_direction(verb.head, depth + 1)
    if verb.tag_ == "VBN" and verb.lemma_.lower() in _SCHEDULE_LEMMAS:
        # "scheduled/set/due for Dec 12": a fixed date, often still ahead; let nearness decide.
        return "present"
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    return None


def _direction_from_doc(doc: Doc, start: int, end: int) -> Direction:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    inside = set(range(span.start, span.end))
    # "by Thursday or Friday": a coordinated date is timed like the first one.
    while tok.dep_ == "conj" and tok.head is not tok and len(inside) < 20:
        tok = tok.head
        inside.add(tok.i)
    seen = 0
    # Walk up to the verb that governs the expression; note "upcoming summit on Tuesday" on the way.
    while seen < 8:
        for c in tok.children:
            if c.lower_ in _FUTURE_ADJ and c.i not in inside:
                return "future"
        if tok.pos_ in ("VERB", "AUX") and tok.i not in inside:
            return _verb_direction(tok)
        # "similar to Biden's visit in September": an event noun with its own actor, or one inside a
        # modifier phrase, is not timed by the clause's verb ("Xi may seek ...").
        outside = tok.i not in inside
        if outside and tok.pos_ in ("NOUN", "PROPN") and (
            any(c.dep_ == "poss" for c in tok.children) or tok.dep_ == "pobj"
        ):
            return None
        if tok.head is tok:
            return None
        tok = tok.head
        seen += 1
    return None


def _direction_from_text(text: str, start: int) -> Direction:
    """Cue words of the clause that holds the expression (used when there is no parse)."""
    before = text[:start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    clause = before[cut:]
    if _FUTURE_CUE.search(clause):
        return "future"
    if _PAST_CUE.search(clause):
        return "past"
    return "present" if clause.strip() else None


def _direction(text: str, f: FoundExpression, doc: Doc | None, offset: int) -> Direction:
    rel = (f.groups.get("rel") or "").lower()
    if rel.endswith("past") or rel == "last":
        return "past"
    if rel.endswith("coming") or rel == "next":
        return "future"
    if doc is not None:
        d = _direction_from_doc(doc, offset + f.start, offset + f.end)
        if d is not None:
            return d
    return _direction_from_text(text, f.start)


# --- resolution ------------------------------------------------------------------------------


def _resolve_weekday(pub: dt.date, weekday: int, rel: str, direction: Direction) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if rel == "last":
        return pub - dt.timedelta(days=back or 7)
    if rel == "next":
        return pub + dt.timedelta(days=ahead or 7)
    if back == 0:
        return pub
    if direction == "future":
        return pub + dt.timedelta(days=ahead)
    if direction == "past":
        return pub - dt.timedelta(days=back)
    # No tense cue (or a bare present): news style names weekdays only for the week around the
    # publication date, so take the nearer occurrence; a tie goes to the past (reports look back).
    return pub - dt.timedelta(days=back) if back <= ahead else pub + dt.timedelta(days=ahead)


def _pick_year(pub: dt.date, candidates: list[tuple[dt.date, int]], direction: Direction, strict: bool) -> int:
    """Choose among (date, year) candidates of a year-less expression: by direction, else nearest."""
    if strict and direction == "past":
        past = [c for c in candidates if c[0] <= pub]
        if past:
            return max(past)[1]
    if strict and direction == "future":
        future = [c for c in candidates if c[0] >= pub]
        if future:
            return min(future)[1]
    # Nearest; a tie goes to the past, where most news events lie.
    return min(candidates, key=lambda c: (abs((c[0] - pub).days), c[0] > pub))[1]


def _is_target(text: str, f: FoundExpression) -> bool:
    """"postponed to/until Dec 12", "delayed until May": the target date, whatever the tense."""
    return bool(re.search(r"(?i:\b(?:to|until|till|for|by)\s*$)", text[: f.start]))


_STATE_WAS = re.compile(r"(?i:\b(?:was|were|had|did|been|lasted|ended|stayed|remained)\b)")


def _is_until(text: str, f: FoundExpression) -> bool:
    """"until Thursday", "through Friday", "till Monday": the end of a state or a deadline."""
    return bool(re.search(r"(?i:\b(?:until|till|through|thru)\s*$)", text[: f.start]))


def _resolve_day_month(pub: dt.date, month: int, day: int, direction: Direction, text: str, f: FoundExpression) -> str | None:
    cands = [(d, d.year) for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
    if not cands:
        return None
    year = _pick_year(pub, cands, direction, not _is_target(text, f))
    return _day_iso(dt.date(year, month, day))


def _resolve_month(pub: dt.date, month: int, rel: str, direction: Direction, strict: bool = True) -> str:
    if rel in ("last", "this past"):
        y = pub.year if month < pub.month else pub.year - 1
        return _month_iso(y, month)
    if rel in ("next", "this coming", "coming"):
        y = pub.year if month > pub.month else pub.year + 1
        return _month_iso(y, month)
    if month == pub.month:
        return _month_iso(pub.year, month)
    cands = [(dt.date(y, month, 1), y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    first = pub.replace(day=1)
    return _month_iso(_pick_year(first, cands, direction, strict=strict), month)


def _resolve_period(pub: dt.date, rel: str, unit: str) -> str | None:
    step = {"last": -1, "next": 1}.get(rel.split()[-1] if rel else "", 0)
    if rel.endswith("past"):
        step = -1
    if rel.endswith("coming"):
        step = 1
    if unit in ("week", "weekend"):
        # A week is reported by the month of its Thursday (the ISO week convention).
        thursday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=3 + 7 * step)
        return _month_iso(thursday.year, thursday.month)
    if unit == "month":
        return _month_iso(*_add_months(pub.year, pub.month, step))
    if unit == "year":
        return f"{pub.year + step:04d}"
    # Seasons (northern hemisphere): the year in which that season falls.
    season_month = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}[unit]
    if step == -1:
        return f"{pub.year if season_month + 2 < pub.month else pub.year - 1:04d}"
    if step == 1:
        return f"{pub.year if season_month > pub.month else pub.year + 1:04d}"
    return f"{pub.year:04d}"


def _offset(base: dt.date, n: int, unit: str, sign: int) -> str:
    if unit == "day":
        return _day_iso(base + dt.timedelta(days=sign * n))
    if unit == "week":
        return _day_iso(base + dt.timedelta(days=sign * 7 * n))
    if unit == "month":
        return _month_iso(*_add_months(base.year, base.month, sign * n))
    return f"{base.year + sign * n:04d}"


def resolve_expression(
    text: str, f: FoundExpression, pub: dt.date | None, direction: Direction, ref: dt.date | None = None
) -> str | None:
    """The ISO date of one found expression, or None when it cannot be resolved.

    ``pub`` is the publication date (None: only absolute dates resolve); ``ref`` is the date of the
    sentence's main event, used by anchored expressions ("three months after ...").
    """
    try:
        iso = _resolve(text, f, pub, direction, ref)
    except (OverflowError, ValueError):  # arithmetic past year 9999 or before year 1
        return None
    return iso if iso is not None and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", iso) and iso[:4] != "0000" else None


def _resolve(text: str, f: FoundExpression, pub: dt.date | None, direction: Direction, ref: dt.date | None) -> str | None:
    g = f.groups
    y_text = g.get("y")
    y = int(y_text) if y_text else None
    if f.kind == "iso":
        d = _safe_date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
        return _day_iso(d) if d else None
    if f.kind in ("dmy", "mdy", "month") and _ANAPHORIC_YEAR.match(text[f.end :]):
        return None  # "on 25 June that year": the year is in another sentence
    if f.kind in ("dmy", "mdy"):
        month, day = _month_number(g["mon"] or ""), int(g["d"] or 0)
        if y is not None:
            d = _safe_date(y, month, day)
            return _day_iso(d) if d else None
        return _resolve_day_month(pub, month, day, direction, text, f) if pub else None
    if f.kind == "month_year":
        return _month_iso(y or 0, _month_number(g["mon"] or ""))
    if f.kind == "year":
        return f"{y:04d}" if y else None
    if pub is None:
        return None
    rel = re.sub(r"\s+", " ", (g.get("rel") or "").lower())
    if f.kind == "month":
        return _resolve_month(pub, _month_number(g["mon"] or ""), rel, direction, not _is_target(text, f))
    if f.kind == "weekday":
        if _is_until(text, f) and (direction in ("present", None) or not _STATE_WAS.search(text[: f.start])):
            # "schools stay closed until Thursday": a state lasting to a day ahead, unless the
            # sentence puts the state itself in the past ("the road was closed until Sunday").
            direction = "future"
        return _day_iso(_resolve_weekday(pub, WEEKDAYS[(g["wd"] or "").lower()], rel, direction))
    if f.kind == "relday":
        word = re.sub(r"\s+", " ", (g["word"] or "").lower())
        return _day_iso(pub + dt.timedelta(days=RELATIVE_DAYS.get(word, 0)))
    if f.kind == "relperiod":
        return _resolve_period(pub, rel, (g["unit"] or "").lower())
    n = _number(g.get("n") or "")
    unit = (g.get("unit") or "").lower()
    if n is None or not unit:
        return None
    if f.kind == "ago":
        sign = -1 if (g["dir"] or "").lower() == "ago" else 1
        return _offset(pub, n, unit, sign)
    if f.kind == "anchor":
        # "N months after X": X happened N months before the sentence's own date.
        sign = -1 if (g["dir"] or "").lower() == "after" else 1
        return _offset(ref or pub, n, unit, sign)
    return None


def find_dates(article: Article, sentences: Sequence[Sentence], doc: Doc | None) -> tuple[DateMention, ...]:
    """Date expressions of the body sentences, resolved against ``article.published``.

    ``doc`` is spaCy's parse of ``article.body`` (offsets match the sentences); it gives the tense
    used for the direction of year-less dates, and its DATE entities confirm bare years. It may be
    None: the regex finder then works alone.
    """
    pub = article.published
    date_chars: set[int] = set()
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "DATE":
                date_chars.update(range(ent.start_char, ent.end_char))
    out: list[DateMention] = []
    prev_para = -1
    stamps = sum(1 for sent in sentences if _LIVE_STAMP.match(article.body[sent.start : sent.end].lstrip(_STAMP_PUNCT)))
    live_page = stamps >= LIVE_PAGE_STAMPS
    for sent in sentences:
        text = article.body[sent.start : sent.end]
        para_start = sent.paragraph != prev_para
        prev_para = sent.paragraph
        local_dates = {c - sent.start for c in date_chars if sent.start <= c < sent.end}
        found = [f for f in scan_expressions(text) if _is_date_context(text, f, local_dates, live_page)]
        resolved: dict[int, str] = {}
        for i, f in enumerate(found):
            if f.kind == "anchor":
                continue
            iso = resolve_expression(text, f, pub, _direction(text, f, doc, sent.start))
            if iso is not None and not _is_stamp(text, f, para_start, sent.index == 0, iso, pub):
                resolved[i] = iso
        # The anchor's reference is the sentence's own day, when it names one.
        ref = next((dt.date.fromisoformat(v) for v in resolved.values() if len(v) == 10), None)
        for i, f in enumerate(found):
            if f.kind == "anchor" and (iso := resolve_expression(text, f, pub, None, ref)) is not None:
                resolved[i] = iso
        for i, f in enumerate(found):
            if i in resolved:
                out.append(
                    DateMention(article.id, sent.index, sent.start + f.start, sent.start + f.end,
                                text[f.start : f.end], resolved[i])
                )  # fmt: skip
    return tuple(out)


# "HANOI: ...", "WASHINGTON (AP) _ ...", "BEIJING, Dec 12 (Reuters) - ...": where the wire filed
# from, not part of the statement.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,3}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: \([A-Za-z]+\))?\s*(?::|_|--|-|\u2014|\u2013)\s+(?=[A-Z0-9\"`\u201c])"
)
_PLACE_PREFIX = re.compile(r"^(?:\([A-Z][\w .'-]{1,30}\)\s*|[A-Z][A-Z .,'-]{2,40}?\s*(?:\([A-Za-z ]{1,20}\)\s*)?[\u2013\u2014:-]\s+)")


def strip_dateline(text: str, pub: dt.date | None = None) -> str:
    """``text`` without a leading date line: "7th December 2023 - (Beijing) ...", "HANOI - ...",
    "(Beijing) ..." (what is left when cleaning took the date away), "WASHINGTON (AP) _ ...",
    "BEIJING, Dec 12 (Reuters) - ...". The one dateline rule of the timeline and the summary."""
    for f in scan_expressions(text[:80]):
        iso = resolve_expression(text, f, pub, None)
        if f.start < 60 and _is_stamp(text, f, True, True, iso, pub):
            rest = _DATELINE_AFTER.sub("", text[f.end :], count=1).lstrip(" -\u2013\u2014|:/")
            rest = re.sub(r"^\([^)]{1,40}\)\s*", "", rest)
            # "Saturday 25 April 2009 23.24 BST Swine flu ...": the stamp's clock goes with it.
            rest = _CLOCK_LEAD.sub("", rest, count=1)
            if len(rest) > 20:
                return rest
            break
    m = _PLACE_PREFIX.match(text)
    if m and len(text) - m.end() > 20 and text[m.end()].isupper():
        return text[m.end() :]
    m = _WIRE_DATELINE.match(text)
    return text[m.end() :] if m else text


def names_later_day(
    said: Iterable[str], other: Iterable[str], other_published: str | None, own_published: str | None
) -> bool:
    """True when a sentence published ``own_published`` names a day (``said``, ISO dates) that
    had come by then but not yet when the other sentence was published (``other_published``), and
    the other does not name it: news the other could not have had (the residents' return on
    Wednesday, reported on Wednesday, is not Tuesday's evacuation report). A day still ahead ("the
    summit opens on June 14") is an announcement, and "Xi visits on Tuesday" restates last week's
    "Xi will visit on Tuesday", which names it."""
    if other_published is None or own_published is None:
        return False
    known = set(other)
    return any(len(d) == 10 and other_published < d <= own_published and d not in known for d in said)
