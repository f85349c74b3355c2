"""Who said a quote, and who's who, on long real-style reports (issues 13 and 14): invented
articles, each shaped like a case an editor found in a real archive, none taken from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newsbrief.config import load_settings
from newsbrief.story.context import build_story
from newsbrief.story.entities import merge_entities
from newsbrief.story.quotes import collect_quotes

SETTINGS = load_settings()


@pytest.fixture(scope="module")
def quotes_of(annotate_text: Any) -> Callable[[str], list[tuple[str | None, str]]]:
    """``quotes_of(body)``: (speaker, text) of each quote of an invented article."""
    return lambda body: [(q.speaker, q.text) for q in annotate_text(body).quotes]


def test_a_document_quoted_near_a_person_is_not_that_persons_speech(quotes_of: Any) -> None:
    # The treaty's words, then a council member who speaks in the next sentence.
    got = quotes_of(
        "Residents urged the government to honour the treaty that promises "
        '"safe passage for every family leaving the valley before the winter."\n\n'
        "Council member Dara Venn said the talks would resume on Friday."
    )
    assert len(got) == 1 and got[0][0] != "Dara Venn", got


def test_a_partial_quote_inside_reported_speech_keeps_its_speaker(quotes_of: Any) -> None:
    got = quotes_of(
        'Mayor Lena Ortiz said the plan was part of a "long campaign to rebuild the old harbour district."'
    )
    assert got == [("Lena Ortiz", "long campaign to rebuild the old harbour district.")]


def test_a_paragraph_of_speech_after_an_attributed_quote_keeps_the_speaker(quotes_of: Any) -> None:
    got = quotes_of(
        "Flood survivor Marta Kowal described the night to reporters in the shelter.\n\n"
        '"Nobody came to help us for two days," she said.\n\n'
        '"We waited on the roof of the school with the children."\n\n'
        "Rescuers reached the district on Thursday."
    )
    assert [s for s, _ in got] == ["Marta Kowal", "Marta Kowal"], got


def test_a_new_paragraph_with_its_own_attribution_is_not_inherited(quotes_of: Any) -> None:
    got = quotes_of(
        'Flood survivor Marta Kowal spoke first. "Nobody came to help us for two days," she said.\n\n'
        'Fire chief Pavel Novak disagreed. "Our crews were on the water within hours," Novak said.'
    )
    # Speakers as written in the article; the story merges "Novak" with "Pavel Novak".
    assert [s for s, _ in got] == ["Marta Kowal", "Novak"], got


def test_a_relative_named_as_possessor_is_not_the_speaker(quotes_of: Any) -> None:
    got = quotes_of(
        "Flood survivor Marta Kowal was taken to hospital on Monday.\n\n"
        '"I am proud of her because she never gave up hope," Kowal\'s brother told the radio station.'
    )
    assert len(got) == 1 and got[0][0] != "Marta Kowal" and "brother" in (got[0][0] or ""), got


def test_a_plural_subject_is_not_the_one_person_with_that_role(quotes_of: Any) -> None:
    got = quotes_of(
        'Opposition members said "the vote was rigged from the first day of the count."\n\n'
        "Party member Jonas Adler said the appeal would be heard next week."
    )
    assert len(got) == 1 and got[0][0] != "Jonas Adler", got


def test_a_spokeswoman_who_told_reporters_is_the_person_with_her_full_name(annotate_texts: Any) -> None:
    # Issue 14's shape in new words: a title before a full name, then the surname with "told".
    ann = annotate_texts(
        [
            "Harbour authority spokeswoman Ines Varela said the ferry service would resume.\n\n"
            '"Every vessel will be inspected before it sails again," Varela told reporters.',
            '"The checks will take until the weekend at the very least," Varela told reporters on Friday.',
        ]
    )
    ents = merge_entities(build_story(ann, SETTINGS))
    quotes = collect_quotes(build_story(ann, SETTINGS), ents)
    varela = [e for e in ents if e.name == "Ines Varela"]
    assert len(varela) == 1 and varela[0].type == "person", [(e.name, e.type) for e in ents]
    assert not [e for e in ents if e.name == "Varela"], [(e.name, e.type) for e in ents]
    assert {q.speaker for q in quotes} == {"Ines Varela"}, quotes


def test_named_craft_and_storms_are_not_people(annotate_texts: Any) -> None:
    ann = annotate_texts(
        [
            "The freighter Silver Marlin sank off the cape. The cargo plane Northern Star landed "
            "safely, pilot Arne Holm said.\n\n"
            "Cyclone Imara flattened the village. Imara moved west on Sunday.",
        ]
    )
    ents = merge_entities(build_story(ann, SETTINGS))
    people = {e.name for e in ents if e.type == "person"}
    assert people & {"Silver Marlin", "Northern Star", "Imara", "Cyclone Imara"} == set(), people
    assert "Arne Holm" in people


def test_a_family_tie_that_does_not_say_whose_is_no_role(annotate_texts: Any) -> None:
    ann = annotate_texts(
        [
            "Rescuers found Lina Moreau alive on Tuesday.\n\n"
            '"They told me: bring your daughter Lina home and stay quiet," her father said.',
            "Lina Moreau was moved to a hospital in the capital.",
        ]
    )
    ents = merge_entities(build_story(ann, SETTINGS))
    lina = [e for e in ents if e.name == "Lina Moreau"]
    assert len(lina) == 1 and lina[0].role is None, [(e.name, e.role) for e in ents]


def test_a_family_tie_to_someone_named_is_the_role(annotate_texts: Any) -> None:
    # Fictional coverage of a singer's death: his siblings are known by their tie to him ("Vance's
    # brother Theo"), which a who's who keeps; "his sister" names no one and stays no role.
    ann = annotate_texts(
        [
            "The singer Arlo Vance died at his home in Marbury on Friday.\n\n"
            "Arlo Vance's brother Theo Vance said the family was heartbroken.",
            "On Saturday Vance's brother Theo Vance thanked fans outside the house.\n\n"
            "Vance's sister Nell Vance read a statement, and Theo Vance stood beside her.",
            "Nell Vance, who flew in from Oslo, met his sister Ruth Okoro at the house.",
        ]
    )
    ents = [e for e in merge_entities(build_story(ann, SETTINGS)) if e.type == "person"]
    roles = {e.name: e.role for e in ents}
    assert roles.get("Theo Vance") in ("Vance's brother", "Arlo Vance's brother"), roles
    assert not any("brother" in a for e in ents for a in e.aliases), "a tie is no alias"
    assert not any(m.role and "Saturday" in m.role for a in ann for m in a.mentions), "a day is nobody's possessor"
    assert roles.get("Nell Vance") == "Vance's sister", roles
    assert roles.get("Ruth Okoro") is None, roles


def test_an_organisation_written_in_two_word_orders_is_one(annotate_texts: Any) -> None:
    ann = annotate_texts(
        [
            "The Provisional Citizens Assembly met in the capital on Monday.",
            "The Citizens Provisional Assembly elected a new chairman.",
            "Envoys met the Provisional Citizens Assembly again on Friday.",
        ]
    )
    ents = merge_entities(build_story(ann, SETTINGS))
    orgs = [e for e in ents if "Assembly" in e.name]
    assert len(orgs) == 1 and set(orgs[0].sources) == {"a1", "a2", "a3"}, [(e.name, e.type, e.sources) for e in ents]


def test_a_title_read_once_is_not_the_role_of_someone_named_a_hundred_times(annotate_texts: Any) -> None:
    # A singer named in every sentence; once a namesake's title sits before the name.
    body = " ".join(f"Arlo Vance sang song number {k} on the tour." for k in range(1, 61))
    ann = annotate_texts([body, "The youngest child, Prince Arlo Vance, waved to the crowd."])
    ents = merge_entities(build_story(ann, SETTINGS))
    vance = [e for e in ents if e.name == "Arlo Vance"]
    assert len(vance) == 1 and vance[0].mentions > 50 and vance[0].role is None, [(e.name, e.role, e.mentions) for e in ents]
    roles = [m.role for a in ann for m in a.mentions if m.text == "Arlo Vance"]
    assert "Prince" in roles  # the title was read; only the who's who leaves it out


def test_a_quote_after_it_added_keeps_the_speaker_of_the_paragraph(quotes_of: Any) -> None:
    got = quotes_of(
        '"We will appeal the ruling in every court," the Harbour Workers Union said in a statement. '
        'The union also criticised the port owners. "They must not treat the dockers as strangers," it added.'
    )
    assert [s for s, _ in got] == ["Harbour Workers Union", "Harbour Workers Union"], got


def test_a_partial_quote_in_a_clause_of_another_verb_keeps_its_speaker(quotes_of: Any) -> None:
    got = quotes_of(
        "Mayor Lena Ortiz said the harbour closure, which raised "
        '"questions that will not go away until they are answered", was a mistake.'
    )
    assert len(got) == 1 and got[0][0] == "Lena Ortiz", got
