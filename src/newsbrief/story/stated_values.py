"""The values a sentence states, as the disagreements stage compares them: per sentence and key
(see :mod:`newsbrief.story.quantities`) the one value it gives (a count, a venue, a day), with the
rules that leave out what is not the sentence's own figure (the size of a whole, a count in a
trailing clause, a day that is when something was said), and whether two values agree."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsbrief.models import AnnotatedArticle
from newsbrief.story.casualties import GENERIC_PEOPLE, clause_around
from newsbrief.story.estimates import estimates_differ
from newsbrief.story.intervals import SOME_WORDS
from newsbrief.story.namecounts import counts_a_name
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import DateValue, Quantity, compare_quantities
from newsbrief.story.venues import Venue, find_venues
from newsbrief.story.overlap import normalize_word
from newsbrief.story.scope import cut_trailing_clause, is_specific_count, look_like_one_figure


@dataclass(frozen=True)
class StatedValue:
    """One sentence's value for one key."""

    sentence: int  # position in the pool
    text: str  # as written
    quantity: Quantity | None = None
    venue: Venue | None = None
    date: DateValue | None = None


# An attribution right before a date: the date is when it was said.
_SAID_BEFORE = re.compile(
    r"(?i:\b(?:said|says|told\s+(?:\w+\s+){0,3}?|added|stated|reported|confirmed)\s+(?:late\s+|early\s+)?(?:on\s+)?)$"
)


def said_then(text: str, date_text: str) -> bool:
    """Whether ``date_text`` stands in ``text`` right after an attribution ("said on Tuesday")."""
    at = text.find(date_text)
    return at >= 0 and bool(_SAID_BEFORE.search(text[max(0, at - 40) : at]))


# Two days joined into one expression: "12th - 13th December", "June 13-14", "5 to 7 May".
_DAY_RANGE = re.compile(
    r"(?<![\d-])\d{1,2}(?:st|nd|rd|th)?\s*(?:-|\u2013|\u2014|\bto\b|\band\b|\bthrough\b)\s*\d{1,2}(?!\d)"
)


def single_values(
    pool: SentencePool, annotated: Sequence[AnnotatedArticle], event_days: list[frozenset[str]] | None = None
) -> list[dict[str, StatedValue]]:
    """Per sentence: key -> its value, for keys the sentence gives exactly one value of. With
    ``event_days``, also fills in per sentence the days it says something happened on (its
    resolved dates but those of when something was said)."""
    resolved: dict[tuple[str, int], list[DateValue]] = {}
    for x in annotated:
        for d in x.dates:
            if len(d.date) == 10:  # day precision only: "October" cannot conflict with "12 October"
                resolved.setdefault((x.article.id, d.sentence), []).append(
                    DateValue(d.start, d.end, d.text, d.date)
                )
    kinds = find_named_kinds(pool.texts, pool.quantities)
    out: list[dict[str, StatedValue]] = []
    for i, text in enumerate(pool.texts):
        ref = pool.refs[i]
        values: dict[str, list[StatedValue]] = {}
        for q in pool.quantities[i]:
            if q.key in kinds and not q.modifier and _names_kind(text, q, q.key):
                q = replace(q, key=kinds[q.key], modifier=q.key)
            elif q.key not in kinds and not q.modifier and counts_a_name(text, q.end, q.key):
                continue  # "the two Jacksons": members of a family by its name, no figure
            values.setdefault(q.key, []).append(StatedValue(i, q.text, quantity=q))
        for v in find_venues(text):
            if v.hosts_event:
                values.setdefault("venue", []).append(StatedValue(i, v.text, venue=v))
        # The dates stage's resolved mentions ("Tuesday" -> 2023-12-12); a sentence gives a date
        # value only when they all name one single day (a range "12th - 13th December" is none).
        dates = resolved.get((ref.article_id, ref.sentence), [])
        # "..., the office said on Tuesday": when it was said, not when it happened.
        dates = [d for d in dates if not said_then(text, d.text)]
        if event_days is not None:
            # Only days named in the clause of the sentence's one count ("nine were killed on
            # Wednesday"), not a day elsewhere in it ("..., where a wildfire broke out on Monday").
            counts = [q for q in pool.quantities[i]]
            clause = clause_around(text, counts[0].start, counts[0].end) if len(counts) == 1 else ""
            event_days.append(frozenset(d.date for d in dates if clause and d.text in clause))
        if dates and len({d.date for d in dates}) == 1 and not any(_DAY_RANGE.search(d.text) for d in dates):
            values["date"] = [StatedValue(i, dates[0].text, date=dates[0])]
        singles = {k: v if len(v) == 1 else own_values(text, drop_wholes(text, v)) for k, v in values.items()}
        out.append({k: v[0] for k, v in singles.items() if len(v) == 1})
    return out


def _names_kind(text: str, q: Quantity, word: str) -> bool:
    """Whether the word right after figure ``q`` is ``word`` (a normalised noun) written as a name
    ("124 Tomahawk missiles", "159 Tomahawks"), not a common noun."""
    m = _NEXT_WORD.match(text, q.end)
    return m is not None and m.group(1)[0].isupper() and normalize_word(m.group(1)) == word


