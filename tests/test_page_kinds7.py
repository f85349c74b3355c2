"""Page kinds of unseen batch 7 (tests/fixtures/unseen/blackout and heist), rule by rule, on
invented examples: what each rule removes, and the ordinary prose beside it that it must leave
alone."""

from __future__ import annotations

import pytest

from newsbrief.read.bio import find_closing_bio
from newsbrief.read.chapters import find_chapter_lines
from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.read.endnotes import find_endnote_lines
from newsbrief.read.html import extract_html
from newsbrief.read.inline import strip_inline_markup
from newsbrief.read.notices import notice_reason
from newsbrief.read.pagetools import page_tool_reason

LEDE = "The ferry terminal at Calder Sound reopened on Monday after a week of repairs to its ramp, the port authority said."
SECOND = "Sailings to the outer islands will run to the winter timetable until the end of the month, the operator said."


def test_footnote_marks_glued_to_a_sentence_and_a_feed_cut_mark_go() -> None:
    assert strip_inline_markup("The pier was built in 1891.[1]") == "The pier was built in 1891."
    assert strip_inline_markup('It was "unsafe",[2] the report said.') == 'It was "unsafe", the report said.'
    assert strip_inline_markup("The first boat arrived 14 minutes later … [+2146 chars]") == "The first boat arrived 14 minutes later"
    assert strip_inline_markup("The first boat arrived late... [+980 chars]") == "The first boat arrived late"


@pytest.mark.parametrize("line", [
    "The survey [1] found 40% of boats were damaged.",  # set apart by a space
    "Array[10] is an index, not a note.",
    "Its price rose [+12% on the year] after the deal.",
])
def test_brackets_that_are_no_footnote_or_cut_mark_stay(line: str) -> None:
    assert strip_inline_markup(line) == line


@pytest.mark.parametrize("line", [
    "Accessibility help", "Text size: A A A", "High contrast", "Menu", "Sign in",
    "In this article", "Contents", "Jump to section: The fire · The network",
    "Show full article", "Read the full story at the Calder Gazette", "More from this source",
    "Fennick 6°C Light rain", "Calder Sound 12°C", "-3°C",
])
def test_a_pages_own_controls_and_widgets_go(line: str) -> None:
    assert page_tool_reason(line) == "navigation"


@pytest.mark.parametrize("line", [
    "Arden hits 41°C as the heatwave peaks",
    "The search for the missing crew resumed at dawn.",
    "The contents of the container were never found, police said.",
    "Menu prices rose by a fifth last year.",
    "Readers can see the full report on the council's website.",
    "Text size matters less than contrast, the designers said.",
])
def test_prose_that_looks_like_a_page_control_stays(line: str) -> None:
    assert page_tool_reason(line) is None


@pytest.mark.parametrize(("line", "kind"), [
    ("Behind the story", "transparency"),
    ("Why we wrote this: Readers asked us to follow the case.", "transparency"),
    ("How we reported it: This story is based on court papers.", "transparency"),
    ("Market data delayed by at least 15 minutes.", "data credit"),
    ("Stock quotes provided by a third-party data service. Terms apply.", "data credit"),
    ("Add to watchlist", "data credit"),
    ("Subscribe to Harbour Talk wherever you get your podcasts.", "podcast"),
    ("Listen on Apple Podcasts | Spotify | RSS", "podcast"),
    ("Enjoyed the show? Leave us a rating.", "podcast"),
    ("Produced by Theo Marsh. Music by Kestrel Audio.", "credits"),
    ("Cite this article: Calder Review, 3 May 2026.", "citation"),
])
def test_page_notices_of_batch_7_go(line: str, kind: str) -> None:
    assert notice_reason(line) == kind


@pytest.mark.parametrize("line", [
    "Why we wrote this letter is no mystery, the union's secretary said.",
    "Train data provided by the operator showed 40% of services ran late.",
    "Prices delayed the project by two years, the council said.",
    "Produced by the council in 2019, the report warned of flooding.",
    "Listen to the harbour master on the radio at 8am tomorrow.",
    "The podcast's host said the episode had been downloaded 40,000 times.",
])
def test_prose_that_looks_like_a_batch_7_notice_stays(line: str) -> None:
    assert notice_reason(line) is None


def test_a_contributors_line_goes_and_prose_about_research_stays() -> None:
    page = "\n".join(["Calder Sound terminal reopens", LEDE, SECOND, "Reporting was contributed by Ama Lowe and Piet Rand."])
    assert clean_text(page).body == LEDE + "\n\n" + SECOND
    prose = "Research contributed by the university found the ramp had cracked in two places, the operator said."
    assert clean_body(LEDE + "\n\n" + prose) == LEDE + "\n\n" + prose


def test_a_chapter_list_goes_with_its_heading_and_transcript_codes_stay() -> None:
    lines = ["Chapters", "- 00:00 Introduction", "- 03:12 The alarm", "- 24:05 Where is the boat now?", LEDE]
    assert find_chapter_lines(lines) == {0, 1, 2, 3}
    assert find_chapter_lines(["00:00 Intro", "02:10 The ramp", "09:40 What next"]) == {0, 1, 2}
    # a transcript's time codes open sentences of speech; no heading, no 0:00 start: kept
    turns = ["[00:01:10] Thanks for having me, it was a long week.", "[00:01:25] The ramp failed on Tuesday.", "[00:01:40] We reopened Monday."]
    assert find_chapter_lines(turns) == set()
    assert find_chapter_lines(["10:42 Ferry services suspended", "11:05 Ramp closed", LEDE]) == set()


