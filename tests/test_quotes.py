"""Direct quotes: marks, split quotes, scare quotes, speakers, story merge (invented + seed gate)."""

from __future__ import annotations

from typing import Any

from helpers_story import annotate, annotate_many, demo_annotated

from newsbrief.story.entities import merge_entities
from newsbrief.annotate.quotes import find_quote_spans, find_quotes
from newsbrief.story.quotes import collect_quotes, make_quote_key
from newsbrief.annotate.resources import Resources
from newsbrief.config import load_settings
from newsbrief.story.context import build_story

SETTINGS = load_settings()


def _quotes(body: str, resources: Resources) -> list[tuple[str | None, str]]:
    a = annotate(body, resources)
    return [(q.speaker, q.text) for q in a.quotes]


def test_straight_marks_pair_by_context_and_an_open_quote_runs_to_paragraph_end() -> None:
    body = (
        'Officials called them strategic partners" in recent months.\n\n'
        'He said the move "does not mean the country has changed sides at all.\n\n'
        "Next paragraph."
    )
    spans = find_quote_spans(body)
    assert len(spans) == 1  # the stray closing mark opens nothing
    s = spans[0]
    assert body[s.start : s.end] == "does not mean the country has changed sides at all."
    assert not s.closed


def test_split_quote_is_joined_and_the_mayor_resolves_to_the_named_mayor(resources: Resources) -> None:
    got = _quotes(
        "Mayor Ana Ruiz toured the flooded district on Sunday.\n\n"
        '"We will rebuild," the mayor said, "and we will do it fast."',
        resources,
    )
    assert got == [("Ana Ruiz", "We will rebuild, and we will do it fast.")]


def test_split_quote_without_a_named_mayor_keeps_the_noun_phrase(resources: Resources) -> None:
    got = _quotes('"We will rebuild," the mayor said, "and we will do it fast."', resources)
    assert got == [("the mayor", "We will rebuild, and we will do it fast.")]


def test_a_first_half_that_is_no_clause_loses_its_comma(resources: Resources) -> None:
    got = _quotes(
        "\u201cThis warehouse,\u201d Mayor Lucia Ferrant said on Tuesday, \u201cshould never have "
        "held that much solvent.\u201d",
        resources,
    )
    assert got == [("Lucia Ferrant", "This warehouse should never have held that much solvent.")]


def test_curly_quotes_with_inverted_attribution(resources: Resources) -> None:
    got = _quotes(
        "\u201cThe dam held through the night, but only just,\u201d said Rahul Mehta, the district engineer.",
        resources,
    )
    assert got == [("Rahul Mehta", "The dam held through the night, but only just")]


def test_pronoun_speaker_is_the_person_of_the_previous_sentence(resources: Resources) -> None:
    got = _quotes(
        "Police chief Tom Becker spoke to reporters outside the station. "
        '"We have arrested three suspects in connection with the attack," he said.',
        resources,
    )
    assert got == [("Tom Becker", "We have arrested three suspects in connection with the attack")]


def test_quoted_as_saying_names_the_object_not_the_outlet(resources: Resources) -> None:
    got = _quotes(
        "The Kyodo news agency quoted Foreign Minister Yoko Kamikawa as saying "
        '"Japan will stand with its partners in the region for as long as it takes."',
        resources,
    )
    assert len(got) == 1 and got[0][0] == "Yoko Kamikawa"


def test_scare_quotes_are_not_quotes_but_short_attributed_sentences_are(resources: Resources) -> None:
    assert _quotes('The opposition called the plan "reckless" and "a waste of money".', resources) == []
    got = _quotes('Reporters asked Ana Ruiz about resigning. "No," Ruiz said.', resources)
    assert got == [("Ruiz", "No")]


def test_british_single_quotes(resources: Resources) -> None:
    got = _quotes(
        "\u2018We are not going anywhere until the roads are open,\u2019 said Lena Park, a shopkeeper.",
        resources,
    )
    assert got == [("Lena Park", "We are not going anywhere until the roads are open")]


def test_an_unattributed_quote_inherits_the_speaker_of_the_quote_before_it(resources: Resources) -> None:
    got = _quotes(
        "\u201cWe were lucky the wind turned toward the sea,\u201d Brenn said. "
        "\u201cHad it blown inland, we would have been clearing half the city.\u201d",
        resources,
    )
    assert [s for s, _ in got] == ["Brenn", "Brenn"]


