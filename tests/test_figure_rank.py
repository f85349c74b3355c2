"""Key figures over a long story: identity by value, measure and event; rank by independent
sources, salience of the measure and recency. Invented articles (a fictional port town's floods
and a fictional war), annotated by the real map stage."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, Figure
from newsbrief.story.context import build_story
from newsbrief.story.figures import collect_figures

SETTINGS = load_settings()
DAY0 = dt.date(2031, 3, 1)


@pytest.fixture(scope="module")
def figures_of(resources: Any) -> Callable[[Sequence[tuple[int, str]]], tuple[Figure, ...]]:
    """``figures_of([(day, body), ...])``: the ranked figures of invented articles a1, a2, ...
    published ``day`` days after DAY0."""
    from newsbrief.pipeline import annotate_article

    def run(items: Sequence[tuple[int, str]]) -> tuple[Figure, ...]:
        ann: list[AnnotatedArticle] = [
            annotate_article(Article(id=f"a{k}", path=f"a{k}.txt", body=body, published=DAY0 + dt.timedelta(days=day)), resources)
            for k, (day, body) in enumerate(items, start=1)
        ]
        return collect_figures(build_story(ann, SETTINGS))

    return run


def _with_value(figs: Sequence[Figure], value: float) -> list[Figure]:
    return [f for f in figs if f.value == value]


def test_same_number_for_two_events_stays_two_figures(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "Three people were killed when shells hit the harbour of Tessaly on Monday, medics said."),
            (9, "Three people were killed in an air strike on the market of Dorvan on Wednesday, witnesses said."),
        ]
    )
    threes = _with_value(figs, 3.0)
    assert len(threes) == 2, [(f.text, f.sources) for f in threes]
    assert {f.sources for f in threes} == {("a1",), ("a2",)}


def test_same_number_of_different_things_stays_two_figures(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "Rebel fighters said they destroyed four armoured vehicles near the ridge of Kelso."),
            (1, "Four aid workers were wounded near the ridge of Kelso, the charity said."),
        ]
    )
    fours = _with_value(figs, 4.0)
    assert len(fours) == 2, [(f.text, f.about) for f in fours]


def test_one_toll_told_in_two_wordings_is_one_figure(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "At least 27 people were killed when the river burst its banks in Marrow on Saturday."),
            (1, "Rescuers in Marrow said the flood on Saturday had killed at least 27 people."),
        ]
    )
    tolls = _with_value(figs, 27.0)
    assert len(tolls) == 1 and tolls[0].sources == ("a1", "a2")


def test_a_toll_outranks_a_count_of_objects_reported_more_often(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "The navy said it had sunk five patrol boats off the coast of Quell. At least 14 civilians were killed in the shelling of Quell."),
            (1, "Officials confirmed that five patrol boats were sunk off Quell overnight."),
            (2, "Five patrol boats went down off Quell, the admiral told reporters. Medics said 14 civilians had died in the shelling."),
        ]
    )
    order = [f.value for f in figs]
    assert 14.0 in order and 5.0 in order
    assert order.index(14.0) < order.index(5.0), [(f.text, f.about, f.sources) for f in figs]


def test_a_copied_paragraph_counts_as_one_report(figures_of: Any) -> None:
    copied = "The coalition has lost six drones over the northern plateau since the campaign began."
    figs = figures_of(
        [
            (0, f"Talks resumed in Varga on Tuesday. {copied}"),
            (1, f"A convoy reached the border crossing at Hollin. {copied}"),
            (2, f"Fuel prices climbed again in the capital. {copied}"),
            (3, "Engineers rebuilt eight bridges across the valley of Brisk, the ministry said. "
                "Farmers there had waited since the autumn storms to move their grain to market."),
            (4, "Schools in the north reopened after the winter break with new heating. "
                "Separately, the ministry said its crews had rebuilt eight bridges in the Brisk valley."),
        ]
    )
    order = [f.value for f in figs]
    drones = _with_value(figs, 6.0)
    assert len(drones) == 1 and len(drones[0].sources) == 3  # every article is still cited
    assert order.index(8.0) < order.index(6.0), [(f.text, f.sources) for f in figs]


def test_in_a_long_story_the_later_figure_ranks_first(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "Relief agencies said 1,200 families had been moved to camps outside Pellis."),
            (30, "Relief agencies said 4,500 families had been moved to camps outside Orrin."),
        ]
    )
    order = [f.value for f in figs]
    assert order.index(4500.0) < order.index(1200.0), [(f.text, f.about) for f in figs]


def test_durations_come_after_counts_of_people(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "The siege of Carrow lasted six weeks. About 300 residents were evacuated from Carrow."),
            (1, "About 300 residents were evacuated from Carrow after a siege of six weeks."),
        ]
    )
    order = [f.unit for f in figs]
    assert "weeks" in order and "people" in order
    assert order.index("people") < order.index("weeks"), [(f.text, f.unit) for f in figs]


def test_background_from_years_before_comes_after_the_story(figures_of: Any) -> None:
    figs = figures_of(
        [
            (0, "The 1994 flood of the Arro killed 310 people. Rescuers said 12 people were killed in Marrow on Saturday."),
            (1, "In 1994 the Arro flood killed 310 people, the archive shows. Officials in Marrow said 12 people were killed on Saturday."),
        ]
    )
    order = [f.value for f in figs]
    assert 310.0 in order and 12.0 in order
    assert order.index(12.0) < order.index(310.0), [(f.text, f.sources) for f in figs]


def test_an_increment_comes_after_the_total(figures_of: Any) -> None:
    figs = figures_of(
        [
            # The increment comes first in the text, so story order alone would list it first.
            (0, "Health officials confirmed 12 new cases of the fever in Lindell, bringing the total to 40 cases."),
            (1, "After 12 new cases were confirmed, Lindell now has 40 cases of the fever, officials said."),
        ]
    )
    order = [f.value for f in figs]
    assert 40.0 in order and 12.0 in order
    assert order.index(40.0) < order.index(12.0), [(f.text, f.sources) for f in figs]


def test_articles_of_one_outlet_count_as_one_source(resources: Any) -> None:
    """Four articles of one outlet stating a count rank below two outlets stating another."""
    from dataclasses import replace

    from newsbrief.pipeline import annotate_article

    bodies = [
        "The port authority of Wenlow said nine cranes were damaged in the storm.",
        "Nine cranes at the Wenlow docks were damaged when the storm hit, dock workers said.",
        "Damage to nine cranes will keep the Wenlow docks shut for a week, the authority said.",
        "Insurers are studying claims for nine cranes damaged at the Wenlow port.",
        "Fishermen said the storm tore eleven trawlers from their moorings at Wenlow harbour.",
        "Fishermen at Wenlow counted eleven trawlers that the storm had ripped from their moorings.",
    ]
    ann = [
        annotate_article(Article(id=f"a{k}", path=f"a{k}.txt", body=b, published=DAY0), resources)
        for k, b in enumerate(bodies, start=1)
    ]
    story = build_story(ann, SETTINGS)
    one_outlet = {**{f"a{k}": "a1" for k in range(1, 5)}, "a5": "a5", "a6": "a6"}
    figs = collect_figures(replace(story, independent_of=one_outlet))
    order = [f.value for f in figs]
    assert order.index(11.0) < order.index(9.0), order
    assert {f.value: f.independent_sources for f in figs if f.value in (9.0, 11.0)} == {9.0: 1, 11.0: 2}
    # Counted as separate sources, the four reports rank first.
    separate = {f"a{k}": f"a{k}" for k in range(1, 7)}
    figs = collect_figures(replace(story, independent_of=separate))
    order = [f.value for f in figs]
    assert order.index(9.0) < order.index(11.0), order
    assert {f.value: f.independent_sources for f in figs if f.value in (9.0, 11.0)} == {9.0: 4, 11.0: 2}
    # The JSON carries the count and reads it back.
    from newsbrief.models import Brief
    from newsbrief.render.json import brief_from_dict, render_json

    doc = render_json(Brief(articles=tuple(a.article for a in ann), summary=(), figures=figs))
    assert [f.independent_sources for f in brief_from_dict(json.loads(doc)).figures] == [f.independent_sources for f in figs]


def test_the_infected_are_not_counted_as_dead() -> None:
    """A count that is the object of "infected" belongs to it, not to "killed" later on."""
    from newsbrief.story.quantities import find_quantities

    got = [(q.text, q.key) for q in find_quantities("The fever has infected about 2,400 people in Tarro and killed 31.", True)]
    assert ("about 2,400", "people") in got and ("31", "deaths") in got, got
    got = [(q.text, q.key) for q in find_quantities("Medics in Tarro reported 14 people killed overnight.", True)]
    assert got == [("14", "deaths")], got


def test_figures_that_set_the_scene_come_after_the_news(figures_of: Any) -> None:
    # Fictional war reports over three days. Many reports repeat how long the leader has ruled and
    # how far the town lies from the capital; one reports three tanks destroyed. A duration longer
    # than the coverage and a distance that places a town set the scene: they come after the tanks.
    # A distance something moved over ("advanced to within 12 miles") and a duration inside the
    # story ("a battle of five hours") are news and keep their rank.
    scene = "Voss, who has ruled Marland for 31 years, sent troops to Kelso, about 40 miles west of Dorvan, on Monday."
    figs = figures_of(
        [
            (0, scene),
            (1, "Troops loyal to Voss, who has ruled Marland for 31 years, held Kelso, about 40 miles west of Dorvan."),
            (2, "Kelso, about 40 miles west of Dorvan, stayed in the hands of Voss, who has ruled Marland for 31 years."),
            (2, "Rebels destroyed three tanks outside Kelso on Wednesday, a rebel spokesman said."),
            (2, "Rebels advanced to within 12 miles of Dorvan after a battle of five hours on Wednesday."),
            (2, "Rebel columns advanced to within 12 miles of Dorvan late on Wednesday, witnesses said."),
        ]
    )
    order = [(f.value, f.unit) for f in figs]
    tanks = order.index((3.0, "count"))
    assert tanks < order.index((31.0, "years")) and tanks < order.index((40.0, "miles")), order
    assert order.index((12.0, "miles")) < tanks, order
    assert order.index((5.0, "hours")) < order.index((31.0, "years")), order


def test_a_page_not_about_the_story_gives_no_figures(resources: Any) -> None:
    """A page saved in the story's folder whose lead is not about the story (readers' family-history
    queries) gives no figures unless a sentence of it is itself about the story."""
    from newsbrief.pipeline import annotate_article

    flood = [
        "Floods on the river Arro forced {n} families from their homes in Marrow on {d}, officials said.",
        "Rescue boats worked through the night in Marrow as the Arro flood rose on {d}; {n} families left.",
        "The Arro broke its banks in Marrow on {d}, and {n} families were moved to schools, the mayor said.",
    ]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    bodies = [flood[k % 3].format(n=100 + 20 * k, d=days[k % 4]) for k in range(13)]
    bodies.append(
        "A reader asks about her great grandmother, a dairymaid from Llanwrin born about 1851.\n\n"
        "She married a farm labourer and had 7 more children, and there were 4 still born, she writes.\n\n"
        "Another reader traces a grocer's shop in Miriam Street that his family kept for 40 years.\n\n"
        "His grandfather was a Methodist minister who married in Guilsfield church.\n\n"
        "If anyone can shed light on the Hekin family of Welshpool, please write to the page.\n\n"
        "A third reader believes her ancestors were ironmongers in Presteigne.\n\n"
        "The Arro broke its banks in Marrow on Monday, and 900 families were moved to schools, the mayor said."
    )
    ann = [
        annotate_article(Article(id=f"a{k:02}", path=f"a{k:02}.txt", body=b, published=DAY0 + dt.timedelta(days=k % 4)), resources)
        for k, b in enumerate(bodies)
    ]
    values = {f.value for f in collect_figures(build_story(ann, SETTINGS))}
    assert 100.0 in values and 200.0 in values, values
    assert not values & {7.0, 4.0, 40.0}, values
    assert 900.0 in values, "a sentence of the page that is about the story still gives its figure"


def test_a_hundred_percent_that_means_fully_ranks_after_the_news(figures_of: Any) -> None:
    """"100 percent sure" and "is now '100 percent' in rebel hands" count no share: told in three
    reports, they still rank after a count of boats told once (without the rule they rank before
    it). A hundred percent of something stays a figure ranked as one (next test)."""
    figs = figures_of(
        [
            (0, "The port of Vell is now \"100 percent\" in rebel hands, a spokesman for the council said."),
            (1, "A rebel commander said the port of Vell was 100 percent in rebel hands on Tuesday."),
            (2, "\"We are 100 percent sure the port of Vell will hold,\" a council member told reporters."),
            (3, "The navy said it had sunk five patrol boats off the coast of Vell on Wednesday."),
        ]
    )
    texts = [f.text for f in figs]
    hundreds = [k for k, f in enumerate(figs) if f.value == 100.0 and f.unit == "percent"]
    boats = next(k for k, f in enumerate(figs) if f.value == 5.0)
    assert hundreds and all(k > boats for k in hundreds), texts


def test_a_hundred_percent_of_something_keeps_its_rank(figures_of: Any) -> None:
    """The look-alike: "100 percent of the town's wells" is a share counted (the same sentence
    shape as above, "of" instead of a state after it): told in three reports, it outranks a
    count of objects told once."""
    figs = figures_of(
        [
            (0, "Officials said 100 percent of the wells in Vell were poisoned, the water board said."),
            (1, "The water board said 100 percent of the wells in Vell had been poisoned by Tuesday."),
            (2, "Engineers found that 100 percent of the wells in Vell were poisoned, the board said."),
            (2, "The navy said it had sunk five patrol boats off the coast of Vell on Wednesday."),
        ]
    )
    texts = [f.text for f in figs]
    share = next(k for k, f in enumerate(figs) if f.value == 100.0)
    boats = next(k for k, f in enumerate(figs) if f.value == 5.0)
    assert share < boats, texts
