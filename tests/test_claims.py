"""Claims: every sentence in one claim, sources and independent-source counts, gold corroboration."""

from __future__ import annotations

import math
import random
from collections import Counter

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import pytest

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Claim
from newsbrief.story.claims import align_claims, backs_figures
from newsbrief.story.context import build_story
from newsbrief.story.quantities import find_quantities
from newsbrief.story.retractions import is_withdrawal

Claimed = tuple[tuple[AnnotatedArticle, ...], tuple[tuple[str, ...], ...], tuple[Claim, ...]]


@pytest.fixture(scope="module")
def claims_of(settings: Settings) -> Callable[[Sequence[AnnotatedArticle]], Claimed]:
    """A story's articles, syndication groups and claims."""

    def run(annotated: Sequence[AnnotatedArticle]) -> Claimed:
        context = build_story(annotated, settings)
        return context.annotated, context.syndication, align_claims(context, settings)

    return run


def test_every_sentence_is_in_exactly_one_claim(labelled_story_name: str, labelled_story: Any, claims_of: Any) -> None:
    annotated, _, claims = claims_of(labelled_story(labelled_story_name))
    members = Counter((m.article_id, m.sentence) for c in claims for m in c.members)
    every = {(a.article.id, s.index) for a in annotated for s in a.sentences}
    assert set(members) == every
    assert all(n == 1 for n in members.values())


def test_claim_records_are_consistent(labelled_story_name: str, labelled_story: Any, claims_of: Any) -> None:
    annotated, groups, claims = claims_of(labelled_story(labelled_story_name))
    texts = {(a.article.id, s.index): s.text for a in annotated for s in a.sentences}
    group_of = {a: g for g in groups for a in g}
    assert [c.id for c in claims] == list(range(len(claims)))
    for c in claims:
        articles = [m.article_id for m in c.members]
        assert c.sources == tuple(sorted(set(articles)))
        # One sentence per article: a claim's sources are the articles that state it.
        assert len(articles) == len(set(articles))
        independent = {group_of.get(a, (a,)) for a in c.sources}
        # Members that give another figure of the same thing (or correct it) do not back it.
        rep = next(m for m in c.members if texts[(m.article_id, m.sentence)] == c.text)
        rep_q = find_quantities(c.text)
        # A member that repeats the claim to withdraw it backs nothing (unless all do).
        kept = [m for m in c.members if not is_withdrawal(texts[(m.article_id, m.sentence)])] or list(c.members)
        backing = {
            group_of.get(m.article_id, (m.article_id,))
            for m in kept
            if m == rep or backs_figures(texts[(m.article_id, m.sentence)], find_quantities(texts[(m.article_id, m.sentence)]), c.text, rep_q)
        } or {group_of.get(m.article_id, (m.article_id,)) for m in kept}
        assert c.independent_sources == len(backing) <= len(independent)
        assert c.text in {texts[(m.article_id, m.sentence)] for m in c.members}


def test_seed_corroboration_matches_gold(gold_seeds: Any, gold: dict[str, Any], claims_of: Any, answer_keys: ModuleType) -> None:
    _, _, claims = claims_of(gold_seeds)
    for item in gold["corroboration"]["claims"]:
        counts = [c.independent_sources for c in answer_keys.find_keyword_claims(claims, item["keywords"])]
        assert counts, item["keywords"]
        assert max(counts) == item["independent"], (item["keywords"], counts)


def test_fixture_corroboration_matches_expectations(
    fixture_story_name: str, fixture_story: Any, claims_of: Any, answer_keys: ModuleType
) -> None:
    _, _, claims = claims_of(fixture_story(fixture_story_name))
    for item in answer_keys.load_fixture_expectations(fixture_story_name)["corroboration"]:
        if item.get("open"):
            # A known miss of a held-out story (benchmarks/sources.py counts it): fixed, unmark it.
            assert not answer_keys.check_corroboration(claims, item), ("now met: remove its 'open' mark", item)
        else:
            assert answer_keys.check_corroboration(claims, item), item


