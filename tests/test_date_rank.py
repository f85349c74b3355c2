"""Date selection: the counts each date gets, their scaling, and the ranking they give, on invented
collections built here (no models: without lead vectors every article weighs 1)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence
from newsbrief.story.date_rank import (
    DATE_WEIGHTS,
    FEATURES,
    collect_candidates,
    measure_dates,
    order_dates,
    rank_dates,
)

FILLER = "The council met again to discuss the budget."


def make_article(aid: str, published: str, named: dict[int, str], n_sentences: int = 8) -> AnnotatedArticle:
    """An article of ``n_sentences`` sentences; sentence i names the ISO date ``named[i]``."""
    sents, mentions, pos = [], [], 0
    for i in range(n_sentences):
        text = f"Officials said the vote on that day was the turning point in sentence {i}." if i in named else FILLER
        sents.append(Sentence(aid, i, pos, pos + len(text), text, i))
        if i in named:
            mentions.append(DateMention(aid, i, pos, pos + 5, "that day", named[i]))
        pos += len(text) + 2
    body = "\n\n".join(s.text for s in sents)
    art = Article(id=aid, path=aid, body=body, published=dt.date.fromisoformat(published))
    return AnnotatedArticle(article=art, sentences=tuple(sents), dates=tuple(mentions))


def column(table_values: np.ndarray, name: str) -> np.ndarray:
    return table_values[:, FEATURES.index(name)]


def test_counts_are_per_article_and_split_by_publication_day() -> None:
    arts = [
        make_article("a", "2024-03-01", {0: "2024-03-01", 6: "2024-03-01"}),  # same day, twice
        make_article("b", "2024-03-04", {7: "2024-03-01"}),  # goes back to it, outside the lead
        make_article("c", "2024-03-02", {1: "2024-03-05"}),  # a plan, named before the day
    ]
    table = measure_dates(arts, collect_candidates(arts))
    assert table.dates == ("2024-03-01", "2024-03-02", "2024-03-04", "2024-03-05")
    raw = table.values
    first, plan = table.dates.index("2024-03-01"), table.dates.index("2024-03-05")
    # Two articles name March 1 (one of them twice): articles is the top count, scaled to 1.
    assert column(raw, "articles")[first] == pytest.approx(1.0)
    assert column(raw, "articles")[plan] == pytest.approx(0.5)
    # Only b, published after it, goes back to March 1; nobody names March 5 after the fact.
    assert column(raw, "later")[first] == pytest.approx(1.0)
    assert column(raw, "later")[plan] == 0.0
    # a names it in its lead, b does not; c names March 5 in its lead.
    assert column(raw, "lead")[first] == column(raw, "lead")[plan] == pytest.approx(1.0)
    # c was published on March 2, the day after March 1: a next-day report.
    assert column(raw, "next_day")[first] == pytest.approx(1.0)
    assert column(raw, "published")[first] == pytest.approx(1.0)
    assert raw.min() >= 0.0 and raw.max() <= 1.0


def test_a_day_the_story_goes_back_to_outranks_a_day_named_once() -> None:
    arts = [make_article(f"x{i}", f"2024-05-{10 + i:02d}", {2: "2024-05-09"}) for i in range(4)]
    arts.append(make_article("y", "2024-05-12", {3: "2024-05-20"}))
    ranked = rank_dates(arts, collect_candidates(arts))
    assert ranked[0] == "2024-05-09"
    assert ranked.index("2024-05-09") < ranked.index("2024-05-20")


def test_window_and_days_before_months() -> None:
    arts = [
        make_article("a", "2024-06-10", {0: "2024-06", 1: "2024-06-03", 2: "2023-12-25"}),
        make_article("b", "2024-06-11", {0: "2024-06", 1: "2024-06-03"}),
    ]
    window = (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    ranked = rank_dates(arts, collect_candidates(arts), window)
    assert "2023-12-25" not in ranked  # outside the window
    assert ranked[-1] == "2024-06"  # a month comes after every day, however often it is named
    assert ranked[0] == "2024-06-03"


def test_order_follows_the_weights_and_ties_go_to_the_earlier_date() -> None:
    arts = [
        make_article("a", "2024-01-05", {0: "2024-01-02"}),
        make_article("b", "2024-01-05", {0: "2024-01-03"}),
        make_article("c", "2024-01-05", {0: "2024-01-03"}),
    ]
    table = measure_dates(arts, collect_candidates(arts))
    by_articles = order_dates(table, {"articles": 1.0})
    assert by_articles[:2] == ["2024-01-03", "2024-01-02"]
    by_publication = order_dates(table, {"published": 1.0})
    assert by_publication[0] == "2024-01-05"
    # Equal scores everywhere: earlier dates first.
    assert order_dates(table, {}) == sorted(table.dates)
    # The shipped weights only name counts the table has.
    assert set(DATE_WEIGHTS) <= set(FEATURES)


def test_an_empty_collection_has_no_dates() -> None:
    table = measure_dates([], {})
    assert table.dates == () and table.values.shape == (0, len(FEATURES))
    assert rank_dates([], {}) == []
