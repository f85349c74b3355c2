"""Event identity of figures: two figures disagree only when they count one thing (same key, same
place, same modifiers, same direction, same period, same event). Examples written for these tests,
in the shapes of a long conflict's archive: daily tolls of different clashes, distances to
different towns, remainders of a group."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, Disagreement
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.disagreements import find_disagreements
from newsbrief.story.quantities import compare_quantities, find_quantities
from newsbrief.story.scope import (
    Figure,
    find_direction,
    find_period,
    find_text_places,
    is_anchorless,
    look_like_one_figure,
    same_anchor,
    share_scope,
)


def _disagreements(annotated: list[AnnotatedArticle]) -> tuple[Disagreement, ...]:
    settings = load_settings()
    story = build_story(annotated, settings)
    return find_disagreements(story, align_claims(story, settings))


def _figure(text: str, places: frozenset[str] = frozenset(), days: frozenset[str] = frozenset()) -> Figure:
    q = find_quantities(text)[0]  # the figure first; "seven days" after it is a period
    return Figure(text, q, places, days)


def test_the_rest_of_a_group_is_no_total() -> None:
    assert find_quantities("Two other reporters were hurt in the crossfire.") == ()
    assert find_quantities("Officials did not mention the other five detained reporters.") == ()
    # "others" after a count still counts: "12 others wounded" is a number of wounded.
    (q,) = find_quantities("Nine guards were killed and 12 others wounded.")[1:]
    assert q.key == "injured" and q.value == 12


def test_half_a_dozen_is_about_six() -> None:
    (q,) = find_quantities("Militias seized half a dozen villages.")
    (five,) = find_quantities("Militias seized five villages.")
    assert (q.low, q.high) == (5, 7) and compare_quantities(q, five)


def test_a_hedge_is_as_close_as_its_digits() -> None:
    (fine,) = find_quantities("The mill employs about 6,300 workers.")
    (plain,) = find_quantities("The mill employs 5,600 workers.")
    (coarse,) = find_quantities("The mill employs about 6,000 workers.")
    assert not compare_quantities(fine, plain)  # "about 6,300" rounds to the hundred
    assert compare_quantities(coarse, plain)  # "about 6,000" rounds to the thousand: 15 %


def test_a_modified_count_is_another_count() -> None:
    local = _figure("At least four foreign aid workers are missing.")
    every = _figure("Eleven aid workers are missing.")
    # The run of words before the head is its modifier ("foreign aid"), not the plain count's ("aid").
    assert local.quantity.modifier == "foreign aid" != every.quantity.modifier and not same_anchor(local, every, 0)
    assert same_anchor(_figure("Eleven aid workers are missing."), _figure("Nine aid workers are missing."), 0)


def test_places_hold_one_another_or_are_different() -> None:
    assert share_scope(frozenset({"korva"}), frozenset({"korva", "dessin"}))
    assert not share_scope(frozenset({"korva", "dessin"}), frozenset({"korva", "almar"}))
    assert share_scope(frozenset(), frozenset({"almar"}))
    assert find_text_places("Shells fell in the coastal town of Pelleno on Tuesday.") == {"pelleno"}
    assert find_text_places("Fighting in Almar Sunday left 9 dead.") == {"almar"}
    # A compass direction names a place only for a distance.
    assert find_text_places("Troops held the east of Dessin.") == frozenset()
    assert find_text_places("Ravel lies 40 miles east of Dessin.", distance=True) == {"dessin"}


def test_distances_in_different_directions_are_different() -> None:
    east = _figure("Ravel lies 40 miles east of Dessin.", frozenset({"ravel", "dessin"}))
    south = _figure("The convoy stopped 45 miles south of Dessin.", frozenset({"dessin"}))
    assert find_direction(east.text, east.quantity) == "east"
    assert not same_anchor(east, south, 0)
    other_town = _figure("Marsa lies 55 miles east of Dessin.", frozenset({"marsa", "dessin"}))
    assert not same_anchor(east, other_town, 0)  # two towns, each with its distance


def test_a_period_total_is_not_a_day_count() -> None:
    week = _figure("Hospital staff said 80 people were killed in the last seven days.")
    day = _figure("Hospital staff said 12 people were killed.")
    assert find_period(week.text) == "last seven day"
    assert not same_anchor(week, day, 0)


def test_counts_of_happenings_on_other_days_need_one_event() -> None:
    monday = _figure("Clashes near the bridge killed 12 militiamen.")
    thursday = _figure("Clashes near the bridge killed 19 militiamen.")
    assert same_anchor(monday, thursday, 0)  # same day: outlets at odds
    assert not same_anchor(monday, thursday, 3)  # three days later: another day's fighting
    running = _figure("The toll from the clashes near the bridge rose to 19 militiamen.")
    assert same_anchor(monday, running, 3)
    # A state, not a happening, is one figure whatever the day.
    assert same_anchor(_figure("The port employs 900 dockers."), _figure("The port employs 950 dockers."), 3)
    # Reports weeks apart need one event even for a state.
    assert not same_anchor(_figure("The port employs 900 dockers."), _figure("The port employs 950 dockers."), 30)


def test_a_sentence_that_names_nothing_leans_on_the_one_before() -> None:
    assert is_anchorless("At least nine people died.", frozenset(), frozenset())
    assert not is_anchorless("At least nine people died in Korva.", frozenset({"korva"}), frozenset())
    assert not is_anchorless("At least nine people died in the blast.", frozenset(), frozenset())


@pytest.fixture(scope="module")
def war_archive(annotate_story: Any) -> list[AnnotatedArticle]:
    """Reports of several weeks of a war: each gives its own day's clashes."""
    day = dt.date(2024, 4, 1)

    def art(n: int, days: int, body: str) -> Article:
        return Article(id=f"w{n}", path=f"w{n}", body=body, published=day + dt.timedelta(days=days), outlet=f"Outlet {n % 3}")

    return annotate_story(
        [
            art(1, 0, "Militia fighters were killed in Korva.\n\nAt least six militiamen were killed and 40 were wounded in clashes in Korva, west of Dessin, a hospital doctor said."),
            art(2, 1, "Fighting went on.\n\nIn Almar, north of Dessin, four militiamen were killed and 23 were wounded in clashes along the front, hospital officials said."),
            art(3, 5, "The front moved.\n\nClashes in Korva killed three militiamen and wounded 61, a hospital doctor said."),
            art(4, 6, "Ravel lies about 40 miles east of Dessin, on the coast road.\n\nThe port was shelled."),
            art(5, 6, "Marsa lies about 70 miles east of Dessin, beyond the river.\n\nThe bridge was cut."),
        ]
    )


