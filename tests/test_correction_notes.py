"""A correction note told over two sentences ("An earlier version of this article said 13 homes
were destroyed. The county says 31 homes were destroyed.") is a correction (story.correction_notes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsbrief.config import Settings
from newsbrief.models import Article, SentenceRef
from newsbrief.story.claims import align_claims
from newsbrief.story.context import build_story
from newsbrief.story.correction_notes import find_note_correction, next_sentence_correction
from newsbrief.story.disagreements import find_disagreements


@pytest.mark.parametrize(
    ("note", "following", "old", "new"),
    [
        ("Correction: An earlier version of this article said 13 homes were destroyed.",
         "The county says 31 homes were destroyed.", "13", "31"),
        ("Clarification: A previous version of this story incorrectly stated that 40 pupils were absent.",
         "The school says 14 pupils were absent.", "40", "14"),
        ("This report originally said 2,000 tickets had been sold.", "The club has sold 1,200 tickets.", "2,000", "1,200"),
        ("We wrongly reported that 12 people died in the fire.", "Nine people died.", "12", "9"),
    ],
)
def test_a_note_and_its_next_sentence_are_one_correction(note: str, following: str, old: str, new: str) -> None:
    c = find_note_correction(note, following)
    assert c is not None and (c.old.value, c.new.value) == (float(old.replace(",", "")), float(new.replace(",", "")))
    # the old figure is placed in the note, the new one past it in the joined text ("note following")
    assert note[c.old.start : c.old.end] == old
    assert c.new.start > len(note) and f"{note} {following}"[c.new.start : c.new.end] in (new, "Nine")


@pytest.mark.parametrize(
    ("note", "following"),
    [
        # an earlier version of something else is news
        ("An earlier version of the plan said 40 schools would close.", "The final plan closes 31 schools."),
        # an update, not a wrong report
        ("We reported on Monday that 12 people had died.", "By Tuesday 15 people had died."),
        # the next sentence counts something else
        ("An earlier version of this article said 13 homes were destroyed.", "Crews have fought the fire for 6 days."),
        # the same figure again
        ("An earlier version of this article said 13 homes were destroyed.", "In all 13 homes were destroyed."),
        # a note with its own right figure is a one-sentence correction (story.corrections)
        ("An earlier version of this article said 12 people were hurt; the correct figure is 9.", "Police closed the road."),
    ],
)
def test_no_note_correction_without_one(note: str, following: str) -> None:
    assert find_note_correction(note, following) is None


@pytest.mark.parametrize(
    ("note", "following", "old", "new"),
    [
        ("Correction, June 3: A previous version of this story misstated the share of tenants who voted for the rent deal.",
         "It was 64%, not 46%.", "46%", "64%"),
        ("Clarification (May 2): An earlier version of this article misstated how many ferries were cancelled.",
         "The correct figure is 18, not 81.", "81", "18"),
        ("An earlier version of this report gave the wrong turnout.", "Turnout was 5,400, not 4,500.", "4,500", "5,400"),
    ],
)
def test_a_note_naming_only_what_was_wrong_takes_the_right_figure_then_the_wrong_one(note: str, following: str, old: str, new: str) -> None:
    c = find_note_correction(note, following)
    assert c is not None and (c.old.value, c.new.value) == (float(old.strip("%").replace(",", "")), float(new.strip("%").replace(",", "")))
    joined = f"{note} {following}"
    assert (joined[c.old.start : c.old.end], joined[c.new.start : c.new.end]) == (old, new)


@pytest.mark.parametrize(
    ("note", "following"),
    [
        # no note: a figure set against another is no correction of this page
        ("The union said the vote was close.", "It was 64%, not 46%."),
        # two figures that are not "right, not wrong"
        ("An earlier version of this article misstated the share.", "It was 64% of tenants, and 46% of owners."),
        # no figure at all
        ("An earlier version of this article misstated the date of the vote.", "It was held on Tuesday, not Monday."),
        # the right figure not at the sentence's opening clause
        ("An earlier version of this article misstated the share.", "Officials said on Monday that 64 had voted, not 46."),
    ],
)
def test_no_right_not_wrong_correction_without_its_shape(note: str, following: str) -> None:
    assert find_note_correction(note, following) is None


def test_only_the_same_articles_next_sentence_is_read() -> None:
    texts = ["An earlier version of this article said 13 homes were destroyed.", "The county says 31 homes were destroyed."]
    assert next_sentence_correction([SentenceRef("a", 4), SentenceRef("a", 5)], texts, 0) is not None
    assert next_sentence_correction([SentenceRef("a", 4), SentenceRef("b", 5)], texts, 0) is None
    assert next_sentence_correction([SentenceRef("a", 4), SentenceRef("a", 7)], texts, 0) is None
    assert next_sentence_correction([SentenceRef("a", 4)], texts[:1], 0) is None


def _article(aid: str, body: str, outlet: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", body=body, published=dt.date(2025, 6, 2), outlet=outlet)


def test_a_two_sentence_note_is_a_disagreement_of_kind_correction(annotate_story: Any, settings: Settings) -> None:
    story = build_story(annotate_story([
        _article("n1", "A storm tore roofs off homes in Fennick on Sunday.\n\nRoads were closed for hours.\n\n"
                 "Correction: An earlier version of this article said 24 homes were damaged. The council says 42 homes "
                 "were damaged.", "Valley Post"),
        _article("n2", "Fennick is cleaning up after Sunday's storm.\n\nVolunteers handed out tarpaulins.", "Coast Radio"),
    ]), settings)
    (d,) = find_disagreements(story, align_claims(story, settings))
    assert d.kind == "correction" and d.corrected_by == ("n1",)
    assert sorted(s.value for s in d.sides) == ["24", "42"]
