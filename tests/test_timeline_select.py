"""The brief's timeline budget: entries spread over the story's span, entries that stand alone,
one sentence under one date (generated inputs; the seeds gate is in test_timeline.py)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence, TimelineEvent
from newsbrief.story.context import build_story
from newsbrief.story.timeline import build_timeline
from newsbrief.story.timeline_select import (
    allocate_quotas,
    entry_kind,
    find_story_nouns,
    judge_dated_entry,
    judge_entry,
    measure_span,
    rank_timeline,
    spread_dates,
)


def _day(start: dt.date, k: int) -> str:
    return (start + dt.timedelta(days=k)).isoformat()


def _dense_then_sparse() -> tuple[list[str], dict[str, float]]:
    """A 180-day story: 60 busy days in its first month (scores 5-10), then one modest date a
    week (scores 1-2), as one outlet's archive of a war covers its outbreak."""
    start = dt.date(2030, 1, 1)
    scores = {_day(start, k): 10.0 - k / 12 for k in range(60)}
    scores.update({_day(start, k): 2.0 - k / 180 for k in range(60, 180, 7)})
    order = sorted(scores, key=lambda d: (-scores[d], d))
    return order, scores


def test_importance_alone_fills_the_budget_from_the_busy_weeks() -> None:
    order, _ = _dense_then_sparse()
    assert all(d < "2030-03-02" for d in order[:25])  # the failure the spread is for


def test_spread_gives_every_period_of_the_span_its_share() -> None:
    order, scores = _dense_then_sparse()
    span = (dt.date(2030, 1, 1), dt.date(2030, 6, 29))
    spread = spread_dates(order, scores, 25, span)
    assert sorted(spread) == sorted(order)  # a reordering: nothing lost
    first = spread[:25]
    months = {d[:7] for d in first}
    assert months == {"2030-01", "2030-02", "2030-03", "2030-04", "2030-05", "2030-06"}
    # The burst still has more entries than any quiet month, and within a period (25 entries
    # make 8 periods of 22.5 days) a chosen date outranks every date left out.
    busy = [d for d in first if d < "2030-03-02"]
    assert len(busy) > max(sum(d[:7] == m for d in first) for m in ("2030-04", "2030-05", "2030-06"))

    def period(d: str) -> int:
        return (dt.date.fromisoformat(d) - span[0]).days * 8 // 180

    for d in first:
        assert all(scores[d] >= scores[o] for o in spread[25:] if period(o) == period(d))


def test_spread_leaves_short_budgets_and_few_dates_alone() -> None:
    order, scores = _dense_then_sparse()
    span = (dt.date(2030, 1, 1), dt.date(2030, 6, 29))
    assert spread_dates(order, scores, 5, span) == order  # too few entries to cut into periods
    assert spread_dates(order[:20], scores, 25, span) == order[:20]  # every date fits
    assert spread_dates(order, scores, 25, None) == order  # no publication dates


def test_spread_ranks_dates_outside_the_span_and_coarse_dates_last() -> None:
    order, scores = _dense_then_sparse()
    order = ["1969-09-01", "2030-01"] + order
    scores.update({"1969-09-01": 50.0, "2030-01": 50.0})
    spread = spread_dates(order, scores, 25, (dt.date(2030, 1, 1), dt.date(2030, 6, 29)))
    assert "1969-09-01" not in spread[:25] and "2030-01" not in spread[:25]


@pytest.mark.parametrize(
    ("weights", "caps", "total", "expected"),
    [
        ([1.0, 1.0, 2.0], [10, 10, 10], 8, [2, 2, 4]),
        ([1.0, 1.0, 2.0], [10, 1, 10], 8, [2, 1, 5]),  # a capped share's slots go to the others
        ([3.0, 0.0, 1.0], [5, 5, 5], 4, [3, 0, 1]),  # no mass, no slot
        ([1.0, 1.0, 1.0], [5, 5, 5], 2, [1, 1, 0]),  # ties: earlier first
        ([1.0, 1.0], [1, 2], 10, [1, 2]),  # more slots than dates
    ],
)
def test_quotas_are_proportional_capped_and_complete(
    weights: list[float], caps: list[int], total: int, expected: list[int]
) -> None:
    assert allocate_quotas(weights, caps, total) == expected


