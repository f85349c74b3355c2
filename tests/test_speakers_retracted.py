"""Who said a quote: a surname the tagger left out after a titled name, a surname alone in an
outlet that never wrote the full name, a quote a later correction withdraws from its speaker
(annotate/mentions.py, story/entities.py, story/quotes.py); and named things by the noun after
or before them (story/kind_cues.py). Own examples throughout."""

from __future__ import annotations

from typing import Any

from newsbrief.config import load_settings
from newsbrief.story.context import build_story
from newsbrief.story.entities import merge_entities
from newsbrief.story.kind_cues import NamedMention, decide_kinds
from newsbrief.story.quotes import collect_quotes, find_retracted_quotes, make_quote_key

SETTINGS = load_settings()


def _speakers(annotate_texts: Any, texts: list[str]) -> dict[str, str | None]:
    story = build_story(annotate_texts(texts), SETTINGS)
    return {make_quote_key(q.text): q.speaker for q in collect_quotes(story, merge_entities(story))}


def test_a_surname_alone_goes_to_the_one_person_of_the_story_who_bears_it(annotate_texts: Any) -> None:
    said = _speakers(annotate_texts, [
        "The harbour in Tolvik was closed on Friday after a tanker ran aground.\n\n"
        "\u201cThe oil must not reach the beaches,\u201d Environment Minister Petra Lindgren told reporters.",
        "Clean-up crews worked through the night at Tolvik.\n\n"
        "\u201cEvery boat we have is out there,\u201d Lindgren said.",
    ])
    assert said[make_quote_key("Every boat we have is out there")] == "Petra Lindgren"


def test_a_titled_name_keeps_the_surname_the_tagger_left_out(annotate_texts: Any) -> None:
    said = _speakers(annotate_texts, [
        "Fire broke out at the Tolvik ferry terminal on Friday.\n\n"
        "\u201cWe got everyone out in eleven minutes,\u201d said Chief Superintendent Mara Olsen of Tolvik police.",
        "The Tolvik ferry terminal stays shut.\n\n\u201cThe building is not safe yet,\u201d Olsen said.",
    ])
    assert said[make_quote_key("We got everyone out in eleven minutes")] == "Mara Olsen"
    assert said[make_quote_key("The building is not safe yet")] == "Mara Olsen"


def test_a_quote_withdrawn_by_a_correction_goes_to_no_one() -> None:
    found = find_retracted_quotes([
        "Correction: an earlier version of this article quoted council leader Ivo Brandt as saying "
        "\u201cthe budget is a disgrace\u201d. He did not say this; the words were from a protester's sign.",
        # a quote a report merely repeats is not withdrawn
        "An earlier report quoted Ivo Brandt as saying \u201cwe will cut nothing\u201d, and he repeated it on Monday.",
    ])
    assert found == [("the budget is a disgrace", "council leader Ivo Brandt")]


def test_the_withdrawn_quote_loses_its_speaker_in_the_story(annotate_texts: Any) -> None:
    said = _speakers(annotate_texts, [
        "The Tolvik council passed its budget on Monday.\n\n"
        "\u201cThe budget is a disgrace,\u201d said council leader Ivo Brandt.\n\n"
        "\u201cWe kept every school open,\u201d Brandt said.",
        "The Tolvik budget was passed by one vote.\n\n"
        "Correction: an earlier version of this article quoted council leader Ivo Brandt as saying "
        "\u201cthe budget is a disgrace\u201d. He did not say this.",
    ])
    assert said[make_quote_key("The budget is a disgrace")] is None
    assert said[make_quote_key("We kept every school open")] == "Ivo Brandt"


def _kinds(items: list[tuple[str, str, str]]) -> dict[str, str]:
    """decide_kinds over (name, text, tagger type) mentions, one text each."""
    return decide_kinds([
        NamedMention(name, name, kind, False, text, text.index(name), text.index(name) + len(name))
        for name, text, kind in items
    ])


def test_a_band_is_an_organisation_and_a_craft_named_before_its_noun_is_no_person() -> None:
    got = _kinds([
        ("Silver Lantern", "Fans queued for hours to hear the band Silver Lantern play.", "person"),
        ("Silver Lantern", "Silver Lantern cancelled its tour.", "person"),
        ("Osprey", "An Osprey 2 rocket lifted off at dawn.", "person"),
        ("Osprey", "Osprey rockets have flown nine times.", "person"),
        # a maker before its craft stays the organisation the tagger saw
        ("Norvald", "Norvald helicopters were grounded after the crash.", "organization"),
    ])
    assert got == {"Silver Lantern": "company", "Osprey": "product"}
