"""Live updates' time labels run into a line, and a video's blurb glued to an article's first
sentence (issue 13: page furniture never leaks). Invented pages in several sites' styles, plain and
PTB-tokenised; look-alikes in prose must stay."""

from __future__ import annotations

import pytest

from newsbrief.read.cleaning import clean_text
from newsbrief.read.furniture import split_update_labels

_INTRO = "Storm updates from the coast\n\nBy Ann Poe\n\n"
_OPEN = "The storm reached the coast of Eastland on Monday night , flooding roads in three towns , officials said .\n\n"


def _body(lines: str) -> list[str]:
    return clean_text(_INTRO + _OPEN + lines).body.split("\n\n")


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # PTB text, one update run into the next: the label goes, both updates stay.
        (
            "About 900 people spent the night in schools , the mayor said . MARROW , 7:40 p.m. ET , 2:40 a.m. local : "
            "The river rose two metres overnight , the water board said .",
            ["About 900 people spent the night in schools , the mayor said .", "The river rose two metres overnight , the water board said ."],
        ),
        # A plain-text live page: one clock time and its zone.
        (
            "Ferries stopped running at noon, the port said. KESSEL ISLAND, 4:05 p.m. GMT: Power was back in half the homes by the evening.",
            ["Ferries stopped running at noon, the port said.", "Power was back in half the homes by the evening."],
        ),
        # A lead-in whose embedded video is gone (the next update follows its colon): dropped.
        (
            "A farmer , speaking to our reporter , describes the night the dyke broke : More on the floods : "
            "EASTLAND , 6:46 p.m. ET , 1:46 a.m. local : Rescue teams reached the last cut-off village by boat , the army said .",
            ["Rescue teams reached the last cut-off village by boat , the army said ."],
        ),
    ],
)
def test_labels_run_into_a_line_split_it(line: str, kept: list[str]) -> None:
    body = _body(line)
    for k in kept:
        assert k in body, body
    assert not any(("p.m." in x and "ET" in x) or "GMT:" in x or "local :" in x for x in body), body
    assert not any("describes the night" in x or "More on the floods" in x for x in body), body


@pytest.mark.parametrize(
    ("line", "text"),
    [
        # An hour without minutes, and a short update after it.
        ("MARROW , 11 a.m. ET , 7 p.m. local : It is the fifth day of strikes .", "It is the fifth day of strikes ."),
        # The colon lost after the place's own time.
        (
            "MARROW , 11:45 a.m. ET , 6:45 p.m. local The council asked residents to boil their water until Friday .",
            "The council asked residents to boil their water until Friday .",
        ),
        # A bracketed "posted at" label, plain text.
        (
            "(Posted at 11:06 a.m. ET, 6:06 p.m. local time) At least 40 homes were flooded in the lower town, a firefighter said.",
            "At least 40 homes were flooded in the lower town, a firefighter said.",
        ),
    ],
)
def test_a_label_opening_a_line_goes(line: str, text: str) -> None:
    assert text in _body(line)


@pytest.mark.parametrize(
    "line",
    [
        # A clock time and a colon in prose, no place before it: not a label.
        "The meeting ran until 7:40 p.m. ET : Then the delegates left the hall without a deal .",
        "Officials said at 9:15 a.m. GMT , 10:15 a.m. local : We will open the dam gates at noon .",
        # A place in capitals inside a sentence, no clock time.
        "Crews from MARROW , KESSEL and two other towns worked through the night : Roads reopened on Tuesday .",
    ],
)
def test_clock_times_in_prose_are_no_label(line: str) -> None:
    assert split_update_labels(line) == [line]


def test_a_lead_in_before_real_content_is_kept() -> None:
    # An ordinary sentence ending on a colon, followed by what it introduces, is article text: the
    # cleaning keeps it (only a lead-in cut off by the next update's label is dropped).
    body = _body(
        "The council's statement listed three demands :\n\n"
        "The dyke must be rebuilt by winter , the farmers must be paid , and the inquiry must be public .\n\n"
    )
    assert "The council's statement listed three demands :" in body, body


@pytest.mark.parametrize(
    ("page", "first"),
    [
        # PTB: a video's blurb, a town-and-country dateline, a first sentence of two words.
        (
            "Why fishermen fear the new quota\n\n"
            "Ann Poe says she watched a fishing town empty Kessel , Eastland -LRB- Ledger -RRB- -- `` Never again . ''\n\n"
            "That is what the harbour master said when the last trawler was sold in March .\n\n"
            "The town had 40 boats ten years ago and has four today , the port authority says .\n\n",
            "`` Never again . ''",
        ),
        # Plain text, another outlet's tag.
        (
            "Dam repairs begin\n\n"
            "Our reporter walks the cracked wall with its engineers Marrow Falls, Eastland (Daily Post) -- \"It holds.\"\n\n"
            "The engineers who inspected the dam in May say the wall will last another winter.\n\n"
            "Repairs costing 12 million crowns start in June, the water board said.\n\n",
            '"It holds."',
        ),
    ],
)
def test_a_blurb_glued_to_a_short_first_sentence_goes(page: str, first: str) -> None:
    body = clean_text(page).body.split("\n\n")
    assert body[0] == first, body
    assert not any("says she watched" in x or "walks the cracked wall" in x for x in body), body


def test_a_dash_after_an_acronym_in_prose_is_no_dateline() -> None:
    # Brackets and a dash inside a sentence, no town and country before them: the line stays whole.
    line = (
        "Delegates of the fishermen's union met the board of the Eastland Water Authority -LRB- EWA -RRB- -- `` Talks went well . ''"
    )
    page = "Union talks\n\n" + _OPEN + line + "\n\n" + "The board will answer in writing next week , a spokesman said .\n\n"
    assert line in clean_text(page).body.split("\n\n")


_REPORT = (
    "The harbour of Kessel reopened on Thursday after three days of storms , the port authority said .\n\n"
    "Ferries to the islands will run on a reduced timetable until Monday , it added .\n\n"
)


@pytest.mark.parametrize(
    "caption",
    [
        "A young fisherman holds up a torn net on the quay during a protest against the quotas in Kessel .",
        "An official wearing a surgical mask stands at the gate of Marrow Falls airport .",
        "A woman kneels beside the ruins of her house in the lower town of Eastland on Tuesday .",
    ],
)
def test_a_pose_caption_at_the_top_goes(caption: str) -> None:
    body = clean_text(caption + "\n\n" + _REPORT).body.split("\n\n")
    assert caption not in body and body[0].startswith("The harbour of Kessel"), body


@pytest.mark.parametrize(
    "lede",
    [
        # a report's lede: a named subject, a past event, "stands accused", a second clause
        "A Kessel fisherman stands accused of sinking a rival 's trawler , police said on Friday .",
        "A man was pulled alive from the harbour on Friday after clinging to a buoy for six hours .",
        "A boy rests in a tent in Kessel Tents from the Red Cross are being used as wards at the port hospital .",
        "Ann Poe holds the record for the fastest crossing of the strait , set in a storm in 2019 .",
    ],
)
def test_a_lede_is_no_pose_caption(lede: str) -> None:
    assert lede in clean_text(lede + "\n\n" + _REPORT).body.split("\n\n")
