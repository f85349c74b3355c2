"""A video's blurb or pointer inside an article's text is furniture (read.videoblurbs); the
reporting around it stays. Invented lines in several sites' styles (tokenised corpus, plain web)."""

from __future__ import annotations

import pytest

from newsbrief.read.cleaning import clean_body
from newsbrief.read.videoblurbs import video_reason


@pytest.mark.parametrize(
    "line",
    [
        # a correspondent's blurb: outlet 's reporter, a staff title, a bare name, an appositive
        "Ledger TV 's Dana Kell reports from Marlow , Orland , on claims that a missile strike killed 40 villagers .",
        "The Courier's Ann Poe reports from the border crossing on the queues of lorries.",
        "Tribune reporter Sam Ortiz reports on the rescue of the miners.",
        "Our health correspondent Mina Larsen reports live from the clinic.",
        "Ben Okafor , our Africa correspondent , reports from Kessel .",
        "Hal Brenner reports from Port Arlen.",
        "Rosa Lind is reporting from the summit in Vell.",
        # pointers at the player
        "Watch: Flames jump the highway near Marlow Creek",
        "Watch the video above.",
        "Watch our full interview with the harbour master.",
        "Watch as the bridge's last span is lifted into place .",
        "Watch Dana Kell's report from the flood zone.",
        "In the video below , Ann Poe describes what she saw at the dam .",
        "In the following clip, the mayor walks through the flooded market.",
        "Below is a video of the first tanker leaving the port .",
        "The clip above shows the moment the roof gave way.",
        # a line of two such sentences
        "Dana Kell reports from Marlow Creek. Watch the video above.",
    ],
)
def test_video_blurbs_and_pointers_are_furniture(line: str) -> None:
    assert video_reason(line) == "video"


@pytest.mark.parametrize(
    "line",
    [
        # reporting: past tense, a report cited for what it says, a quotation
        "Reuters reported on Monday that 12 people had died in the blast.",
        "The Courier reports that 40 villagers were killed in the strike.",
        "The agency reports on its website that exports fell 3 percent.",
        "Ann Poe reports from Kessel : `` The town is empty . ''",
        "Hal Brenner reports from Port Arlen that the ferry has sunk, officials said.",
        # "reports" as a noun
        "First reports from the epicentre suggested the damage was worse than in the capital.",
        "Media reports from the region say 30 people are missing.",
        "Video reports from residents come in to the newsroom every hour .",
        # a blurb glued to the article's first sentence without a stop: the line holds the text
        "Dana Kell reports from Marlow A 6-year-old girl was rescued from the river on Sunday .",
        # "watch" as advice, the word inside a sentence, a clip that is itself the news
        "Watch for signs of dehydration such as dizziness and a dry mouth.",
        "Watch your children closely near the water.",
        "Residents were told to watch the river levels overnight.",
        "In the clip, soldiers are seen beating a prisoner.",
        "The video shows the moment the dam burst, the ministry said.",
    ],
)
def test_reporting_stays(line: str) -> None:
    assert video_reason(line) is None


def test_a_blurb_among_the_paragraphs_leaves_the_cleaned_text() -> None:
    body = (
        "Floodwater reached the centre of Marlow on Sunday after the river burst its banks, police said.\n\n"
        "Ledger TV 's Dana Kell reports from Marlow on claims that the flood defences failed and 85 homes were lost .\n\n"
        "About 1,200 people spent the night in the town's two schools, the council said.\n\n"
        "Reuters reported on Monday that the river had fallen by half a metre."
    )
    cleaned = clean_body(body)
    assert "Dana Kell" not in cleaned and "85 homes" not in cleaned
    assert "About 1,200 people" in cleaned and "Reuters reported on Monday" in cleaned
