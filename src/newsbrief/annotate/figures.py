"""Key figures in one article: money, percentages, counts, quantities and durations with what
they count (the map half; :mod:`newsbrief.story.figures` merges them over the story).

The patterns of :mod:`newsbrief.annotate.numbers` find money ("USD 175.6
billion", "\u00a34bn", "85,000 euros"), percentages ("12%", "67 per cent"), fractions ("a third
of"), durations ("six years") and counts ("more than 30 agreements"), with a leading qualifier
("more than", "at least"). The spaCy parse then rules out numbers that are years, dates, times,
ordinals or part of a name ("Vinbax-2023", "COVID-19", "5G"), page furniture ("2 min read") and
trivial counts ("the two countries"), and finds what the number is about from the dependency
tree: the noun it counts ("30" -> "agreements", with the verb when that noun is its subject:
"agreements signed"), the noun a sum belongs to ("turnover of USD 175.6 billion" -> "bilateral
trade turnover"), what a share is of ("a third of the budget"), or the subject of the verb it is
the object of ("imports ... make up 67 per cent" -> "imports from China").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING


from newsbrief.models import Article, FigureMention, Sentence
from newsbrief.annotate.numbers import (
    COUNT,
    DURATION,
    FRACTION,
    MONEY_AFTER,
    MONEY_BEFORE,
    PERCENT,
    find_currency_starts,
    find_number_starts,
    find_qualifier_start,
)
from newsbrief.vocabulary import PEOPLE_NOUNS, find_unread_numbers, parse_amount, parse_fraction, parse_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# A number inside one of these entities is part of a name, not a figure.
_NAME_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_DATE_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
# Counts below this are too small to be a key figure ("the two countries", "one-time enemy").
_MIN_COUNT = 3
# Nouns a count can measure; the unit is then the noun ("300 tonnes of solvents").
_MEASURES = frozenset(
    """
    tonnes tons tonne ton kilometres kilometers kilometre kilometer km miles mile metres meters metre
    meter kilograms kilogram kg litres liters gallons barrels hectares acres degrees megawatts mw
    gigawatts feet foot inches square
    """.split()
)
# Page furniture that looks like a count ("2 min read", "14 comments").
_FURNITURE = frozenset("min mins minute read comments comment shares photos images views".split())
_OFFSET_WORDS = frozenset("ago old after before later earlier since".split())
_DURATION_PREPS = frozenset("for in over within during lasting spanning".split())


@dataclass
class _Cand:
    start: int
    end: int
    num_start: int
    num_end: int
    value: float
    unit: str
    kind: str


# ----------------------------------------------------------------------------------------------
# map


def find_figures(article: Article, sentences: Sequence[Sentence], doc: Doc | None) -> tuple[FigureMention, ...]:
    """Return the key figures of one article, in text order."""
    body = article.body
    if not sentences:
        return ()
    cands = _find_candidates(body)
    starts = [s.start for s in sentences]
    out: list[FigureMention] = []
    for c in cands:
        c.start = find_qualifier_start(body, c.start)
        tokens = _get_tokens(doc, c.num_start, c.num_end)
        if doc is not None and not _is_acceptable(tokens, c):
            continue
        about = ""
        if c.kind == "count":
            found = _find_counted(doc, tokens, body, c)
            if found is None:
                continue
            about, unit, end = found
            if unit in _FURNITURE or c.value < _MIN_COUNT:
                continue
            c.end = max(c.end, end)
            if unit == "quantity":
                c.kind, c.unit = "quantity", about.split()[0]
                about = _describe_quantity(doc, tokens) or about
            else:
                c.unit = unit
        elif doc is not None and tokens:
            about = _describe_figure(_get_tokens(doc, c.start, c.end), c.kind == "duration")
        sent = max(0, bisect.bisect_right(starts, c.start) - 1)
        if c.end > sentences[sent].end:
            # The parse tied a number to a noun of the next sentence (a stray "3" line above a
            # paragraph): that is no figure.
            continue
        text = body[c.start : c.end]
        out.append(FigureMention(article.id, sent, c.start, c.end, text, c.value, c.unit, about))
    return tuple(out)


def _find_candidates(body: str) -> list[_Cand]:
    """Non-overlapping number matches; at one place the more specific pattern wins (money, then
    percent, fraction, duration, count)."""
    found: list[_Cand] = []
    taken_until = -1
    for pos in find_currency_starts(body):
        m = MONEY_BEFORE.match(body, pos)
        if m is None or m.start() < taken_until:
            continue
        sum_read = _read_money(m)
        if sum_read is not None:
            found.append(_Cand(m.start(), m.end(), m.start("num"), m.end(), *sum_read, "money"))
            taken_until = m.end()
    money = [(c.start, c.end) for c in found]
    taken_until = -1
    for pos, digit in find_number_starts(body):
        if pos < taken_until or any(s <= pos < e for s, e in money):
            continue
        c = _match_at(body, pos, digit)
        if c is not None:
            found.append(c)
            taken_until = c.end
    found.sort(key=lambda c: c.start)
    # Numbers the reader noted as no figures ("2.5E+30 euros" is not 30 euros, "minus 12 residents" not 12).
    unread = find_unread_numbers(body)
    if unread:
        found = [c for c in found if not any(u.start < c.end and c.start < u.end for u in unread)]
    return found


def _match_at(body: str, pos: int, digit: bool) -> _Cand | None:
    """The most specific figure pattern that matches at ``pos``."""
    m = MONEY_AFTER.match(body, pos)
    if m:
        sum_read = _read_money(m)
        if sum_read is not None:
            return _Cand(m.start(), m.end(), m.start(), m.end("num"), *sum_read, "money")
    m = PERCENT.match(body, pos)
    if m:
        value = parse_number(m.group("num"))
        if value is not None:
            pct = m.group("pct").casefold()
            unit = "percentage points" if pct.startswith("percentage") else "basis points" if pct.startswith("basis") else "percent"
            return _Cand(m.start(), m.end(), m.start(), m.end(), value, unit, "percent")
    if not digit:
        m = FRACTION.match(body, pos)
        if m:
            end = m.start() + len(m.group("frac"))
            share = parse_fraction(m.group("frac")) or 0.0
            return _Cand(m.start(), end, m.start(), end, round(share, 2), "percent", "percent")
    m = DURATION.match(body, pos)
    if m:
        value = parse_number(m.group("num"))
        if value is None or _is_offset(body, m.start(), m.end()):
            return None
        unit = m.group("dur").casefold()
        unit = "centuries" if unit.startswith("centur") else unit if unit.endswith("s") else unit + "s"
        return _Cand(m.start(), m.end(), m.start(), m.end(), value, unit, "duration")
    m = COUNT.match(body, pos)
    if m:
        num = m.group("num")
        value = parse_number(num + (" " + m.group("scale") if m.group("scale") else ""))
        if value is not None and not _is_year(num):
            return _Cand(m.start(), m.end(), m.start(), m.end(), value, "count", "count")
    return None


def _read_money(m: re.Match[str]) -> tuple[float, str] | None:
    """(value, ISO currency) of a money match, read by the shared reader so that every stage
    gives "\u00a34bn" the same value."""
    amount = parse_amount(m.group(0))
    if amount is None:
        return None
    return amount.value, amount.currency or m.group("cur").strip().upper()


def _is_offset(body: str, start: int, end: int) -> bool:
    """"three months after ...", "six years ago", "61-year-old": a point in time, not a figure.
    "for nearly seven hours before ..." is still a duration: "for"/"in"/"over" open one."""
    nxt = re.match(r"[\s-]*([A-Za-z]+)", body[end : end + 20])
    word = nxt.group(1).casefold() if nxt else ""
    if word in ("ago", "old", "later", "earlier"):
        return True
    if word not in _OFFSET_WORDS:
        return False
    before = body[max(0, start - 40) : find_qualifier_start(body, start)].split()
    return not (before and before[-1].casefold() in _DURATION_PREPS)


def _is_year(num: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d|21\d\d", num))


def _get_tokens(doc: Doc | None, s: int, e: int) -> list[Token]:
    """The tokens covering body[s:e] (none without a parse)."""
    if doc is None:
        return []
    span = doc.char_span(s, e, alignment_mode="expand")
    return list(span) if span is not None else []


def _is_acceptable(tokens: list[Token], c: _Cand) -> bool:
    """False for numbers inside names, dates and times (durations may sit in a DATE entity)."""
    if not tokens:
        return False
    for t in tokens:
        if t.ent_type_ in _NAME_ENTS:
            return False
        if t.ent_type_ in _DATE_ENTS and c.kind in ("count", "quantity"):
            return False
        if t.ent_type_ == "TIME" and c.kind != "duration":
            return False
    return True


def _find_counted(doc: Doc | None, tokens: list[Token], body: str, c: _Cand) -> tuple[str, str, int] | None:
    """What a bare number counts: (about, unit, end of the counted noun in the text).

    unit is "people", "count" or "quantity" (the caller turns that into the measure)."""
    if doc is None:
        m = re.match(r"\s+([a-z][a-z-]+)", body[c.end : c.end + 30])
        if not m:
            return None
        noun = m.group(1)
        unit = "quantity" if noun in _MEASURES else "people" if noun in PEOPLE_NOUNS else "count"
        return noun, unit, c.end + m.end()
    num = tokens[-1]
    head = num.head
    if num.dep_ in ("nummod", "quantmod", "compound") and head.i > num.i and head.pos_ in ("NOUN",):
        lemma = head.lower_
        if lemma in _MEASURES:
            return head.lower_, "quantity", head.idx + len(head.text)
        about = head.lower_
        if head.dep_ in ("nsubjpass",) or (head.dep_ == "nsubj" and not any(x.dep_ == "dobj" for x in head.head.children)):
            if head.head.pos_ == "VERB":
                about = f"{head.lower_} {head.head.text}"
        unit = "people" if lemma in PEOPLE_NOUNS else "count"
        # Keep adjectives and compounds between the number and the noun in the figure's text.
        return _read_phrase(head, {t.i for t in tokens}) if about == head.lower_ else about, unit, head.idx + len(head.text)
    of = next((p for p in num.rights if p.dep_ == "prep" and p.lower_ == "of"), None)
    obj = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and obj.pos_ == "NOUN":
        # "four of his firefighters had been treated": the number counts the object of "of".
        about = obj.lower_
        if num.dep_ == "nsubjpass" or (num.dep_ == "nsubj" and num.head.pos_ == "VERB"):
            about = f"{obj.lower_} {num.head.text}"
        return about, "people" if obj.lower_ in PEOPLE_NOUNS else "count", obj.idx + len(obj.text)
    if num.dep_ in ("nsubj", "nsubjpass") and num.head.pos_ == "VERB":
        return num.head.text, "count", c.end
    return None


def _describe_quantity(doc: Doc | None, tokens: list[Token]) -> str:
    """What a quantity measures: "300 tonnes of industrial solvents" -> "industrial solvents"."""
    if doc is None or not tokens:
        return ""
    head = tokens[-1].head
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return _read_phrase(obj, set())
    return ""


def _describe_figure(tokens: list[Token], duration: bool = False) -> str:
    """What a sum, share or duration is about, from the dependency tree (see module docstring)."""
    skip = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in skip or t.head is t), tokens[-1])
    about = ""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        about = _read_phrase(head.head, skip)  # "a turnover of USD 175.6 billion"
    elif root.dep_ in ("compound", "amod", "nmod", "nummod") and head.pos_ == "NOUN" and head.i > root.i:
        about = _read_phrase(head, skip)  # "a 2 million euro fund"
    if not about:
        for prep in root.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
                if obj is not None:
                    about = _read_phrase(obj, skip)  # "45% of voters", "a third of the budget"
    if not about and root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN"):
        about = _read_phrase(head.head, skip)  # "first visit ... in six years"
    if not about and root.dep_ == "npadvmod" and head.pos_ in ("ADV", "ADJ") and head.head.pos_ == "NOUN":
        about = _read_phrase(head.head, skip)  # "50 percent more solvent", "orders worth Rs 545 crore"
    if not about:
        verb = root.head
        for _ in range(3):  # the verb above "in six years", "40 percent above the limit"
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX"):
            about = _describe_by_verb(verb, root, skip, duration)
    year = _find_year(root, head, head.head)
    return f"{about} in {year}" if about and year else about


def _describe_by_verb(verb: Token, root: Token, skip: set[int], duration: bool) -> str:
    """What a figure attached to a verb is about: the object of "spend ... on X", the object
    the figure qualifies ("recorded levels 40 percent above"), else the verb's subject (with the
    verb when passive: "company fined"). A duration gives the verb and its object."""
    for prep in verb.rights:
        if not duration and prep.dep_ == "prep" and prep.lower_ in ("on", "for"):
            obj = next((o for o in prep.children if o.dep_ == "pobj" and not o.ent_type_), None)
            if obj is not None and obj.i not in skip:
                return _read_phrase(obj, skip)
    dobj = next(
        (c for c in verb.children if c.dep_ == "dobj" and c.i not in skip and c.pos_ == "NOUN" and not c.ent_type_),
        None,
    )
    if dobj is not None and root.dep_ != "dobj":
        return f"{verb.text} {_read_phrase(dobj, skip)}" if duration else _read_phrase(dobj, skip)
    v = verb
    for _ in range(2):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)
        if subj is not None:
            phrase = _read_phrase(subj, skip)
            return f"{phrase} {v.text}" if subj.dep_ == "nsubjpass" or duration else phrase
        if v.dep_ in ("conj", "xcomp", "advcl"):
            v = v.head
    return verb.text


def _find_year(*toks: Token) -> str | None:
    """A year the figure is dated by: "USD 175.6 billion in 2022"."""
    for t in toks:
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "for"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and _is_year(obj.text):
                        return obj.text
    return None


def _read_phrase(tok: Token, skip: set[int], limit: int = 7) -> str:
    """A short noun phrase around ``tok``: its modifiers and an of/from complement, no
    determiners; ``skip`` holds the figure's own tokens."""
    toks = {tok.i}
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i not in skip:
            toks.update(t.i for t in c.subtree if t.i not in skip and t.dep_ != "det" and not t.is_punct)
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.i not in skip:
                more = {prep.i, obj.i} | {c.i for c in obj.lefts if c.dep_ in ("amod", "compound")}
                if len(toks) + len(more) <= limit:
                    toks.update(more)
            break
    doc = tok.doc
    ordered = sorted(i for i in toks if i not in skip)
    out = ""
    prev = None
    for i in ordered:
        t = doc[i]
        if prev is not None and prev + 1 == i:
            out += doc[prev].whitespace_ + t.text
        else:
            out += (" " if out else "") + t.text
        prev = i
    return out.strip()