def test_closing_notes_go_and_a_numbered_list_inside_the_story_stays() -> None:
    notes = [LEDE, SECOND, "Notes", "1. Port authority, annual report 2025, p. 4.", "2. Interview with the author, 3 May 2026.",
             "Cite this article: Calder Review, 3 May 2026."]
    assert find_endnote_lines(notes) == {2, 3, 4}
    steps = ["Sources", "1. Close the ramp, then the gates.", "2. Call the harbour master, 2026 rules say.", LEDE, SECOND, "Ferries will run."]
    assert find_endnote_lines(steps) == set()  # the story goes on after the list


def test_a_writer_beat_note_closing_the_page_goes_and_one_inside_the_story_stays() -> None:
    assert find_closing_bio([LEDE, SECOND, "Ama Lowe writes about ports and shipping in Calder Sound."]) == 2
    assert find_closing_bio(["Ama Lowe writes about ports and shipping in Calder Sound.", LEDE, SECOND, SECOND]) is None


def test_a_correction_in_an_updates_footer_is_restored_without_its_stamp() -> None:
    html = (
        "<html><head><title>Terminal reopens</title></head><body><article><h1>Terminal reopens</h1>"
        f"<p>{LEDE}</p><p>{SECOND}</p><p>The repairs cost £40,000, the operator said.</p>"
        "<footer><ul><li><time>3 May 2026, 11:45</time> — This story was updated with comments from passengers.</li>"
        "<li><time>3 May 2026, 16:20</time> — Correction: An earlier version of this story said the repairs cost £14,000. "
        "The operator says they cost £40,000.</li></ul></footer></article></body></html>"
    )
    data = extract_html(html)
    assert data is not None
    text = str(data["text"])
    assert text.endswith("Correction: An earlier version of this story said the repairs cost £14,000. The operator says they cost £40,000.")
    assert "16:20" not in text and "updated with comments" not in text


def test_a_correction_note_told_as_originally_said_is_kept() -> None:
    note = "Correction: This article originally said the ramp cost £6 million. The operator says it cost £4.2 million."
    assert clean_body(LEDE + "\n\n" + note) == LEDE + "\n\n" + note
    assert clean_body(LEDE + "\n\nCorrection: This article has been updated.") == LEDE


# Batch 8 (tests/fixtures/unseen/ferry): the same kinds in other words.


def test_a_transparency_heading_takes_its_short_text_and_labels_go_whole() -> None:
    from newsbrief.read.trustbox import find_trust_box_lines

    lines = [LEDE, SECOND, "Why we're reporting this", "The ferry is the islands' only link, and our readers rely on it.", "More text."]
    assert find_trust_box_lines(lines) == {2, 3}
    assert notice_reason("About our sourcing: This report uses company statements.") == "transparency"
    # a label with its text on the line is no heading: notices take that line alone
    assert find_trust_box_lines([LEDE, "How we reported it: court papers.", SECOND]) == set()
    assert notice_reason("About our readers, the survey found little.") is None


def test_a_podcast_plug_after_another_sentence_goes() -> None:
    assert notice_reason("New episodes every Monday. Follow the show on Spotify, Apple Podcasts or wherever you listen.") == "podcast"
    assert notice_reason("The ferry service, which islanders follow closely, resumed on Spotify Island.") is None


def test_a_question_headline_over_the_date_line_is_the_title_not_the_first_paragraph() -> None:
    page = "\n".join(["Harbour Talk", "Ep. 12 — Why did the ramp fail?", "May 3, 2026 · 30 min", LEDE, SECOND])
    c = clean_text(page)
    assert c.title == "Ep. 12 — Why did the ramp fail?"
    assert c.body == LEDE + "\n\n" + SECOND
    # a question opening the text with no date line after it is the text's
    q = "Why did the ramp at Calder Sound fail twice in a month, and who will pay for the repairs?"
    assert clean_text("\n".join(["Calder Sound ramp fails again", q, LEDE, SECOND])).body.startswith(q)


def test_the_first_sections_subhead_stays_when_more_subheads_follow() -> None:
    body = "\n\n".join(["The night", LEDE, "The ship", SECOND, "The questions", LEDE.replace("Monday", "Tuesday")])
    assert clean_body(body) == body
    # a lone label above the text, with no subheads below, is header matter as before
    assert clean_body("\n\n".join(["Summary", LEDE, SECOND])) == LEDE + "\n\n" + SECOND


def test_a_clarification_told_as_a_previous_version_stated_is_kept() -> None:
    note = "Clarification: A previous version of this article stated that the ramp was built in 1986. It was built in 1996."
    assert clean_body(LEDE + "\n\n" + note) == LEDE + "\n\n" + note


def test_bracketed_timestamps_and_a_bracketed_sources_list_go() -> None:
    assert find_chapter_lines(["Timestamps:", "(0:00) Cold open", "(2:45) The night", LEDE]) == {0, 1, 2}
    assert find_endnote_lines([LEDE, SECOND, "Sources", "[1] Coastguard statement, 4 April 2026.", "[2] Interview, 5 April 2026.", "How to cite: X."]) == {2, 3, 4}
    assert strip_inline_markup("... and nobody was hurt [+1,204 characters]") == "... and nobody was hurt"
