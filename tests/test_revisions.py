"""Session-14 figure rules on own examples: a correction that names only its new figure
(story.revisions), a part named by its complement and the base of a share (story.partshare), and
towns named by their transport hubs (story.facilities), and sentences that repeat a claim to
withdraw it (story.retractions), and tolls told as they stood at a named day (story.asof)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.models import Article
from newsbrief.story.asof import as_of_article
from newsbrief.story.facilities import find_hub_places
from newsbrief.story.quantities import Quantity, find_quantities
from newsbrief.story.retractions import is_withdrawal
from newsbrief.story.revisions import find_revision, revised_figure
from newsbrief.story.scope import find_text_places


def _quantity(text: str, value: float) -> Quantity:
    return next(q for q in find_quantities(text, keep_unkeyed=True) if q.value == value)


@pytest.mark.parametrize(
    ("text", "value", "want"),
    [
        ("Officials revised the death toll down to seven on Friday.", 7, ("down", "deaths")),
        ("The agency corrected the toll to 12 after a recount.", 12, ("any", "deaths")),
        ("The company revised its estimate downward to 140 homes.", 140, ("down", "home")),
        # A rise, and a revision up: no correction on one figure (left to the change rule).
        ("The death toll rose to 14 on Tuesday.", 14, ("", "")),
        ("The ministry revised the toll up to 41.", 41, ("", "")),
        # A figure changed, not a report of it corrected (review, session 14).
        ("The council amended the plan to 150 homes after protests.", 150, ("", "")),
        ("The central bank revised its growth forecast down to 1.2 percent on Thursday.", 1.2, ("", "")),
        ("The airline lowered its fares down to 40 euros for the holiday.", 40, ("", "")),
        ("The company corrected its count of damaged homes to 96 homes.", 96, ("any", "home")),
    ],
)
def test_find_revision(text: str, value: float, want: tuple[str, str]) -> None:
    assert find_revision(text, _quantity(text, value)) == want


def _article(aid: str, when: str) -> Article:
    day, _, time = when.partition("T")
    return Article(id=aid, path=aid, body="x", published=dt.date.fromisoformat(day), published_time=time or None)


def test_revised_figure_replaces_the_last_larger_earlier_one() -> None:
    text = "Officials revised the death toll down to seven on Friday."
    new = _quantity(text, 7)
    first = _quantity("Five people died.", 5)
    second = _quantity("The toll has risen to 10.", 10)
    later = _quantity("The toll stood at 11.", 11)
    c = revised_figure(
        "deaths", new, "down", _article("c", "2030-01-03"),
        [(_article("a", "2030-01-01T08:00"), first), (_article("b", "2030-01-01T12:00"), second), (_article("d", "2030-01-04"), later)],
    )
    assert c is not None and (c.old.value, c.new.value, c.key) == (10, 7, "deaths")
    # Nothing larger before it: no correction.
    assert revised_figure("deaths", new, "down", _article("c", "2030-01-03"), [(_article("a", "2030-01-01"), first)]) is None


@pytest.mark.parametrize(
    ("text", "value", "modifier"),
    [
        ("Some 3,100 of the club's members were pensioners.", 3100, "part"),
        ("About 60% of the 250 trains planned on Monday were cancelled.", 250, "base"),
        ("Half of the 36 flats were empty.", 36, "base"),
        # the whole of a share of the dead is the toll (review, session 14)
        ("Half of the 36 people killed in the blast were children.", 36, ""),
        # Not a part by complement: what happened to them ("were hurt"), or a plain total.
        ("Twelve of the miners were hurt.", 12, ""),
        ("The club had 9,000 members.", 9000, ""),
    ],
)
def test_parts_and_share_bases(text: str, value: float, modifier: str) -> None:
    assert _quantity(text, value).modifier == modifier


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Dornel airport cancelled 90 flights.", {"dornel"}),
        ("At Vask International Airport, 40 flights were cancelled.", {"vask"}),
        ("Trains were halted at Orra railway station.", {"orra"}),
        ("The airport was shut all day.", set()),
        # a word that opens the sentence or says what kind of hub, not a town (review, session 14)
        ("After airport staff walked out, 300 flights were cancelled.", set()),
        ("Two airport workers and some railway station staff were hurt.", set()),
        ("Local airport officials said 40 flights were cancelled on Monday.", set()),
        ("On Tuesday Dornel airport reopened.", {"dornel"}),
        ("Flights from the Sarnish airport resumed; Photo: Ana Vel The airport reopened.", set()),
        # an adjective of nationality of another ending (session 15)
        ("Guards at an Israeli airport searched 40 bags.", set()),
        ("Two Libyan airport workers were hurt.", set()),
    ],
)
def test_hub_places(text: str, places: set[str]) -> None:
    assert find_hub_places(text) == places
    assert places <= find_text_places(text)


@pytest.mark.parametrize(
    ("text", "withdrawn"),
    [
        ("An earlier version of this report said that the mayor had resigned.", True),
        ("An earlier report on this channel that the bridge had fallen was wrong; it stands.", True),
        ("Earlier reports said that 12 people were missing.", False),
        # an earlier version of something other than the report is news (review, session 14)
        ("An earlier version of this bill was rejected by the senate in 2019.", False),
        ("An earlier version of this vaccine was approved in 2020, the regulator said.", False),
        ("The mayor resigned on Monday, an aide said.", False),
    ],
)
def test_withdrawals(text: str, withdrawn: bool) -> None:
    assert is_withdrawal(text) is withdrawn


@pytest.mark.parametrize(
    ("text", "value", "when"),
    [
        # Published on Saturday 2030-09-14: the weekday is the last one on or before that day.
        ("By Tuesday evening, 30 people had died.", 30, (dt.date(2030, 9, 10), "19:00")),
        ("By Thursday the death toll had reached 41, officials said.", 41, (dt.date(2030, 9, 12), None)),
        # Not a figure as it stood at a day: a plain report, or a day that dates something else.
        ("Thirty people died on Tuesday.", 30, None),
        ("By Tuesday, police said, 30 people were in hospital.", 30, None),
        ("Survivors of the blast, caused by Tuesday's gas leak, said 12 people had died.", 12, None),
        ("Relatives of those killed by Monday\u2019s landslide said 30 people had died.", 30, None),
    ],
)
def test_as_of_day(text: str, value: float, when: tuple[dt.date, str | None] | None) -> None:
    got = as_of_article(text, _quantity(text, value), _article("w", "2030-09-14T08:00"))
    assert (got.published, got.published_time) == when if got is not None else when is None
