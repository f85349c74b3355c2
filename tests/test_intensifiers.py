"""story/intensifiers.says_fully: "100 percent" meaning "fully" (own examples, look-alikes kept)."""

from __future__ import annotations

import re

import pytest

from newsbrief.story.intensifiers import says_fully

_PCT = re.compile(r"(\d+(?:\.\d+)?) ?(?:%|percent|per cent)")


def _says(text: str) -> bool:
    m = _PCT.search(text)
    assert m is not None, text
    return says_fully(text, m.start(), m.end(), float(m.group(1)))


@pytest.mark.parametrize(
    "text",
    [
        'The port is now "100 percent" in rebel hands, a spokesman said.',
        "The port is now \u201c100 percent\u201d in opposition hands, the council said.",
        "The port is now `` 100 percent '' in the rebels ' control , he said .",
        "I am 100 percent sure that the ceasefire will hold.",
        "We are 100% behind the prime minister on this.",
        "The minister said she was 100 per cent committed to the plan.",
        "The army says the city is 100 percent under control.",
        "Doctors said the striker was 100 percent fit for Saturday.",
        "The unions are 100 percent on board with the deal.",
    ],
)
def test_a_hundred_percent_of_state_or_belief_means_fully(text: str) -> None:
    assert _says(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 100 percent of the wells were poisoned.",  # a share of something
        "The state bought a 100 percent stake in the airline.",  # a share held
        "Prices rose 100 percent in a year, the bureau said.",  # a change, "in" after it
        "The duty was raised by 100 percent in March.",
        "Turnout was 100 percent.",  # a measured value told plainly
        "The vaccine was 100 percent effective in the trial.",  # effectiveness is measured
        "The port is now 90 percent in rebel hands, a spokesman said.",  # not a hundred
        "Nearly 99% sure, he said.",
    ],
)
def test_a_hundred_percent_counted_or_any_other_share_stays_a_figure(text: str) -> None:
    assert not _says(text)
