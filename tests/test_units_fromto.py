"""Temperatures on two scales (story/units.py) and a figure moved from one value to another in one
sentence (story/fromto.py). Own examples (session 16's held-out false alarms in other words), with
look-alikes kept apart."""

from __future__ import annotations

import pytest

from newsbrief.story.quantities import compare_quantities, find_quantities
from newsbrief.story.units import written_value


def test_one_temperature_on_two_scales_agrees() -> None:
    (c,) = find_quantities("The thermometer showed 40 degrees Celsius at the border post.")
    (f,) = find_quantities("At the border post it was 104 degrees Fahrenheit by noon.")
    assert (c.key, f.key) == ("temperature", "temperature")
    assert compare_quantities(c, f)


def test_two_temperatures_on_two_scales_disagree() -> None:
    (c,) = find_quantities("The thermometer showed 40 degrees Celsius at the border post.")
    (f,) = find_quantities("At the border post it was 86 degrees Fahrenheit by noon.")
    assert not compare_quantities(c, f)  # 86 F is 30 C


def test_a_temperature_keeps_the_number_it_was_written_with() -> None:
    (f,) = find_quantities("At the border post it was 104 degrees Fahrenheit by noon.")
    assert round(f.value, 6) == 40 and round(written_value(f), 6) == 104


def test_degrees_on_no_named_scale_keep_their_own_key() -> None:
    # "95 degrees" in a US report is Fahrenheit: set against a Celsius figure it would be a false alarm.
    (q,) = find_quantities("It was 95 degrees in the shade of the stands.")
    assert q.key == "degree"


@pytest.mark.parametrize(
    ("text", "written", "key"),
    [
        ("The board cut the ferry fleet from 14 boats to nine.", "9", "boat"),
        ("The council reduced the fleet to nine boats, from 14.", "9", "boat"),
        ("The council reduced the fleet to nine boats from 14 boats.", "9", "boat"),
        ("The judges raised the fine from 20 euros to 30 euros.", "30", "money:EUR:"),
    ],
)
def test_a_figure_moved_in_one_sentence_states_its_new_value(text: str, written: str, key: str) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.key) == (written, key)


def test_the_old_figure_of_a_move_stays_for_a_correction_to_read() -> None:
    got = [q.text for q in find_quantities("The fleet was cut to nine boats, from 14 boats.", keep_unkeyed=True)]
    assert got == ["9", "14"]


@pytest.mark.parametrize(
    "text",
    [
        "Buses from 14 towns went to nine stadiums.",  # two counts of two things, no move
        "The ferry sailed from 14 piers and reached nine islands.",
        "The number of confirmed cases had risen to 2,310 from 14 regions.",  # a source, not an old figure
    ],
)
def test_look_alikes_of_a_move_keep_both_figures(text: str) -> None:
    assert len(find_quantities(text)) == 2
