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
first, the one after it): a lull is not a phase. Phase sentences a reader cannot follow without
their article lose to those that stand alone, and a relative day ("yesterday") is told as its date
(:func:`phase_news`).

The settings (PHASE_WORDS, CUT_AT_BURSTS, SELF_CONTAINED, NEWS_DAYS) were chosen leave one
Timeline17 topic out against the outlets' own timelines (benchmarks/phasetune.py; figures in
benchmarks/results/summary_real.md): cutting at bursts of reporting (:func:`cut_at_bursts`) did
not beat equal stretches held out, so equal stretches stay the default; taking a phase's sentence
from the reports of its busiest days (PEAK_DAYS, :func:`find_peak_days`) lost held out too (session
9: -0.85 a topic), so it is off.

Stories of a few days (the usual multi-document summary, and any story whose articles carry no
dates) are summarised as one, so nothing here touches them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsbrief.models import AnnotatedArticle, Claim, SentenceRef
from newsbrief.summary.standalone import needs_context, resolve_relative_days
from newsbrief.vocabulary import count_words

if TYPE_CHECKING:
    from newsbrief.summary.candidates import Candidate

# A story whose dated articles span at least this many days is summarised by phase.
LONG_STORY_DAYS = 28
# Words of budget per phase (about one short news sentence each: 3 phases after a 40-word opening
# of a 150-word summary), and phases at most.
PHASE_WORDS = 35
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
    cuts = cut_at_bursts([(d - first).days for d, _ in dated], span, n) if CUT_AT_BURSTS else _equal_cuts(span, n)
    bins: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for d, i in sorted(dated):
        bins[sum(1 for c in cuts if (d - first).days >= c)].append(i)
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


