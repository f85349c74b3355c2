"""Running tolls told as they stood at a named day: "By Tuesday evening, 30 people had died"; "By
Thursday the death toll had reached 41".

A weekly that sums up a week gives the toll of each day it names, not of its own publication:
ordered by publication, Tuesday's 30 would follow Thursday's 41 in one report, and neither would
be set beside the daily reports of that week. Such a figure is timed by the day it names (resolved
to the last such weekday on or before publication; a part of the day gives a time: "evening"
19:00), and is compared with the other reports' figures of the same casualty key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsbrief.models import Article
from newsbrief.story.quantities import Quantity
from newsbrief.vocabulary import WEEKDAYS

_PART_TIME = {"morning": "09:00", "midday": "12:00", "noon": "12:00", "afternoon": "15:00", "evening": "19:00", "night": "22:00"}
# "By Tuesday evening, 30 people had died": "by" and a weekday before the figure, in its clause.
_AS_OF = re.compile(
    rf"\b[Bb]y\s+(?:the\s+end\s+of\s+)?(?P<day>{'|'.join(d.capitalize() for d in WEEKDAYS)})"
    # "caused by Tuesday's gas leak" names a day's event, not the day a figure stood at
    rf"(?:\s+(?P<part>{'|'.join(_PART_TIME)}))?\b(?!['\u2019]s\b)[^.;:]{{0,60}}$"
)
# A total as it stood: a perfect of dying or a toll that had reached a figure.
_STOOD = re.compile(
    r"\bhad\s+(?:died|been\s+killed|been\s+confirmed\s+dead|reached|risen|climbed|passed)\b|\bhad\s+risen\s+to\b", re.I
)


def as_of_article(text: str, q: Quantity, article: Article) -> Article | None:
    """``article`` re-dated to the day (and part of day) at which ``text`` says the figure ``q``
    stood; None when the figure is not so dated or the article's date is unknown."""
    m = _AS_OF.search(text[: q.start])
    if m is None or article.published is None or not _STOOD.search(text):
        return None
    back = (article.published.weekday() - WEEKDAYS[m.group("day").lower()]) % 7
    day = article.published - dt.timedelta(days=back)
    part = m.group("part")
    return replace(article, published=day, published_time=_PART_TIME[part] if part else None)
