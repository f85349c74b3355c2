"""Corrections: a later report that says an earlier figure was wrong is a disagreement of kind
``correction``, with both figures side by side and the correcting article cited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Brief, Disagreement
from newsbrief.render import render
from newsbrief.render.json import brief_from_dict
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.corrections import find_correction
from newsbrief.story.disagreements import find_disagreements


@pytest.mark.parametrize(
    ("text", "key", "old", "new"),
    [
        # rejection: the new figure, "not"/"rather than"/"instead of" and the old one with a cue
        ("The ferry carried 212 passengers \u2014 not 189, as the operator first said.", "passenger", "189", "212"),
        ("Police now say 14 people were injured, rather than the 20 reported on Monday.", "injured", "20", "14"),
        ("The council said 300 homes were flooded, not 450 as initially announced.", "home", "450", "300"),
        # ... with a model number in the counted thing's name
        ("The maker is recalling 5,000 Volt 3 scooters, not the 3,000 first reported.", "scooter", "3,000", "5,000"),
        ("The fund is worth $2.5 billion instead of the $4 billion reported earlier.", "money:USD:", "$4 billion", "$2.5 billion"),
        # ... after the whole predicate of the new figure, here a displacement in other words
        ("Some 2,300 people were moved out of their homes along the Vell river overnight, not the 1,500 first reported.",
         "displaced", "1,500", "Some 2,300"),
        # revision: a verb of correcting with "to N from O", "from O to N", "figure of O ... to N"
        ("The death toll was revised down to 9 from 12 on Tuesday.", "deaths", "12", "9"),
        ("Officials corrected the number of missing from 30 to 18.", "missing", "30", "18"),
        ("The airline amended its figure of 140 passengers to 152.", "passenger", "140", "152"),
        ("The toll was revised up to 41 from 37.", "deaths", "37", "41"),
        ("The ministry revised the number of schools damaged to 64 from 80.", "school", "80", "64"),
        # ... or the new figure first, then "correcting/revising an earlier figure of O" (session 15)
        ("Police said 23 people had been trapped, correcting an earlier figure of 19.", "trapped", "19", "23"),
        ("The port counted 640 containers lost, revising its estimate of 410.", "container", "410", "640"),
        # retraction: the old figure in an earlier report, said to be wrong, and the new one
        ("Earlier reports of 12 dead were wrong, the army said, adding that nine soldiers died.", "deaths", "12", "9"),
        ("The 15 arrests initially reported were in fact 11, police said.", "arrested", "15", "11"),
        # a correction note: "not O as an earlier version said", the key from the note's own words
        ("This story was amended to correct the number of people injured: it is 7, not 17 as an earlier version said.",
         "injured", "17", "7"),
        ("The bridge carries 900 lorries a day, not 9,000 as an earlier version of this article stated.", "lorry", "9,000", "900"),
    ],
)
def test_correction_constructions_are_read(text: str, key: str, old: str, new: str) -> None:
    c = find_correction(text)
    assert c is not None, text
    assert (c.key, c.old.text, c.new.text) == (key, old, new)


@pytest.mark.parametrize(
    "text",
    [
        # a figure that rises is a change, not a correction
        "The toll rose to 41 from 37 overnight.",
        "The death toll climbed to 41, up from an earlier figure of 37.",
        # "not" that rejects nothing reported
        "At least 20 people were hurt, not including 3 firefighters.",
        "Organisers said 12 teams would take part, not 10.",
        "The minister said the plan would cost 5 million euros, not a cent more.",
        # a revision verb without two figures of one thing
        "The company revised its forecast on Monday and said 300 jobs would go.",
        # an earlier report, but nothing says it was wrong
        "Earlier reports said 12 people had died; the toll has since risen to 19.",
    ],
)
def test_no_correction_without_one(text: str) -> None:
    assert find_correction(text) is None


def _article(aid: str, day: str, time: str | None, body: str, outlet: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", body=body, published=dt.date.fromisoformat(day), published_time=time, outlet=outlet)


def _found(annotate: Callable[[Sequence[Article]], list[AnnotatedArticle]], settings: Settings, arts: list[Article]) -> tuple[Disagreement, ...]:
    story = build_story(annotate(arts), settings)
    return find_disagreements(story, align_claims(story, settings))


def test_rejected_count_is_reported_beside_the_earlier_report(annotate_story: Any, settings: Settings) -> None:
    found = _found(annotate_story, settings, [
        _article("m1", "2025-05-06", "09:00", "A cargo ship ran aground off Pellin Point on Tuesday.\n\n"
                 "The ship had 23 crew members on board, the coastguard said.\n\nTugs were sent from Karsby.", "Coast Radio"),
        _article("m2", "2025-05-06", "16:30", "Salvage teams reached the stranded cargo ship at Pellin Point.\n\n"
                 "The ship had 27 crew members on board, not the 23 first reported, the coastguard said.\n\n"
                 "Fuel was being pumped out.", "Harbour Daily"),
    ])
    (d,) = found
    assert d.kind == "correction" and d.corrected_by == ("m2",)
    assert [(s.value, s.sources) for s in d.sides] == [("23", ("m1",)), ("27", ("m2",))]
    assert d.sides[0].published == "2025-05-06T09:00" and "not the 23" in d.sides[1].text


def test_revised_toll_joins_the_change_it_corrects(annotate_story: Any, settings: Settings) -> None:
    # The later plain report of the new figure joins the correcting side; the rising toll is one
    # disagreement, marked as a correction, not a change and a correction apart.
    found = _found(annotate_story, settings, [
        _article("b1", "2025-03-01", "08:00", "A bus fell into a ravine in the Orlan mountains on Saturday.\n\n"
                 "At least 37 people were killed, police said.\n\nThe bus was travelling to the capital.", "Wire One"),
        _article("b2", "2025-03-01", "18:00", "Police revised the death toll from Saturday's bus crash in the "
                 "Orlan mountains to 41 from 37.\n\nThe driver survived with injuries.", "Mountain Post"),
        _article("b3", "2025-03-01", "19:00", "Forty-one people died when a bus plunged into a ravine in the "
                 "Orlan mountains, police said.\n\nThe road is notorious for accidents.", "Evening Star"),
    ])
    (d,) = found
    assert d.kind == "correction" and d.about == "death toll" and d.corrected_by == ("b2",)
    assert [(s.value, s.sources) for s in d.sides] == [("At least 37", ("b1",)), ("41", ("b2", "b3"))]


def test_correction_alone_in_the_story_still_shows_both_figures(annotate_story: Any, settings: Settings) -> None:
    # No article here states the figure that was wrong: the correcting sentence speaks for it.
    (d,) = _found(annotate_story, settings, [
        _article("f1", "2025-04-03", None, "Earlier reports of 12 dead at the Brenholm chemical plant were wrong; "
                 "nine workers died, the plant's owner said on Thursday.\n\nAn inquiry has been opened.", "Daily A"),
        _article("f2", "2025-04-03", None, "The Brenholm chemical plant will stay shut for a month.\n\n"
                 "Its owner said the inquiry would report in June.", "Daily B"),
    ])
    assert d.kind == "correction" and d.corrected_by == ("f1",)
    assert [(s.value, s.sources) for s in d.sides] == [("12", ("f1",)), ("9", ("f1",))]


def test_a_correction_note_dated_with_a_year_is_still_read(annotate_story: Any, settings: Settings) -> None:
    # The note names the day it was amended ("on 4 April 2025"): that dates the amendment, not the
    # figure after the colon, which is today's count and the correction's new value.
    (d,) = _found(annotate_story, settings, [
        _article("f1", "2025-04-03", None, "Six workers were hurt when a crane fell at the Halvik container terminal.\n\n"
                 "The port said work would resume on Monday.\n\nThis article was amended on 4 April 2025 to correct "
                 "the number of workers injured: it is 6, not 16 as an earlier version said.", "Daily A"),
        _article("f2", "2025-04-03", None, "The Halvik container terminal will stay shut until Monday.\n\n"
                 "Inspectors are examining the crane.", "Daily B"),
    ])
    assert d.kind == "correction" and d.corrected_by == ("f1",)
    assert sorted(s.value for s in d.sides) == ["16", "6"]


def test_rising_toll_without_correction_stays_a_change(annotate_story: Any, settings: Settings) -> None:
    (d,) = _found(annotate_story, settings, [
        _article("c1", "2025-03-01", "08:00", "A bus crash in the Orlan mountains killed at least 37 people, police said.", "Wire One"),
        _article("c2", "2025-03-01", "18:00", "A bus crash in the Orlan mountains killed 41 people, police said on Saturday evening.", "Mountain Post"),
    ])
    assert d.kind == "change" and d.corrected_by == ()


def test_correction_renders_in_every_format(seeds_brief: Brief) -> None:
    fix = Disagreement(
        about="number of people",
        kind="correction",
        sides=(
            _side("The plane carried 189 people.", "189", (seeds_brief.articles[0].id,), "2023-12-07"),
            _side("The plane carried 212 people, not the 189 first reported.", "212", (seeds_brief.articles[2].id,), "2023-12-08"),
        ),
        corrected_by=(seeds_brief.articles[2].id,),
    )
    brief = dataclasses.replace(seeds_brief, disagreements=(fix,))
    md = render(brief, "markdown")
    assert "**number of people** (corrected by [3]):" in md
    html = render(brief, "html")
    assert "(corrected by <a class=\"cite\" href=\"#src-3\">[3]</a>)" in html
    doc = json.loads(render(brief, "json"))
    (d,) = doc["disagreements"]
    assert d["kind"] == "correction" and d["corrected_by"] == [brief.articles[2].id]
    assert brief_from_dict(doc).disagreements == (fix,)


def _side(text: str, value: str, sources: tuple[str, ...], published: str) -> Any:
    from newsbrief.models import Side

    return Side(text=text, value=value, sources=sources, published=published)


def test_corrections_rank_first_in_the_budget() -> None:
    from newsbrief.models import Side
    from newsbrief.story.budget import rank_disagreements

    wide = Disagreement("death toll", "change", tuple(Side(f"{n} died.", str(n), tuple(f"w{n}{k}" for k in range(4)), None) for n in (9, 12)))
    fix = Disagreement("number of people", "correction", (Side("189 on board.", "189", ("a",), None), Side("212, not 189.", "212", ("b",), None)), ("b",))
    assert rank_disagreements([wide, fix]) == [fix, wide]


def test_a_rise_then_a_correction_are_two_disagreements(annotate_story: Any, settings: Settings) -> None:
    found = _found(annotate_story, settings, [
        _article("r1", "2025-10-04", "08:00", "A landslide buried part of the hill village of Sarno on Saturday, killing at least 9 people, police said.", "Wire One"),
        _article("r2", "2025-10-04", "13:00", "The landslide in the hill village of Sarno killed 37 people, police said on Saturday.", "Hill Post"),
        _article("r3", "2025-10-04", "19:00", "Police revised the death toll from the Sarno landslide to 31 from 37, saying some victims had been counted twice.", "Evening Star"),
    ])
    by_kind = {d.kind: d for d in found}
    assert sorted(by_kind) == ["change", "correction"], found
    assert [s.value for s in by_kind["correction"].sides] == ["37", "31"] and by_kind["correction"].corrected_by == ("r3",)
    assert [s.value for s in by_kind["change"].sides] == ["at least 9", "37"]


def test_counted_nouns_are_named_in_the_plural() -> None:
    from newsbrief.story.keynames import describe_key

    assert [describe_key(k) for k in ("country", "bus", "firefighter", "people", "day", "children")] == [
        "number of countries", "number of buses", "number of firefighters", "number of people", "number of days",
        "number of children",
    ]


def test_open_figures_take_no_side_of_a_correction(annotate_story: Any, settings: Settings) -> None:
    # "up to 900" and "at least 60" fit both 176 and 101: they state neither figure.
    found = _found(annotate_story, settings, [
        _article("h1", "2025-05-01", None, "The virus is suspected of killing 176 people in Mexico, officials said.", "A"),
        _article("h2", "2025-05-02", None, "Mexico revised its suspected death toll from the virus from 176 to 101.", "B"),
        _article("h3", "2025-05-02", None, "Officials fear the virus could kill up to 900 people in Mexico.", "C"),
        _article("h4", "2025-05-02", None, "The virus is suspected of killing at least 60 people in Mexico.", "D"),
    ])
    (fix,) = [d for d in found if d.kind == "correction"]
    assert [(s.value, s.sources) for s in fix.sides] == [("176", ("h1",)), ("101", ("h2",))]
