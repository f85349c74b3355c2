"""Page types written after the cleaning rules of tests/test_pages.py (issue 13, held out): live
blogs, consent banners, newsletter boxes, paywalls, adverts, galleries, social embeds, a
correction note, threaded comments, AMP/print pages, a Windows-1252 page, podcast and video
transcripts, tables, author boxes, inline related links; HTML and scraped text, read by the real
reader. Answer keys in tests/fixtures/unseen/<story>.key (invented text)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsbrief.config import Settings
from newsbrief.models import Article
from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.read.readers import read_paths

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
PAGES = sorted(p for p in UNSEEN.glob("*/*") if p.parent.suffix != ".key")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read(page: Path) -> Article:
    articles, skipped = read_paths([str(page)], Settings())
    assert not skipped and len(articles) == 1
    return articles[0]


def _key(page: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((UNSEEN / f"{page.parent.name}.key" / f"{page.stem}.expected.json").read_text("utf-8"))
    return data


def test_the_batch_covers_html_text_and_another_encoding() -> None:
    assert {p.suffix for p in PAGES} == {".txt", ".html"} and len(PAGES) >= 15
    assert any(_key(p).get("encoding") == "cp1252" for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_body_line_is_kept_and_no_furniture_is(page: Path) -> None:
    key = _key(page)
    body = _read(page).body
    flat = _squash(body)
    for line in key["body"]:  # type: ignore[attr-defined]
        assert _squash(line) in flat, line
    for phrase in key["not_body"]:  # type: ignore[attr-defined]
        assert phrase not in body, phrase
    # Nothing else: every paragraph is made of key lines.
    for para in body.split("\n\n"):
        rest = _squash(para)
        for line in sorted(key["body"], key=len, reverse=True):  # type: ignore[attr-defined]
            rest = rest.replace(_squash(line), " ")
        assert len(rest.split()) < 2, para


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".txt"], ids=lambda p: p.stem)
def test_cleaning_an_unseen_page_twice_changes_nothing(page: Path) -> None:
    body = _read(page).body
    assert clean_body(body) == body


def test_a_correction_note_that_says_what_was_wrong_is_kept_and_a_bare_one_goes() -> None:
    page = "\n".join([
        "Bridge to reopen on Friday",
        "The Orme bridge will reopen to traffic on Friday after six weeks of repairs, the council said on Monday.",
        "Engineers replaced two of the bridge's steel cables and resurfaced the deck.",
        "{note}",
    ])
    kept = clean_text(page.format(note="Correction: an earlier version of this story said the repairs took eight weeks, not six."))
    assert kept.body.endswith("not six.")
    gone = clean_text(page.format(note="This story has been updated."))
    assert "updated" not in gone.body and "correction" in {r for _, r in gone.dropped}


def test_mixed_case_speaker_labels_go_only_on_a_transcript() -> None:
    from newsbrief.read.transcripts import find_speakers, is_transcript

    turns = ["Ann Poe (host): Welcome back.", "Kim Lee: The dam held.", "Ann Poe (host): For how long?", "Kim Lee: Two days."]
    assert find_speakers(turns) == {"Ann Poe", "Kim Lee"}
    # A headline's "Name: text" and labels that say a line's kind are no speakers.
    assert find_speakers(["Storm Orla: ports shut", "Update: the dam held.", "Update: roads reopen.", "Source: the council"]) == frozenset()
    assert find_speakers(["Photograph: Ann Poe/Wire Rain falls.", "Photograph: Kim Lee/Wire Wind.", "Photograph: A B/C Sea."]) == frozenset()
    assert is_transcript(["azuz", "romans", "azuz"]) and not is_transcript(["poem"]) and not is_transcript(["new", "new"])


def test_first_person_turns_of_a_transcript_are_speech_not_a_reader() -> None:
    page = "\n".join([
        "Harbour Hour: the night the dam held",
        "Ann Poe (host): Tonight I am talking to the engineer who kept the Orme dam standing.",
        "Kim Lee: We pumped for two days and we slept in the control room.",
        "Ann Poe (host): Were you ever afraid it would go?",
        "Kim Lee: I was afraid every hour, but the wall held and we never lost power.",
    ])
    body = clean_text(page).body.split("\n\n")
    assert body[-1] == "I was afraid every hour, but the wall held and we never lost power."
    assert len(body) == 4 and not any(":" in x for x in body)
    # The same lines with no labels are a reader's voice, as before.
    plain = "\n".join(x.split(": ", 1)[1] for x in page.splitlines()[1:])
    assert clean_text("Harbour Hour: the night the dam held\n" + plain).body.count("\n\n") < 3


def test_gallery_captions_and_author_boxes_go() -> None:
    page = "\n".join([
        "In pictures: the Orme floods",
        "1 of 3",
        "Water covers the market square in Orme on Tuesday.",
        "2 of 3",
        "Swipe for more",
        "A boy wades through the flooded high street.",
        "The river rose two metres overnight and flooded 300 homes in the town, the council said on Tuesday.",
        "About the author",
        "Jo Hart is our environment correspondent. She has reported on floods since 2010.",
    ])
    body = clean_text(page).body
    assert body == "The river rose two metres overnight and flooded 300 homes in the town, the council said on Tuesday."


def test_an_html_body_loses_the_title_printed_again_and_a_summary_box() -> None:
    text = "\n".join([
        "Orme dam holds after two days of pumping",
        "Summary",
        "- Pumps ran for 48 hours",
        "- 300 homes evacuated",
        "ORME (Valley Wire) - Engineers kept the Orme dam from failing after two days of pumping, the water board said on Wednesday.",
        "Residents of 300 homes below the dam may return on Thursday.",
    ])
    body = clean_body(text, "Orme dam holds after two days of pumping")
    assert body.split("\n\n") == [
        "Engineers kept the Orme dam from failing after two days of pumping, the water board said on Wednesday.",
        "Residents of 300 homes below the dam may return on Thursday.",
    ]
    assert clean_body(body, "Orme dam holds after two days of pumping") == body