def _equal_cuts(span: int, n: int) -> list[int]:
    """First days of phases 2..n when the span is cut into n equal stretches."""
    return sorted({-(-k * (span + 1) // n) for k in range(1, n)})


# (Not the default: see the module doc.) A phase is told around a burst of reporting (the days the news changed: a crackdown, a vote, a
# capital's fall); bursts are the peaks of the daily article count summed over a window of
# BURST_WINDOW_SHARE of the span on each side, at least BURST_GAP_SHARE * span / n days apart.
CUT_AT_BURSTS = False
BURST_WINDOW_SHARE = 0.01
BURST_GAP_SHARE = 0.5


def cut_at_bursts(days: Sequence[int], span: int, n: int) -> list[int]:
    """First days (counted from the story's first) of phases 2..n: ``n`` bursts of reporting are
    the peaks of the smoothed daily article count (highest first, earlier on ties, each at least
    a gap from those taken); each phase runs from the quietest day between its burst and the one
    before. Fewer cuts when fewer bursts stand apart."""
    counts = np.zeros(span + 1, dtype=np.float64)
    for d in days:
        counts[d] += 1.0
    half = max(1, round(span * BURST_WINDOW_SHARE))
    smooth = np.convolve(counts, np.ones(2 * half + 1), mode="same")
    gap = max(1, round(BURST_GAP_SHARE * span / n))
    peaks: list[int] = []
    for day in sorted(range(span + 1), key=lambda k: (-smooth[k], k)):
        if counts[day] > 0 and all(abs(day - p) >= gap for p in peaks):
            peaks.append(day)
            if len(peaks) == n:
                break
    peaks.sort()
    cuts: list[int] = []
    for a, b in zip(peaks, peaks[1:]):
        between = smooth[a + 1 : b + 1]
        low = float(between.min())
        quiet = [a + 1 + k for k, v in enumerate(between.tolist()) if v == low]
        # The middle of the quietest run: a lull belongs half to each side.
        cuts.append(quiet[len(quiet) // 2])
    return cuts


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


# A phase's sentence comes from the reports of its busiest days, where any says something new: a
# story's turning points (a vote, the first strikes, a capital's fall) are the days its outlets
# filed most; a phase's quiet days give detail. A day's weight is the reports published on it and
# the PEAK_WINDOW days after (an evening's event is filed the next morning); the PEAK_DAYS heaviest
# days (earlier on ties) and the PEAK_WINDOW days after each give the candidates. 0: every day.
PEAK_DAYS = 0
PEAK_WINDOW = 1


def find_peak_days(published: Sequence[dt.date | None]) -> set[dt.date]:
    """The publication days whose reports a phase's sentence comes from (see PEAK_DAYS): the
    PEAK_DAYS heaviest days of ``published`` (the phase's reports) and the PEAK_WINDOW days after
    each; every day of them when PEAK_DAYS is 0."""
    days = [d for d in published if d is not None]
    if PEAK_DAYS <= 0:
        return set(days)
    per_day: dict[dt.date, int] = {}
    for d in days:
        per_day[d] = per_day.get(d, 0) + 1
    def weight(d: dt.date) -> int:
        return sum(per_day.get(d + dt.timedelta(days=k), 0) for k in range(PEAK_WINDOW + 1))
    heaviest = sorted(per_day, key=lambda d: (-weight(d), d))[:PEAK_DAYS]
    return {d + dt.timedelta(days=k) for d in heaviest for k in range(PEAK_WINDOW + 1)}


def phase_news(
    annotated: Sequence[AnnotatedArticle],
    claims: Sequence[Claim],
    candidates: Sequence[Candidate],
    positions: Sequence[int] = (),
) -> list[Candidate]:
    """The candidates a phase's summary takes from: sentences of its reports' leads (the first
    LEAD_SENTENCES), less background they repeat (:func:`is_background`); all of ``candidates``
    when none is left. Of these, those of the reports of the phase's busiest days
    (:func:`find_peak_days` over the reports at ``positions``), where any. A relative day in them
    is told as its date (:func:`date_relative_days`), and those that still need their article
    (standalone.needs_context) go where others are left."""
    first_days = first_reported_days(annotated, claims)
    news = [
        c for c in candidates
        if c.ref.sentence < LEAD_SENTENCES and not is_background(c.ref, annotated[c.article].article.published, first_days)
    ]
    news = news or list(candidates)
    if PEAK_DAYS > 0 and positions:
        peaks = find_peak_days([annotated[p].article.published for p in positions])
        news = [c for c in news if annotated[c.article].article.published in peaks] or news
    if not SELF_CONTAINED:
        return news
    news = date_relative_days(annotated, news)
    alone = [c for c in news if not needs_context(c.text)]
    return alone or news


# Prefer sentences a reader can follow without their article (see phase_news).
SELF_CONTAINED = True
# A phase's most-reported news goes into its summary first when a claim of at least this many
# independent reports states it (0: off): the event most of a phase's reports told (a no-fly-zone
# vote) is its news even where the concept weights favour sentences that name the story's
# ever-present actors (see :func:`most_reported`). Session 10, leave one topic out over the five
# long Timeline17 topics (benchmarks/phasetune.py --grid s10; benchmarks/results/summary_real.md):
# it gains on four (LibyaWar_cnn +0.18, whose summary then tells the no-fly-zone vote; H1N1_guardian
# +4.01) but loses 11.94 on H1N1_reuters, where the most-reported claims are background a wire
# repeats; held out -2.39 a topic, so it is off.
TOP_CLAIM_MIN_SOURCES = 0


def most_reported(candidates: Sequence[Candidate], claims: Sequence[Claim], budget: int) -> Candidate | None:
    """The candidate stating the claim the most independent reports state (TOP_CLAIM_MIN_SOURCES
    at least), within ``budget`` words and able to stand first (no follower); of that claim, the
    earliest report's sentence, whole where it fits. None when no claim qualifies or it is off."""
    if TOP_CLAIM_MIN_SOURCES <= 0:
        return None
    claim_of = {m: c for c in claims for m in c.members}
    best: tuple[tuple[int, int, int, bool], Candidate] | None = None
    for c in candidates:
        if c.follows is not None or c.words > budget:
            continue
        claim = claim_of.get(c.ref)
        n = claim.independent_sources if claim is not None else 1
        if n < TOP_CLAIM_MIN_SOURCES:
            continue
        key = (-n, c.article, c.ref.sentence, c.compressed)
        if best is None or key < best[0]:
            best = (key, c)
    return best[1] if best is not None else None


def date_relative_days(annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate]) -> list[Candidate]:
    """``candidates`` with each relative day ("yesterday", "on Tuesday") the date annotator
    resolved told as its date (:func:`tell_dates`): in a story of months the reader cannot place
    "yesterday"."""
    with_year = spans_years(annotated)
    out: list[Candidate] = []
    for c in candidates:
        text = tell_dates(annotated[c.article], c.ref.sentence, c.text, with_year)
        out.append(c if text == c.text else replace(c, text=text, words=count_words(text)))
    return out


def spans_years(annotated: Sequence[AnnotatedArticle]) -> bool:
    """True when the story's articles were published in more than one year (a date then says its year)."""
    return len({a.article.published.year for a in annotated if a.article.published is not None}) > 1


def tell_dates(article: AnnotatedArticle, sentence: int, text: str, with_year: bool) -> str:
    """``text`` (sentence ``sentence`` of ``article``, as the brief prints it) with each relative day
    the date annotator resolved in that sentence told as its date (standalone.resolve_relative_days)."""
    mentions = [(d.text, d.date) for d in article.dates if d.sentence == sentence]
    return resolve_relative_days(text, mentions, with_year) if mentions else text
