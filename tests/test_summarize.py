"""The summary: budget, sources, order, redundancy, stand-alone sentences, determinism, quality.

Runs on real data: the five seed articles (``seeds_annotated`` in conftest.py) and DUC 2004
development clusters from ../shared/bench/duc2004.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_hyp
from hypothesis import strategies as st

from newsbrief.story.claims import align_claims
from newsbrief.summary.bigrams import find_concepts, stem, tokenize
from newsbrief.config import Settings, load_settings
from newsbrief.models import AnnotatedArticle, SummarySentence
from newsbrief.summary.candidates import (
    DEFAULT_RULES,
    candidate_text,
    compress_sentence,
    find_candidates,
    judge_sentence,
    strip_comment_adverb,
)
from newsbrief.annotate.dates import names_later_day, strip_dateline
from newsbrief.vocabulary import FUNCTION_WORDS, count_words
from newsbrief.summary.summarize import DEFAULT_PARAMS, SummaryParams, first_reported, independent_sets, summarize, weigh_concepts
from newsbrief.story.context import build_story

SHARED = Path(__file__).resolve().parents[2] / "shared"
DUC = SHARED / "bench" / "duc2004"
# Quality gate: mean ROUGE-2 recall (%) of newsbrief's 100-word summary on these clusters, by the
# DUC protocol of benchmarks/duc2004.py. Measured 11.33 on them (all 25 clusters: see
# benchmarks/results/duc2004.md); the floor leaves room for changes in the stages upstream (sentence
# splitting, claims). Raise it when the summary improves, never lower it silently.
GATE_CLUSTERS = ("d30001", "d30011", "d30028", "d31009", "d31043")
GATE_R2_FLOOR = 10.5


def _locate(annotated: Sequence[AnnotatedArticle], s: SummarySentence) -> tuple[int, int]:
    """(article position, sentence index) of the article sentence a summary sentence comes from."""
    for a_pos, a in enumerate(annotated):
        for sent in a.sentences:
            full = " ".join(sent.text.split())
            if full == s.text or _is_compression(s.text, full):
                return a_pos, sent.index
    raise AssertionError(f"summary sentence not found in any article: {s.text!r}")


def _is_compression(short: str, full: str) -> bool:
    """``short`` keeps words of ``full`` in order and adds none (case and punctuation aside)."""
    words = iter(tokenize(full))
    return all(any(w == x for x in words) for w in tokenize(short))


@pytest.fixture(scope="module")
def seed_story(seeds_annotated: list[AnnotatedArticle], settings: Settings):  # type: ignore[no-untyped-def]
    s100 = replace(settings, words=100)
    story = build_story(seeds_annotated, s100)
    return story, align_claims(story, s100), s100


@pytest.fixture(scope="module")
def duc_clusters(resources):  # type: ignore[no-untyped-def]
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    if not DUC.is_dir():
        pytest.fail(f"{DUC} is missing: the shared data must sit beside the project root")
    s100 = load_settings(words=100)
    out = {}
    for c in GATE_CLUSTERS:
        articles, _ = read_paths([str(DUC / "docs" / c)], s100)
        story = build_story(annotate_articles(articles, resources), s100)
        out[c] = (story, align_claims(story, s100))
    return out


# --------------------------------------------------------------------------- the seed story


@pytest.mark.parametrize("words", [15, 40, 100, 150, 400])
def test_budget_is_never_exceeded(seed_story, words: int) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    summary = summarize(story, claims, replace(settings, words=words))
    assert summary, "a story with five articles must get a summary"
    assert sum(count_words(s.text) for s in summary) <= words
    if words >= 100:
        # The budget is used, not just respected: the selection fills most of it.
        assert sum(count_words(s.text) for s in summary) >= 0.8 * words


@settings_hyp(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.integers(min_value=1, max_value=300), model=st.sampled_from(["learned", "df"]))
def test_budget_holds_for_any_budget(seed_story, words: int, model: str) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    summary = summarize(story, claims, replace(settings, words=words), SummaryParams(concept_model=model))
    assert sum(count_words(s.text) for s in summary) <= words


def test_unknown_concept_model_is_refused(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    with pytest.raises(ValueError, match="concept_model"):
        summarize(story, claims, settings, SummaryParams(concept_model="tfidf"))


def test_sources_are_the_claims_sources(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    annotated = story.annotated
    summary = summarize(story, claims, settings)
    for s in summary:
        a_pos, index = _locate(annotated, s)
        aid = annotated[a_pos].article.id
        claim = next(c for c in claims if any(m.article_id == aid and m.sentence == index for m in c.members))
        assert set(s.sources) == set(claim.sources) | {aid}
        # Counted over the articles it cites (issue 13: the count agrees with the citations).
        assert s.independent_sources == max(1, story.count_independent(s.sources))
        assert aid in s.sources


def test_corroborated_sentences_carry_every_source(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    summary = summarize(story, claims, replace(settings, words=150))
    # At least one summary sentence is stated by several articles and says so.
    assert any(len(s.sources) > 1 for s in summary)
    for s in summary:
        assert len(set(s.sources)) == len(s.sources), "no article listed twice"
        assert 1 <= s.independent_sources <= len(s.sources)


def test_summary_opens_on_the_event_first_reported(seed_story) -> None:  # type: ignore[no-untyped-def]
    """The seeds' first reports (7 December) announce Xi's visit in their lead; the summary opens
    on that fact (in the words of a later report), not on background from further down."""
    story, claims, settings = seed_story
    annotated = story.annotated
    summary = summarize(story, claims, replace(settings, words=150))
    first_day = min(a.article.published for a in annotated if a.article.published)
    a_pos, index = _locate(annotated, summary[0])
    ref = (annotated[a_pos].article.id, index)
    [claim] = [c for c in claims if ref in {(m.article_id, m.sentence) for m in c.members}]
    by_id = {a.article.id: a for a in annotated}
    assert any(by_id[m.article_id].article.published == first_day and m.sentence <= 1 for m in claim.members)
    assert "Xi" in summary[0].text and "visit" in summary[0].text


def test_of_two_facts_first_reported_at_one_position_the_more_widely_reported_comes_first(annotate_texts, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Three reports of one day: the first in input order leads with a detail (the review), the
    other two with the event (the fire), which the first states next. Both facts open some report;
    the event, stated by three sources, opens the summary whatever the order of the files."""
    detail = "The harbour authority will review its ferry safety rules with the port's operators next month."
    bodies = [
        f"{detail}\n\nA fire broke out on the ferry Northern Star in Kessel harbour on Monday, injuring six passengers.\n\n"
        "The ferry was carrying 212 passengers on its morning run to the islands.",
        "A fire broke out aboard the ferry Northern Star in Kessel harbour on Monday, injuring six passengers.\n\n"
        "Firefighters brought the blaze under control within an hour, the coastguard said.",
        "A fire broke out on the Northern Star ferry in Kessel harbour on Monday, and six passengers were injured.\n\n"
        "The cause of the fire was not yet known, officials said on Monday evening.",
    ]
    for order in (bodies, bodies[1:] + bodies[:1]):
        annotated = annotate_texts(order)
        story = build_story(annotated, settings)
        claims = align_claims(story, settings)
        candidates, _ = find_candidates(annotated)
        picked = [c for c in candidates if not c.compressed and (c.text == detail or c.text.startswith("A fire broke out aboard"))]
        assert len(picked) == 2
        ordered = first_reported(story, claims, picked)
        assert ordered[0].text.startswith("A fire broke out"), [c.text for c in ordered]


