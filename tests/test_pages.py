"""Page furniture of real archives (issue 13): a fixture suite of page types in several sites'
styles (tests/fixtures/pages, invented text), each with the exact body lines cleaning must keep
and phrases that must not reach the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.read.furniture import COMMENT_STAMP, find_comment_section, has_comment_stamp, furniture_reason, strip_line_labels

PAGES = Path(__file__).parent / "fixtures" / "pages"
NAMES = sorted(p.name.removesuffix(".txt") for p in PAGES.glob("*.txt"))


def _expected(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    return data


def test_suite_has_several_page_types() -> None:
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_page_body_is_exactly_the_article(name: str) -> None:
    expected = _expected(name)
    cleaned = clean_text((PAGES / f"{name}.txt").read_text("utf-8"), str(PAGES / f"{name}.txt"))
    assert cleaned.body.split("\n\n") == expected["body"]
    for phrase in expected["not_body"]:  # type: ignore[attr-defined]
        assert phrase not in cleaned.body, phrase
    if "title" in expected:
        assert cleaned.title == expected["title"]


@pytest.mark.parametrize("name", NAMES)
def test_cleaning_a_page_twice_changes_nothing(name: str) -> None:
    body = clean_text((PAGES / f"{name}.txt").read_text("utf-8")).body
    assert clean_body(body) == body


def test_comment_stamps_are_not_dates_in_prose() -> None:
    assert COMMENT_STAMP.search("March 31 , 2011 at 12:08 am | Reply Yes !")
    assert COMMENT_STAMP.search("Enough ! February 21, 2011 at 12:12 am | Report abuse | I disagree")
    assert not COMMENT_STAMP.search("The minister said on March 31 , 2011 at 10:30 am that he would resign .")
    assert not COMMENT_STAMP.search("Published: 12 December 2023, 10:31 | Updated 11:00")


STAMP_CASES = [
    "March 31 , 2011 at 12:08 am | Reply Yes !",
    "Sept 4th, 2019 8.15pm | Flag this",
    "at 9:05 on 4 May 2020 , Jo Bloggs wrote :",
    ", Jo Bloggs wrote :",  # the stamp's date cut off on the line before
    "2021-06-02 at 17:45 BST | permalink",
    "The minister said on March 31 , 2011 at 10:30 am that he would resign .",
    "He wrote to the council on Tuesday .",
    "Published: 12 December 2023, 10:31 | Updated 11:00",
]
SHARED_PAGES = Path(__file__).resolve().parents[2] / "shared" / "bench" / "timeline17" / "LibyaWar_cnn" / "InputDocs"


@pytest.mark.parametrize("line", STAMP_CASES)
def test_the_cheap_stamp_gate_keeps_every_match_of_the_pattern(line: str) -> None:
    # has_comment_stamp skips the pattern on lines with no clock time and no "wrote": it must
    # agree with the pattern itself, on stamps of every alternative and on prose.
    assert has_comment_stamp(line) == bool(COMMENT_STAMP.search(line))


@pytest.mark.needs_shared
def test_the_cheap_stamp_gate_agrees_with_the_pattern_on_a_real_archive() -> None:
    lines = [
        line
        for p in sorted(SHARED_PAGES.rglob("*"))
        if p.is_file()
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip()
    ]
    found = [bool(COMMENT_STAMP.search(line)) for line in lines]
    assert sum(found) > 100, "LibyaWar_cnn's pages carry reader comments"
    assert [has_comment_stamp(line) for line in lines] == found


def test_body_prose_is_not_furniture() -> None:
    for line in (
        "The A\\/California\\/7\\/2009 strain spread to 30 countries .",
        "He waited a bit .",
        "The committee said it would report its findings on Friday.",
        "Readers recommended the book to friends, the survey found.",
    ):
        assert furniture_reason(line) is None, line


def test_comment_section_starts_at_header_or_first_stamp() -> None:
    lines = ["Title", "A body paragraph that is long enough to be read as the article text.", "Comments (2)", "Nice", "Reply"]
    assert find_comment_section(lines, 1) == 2
    assert find_comment_section(lines[:2], 1) is None


def test_labels_go_but_text_stays() -> None:
    assert strip_line_labels("AZUZ : After three weeks of fighting , talks began .") == "After three weeks of fighting , talks began ."
    assert strip_line_labels("PHOTO : A fallen tree .") == "PHOTO : A fallen tree ."  # judged whole as a caption
    assert strip_line_labels("US : a short label") == "US : a short label"
    glued = "By the Wire Staff Ceasefire talks resume in the valley as both sides send delegations"
    assert strip_line_labels(glued).startswith("Ceasefire talks")


def test_stamp_label_and_byline_variants() -> None:
    assert furniture_reason("May 19 , 2011 04:59 pm at 4:59 pm | Who cares .") == "comments"
    label = "PAT ROWE , MORNING DESK ANCHOR : The port reopened on Sunday after three weeks ."
    assert strip_line_labels(label) == "The port reopened on Sunday after three weeks ."
    glued = "By Ann Poe and Kim Lee , LEDGER The port of Kessel reopened on Sunday after three weeks of floods ."
    assert strip_line_labels(glued).startswith("The port of Kessel")
    assert furniture_reason("This photo of the harbour was taken during a guided tour on May 2 .") == "caption"


def test_question_titles_do_not_head_the_brief() -> None:
    from newsbrief.models import Article, Brief
    from newsbrief.render.common import headline

    arts = (
        Article("a", "a", "x", title="Libya : an opportunity for the rebels ?"),
        Article("b", "b", "x", title="Rebels take the port of Brega after a day of fighting"),
    )
    assert headline(Brief(articles=arts, summary=())) == "Rebels take the port of Brega after a day of fighting"
    assert headline(Brief(articles=arts[:1], summary=())) == "Libya : an opportunity for the rebels ?"


def _page(k: int, extra: str) -> "Article":
    from newsbrief.models import Article

    topics = ["harbour", "ferry", "council", "school", "bridge", "market", "stadium", "library"]
    t = topics[k % len(topics)]
    body = "\n\n".join([
        f"The {t} committee met on day {k} to discuss the {t} budget and the {t} repairs.",
        f"Officials said the {t} plan number {k} would be ready within weeks.",
        extra,
    ])
    return Article(f"a{k}", f"p{k}", body)


def test_sidebar_lines_printed_on_many_pages_go_and_background_stays() -> None:
    from newsbrief.read.repeats import drop_repeated_lines, find_repeated_lines

    sidebar = "Two men charged after a robbery at a petrol station in another city."
    pages = [_page(k, sidebar) for k in range(8)]
    assert find_repeated_lines(pages) == {sidebar}
    cleaned = drop_repeated_lines(pages)
    assert all(sidebar not in a.body for a in cleaned) and all(a.notes for a in cleaned)
    # A background paragraph whose words recur on its pages is the story's own, and stays.
    background = "The harbour committee budget covers repairs the committee approved after the storm."
    pages = [_page(k * 8, background) for k in range(8)]  # all about the harbour
    assert find_repeated_lines(pages) == set()
    # Too few pages: nothing is judged.
    assert find_repeated_lines([_page(k, sidebar) for k in range(4)]) == set()


def test_captions_that_point_at_the_picture_and_broadcast_promos() -> None:
    assert furniture_reason("Ann Poe -LRB- shown in 2009 -RRB- , a judge from Eastland , is seen as the favourite .") == "caption"
    assert furniture_reason("The mayor (pictured) opened the new bridge on Sunday .") == "caption"
    assert furniture_reason("The deal (seen as a turning point by many) was signed on Monday .") is None
    assert furniture_reason("And for more on the floods , tune in to `` Evening Desk '' at 10 p.m. ET on LTV .") == "promo"
    assert furniture_reason("Watch the Evening Desk weeknights 10pm ET .") == "promo"
    # Prose that mentions tuning in or a clock time in ET is no promo.
    assert furniture_reason("Fans were urged to tune in to the radio for updates on the match .") is None
    assert furniture_reason("Residents watched the fire at 10 p.m. ET from their windows .") is None


def test_bracketed_time_labels_go_and_the_update_stays() -> None:
    line = "-LRB- 7:49 p.m. Monday ET , 1:49 a.m. Tuesday in Kessel -RRB- Engineers said the dam wall had cracks two years ago ."
    assert strip_line_labels(line) == "Engineers said the dam wall had cracks two years ago ."
    assert strip_line_labels("(11 p.m. GMT) Police closed the bridge after a lorry hit the rail on Monday .").startswith("Police")
    # A bracketed year or list number is not a time label.
    assert strip_line_labels("-LRB- 1995 -RRB- The film was a hit with critics across the country .").startswith("-LRB- 1995")


def test_a_wire_dateline_starts_the_story_and_is_not_its_text() -> None:
    from newsbrief.read.glued import split_place_dateline

    assert split_place_dateline("Kessel , Eastland -LRB- Ledger -RRB- -- The dam held through the night on Monday , engineers said .") == (
        "Kessel , Eastland -LRB- Ledger -RRB- --",
        "The dam held through the night on Monday , engineers said .",
    )
    assert split_place_dateline("WASHINGTON (Wire) - The senate passed the bill on Monday after a long debate .")
    # An acronym in brackets inside prose is no dateline.
    assert split_place_dateline("The United Nations (UN) - which met on Monday - said it would send aid .") is None
    page = "\n".join([
        "Marta Vell , a judge from Eastland , is widely seen as the favourite to lead the inquiry into the dam .",
        "Kessel (Ledger) -- The inquiry into the collapse of the Orme dam will open on Monday , the ministry said .",
        "Its chair is expected to be named this week , officials said on Sunday evening .",
    ])
    cleaned = clean_text(page)
    assert cleaned.body.split("\n\n")[0].startswith("The inquiry into the collapse")
    assert "Marta Vell" not in cleaned.body and "(Ledger)" not in cleaned.body


def test_an_identification_caption_goes_only_when_the_name_is_introduced_again() -> None:
    from newsbrief.read.glued import is_identification_caption

    caption = "Ruth Amsel is the chief inspector of the regional water board ."
    assert is_identification_caption(caption, ["Tap water is unsafe , the inspector said .", "Ruth Amsel told reporters on Tuesday ."])
    assert not is_identification_caption(caption, ["Tap water is unsafe , the inspector said .", "She told reporters on Tuesday ."])
    # A lede in the past tense is no caption even when the name comes back.
    assert not is_identification_caption("Ruth Amsel was the chief inspector of the board .", ["Ruth Amsel said ."])


def test_reader_voice_is_judged_over_a_passage_with_quotes_carried_across_lines() -> None:
    from newsbrief.read.voice import dense_passages, voiced_lines

    lines = [
        "`` We will not give up , the mayor said as she opened the meeting .",  # quote runs on
        "We have rebuilt before and we will rebuild again . ''",
        "Officials said 40 homes were lost .",
        "I think the council has failed us .",
    ]
    assert voiced_lines(lines) == [False, False, False, True]
    assert voiced_lines(["World War I ended in 1918 , the US said ."]) == [False]
    # Three voiced lines of four consecutive ones make a passage, the neutral line inside included.
    assert dense_passages([False, True, False, True, True, False]) == {1, 2, 3, 4}
    assert dense_passages([True, False, False, True, False, False, True]) == set()


def test_lines_in_another_language_go_and_english_headlines_stay() -> None:
    from newsbrief.read.voice import is_foreign, passage_reasons

    assert is_foreign("Las tarifas suben otra vez y nadie en el gobierno hace nada para ayudar .")
    assert is_foreign("Gia ve tau se tang tu thang tu , nguoi dan tren dao rat lo lang .")
    assert not is_foreign("Ferry fares to rise by a fifth in April as fuel costs climb")
    assert not is_foreign("Short line in English .")
    reasons = passage_reasons([
        "The company raised its fares by a fifth on Thursday , it said in a statement .",
        "Gia ve tau se tang tu thang tu , nguoi dan tren dao rat lo lang .",
        "Chung toi can giup do ngay .",
        "Las tarifas suben otra vez y nadie en el gobierno hace nada para ayudar .",
    ])
    assert reasons == {1: "foreign language", 2: "foreign language", 3: "foreign language"}


def test_a_story_lists_teaser_goes_with_its_headline() -> None:
    teaser = "Rebels flee the port city updated : Thu Apr 07 2011 20:20:00 Airstrikes killed four people near the port on Thursday ."
    assert furniture_reason(teaser) == "teaser"
    assert furniture_reason("Officials said the list was last updated on March 3 , 2011 at 10:00 to add the missing .") is None
    assert furniture_reason("And this was the scene at the harbour in Kessel on Tuesday .") == "caption"


def test_text_that_lost_its_accents_is_not_english() -> None:
    from newsbrief.read.voice import is_foreign, voiced_lines

    assert is_foreign("Kh ng i ch i Kessel th kh ng nhi m c m t cents y .")
    assert not is_foreign("I think it is a good idea to go there now .")
    assert voiced_lines(["Let 's avoid the media rather than people ."]) == [True]


def test_a_last_updated_stamp_glued_to_the_first_line_goes_with_what_precedes_it() -> None:
    glued = "Dam inquiry opens Page last updated at 08:58 GMT , Thursday , 24 June 2010 09:58 UK The inquiry into the dam opened on Thursday ."
    assert strip_line_labels(glued) == "The inquiry into the dam opened on Thursday ."
    glued = "24 June 2010 Last updated at 14:59 GMT Help A year on from the flood , the town gathered in the square ."
    assert strip_line_labels(glued).startswith("A year on from the flood")
    # A stamp with a bare clock (no zone, no "Help") before the headline.
    glued = "9 March 2012 Last updated at 07:41 Kessel dam inquiry opens The inquiry into the dam opened on Thursday ."
    assert strip_line_labels(glued).startswith("Kessel dam inquiry opens The inquiry")
    prose = "The list was last updated at 10:00 GMT on Monday and it shows that 40 people remain missing ."
    assert strip_line_labels(prose) == prose


def test_a_reader_passage_runs_on_over_short_pauses_and_a_server_error_goes_with_the_stamp() -> None:
    from newsbrief.read.voice import dense_passages

    flags = [True, True, True, False, True, False, False, True, False, False, False, True]
    # A pause of two lines is bridged; a pause of three ends the passage.
    assert dense_passages(flags) == set(range(8))
    glued = ("Dam star speaks Page last updated at 17:26 GMT , Friday , 29 January 2010 -LRB- an error occurred "
             "while processing this directive -RRB- Ann Poe was born in Kessel and moved away as a child .")
    assert strip_line_labels(glued) == "Ann Poe was born in Kessel and moved away as a child ."


def test_a_post_excerpt_cut_at_its_link_is_a_teaser_not_text() -> None:
    assert furniture_reason("People do n't seem to understand the concept of risk any more Continue reading ...") == "promo"
    assert furniture_reason("She said she would continue reading the report before deciding on Monday .") is None
    assert furniture_reason("Inquiry into the dam may finally open Continue reading ... Editorial : the dam") == "promo"


def test_glued_highlights_before_a_dateline_go_even_when_the_first_paragraph_is_one_short_sentence() -> None:
    from newsbrief.read.cleaning import clean_text

    page = (
        "Mia 's house hit in a shelling of the old town A shell struck the roof , injuring Mia and her uncle "
        "A charity may fly her abroad for treatment Port Vell , Eastland -LRB- Ledger -RRB- -- Six-year-old Mia is tired today .\n"
        "Nurses have woken her three times since the morning round , and the ward is full .\n"
        "Her mother sits by the bed and reads to her from a picture book .\n"
    )
    body = clean_text(page, "page.txt").body
    assert body.startswith("Six-year-old Mia is tired today .")
    assert "Ledger" not in body and "charity may fly" not in body
