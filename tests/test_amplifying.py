"""Inputs that amplify (issue 17, point 6): skipped records summarised and capped, HTML
extraction bounded, repeated paragraphs and sentences and byte-identical copies collapsed before
the expensive stages. Time and memory bounds are measured in benchmarks/huge_input.py."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.read.html import MAX_HTML_TAGS, bound_elements
from newsbrief.read.readers import MAX_SKIPPED_RUN, read_paths
from newsbrief.read.records import collapse_repeats

ROOT = Path(__file__).resolve().parents[1]
DEMO = sorted((ROOT / "examples" / "demo").glob("*.txt"))
SENTENCE = "The harbour board of Kessling voted on Monday to sell the old ferry terminal, board chair Mira Tolland said."
RECORD = {"title": "Kessling sells terminal", "date": "2024-05-14", "text": " ".join([SENTENCE, "The buyer will take over in June, the board said on Tuesday."])}


def test_a_thousand_empty_records_are_one_message(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps([RECORD] + [{}] * 1000 + [RECORD | {"title": "Again"}]), encoding="utf-8")
    articles, skipped = read_paths([str(path)], settings)
    assert [a.title for a in articles] == ["Kessling sells terminal", "Again"]
    assert [s.reason for s in skipped] == [
        "1,000 empty records in x.json, skipped (first: #1, #2, #3): an empty JSON object {}, no article in it"
    ]


def test_a_few_bad_records_are_still_listed_one_by_one(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "few.jsonl"
    path.write_text("\n".join([json.dumps(RECORD), "{}", "1", "{}"]) + "\n", encoding="utf-8")
    articles, skipped = read_paths([str(path)], settings)
    assert len(articles) == 1
    assert [s.path.rsplit("#", 1)[1] for s in skipped] == ["2", "4", "3"]


def test_a_long_run_of_useless_records_stops_the_file(tmp_path: Path, settings: Settings) -> None:
    ones = tmp_path / "ones.jsonl"
    ones.write_text("1\n" * (MAX_SKIPPED_RUN + 5000), encoding="utf-8")
    bomb = tmp_path / "bomb.json.gz"
    with gzip.open(bomb, "wt", encoding="utf-8") as fh:
        fh.write("[" + json.dumps(RECORD) + ",{}" * (MAX_SKIPPED_RUN + 5000) + "]")
    articles, skipped = read_paths([str(ones), str(bomb)], settings)
    assert len(articles) == 1
    assert [s.reason for s in skipped][::-1] == [
        f"50,000 empty records in bomb.json.gz, skipped (first: #1, #2, #3): an empty JSON object {{}}, no article in it; "
        f"reading stopped at record {MAX_SKIPPED_RUN + 1}, the rest of the file was not read",
        "50,000 records in ones.jsonl, skipped (first: #1, #2, #3): expected a JSON object with a 'text' field, got int; "
        f"give one article per object; reading stopped at record {MAX_SKIPPED_RUN + 1}, the rest of the file was not read",
    ]


def test_html_runs_of_one_element_collapse_and_long_pages_are_cut() -> None:
    article = "<html><body><article>" + "".join(f"<p>{SENTENCE} Part {i}.</p>" for i in range(5)) + "</article>"
    raw, notes = bound_elements(article + "<p>a</p>" * 300_000 + "</body></html>")
    assert raw.count("<p>a</p>") == 1 and notes == ["299,999 repeats of identical HTML elements collapsed before extraction"]
    raw, notes = bound_elements(article + "".join(f"<li>item {i}</li>" for i in range(40_000)))
    assert raw.startswith(article) and raw.count("<") == MAX_HTML_TAGS
    assert len(notes) == 1 and notes[0].startswith(f"page cut at {MAX_HTML_TAGS:,} HTML tags")


def test_an_html_page_ending_in_300000_paragraphs_keeps_its_article(tmp_path: Path, settings: Settings) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>{SENTENCE} It was meeting number {i}.</p>" for i in range(6))
    page.write_text(f"<html><head><title>Kessling</title></head><body><article>{body}</article>" + "<p>a</p>" * 300_000 + "</body></html>")
    (article,), skipped = read_paths([str(page)], settings)
    assert skipped == [] and article.body.count("Kessling") == 6
    assert "\na\n" not in article.body and any("collapsed" in n for n in article.notes)


def test_repeated_sentences_and_paragraphs_are_kept_once() -> None:
    body, notes = collapse_repeats(" ".join([SENTENCE] * 20_000))
    assert body == SENTENCE and notes == ("19,999 repeated sentences removed (each kept once)",)
    paragraphs = ["First paragraph of the story.", "Advertisement", "Second paragraph.", "Advertisement", "Advertisement", "End."]
    body, notes = collapse_repeats("\n\n".join(paragraphs))
    assert body.split("\n\n") == ["First paragraph of the story.", "Advertisement", "Second paragraph.", "End."]
    assert notes == ("2 repeated paragraphs removed (each kept once)",)
    twice = "A pull quote.\n\nText.\n\nA pull quote."  # twice is left alone
    assert collapse_repeats(twice) == (twice, ())


def test_byte_identical_copies_are_read_once_and_listed(tmp_path: Path, settings: Settings) -> None:
    for i in range(40):
        shutil.copy(DEMO[0], tmp_path / f"copy_{i:02d}.txt")
    shutil.copy(DEMO[1], tmp_path / "other.txt")
    articles, skipped = read_paths([str(tmp_path)], settings)
    assert sorted(Path(a.path).name for a in articles) == ["copy_00.txt", "other.txt"]
    assert len(skipped) == 39
    assert all(s.reason == f"byte-identical copy of {tmp_path / 'copy_00.txt'}; read once" for s in skipped)