@pytest.mark.slow
def test_later_news_is_not_pulled_back_to_an_earlier_report(settings: Settings, resources) -> None:  # type: ignore[no-untyped-def]
    """In the demo, the residents' return on Wednesday (15 May) and the evacuation reported on
    Tuesday are one claim and close in embedding, but the return is news of the 15th: it comes
    after everything first reported on the 14th."""
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    articles, _ = read_paths([str(demo)], settings)
    story = build_story(annotate_articles(articles, resources), settings)
    claims = align_claims(story, settings)
    summary = summarize(story, claims, replace(settings, words=150))
    texts = [s.text for s in summary]
    later = [i for i, t in enumerate(texts) if "Wednesday" in t]
    assert later, texts
    earlier = [i for i, t in enumerate(texts) if "Wednesday" not in t and "Monday" in t]
    assert earlier and max(earlier) < min(later), texts


@pytest.mark.parametrize(
    ("said", "other", "published", "own", "after"),
    [
        ({"2024-05-15"}, set(), "2024-05-14", "2024-05-15", True),  # news of a later day
        ({"2024-05-15"}, {"2024-05-15"}, "2024-05-14", "2024-05-15", False),  # announced ahead
        ({"2024-05-13"}, set(), "2024-05-14", "2024-05-15", False),  # a day the other could know of
        ({"2024-06-14"}, set(), "2024-06-10", "2024-06-10", False),  # still ahead: an announcement
        ({"2024-05"}, set(), "2024-04-30", "2024-05-15", False),  # a month: not precise enough
        ({"2024-05-15"}, set(), None, "2024-05-15", False),  # undated other report
        ({"2024-05-15"}, set(), "2024-05-14", None, False),  # undated own report
    ],
)
def test_names_later_day(said: set[str], other: set[str], published: str | None, own: str | None, after: bool) -> None:
    assert names_later_day(said, other, published, own) is after


