"""story/background_dates: dates far outside the reports' span rank after the story's own
(own invented story; look-alikes: last year's date, an anniversary most reports name)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence, TimelineEvent
from newsbrief.story.background_dates import find_background_dates, is_far_outside
from newsbrief.story.timeline_select import rank_timeline, select_timeline

SPAN = (dt.date(2031, 2, 12), dt.date(2031, 10, 20))


@pytest.mark.parametrize("date", ["1969", "1969-09-01", "1918-09", "2029", "2030-01-31", "2033", "2032-11-01"])
def test_a_date_more_than_a_year_outside_the_span_is_far(date: str) -> None:
    assert is_far_outside(date, SPAN)


@pytest.mark.parametrize("date", ["2030", "2030-06", "2030-12-25", "2031", "2031-05-03", "2032-01", "2032-10-15"])
def test_last_year_next_year_and_the_span_itself_are_not_far(date: str) -> None:
    # "2030" ends on 31 December 2030, weeks before the span: last year's figure is still news.
    assert not is_far_outside(date, SPAN)


def _article(k: int, published: dt.date, named: list[tuple[str, str]]) -> AnnotatedArticle:
    """Article ``k``: one sentence per (text, ISO date named); the text ends on the words naming it."""
    body, sents, dates, at = "", [], [], 0
    for i, (text, date) in enumerate(named):
        sents.append(Sentence(f"a{k}", i, at, at + len(text), text))
        dates.append(DateMention(f"a{k}", i, at, at + len(text), text, date))
        body += text + " "
        at += len(text) + 1
    art = Article(id=f"a{k}", path=f"a{k}", body=body, published=published)
    return AnnotatedArticle(article=art, sentences=tuple(sents), dates=tuple(dates))


def _story(background: str, naming: int) -> list[AnnotatedArticle]:
    """Twelve reports of a siege over five days of March 2031, each telling two of the days;
    ``naming`` of them also name ``background`` (the year the town's old fort was built)."""
    out = []
    for k in range(12):
        day = dt.date(2031, 3, 2 + k % 5)
        named = [
            (f"Shelling hit the old town of Vell for the {k + 1}th hour on {day:%B} {day.day}", day.isoformat()),
            (f"Aid convoy number {k + 1} reached the harbour of Vell on {day:%B} {day.day}", day.isoformat()),
        ]
        if k < naming:
            named.append((f"The fort that report {k + 1} describes was built by the Vell council in {background}", background))
        out.append(_article(k, day, named))
    return out


def test_a_year_a_few_reports_name_long_before_the_story_is_background() -> None:
    assert find_background_dates(_story("1969", 2), (dt.date(2031, 2, 27), dt.date(2031, 3, 6))) == frozenset({"1969"})


def test_a_day_most_reports_name_stays_the_storys_own_however_old() -> None:
    # An anniversary's coverage: the old day is what the story is about.
    assert find_background_dates(_story("1969", 6), (dt.date(2031, 2, 27), dt.date(2031, 3, 6))) == frozenset()


def test_a_short_storys_budget_is_not_filled_with_background_before_its_own_second_events() -> None:
    annotated = _story("1969", 2)
    events = [
        TimelineEvent(m.date, annotated[k].sentences[m.sentence].text, (f"a{k}",))
        for k, a in enumerate(annotated)
        for m in a.dates
    ]
    assert len({e.date for e in events}) == 6  # five days of March and 1969
    kept = select_timeline(events, annotated, 10)
    assert len(kept) == 10 and all(e.date.startswith("2031-03") for e in kept), [e.date for e in kept]
    # Unbudgeted, every entry is kept and the background ones rank last.
    everything = select_timeline(events, annotated, None)
    assert len(everything) == len(events)
    ranks = {e.text: e.rank for e in everything}
    assert all(ranks[e.text] > len(events) - 2 for e in everything if e.date == "1969"), ranks


def test_without_background_dates_the_rounds_are_as_before() -> None:
    events = [TimelineEvent(d, f"Event {k} of {d}.", ("a",)) for d in ("2031-03-02", "2031-03-03", "1969") for k in range(2)]
    order = ["2031-03-02", "2031-03-03", "1969"]
    first_round = {e.date for e in rank_timeline(events, order, 3)}
    assert first_round == {"2031-03-02", "2031-03-03", "1969"}
    assert {e.date for e in rank_timeline(events, order, 3, frozenset({"1969"}))} == {"2031-03-02", "2031-03-03"}
