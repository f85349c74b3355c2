"""The story timeline: quality gate on the seed gold, grouping, ordering and the N-dates/K-per-date
protocol."""

from __future__ import annotations

import dataclasses
import datetime as dt

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from newsbrief.config import load_settings
from newsbrief.annotate.dates import find_dates
from newsbrief.models import AnnotatedArticle, Article, Claim, SentenceRef, TimelineEvent
from newsbrief.story.context import build_story
from newsbrief.story.timeline import build_timeline

SETTINGS = load_settings()


@pytest.fixture(scope="module")
def seed_timeline(gold_seeds: tuple[AnnotatedArticle, ...]) -> Callable[..., tuple[TimelineEvent, ...]]:
    """``seed_timeline(**settings)``: the timeline of the gold-body seeds."""
    story = build_story(gold_seeds, SETTINGS)
    return lambda **overrides: build_timeline(story, (), dataclasses.replace(SETTINGS, **overrides))


@pytest.fixture(scope="module")
def annotate(resources: Any, split_plain: Any) -> Callable[..., AnnotatedArticle]:
    """``annotate(article, embed=True)``: one invented article through dates (with spaCy) and,
    optionally, the embedder."""

    def run(article: Article, embed: bool = True) -> AnnotatedArticle:
        sents = split_plain(article)
        emb = resources.embedder.encode([s.text for s in sents]) if embed else np.zeros((0, 0), dtype=np.float32)
        dates = find_dates(article, sents, resources.nlp(article.body))
        return AnnotatedArticle(article=article, sentences=sents, dates=dates, embeddings=emb)

    return run


def test_gold_events_are_on_their_dates(gold: Any, seed_timeline: Any) -> None:
    """Quality gate: every gold event has an entry on its date holding one of its keywords."""
    timeline = seed_timeline()
    for event in gold["timeline"]["events"]:
        texts = [e.text for e in timeline if e.date == event["date"]]
        assert any(k in t for t in texts for k in event["keywords"]), (event, texts)


def test_forbidden_entries_never_appear(gold: Any, seed_timeline: Any) -> None:
    timeline = seed_timeline()
    for bad in gold["timeline"]["must_not_appear"]:
        if "date" in bad:
            assert all(e.date != bad["date"] for e in timeline), bad
        for k in bad.get("keywords", []):
            assert all(k not in e.text for e in timeline), bad


def test_one_event_reported_by_two_outlets_is_one_entry(seed_timeline: Any) -> None:
    october = [e for e in seed_timeline() if e.date == "2023-10"]
    assert len(october) == 1
    assert october[0].sources == ("000_d494350429975f8a.txt", "001_01d2753117808385.txt")


def test_event_text_drops_the_dateline(seed_timeline: Any) -> None:
    assert all(not e.text.startswith("7th December") for e in seed_timeline())


def test_timeline_is_sorted_and_sources_are_sorted(seed_timeline: Any) -> None:
    timeline = seed_timeline()
    keys = [(e.date, e.sources[0]) for e in timeline]
    assert keys == sorted(keys)
    assert all(list(e.sources) == sorted(set(e.sources)) for e in timeline)


def test_input_order_does_not_change_the_timeline(gold_seeds: Any) -> None:
    ann = gold_seeds
    assert build_timeline(build_story(list(reversed(ann)), SETTINGS), (), SETTINGS) == build_timeline(build_story(ann, SETTINGS), (), SETTINGS)


def test_protocol_keeps_n_dates_and_k_per_date(seed_timeline: Any) -> None:
    timeline = seed_timeline(timeline_dates=2, timeline_per_date=1)
    dates = [e.date for e in timeline]
    assert len(dates) == len(set(dates)) == 2
    # The visit's first day is mentioned by the most articles; day dates outrank months.
    assert "2023-12-12" in dates and all(len(d) == 10 for d in dates)
    loose = seed_timeline(timeline_per_date=2)
    assert max(sum(e.date == d for e in loose) for d in {e.date for e in loose}) <= 2