def test_no_two_sentences_say_the_same_thing(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    annotated = story.annotated
    summary = summarize(story, claims, replace(settings, words=200))
    vecs = []
    for s in summary:
        a_pos, index = _locate(annotated, s)
        vecs.append(annotated[a_pos].embeddings[index])
    sim = np.asarray(vecs) @ np.asarray(vecs).T
    np.fill_diagonal(sim, 0.0)
    assert sim.max() <= settings.summary_redundancy
    # Nor the same text twice.
    assert len({s.text for s in summary}) == len(summary)


@pytest.mark.parametrize("words", [100, 150, 250, 400])
def test_at_most_one_sentence_per_claim(seed_story, words: int) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    annotated = story.annotated
    summary = summarize(story, claims, replace(settings, words=words))
    claim_of = {(m.article_id, m.sentence): c.id for c in claims for m in c.members}
    ids = []
    for s in summary:
        a_pos, index = _locate(annotated, s)
        ids.append(claim_of.get((annotated[a_pos].article.id, index)))
    found = [i for i in ids if i is not None]
    assert len(found) == len(set(found)), f"two sentences of one claim in {summary}"


def test_one_per_claim_is_what_keeps_restatements_out(seed_story) -> None:  # type: ignore[no-untyped-def]
    """Without the claim constraint, some budget's summary of the seeds states one claim twice
    (e.g. Xi meeting Trong, in two outlets' words): the constraint, not luck, keeps it out."""
    story, claims, settings = seed_story
    annotated = story.annotated
    claim_of = {(m.article_id, m.sentence): c.id for c in claims for m in c.members}
    repeated = []
    for words in range(80, 420, 20):
        s = replace(settings, words=words)
        loose = summarize(story, claims, s, replace(DEFAULT_PARAMS, one_per_claim=False))
        ids = [claim_of.get((annotated[a].article.id, i)) for a, i in (_locate(annotated, x) for x in loose)]
        found = [i for i in ids if i is not None]
        if len(found) > len(set(found)):
            repeated.append(words)
            assert summarize(story, claims, s) != loose
    assert repeated, "no budget where the loose summary repeats a claim"


def test_no_dangling_openers_or_unknown_speakers(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    annotated = story.annotated
    for words in (60, 100, 200):
        summary = summarize(story, claims, replace(settings, words=words))
        located = [_locate(annotated, s) for s in summary]
        for k, s in enumerate(summary):
            verdict = judge_sentence(s.text)
            if verdict == "follower":
                # Allowed only right after the sentence before it in the same article.
                assert k > 0 and located[k - 1] == (located[k][0], located[k][1] - 1), s.text
            else:
                assert verdict is None, (verdict, s.text)


def test_seed_summary_is_clean(seed_story, gold) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    text = " ".join(s.text for s in summarize(story, claims, replace(settings, words=250)))
    for bad in gold["summary_must_not_contain"]:
        assert bad.lower() not in text.lower()
    assert not re.search(r"\b[A-Z][a-z]+ added\b", text), "a surname-only speaker without introduction"


def test_summary_is_deterministic(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    first = summarize(story, claims, settings)
    assert all(summarize(story, claims, settings) == first for _ in range(3))


def test_pipeline_summary_matches(seeds_brief, seeds_annotated) -> None:  # type: ignore[no-untyped-def]
    """build_brief wires the summary in: its sentences come from the articles, with sources."""
    assert seeds_brief.summary
    for s in seeds_brief.summary:
        assert s.sources
        _locate(seeds_annotated, s)


def test_empty_story_gives_empty_summary(settings: Settings) -> None:
    assert summarize(build_story([], settings), [], settings) == ()


# --------------------------------------------------------------------------- sentence rules


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Deepening cooperation will help maintain peace and prosperity in the region, Wang added.", "follower"),
        ("He said the two countries would sign 36 agreements during the visit to Hanoi.", "follower"),
        ("But the opposition says the old government is holding power illegally and must go.", "follower"),
        ("``We tried our best today to salvage the season,'' he said on Tuesday night.", "follower"),
        ("Police said most victims choked to death on smoke and poisonous gases.", None),
        ("Foreign Minister Wang Yi said the two countries signed 36 agreements on Wednesday.", None),
        ("``We tried our best today to salvage the season,'' said Alonzo Mourning, the Miami Heat center.", None),
        ("``We tried our best today to salvage the season and we failed badly.''", "unattributed quote"),
        ("Now we are down to the last three miles of a very long road.", "unattributed quote"),
        ("China's Xi meets with Vietnamese PM on second day of visit", "fragment"),
        ("Click here to follow our channel.", "too short"),
        ("Will the coalition survive the winter and the budget fight that is coming?", "question"),
    ],
)
def test_judge_sentence(text: str, verdict: str | None) -> None:
    assert judge_sentence(text) == verdict


@pytest.mark.needs_shared
def test_compressions_only_drop_words() -> None:
    """On every sentence of 19 DUC clusters: a compressed version keeps the original's words in
    order, adds none, is shorter, and leaves quotations alone."""
    checked = 0
    for doc in sorted((DUC / "docs").glob("d300*/C*.txt")):
        text = doc.read_text(encoding="utf-8", errors="replace")
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split())):
            for short in compress_sentence(sent):
                checked += 1
                assert _is_compression(short, sent), (short, sent)
                assert count_words(short) < count_words(sent)
                for quoted in re.findall(r"``.*?''", sent):
                    assert quoted in short, "quotations are never shortened"
    assert checked > 50