def _annotated(pubs: list[dt.date]) -> list[AnnotatedArticle]:
    return [
        AnnotatedArticle(article=Article(id=f"a{k}", path=f"a{k}", body="x", published=p), sentences=())
        for k, p in enumerate(pubs)
    ]


def test_span_leaves_out_a_few_detached_articles_but_not_a_second_phase() -> None:
    start = dt.date(2030, 2, 15)
    war = [start + dt.timedelta(days=k * 179 // 99) for k in range(100)]
    retrospective = [dt.date(2031, 2, 15), dt.date(2031, 2, 16)]
    lead = dt.timedelta(days=3)  # the span opens three days before the first report
    assert measure_span(_annotated(war + retrospective)) == (start - lead, start + dt.timedelta(days=179))
    trial = [dt.date(2031, 2, 15) + dt.timedelta(days=k) for k in range(30)]  # 30 of 130: a phase
    assert measure_span(_annotated(war + trial)) == (start - lead, dt.date(2031, 3, 16))
    assert measure_span(_annotated([])) is None
    assert measure_span(_annotated([dt.date.min, dt.date(1, 1, 2)])) == (dt.date.min, dt.date(1, 1, 2))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Before we go tonight, here is a launch we have been telling you about all week.", "unattributed quote"),
        ("Welcome back to the programme, where the talks in Oslo are still going on.", "chatter"),
        ("Stay with us for more on the flooding after the break.", "chatter"),
        ("The vessel shelled the harbour and two fuel depots on Thursday.", "follower"),
        ("The report Tuesday found that the dam had not been inspected for a decade.", "follower"),
        ("Water levels rose by two metres overnight in the lower town, she reported.", "follower"),
        ("Admiral Ines Corveau said Friday.", "fragment"),
        ("RRB- showing the flooded square is said to be from this morning.", "fragment"),
        ("After she landed in Varna on Monday, the envoy met the mayor.", "follower"),
        ("The interviews continued the defiant tone of Monday night's address.", "follower"),
        ("Host\\/Ann Weir , Producer\\/Bo Lind 7.00-9 .00 pm RADIO FOUR The week 's news on Monday .", "furniture"),
    ],
)
def test_an_entry_that_cannot_stand_alone_is_refused(text: str, reason: str) -> None:
    assert judge_entry(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "The regional council declared a state of emergency in Varna on Tuesday.",
        "Rebels took the airport at Kessel on Sunday.",
        "Admiral Ines Corveau said Friday that the blockade would be lifted.",
        "Okafor resigned from his post as finance minister on Monday.",
        "The rebels took the airport at Kessel on Sunday.",
        "The Security Council resolution, which passed Thursday, allows member states to act.",
    ],
)
def test_an_entry_that_stands_alone_passes(text: str) -> None:
    assert judge_entry(text) is None


def test_rank_timeline_follows_the_spread_order() -> None:
    order, scores = _dense_then_sparse()
    events = [TimelineEvent(d, f"Event of {d}.", ("a",)) for d in order]
    span = (dt.date(2030, 1, 1), dt.date(2030, 6, 29))
    kept = rank_timeline(events, spread_dates(order, scores, 10, span), 10)
    assert len(kept) == 10 and max(e.date for e in kept) >= "2030-05-01"
    assert [e.date for e in kept] == sorted(e.date for e in kept)


def _story_article(k: int, sentences: list[tuple[str, list[float], str]]) -> AnnotatedArticle:
    """Article ``k`` of a generated story: (text, embedding, ISO date named) per sentence."""
    body, sents, dates, at = "", [], [], 0
    for i, (text, vec, date) in enumerate(sentences):
        sents.append(Sentence(f"a{k}", i, at, at + len(text), text))
        day = text.split()[-1].rstrip(".")
        dates.append(DateMention(f"a{k}", i, at + text.index(day), at + text.index(day) + len(day), day, date))
        body += text + " "
        at += len(text) + 1
    emb = np.array([np.array(v) / np.linalg.norm(v) for _, v, _ in sentences], dtype=np.float32)
    article = Article(id=f"a{k}", path=f"a{k}", body=body, published=dt.date(2030, 1, 1) + dt.timedelta(days=k))
    return AnnotatedArticle(article=article, sentences=tuple(sents), dates=tuple(dates), embeddings=emb)


