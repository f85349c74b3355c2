"""Page furniture of real archives (issue 13): a fixture suite of page types in several sites'
styles (tests/fixtures/pages, invented text), each with the exact body lines cleaning must keep
and phrases that must not reach the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.read.furniture import COMMENT_STAMP, find_comment_section, furniture_reason, strip_line_labels

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
