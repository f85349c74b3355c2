"""Resolving a found date expression to an ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, at
the precision the text gives) against the publication date.

Year-less and weekday expressions need a direction (the past or the coming one). It comes from the
expression itself ("last", "next", "ago") or else from the verb that governs it in spaCy's parse
("met" VBD: past; "will visit", "is scheduled to visit": future; "starts" VBZ: present, which for
a weekday means the coming one). Without a parse a small clause-level cue search stands in. A
weekday equal to the publication weekday is the publication day itself.

Resolution is plain calendar arithmetic (no dateparser): deterministic and fast (about 0.1 ms per
sentence), and it never reads "IST" as Israel because it never parses time zones at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Literal

from newsbrief.annotate.dateforms import FoundExpression
from newsbrief.vocabulary import MONTH_ABBREVIATIONS, RELATIVE_DAYS, WEEKDAYS, parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Direction = Literal["past", "future", "present"] | None

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
        # modifier phrase, is not timed by the clause's verb ("Xi may seek ..."). The expression
        # itself as the possessor is no actor: "Monday's derailment left 47 ..." is timed by "left".
        outside = tok.i not in inside
        if outside and tok.pos_ in ("NOUN", "PROPN") and (
            any(c.dep_ == "poss" and c.i not in inside for c in tok.children) or tok.dep_ == "pobj"
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


def find_direction(text: str, f: FoundExpression, doc: Doc | None, offset: int) -> Direction:
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


# A state put in the past ("was closed until Sunday", "had been shut until Friday"); not the present
# perfect, a state that still holds ("has been stopped until Thursday", veld_heatwave, session 12).
_STATE_WAS = re.compile(r"(?i:\b(?:was|were|had|did|lasted|ended|stayed|remained)\b)")


def _is_until(text: str, f: FoundExpression) -> bool:
    """"until Thursday", "through Friday", "till Monday": the end of a state or a deadline."""
    return bool(re.search(r"(?i:\b(?:until|till|through|thru)\s*$)", text[: f.start]))


def _resolve_day_month(pub: dt.date, month: int, day: int, direction: Direction, text: str, f: FoundExpression) -> str | None:
    cands = [(d, d.year) for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
    if not cands:
        return None
    lead = (f.groups.get("lwd") or "").lower()
    if lead in WEEKDAYS:
        # "Monday, February 1": the years in which that day is that weekday, when there is one;
        # a weekday that fits none (a slip) leaves the day as written to the usual choice.
        cands = [c for c in cands if c[0].weekday() == WEEKDAYS[lead]] or cands
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
