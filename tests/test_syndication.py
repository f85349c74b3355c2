"""Syndication: groups of articles that retell one report, on the seeds' gold and the fixtures."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import numpy as np
import pytest

from newsbrief.story import syndication
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.story.context import build_story
from newsbrief.story.pool import build_pool
from newsbrief.story.syndication import (
    count_monotone_twins,
    map_independent_sources,
    measure_pairs,
)


def test_seed_groups_are_the_gold_groups(gold_seeds: Any, settings: Any, gold: Any) -> None:
    groups = build_story(gold_seeds, settings).syndication
    expected = tuple(tuple(sorted(g)) for g in gold["syndication"]["groups"])
    assert groups == expected


def test_shared_wire_credit_alone_does_not_group(gold_seeds: Any, settings: Any) -> None:
    # 000 and 003 both credit Reuters but are different Reuters reports.
    annotated = gold_seeds
    credits = {a.article.id: a.article.credit for a in annotated}
    evidence = measure_pairs(annotated, build_pool(annotated), settings)
    pair = ("000_d494350429975f8a.txt", "003_de74f18409056071.txt")
    assert credits[pair[0]] == credits[pair[1]] == "Reuters"
    assert not evidence[pair].syndicated
    # The sentence-by-sentence rewrite 001 of 000 shares nearly all its sentences, in order.
    rewrite = evidence[("000_d494350429975f8a.txt", "001_01d2753117808385.txt")]
    assert rewrite.syndicated and rewrite.twin_share > 0.8 and rewrite.copy_share < 0.5


def test_fixture_groups_match_expectations(fixture_story_name: str, fixture_story: Any, settings: Any, answer_keys: Any) -> None:
    groups = build_story(fixture_story(fixture_story_name), settings).syndication
    expected = tuple(sorted(tuple(sorted(g)) for g in answer_keys.load_fixture_expectations(fixture_story_name)["syndication"]))
    assert groups == expected


def test_groups_do_not_depend_on_input_order(fixture_story: Any, settings: Any) -> None:
    annotated = list(fixture_story("harbour_fire"))
    first = build_story(annotated, settings).syndication
    random.Random(7).shuffle(annotated)
    assert build_story(annotated, settings).syndication == first
    assert all(list(g) == sorted(g) for g in first) and list(first) == sorted(first)


def test_verbatim_copy_is_found_without_vectors(fixture_story: Any, settings: Any) -> None:
    # Shingles alone find a copy when no article has embeddings.
    annotated = [
        dataclasses.replace(a, embeddings=np.zeros((0, 0), dtype=np.float32))
        for a in fixture_story("quake")
    ]
    groups = build_story(annotated, settings).syndication
    assert ("quake-1-highland-times", "quake-2-valley-courier") in groups


def test_tiny_inputs(gold_seeds: Any, settings: Any) -> None:
    assert build_story([], settings).syndication == ()
    one = gold_seeds[:1]
    assert build_story(one, settings).syndication == ()
    empty = AnnotatedArticle(article=Article(id="e", path="e", body=""), sentences=())
    assert build_story([empty, *one], settings).syndication == ()


def test_monotone_chain_keeps_both_orders() -> None:
    # Twins (0,0), (1,2), (2,1), (3,3): only three can be kept in order in both articles.
    assert count_monotone_twins([(0, 0), (1, 2), (2, 1), (3, 3)]) == 3
    # One sentence of the first article twinned with two of the second counts once.
    assert count_monotone_twins([(0, 0), (0, 1)]) == 1
    assert count_monotone_twins([]) == 0


def test_independent_source_map() -> None:
    mapping = map_independent_sources(["a", "b", "c"], [("b", "c")])
    assert mapping == {"a": "a", "b": "b", "c": "b"}


def test_a_round_up_of_two_reports_does_not_join_them(fixture_story: Any, settings: Any, annotate_story: Any) -> None:
    # A round-up that pastes two different reports resembles each; the two stay apart.
    quake = {a.article.id: a.article for a in fixture_story("quake")}
    first, second = quake["quake-1-highland-times"], quake["quake-3-duravia-today"]
    roundup = Article(id="quake-9-roundup", path="r", body=first.body + "\n\n" + second.body)
    groups = build_story(annotate_story([first, second, roundup]), settings).syndication
    assert not any(first.id in g and second.id in g for g in groups)
    assert len(groups) == 1 and roundup.id in groups[0]


@pytest.mark.parametrize("floor", [0.05, 0.4, 0.5, 1.0])
def test_copy_candidates_equal_all_pairs(floor: float) -> None:
    # The sparse, blockwise count of shared shingles finds exactly the pairs that comparing every
    # pair one by one finds (blocks of 3 articles over 20, so several blocks and a partial one).
    rng = random.Random(11)
    vocab = [f"s{k}" for k in range(30)]
    sets = [frozenset(rng.sample(vocab, rng.randint(0, 12))) for _ in range(20)]

    def share(a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / min(len(a), len(b))

    brute = {
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if min(len(sets[i]), len(sets[j])) > 0 and share(sets[i], sets[j]) >= floor
    }
    old = syndication.ARTICLE_BLOCK
    try:
        syndication.ARTICLE_BLOCK = 3
        keys, counts = syndication.count_shared_shingles(sets)
        # Every pair sharing a shingle, once, sorted, with the number of shingles it shares.
        sharing = {(i, j): len(sets[i] & sets[j]) for i in range(20) for j in range(i + 1, 20) if sets[i] & sets[j]}
        assert keys.tolist() == sorted(i * 20 + j for i, j in sharing)
        assert {(k // 20, k % 20): n for k, n in zip(keys.tolist(), counts.tolist())} == sharing
        assert syndication._copy_candidates(sets, keys, counts, floor) == brute
    finally:
        syndication.ARTICLE_BLOCK = old
