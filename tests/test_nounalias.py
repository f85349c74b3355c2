"""One counted thing under two nouns (story/nounalias.py). Own examples: a cull counted in hens by
one report and in poultry birds by the next; look-alikes kept apart: a report that counts both
nouns, counts said of different words, casualty classes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsbrief.config import load_settings
from newsbrief.models import Article, Disagreement
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.disagreements import find_disagreements

DAY = dt.date(2030, 3, 4)


def _found(annotate_story: Any, bodies: list[tuple[str, str]]) -> tuple[Disagreement, ...]:
    arts = [Article(id=f"r{k}", path=f"r{k}", published=DAY, published_time=t, body=b) for k, (t, b) in enumerate(bodies)]
    settings = load_settings()
    story = build_story(annotate_story(arts), settings)
    return find_disagreements(story, align_claims(story, settings))


def _values(found: tuple[Disagreement, ...]) -> list[list[str]]:
    return sorted(sorted(s.value for s in d.sides) for d in found)


def test_one_thing_counted_under_two_nouns_in_two_leads_is_one_figure(annotate_story: Any) -> None:
    found = _found(annotate_story, [
        ("08:00", "Inspectors slaughtered about 30,000 hens at a farm near Lisk after avian flu was found there."),
        ("14:00", "Some 75,000 birds have been slaughtered around Lisk since the avian flu was found, officials said."),
    ])
    assert ["Some 75,000", "about 30,000"] in _values(found)


def test_a_report_that_counts_both_nouns_keeps_them_apart(annotate_story: Any) -> None:
    found = _found(annotate_story, [
        ("08:00", "Inspectors slaughtered about 30,000 hens and 9,000 ducks at a farm near Lisk after avian flu was found."),
        ("14:00", "Some 75,000 birds have been slaughtered around Lisk since the avian flu was found, officials said."),
    ])
    assert not [v for v in _values(found) if "Some 75,000" in v]


def test_counts_said_of_different_words_stay_apart(annotate_story: Any) -> None:
    found = _found(annotate_story, [
        ("08:00", "Inspectors slaughtered about 30,000 hens at a farm near Lisk after avian flu was found there."),
        ("14:00", "Some 75,000 birds are kept on the farms around Lisk where the avian flu was found, officials said."),
    ])
    assert not [v for v in _values(found) if "Some 75,000" in v]