def test_protocol_window_keeps_dates_inside(gold_seeds: Any) -> None:
    settings = dataclasses.replace(SETTINGS, timeline_dates=5, timeline_per_date=1)
    window = (dt.date(2023, 12, 8), dt.date(2023, 12, 31))
    timeline = build_timeline(build_story(gold_seeds, SETTINGS), (), settings, window=window)
    assert timeline and all("2023-12-08" <= e.date <= "2023-12-31" for e in timeline)


def test_claims_merge_sentences_the_embeddings_keep_apart(annotate: Any) -> None:
    body_a = "The rebels seized the northern airport on Monday after heavy fighting."
    body_b = "Fighters took control of an airfield in the north on Monday, residents said."
    a = annotate(Article(id="a", path="a", body=body_a, published=dt.date(2024, 3, 6)))
    b = annotate(Article(id="b", path="b", body=body_b, published=dt.date(2024, 3, 6)))
    apart = build_timeline(build_story([a, b], SETTINGS), (), SETTINGS)
    claim = Claim(0, body_a, ("a", "b"), 2, (SentenceRef("a", 0), SentenceRef("b", 0)))
    merged = build_timeline(build_story([a, b], SETTINGS), [claim], SETTINGS)
    assert len(merged) == 1 and merged[0].sources == ("a", "b") and merged[0].date == "2024-03-04"
    assert len(apart) >= len(merged)


def test_without_embeddings_every_dated_sentence_is_an_event(annotate: Any) -> None:
    body = "The ministers met on Monday in Geneva.\n\nThe ministers will meet again on Friday in Rome."
    a = annotate(Article(id="a", path="a", body=body, published=dt.date(2024, 3, 6)), embed=False)
    timeline = build_timeline(build_story([a], SETTINGS), (), SETTINGS)
    assert [(e.date, e.sources) for e in timeline] == [("2024-03-04", ("a",)), ("2024-03-08", ("a",))]


def test_publication_day_sentences_only_in_protocol_mode(annotate: Any) -> None:
    """An undated lead sentence is not an event by itself, but may fill a chosen date's slot."""
    body = "Thousands marched through the capital demanding the minister's resignation."
    a = annotate(Article(id="a", path="a", body=body, published=dt.date(2024, 3, 6)))
    assert build_timeline(build_story([a], SETTINGS), (), SETTINGS) == ()
    protocol = build_timeline(build_story([a], SETTINGS), (), dataclasses.replace(SETTINGS, timeline_dates=1, timeline_per_date=1))
    assert [(e.date, e.sources) for e in protocol] == [("2024-03-06", ("a",))]


def test_gold_gate_through_the_whole_pipeline(seeds_brief, gold) -> None:  # type: ignore[no-untyped-def]
    """The same gate on the brief built from the raw seed files (reader, cleaning, annotate, build)."""
    timeline = seeds_brief.timeline
    for event in gold["timeline"]["events"]:
        texts = [e.text for e in timeline if e.date == event["date"]]
        assert any(k in t for t in texts for k in event["keywords"]), (event, texts)
    for bad in gold["timeline"]["must_not_appear"]:
        assert all(e.date != bad.get("date") for e in timeline), bad
        assert all(k not in e.text for e in timeline for k in bad.get("keywords", [])), bad
    assert all(not e.text.startswith("(") for e in timeline)


