"""Which dates a timeline keeps: every date the articles name, measured and ranked.

A date's candidates are the sentences that name it (``collect_candidates``). Its importance is read
from how the collection treats it (DATEWISE, Ghalandari & Ifrim 2020; reference counts, Tran et
al. 2015), as a few counts that mean the same thing in a collection of ten articles or of a
thousand:

* ``articles``: articles that name the date (one article naming it five times is one vote);
* ``later``: articles published after the date that still name it (a day the story keeps going back
  to, "since the March 19 strikes", is a turning point; a day named only on the day is news);
* ``published``: articles published that day;
* ``next_day``: articles published the day after (a day's events are reported the morning after);
* ``lead``: articles that name the date in their opening sentences (what the report is about);
* ``sentences``: sentences that name it, 1 + ln(count) per article;
* ``days``: distinct publication days of the articles that name it (a date talked about over weeks).

Every article's vote is weighted by how on-topic it is (its lead's cosine to the collection's
centre, squared), so a stray page's thirty "this evening"s do not outvote the story. Each count is
divided by its largest value over the collection's dates, so it lies in [0, 1] whatever the
collection's size, and a date's importance is the weighted sum of the counts.

``DATE_WEIGHTS`` (which counts, with what weight) are chosen by ``benchmarks/timeline17.py``: among
unweighted sums and logistic-regression fits of "is a reference date" over subsets of the counts,
the one with the best leave-one-topic-out Date-F1 on the Timeline17 development topics. The
benchmark's held-out figure repeats that whole choice without the topic it scores.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsbrief.models import AnnotatedArticle
from newsbrief.story.topic import lead_vectors
from newsbrief.vocabulary import count_words

# Fragments ("Tuesday, December 12.") are not events.
MIN_WORDS = 5
# An article's vote = (cosine of its lead to the collection's centre) ** RELEVANCE_POWER.
RELEVANCE_POWER = 2.0
# A mention among an article's first LEAD_SENTENCES sentences is a lead mention.
LEAD_SENTENCES = 5
FEATURES = ("articles", "later", "published", "next_day", "lead", "sentences", "days")
# Chosen by benchmarks/timeline17.py on the six development topics (see the module docstring):
# logistic regression on articles and next_day, Date-F1 0.725 there; only the ratio (about 3:2)
# changes the ranking. Leave-one-topic-out, where the choice is made again without the topic it
# scores (and picks other counts on some folds), gives 0.697 (benchmarks/results/timeline17.md).
DATE_WEIGHTS: Mapping[str, float] = {"articles": 3.694, "next_day": 2.396}


@dataclass(frozen=True)
class Candidate:
    """A sentence that may tell what happened on ``date``."""

    date: str
    article: str
    sentence: int
    text: str
    mentioned: bool  # False: an undated opening sentence of an article published that day


@dataclass(frozen=True)
class DateTable:
    """The dates of a collection with their counts (rows in ``dates`` order, columns FEATURES),
    each column scaled to [0, 1] by its largest value."""

    dates: tuple[str, ...]
    values: npt.NDArray[np.float64]


def collect_candidates(annotated: Sequence[AnnotatedArticle]) -> dict[str, list[Candidate]]:
    """Every (date, sentence) pair the articles' date mentions give, by date."""
    out: dict[str, list[Candidate]] = defaultdict(list)
    seen: set[tuple[str, str, int]] = set()
    for a in annotated:
        texts = {s.index: s.text for s in a.sentences}
        for m in a.dates:
            key = (m.date, a.article.id, m.sentence)
            text = texts.get(m.sentence, "")
            if key in seen or count_words(text) < MIN_WORDS:
                continue
            seen.add(key)
            out[m.date].append(Candidate(m.date, a.article.id, m.sentence, text, True))
    return out