def test_compressed_examples() -> None:
    assert compress_sentence("But the players refused the offer made by the owners on Friday.") == [
        "The players refused the offer made by the owners on Friday."
    ]
    assert compress_sentence(
        "King Norodom Sihanouk praised agreements by the two parties _ previously bitter rivals _ to form a coalition."
    ) == ["King Norodom Sihanouk praised agreements by the two parties to form a coalition."]
    # An aside followed by a relative clause stays: dropping it would re-attach the clause.
    assert compress_sentence("In a letter to the king _ the prince's father _ that was broadcast, he spoke.") == []


def test_a_compression_keeps_the_main_clause_subject() -> None:
    # The aside described the subject; the subject itself stays, whichever marks set the aside off.
    for aside in ("-- the ferry's first crossing in a decade --", "_ the ferry's first crossing in a decade _", "(the ferry's first crossing in a decade)"):
        shorts = compress_sentence(f"The voyage {aside} has been months in the planning, officials said.")
        assert shorts == ["The voyage has been months in the planning, officials said."]
    # An aside that opens the sentence is no aside: nothing is cut from the front.
    assert compress_sentence("(Reuters) The harbour reopened on Monday after the storm passed.") == []


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        # A lone comma between the subject and its verb: joined (a copy lost the head noun).
        ("The ferry's first crossing in a decade, has been months in the planning.", "The ferry's first crossing in a decade has been months in the planning."),
        ("The new bridge across the Lanner river, will open to traffic in March.", "The new bridge across the Lanner river will open to traffic in March."),
        # A paired appositive, a relative clause, a list, an adverbial, a series of verbs: left alone.
        ("The voyage, the ferry's first in a decade, has been months in the planning.", None),
        ("The mayor, who took office in May, has resigned after the vote.", None),
        ("Police, firefighters and paramedics were at the scene within minutes.", None),
        ("In the spring of that year, was the plant closed for good?", None),
        ("The inspectors said the hospital lacked medicines, had no heating and was short of staff.", None),
        ("The storm that flooded the valley, has cost the farmers their harvest.", None),
    ],
)
def test_a_stated_candidate_has_no_comma_between_subject_and_verb(text: str, stated: str | None) -> None:
    assert candidate_text(text) == (stated or text)


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("HANOI: Chinese President Xi Jinping embarked on his first visit.", "Chinese President Xi Jinping embarked on his first visit."),
        ("WASHINGTON (AP) _ The House voted to impeach.", "The House voted to impeach."),
        ("BEIJING, Dec 12 (Reuters) - China said it would.", "China said it would."),
        ("A fire turned a dance hall into a deathtrap.", "A fire turned a dance hall into a deathtrap."),
        ("US-China trade: talks resume in Geneva.", "US-China trade: talks resume in Geneva."),
    ],
)
def test_strip_dateline(text: str, stripped: str) -> None:
    assert strip_dateline(text) == stripped