def test_a_sentence_naming_several_dates_is_listed_once_under_the_date_it_reports(annotate: Any) -> None:
    # Fictional reports. Each sentence names two or three dates; each is listed once: not under
    # the day it was said nor a background date ("after Friday's landslide"), a day rather than
    # a month, and otherwise the date named first.
    bodies = {
        "a": ("The Harlow footbridge reopened on Wednesday after repairs that began on 2 April, "
              "the council said on Thursday.", dt.date(2024, 5, 10)),
        "b": ("Grain prices rose in April and jumped again on 3 May, the farm agency reported on Monday.",
              dt.date(2024, 5, 7)),
        "c": ("The ferry strike that started on 12 March ended on 20 March, the union said.", dt.date(2024, 3, 22)),
        "d": ("Families evacuated after Friday's landslide in Orvik returned to their homes on Sunday, "
              "the county office said.", dt.date(2024, 6, 10)),
    }
    annotated = [annotate(Article(id=k, path=k, body=b, published=p)) for k, (b, p) in bodies.items()]
    assert all(len({m.date for m in a.dates}) >= 2 for a in annotated), "each sentence names several dates"
    timeline = build_timeline(build_story(annotated, SETTINGS), (), SETTINGS)
    texts = [e.text for e in timeline]
    assert len(texts) == len(set(texts)) == 4
    on = {e.sources[0]: e.date for e in timeline}
    assert on == {"a": "2024-05-08", "b": "2024-05-03", "c": "2024-03-12", "d": "2024-06-09"}


def test_a_day_inside_a_who_or_which_clause_says_who_and_the_main_verb_s_day_is_the_entry(annotate: Any) -> None:
    # Fictional reports: the day in the relative clause only says who or what; the main clause's
    # day is the news. A "that" clause keeps the date named first (test above, "c").
    bodies = {
        "who": ("A cyclist who fell on the Tarn descent on Saturday died in hospital on Tuesday, police said.",
                dt.date(2024, 7, 17)),
        "which": ("The Orvik ferry, which ran aground on Friday, was towed free on Sunday.", dt.date(2024, 7, 15)),
    }
    annotated = [annotate(Article(id=k, path=k, body=b, published=p)) for k, (b, p) in bodies.items()]
    assert all(len({m.date for m in a.dates}) == 2 for a in annotated), "each sentence names two days"
    timeline = build_timeline(build_story(annotated, SETTINGS), (), SETTINGS)
    assert {e.sources[0]: e.date for e in timeline} == {"who": "2024-07-16", "which": "2024-07-14"}


def test_a_report_said_on_one_day_of_a_state_since_another_is_listed_on_the_day_said(annotate: Any) -> None:
    # Fictional reports (issue 13, a new user's walkthrough). "X said on Wednesday it had lost ...
    # since ... on Tuesday" is Wednesday's report: the "since" day is only where the loss began,
    # however long the clause's subject; the day it was said beats a background date.
    bodies = {
        "long": ("Estuary Lines said on Wednesday it had lost 40,000 euros in fares since the road bridge "
                 "across the estuary closed on Tuesday.", dt.date(2024, 5, 15)),
        "short": ("The Orby depot said on Friday it had sold 300 tickets since the strike began on Monday.",
                  dt.date(2024, 5, 17)),
    }
    annotated = [annotate(Article(id=k, path=k, body=b, published=p)) for k, (b, p) in bodies.items()]
    assert {k: len({m.date for m in a.dates}) for k, a in zip(bodies, annotated, strict=True)} == {"long": 2, "short": 2}
    timeline = build_timeline(build_story(annotated, SETTINGS), (), SETTINGS)
    assert {e.sources[0]: e.date for e in timeline} == {"long": "2024-05-15", "short": "2024-05-17"}


def test_a_brief_lists_only_entries_that_stand_alone(annotate: Any) -> None:
    # Fictional report: a host's aside, a follower and a since-clause are dated but are no entry;
    # the protocol (scored per date) may still use them.
    body = (
        "Flood barriers failed along the river Lenne in Altburg on Monday, forcing 4,000 people from their homes.\n\n"
        "The woman was pulled from the water on Monday as the barrier gave way.\n\n"
        "Before we go, we will be back on Monday with the latest from Altburg.\n\n"
        "The bridge at Hallin has been shut since Saturday, the river authority said."
    )
    a = annotate(Article(id="a", path="a", body=body, published=dt.date(2024, 3, 6)))
    assert {m.date for m in a.dates} >= {"2024-03-04", "2024-03-02"}
    timeline = build_timeline(build_story([a], SETTINGS), (), SETTINGS)
    assert [e.text[:20] for e in timeline] == ["Flood barriers faile"]
    protocol = build_timeline(build_story([a], SETTINGS), (), dataclasses.replace(SETTINGS, timeline_per_date=5))
    assert any(e.date == "2024-03-02" for e in protocol)


