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
from newsbrief.summary.standalone import BROADCAST_CHATTER


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


@pytest.mark.parametrize(
    ("text", "chatter"),
    [
        ("I 'm Ann Poe , in Kessel .", True),
        ("I'm Dan Marsh, the Ledger's health editor.", True),
        ("I m Ann Poe , filling in today for Dan Marsh .", True),
        ("Welcome to HARBOUR WATCH , where the port meets the news .", True),
        # first person in a column, a quoted self-introduction, a name starting with "Im": no chatter
        ("I 'm not sure the sea wall will hold , one engineer admitted .", False),
        ("`` I 'm Ann Poe and I lost my boat , '' the fisherman told the inquiry .", False),
        ("Imran Poe , the harbour master , closed the port on Monday .", False),
    ],
)
def test_a_host_naming_themselves_is_chatter(text: str, chatter: bool) -> None:
    assert bool(BROADCAST_CHATTER.search(text)) is chatter


def test_a_hosts_talk_is_no_item(annotate_story: Any, settings: Any) -> None:
    a = Article(id="a1", path="a1.txt", outlet="Harbour TV", body=(
        "Welcome to HARBOUR WATCH, where the port and the weather meet every weekday morning.\n\n"
        "I'm Dan Marsh, your host this morning, in the studio in Kessel.\n\n"
        "The ferry company cancelled all crossings to the islands until Monday because of the storm."))
    b = Article(id="b1", path="b1.txt", outlet="Daily Post", body=(
        "Shopkeepers in Kessel fear a long closure of the valley road after the floods.\n\n"
        "The regional council will meet on Thursday to decide on emergency funds for the farms."))
    story = build_story(annotate_story([a, b]), settings)
    items = [t for u in unique_contributions(story, align_claims(story, settings)) for t in u.sentences]
    assert not [t for t in items if t.startswith(("Welcome", "I'm"))], items
    assert any("cancelled all crossings" in t for t in items), items
