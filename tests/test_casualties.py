"""What a count counts (story/casualties.py, story/quantities.py): tolls told as lives, measures under
a casualty subject, and figures of a past time opening the sentence. Own fictional sentences."""

from __future__ import annotations

import pytest

from newsbrief.story.quantities import find_quantities


@pytest.mark.parametrize(
    "text",
    [
        "The landslide above Pellow has claimed 23 lives, the regional governor said.",
        "The week of storms cost at least 8 lives across the coast.",
        "Fever took 140 lives in the camps before the vaccine arrived.",
        "Six lives were lost when the ferry's ramp gave way.",
    ],
)
def test_a_count_of_lives_claimed_taken_cost_or_lost_is_a_death_toll(text: str) -> None:
    assert [q.key for q in find_quantities(text)] == ["deaths"]


def test_lives_saved_are_no_death_toll() -> None:
    (saved,) = find_quantities("Volunteer divers saved 17 lives during the flood.")
    assert saved.key != "deaths"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The weight of dead seals washed onto the dunes has climbed to 14 tonnes, rangers said.", "kilogram"),
        ("The number of dead trees felled by the storm reached 300 hectares of forest.", "hectare"),
        ("Killed livestock buried by the farmers now fill 40 kilograms of lime pits.", "kilogram"),
        ("The slick of dead algae grew to 6 kilometres along the shore.", "metre"),
    ],
)
def test_a_figure_in_a_unit_of_measure_is_never_a_count_of_people(text: str, key: str) -> None:
    # A rising figure takes its subject's casualty word only when it counts people: a weight, an
    # area or a length under "dead ..." is a measure (keyed by its dimension's unit: tonnes are
    # compared in kilograms, kilometres in metres).
    assert [q.key for q in find_quantities(text)] == [key]


def test_a_toll_that_rises_still_takes_its_subject_s_casualty_word() -> None:
    (toll,) = find_quantities("The number of dead in the mudslide has risen to 31, police said.")
    assert toll.key == "deaths"


@pytest.mark.parametrize(
    "text",
    [
        "In 2014, a gas leak at the same works sent 60 workers to hospital.",
        "In March 2011, floods covered 4,000 hectares of the valley.",
        "Back in 1999, the old span carried 12,000 vehicles a day.",
        "Last year, a fire at the depot destroyed 35 buses.",
        "Two years ago, the strike cancelled 700 flights in a week.",
        "During 2020, the line lost 18 kilometres of track to landslides, and 40 stations closed.",
    ],
)
def test_a_sentence_that_opens_on_a_past_time_gives_no_current_figure(text: str) -> None:
    assert find_quantities(text) == ()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A past year inside the sentence, not opening it, dates only its own clause.
        ("The bridge, built in 1968, carried 240 lorries a day.", [240.0]),
        # A semicolon ends the past time's reach.
        ("In 2009, floods closed the road; today 35 kilometres are under water.", [35000.0]),
        # A place or a weekday opening the sentence is no past time.
        ("In Harlan, 12 people were injured on Tuesday.", [12.0]),
        ("On Monday, rescuers pulled 9 miners from the rubble.", [9.0]),
    ],
)
def test_figures_outside_a_past_opening_are_kept(text: str, values: list[float]) -> None:
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # Held where they are, or taken ill: a class of their own (session 15), never a bare count.
        ("Rescuers were trying to reach 30 people trapped below the Ossen shaft.", "trapped"),
        ("Some 85 residents of the Varn home have fallen ill after the banquet.", "ill"),
        ("The number of pupils sick with the fever has risen to 64, the school said.", "ill"),
        # ... while a stranded traveller stays a passenger, and an infected count gets no class.
        ("About 4,000 passengers were stranded at the terminal overnight.", "passenger"),
    ],
)
def test_people_trapped_or_ill_are_counted_apart(text: str, key: str) -> None:
    assert [q.key for q in find_quantities(text)] == [key]


@pytest.mark.parametrize(
    "text",
    ["Thousands of people could be trapped under the rubble.", "As dozens of people fell ill, the camp was closed."],
)
def test_a_vague_amount_trapped_or_ill_is_no_figure(text: str) -> None:
    # A magnitude, not a count outlets revise: the two session-15 classes take stated numbers only.
    assert find_quantities(text) == ()


@pytest.mark.parametrize(
    ("text", "figure", "kept"),
    [
        # story/recentpast.py: a recent past in a "when ..." clause after the figure dates that clause
        ("Savers lost $3.4 billion when the Orvik bank failed last week, the regulator said.", 3.4e9, True),
        ("Cholera has killed five people since the storm flooded the town last week.", 5, True),
        # ... while a past time that governs the figure, or an older "when", keeps it history
        ("The positivity rate fell to 12 percent, compared with 50 percent last week.", 50, False),
        ("Some 200 homes were lost when floods hit the valley last year.", 200, False),
    ],
)
def test_a_recent_past_in_a_when_or_since_clause_leaves_the_figure_current(text: str, figure: float, kept: bool) -> None:
    assert (figure in [q.value for q in find_quantities(text)]) == kept