def test_one_sentence_told_again_under_another_date_is_listed_once(annotate: Any) -> None:
    # Fictional reports a week apart retell one sentence; "Monday" resolves to a different day in
    # each. The timeline lists it once (where more articles report it, else the earlier).
    first = "On Monday, the mayor of Tarn said the old bridge would be rebuilt within a year."
    again = "On Monday the mayor of Tarn said the old bridge would be rebuilt within one year."
    a = annotate(Article(id="a", path="a", body=first, published=dt.date(2024, 3, 6)))
    b = annotate(Article(id="b", path="b", body=again, published=dt.date(2024, 3, 13)))
    c = annotate(Article(id="c", path="c", body=first.replace(",", ""), published=dt.date(2024, 3, 6)))
    assert {m.date for m in a.dates} == {"2024-03-04"} and {m.date for m in b.dates} == {"2024-03-11"}
    timeline = build_timeline(build_story([a, b, c], SETTINGS), (), SETTINGS)
    assert [e.date for e in timeline] == ["2024-03-04"]


def test_a_distance_to_an_earlier_event_does_not_date_the_report(annotate: Any) -> None:
    # Fictional report of Thursday 16 May 2024: "two weeks after" dates the storm, not the
    # minister's visit; the sentence is listed once, under the day of the visit.
    body = ("Two weeks after a storm broke the levee on the river Aun, interior minister Lena Vasko "
            "toured the flooded town of Brisk on Thursday and promised money for new barriers.")
    a = annotate(Article(id="a", path="a", body=body, published=dt.date(2024, 5, 16)))
    assert {m.date for m in a.dates} == {"2024-05-16", "2024-05-02"}, "the anchor resolves to the storm's day"
    timeline = build_timeline(build_story([a], SETTINGS), (), SETTINGS)
    assert [e.date for e in timeline] == ["2024-05-16"]


def test_a_preview_gives_way_to_the_report_of_the_day(annotate: Any) -> None:
    # Fictional reports: a week ahead, one outlet says the president "will open" the bridge on
    # Saturday; on the day, another reports the opening and a third adds a protest. The entry of
    # the day is told by a report published on it, not by the preview, and a preview that no report
    # of the day retells is no entry beside them.
    preview = ("President Ada Morel will open the new Varna river bridge on Saturday, her office said, "
               "ending four years of building work.\n\n"
               "Morel will also visit a school in Varna on Saturday, aides said.")
    report = "President Ada Morel opened the new Varna river bridge on Saturday, ending four years of building work."
    protest = "About 200 fishermen protested against the Varna river bridge on Saturday, saying it blocks their boats."
    a = annotate(Article(id="a", path="a", body=preview, published=dt.date(2024, 6, 3)))
    b = annotate(Article(id="b", path="b", body=report, published=dt.date(2024, 6, 8)))
    c = annotate(Article(id="c", path="c", body=protest, published=dt.date(2024, 6, 8)))
    assert {m.date for m in a.dates} == {"2024-06-08"}
    timeline = build_timeline(build_story([a, b, c], SETTINGS), (), SETTINGS)
    texts = sorted(" ".join(e.text.split()[:4]) for e in timeline)
    assert texts == ["About 200 fishermen protested", "President Ada Morel opened"]
    protocol = build_timeline(build_story([a, b, c], SETTINGS), (), dataclasses.replace(SETTINGS, timeline_per_date=5))
    assert any(e.text.startswith("Morel will also visit") for e in protocol), "the protocol is unchanged"


