"""The quote list shows readable quotes (story.quote_units) and gives a statement's words to its
owner (story.utterance_owner); issue 13's editor read. Invented text in several sites' styles."""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief.config import load_settings
from newsbrief.story.context import build_story
from newsbrief.story.entities import merge_entities
from newsbrief.story.quote_units import is_readable_quote
from newsbrief.story.quotes import collect_quotes
from newsbrief.story.utterance_owner import is_wording_thing, utterance_owner

SETTINGS = load_settings()


@pytest.mark.parametrize(
    "text",
    [
        "We will rebuild the bridge before the winter .",  # a sentence (tokenised corpus)
        "The eight cases have been mild,",  # a split quote's first half
        "Nobody told us anything about the water",
        "2,000 families still have no power.",
        "we are not leaving until the last family is out",  # lower case, a subject pronoun
        "it 's far too early to say",
        "anti-flood barriers were never finished",  # lower case, a subject and its verb
        "the talks have broken down",
        "\u201cThe port will reopen on Monday,\u201d",
    ],
)
def test_readable_quotes(text: str) -> None:
    assert is_readable_quote(text)


@pytest.mark.parametrize(
    "text",
    [
        "through the state apparatus and security forces .",  # a preposition's phrase
        "for crimes against humanity",
        "because the council 's reign is coming to an end .",  # a subordinate clause
        "and that is why we left",
        "a real mistake",  # a noun phrase
        "one of the darkest moments of our lives",
        "questions of substance that will not go away",  # the verb is the relative clause's
        "helped identify the circumstances of the crash",  # a verb phrase without its subject
        "unacceptable and deeply irresponsible",
        "Newsnight .",  # a programme's title in quotation marks
        "No .",
        "-LRB- of the region -RRB- every day",
    ],
)
def test_fragments(text: str) -> None:
    assert not is_readable_quote(text)


@pytest.mark.parametrize(
    ("speaker", "owner"),
    [
        ("Clinton 's statement", "Clinton"),
        ("Mayor Ana Ruiz's written statement", "Mayor Ana Ruiz"),
        ("the Harbour Authority\u2019s statements", "Harbour Authority"),
        ("Okafor 's letter", "Okafor"),
        ("Senator Lind's tweet", "Senator Lind"),
        # another person speaks, or no name owns the words
        ("Okafor 's mother", None),
        ("the minister's spokesman", None),
        ("the agency 's statement", None),
        ("Ana Ruiz", None),
        ("The statement", None),
    ],
)
def test_an_utterance_is_its_owners(speaker: str, owner: str | None) -> None:
    assert utterance_owner(speaker) == owner


@pytest.mark.parametrize(
    ("speaker", "thing"),
    [
        ("A sign", True),  # "A sign nearby said : `` Keep off the dunes . ''"
        ("the banner", True),
        ("a hand-painted placard", True),
        ("The statement", True),
        ("a joint statement", True),
        ("the press release", True),
        ("a slick TV advertisement", True),
        ("their statement", True),
        # people, groups and names speak
        ("the spokesman", False),
        ("A resident", False),
        ("the ministry", False),
        ("the civil rights leader", False),
        ("the poster", False),  # a forum's poster is a person
        ("Ana Sign", False),  # a name, no determiner
        ("Clinton 's statement", False),  # an owner's words (utterance_owner)
    ],
)
def test_a_thing_that_shows_words_is_no_speaker(speaker: str, thing: bool) -> None:
    assert is_wording_thing(speaker) is thing


def test_a_signs_words_are_shown_with_no_speaker(annotate_texts: Any) -> None:
    ann = annotate_texts(
        [
            "Shoppers queued for masks at the market in Velna on Saturday . "
            "A sign above the counter said : `` Wash your hands before you touch the fruit . '' "
            "`` We sold out by noon , '' stall owner Ida Marsh said .",
        ]
    )
    story = build_story(ann, SETTINGS)
    quotes = {q.text.split()[0]: q.speaker for q in collect_quotes(story, merge_entities(story))}
    assert quotes == {"Wash": None, "We": "Ida Marsh"}
    assert [a.quotes[0].speaker for a in ann] == ["A sign"]  # the reader names it; the story shows no one


def test_a_fragment_many_reports_quote_ranks_after_a_whole_quote(annotate_texts: Any) -> None:
    # Three reports quote the tribunal's phrase inside their own sentences; one quotes the
    # minister's whole sentence. The quote list opens on the sentence.
    frag = '`` through the ministry and its regional offices , \'\' the tribunal said .'
    ann = annotate_texts(
        [
            f"The tribunal charged five officials over contracts signed {frag} "
            '`` We will appeal every one of these charges , \'\' Finance Minister Rosa Lind said .',
            f"The charges cover contracts awarded in 2019 {frag} The officials deny wrongdoing .",
            f"Prosecutors say the money moved {frag} A hearing is set for May .",
        ]
    )
    story = build_story(ann, SETTINGS)
    quotes = collect_quotes(story, merge_entities(story))
    assert quotes[0].speaker == "Rosa Lind" and quotes[0].text.startswith("We will appeal")
    assert any(q.text.startswith("through the ministry") and len(q.sources) == 3 for q in quotes[1:])


def test_a_statements_words_go_to_its_owner_by_the_full_name(annotate_texts: Any) -> None:
    ann = annotate_texts(
        [
            "Foreign Minister Hanna Okafor condemned the attack on the border post on Tuesday . "
            "`` The government will hold those responsible to account , '' Okafor 's statement said .",
        ]
    )
    story = build_story(ann, SETTINGS)
    quotes = collect_quotes(story, merge_entities(story))
    (q,) = [q for q in quotes if q.text.startswith("The government will hold")]
    assert q.speaker == "Hanna Okafor"
