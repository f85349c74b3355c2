"""Tests of newsbrief.read.metadata: dates (+times), path dates, wire credits, titles and outlets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsbrief.read.metadata import (
    date_from_path,
    find_credit,
    find_date,
    find_line_dates,
    is_date_line,
    is_sentence,
    pick_title,
    split_dateline,
    split_site_suffix,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed formats
        (" date 2023-12-07 fbpx\n\nTitle here\n\nBody text of the article starts here, with a stop.", (D(2023, 12, 7), None)),
        ("December 7, 2023\n\nThe article body opens here with enough words to count.", (D(2023, 12, 7), None)),
        ("2 min read Last Updated : Dec 13 2023 | 12:16 PM IST", (D(2023, 12, 13), "12:16")),
        ("/ 01:37 PM December 12, 2023", (D(2023, 12, 12), "13:37")),
        ("Tue Dec 12 2023", (D(2023, 12, 12), None)),
        ("7th December 2023 – (Beijing) Chinese President Xi Jinping is scheduled to visit Vietnam.", (D(2023, 12, 7), None)),
        # other outlets
        ("Published: 12.03.2024 09:15", (D(2024, 3, 12), "09:15")),
        ("Updated 12 Feb 2024, 14:20 GMT", (D(2024, 2, 12), "14:20")),
        ("Posted on Sept. 5th, 2022 at 12:05 am", (D(2022, 9, 5), "00:05")),
        ("2024-01-31T08:45:00Z", (D(2024, 1, 31), "08:45")),
        ("Monday 3rd of June 2024", (D(2024, 6, 3), None)),
    ],
)
def test_find_date_formats(text: str, expected: tuple[dt.date, str | None]) -> None:
    assert find_date(text) == expected


def test_find_date_prefers_published_over_updated() -> None:
    text = "Headline of the story\nUpdated: Dec 14, 2023 9:00 AM\nPublished: Dec 13, 2023 8:00 AM\n\nThe body starts here and runs on for a while."
    assert find_date(text) == (D(2023, 12, 13), "08:00")


def test_find_date_ignores_dates_inside_body_sentences() -> None:
    text = "Headline\n\nOn December 1, 2023, the ministry said the talks had failed again.\n\nMore body text follows in this paragraph."
    assert find_date(text) is None


def test_find_date_none_and_invalid() -> None:
    assert find_date("") is None
    assert find_date("February 30, 2024") is None
    assert find_line_dates("99 problems and 2024 hopes") == []


def test_time_is_not_converted_from_ist() -> None:
    # IST is India Standard Time here; the clock time is kept as printed, never shifted.
    assert find_date("First Published: Dec 13 2023 | 11:59 PM IST") == (D(2023, 12, 13), "23:59")


def test_is_date_line() -> None:
    assert is_date_line("Tue Dec 12 2023")
    assert is_date_line("First Published: Dec 13 2023 | 12:16 PM IST")
    assert not is_date_line("The deal was signed on December 12, 2023 in Hanoi by both leaders.")
    assert not is_date_line("9th November 2011 - 7:46 Oh please.")


def test_split_dateline() -> None:
    split = split_dateline("7th December 2023 – (Beijing) Chinese President Xi Jinping is scheduled to visit.")
    assert split is not None
    assert split[0].date == D(2023, 12, 7)
    assert split[1] == "(Beijing) Chinese President Xi Jinping is scheduled to visit."
    assert split_dateline("December 7, 2023") is None  # nothing after it: a meta line, not a dateline


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("timeline17/H1N1_bbc/InputDocs/2009-04-25/558.htm.txt", D(2009, 4, 25)),
        ("archive/2023/12/07/story.txt", D(2023, 12, 7)),
        ("news_2023_12_07.txt", D(2023, 12, 7)),
        ("C:\\data\\2021-06-30\\a.txt", D(2021, 6, 30)),
        ("2020-01-01/sub/2021-02-03/x.txt", D(2021, 2, 3)),
        ("seeds/000_d494350429975f8a.txt", None),
        ("ids/20231207.txt", None),
        ("bad/2023-02-30/x.txt", None),
    ],
)
def test_date_from_path(path: str, expected: dt.date | None) -> None:
    assert date_from_path(path) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["  • Reuters with additional editing by Sean O’Meara"], "Reuters"),
        (["Chinese President Xi Jinping | Representative image", "AP Bangkok"], "AP"),
        (["BANGKOK (AP) — Xi arrived in Hanoi on Tuesday for talks."], "AP"),
        (["HANOI, Dec 12 (Reuters) - Xi arrived in Hanoi on Tuesday."], "Reuters"),
        (["— Reuters"], "Reuters"),
        (["(Reporting by Khanh Vu; Editing by Martin Petty)"], "Reuters"),
        (["Copyright 2024 The Associated Press. All rights reserved."], "AP"),
        (["(With inputs from PTI)"], "PTI"),
        (["By AFP"], "AFP"),
        (["Associated Press writer Aniruddha Ghosal in Hanoi contributed to this report."], "AP"),
        # weak: a caption only
        (["Xi at the summit. REUTERS FILE PHOTO"], "Reuters"),
        (["Photo: AFP"], "AFP"),
        # a caption loses to a credit line
        (["Photo: AFP", "— Reuters"], "Reuters"),
        # naming a wire in a sentence is not a credit
        (["Xi told Reuters in an interview that the talks went well."], None),
        (["The app was built by a team in Hanoi."], None),
        (["By Ani Smith"], None),  # a name, not the ANI agency
        (["ap news"], None),
        ([], None),
    ],
)
def test_find_credit(lines: list[str], expected: str | None) -> None:
    assert find_credit(lines) == expected


def test_split_site_suffix() -> None:
    assert split_site_suffix("China's Xi visits Vietnam | Inquirer News") == ("China's Xi visits Vietnam", "Inquirer News")
    assert split_site_suffix("Xi visits Vietnam - BBC News") == ("Xi visits Vietnam", "BBC News")
    # a dash inside the headline is not a site name
    assert split_site_suffix("Xi visits Vietnam - and leaves with a deal on rail links") == (
        "Xi visits Vietnam - and leaves with a deal on rail links",
        None,
    )


def test_pick_title_prefers_page_heading_over_html_title() -> None:
    header = [(0, "China's Xi visits Vietnam | Inquirer News"), (2, "China’s Xi visits Vietnam")]
    assert pick_title(header) == (2, "China’s Xi visits Vietnam", "Inquirer News")
    assert pick_title([(0, "date 2023-12-13 Home / World / Xi")]) == (None, None, None)


def test_is_sentence() -> None:
    assert is_sentence("He left.")
    assert is_sentence("“It is over,” she said.”")
    assert is_sentence("It 's over . ''")
    assert is_sentence("The area was mapped . -RRB-")
    assert not is_sentence("Vietnam in Talks on First Chip Plant, Despite Warning on Costs")


@given(st.text(max_size=80))
def test_find_dates_are_valid_and_inside_the_line(line: str) -> None:
    for hit in find_line_dates(line):
        assert 0 <= hit.start < hit.end <= len(line)
        assert 1900 <= hit.date.year < 2100
        if hit.time is not None:
            h, m = hit.time.split(":")
            assert 0 <= int(h) < 24 and 0 <= int(m) < 60