def test_a_war_archive_sets_no_different_battles_against_each_other(war_archive: list[AnnotatedArticle]) -> None:
    found = _disagreements(war_archive)
    assert not [d for d in found if d.about in ("number of injured", "death toll", "number of militiamen", "distance")], found


def test_one_event_reported_over_days_is_still_a_change(annotate_story: Any) -> None:
    day = dt.date(2024, 9, 2)
    annotated = annotate_story(
        [
            Article(id="a", path="a", published=day, outlet="A", body="At least 14 people were killed when a gas tanker exploded on the Varn ring road on Monday, police said."),
            Article(id="b", path="b", published=day + dt.timedelta(days=2), outlet="B", body="The death toll from Monday's tanker explosion on the Varn ring road rose to 31, police said on Wednesday."),
        ]
    )
    (change,) = [d for d in _disagreements(annotated) if d.about == "death toll"]
    assert change.kind == "change" and [s.value for s in change.sides] == ["At least 14", "31"]


def test_a_distance_restated_differently_is_a_conflict_whenever_published(annotate_story: Any) -> None:
    day = dt.date(2024, 4, 7)
    annotated = annotate_story(
        [
            Article(id="a", path="a", published=day, outlet="A", body="Aid convoys reached Ravel, about 40 miles east of Dessin, on the coast road."),
            Article(id="b", path="b", published=day + dt.timedelta(days=3), outlet="B", body="Aid convoys reached Ravel, 55 miles east of Dessin, on the coast road."),
        ]
    )
    (clash,) = [d for d in _disagreements(annotated) if d.about == "distance"]
    assert clash.kind == "conflict"


