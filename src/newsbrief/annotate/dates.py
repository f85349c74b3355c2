"""Date expressions in body sentences, resolved against the article's publication date: which of
them are events.

:func:`find_dates` runs the regex finder (:mod:`newsbrief.annotate.dateforms`; it needs no spaCy)
over each sentence, resolves every expression it finds (:mod:`newsbrief.annotate.dateresolve`)
and returns :class:`~newsbrief.models.DateMention` records for those that date an event. Bare
years and the month names that are also words ("may", "march") need a date-like context.

Date lines and publication stamps ("7th December 2023 - (Beijing)", "BEIJING, Dec 7 (Reuters) -",
"18:00 UK time, Saturday, 25 April 2009", "Published: ...") are not events and are skipped;
:func:`strip_dateline` takes them off a sentence for the timeline and the summary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsbrief.annotate.dateforms import FoundExpression, scan_expressions
from newsbrief.annotate.dateresolve import find_direction, resolve_expression
from newsbrief.models import Article, DateMention, Sentence
from newsbrief.vocabulary import AMBIGUOUS_MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
            iso = resolve_expression(text, f, pub, find_direction(text, f, doc, sent.start))
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
_ANY_DIGIT = re.compile(r"\d")


def strip_dateline(text: str, pub: dt.date | None = None) -> str:
    """``text`` without a leading date line: "7th December 2023 - (Beijing) ...", "HANOI - ...",
    "(Beijing) ..." (what is left when cleaning took the date away), "WASHINGTON (AP) _ ...",
    "BEIJING, Dec 12 (Reuters) - ...". The one dateline rule of the timeline and the summary."""
    # A stamp is a calendar date, which holds a digit: most openings have none and skip the scan.
    for f in scan_expressions(text[:80]) if _ANY_DIGIT.search(text, 0, 80) else ():
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
