"""A casualty count told once in words and once as a hedged number that allows it is one claim
(story.vaguetolls); own examples through the real map stage (without the rule the first pair is
two claims of one source each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story

Annotate = Callable[[Sequence[Article]], list[AnnotatedArticle]]


def _articles(second_lead: str) -> list[Article]:
    day = dt.date(2031, 2, 3)
    return [
        Article(id="a-herald", path="a", outlet="Lorn Herald", published=day, published_time="07:00",
                body="A fire swept through the Lorn bus depot on Sunday night, police said.\n\nDozens of people were injured.\n\nThe depot had opened in 1988."),
        Article(id="b-radio", path="b", outlet="Radio Lorn", published=day, published_time="12:00",
                body=f"Firefighters put out a blaze at the bus depot in Lorn early on Monday.\n\n{second_lead}\n\nThe cause is not yet known."),
    ]


@pytest.mark.parametrize(
    ("second_lead", "together"),
    [
        ("More than 40 were hurt in the blaze, a hospital spokesman said.", True),
        # A number the words do not allow ("dozens" is 24-99): no two sources of one count.
        ("More than 140 were hurt in the blaze, a hospital spokesman said.", False),
    ],
)
def test_worded_and_hedged_counts(annotate_story: Annotate, settings: Settings, second_lead: str, together: bool) -> None:
    story = build_story(annotate_story(_articles(second_lead)), settings)
    claims = align_claims(story, settings)
    counts = [c.independent_sources for c in claims if "Dozens" in c.text or "were hurt" in c.text]
    assert max(counts) == (2 if together else 1)