def test_a_brief_entry_far_from_the_story_is_left_out() -> None:
    # Fourteen generated reports of one story (embeddings near one axis); the last also carries
    # another story's sentence (a news show's next segment), orthogonal to it.
    def near_story(k: int) -> list[float]:  # the story's axis and one of its own
        return [1.0] + [0.9 if j == k else 0.0 for j in range(16)]

    story = [
        _story_article(k, [(f"Rebels took the river town number {k} from the army on day {k + 1}.", near_story(k), f"2030-01-{k + 1:02d}")])
        for k in range(14)
    ]
    story[-1] = _story_article(
        13,
        [
            ("Rebels took the river town number 13 from the army on day 14.", near_story(13), "2030-01-14"),
            ("Forecasters issued hurricane warnings for the islands on day 12.", [0.0] * 16 + [1.0], "2030-01-12"),
        ],
    )
    settings = load_settings()
    texts = [e.text for e in build_timeline(build_story(story, settings), (), settings)]
    assert len(texts) == 14 and not any("hurricane" in t for t in texts)
    # Too few articles to tell the story's centre: nothing is judged off the story.
    few = [e.text for e in build_timeline(build_story(story[-3:], settings), (), settings)]
    assert any("hurricane" in t for t in few)


def test_a_definite_opening_naming_the_storys_own_subject_is_no_follower() -> None:
    # Fictional coverage of a rail crash: most titles name the crash, one names a minister. "The
    # crash" in its brief is that crash (the headline names it); "The driver" still points back to
    # a sentence the brief does not show.
    def art(i: int, title: str) -> AnnotatedArticle:
        a = Article(id=str(i), path=str(i), body="x", title=title)
        return AnnotatedArticle(article=a, sentences=(), dates=(), embeddings=np.zeros((0, 0), dtype=np.float32))

    titles = ["Rail crash near Brisk kills 12", "Brisk crashes: toll rises", "Minister tours Brisk", "Brisk crash inquiry opens"]
    nouns = find_story_nouns([art(i, t) for i, t in enumerate(titles)])
    assert "crash" in nouns and "minister" not in nouns
    crash = "The crash closed the Brisk line for two days, the rail operator said on Monday."
    assert judge_entry(crash, nouns) is None
    assert judge_entry(crash) == "follower"
    assert judge_entry("The driver was pulled from the cab alive on Monday night, police said.", nouns) == "follower"
    assert judge_entry("The two crashes closed the Brisk line for two days, the rail operator said.", nouns) is None
    assert find_story_nouns([art(0, "Rail crash near Brisk kills 12")]) == frozenset(), "one title is no coverage"


def test_a_dated_entry_verdict_comes_from_the_memo_only_where_the_story_nouns_leave_the_text_alone() -> None:
    from newsbrief.annotate.dates import strip_dateline
    from newsbrief.textmemo import MEMO

    day = dt.date(2024, 3, 4)
    crash = "BRISK, March 4 (Reuters) - The crash closed the Brisk line for two days, the operator said."
    plain = "Rescuers pulled 12 people from the carriages on Monday, police said."
    nouns = frozenset({"crash"})
    MEMO.clear()
    try:
        for text in (crash, plain):
            for story_nouns in (frozenset(), nouns):
                assert judge_dated_entry(text, day, story_nouns) == judge_entry(strip_dateline(text, day), story_nouns)
        assert judge_dated_entry(crash, day) == "follower" and judge_dated_entry(crash, day, nouns) is None
        # A value in the memo (as ingest stores it) is what the text alone gets; the story's nouns
        # that rename "The crash" are not in it, so that verdict is computed.
        MEMO.prime(entry_kind(day), [(crash, "primed"), (plain, "primed")])
        assert judge_dated_entry(plain, day, nouns) == "primed" and judge_dated_entry(crash, day) == "primed"
        assert judge_dated_entry(crash, day, nouns) is None
        assert judge_dated_entry(plain, dt.date(2024, 3, 5)) is None  # another day: another kind
    finally:
        MEMO.clear()