def period_of(date: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO date at any precision."""
    if len(date) == 10:
        d = dt.date.fromisoformat(date)
        return d, d
    if len(date) == 7:
        first = dt.date.fromisoformat(date + "-01")
        if first.month == 12:  # December 9999 has no next month to count back from
            return first, first.replace(day=31)
        return first, first.replace(month=first.month + 1) - dt.timedelta(days=1)
    return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)


def in_window(date: str, window: tuple[dt.date, dt.date] | None) -> bool:
    """Whether the whole period ``date`` names lies inside ``window`` (inclusive)."""
    if window is None:
        return True
    first, last = period_of(date)
    return window[0] <= first and last <= window[1]


def measure_relevance(annotated: Sequence[AnnotatedArticle]) -> dict[str, float]:
    """How on-topic each article is: cosine of its opening to the collection's centre, in [0, 1],
    to the power RELEVANCE_POWER (1.0 for every article when there are too few to tell)."""
    vecs = lead_vectors(annotated)
    if len(vecs) < 3:
        return {a.article.id: 1.0 for a in annotated}
    centre = np.mean(np.stack(list(vecs.values())), axis=0)
    centre = centre / (float(np.linalg.norm(centre)) or 1.0)
    return {
        a.article.id: max(0.0, float(vecs[a.article.id] @ centre)) ** RELEVANCE_POWER if a.article.id in vecs else 1.0
        for a in annotated
    }


def _next_day(date: str) -> str | None:
    if len(date) != 10 or date == dt.date.max.isoformat():
        return None
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def measure_dates(
    annotated: Sequence[AnnotatedArticle],
    candidates: Mapping[str, Sequence[Candidate]],
    window: tuple[dt.date, dt.date] | None = None,
) -> DateTable:
    """The FEATURES of every date inside ``window`` that an article names or was published on."""
    weight = measure_relevance(annotated)
    published_on: dict[str, float] = defaultdict(float)
    pub_of: dict[str, dt.date | None] = {}
    for a in annotated:
        pub_of[a.article.id] = a.article.published
        if a.article.published is not None:
            published_on[a.article.published.isoformat()] += weight[a.article.id]
    dates = sorted(d for d in set(candidates) | set(published_on) if in_window(d, window))
    values = np.zeros((len(dates), len(FEATURES)), dtype=np.float64)
    for row, date in enumerate(dates):
        last = period_of(date)[1]
        sentences: dict[str, list[int]] = defaultdict(list)
        for c in candidates.get(date, ()):
            sentences[c.article].append(c.sentence)
        days: set[dt.date] = set()
        for aid, named in sentences.items():
            w = weight.get(aid, 1.0)
            values[row, 0] += w
            pub = pub_of.get(aid)
            if pub is not None:
                days.add(pub)
                if pub > last:
                    values[row, 1] += w
            if min(named) < LEAD_SENTENCES:
                values[row, 4] += w
            values[row, 5] += w * (1.0 + math.log(len(set(named))))
        values[row, 6] = len(days)
        values[row, 2] = published_on.get(date, 0.0)
        nxt = _next_day(date)
        values[row, 3] = published_on.get(nxt, 0.0) if nxt is not None else 0.0
    top = values.max(axis=0) if len(dates) else np.ones(len(FEATURES))
    return DateTable(tuple(dates), values / np.where(top > 0, top, 1.0))


def score_dates(table: DateTable, weights: Mapping[str, float] = DATE_WEIGHTS) -> npt.NDArray[np.float64]:
    """Importance of each date of ``table``: the weighted sum of its scaled counts."""
    w = np.array([weights.get(f, 0.0) for f in FEATURES], dtype=np.float64)
    scores: npt.NDArray[np.float64] = table.values @ w
    return scores


def order_dates(table: DateTable, weights: Mapping[str, float] = DATE_WEIGHTS) -> list[str]:
    """The dates of ``table`` by importance: day dates first (a reader asking for N dates wants
    days), then coarser; ties go to the earlier date."""
    scores = score_dates(table, weights)
    order = sorted(range(len(table.dates)), key=lambda i: (len(table.dates[i]) != 10, -scores[i], table.dates[i]))
    return [table.dates[i] for i in order]


def rank_dates(
    annotated: Sequence[AnnotatedArticle],
    candidates: Mapping[str, Sequence[Candidate]],
    window: tuple[dt.date, dt.date] | None = None,
    weights: Mapping[str, float] = DATE_WEIGHTS,
) -> list[str]:
    """Every date inside ``window`` that the articles name or were published on, most important
    first (see ``order_dates``)."""
    return order_dates(measure_dates(annotated, candidates, window), weights)
