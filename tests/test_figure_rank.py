"""Key figures over a long story: identity by value, measure and event; rank by independent
sources, salience of the measure and recency. Invented articles (a fictional port town's floods
and a fictional war), annotated by the real map stage."""

from __future__ import annotations

import datetime as dt
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
    order = [f.value for f in collect_figures(replace(story, independent_of=one_outlet))]
    assert order.index(11.0) < order.index(9.0), order
    # Counted as separate sources, the four reports rank first.
    separate = {f"a{k}": f"a{k}" for k in range(1, 7)}
    order = [f.value for f in collect_figures(replace(story, independent_of=separate))]
    assert order.index(9.0) < order.index(11.0), order


def test_the_infected_are_not_counted_as_dead() -> None:
    """A count that is the object of "infected" belongs to it, not to "killed" later on."""
    from newsbrief.story.quantities import find_quantities

    got = [(q.text, q.key) for q in find_quantities("The fever has infected about 2,400 people in Tarro and killed 31.", True)]
    assert ("about 2,400", "people") in got and ("31", "deaths") in got, got
    got = [(q.text, q.key) for q in find_quantities("Medics in Tarro reported 14 people killed overnight.", True)]
    assert got == [("14", "deaths")], got