_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'\-]*)")


def find_named_kinds(texts: Sequence[str], quantities: Sequence[Sequence[Quantity]]) -> dict[str, str]:
    """A named kind of thing counted on its own in the story ("159 Tomahawks": ``tomahawk``) -> the
    noun the story counts it under where it names that noun's kind ("124 Tomahawk missiles":
    ``missile``). One thing, one key: the two counts are of one figure, not "number of tomahawks"
    and "number of missiles". Only names (written capitalised in both places: a common word such as
    "family" in "six family members" is no name, and "six families" are not six family members),
    only a noun of a specific kind of thing (scope.is_specific_count; not people or a toll), and only
    the noun the kind modifies in most of its counts ("Tomahawk missiles" 7 times, a misread
    "Tomahawk cruise" 3 times: missile)."""
    heads: dict[str, list[str]] = {}
    for text, found in zip(texts, quantities, strict=True):
        for q in found:
            if q.modifier and " " not in q.modifier and _names_kind(text, q, q.modifier):
                heads.setdefault(q.modifier, []).append(q.key)
    out: dict[str, str] = {}
    for kind, keys in sorted(heads.items()):
        head = max(sorted(set(keys)), key=keys.count)
        if 2 * keys.count(head) > len(keys) and head != kind and head not in GENERIC_PEOPLE and is_specific_count(head):
            out[kind] = head
    return out


# The whole a count is part of: "54 of the 120 seats", "58 seats in the 120-seat parliament",
# "two of the arena's eight gates" (the whole with its owner).
_WHOLE_AFTER_PART = re.compile(
    r"\b(?:out\s+)?of\s+(?:(?:the|its|their|all)|(?:the\s+)?[\w\-]+['\u2019]s?)\s*$", re.IGNORECASE
)
_SIZE_OF_THING = re.compile(r"^[\w.,]+-[A-Za-z]+\s+[A-Za-z]")


def drop_wholes(text: str, values: list[StatedValue]) -> list[StatedValue]:
    """Of several values of one key in a sentence, leave out those that give the size of the whole
    the sentence's figure is a part of: a total after "N of the" ("54 of the 120 seats") and a
    count that describes a thing ("the 120-seat parliament", "a 250-bed centre") beside a count of
    the same noun. Unchanged when nothing or everything would go."""
    kept = [
        v for k, v in enumerate(values)
        if v.quantity is None
        or not (
            (k > 0 and _WHOLE_AFTER_PART.search(text[: v.quantity.start]))
            or _SIZE_OF_THING.match(text[v.quantity.start :])
        )
    ]
    return kept if kept else values


# A word in this share of a story's reports (and in three at least) names the story's own subject.
STORY_WORD_SHARE = 0.5


def story_words(pool: SentencePool) -> frozenset[str]:
    """Content words most reports of the story use (``STORY_WORD_SHARE``): its own subject."""
    per_article: dict[str, set[str]] = {}
    for i, sentence_words in enumerate(pool.words):
        per_article.setdefault(pool.refs[i].article_id, set()).update(sentence_words)
    counts: dict[str, int] = {}
    for article_words in per_article.values():
        for w in article_words:
            counts[w] = counts.get(w, 0) + 1
    floor = max(3.0, STORY_WORD_SHARE * len(per_article))
    return frozenset(w for w, n in counts.items() if n >= floor)


def own_values(text: str, values: list[StatedValue]) -> list[StatedValue]:
    """Of several values of one key in a sentence, those of its first figure's own account: a
    count in a clause after it that tells something else is another figure ("The death toll ...
    has risen to nine, officials said on Saturday, after two bodies were found in a cellar")."""
    first = values[0].quantity
    if first is None:
        return values
    own = len(cut_trailing_clause(text, first))
    return [v for v in values if v.quantity is None or v.quantity.start < own]


def values_agree(a: StatedValue, b: StatedValue) -> bool:
    if a.quantity is not None and b.quantity is not None:
        # "Several chalets were buried" at dawn and "20 chalets" by noon: a count, not a change.
        if a.quantity.text.lower() in SOME_WORDS or b.quantity.text.lower() in SOME_WORDS:
            return True
        return compare_quantities(a.quantity, b.quantity) and not estimates_differ(a.quantity, b.quantity)
    if a.venue is not None and b.venue is not None:
        x, y = a.venue.norm, b.venue.norm
        return x in y or y in x
    if a.date is not None and b.date is not None:
        return a.date.date == b.date.date
    return True


def values_comparable(a: StatedValue, b: StatedValue) -> bool:
    """True when two quantities look like figures for one thing: their nearby words meet
    ("trains had been cancelled") and they are within ``MAX_RATIO`` of each other. Dates and
    venues need no such check."""
    qa, qb = a.quantity, b.quantity
    return qa is None or qb is None or look_like_one_figure(qa, qb)