def test_syndicated_copies_count_once(gold_seeds: Any, claims_of: Any) -> None:
    _, _, claims = claims_of(gold_seeds)
    pair = ("000_d494350429975f8a.txt", "001_01d2753117808385.txt")
    # 001 retells every sentence of 000: each of 000's claims holds 001's twin too...
    with_000 = [c for c in claims if pair[0] in c.sources]
    assert with_000 and all(pair[1] in c.sources for c in with_000)
    # ... and the two count as one source.
    only_pair = [c for c in claims if c.sources == pair]
    assert only_pair and all(c.independent_sources == 1 for c in only_pair)


def test_claims_do_not_depend_on_input_order(fixture_story: Any, settings: Settings) -> None:
    annotated = list(fixture_story("trade_summit"))
    first = align_claims(build_story(annotated, settings), settings)
    random.Random(3).shuffle(annotated)
    assert align_claims(build_story(annotated, settings), settings) == first


def test_claims_are_ordered_by_corroboration(fixture_story: Any, claims_of: Any) -> None:
    _, _, claims = claims_of(fixture_story("harbour_fire"))
    keys = [(-c.independent_sources, -len(c.sources)) for c in claims]
    assert keys == sorted(keys)
    # The rising-toll leads of all five reports are one claim with three independent sources.
    assert claims[0].independent_sources == 3 and len(claims[0].sources) == 5


def test_no_articles_no_claims(settings: Settings) -> None:
    assert align_claims(build_story([], settings), settings) == ()


def test_a_later_development_is_not_the_earlier_report(demo_annotated: list[AnnotatedArticle], settings: Settings) -> None:
    """The demo's Wednesday report that residents were allowed home is close in wording and
    embedding (0.83) to Tuesday's "850 were evacuated", but it names a day after that report was
    published: not the same fact, so Tuesday's article does not corroborate it."""
    annotated = demo_annotated
    claims = align_claims(build_story(annotated, settings), settings)
    by_id = {a.article.id: a for a in annotated}

    def text(m):  # type: ignore[no-untyped-def]
        return by_id[m.article_id].sentences[m.sentence].text

    [back] = [c for c in claims if any("allowed to return" in text(m) for m in c.members)]
    assert not any("850" in text(m) for m in back.members), [text(m) for m in back.members]
    # The evacuation report itself still finds its restatements.
    [evacuated] = [c for c in claims if any(text(m).startswith("Some 850") for m in c.members)]
    assert len(evacuated.members) >= 2


def _claim_with(claims: Sequence[Claim], annotated: Sequence[AnnotatedArticle], needle: str) -> Claim:
    by_id = {a.article.id: a for a in annotated}
    [found] = [c for c in claims if any(needle in by_id[m.article_id].sentences[m.sentence].text for m in c.members)]
    return found


