"""story/dateranges.range_end and the timeline entry it dates: a range of days is filed under its
first day and carries its last (own examples; single days, two separate dates and a date moved to
another stay as they are)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pytest

from newsbrief.annotate.dates import find_dates
from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, Brief
from newsbrief.render import render
from newsbrief.render.json import brief_from_dict
from newsbrief.story.context import build_story
from newsbrief.story.dateranges import range_end
from newsbrief.story.timeline import build_timeline

SETTINGS = load_settings()


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("April 23 and 28", "2031-04-23", "2031-04-28"),
        ("April 23-28", "2031-04-23", "2031-04-28"),
        ("12-13 December", "2031-12-12", "2031-12-13"),
        ("the 3rd to 5th of March", "2031-03-03", "2031-03-05"),
        ("Jan. 30 through 31, 2031", "2031-01-30", "2031-01-31"),
        # The month spelled twice, as a tokenised text may space it.
        ("May 3 to May 7", "2031-05-03", "2031-05-07"),
        ("3 May until 7 May , 2031", "2031-05-03", "2031-05-07"),
        ("Dec. 3 through Dec. 7", "2031-12-03", "2031-12-07"),
    ],
)
def test_a_range_of_days_ends_on_its_second_day(words: str, start: str, end: str) -> None:
    assert range_end(words, start) == end


@pytest.mark.parametrize(
    ("words", "start"),
    [
        ("April 23", "2031-04-23"),  # one day
        ("April 2031", "2031-04"),  # a month
        ("April 28 and 23", "2031-04-28"),  # not forward
        ("April 30 and 31", "2031-04-30"),  # no 31 April
        ("April 23 and 28", "2031-04-24"),  # the range opens on another day
        ("May 3 and May 7", "2031-05-03"),  # two days
        ("May 3 to June 7", "2031-05-03"),  # across months: not read as one range
    ],
)
def test_a_single_day_or_no_real_range_has_no_end(words: str, start: str) -> None:
    assert range_end(words, start) is None


def _annotate(resources: Any, split_plain: Any, article: Article) -> AnnotatedArticle:
    sents = split_plain(article)
    return AnnotatedArticle(
        article=article, sentences=sents, dates=find_dates(article, sents, resources.nlp(article.body)),
        embeddings=np.zeros((0, 0), dtype=np.float32),
    )


def test_an_entry_dated_by_a_range_shows_the_range(resources: Any, split_plain: Any) -> None:
    # Fictional reports: a health minister dates the peak of an outbreak by a range of days; another
    # report dates a school closure on one day, a third a drive by a range spelled as two dates, a
    # fourth a date moved to another.
    bodies = [
        "Health minister Ana Vell said the fever outbreak in Marrow peaked between June 3 and 8, and fewer patients came to clinics.",
        "Schools across Marrow were closed on June 5 to stop the fever spreading, the education office said.",
        "Marrow's clinics ran a vaccination drive from June 10 to June 14, the health office said.",
        "Officials in Marrow postponed the fever summit from June 11 to June 13 because of the floods.",
    ]
    annotated = [
        _annotate(resources, split_plain, Article(id=f"a{k}", path=f"a{k}", body=b, published=dt.date(2031, 6, 16)))
        for k, b in enumerate(bodies)
    ]
    timeline = build_timeline(build_story(annotated, SETTINGS), (), SETTINGS)
    by_text = {e.text.split()[0]: e for e in timeline}
    peak = by_text["Health"]
    assert (peak.date, peak.until) == ("2031-06-03", "2031-06-08")  # filed under its first day
    assert by_text["Schools"].until is None
    drive = [e for e in timeline if e.text.startswith("Marrow")]
    assert [(e.date, e.until) for e in drive] == [("2031-06-10", "2031-06-14")], timeline  # one entry
    moved = [e for e in timeline if e.text.startswith("Officials")]
    assert moved and all(e.until is None for e in moved), timeline  # a move: two dates, no range
    # Markdown shows the range, JSON carries it (and reads back), a single date has no "until".
    brief = Brief(articles=tuple(a.article for a in annotated), summary=(), timeline=timeline)
    assert "**2031-06-03 to 2031-06-08**" in render(brief, "markdown")
    assert '<td class="date">2031-06-03 to 2031-06-08</td>' in render(brief, "html")
    doc = render(brief, "json")
    assert doc.count('"until": "2031-06-08"') == 1 and doc.count('"until": "2031-06-14"') == 1 and doc.count('"until"') == 2
    assert brief_from_dict(json.loads(doc)).timeline == timeline
