"""People the tagger leaves untagged where only a person can stand (annotate/untagged_people.py):
a two-word name before ", who" or ", the <person title>". Own fictional sentences, parsed by the
project's spaCy model."""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief.annotate.untagged_people import find_untagged_people


@pytest.fixture(scope="module")
def nlp(settings: Any) -> Any:
    from newsbrief.annotate.resources import Resources

    return Resources(settings).nlp


def _found(nlp: Any, text: str) -> list[str]:
    doc = nlp(text)
    return [doc[i:j].text for i, j in find_untagged_people(doc, text, [])]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ines Carro, who heads the observatory, spoke to reporters.", ["Ines Carro"]),
        # not a name: a place before ", who", a longer capitalised run, a place word, no cue after
        ("Lake Oster, which froze early, is closed.", []),
        ("The Orrin Volcano Observatory said the ash cloud was thinning.", []),
        ("Harbour Street was closed all day.", []),
        # organisations speak too: "said" alone is no cue
        ("Mission Control said the crew was safe.", []),
    ],
)
def test_untagged_two_word_names_before_a_person_cue(nlp: Any, text: str, names: list[str]) -> None:
    assert _found(nlp, text) == names