def test_a_deadline_told_ahead_stays_beside_the_reports_of_its_day(annotate: Any) -> None:
    # Fictional reports. On Monday one outlet says families "have until Friday" to leave a shelter
    # and that a road stays shut "until Friday", and previews a visit on Friday; on Friday
    # another reports the grants paid out. The deadline and the end of the closure are what is due
    # that day, listed under it beside the report; the preview of the visit still gives way.
    ahead = ("Families sheltering in the Varna school gym have until Friday to find other housing.\n\n"
             "The coast road north of Varna will stay closed until Friday, the roads agency said.\n\n"
             "Mayor Ada Morel will visit the flood shelters in Varna on Friday, her office said.")
    report = "The council of Varna paid out 2 million euros in flood grants to 600 households on Friday."
    a = annotate(Article(id="a", path="a", body=ahead, published=dt.date(2024, 6, 3)))
    b = annotate(Article(id="b", path="b", body=report, published=dt.date(2024, 6, 7)))
    assert {m.date for m in a.dates} == {"2024-06-07"}
    timeline = build_timeline(build_story([a, b], SETTINGS), (), SETTINGS)
    assert {e.date for e in timeline} == {"2024-06-07"}
    texts = sorted(" ".join(e.text.split()[:3]) for e in timeline)
    assert texts == ["Families sheltering in", "The coast road", "The council of"]


def test_a_date_named_in_a_comparison_or_by_a_sentence_that_looks_ahead_does_not_file_it(annotate: Any) -> None:
    # Fictional reports. A date inside a comparison ("Similar to the floods of 12 April", ", like
    # those at the Geneva round on 2 March,") or in a clause of time of a sentence that only guesses or looks
    # ahead ("could raise rates again after its March meeting") is the other event's: the sentence
    # is no entry there. A sentence naming its own day beside the compared one is filed under its day;
    # "after" in a sentence that reports a happening still dates it ("after dawn on Monday").
    bodies = {
        "a": ("Similar to the floods of 12 April, Storm Kaela may cut power to thousands of homes along "
              "the Vell coast, forecasters said.", dt.date(2024, 5, 20)),
        "b": ("Negotiators, like those at the Geneva round on 2 March, walked out of the Pella water "
              "talks on Friday without a deal.", dt.date(2024, 5, 20)),
        "c": ("Analysts say the Norland central bank could raise rates again after its meeting in March "
              "to cool house prices.", dt.date(2024, 5, 20)),
        "d": ("Shortly after dawn on Monday, river police pulled two fishermen from the flooded Vell "
              "estuary near Oster.", dt.date(2024, 5, 20)),
    }
    annotated = [annotate(Article(id=k, path=k, body=b, published=p)) for k, (b, p) in bodies.items()]
    assert {m.date for m in annotated[0].dates} == {"2024-04-12"}
    assert {m.date for m in annotated[1].dates} == {"2024-03-02", "2024-05-17"}
    assert {m.date for m in annotated[2].dates} == {"2024-03"}
    timeline = build_timeline(build_story(annotated, SETTINGS), (), SETTINGS)
    assert {e.sources[0]: e.date for e in timeline} == {"b": "2024-05-17", "d": "2024-05-20"}
    protocol = build_timeline(build_story(annotated, SETTINGS), (), dataclasses.replace(SETTINGS, timeline_per_date=5))
    assert any(e.date == "2024-04-12" for e in protocol), "the protocol (scored per date) is unchanged"


def test_fixture_timeline_dates_match_expectations(fixture_story_name: str, fixture_story: Any, answer_keys: Any) -> None:
    # The answer keys that date sentences (session 12 on): listed under the day the event is
    # about, once; an "open" item is a known miss of a held-out story (benchmarks/sources.py).
    from newsbrief.story.claims import align_claims

    items = answer_keys.load_fixture_expectations(fixture_story_name).get("timeline", [])
    if not items:
        return
    settings = load_settings()
    story = build_story(fixture_story(fixture_story_name), settings)
    timeline = build_timeline(story, align_claims(story, settings), settings)
    for item in items:
        assert answer_keys.check_timeline_date(timeline, item) != bool(item.get("open")), item