def test_one_figure_in_two_outlets_words_is_one_claim(annotate_story: Any, claims_of: Any) -> None:
    """Two independent outlets give one fact in their own words ("about 300 metres from the main
    railway station" / "roughly 300 metres from Central Station", in sentences that share few
    other words): one claim of two independent sources. A figure of another thing in a close sentence
    (the blast's 40 windows / 40 police officers) does not join them."""
    import datetime as dt

    from newsbrief.models import Article

    arts = [
        Article(id="e1", path="e1.txt", outlet="Riverside Gazette", published=dt.date(2025, 6, 6), body=(
            "A bomb exploded in a busy shopping street in Velmar on Friday evening, injuring eight people.\n\n"
            "The explosion took place about 300 metres from the main railway station, investigators said.\n\n"
            "The blast shattered 40 windows along the street.\n\n"
            "Trains were halted and the station was evacuated for two hours.\n\n"
            "Police closed the streets within 500 metres of the station overnight.")),
        Article(id="e2", path="e2.txt", outlet="Velmar Evening News", published=dt.date(2025, 6, 6), body=(
            "Eight people were hurt when a device went off on Friday in Velmar's main shopping district.\n\n"
            "A nail bomb went off roughly 300 metres from Central Station, witnesses told the Evening News.\n\n"
            "Some 40 police officers sealed off the area overnight.\n\n"
            "Central Station reopened on Saturday morning, rail officials said.\n\n"
            "Shops within a few hundred metres of the station stayed shut.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    where = _claim_with(claims, annotated, "300 metres from the main")
    assert where.sources == ("e1", "e2") and where.independent_sources == 2
    windows = _claim_with(claims, annotated, "40 windows")
    assert windows.sources == ("e1",)


def test_one_sum_written_two_ways_is_one_claim(annotate_story: Any, claims_of: Any) -> None:
    """"€1.2bn" and "1.2 billion euros" share no bigram, and the two sentences sit at cosine 0.67,
    under the claim threshold: the shared figure of one thing makes them one fact of two sources."""
    import datetime as dt

    from newsbrief.models import Article

    arts = [
        Article(id="t1", path="t1.txt", outlet="Harbour City Herald", published=dt.date(2025, 9, 2), body=(
            "Harbour City approved plans for an eastern tram extension on Tuesday.\n\n"
            "The city will spend \u20ac1.2bn on the new tram line, the council said.\n\n"
            "Construction is due to start next spring.")),
        Article(id="t2", path="t2.txt", outlet="Transit Weekly", published=dt.date(2025, 9, 3), body=(
            "Councillors in Harbour City voted 31 to 12 for the eastern tram extension.\n\n"
            "Planning documents put the cost of the eastern tram extension at 1.2 billion euros.\n\n"
            "Opponents said buses would be cheaper.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    cost = _claim_with(claims, annotated, "1.2bn")
    assert cost.sources == ("t1", "t2") and cost.independent_sources == 2


def test_shared_figure_needs_the_same_thing_counted() -> None:
    from newsbrief.story.claims import share_figure
    from newsbrief.story.quantities import find_quantities

    assert share_figure(find_quantities("about 300 metres from the station"), find_quantities("roughly 300 metres away"))
    # Same number, different things; and a small number that many facts share.
    assert not share_figure(find_quantities("300 homes were flooded"), find_quantities("300 soldiers were sent"))
    assert not share_figure(find_quantities("the talks lasted two days"), find_quantities("a two-day visit of two days"))
    # A measure is specific however small, in any spelling of its unit.
    assert share_figure(find_quantities("roughly 2 km off the harbour"), find_quantities("about two kilometres out"))
    assert not share_figure(find_quantities("roughly 2 km off the harbour"), find_quantities("about 3 km out"))


def test_a_member_giving_another_figure_does_not_back_the_claim() -> None:
    def backs(member: str, rep: str) -> bool:
        return backs_figures(member, find_quantities(member), rep, find_quantities(rep))

    rep = "Two people died in the fire, both of them residents of the hill farms."
    assert backs("Two people died in the blaze on the hill, officials said.", rep)
    assert not backs("Four people died in the blaze on the hill, officials said.", rep)
    # A correction rejects the figure the other states, whichever is the representative.
    cut = "The carmaker will cut 1,800 jobs at the Dunmore plant."
    revised = "The carmaker revised the number of job cuts at the Dunmore plant to 1,650 from 1,800."
    assert not backs(revised, cut) and not backs(cut, revised)
    # A member that states none of a specific figure's things tells only the rest of the fact: the
    # figure stays told once (since session 9; before, "will cut jobs" backed "cut 1,800 jobs").
    assert not backs("The carmaker will cut jobs at the Dunmore plant.", cut)
    # ... while one that tells another of its figures backs it (the duration, not the 200 crews).
    crews = "About 200 firefighters fought the blaze at the Orme depot for more than nine hours."
    assert backs("Crews fought the blaze at the Orme depot for more than nine hours.", crews)
    # A representative without a specific figure is backed by any member that does not contradict it.
    assert backs("The carmaker will cut jobs at the Dunmore plant.", "The carmaker confirmed job cuts at Dunmore.")


def test_one_sentence_two_facts_counts_the_figure_once(annotate_story: Any, claims_of: Any) -> None:
    """Own example: "The line will close for repairs" (two outlets) and "Closing the line for repairs
    will cost the operator about 4 million pounds" (one outlet) may be one claim, but its sum is
    told by one source only."""
    import datetime as dt

    from newsbrief.models import Article

    arts = [
        Article(id="k1", path="k1.txt", outlet="Fenland Post", published=dt.date(2025, 2, 3), body=(
            "The Fenmarsh branch line will close for three months of bridge repairs from April.\n\n"
            "Buses will replace trains between Orrey and Fenmarsh.")),
        Article(id="k2", path="k2.txt", outlet="Rail Money", published=dt.date(2025, 2, 4), body=(
            "Closing the Fenmarsh branch line for bridge repairs will cost the operator about 4 million pounds.\n\n"
            "Ticket sales on the branch fell last year.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    cost = _claim_with(claims, annotated, "4 million pounds")
    assert cost.independent_sources == 1


def test_one_measure_in_two_outlets_words_is_one_claim(annotate_story: Any, claims_of: Any) -> None:
    """Own example: one distance told in different words by two outlets (few shared words, no shared
    bigram) is one fact of two sources; a count shared by two close sentences is not enough."""
    import datetime as dt

    from newsbrief.models import Article

    arts = [
        Article(id="m1", path="m1.txt", outlet="Coast Daily", published=dt.date(2025, 8, 11), body=(
            "A fishing trawler sank off Kessing on Monday.\n\n"
            "The trawler went under about three kilometres from the Kessing lighthouse in rough weather.\n\n"
            "All six crew were rescued.")),
        Article(id="m2", path="m2.txt", outlet="Northern Wire", published=dt.date(2025, 8, 11), body=(
            "Six fishermen were rescued after their trawler sank on Monday.\n\n"
            "It capsized roughly 3 km out from the lighthouse at Kessing point as waves rose.\n\n"
            "The coastguard praised the crew.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    where = _claim_with(claims, annotated, "about three kilometres")
    assert where.independent_sources == 2


def test_one_announced_act_for_one_coming_day_is_one_claim(annotate_story: Any, claims_of: Any) -> None:
    """Own example: two outlets say, in their own words, that a vote will be held on Thursday (after
    both reports; the two sentences sit at cosine 0.62, under the lexical guard): one fact. A report on that Thursday that
    it was held is another."""
    import datetime as dt

    from newsbrief.models import Article

    arts = [
        Article(id="v1", path="v1.txt", outlet="Civic Times", published=dt.date(2025, 3, 3), body=(
            "Dock workers at Port Selby rejected the new rota on Monday.\n\n"
            "Their union said members would vote on Thursday on whether to strike.")),
        Article(id="v2", path="v2.txt", outlet="Harbour FM", published=dt.date(2025, 3, 3), body=(
            "Port Selby's dockers have turned down the management's shift plan.\n\n"
            "The union has asked its members whether to walk out; they vote on Thursday, says a notice seen by Harbour FM.")),
        Article(id="v3", path="v3.txt", outlet="Selby Record", published=dt.date(2025, 3, 6), body=(
            "Dockers at Port Selby voted on Thursday to strike from next week.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    vote = _claim_with(claims, annotated, "would vote on Thursday")
    assert vote.sources == ("v1", "v2") and vote.independent_sources == 2
    from newsbrief.story.claims import find_dated_acts

    assert find_dated_acts("Talks would resume on Friday at noon.") == {("resume", "friday")}
    assert find_dated_acts("The union said on Friday that talks were over.") == frozenset()  # "said" is no act


def test_one_fact_tied_to_one_year_in_two_outlets_words_is_one_claim(annotate_story: Any, claims_of: Any) -> None:
    """Own example: two outlets tie one background fact to "since 2019" in their own words and share
    a word few sentences of the story hold ("leaks"; cosine 0.47, no shared bigram): one fact of two
    sources. A sentence that shares
    the year with them but only the story's common words ("tunnel") is another fact."""
    import datetime as dt

    from newsbrief.models import Article

    arts = [
        Article(id="y1", path="y1.txt", outlet="Alpine Post", published=dt.date(2025, 5, 6), body=(
            "A section of the Brenna rail tunnel flooded on Monday, stopping all trains.\n\n"
            "The tunnel had been limited to one track since 2019 because of leaks in its roof.\n\n"
            "Engineers pumped water out of the tunnel through the night.")),
        Article(id="y2", path="y2.txt", outlet="Rail Wire", published=dt.date(2025, 5, 6), body=(
            "Trains through the Brenna tunnel were halted after water poured in on Monday.\n\n"
            "Inspectors found leaks in 2019 and only a single line has run since 2019.\n\n"
            "The tunnel has carried freight trains since 2019 as well as passengers.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    since = _claim_with(claims, annotated, "limited to one track")
    assert since.independent_sources == 2
    freight = _claim_with(claims, annotated, "carried freight trains")
    assert freight.independent_sources == 1
    from newsbrief.story.claims import find_year_anchors

    # "in" only dates a past event, which many facts of a story share.
    assert find_year_anchors("closed since 2019 and rebuilt in 2021") == {("since", "2019")}


def test_one_toll_in_two_outlets_words_on_one_day_is_one_claim(annotate_story: Any, claims_of: Any) -> None:
    """Own example: two reports of one day each give the dead one figure, nine, near their top, in
    different words (cosine 0.40, under every other edge rule): one fact of two sources. The other
    report's toll of a fire set apart ("In a separate fire ...") is another event and does not make
    its figure of the dead ambiguous."""
    import datetime as dt

    from newsbrief.models import Article

    day = dt.date(2025, 2, 3)
    arts = [
        Article(id="f1", path="f1.txt", outlet="Lowland Times", published=day, body=(
            "The death toll from the fire at the Marsh Lane care home in Ebbing rose to nine on Monday evening, "
            "the fire service said, as investigators began searching the building.\n\n"
            "The blaze broke out in a laundry room shortly before dawn.")),
        Article(id="f2", path="f2.txt", outlet="Radio Ebbing", published=day, body=(
            "Firefighters worked for four hours to bring the flames under control.\n\n"
            "Nine residents have died, the home's owners said.\n\n"
            "In a separate fire in the nearby town of Holt, two people were killed on Sunday.")),
    ]
    annotated, _, claims = claims_of(annotate_story(arts))
    toll = _claim_with(claims, annotated, "rose to nine")
    assert toll.sources == ("f1", "f2") and toll.independent_sources == 2


def _plain_fact(a: str, b: str, story: Sequence[str]) -> bool:
    """claims.say_one_plain_fact on two sentences of ``story`` (own examples), with its idf."""
    from newsbrief.story.claims import say_one_plain_fact
    from newsbrief.story.overlap import compute_idf, scan_features

    words = [scan_features(t)[0] for t in story]
    idf = compute_idf(words)
    rare = math.log((len(story) + 1) / 3.5)  # a word in three sentences or fewer, as in a short story
    return say_one_plain_fact(a, scan_features(a)[0], b, scan_features(b)[0], idf, rare)


# A fictional short story: a ferry runs aground; most sentences name the ferry and the harbour.
_FERRY = [
    "A ferry ran aground at the mouth of Osk harbour on Tuesday morning.",
    "The ferry was leaving the harbour for the islands when it struck a sandbank.",
    "Rescuers said the ferry's deck was covered in oil.",
    "The deck had been coated in thick oil from a burst tank, the coastguard said.",
    "The ferry company promised a full inquiry into the grounding, trying to calm angry islanders.",
    "The ferry company rejected calls to be fined, accusing its critics of trying to score points.",
    "Divers from Tarrow inspected the hull of the ferry.",
    "Divers inspected the hull of the ferry.",
    "The ferry carried 212 passengers.",
    "The ferry carried passengers and cars.",
    "The harbour stayed open for fishing boats.",
]


def test_one_plain_fact_in_two_outlets_words_is_told_apart_from_two_facts_of_one_subject() -> None:
    """Own examples for the paraphrase edge (claims._find_paraphrase_pairs): the deck covered in oil
    / coated in thick oil share their rare words; two deeds of the ferry company share only the
    story's common words, the company and a filler ("trying"); a rare place only one names, or a number, is more
    than the other says."""
    s = _FERRY
    assert _plain_fact(s[2], s[3], s)
    assert not _plain_fact(s[4], s[5], s)
    assert not _plain_fact(s[6], s[7], s)  # "Tarrow": who the divers were, only in one
    assert not _plain_fact(s[8], s[9], s)  # a number is left to the figure rules
