"""The SVG geometry of the story list's bars and the story timeline chart."""

from __future__ import annotations

import datetime as dt
import re

from newsbrief.models import Article, Brief, TimelineEvent
from newsbrief.web.charts import MAX_BARS, spark, timeline_chart


def test_spark_has_one_bar_per_day_with_articles_and_keeps_every_count() -> None:
    s = spark({"2024-05-14": 4, "2024-05-15": 2, "2024-05-20": 1})
    assert len(s.bars) == 3
    assert sum(int(re.search(r": (\d+) article", b.label).group(1)) for b in s.bars) == 7
    tallest = max(s.bars, key=lambda b: b.height)
    assert tallest.label.startswith("2024-05-14") and tallest.y == s.height - tallest.height
    assert [b.x for b in s.bars] == sorted(b.x for b in s.bars)
    assert all(0 <= b.x and b.x + b.width <= s.width for b in s.bars)


def test_a_long_story_groups_days_into_at_most_max_bars() -> None:
    days = {(dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat(): 1 for i in range(0, 400, 3)}
    s = spark(days)
    assert len(s.bars) <= MAX_BARS
    assert sum(int(re.search(r": (\d+) article", b.label).group(1)) for b in s.bars) == len(days)
    assert spark({}).bars == [] and spark({"no date": 3}).bars == []


def test_timeline_chart_puts_events_on_their_dates_and_counts_the_far_ones() -> None:
    arts = tuple(Article(id=f"a{i}", path="p", body="b", published=dt.date(2024, 5, 14 + i % 2)) for i in range(5))
    events = (
        TimelineEvent("2019", "Background year", ("a0",)),
        TimelineEvent("2024-05-13", "Fire starts", ("a0",)),
        TimelineEvent("2024-05-14", "Evacuation", ("a1",)),
        TimelineEvent("2024-05-14", "Second event that day", ("a2",)),
        TimelineEvent("2024-05-22", "Council vote", ("a3",)),
    )
    c = timeline_chart(Brief(articles=arts, summary=(), timeline=events))
    assert c is not None
    assert c.outside == 1, "the background year is left to the list"
    by_date = {d.date: [x for x in c.dots if x.date == d.date] for d in c.dots}
    xs = [by_date[k][0].x for k in ("2024-05-13", "2024-05-14", "2024-05-22")]
    assert xs == sorted(xs) and len(set(xs)) == 3
    same_day = by_date["2024-05-14"]
    assert len(same_day) == 2 and same_day[0].y != same_day[1].y, "events of one day do not hide each other"
    assert {b.label for b in c.bars} == {"2024-05-14: 3 articles", "2024-05-15: 2 articles"}
    assert c.ticks[0].label == "2024-05-13" and c.ticks[-1].label == "2024-05-22"
    assert timeline_chart(Brief(articles=(), summary=())) is None
