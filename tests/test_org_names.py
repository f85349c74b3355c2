"""An organisation is named by a form written often enough (story.org_names): a longer form
written once beside a shorter one written many times is a run-on or a one-off, not its name; a
time zone after a clock is no organisation (story.kind_cues). Invented text."""

from __future__ import annotations

from typing import Any

from newsbrief.config import load_settings
from newsbrief.story.context import build_story
from newsbrief.story.entities import merge_entities
from newsbrief.story.org_names import naming_forms

SETTINGS = load_settings()


def test_a_one_off_longer_form_does_not_name_the_organisation() -> None:
    # "posted to Chirper News of the flood was ...": a name run on into the next sentence, once
    counts = {"chirper": 25, "chirper news": 1}
    assert naming_forms(["chirper", "chirper news"], counts) == ["chirper"]
    assert naming_forms(["chirper news", "chirper"], {"chirper": 9, "chirper news": 1}) == ["chirper news", "chirper"]
    # written often enough, the long form names it ("Kessel Port Authority" beside "Port Authority")
    counts = {"port authority": 12, "kessel port authority": 6}
    assert naming_forms(["kessel port authority", "port authority"], counts) == ["kessel port authority", "port authority"]
    # a long form alone is kept
    assert naming_forms(["world food programme"], {"world food programme": 1}) == ["world food programme"]


def test_a_time_zone_after_a_clock_is_no_organisation(annotate_texts: Any) -> None:
    bodies = [
        "The first flight left Kessel at 2153 GMT on Monday , the Kessel Port Authority said .",
        "The clinic opened at 09.30 GMT and the Kessel Port Authority closed the harbour at 1410 GMT .",
        "By 5 p.m. GMT the Kessel Port Authority had counted 40 ships .",
    ]
    story = build_story(annotate_texts(bodies), SETTINGS)
    names = {e.name for e in merge_entities(story)}
    assert "GMT" not in names and "Kessel Port Authority" in names


def test_the_clock_cue() -> None:
    from newsbrief.story.kind_cues import find_kind_cues

    def cue(text: str, name: str) -> str | None:
        i = text.index(name)
        found = find_kind_cues([(name, text, i, i + len(name))])
        return found[name][0] if name in found else None

    assert cue("at 2153 GMT on Monday", "GMT") == "zone"
    assert cue("at 21.08 BST", "BST") == "zone"
    assert cue("by 9 a.m. ET", "ET") == "zone"
    assert cue("1500 UN troops arrived", "UN") is None  # a count, and no zone
    assert cue("the GMT index rose", "GMT") is None