def test_no_dateline_in_seed_summary(seed_story) -> None:  # type: ignore[no-untyped-def]
    story, claims, settings = seed_story
    for s in summarize(story, claims, replace(settings, words=300)):
        assert strip_dateline(s.text) == s.text


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("Notably, Vietnam elevated its ties with Washington.", "Vietnam elevated its ties with Washington."),
        ("Separately, police arrested two men.", "Police arrested two men."),
        ("Notably the talks went on.", "Notably the talks went on."),
        ("Overall turnout was 61 percent.", "Overall turnout was 61 percent."),
    ],
)
def test_strip_comment_adverb(text: str, stripped: str) -> None:
    assert strip_comment_adverb(text) == stripped


def test_no_comment_adverb_opens_a_seed_summary_sentence(seed_story) -> None:  # type: ignore[no-untyped-def]
    """The seeds have "Notably, Vietnam recently elevated ..." in four articles."""
    story, claims, settings = seed_story
    annotated = story.annotated
    assert any(s.text.startswith("Notably,") for a in annotated for s in a.sentences)
    for s in summarize(story, claims, replace(settings, words=300)):
        assert strip_comment_adverb(s.text) == s.text


def test_a_syndicated_copy_does_not_change_what_matters(seed_story) -> None:  # type: ignore[no-untyped-def]
    """Concept weights count a syndicated group once: adding a copy of an article, declared as
    its copy, leaves every weight as it was; undeclared, the copy shifts the weights."""
    annotated = seed_story[0].annotated
    original = annotated[2]
    copy = AnnotatedArticle(
        article=replace(original.article, id="copy-of-" + original.article.id),
        sentences=original.sentences,
        mentions=original.mentions,
        dates=original.dates,
        quotes=original.quotes,
        figures=original.figures,
        embeddings=original.embeddings,
    )
    grown = [*annotated, copy]
    _, sets = find_candidates(annotated)
    _, grown_sets = find_candidates(grown)
    group = [(original.article.id, copy.article.id)]
    assert len(independent_sets(grown, grown_sets, group)) == len(annotated)
    assert weigh_concepts(independent_sets(grown, grown_sets, group)) == weigh_concepts(sets)
    assert weigh_concepts(grown_sets) != weigh_concepts(sets)


def test_followers_need_their_antecedent(seed_story) -> None:  # type: ignore[no-untyped-def]
    annotated = seed_story[0].annotated
    candidates, _ = find_candidates(annotated, DEFAULT_RULES)
    refs = {c.ref for c in candidates}
    for c in candidates:
        if c.follows is not None:
            assert c.follows in refs
            assert c.follows.article_id == c.ref.article_id and c.follows.sentence == c.ref.sentence - 1


# --------------------------------------------------------------------------- concepts


