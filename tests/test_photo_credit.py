"""A page's date-and-time stamp, the picture caption after it and the picture's credit run into
the text's first sentence (read/glued.split_page_stamp, split_photo_credit): the caption goes, the
first sentence stays; a list of asterisk bullets opening a page is header matter, never its title.
All text here is invented for these tests."""

from __future__ import annotations

import pytest

from newsbrief.read.cleaning import clean_text
from newsbrief.read.glued import split_page_stamp, split_photo_credit, split_teaser_list

STAMPED_PAGE = (
    "Harbour fire spreads to second quay Crews worked through the night as the blaze moved along the "
    "docks Friday 8 May 2015 21.08 BST Firefighters on the quay wall at dawn .\n"
    "Photograph : Ann Poe\\/Ledger Crews fought the fire in Kessel harbour for nine hours before it was "
    "brought under control , the port authority said .\n"
    "Two warehouses were destroyed and a third was badly damaged , officials said .\n"
    "The cause of the fire is not yet known , but investigators will visit the site on Monday .\n"
)
TWO_LINE_CAPTION = (
    "Saturday 9 May 2015 10.15 BST Shoppers cross an empty square in Kessel .\n"
    "The town council ordered the market closed for the weekend .\n"
    "Photograph : Bo Lind\\/Getty Images It was the quiet more than anything .\n"
    "No traffic moved along the front and the ferry terminal stood empty all morning .\n"
    "The council said the market would reopen on Tuesday if the smoke had cleared by then .\n"
)
READERS_PAGE = (
    "Readers describe the storm\n"
    "Readers of this site have been sending their accounts of the storm that hit Kessel this week .\n"
    "A flooded street in the old town .\n"
    "Photo : Cai Norden The water came up to our windows within an hour of the warning .\n"
    "We moved everything upstairs and waited for the boats to come and take us to the school .\n"
)


def _body(text: str) -> list[str]:
    return clean_text(text, "2015-05-08/page.txt").body.split("\n\n")


@pytest.mark.parametrize(
    ("line", "credit", "text"),
    [
        ("Photograph : AP Nine new cases were confirmed in Kessel today .", "Photograph : AP", "Nine new cases were confirmed in Kessel today ."),
        ("Photograph : AP A harbour worker was the first to fall ill , officials said .", "Photograph : AP", "A harbour worker was the first to fall ill , officials said ."),
        ("Photograph : Ann Poe\\/Ledger Crews fought the fire for hours .", "Photograph : Ann Poe\\/Ledger", "Crews fought the fire for hours ."),
        ("Photograph : Reuters\\/Ann Poe Marrow Point lowered its alert level on Friday .", "Photograph : Reuters\\/Ann Poe", "Marrow Point lowered its alert level on Friday ."),
        ("Photograph : Bo Lind\\/AFP\\/Getty Images Since the storm began , the port has been shut .", "Photograph : Bo Lind\\/AFP\\/Getty Images", "Since the storm began , the port has been shut ."),
        ("Photograph : Bo Lind\\/Getty As the council met , the water rose again .", "Photograph : Bo Lind\\/Getty", "As the council met , the water rose again ."),
        ("Picture : Cai Norden , Harbour Trust My family and I stayed in the school for two nights .", "Picture : Cai Norden , Harbour Trust", "My family and I stayed in the school for two nights ."),
        ("Picture : Associated Press We knew the radio would be a lifeline for the island .", "Picture : Associated Press", "We knew the radio would be a lifeline for the island ."),
    ],
)
def test_a_credit_run_into_the_text_is_split_off(line: str, credit: str, text: str) -> None:
    assert split_photo_credit(line) == (credit, text)


@pytest.mark.parametrize(
    "line",
    [
        "Photo : A passenger walks past a thermal camera at Kessel airport on May 8 , 2015 .",  # a caption
        "Photo : Marrow field taken May 10 by Ann Poe .",  # a caption
        "Photograph : Ann Poe\\/Ledger Live blog : The council has raised its flood alert to the highest level .",  # a teaser
        "The harbour master said : Photograph : this is not a credit at all , the line merely quotes one .",
    ],
)
def test_a_caption_or_teaser_after_the_label_is_no_credit(line: str) -> None:
    assert split_photo_credit(line) is None


def test_a_pages_stamp_splits_its_line() -> None:
    assert split_page_stamp("Fire spreads Crews worked all night Friday 8 May 2015 21.08 BST Firefighters at dawn .") == (
        "Fire spreads Crews worked all night",
        "Friday 8 May 2015 21.08 BST",
        "Firefighters at dawn .",
    )
    assert split_page_stamp("The fire began on Friday 8 May , officials said .") is None


def test_the_caption_between_stamp_and_credit_goes_and_the_first_sentence_stays() -> None:
    body = _body(STAMPED_PAGE)
    assert body[0].startswith("Crews fought the fire in Kessel harbour")
    assert not any("Firefighters on the quay wall" in p or "Harbour fire spreads" in p or "BST" in p for p in body)
    assert len(body) == 3


def test_a_caption_of_two_lines_after_the_stamp_goes() -> None:
    body = _body(TWO_LINE_CAPTION)
    assert body[0] == "It was the quiet more than anything ."
    assert not any("Shoppers cross" in p or "market closed for the weekend" in p for p in body)


def test_the_line_above_a_credit_is_its_caption() -> None:
    body = _body(READERS_PAGE)
    assert "A flooded street in the old town ." not in body
    assert "The water came up to our windows within an hour of the warning ." in body


def test_asterisk_bullets_opening_a_page_are_header_matter_not_its_title() -> None:
    page = (
        "\\* Ferry stocks fall 15 percent on storm fears \\* Harbour closed until Monday \\* Crews stranded "
        "at Marrow Point By Ann Poe KESSEL , May 8 -LRB- Ledger -RRB- - The harbour master of Kessel closed "
        "the port on Friday after a gale warning , leaving two fishing crews stranded .\n"
        "Ferries will not run before Monday , the operator said in a statement .\n"
    )
    cleaned = clean_text(page, "2015-05-08/page.txt")
    assert cleaned.title is None
    assert cleaned.body.split("\n\n")[0].startswith("The harbour master of Kessel closed the port")


def test_asterisks_further_down_are_the_texts_own() -> None:
    assert split_teaser_list("\\* At least 20 yards build ferries , including Kessel Works \\* Most are in the north", stars=False) is None
    assert split_teaser_list("The old map -LRB- \\* Itinerary \\* -RRB- shows three gates .", stars=False) is None


def test_a_wires_disclaimer_under_a_press_release_is_furniture() -> None:
    page = (
        "Harbour trust opens new ferry terminal\n"
        "The Kessel harbour trust opened its new ferry terminal on Friday , two years after the old one burned down .\n"
        "The terminal cost 40 million crowns and will handle six crossings a day , the trust said .\n"
        "The Ledger is not responsible for the content in this press release .\n"
    )
    body = _body(page)
    assert len(body) == 2 and not any("not responsible" in p for p in body)
