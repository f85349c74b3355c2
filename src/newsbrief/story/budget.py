"""An editor's budget: each section of the brief cut to what a reader takes in at a glance.

The story stages list everything they find, in rank order. This stage keeps the best items of
each section (``settings.budget_*``; None lifts a limit) and records, per section, how many it
shows out of how many there are, so every format can say "and 212 more":

- timeline: the most important dates first (``date_rank.rank_dates``: how many articles name
  the date, go back to it later or were published that day and the next), spread over the story's
  span by per-period quotas (``timeline_select``), one entry per date until every date has one,
  then second entries; the kept entries carry their rank and stay in date order. A timeline asked for under the protocol (``timeline_dates``/``timeline_per_date``)
  is already cut and is left as it is;
- who's who: the most mentioned people, organisations and places, each type on its own budget;
- quotes and figures: as ranked by their stages (readable quotes before fragments, those with a speaker before those without, most sources first);
- disagreements: corrections, then those whose sides have the most sources first, without a month name or clock
  time as a value or a side about another year's event (``drop_noise_disagreements``);
- what each adds: at most ``budget_unique`` items per independent source, syndicated copies
  (and articles of one outlet) counted as one source, listed under the source's first article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from newsbrief.config import Settings
from newsbrief.models import (
    AnnotatedArticle,
    Brief,
    Disagreement,
    Entity,
    SectionTotal,
    TimelineEvent,
    UniqueContribution,
)
from newsbrief.story.timeline_select import select_timeline

T = TypeVar("T")

ENTITY_BUDGETS = (("people", "person"), ("organizations", "organization"), ("places", "place"))


def _cap(items: Sequence[T], limit: int | None) -> tuple[T, ...]:
    return tuple(items if limit is None else items[:limit])


# A side's value that is a calendar word or a clock time is no figure the outlets disagree on
# ("March" read as a protest march, a comment's "12:08 am").
_CALENDAR_VALUE = re.compile(
    r"^\W*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|\d{1,2}\s?[:.]\s?\d\d\s*(?:[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4})?|\d{1,2}\s*[ap]\.?\s?m\.?)\W*$",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def is_calendar_value(value: str) -> bool:
    """A month or weekday name or a clock time standing as a disagreement's value."""
    return bool(_CALENDAR_VALUE.match(value.strip()))


def _about_other_year(text: str, years: set[int]) -> bool:
    """The side's sentence names only years outside the story's (a 2005 toll set against 2011's)."""
    named = {int(y) for y in _YEAR.findall(text)}
    return bool(named) and bool(years) and not named & years


def drop_noise_disagreements(items: Sequence[Disagreement], years: set[int]) -> list[Disagreement]:
    """Disagreements without calendar-word or clock-time values and without sides about another
    year's event; one left with fewer than two sides is no disagreement."""
    out: list[Disagreement] = []
    for d in items:
        if any(is_calendar_value(s.value) for s in d.sides):
            continue
        sides = tuple(s for s in d.sides if not _about_other_year(s.text, years))
        if len({s.value for s in sides}) >= 2:
            out.append(replace(d, sides=sides) if len(sides) != len(d.sides) else d)
    return out


def rank_disagreements(items: Sequence[Disagreement]) -> list[Disagreement]:
    """Corrections first (a report saying an earlier figure was wrong is news the reader needs
    however few outlets carry it), then disagreements whose sides more articles state; ties keep
    the stage's order."""
    order = {id(d): k for k, d in enumerate(items)}
    return sorted(items, key=lambda d: (d.kind != "correction", -sum(len(s.sources) for s in d.sides), order[id(d)]))


def cap_unique(
    unique: Sequence[UniqueContribution],
    source_of: Mapping[str, str],
    limit: int | None,
    max_sources: int | None = None,
) -> tuple[tuple[UniqueContribution, ...], int, int]:
    """What each independent source adds, at most ``limit`` items each: (entries, shown, total).

    Copies of one source list the same sentences in their own wording; the source's first article
    (by id) speaks for it and the others list nothing. With ``max_sources``, only the sources that
    add the most (ties: first article id) list anything.
    """
    ordered = sorted(unique, key=lambda u: u.article_id)
    per_source: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for u in ordered:
        src = source_of.get(u.article_id, u.article_id)
        first.setdefault(src, u.article_id)
        seen = per_source.setdefault(src, [])
        for t in u.sentences:
            if t not in seen:
                seen.append(t)
    total = sum(len(v) for v in per_source.values())
    adding = sorted((s for s in per_source if per_source[s]), key=lambda s: (-len(per_source[s]), first[s]))
    listed = set(adding if max_sources is None else adding[:max_sources])
    speaker = {aid: src for src, aid in first.items() if src in listed}
    out: list[UniqueContribution] = []
    shown = 0
    for u in ordered:
        texts = _cap(per_source[speaker[u.article_id]], limit) if u.article_id in speaker else ()
        shown += len(texts)
        out.append(UniqueContribution(u.article_id, texts))
    return tuple(out), shown, total


def apply_budget(
    brief: Brief,
    annotated: Sequence[AnnotatedArticle],
    settings: Settings,
    source_of: Callable[[Sequence[str]], Mapping[str, str]],
) -> Brief:
    """``brief`` with every section cut to its budget and the totals recorded.

    ``source_of`` maps article ids to the id of their independent source (syndication and outlet).
    """
    totals: list[SectionTotal] = []

    timeline = brief.timeline
    if settings.timeline_dates is None and settings.timeline_per_date is None:
        timeline = select_timeline(brief.timeline, annotated, settings.budget_timeline)
    totals.append(SectionTotal("timeline", len(timeline), len(brief.timeline)))

    entities: list[Entity] = []
    for section, kind in ENTITY_BUDGETS:
        of_kind = [e for e in brief.entities if e.type == kind]
        kept = _cap(of_kind, getattr(settings, f"budget_{section}"))
        entities.extend(kept)
        totals.append(SectionTotal(section, len(kept), len(of_kind)))
    entities.extend(e for e in brief.entities if e.type not in {k for _, k in ENTITY_BUDGETS})

    quotes = _cap(brief.quotes, settings.budget_quotes)
    totals.append(SectionTotal("quotes", len(quotes), len(brief.quotes)))
    figures = _cap(brief.figures, settings.budget_figures)
    totals.append(SectionTotal("figures", len(figures), len(brief.figures)))
    years = {a.published.year for a in brief.articles if a.published}
    sound = drop_noise_disagreements(brief.disagreements, years)
    disagreements = _cap(rank_disagreements(sound), settings.budget_disagreements)
    totals.append(SectionTotal("disagreements", len(disagreements), len(sound)))

    mapping = source_of([a.id for a in brief.articles])
    unique, shown, total = cap_unique(brief.unique, mapping, settings.budget_unique, settings.budget_unique_sources)
    totals.append(SectionTotal("unique", shown, total))

    return replace(
        brief,
        timeline=timeline,
        entities=tuple(entities),
        quotes=quotes,
        figures=figures,
        disagreements=disagreements,
        unique=unique,
        totals=tuple(totals),
    )
