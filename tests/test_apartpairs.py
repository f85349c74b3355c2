"""A toll set apart as another place's is no member of the story's own toll's claim
(story.apartpairs); own examples through the real map stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story

Annotate = Callable[[Sequence[Article]], list[AnnotatedArticle]]


def test_a_neighbouring_toll_is_its_own_claim(annotate_story: Annotate, settings: Settings) -> None:
    articles = [
        Article(id="a-post", path="a", outlet="Sarrow Post", published=dt.date(2031, 6, 2), published_time="08:00",
                body="At least 12 people have died after eating poisoned mushrooms in Sarrow, doctors said on Sunday.\n\nThe mushrooms were sold at a market."),
        Article(id="b-weekly", path="b", outlet="Valley Weekly", published=dt.date(2031, 6, 5),
                body="In the neighbouring district of Mell, 4 people died after eating mushrooms from the same market.\n\nThe market has been closed."),
    ]
    claims = align_claims(build_story(annotate_story(articles), settings), settings)
    mell = [c for c in claims if any(m.article_id == "b-weekly" and m.sentence == 0 for m in c.members)]
    assert len(mell) == 1 and [m.article_id for m in mell[0].members] == ["b-weekly"]
