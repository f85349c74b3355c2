"""Whether two figures measure the same thing: where they are of (the places a sentence names, so
counts of different places are not set against each other: "killed in Misrata this week" is not
the toll "in Yemen" or "in Libya"), whether they look like figures of one thing (words around
them, their ratio), and which counts name a kind of thing specific enough to compare in merely
close sentences.

A sentence's places are the names written right after a locative preposition ("in", "near",
"outside") that are not typed an organisation (the tagger often types an unfamiliar town as a
person, but "in X" says what it is); a place named otherwise ("residents of the Quay Nine
neighbourhood") may be a part of another ("in Maravel's port district"), so it says nothing.
Two figures of one key are of the same scope unless both sentences name places so and they share
none; a sentence that names none says nothing about where (a plain "the death toll rose to 41").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from newsbrief.annotate.names import make_key
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import CASUALTY_KEYS, GENERIC_PEOPLE, Quantity

# A locative preposition right before a name: the name is a place ("in Misrata", "near Brega").
_LOCATIVE = re.compile(r"\b(?:in|near|outside|across|inside)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$", re.I)

SentenceKey = tuple[str, int]


def find_sentence_places(annotated: Sequence[AnnotatedArticle]) -> dict[SentenceKey, frozenset[str]]:
    """(article id, sentence index) -> the keys of the places that sentence names."""
    out: dict[SentenceKey, set[str]] = {}
    for x in annotated:
        body = x.article.body
        for m in x.mentions:
            if m.text.isupper() and (m.start == 0 or body[m.start - 1] == "\n"):
                continue  # a dateline says where the report was filed, not where the figure is of
            if m.type != "organization" and _LOCATIVE.search(body[max(0, m.start - 30) : m.start]):
                out.setdefault((x.article.id, m.sentence), set()).add(make_key(m.text))
    return {k: frozenset(v) for k, v in out.items()}


def share_scope(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' figures can be of one place: unless both name places and none is
    shared."""
    return not (a and b and a.isdisjoint(b))


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


def is_specific_count(key: str) -> bool:
    """A count of a named kind of thing ("firefighter", "hectare"), not a sum, a share, a
    casualty class or a vague noun: close sentences giving such counts count the same thing."""
    return ":" not in key and key not in CASUALTY_KEYS and key not in _VAGUE_COUNTS and key not in ("date", "venue", "magnitude", "percent")


def days_apart(articles: Mapping[str, Article], pool: SentencePool, i: int, j: int) -> int:
    """Days between the publication of the articles of sentences i and j (0 when unknown)."""
    a, b = articles[pool.refs[i].article_id].published, articles[pool.refs[j].article_id].published
    return abs((a - b).days) if a is not None and b is not None else 0