@pytest.mark.needs_shared
def test_porter_stemmer_matches_nltk_on_duc_vocabulary() -> None:
    porter = pytest.importorskip("nltk.stem.porter")
    ref = porter.PorterStemmer(porter.PorterStemmer.ORIGINAL_ALGORITHM)
    vocab: set[str] = set()
    for doc in sorted((DUC / "docs").glob("d300*/C*.txt")):
        vocab.update(tokenize(doc.read_text(encoding="utf-8", errors="replace")))
    assert len(vocab) > 3000
    words = sorted(w for w in vocab if len(w) > 3)
    mismatches = [w for w in words if stem(w) != ref.stem(w)]
    assert not mismatches, mismatches[:20]


def test_concepts_skip_stopword_pairs() -> None:
    cs = find_concepts("The fire was the deadliest in modern Swedish history.")
    assert "was the" not in cs  # two stopwords say nothing about the story
    assert "deadliest modern" not in cs  # bigrams are adjacent words only
    assert "swedish history" not in cs  # only stemmed forms are concepts
    assert all(not all(t in FUNCTION_WORDS for t in c.split()) for c in cs)
    assert "swedish histori" in cs


# --------------------------------------------------------------------------- quality gate


def test_quality_gate_rouge2_on_duc(duc_clusters) -> None:  # type: ignore[no-untyped-def]
    scoring = pytest.importorskip("rouge_score.rouge_scorer")
    scorer = scoring.RougeScorer(["rouge2"], use_stemmer=True)
    settings = load_settings(words=100)
    ours = []
    best_peer = {}
    for c, (story, claims) in duc_clusters.items():
        summary = summarize(story, claims, settings)
        assert sum(count_words(s.text) for s in summary) <= 100
        assert all(s.sources for s in summary)
        refs = [p.read_text(encoding="utf-8") for p in sorted((DUC / "refs").glob(f"{c}.m.100.t.*"))]
        cut = " ".join(" ".join(s.text for s in summary).split()[:100])
        ours.append(100 * np.mean([scorer.score(r, cut)["rouge2"].recall for r in refs]))
        for p in sorted((DUC / "peers").glob(f"{c}.*")):
            text = " ".join(p.read_text(encoding="utf-8").split()[:100])
            best_peer.setdefault(p.suffix, []).append(100 * np.mean([scorer.score(r, text)["rouge2"].recall for r in refs]))
    assert np.mean(ours) >= GATE_R2_FLOOR, f"R-2 {np.mean(ours):.2f} fell under the pinned floor {GATE_R2_FLOOR}"
    # LexRank and Centroid (issue 2) stay beaten on these clusters too.
    assert np.mean(ours) > np.mean(best_peer[".LexRank"])
    assert np.mean(ours) > np.mean(best_peer[".Centroid"])


@pytest.mark.slow
def test_a_conflicting_number_is_not_corroboration(settings: Settings, resources) -> None:  # type: ignore[no-untyped-def]
    """The demo's "About 1,200 residents were evacuated" and Radio Estrel's "Some 850 ..." are one
    claim (and a disagreement); the summary does not cite Radio Estrel as confirming 1,200."""
    from newsbrief.pipeline import annotate_articles, build_brief
    from newsbrief.read.readers import read_paths

    demo = Path(__file__).resolve().parents[1] / "examples" / "demo"
    articles, _ = read_paths([str(demo)], settings)
    brief = build_brief(annotate_articles(articles, resources), replace(settings, words=150))
    text_of = {a.id: a.body for a in brief.articles}
    [evacuated] = [s for s in brief.summary if "1,200" in s.text]
    assert evacuated.sources and all("Some 850" not in text_of[a] for a in evacuated.sources)
    assert evacuated.independent_sources == len(evacuated.sources)
    # The conflict itself is still reported.
    assert any({"About 1,200", "Some 850"} <= {side.value for side in d.sides} for d in brief.disagreements)


def test_a_speaker_and_a_verb_alone_is_no_statement() -> None:
    assert judge_sentence("The Eastland Deputy U.N. Ambassador Tomas Vell disagreed .") == "fragment"
    assert judge_sentence("Gen. Ann Poe , head of the border mission , says .") == "fragment"
    # An attribution after a statement, or a speaker described in lower case, is a sentence.
    assert judge_sentence("The toll rose to 11 on Monday evening , officials said .") is None
    assert judge_sentence("Officials at the regional council in the valley town disagreed .") is None
