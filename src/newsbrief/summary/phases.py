"""A long story's phases: the summary of a story reported over weeks covers its whole arc.

A story reported over months (an uprising, a no-fly zone, a stalemate, a capital's fall) has most
of its articles in its first weeks, when the news was densest. Concept weights grow with how many
articles state a concept, so a summary chosen over all articles at once tells the first weeks
and leaves out how the story went on. When the dated articles span at least ``LONG_STORY_DAYS``,
:func:`split_phases` cuts the span into equal stretches of time, one per summary sentence the
budget allows (at most ``MAX_PHASES``); the summary then takes its share of the word budget from
each phase in turn (:func:`newsbrief.summary.summarize.summarize`), with concepts weighed by that
phase's own articles, from the news of its reports' leads (:func:`phase_news`): a report's first
sentences carry what was new that day, the rest detail and background, and background repeated
for months (a claim first reported more than ``NEWS_DAYS`` before the report) is the densest text
of a long story and would otherwise fill every phase. A stretch with too few articles joins the one before it (or, for the
first, the one after it): a lull is not a phase.

Stories of a few days (the usual multi-document summary, and any story whose articles carry no
dates) are summarised as one, so nothing here touches them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbrief.models import AnnotatedArticle, Claim, SentenceRef

if TYPE_CHECKING:
    from newsbrief.summary.candidates import Candidate

# A story whose dated articles span at least this many days is summarised by phase.
LONG_STORY_DAYS = 28
# Words of budget per phase (about one news sentence each), and phases at most.
PHASE_WORDS = 50
MAX_PHASES = 6
# A phase has at least this many dated articles (else it joins a neighbour).
MIN_PHASE_ARTICLES = 3
# A phase's summary sentences come from its reports' leads (their first LEAD_SENTENCES sentences).
LEAD_SENTENCES = 3


def count_phases(budget_words: int) -> int:
    """How many phases a summary of ``budget_words`` words can give a sentence each (at least 2)."""
    return max(2, min(MAX_PHASES, budget_words // PHASE_WORDS))


def is_long_story(published: Sequence[dt.date | None]) -> bool:
    """True when the dated articles (2 * MIN_PHASE_ARTICLES at least) span LONG_STORY_DAYS or more."""
    dated = [d for d in published if d is not None]
    return len(dated) >= 2 * MIN_PHASE_ARTICLES and (max(dated) - min(dated)).days >= LONG_STORY_DAYS


def split_phases(published: Sequence[dt.date | None], budget_words: int) -> list[list[int]] | None:
    """Positions of the articles of each phase, earliest phase first (see the module doc), or None
    when the story is not long enough to have phases. Undated articles belong to no phase."""
    if not is_long_story(published):
        return None
    dated = [(d, i) for i, d in enumerate(published) if d is not None]
    first = min(d for d, _ in dated)
    span = (max(d for d, _ in dated) - first).days
    n = count_phases(budget_words)
    # Equal stretches of time; the last day belongs to the last stretch.
    bins: list[list[int]] = [[] for _ in range(n)]
    for d, i in sorted(dated):
        bins[min(n - 1, (d - first).days * n // (span + 1))].append(i)
    phases: list[list[int]] = []
    for members in bins:
        if phases and len(members) < MIN_PHASE_ARTICLES:
            phases[-1].extend(members)
        elif phases and len(phases[-1]) < MIN_PHASE_ARTICLES:
            phases[-1].extend(members)
        else:
            phases.append(list(members))
    phases = [p for p in phases if p]
    return phases if len(phases) >= 2 else None


# A lead sentence whose claim was first reported more than this many days before its report is
# background the report repeats ("Fighting started with protests in February"), not its news: in a
# story of months such boilerplate is the best-corroborated text of all and would lead every day.
NEWS_DAYS = 3


def first_reported_days(annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim]) -> dict[SentenceRef, dt.date]:
    """The day each sentence's claim was first reported (earliest publication among its members),
    in a long story (:func:`is_long_story`) only: in a story of days a report of the event itself
    restates what a preview said days before ("will visit" / "arrived"), which is not background;
    empty otherwise, so no sentence is background."""
    if not is_long_story([a.article.published for a in annotated]):
        return {}
    day_of = {a.article.id: a.article.published for a in annotated}
    out: dict[SentenceRef, dt.date] = {}
    for c in claims:
        days = [d for m in c.members if (d := day_of.get(m.article_id)) is not None]
        if days:
            first = min(days)
            for m in c.members:
                out.setdefault(m, first)
    return out


def is_background(ref: SentenceRef, published: dt.date | None, first_days: dict[SentenceRef, dt.date]) -> bool:
    """True when the claim of sentence ``ref`` of a report published on ``published`` was first
    reported more than NEWS_DAYS before (see NEWS_DAYS)."""
    first = first_days.get(ref)
    return published is not None and first is not None and (published - first).days > NEWS_DAYS


def phase_news(
    annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim], candidates: Sequence[Candidate]
) -> list[Candidate]:
    """The candidates a phase's summary takes from: sentences of its reports' leads (the first
    LEAD_SENTENCES), less background they repeat (:func:`is_background`); all of ``candidates``
    when none is left."""
    first_days = first_reported_days(annotated, claims)
    news = [
        c for c in candidates
        if c.ref.sentence < LEAD_SENTENCES and not is_background(c.ref, annotated[c.article].article.published, first_days)
    ]
    return news or list(candidates)