def test_without_a_parse_the_attribution_is_read_from_the_text(resources: Resources) -> None:
    a = annotate(
        '"The bridge will reopen to traffic next month after repairs," Ines Garde said.', resources
    )
    got = find_quotes(a.article, a.sentences, None, a.mentions)
    assert [(q.speaker, q.text) for q in got] == [
        ("Ines Garde", "The bridge will reopen to traffic next month after repairs")
    ]


def test_same_quote_in_two_articles_is_one_quote_with_both_sources(resources: Resources) -> None:
    ann = annotate_many(
        [
            "Mayor Ana Ruiz spoke on Monday. "
            '"We will rebuild the school before winter comes," Ruiz said.',
            '"We will rebuild the school before winter comes." That was the promise of Mayor Ana Ruiz, '
            "who said it again on Tuesday.",
        ],
        resources,
    )
    story = build_story(ann, SETTINGS)
    quotes = collect_quotes(story, merge_entities(story))
    same = [q for q in quotes if make_quote_key(q.text) == make_quote_key("We will rebuild the school before winter comes")]
    assert len(same) == 1
    assert same[0].sources == ("a1", "a2") and same[0].speaker == "Ana Ruiz"


# --- quality gate on the seeds ----------------------------------------------------------------


def test_gate_seed_quotes_have_the_gold_speakers(seeds_brief: Any, gold: dict[str, Any]) -> None:
    names = {e.name for e in seeds_brief.entities}
    for want in gold["quotes"]:
        hits = [q for q in seeds_brief.quotes if want["contains"] in q.text]
        assert len(hits) == 1, (want, seeds_brief.quotes)
        q = hits[0]
        assert q.speaker == want["speaker"], q
        assert q.speaker in names
        assert set(want["articles"]) <= set(q.sources), q


def test_gate_seed_scare_quotes_are_not_reported(seeds_brief: Any) -> None:
    for phrase in ("original intention", "hegemonism", "historic landmark", "bamboo diplomacy"):
        assert not any(q.text.strip().casefold() == phrase for q in seeds_brief.quotes)
    assert all(len(q.text.split()) >= 2 for q in seeds_brief.quotes)


def test_tokenized_corpus_quotes(resources: Resources) -> None:
    """DUC and Timeline17 text writes quotes ``like this''."""
    got = _quotes(
        "``We have no plans to leave the country at this moment,'' Sam Rainsy told reporters.",
        resources,
    )
    assert got == [("Sam Rainsy", "We have no plans to leave the country at this moment")]


def test_passive_quoted_as_saying_and_a_pronoun_after_a_subject(resources: Resources) -> None:
    got = _quotes(
        "President Lena Ortiz met the press. Ortiz said the dismissal was not based on facts. "
        "\u201cI am very concerned over how my old friend has been treated,\u201d Ortiz was quoted as "
        "saying by the daily Morning Post. But she said she would go, adding, \u201cI am not coming "
        "personally but as the president of my country.\u201d",
        resources,
    )
    assert [s for s, _ in got] == ["Ortiz", "Ortiz"]


def test_demo_story_quotes(resources: Resources) -> None:
    """The fictional demo (examples/demo/README.md): split quotes, two-part quotes, speakers."""
    ann = demo_annotated(resources)
    story = build_story(ann, SETTINGS)
    quotes = collect_quotes(story, merge_entities(story))

    def speaker_of(fragment: str) -> str | None:
        hits = [q for q in quotes if fragment in q.text]
        assert len(hits) == 1, (fragment, quotes)
        return hits[0].speaker

    assert speaker_of("We were lucky the wind turned") == "Halvard Brenn"
    assert speaker_of("Had it blown inland") == "Halvard Brenn"
    assert speaker_of("This warehouse should never have held") == "Lucia Ferrant"
    assert speaker_of("If the city knew and did nothing, then the city will answer") == "Lucia Ferrant"
    assert speaker_of("I woke up to the smell") == "Petra Kosmin"
    assert speaker_of("Our first thought is with the families") == "Marit Oyelaran"
    brenn = [q for q in quotes if "We were lucky" in q.text][0]
    assert len(brenn.sources) == 2  # the wire report and its rewrite
