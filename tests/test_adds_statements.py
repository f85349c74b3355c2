"""What each source adds lists statements only: a sentence ending on a colon (a lead-in to the video,
list or quotation its page printed next) or on no stop at all is never an item; a quote ending on
a colon ranks as a fragment (issue 13). Invented stories."""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief.models import Article
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.quote_units import is_readable_quote
from newsbrief.story.unique import unique_contributions


def test_a_lead_in_ending_on_a_colon_is_no_item(annotate_story: Any, settings: Any) -> None:
    a = Article(id="a1", path="a1.txt", outlet="Ledger", body=(
        "Floodwater cut off the village of Marrow Falls on Monday after the river burst its banks overnight.\n\n"
        "A farmer, speaking to the Ledger on condition of anonymity, describes the night the dyke gave way near her home:\n\n"
        "The army sent four boats to carry the last families out of the lower town before dark.\n\n"
        "Our reporter spent the day with the rescue teams and lists what the village needs most now:\n\n"
        "Drinking water, blankets and fuel for the pumps are short, the mayor of Marrow Falls said."))
    b = Article(id="b1", path="b1.txt", outlet="Daily Post", body=(
        "Shopkeepers in Kessel fear a long closure of the valley road after the floods.\n\n"
        "The regional council will meet on Thursday to decide on emergency funds for the farms."))
    story = build_story(annotate_story([a, b]), settings)
    items = [t for u in unique_contributions(story, align_claims(story, settings)) for t in u.sentences]
    assert not [t for t in items if t.rstrip().endswith(":")], items
    # the statements around the lead-ins are listed
    assert any("four boats" in t for t in items), items
    assert any("blankets" in t for t in items), items


@pytest.mark.parametrize(
    ("quote", "readable"),
    [
        ("Our demands are these :", False),
        ("The council has three choices left : ", False),
        ("We will rebuild the quay before the summer .", True),
        # a colon inside the quote, words after it: readable
        ("There is one answer : rebuild the wall higher .", True),
    ],
)
def test_a_quote_ending_on_a_colon_is_a_fragment(quote: str, readable: bool) -> None:
    assert is_readable_quote(quote) is readable
