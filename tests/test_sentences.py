"""Sentence splitting: the finite-verb flag that keeps captions and labels out of the summary."""

from __future__ import annotations

import pytest

from newsbrief.summary.candidates import CandidateRules, find_candidates
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.annotate.resources import Resources
from newsbrief.annotate.sentences import split_sentences

CAPTION = "Satellite image of Port-au-Prince, Haiti taken on 13 January."


@pytest.mark.parametrize(
    ("text", "finite"),
    [
        (CAPTION, False),
        ("Photo by John Smith in the old town of Kabul.", False),
        ("Rescue workers search the rubble in Port-au-Prince for survivors.", True),
        ("Imports from China, including crucial inputs for its factories, make up 67 per cent of the total.", True),
        ("The council voted on Monday to close the old bridge after engineers found cracks.", True),
        ("Officials said the bridge would reopen in the spring after repairs.", True),
    ],
)
def test_finite_verb_flag(resources: Resources, text: str, finite: bool) -> None:
    art = Article(id="a", path="a", body=text)
    [sent] = split_sentences(art, resources.nlp(text))
    assert sent.finite is finite


def test_without_a_parse_every_sentence_counts_as_finite() -> None:
    art = Article(id="a", path="a", body=f"{CAPTION} The council voted on Monday to close the bridge.")
    assert all(s.finite for s in split_sentences(art, None))


def test_captions_are_not_summary_candidates(resources: Resources) -> None:
    body = f"{CAPTION}\n\nThe earthquake destroyed thousands of homes in the capital on Tuesday, officials said."
    art = Article(id="a", path="a", body=body)
    sents = split_sentences(art, resources.nlp(body))
    assert [s.finite for s in sents] == [False, True]
    ann = AnnotatedArticle(article=art, sentences=sents)
    texts = [c.text for c in find_candidates([ann])[0]]
    assert texts and not any(t.startswith("Satellite image") for t in texts)
    # The fallback rules (used when nothing else passes) may still take it.
    loose = [c.text for c in find_candidates([ann], CandidateRules(min_words=4, finite_only=False))[0]]
    assert any(t.startswith("Satellite image") for t in loose)
