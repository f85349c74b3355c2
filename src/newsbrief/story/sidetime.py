"""When the sides of a disagreement were published, and whether they follow one another (a change)
or overlap (a conflict): publication instants with or without a known time of day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from newsbrief.models import Article

# Reports less than this many minutes apart count as published at once (a conflict, not a change).
SAME_TIME_MINUTES = 60


def find_instant(article: Article) -> tuple[dt.datetime, bool] | None:
    """Publication time as (datetime, whether the time of day is known)."""
    if article.published is None:
        return None
    if article.published_time:
        try:
            hh, mm = (int(x) for x in article.published_time.split(":")[:2])
            return dt.datetime.combine(article.published, dt.time(hh, mm)), True
        except ValueError:
            pass
    return dt.datetime.combine(article.published, dt.time()), False


def format_instant(article: Article) -> str | None:
    """"YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when the time of day is known."""
    got = find_instant(article)
    if got is None:
        return None
    when, timed = got
    return when.strftime("%Y-%m-%dT%H:%M") if timed else when.date().isoformat()


def is_before(a: Article, b: Article) -> bool:
    """True when ``a`` was certainly published before ``b`` (and not "at once")."""
    ia, ib = find_instant(a), find_instant(b)
    if ia is None or ib is None:
        return False
    (ta, timed_a), (tb, timed_b) = ia, ib
    if ta.date() != tb.date():
        return ta.date() < tb.date()
    if not (timed_a and timed_b):
        return False
    return (tb - ta).total_seconds() >= SAME_TIME_MINUTES * 60


def classify_sides(sides: Sequence[Sequence[Article]]) -> Literal["conflict", "change"]:
    """"change" when the sides (each a list of the articles stating one value), ordered by their
    earliest report, follow one another strictly in time; "conflict" otherwise.

    A side is timed by its reports whose time of day is known when it has any: a same-day report
    without a time that repeats the evening figure does not make the morning figure a conflict."""

    ordered = sorted((timed_articles(s) for s in sides), key=lambda arts: min(sort_instant(a) for a in arts))
    for early, late in zip(ordered, ordered[1:], strict=False):
        if not all(is_before(a, b) for a in early for b in late):
            return "conflict"
    return "change"


def timed_articles(arts: Sequence[Article]) -> list[Article]:
    """The articles that time a side: those with a known time of day, if any."""
    known = [a for a in arts if a.published_time]
    return known or list(arts)


def sort_instant(a: Article) -> tuple[dt.datetime, str]:
    """An article's publication instant for sorting (unknown ones last), then its id."""
    got = find_instant(a)
    return (got[0] if got else dt.datetime.max, a.id)
