"""Key figures: values, units, what they count, exclusions, story merge (invented + seed gate)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from newsbrief.annotate.figures import find_figures
from newsbrief.story.figures import collect_figures
from newsbrief.models import FigureMention
from newsbrief.vocabulary import get_currency_code, parse_number
from newsbrief.config import load_settings
from newsbrief.story.context import build_story

SETTINGS = load_settings()


@pytest.fixture(scope="module")
def figures_of(annotate_text: Any) -> Callable[[str], list[FigureMention]]:
    """``figures_of(body)``: the figures of an invented article."""
    return lambda body: list(annotate_text(body).figures)


def _by_text(figs: list[FigureMention]) -> dict[str, FigureMention]:
    return {f.text: f for f in figs}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("175.6 billion", 175.6e9),
        ("1,200", 1200.0),
        ("4bn", 4e9),
        ("5.3m", 5.3e6),
        ("six", 6.0),
        ("twenty-five", 25.0),
        ("two hundred", 200.0),
        ("1.2 million", 1.2e6),
        ("545 crore", 5.45e9),
        ("a dozen", 12.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    got = parse_number(text)
    assert got is not None and math.isclose(got, value)


def test_currency_codes() -> None:
    assert [get_currency_code(c) for c in ("$", "\u20ac", "\u00a3", "USD", "euros", "Rs")] == [
        "USD",
        "EUR",
        "GBP",
        "USD",
        "EUR",
        "INR",
    ]


def test_money_in_several_currencies_and_scales(figures_of: Any) -> None:
    figs = _by_text(
        figures_of(
            "The city will spend \u20ac2.5 billion on reconstruction.\n\n"
            "Britain's Treasury lost \u00a34bn last year, while the company's profit rose to $5.3m.\n\n"
            "The firm was fined 85,000 euros in 2021."
    )
    )
    assert (figs["\u20ac2.5 billion"].value, figs["\u20ac2.5 billion"].unit) == (2.5e9, "EUR")
    assert figs["\u20ac2.5 billion"].about == "reconstruction"
    assert (figs["\u00a34bn"].value, figs["\u00a34bn"].unit) == (4e9, "GBP")
    assert (figs["$5.3m"].value, figs["$5.3m"].unit) == (5.3e6, "USD")
    assert "profit" in figs["$5.3m"].about
    assert (figs["85,000 euros"].value, figs["85,000 euros"].unit) == (85000.0, "EUR")


def test_percentages_and_fractions(figures_of: Any) -> None:
    figs = _by_text(
        figures_of(
            "Unemployment rose to 12 percent, and a third of the budget goes to defence. "
            "Prices climbed 12% in May. Inflation hit 8.1 per cent in March."
    )
    )
    assert figs["12 percent"].value == 12.0 and figs["12 percent"].unit == "percent"
    assert figs["12 percent"].about == "Unemployment"
    assert figs["12%"].value == 12.0 and figs["12%"].unit == "percent"
    assert figs["8.1 per cent"].value == 8.1
    third = figs["a third"]
    assert third.unit == "percent" and math.isclose(third.value, 33.33) and third.about == "budget"


def test_death_tolls_and_counts_say_what_they_count(figures_of: Any) -> None:
    figs = _by_text(
        figures_of(
            "At least 45 people were killed in the blast, officials said. "
            "More than 30 agreements were signed during the visit."
    )
    )
    toll = figs["At least 45 people"]
    assert (toll.value, toll.unit, toll.about) == (45.0, "people", "people killed")
    deals = figs["More than 30 agreements"]
    assert (deals.value, deals.unit, deals.about) == (30.0, "count", "agreements signed")


def test_durations_but_not_ages_offsets_or_dates(figures_of: Any) -> None:
    figs = figures_of(
        "It was his first visit in six years. The 61-year-old actor died three months after the "
        "premiere, on Dec 13 2023."
    )
    assert [(f.text, f.value, f.unit) for f in figs] == [("six years", 6.0, "years")]


def test_numbers_that_are_not_figures(figures_of: Any) -> None:
    figs = figures_of(
        "2 min read. The two countries signed a deal in 2021 amid the COVID-19 pandemic. "
        "Troops joined the Vinbax-2023 exercise and new 5G networks opened on 12th December."
    )
    assert figs == []


def test_without_a_parse_money_and_percent_are_still_found(annotate_text: Any) -> None:
    a = annotate_text("Exports fell 12% to $4.5 billion.")
    figs = find_figures(a.article, a.sentences, None)
    assert [(f.text, f.unit) for f in figs] == [("12%", "percent"), ("$4.5 billion", "USD")]


def test_same_figure_in_two_articles_is_one_figure(annotate_texts: Any) -> None:
    ann = annotate_texts(
        [
            "At least 45 people were killed in the blast on Friday, officials said.",
            "Officials confirmed that at least 45 people died in Friday's blast.",
        ],
    )
    figs = [f for f in collect_figures(build_story(ann, SETTINGS)) if f.value == 45.0]
    assert len(figs) == 1 and figs[0].sources == ("a1", "a2") and figs[0].unit == "people"


def test_spans_point_at_the_text(annotate_text: Any) -> None:
    a = annotate_text("Imports make up 67 per cent of the total, worth USD 175.6 billion in 2022.")
    for f in a.figures:
        assert a.article.body[f.start : f.end] == f.text
        assert a.sentences[f.sentence].start <= f.start < a.sentences[f.sentence].end


# --- quality gate on the seeds ----------------------------------------------------------------


def test_gate_seed_figures(seeds_brief: Any, gold: dict[str, Any]) -> None:
    for want in gold["figures"]:
        hits = [f for f in seeds_brief.figures if want["contains"] in f.text]
        assert len(hits) == 1, (want, [f.text for f in seeds_brief.figures])
    by = {f.text: f for f in seeds_brief.figures}
    trade = by["USD 175.6 billion"]
    assert (trade.value, trade.unit) == (175.6e9, "USD") and "trade turnover" in trade.about
    assert "2022" in trade.about
    assert by["67 per cent"].unit == "percent" and "mports" in by["67 per cent"].about
    six = next(f for f in seeds_brief.figures if "six years" in f.text)
    assert six.unit == "years" and len(six.sources) == 2


def test_gate_seed_figures_exclude_years_and_trivia(seeds_brief: Any) -> None:
    for f in seeds_brief.figures:
        assert not (1900 <= f.value <= 2100 and f.unit == "count"), f
        assert f.value >= 3 or f.unit not in ("count", "people"), f


def test_demo_story_figures(demo_annotated: Any) -> None:
    """The fictional demo (examples/demo/README.md lists its key figures)."""
    figs = collect_figures(build_story(demo_annotated, SETTINGS))
    have = {(f.value, f.unit) for f in figs}
    want = {
        (90.0, "people"),
        (300.0, "tonnes"),
        (40.0, "percent"),
        (140.0, "people"),
        (85000.0, "EUR"),
        (2e6, "EUR"),
        (50.0, "percent"),
        (250000.0, "EUR"),
        (1200.0, "people"),
        (850.0, "people"),
    }
    assert want <= have
    fund = [f for f in figs if f.value == 2e6]
    assert len(fund) == 1 and len(fund[0].sources) == 2 and "fund" in fund[0].about


def test_a_figure_never_crosses_a_sentence_boundary(figures_of: Any) -> None:
    """Found by the Hypothesis span test: a stray page number above a paragraph was parsed as
    counting the next sentence's subject ("3 ... board")."""
    body = "3\n\nThe harbour board of Kessling voted on Monday to sell the old ferry terminal for 12 million crowns."
    figs = _by_text(figures_of(body))
    assert list(figs) == ["12 million crowns"]
