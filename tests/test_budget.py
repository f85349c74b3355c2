"""An editor's brief at any size (issue 13): section budgets with totals, independence by outlet,
off-topic articles set aside, the lead from the latest well-corroborated report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.config import load_settings
from newsbrief.models import (
    AnnotatedArticle,
    Article,
    Disagreement,
    Figure,
    Sentence,
    Side,
    TimelineEvent,
    UniqueContribution,
)
from newsbrief.read.records import site_of_url
from newsbrief.render.common import corroboration_label
from newsbrief.story.budget import cap_unique, drop_noise_disagreements
from newsbrief.story.timeline_select import rank_timeline
from newsbrief.story.lead import mark_changes
from newsbrief.story.sources import count_sources, group_sources, map_sources
from newsbrief.story.topic import MIN_ARTICLES, off_topic_ids

from conftest import SEEDS


def _event(date: str, n: int, text: str = "x") -> TimelineEvent:
    return TimelineEvent(date, f"{text} {date} {n}", tuple(f"a{k}" for k in range(n)))


def test_timeline_keeps_one_entry_per_important_date_first() -> None:
    events = [_event("2011-03-01", 1), _event("2011-03-01", 5), _event("2011-03-02", 2), _event("2011-03-03", 1)]
    order = ["2011-03-02", "2011-03-01", "2011-03-03"]
    kept = rank_timeline(events, order, 2)
    assert [e.date for e in kept] == ["2011-03-01", "2011-03-02"]  # date order on the page
    assert {e.date: e.rank for e in kept} == {"2011-03-02": 1, "2011-03-01": 2}
    assert len(next(e for e in kept if e.date == "2011-03-01").sources) == 5  # the best event of the date
    # Room for more than one per date: second entries come after every date has one.
    assert len(rank_timeline(events, order, 4)) == 4
    assert len(rank_timeline(events, order, None)) == 4


def test_unique_is_capped_per_source_with_copies_as_one() -> None:
    unique = tuple(
        UniqueContribution(a, t) for a, t in (("a", ("s1", "s2")), ("b", ("s2", "s3", "s4")), ("c", ("t1",)), ("d", ()))
    )
    source_of = {"a": "a", "b": "a", "c": "c", "d": "d"}  # a and b are one report
    entries, shown, total = cap_unique(unique, source_of, 3)
    listed = {u.article_id: u.sentences for u in entries}
    assert listed["a"] == ("s1", "s2", "s3") and listed["b"] == ()
    assert listed["c"] == ("t1",)
    assert (shown, total) == (4, 5)
    entries, shown, _ = cap_unique(unique, source_of, 3, max_sources=1)
    assert {u.article_id: u.sentences for u in entries}["c"] == () and shown == 3


def _side(value: str, text: str) -> Side:
    return Side(text, value, ("x",), None)


def test_calendar_words_clock_times_and_other_years_are_no_disagreement() -> None:
    month = Disagreement("date of the march", "conflict", (_side("March", "a"), _side("April", "b")))
    clock = Disagreement("time", "conflict", (_side("12:08 am", "a"), _side("7:36 pm", "b")))
    other = Disagreement(
        "people killed", "conflict",
        (_side("11", "Eleven people were killed on Monday."), _side("23", "A 2005 refinery blast killed 23.")),
    )
    real = Disagreement("people evacuated", "conflict", (_side("850", "Some 850 left."), _side("1,200", "About 1,200 left.")))
    kept = drop_noise_disagreements([month, clock, other, real], {2011})
    assert kept == [real]


def test_outlet_makes_one_source_and_names_fold() -> None:
    arts = [
        Article("1", "p", "b", outlet="The Daily Example"),
        Article("2", "p", "b", outlet="dailyexample.com"),
        Article("3", "p", "b", outlet=None),
        Article("4", "p", "b", outlet=None),
        Article("5", "p", "b", outlet="Other Post"),
    ]
    groups = group_sources(arts, [("4", "5")])
    source_of = map_sources([a.id for a in arts], groups)
    assert count_sources(["1", "2"], source_of) == 1  # one outlet
    assert count_sources(["3", "4"], source_of) == 2  # unnamed articles stay apart
    assert count_sources(["4", "5"], source_of) == 1  # syndicated copies
    assert corroboration_label(3, outlets_named=False) == "3 reports (outlets unknown)"
    assert corroboration_label(3) == "3 independent sources"


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example-news.com/2011/03/31/world/story.html", "example-news.com"),
        ("http://edition.example.com/x", "example.com"),
        ("https://news.example.co.uk/a", "example.co.uk"),
        ("https://news.com.au/a", "news.com.au"),
        ("http://localhost/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_from_url_site(url: str | None, site: str | None) -> None:
    assert site_of_url(url) == site


def _annotated(aid: str, vector: np.ndarray) -> AnnotatedArticle:
    art = Article(aid, aid, "text of the article")
    sent = Sentence(aid, 0, 0, 4, "text")
    return AnnotatedArticle(art, (sent,), embeddings=vector[None, :].astype(np.float32))


def test_off_topic_articles_are_those_far_from_the_centre() -> None:
    rng = np.random.default_rng(7)
    story = np.zeros(16)
    story[0] = 1.0
    arts = []
    for k in range(20):
        v = story + 0.15 * rng.standard_normal(16)
        arts.append(_annotated(f"s{k:02d}", v / np.linalg.norm(v)))
    for k in range(2):
        v = np.zeros(16)
        v[5 + k] = 1.0
        arts.append(_annotated(f"x{k}", v))
    assert off_topic_ids(arts) == ("x0", "x1")
    assert off_topic_ids(arts[: MIN_ARTICLES - 3] + arts[-2:]) == ()  # too few to judge


def test_changed_figure_reads_as_its_change() -> None:
    early = Figure("8 people", 8, "people", "killed", "Eight people were killed.", ("a",))
    late = Figure("11 people", 11, "people", "killed", "The toll rose to 11.", ("b",))
    other = Figure("40 percent", 40, "percent", "x", "Prices rose 40 percent.", ("a",))
    change = Disagreement(
        "people killed", "change",
        (Side("Eight people were killed.", "8", ("a",), "2011-03-01"), Side("The toll rose to 11.", "11", ("b",), "2011-03-02")),
    )
    out = mark_changes([early, late, other], [change])
    assert [f.text for f in out] == ["11 people", "40 percent"]
    assert out[0].change == "rose from 8 to 11"


def test_budget_settings_and_flags() -> None:
    s = load_settings()
    assert (s.budget_timeline, s.budget_people, s.budget_quotes, s.budget_disagreements) == (25, 15, 8, 5)
    assert load_settings(budget_timeline=40).budget_timeline == 40
    assert s.without_budgets().budget_figures is None


@pytest.fixture(scope="module")
def seeds_json(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("b") / "brief.json"
    result = CliRunner().invoke(cli, ["brief", str(SEEDS), "-o", str(out), "-q", "--max-places", "2", "--outlet", "Seed Wire"])
    assert result.exit_code == 0, result.output
    data: dict = json.loads(out.read_text("utf-8"))  # type: ignore[type-arg]
    return data


@pytest.mark.needs_shared
@pytest.mark.slow
def test_flags_cut_sections_and_json_keeps_totals_and_ranks(seeds_json: dict) -> None:  # type: ignore[type-arg]
    places = [e for e in seeds_json["entities"] if e["type"] == "place"]
    assert len(places) == 2 and [e["rank"] for e in places] == [1, 2]
    assert seeds_json["totals"]["places"]["shown"] == 2
    assert seeds_json["totals"]["places"]["total"] > 2
    assert all(t["rank"] is not None for t in seeds_json["timeline"])


@pytest.mark.needs_shared
@pytest.mark.slow
def test_outlet_flag_names_unnamed_inputs(seeds_json: dict) -> None:  # type: ignore[type-arg]
    outlets = {a["outlet"] for a in seeds_json["articles"]}
    assert "Seed Wire" in outlets and None not in outlets


@pytest.mark.needs_shared
@pytest.mark.slow
def test_timeline_command_prints_no_summary_line(tmp_path: Path) -> None:
    out = tmp_path / "t.md"
    result = CliRunner().invoke(cli, ["timeline", str(SEEDS), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "## Timeline" in text
    assert "No summary" not in text and "## Summary" not in text


def test_markdown_stays_under_its_size_cap_whatever_the_items() -> None:
    from newsbrief.models import Brief, SummarySentence
    from newsbrief.render.markdown import MAX_MARKDOWN_BYTES, render_markdown

    long = "word " * 3000
    arts = tuple(Article(f"a{k:03d}", f"p{k}", "body", title=f"Title {k} of a long story") for k in range(300))
    brief = Brief(
        articles=arts,
        summary=(SummarySentence("A sentence.", ("a000",)),),
        timeline=tuple(TimelineEvent(f"2011-03-{d:02d}", long, tuple(a.id for a in arts[:40]), d) for d in range(1, 26)),
        unique=tuple(UniqueContribution(a.id, (long,) * 3) for a in arts[:10]),
    )
    text = render_markdown(brief)
    assert len(text.encode("utf-8")) <= MAX_MARKDOWN_BYTES
    assert "+34 more" in text  # 40 sources, 6 cited
    assert "and 2" in text and "more articles not cited above" in text


def test_markdown_stays_under_its_size_cap_when_the_cited_articles_carry_many_notes() -> None:
    # A thousand-page run: each cited article carries long notes (cuts, furniture left out). Past
    # the clip levels the notes fold into a count per article; short notes are listed in full.
    from newsbrief.models import Brief, SummarySentence
    from newsbrief.render.markdown import MAX_MARKDOWN_BYTES, render_markdown

    note = "a paragraph printed word for word on many pages of this run was left out as site furniture " * 3
    arts = tuple(Article(f"a{k:03d}", f"p{k}", "body", title=f"Title {k}", notes=(note,) * 4) for k in range(300))
    brief = Brief(
        articles=arts,
        summary=(SummarySentence("A sentence.", ("a000",)),),
        timeline=tuple(TimelineEvent(f"2011-03-{d:02d}", "An event.", tuple(a.id for a in arts[6 * d : 6 * d + 6]), d) for d in range(25)),
    )
    text = render_markdown(brief)
    assert len(text.encode("utf-8")) <= MAX_MARKDOWN_BYTES
    assert "   - 4 notes (--format json lists them)" in text and note.strip() not in text
    small = Brief(articles=arts[:3], summary=(SummarySentence("A sentence.", tuple(a.id for a in arts[:3])),))
    assert render_markdown(small).count(f"   - note: {note.strip()}") == 12
