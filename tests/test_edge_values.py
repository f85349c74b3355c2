"""Dates and figures at the edges of what can be represented (issue 17, point 3): dropped with a
note at reading, and never an OverflowError in the timeline or the brief."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

import pytest

from newsbrief.vocabulary import parse_number
from newsbrief.annotate.figures import find_figures
from newsbrief.annotate.sentences import split_sentences
from newsbrief.annotate.resources import Resources
from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.pipeline import annotate_articles, build_brief
from newsbrief.read.readers import read_paths
from newsbrief.render import render

BODY = (
    "The harbour board of Kessling sold the old ferry terminal for 12 million crowns yesterday, board chair "
    "Mira Tolland said on Sunday. Last week the buyer was named. Next year the terminal reopens in January."
)


def write_dated(folder: Path, dates: dict[str, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, published in dates.items():
        record = {"title": f"Kessling ferry terminal ({name})", "published": published, "text": BODY + f" Report {name}."}
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")


def test_out_of_range_publication_dates_are_dropped_with_a_note(tmp_path: Path, settings: Settings) -> None:
    write_dated(
        tmp_path,
        {
            "year1": "0001-01-01",
            "year9999": "9999-12-31T23:59:00",
            "epoch_year10000": 253402300800,  # seconds: 10000-01-01, past the calendar
            "epoch_huge": 10**30,
            "epoch_s": 1715680000,  # 2024-05-14 09:46 UTC in seconds
            "epoch_ms": 1715680000000,  # ... and in milliseconds
        },
    )
    articles, skipped = read_paths([str(tmp_path)], settings)
    assert skipped == []
    by_name = {Path(a.path).stem: a for a in articles}
    for name in ("year1", "year9999"):
        assert by_name[name].published is None and by_name[name].published_time is None
        assert any("is outside 1800-2199" in n and "dropped" in n for n in by_name[name].notes), by_name[name].notes
    for name in ("epoch_year10000", "epoch_huge"):
        assert by_name[name].published is None
        assert any("not a representable epoch time" in n for n in by_name[name].notes), by_name[name].notes
    for name in ("epoch_s", "epoch_ms"):
        assert (by_name[name].published, by_name[name].published_time) == (dt.date(2024, 5, 14), "09:46")
        assert by_name[name].notes == ()


@pytest.mark.slow
def test_calendar_edge_dates_never_overflow_the_timeline_or_brief(settings: Settings, resources: Resources, tmp_path: Path) -> None:
    # A library caller may hand in articles dated anywhere: the reduce stage must not crash.
    write_dated(tmp_path, {"a": "2024-05-14", "b": "2024-05-15", "c": "2024-05-16"})
    articles, _ = read_paths([str(tmp_path)], settings)
    edges = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(9999, 12, 1)]
    dated = [dataclasses.replace(a, published=d) for a, d in zip(articles, edges)]
    annotated = annotate_articles(dated, resources)
    brief = build_brief(annotated, settings)
    assert brief.summary
    for entry in brief.timeline:
        full = {10: entry.date, 7: entry.date + "-01", 4: entry.date + "-01-01"}[len(entry.date)]
        assert dt.MINYEAR <= dt.date.fromisoformat(full).year <= dt.MAXYEAR
    for fmt in ("json", "markdown", "html"):
        assert render(brief, fmt)


@pytest.mark.slow
def test_the_cli_briefs_a_folder_with_edge_dates(tmp_path: Path) -> None:
    write_dated(tmp_path / "in", {"year1": "0001-01-01", "year9999": "9999-12-31", "ok": "2024-05-14", "epoch": 253402300800})
    for command in ("brief", "timeline"):
        result = CliRunner().invoke(cli, [command, str(tmp_path / "in"), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert result.exception is None
    data = json.loads(CliRunner().invoke(cli, ["brief", str(tmp_path / "in"), "--format", "json"]).stdout)
    published = {Path(a["path"]).stem: a["published"] for a in data["articles"]}
    assert published == {"year1": None, "year9999": None, "ok": "2024-05-14", "epoch": None}


HUGE = "9" * 400


def test_out_of_range_figures_are_not_figures() -> None:
    assert parse_number(HUGE) is None
    assert parse_number("1" + "0" * 40) is None
    assert parse_number("2 trillion") == 2e12
    assert parse_number(HUGE + " million") is None


UNREAD = [
    ("The Kessling fund holds 1e400 crowns, Mira Tolland said.", "1e400", "is in scientific notation"),
    ("The terminal cost 2.5E+30 euros, Mira Tolland said.", "2.5E+30", "is in scientific notation"),
    (f"The Kessling fund holds {'9' * 5000} crowns.", "999999999999... (5,000 digits)", "is beyond any real figure (10^18 or more: a digit run or a typo?)"),
    ("The harbour fund holds 9999999 trillion crowns.", "9999999 trillion", "is beyond any real figure (10^18 or more: a digit run or a typo?)"),
    ("The ferry carried -5 people across the bay.", "-5 people", "is a negative count of people"),
    ("The census counted minus 12 residents in Kessling.", "minus 12 residents", "is a negative count of people"),
]


@pytest.mark.parametrize(("sentence", "shown", "reason"), UNREAD, ids=["1e400", "2.5E+30", "5000-digits", "trillions", "minus-sign", "minus-word"])
def test_out_of_range_figures_are_dropped_with_a_note(tmp_path: Path, settings: Settings, sentence: str, shown: str, reason: str) -> None:
    text = f"{sentence} The harbour board of Kessling sold the old ferry terminal for 12 million crowns on Tuesday."
    (tmp_path / "a.json").write_text(json.dumps({"title": "Kessling", "published": "2024-05-14", "text": text}), encoding="utf-8")
    (article,), skipped = read_paths([str(tmp_path)], settings)
    assert skipped == []
    assert [n for n in article.notes if n.startswith("number ")] == [f'number "{shown}" {reason}; not read as a figure']
    # The figure finder stays clear of it (2.5E+30 euros is not 30 euros) and keeps the real sum.
    figures = find_figures(article, split_sentences(article, None), None)
    assert [(f.value, f.unit) for f in figures] == [(12e6, "count")]


def test_ordinary_numbers_get_no_note_and_many_unread_ones_one_summary(tmp_path: Path, settings: Settings) -> None:
    plain = "In 2024 the board sold 1,200,000 shares worth 40 trillion dong; -5 degrees, COVID-19 and 3 -5 people are no figures to note."
    many = " ".join(f"Account {i} holds {i}e40 crowns." for i in range(1, 7))
    for name, text in (("plain", plain), ("many", many)):
        (tmp_path / f"{name}.json").write_text(json.dumps({"title": name, "text": text}), encoding="utf-8")
    articles, _ = read_paths([str(tmp_path)], settings)
    notes = {a.title: [n for n in a.notes if "figure" in n] for a in articles}
    assert notes["plain"] == []
    assert len(notes["many"]) == 4 and notes["many"][-1] == "3 more numbers not read as figures for the same reasons"


@pytest.mark.slow
def test_a_brief_of_articles_with_huge_numbers_completes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [
        f"The Kessling fund now holds {HUGE} crowns, Mira Tolland said on Tuesday. The terminal cost {HUGE} million euros.",
        "Prices in Kessling rose by 10000000000000000000000000000000000000000 percent, Mira Tolland said on Tuesday. "
        f"About {HUGE} percent of people agreed. The harbour board sold the ferry terminal for 12 million crowns.",
        "The harbour board of Kessling sold the ferry terminal for 12 million crowns on Tuesday, Mira Tolland said. "
        "The buyer will pay 1e400 crowns in June.",
    ]
    for i, text in enumerate(texts):
        (folder / f"a{i}.json").write_text(json.dumps({"title": f"Kessling fund {i}", "published": "2024-05-14", "text": text}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    values = [f["value"] for f in data["figures"]]
    assert values and all(abs(v) < 1e18 for v in values), values
    # Each article says which of its numbers were left out, and why.
    assert all(any(n.endswith("not read as a figure") for n in a["notes"]) for a in data["articles"]), data["articles"]