def test_counts_of_what_was_added_on_different_days_are_different_figures() -> None:
    # Own examples: each day's new cases are their own figure; on one day, outlets can be at odds.
    # ("bringing the total to 30" is a running total, but of the 30, not of the four.)
    monday = _figure("Four new cases of measles were confirmed in Dorval, bringing the total to 30.")
    tuesday = _figure("Officials announced two new cases in the east of the county.")
    assert not same_anchor(monday, tuesday, 1)
    assert same_anchor(monday, tuesday, 0)
    assert not same_anchor(_figure("The agency reported a further 9 cases of measles."), tuesday, 1)
    # A running total told on two days is still one figure.
    assert same_anchor(_figure("The county has recorded 9 cases of measles so far."), _figure("Officials said 11 cases of measles had been recorded in all."), 1)


def test_a_participle_before_the_noun_tells_what_happened_not_a_kind() -> None:
    # Own examples: "the 14 flooded cellars" are the "14 cellars" that flooded; a classifying
    # participle ("confirmed", "armed") still makes a kind of its own.
    flooded = _figure("Pumps emptied the 14 flooded cellars on Quay Street by noon.")
    cellars = _figure("Fourteen cellars on Quay Street filled with water.")
    assert flooded.quantity.modifier == "" and same_anchor(flooded, cellars, 0)
    assert find_quantities("Crews towed away 23 stolen cars.")[0].modifier == ""
    confirmed = _figure("Health officials counted 20 confirmed cases in Marl.")
    assert confirmed.quantity.modifier == "confirmed"
    assert not same_anchor(confirmed, _figure("Health officials counted 35 cases in Marl."), 0)
    assert find_quantities("Police disarmed 40 armed men at the border.")[0].modifier == "armed"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # Own examples: treatment is a casualty word; leaving one's home is being displaced.
        ("Thirty residents needed medical treatment after the gas leak at Orme.", "injured"),
        ("About 240 residents were forced out of their homes by the floodwater.", "displaced"),
        ("Some 80 people fled their flats when the balcony collapsed.", "displaced"),
        ("Nearly 500 residents were relocated to the valley overnight.", "displaced"),
        # Moving without leaving a home says nothing of displacement.
        ("About 240 residents moved to the new estate in the spring.", "resident"),
    ],
)
def test_casualty_classes_read_from_their_predicate(text: str, key: str) -> None:
    assert find_quantities(text, keep_unkeyed=True)[0].key == key


def test_a_rising_number_of_things_counts_them_and_is_said_of_its_subject() -> None:
    # Own example: "the number of flights cancelled ... rose to 320" counts flights, and what is
    # said of them ("cancelled") is in its context, so it looks like "about 140 flights were cancelled".
    (rising,) = find_quantities("The number of flights cancelled at Dorne airport because of the fog rose to 320.")
    (earlier,) = find_quantities("About 140 scheduled flights were cancelled at Dorne airport.")
    assert rising.key == earlier.key == "flight" and "cancelled" in rising.context
    assert earlier.modifier == "" and look_like_one_figure(rising, earlier)
    # A rising count of people with no casualty word still says nothing comparable.
    assert find_quantities("The number of people at the rally rose to 900.") == ()


def test_cancelled_flights_rising_through_the_day_are_one_change(annotate_story: Any) -> None:
    day = dt.date(2024, 11, 5)
    annotated = annotate_story(
        [
            Article(id="a", path="a", published=day, published_time="07:30", outlet="A",
                    body="Fog closed Dorne airport on Tuesday.\n\nAbout 140 scheduled flights were cancelled for Tuesday."),
            Article(id="b", path="b", published=day, published_time="15:00", outlet="B",
                    body="The number of flights cancelled at Dorne airport because of the fog rose to 320 on Tuesday, the operator said."),
        ]
    )
    (change,) = [d for d in _disagreements(annotated) if d.about == "number of flights"]
    assert change.kind == "change" and [s.value for s in change.sides] == ["About 140", "320"]


def test_an_ordinal_after_a_number_is_never_what_it_counts() -> None:
    # Own example: "the 80 first counted" counts nothing by its words (it was keyed "#1" before).
    assert [q.key for q in find_quantities("Rescuers found 95 survivors, not the 80 first counted.", keep_unkeyed=True)] == ["survivor", ""]
