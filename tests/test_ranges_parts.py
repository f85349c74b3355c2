"""Ranges, parts of a group, names and modifiers before a counted noun, figures of one past
moment (story/quantities.py, story/stated_values.py, story/scope.py, story/disagreements.py).
Own examples throughout (session 13's held-out misses, other words)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Disagreement
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.corrections import find_correction
from newsbrief.story.disagreements import find_disagreements
from newsbrief.story.quantities import compare_quantities, find_quantities
from newsbrief.story.scope import is_of_a_moment, is_set_apart
from newsbrief.story.stated_values import StatedValue, drop_wholes


@pytest.mark.parametrize(
    ("text", "written", "low", "high", "key"),
    [
        ("The landslide buried between 30 and 45 cars on the coast road.", "between 30 and 45", 30, 45, "car"),
        ("Rescuers pulled two or three swimmers from the water.", "2 or 3", 2, 3, "swimmer"),
        ("The storm felled 200 to 250 trees in the park.", "200 to 250", 200, 262.5, "tree"),
        ("A pipe of between 12 and 15 kilometres will carry the water.", "between 12 and 15", 12000, 15000, "metre"),
    ],
)
def test_a_range_is_one_figure_from_its_low_end_to_its_high(text: str, written: str, low: float, high: float, key: str) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.low, q.high, q.key, q.precise) == (written, low, high, key, False)


@pytest.mark.parametrize(
    "text",
    [
        "The jury voted 9 to 3 to convict.",  # a score: the low end is not first
        "The count of beds rose from 40 to 60 beds.",  # a movement, not a range
    ],
)
def test_no_range_where_the_numbers_are_no_range(text: str) -> None:
    assert all(not q.text.startswith(("between", "9 to", "40 to")) for q in find_quantities(text))


def test_a_figure_inside_a_range_agrees_with_it_and_one_outside_does_not() -> None:
    (span,) = find_quantities("Divers searched a stretch of between 20 and 35 kilometres of the river.")
    (inside,) = find_quantities("Divers searched about 30 kilometres of the river.")
    (outside,) = find_quantities("Divers searched 50 kilometres of the river.")
    assert compare_quantities(span, inside) and not compare_quantities(span, outside)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a name before the counted noun is its modifier, however many words it has
        ("The number of Bellweather Rail commuters stuck overnight has risen to 3,400.", "commuter"),
        ("Eleven Norda Air planes were held on the ground.", "aircraft"),
        ("Some 40 jets were diverted.", "aircraft"),
        # a plural used as a modifier: "police officers", "staff members"
        ("About 150 police officers guarded the route.", "officer"),
        ("The firm laid off 80 staff members.", "member"),
    ],
)
def test_the_counted_noun_past_names_and_modifiers(text: str, key: str) -> None:
    assert [q.key for q in find_quantities(text)] == [key]


def test_a_part_of_a_named_group_is_set_apart_but_a_count_out_of_a_sized_whole_is_not() -> None:
    (part,) = find_quantities("Wardens have found four of the missing hikers.")
    assert (part.key, part.modifier) == ("hiker", "missing part")
    out_of = find_quantities("Only three of the bridge's seven spans were open when the barge struck.")
    assert [(q.text, q.key, q.modifier) for q in out_of] == [("3", "span", ""), ("7", "span", "")]
    values = [StatedValue(0, q.text, quantity=q) for q in out_of]
    text = "Only three of the bridge's seven spans were open when the barge struck."
    assert [v.text for v in drop_wholes(text, values)] == ["3"]


@pytest.mark.parametrize(
    ("text", "key", "old", "new"),
    [
        ("Eight climbers were rescued on Sunday, not 11 as the mountain service first said.", "climber", "11", "8"),
        ("The bridge carries 4,000 cars a day, not 3,000 as the roads agency had said.", "car", "3,000", "4,000"),
    ],
)
def test_a_rejection_cue_after_a_longer_subject(text: str, key: str, old: str, new: str) -> None:
    c = find_correction(text)
    assert c is not None and (c.key, c.old.text, c.new.text) == (key, old, new)


def test_a_state_of_one_moment() -> None:
    assert is_of_a_moment("Four of the ten pumps were working when the water came in.")
    assert is_of_a_moment("Two lifeboats were on board at the time, the owner said.")
    assert not is_of_a_moment("Four of the ten pumps are working, the council said.")
    assert not is_of_a_moment("The toll has risen to 12 since the water came in when the dam broke.")


def _article(aid: str, time: str, body: str, outlet: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", body=body, published=dt.date(2026, 3, 7), published_time=time, outlet=outlet)


def _found(annotate: Callable[[Sequence[Article]], list[AnnotatedArticle]], settings: Settings, arts: list[Article]) -> tuple[Disagreement, ...]:
    story = build_story(annotate(arts), settings)
    return find_disagreements(story, align_claims(story, settings))


def test_a_state_of_one_moment_told_otherwise_hours_later_is_a_conflict(annotate_story: Any, settings: Settings) -> None:
    # Three hours apart, but the pumps working when the flood came cannot have changed since.
    found = _found(annotate_story, settings, [
        _article("p1", "08:00", "Water flooded the Tessin metro station on Saturday morning.\n\n"
                 "Only two of the station's six pumps were working when the water came in, staff said.\n\n"
                 "Trains are not stopping there.", "Metro Daily"),
        _article("p2", "11:00", "The Tessin metro station stays closed after Saturday's flood.\n\n"
                 "Four of the station's six pumps were working at the time, the operator said.\n\n"
                 "Engineers are checking the tunnels.", "City Radio"),
    ])
    assert [(d.kind, [s.value for s in d.sides]) for d in found] == [("conflict", ["2", "4"])]


def test_a_part_answers_no_correction_of_the_whole(annotate_story: Any, settings: Settings) -> None:
    found = _found(annotate_story, settings, [
        _article("h1", "08:00", "Fourteen hikers went missing in the Dorva hills on Friday, wardens said.\n\n"
                 "The search resumed at dawn.", "Hill News"),
        _article("h2", "12:00", "Wardens have now found six of the missing hikers in the Dorva hills.\n\n"
                 "Helicopters joined the search.", "Valley Radio"),
        _article("h3", "18:00", "Eleven hikers went missing in the Dorva hills on Friday, not 14 as the wardens first said.\n\n"
                 "The search goes on.", "Evening Post"),
    ])
    assert [(d.kind, [s.value for s in d.sides]) for d in found] == [("correction", ["14", "11"])]


def test_a_figure_confined_to_one_place_is_set_apart() -> None:
    assert is_set_apart("In Marro county alone, 12 farms lost their harvest.")
    assert is_set_apart("At the Tessin depot alone, 40 buses were damaged.")
    assert not is_set_apart("Hail damaged 40 buses at the Tessin depot.")


def test_a_hedge_after_a_dateline_is_no_name_before_the_number() -> None:
    (q,) = find_quantities("VARNO (Coast Wire) - Almost 600 volunteers joined the clean-up.")
    assert (q.text, q.key, q.low, q.high) == ("Almost 600", "volunteer", 510.0, 600.0)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Gunmen held 23 people hostage in the Vesta hotel.", "hostages"),
        ("Nine people were kidnapped near the border.", "hostages"),
        ("Seven survivors were injured in the fall.", "injured"),  # survivors are people: the casualty word decides
    ],
)
def test_hostages_are_a_count_of_their_own(text: str, key: str) -> None:
    assert [q.key for q in find_quantities(text)] == [key]


def test_counts_of_one_siege_told_days_apart_are_one_event() -> None:
    from newsbrief.story.scope import find_events

    assert find_events("Police have arrested three men over the siege at the post office.") == find_events(
        "Five people have now been arrested over the siege."
    ) == frozenset({"siege"})
