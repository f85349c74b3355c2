"""An item of what a source adds must read alone: a quotation's later sentence (its first quote
mark closes) and a news show's rundown teaser ('Now , the mayor resigns .') do not. Invented
sentences and look-alikes that stay."""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief.models import Article
from newsbrief.story.alone import asks_reader, glued_headlines, opens_mid_quote, reads_alone, rundown_teaser
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.unique import unique_contributions


@pytest.mark.parametrize(
    ("text", "mid"),
    [
        ("Handing out bread and tea to the crews , '' Ann Poe of the Ledger told `` Harbour Hour . ''", True),
        ("We will rebuild the quay before the summer .\u201d", True),
        ('They stayed until dawn." the skipper said.', True),
        # a whole quote, an opening quote only, a quote inside, no quote: stay
        ("`` The wall held , '' the engineer said .", False),
        ("\u201cWe lost four boats that night .", False),
        ("The mayor called the repairs `` urgent '' on Monday .", False),
        ('The mayor called the repairs "urgent" on Monday.', False),
        ("The river rose two metres overnight .", False),
    ],
)
def test_a_quote_opened_in_an_earlier_sentence(text: str, mid: bool) -> None:
    assert opens_mid_quote(text) is mid


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("Ferry sinks off Kessel Storm closes the port The harbour master said four boats were lost .", True),
        ("Flood map of the valley He said the dyke gave way before midnight .", True),
        ("Mayor resigns over repairs Meanwhile , the council met on Monday .", True),
        # a title after a verb or preposition, a capital after 'The', ordinary prose: stay
        ("The mayor told The Harbour Times on Monday that the dyke held .", False),
        ("Before joining The Ledger in 2007 , she sailed for ten years .", False),
        ("The council hired The Dyke Group , a consulting firm , in May .", False),
        ("The harbour master said four boats were lost in the storm .", False),
        ("It was cold and It rained all night on the quay .", False),
    ],
)
def test_headlines_run_on_into_a_sentence(text: str, glued: bool) -> None:
    assert glued_headlines(text) is glued
    assert reads_alone(text) is not glued


@pytest.mark.parametrize(
    ("text", "teaser"),
    [
        ("Now , the head of the harbour police resigns .", True),
        ("Now , Kessel 's oldest ferry sinks .", True),
        ("Coming up , the mayor of Marrow Falls quits .", True),
        # prose opening 'Now ,': a verb not last, an object last, a past verb, a plural noun
        ("Now , he revels in his new job at the port .", False),
        ("Now , the council is buying new pumps .", False),
        ("Now , the town counts its losses .", False),
        ("Now , the rebels took the bridge .", False),
        ("Now , there are no ferries .", False),
        ("The harbour master resigns .", False),
    ],
)
def test_a_rundown_teaser(text: str, teaser: bool) -> None:
    assert rundown_teaser(text) is teaser
    assert reads_alone(text) is not teaser


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("What options do the council and the port have now ?", True),
        ("Why did the harbour wall fail twice in one winter?", True),
        # a quoted question is what someone said; a statement that mentions a question is prose
        ("“Where is my father ?” he asked the crowd .", False),
        ('"Who pays for the pumps?" the mayor asked.', False),
        ("The council asked why the wall failed .", False),
        ("But the port will not relax : what happens if the wall fails again ?", False),
    ],
)
def test_the_writers_own_question(text: str, asks: bool) -> None:
    assert asks_reader(text) is asks
    assert reads_alone(text) is not asks


def test_neither_is_listed_as_what_a_source_adds(annotate_story: Any, settings: Any) -> None:
    a = Article(id="a1", path="a1.txt", outlet="Harbour Hour", body=(
        "Now , the head of the Kessel harbour police resigns .\n\n"
        "Floodwater cut off the village of Marrow Falls on Monday after the river burst its banks overnight .\n\n"
        "`` We waited on the roof for the boats and prayed the water would stop rising .\n\n"
        "Handing out bread and blankets from the last boat , '' the farmer told the Ledger on Tuesday .\n\n"
        "The army sent four boats to carry the last families out of the lower town before dark ."))
    b = Article(id="b1", path="b1.txt", outlet="Daily Post", body=(
        "Shopkeepers in Kessel fear a long closure of the valley road after the floods.\n\n"
        "The regional council will meet on Thursday to decide on emergency funds for the farms."))
    story = build_story(annotate_story([a, b]), settings)
    items = [t for u in unique_contributions(story, align_claims(story, settings)) for t in u.sentences]
    assert not [t for t in items if "resigns" in t or "Handing out" in t], items
    assert any("four boats" in t for t in items), items
    assert any("waited on the roof" in t for t in items), items
