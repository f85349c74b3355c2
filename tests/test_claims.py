"""Claims: every sentence in one claim, sources and independent-source counts, gold corroboration."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from helpers_sources import (
    annotate_fixture,
    annotate_seeds,
    check_corroboration,
    default_settings,
    find_keyword_claims,
    list_fixture_stories,
    load_fixture_expectations,
    load_gold,
)

from newsbrief.story.claims import align_claims
from newsbrief.models import AnnotatedArticle, Claim
from newsbrief.story.context import build_story

STORIES = ["seeds", *list_fixture_stories()]


def _load(story: str) -> tuple[AnnotatedArticle, ...]:
    return annotate_seeds() if story == "seeds" else annotate_fixture(story)


def _claims(story: str) -> tuple[tuple[AnnotatedArticle, ...], tuple[tuple[str, ...], ...], tuple[Claim, ...]]:
    settings = default_settings()
    context = build_story(_load(story), settings)
    return context.annotated, context.syndication, align_claims(context, settings)


@pytest.mark.parametrize("story", STORIES)
def test_every_sentence_is_in_exactly_one_claim(story: str) -> None:
    annotated, _, claims = _claims(story)
    members = Counter((m.article_id, m.sentence) for c in claims for m in c.members)
    every = {(a.article.id, s.index) for a in annotated for s in a.sentences}
    assert set(members) == every
    assert all(n == 1 for n in members.values())


@pytest.mark.parametrize("story", STORIES)
def test_claim_records_are_consistent(story: str) -> None:
    annotated, groups, claims = _claims(story)
    texts = {(a.article.id, s.index): s.text for a in annotated for s in a.sentences}
    group_of = {a: g for g in groups for a in g}
    assert [c.id for c in claims] == list(range(len(claims)))
    for c in claims:
        articles = [m.article_id for m in c.members]
        assert c.sources == tuple(sorted(set(articles)))
        # One sentence per article: a claim's sources are the articles that state it.
        assert len(articles) == len(set(articles))
        independent = {group_of.get(a, (a,)) for a in c.sources}
        assert c.independent_sources == len(independent)
        assert c.text in {texts[(m.article_id, m.sentence)] for m in c.members}


def test_seed_corroboration_matches_gold() -> None:
    _, _, claims = _claims("seeds")
    for item in load_gold()["corroboration"]["claims"]:
        counts = [c.independent_sources for c in find_keyword_claims(claims, item["keywords"])]
        assert counts, item["keywords"]
        assert max(counts) == item["independent"], (item["keywords"], counts)


@pytest.mark.parametrize("story", list_fixture_stories())
def test_fixture_corroboration_matches_expectations(story: str) -> None:
    _, _, claims = _claims(story)
    for item in load_fixture_expectations(story)["corroboration"]:
        assert check_corroboration(claims, item), item


def test_syndicated_copies_count_once() -> None:
    _, _, claims = _claims("seeds")
    pair = ("000_d494350429975f8a.txt", "001_01d2753117808385.txt")
    # 001 retells every sentence of 000: each of 000's claims holds 001's twin too...
    with_000 = [c for c in claims if pair[0] in c.sources]
    assert with_000 and all(pair[1] in c.sources for c in with_000)
    # ... and the two count as one source.
    only_pair = [c for c in claims if c.sources == pair]
    assert only_pair and all(c.independent_sources == 1 for c in only_pair)


def test_claims_do_not_depend_on_input_order() -> None:
    annotated = list(annotate_fixture("trade_summit"))
    settings = default_settings()
    first = align_claims(build_story(annotated, settings), settings)
    random.Random(3).shuffle(annotated)
    assert align_claims(build_story(annotated, settings), settings) == first


def test_claims_are_ordered_by_corroboration() -> None:
    _, _, claims = _claims("harbour_fire")
    keys = [(-c.independent_sources, -len(c.sources)) for c in claims]
    assert keys == sorted(keys)
    # The rising-toll leads of all five reports are one claim with three independent sources.
    assert claims[0].independent_sources == 3 and len(claims[0].sources) == 5


def test_no_articles_no_claims() -> None:
    settings = default_settings()
    assert align_claims(build_story([], settings), settings) == ()


def test_a_later_development_is_not_the_earlier_report() -> None:
    """The demo's Wednesday report that residents were allowed home is close in wording and
    embedding (0.83) to Tuesday's "850 were evacuated", but it names a day after that report was
    published: not the same fact, so Tuesday's article does not corroborate it."""
    from pathlib import Path

    from newsbrief.config import load_settings
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths
    from newsbrief.annotate.resources import Resources

    settings = load_settings()
    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    articles, _ = read_paths([str(demo)], settings)
    annotated = annotate_articles(articles, Resources(settings))
    claims = align_claims(build_story(annotated, settings), settings)
    by_id = {a.article.id: a for a in annotated}

    def text(m):  # type: ignore[no-untyped-def]
        return by_id[m.article_id].sentences[m.sentence].text

    [back] = [c for c in claims if any("allowed to return" in text(m) for m in c.members)]
    assert not any("850" in text(m) for m in back.members), [text(m) for m in back.members]
    # The evacuation report itself still finds its restatements.
    [evacuated] = [c for c in claims if any(text(m).startswith("Some 850") for m in c.members)]
    assert len(evacuated.members) >= 2
