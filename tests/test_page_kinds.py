"""Page kinds of unseen batch 5 (tests/fixtures/unseen/flood and strike), rule by rule, on invented
examples: what each rule removes, and the ordinary prose beside it that it must leave alone."""

from __future__ import annotations

import json

import pytest

from newsbrief.read.bio import find_closing_bio
from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.read.html import extract_html
from newsbrief.read.inline import strip_inline_markup
from newsbrief.read.notices import notice_reason
from newsbrief.read.photoblock import find_photo_blocks
from newsbrief.read.polls import find_poll_lines
from newsbrief.read.release import find_release_tail
from newsbrief.read.transcripts import find_qa_lines

LEDE = "The harbour at Wrenmouth reopened on Monday after a week of repairs to the sea wall, the port authority said."
SECOND = "Ferries to the islands will run to the winter timetable until the end of the month, the operator said."


def test_markdown_links_images_headings_and_emphasis_leave_their_words() -> None:
    assert strip_inline_markup("the [port authority](https://x.example/pa) said") == "the port authority said"
    assert strip_inline_markup("![Boats in the harbour](https://x.example/a.jpg)") == ""
    assert strip_inline_markup("## What happens next") == "What happens next"
    assert strip_inline_markup("**Read more:** [Sea wall history](/history)") == "Read more: Sea wall history"
    assert strip_inline_markup("*By Ola Rand | 3 May 2026*") == "By Ola Rand | 3 May 2026"
    assert strip_inline_markup('> "We are open again," she said.') == '"We are open again," she said.'
    assert strip_inline_markup("the annual report (opens in a new tab) shows") == "the annual report shows"


@pytest.mark.parametrize("line", [
    "# 5 goes to the council.",  # a numbered comment, not a heading
    "The survey [1] found 40% of boats were damaged.",  # a footnote mark
    "He said [sic] that the wall was 'fine'.",
    "Prices rose 5*3 times, the index showed.",
    "A new window opened in the talks, officials said.",
])
def test_text_with_brackets_hashes_or_stars_stays_as_it_is(line: str) -> None:
    assert strip_inline_markup(line) == line


def test_a_markdown_page_is_cleaned_to_its_sentences() -> None:
    page = "\n\n".join([
        "# Wrenmouth harbour reopens",
        "*By [Ola Rand](https://x.example/ola) | 3 May 2026 | 4 min read*",
        "![Boats](https://x.example/b.jpg)",
        LEDE.replace("port authority", "[port authority](https://x.example/pa)"),
        "## Timetable",
        SECOND,
        "*Tags: [Ports](https://x.example/t/ports)*",
    ])
    c = clean_text(page)
    assert c.title == "Wrenmouth harbour reopens"
    assert c.body == LEDE + "\n\n" + SECOND
    assert clean_body(c.body) == c.body


def _shell(body: str, kind: str = "NewsArticle", extra: str = "") -> str:
    ld = json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {
        "@type": kind, "headline": "Harbour reopens", "datePublished": "2026-05-03T09:00:00Z",
        "publisher": {"@type": "Organization", "name": "Wrenmouth Echo"}, "articleBody": body}]})
    return (f'<html><head><title>Harbour reopens</title><script type="application/ld+json">{ld}</script></head>'
            f'<body><div id="root"><noscript>You need to enable JavaScript to run this app.</noscript></div>{extra}</body></html>')


def test_an_app_shell_is_read_from_its_json_ld_body() -> None:
    data = extract_html(_shell(f"{LEDE}\n\n{SECOND}\n\n{LEDE}"))
    assert data is not None
    assert data["text"].split("\n\n")[:2] == [LEDE, SECOND]
    assert data["title"] == "Harbour reopens" and data["sitename"] == "Wrenmouth Echo"


def test_a_page_with_its_own_text_keeps_it_whatever_its_json_ld_says() -> None:
    html_body = "<main><article>" + "".join(f"<p>{x}</p>" for x in (LEDE, SECOND, LEDE.replace("Monday", "Tuesday"))) + "</article></main>"
    data = extract_html(_shell("A short description of the harbour story that is not the page's text at all, " * 3, extra=html_body))
    assert data is not None and data["text"].startswith(LEDE)


def test_broken_or_non_article_json_ld_is_ignored() -> None:
    raw = _shell(f"{LEDE} {SECOND}", kind="Product").replace("</body>", f"<main><p>{LEDE}</p><p>{SECOND}</p></main></body>")
    data = extract_html(raw.replace('"@graph"', '"@graph" oops'))
    assert data is not None and "enable JavaScript" not in data["text"]


def test_absurdly_nested_json_ld_is_ignored_not_a_crash() -> None:
    deep = "[" * 5000 + "]" * 5000
    raw = f'<html><head><script type="application/ld+json">{deep}</script></head><body><main><p>{LEDE}</p><p>{SECOND}</p></main></body></html>'
    data = extract_html(raw)
    assert data is not None and data["text"].startswith(LEDE)


def test_a_press_release_loses_its_closing_matter_and_its_wire_dateline() -> None:
    page = "\n".join([
        "Wrenmouth Ports opens new ferry berth",
        "FOR IMMEDIATE RELEASE",
        "WRENMOUTH, Scotland, May 3, 2026 /Portline Newswire/ -- " + LEDE,
        SECOND,
        "About Wrenmouth Ports",
        "Wrenmouth Ports runs four harbours on the west coast. For more information, visit the website.",
        "Media contact:",
        "Ada Kell",
        "###",
    ])
    c = clean_text(page)
    assert c.body == LEDE + "\n\n" + SECOND


def test_an_about_subheading_without_a_release_mark_is_an_ordinary_article() -> None:
    lines = [LEDE, "About the Harbour Trust", "The trust was set up in 1921 to keep the port open.", SECOND]
    assert find_release_tail(lines, 0) is None


def test_a_closing_writer_note_goes_but_a_journalist_in_the_story_stays() -> None:
    note = "Ola Rand is the Echo's transport correspondent. She has covered the islands since 2018."
    assert find_closing_bio([LEDE, SECOND, note, "Follow her on X"]) == 2
    assert clean_text("\n".join(["Harbour reopens", LEDE, SECOND, note])).body == LEDE + "\n\n" + SECOND
    # inside the story, or in the past tense (an obituary), it is reporting
    assert find_closing_bio([LEDE, note, SECOND, SECOND.replace("operator", "port"), LEDE.replace("Monday", "Friday")]) is None
    assert find_closing_bio([LEDE, SECOND, "Ola Rand was a reporter at the Echo for 40 years."]) is None


def test_a_writer_note_above_a_newsletter_footer_goes_and_a_bold_dateline_is_split() -> None:
    page = "\n".join([
        "Harbour Morning: the wall holds",
        "**WRENMOUTH, Scotland, May 3, 2026 /Portline PR/ —** " + LEDE,
        SECOND,
        "Ola Rand is a senior reporter at the Echo, where she covers the coast.",
        "You're getting this email because you subscribed to Harbour Morning.",
        "Manage your preferences or unsubscribe.",
        "The Echo, 4 Quay Street, Wrenmouth",
    ])
    assert clean_text(page).body == LEDE + "\n\n" + SECOND


def test_a_reader_poll_goes_and_a_question_in_the_text_stays() -> None:
    lines = [LEDE, "POLL", "Should the sea wall be raised?", "Yes 61%", "No 39%", "2,310 votes", "View results", SECOND]
    assert find_poll_lines(lines) == {1, 2, 3, 4, 5, 6}
    assert find_poll_lines([LEDE, "Should the sea wall be raised?", SECOND]) == set()
    body = clean_body("\n\n".join(lines))
    assert body == LEDE + "\n\n" + SECOND


def test_a_photo_widget_loses_its_caption_only_between_repeated_credits() -> None:
    lines = ["Enlarge this image", "toggle caption", "Ola Rand/Echo", "Boats leave the harbour.", "Ola Rand/Echo", LEDE]
    assert find_photo_blocks(lines) == {0, 1, 2, 3, 4}
    assert find_photo_blocks(["Enlarge this image", LEDE, SECOND]) == {0}


def test_a_printed_interview_keeps_its_answers_and_loses_its_labels() -> None:
    page = "\n".join([
        "'We will reopen': the harbour master on the repairs",
        "Ines Tark has run Wrenmouth harbour since 2019. She spoke to the Echo on Sunday.",
        "Q: When will the ferries run again?",
        "A: On Monday. We have tested the wall and we are ready.",
        "Q: Will you raise the wall?",
        "A: Not this year. Our budget does not allow it.",
    ])
    body = clean_text(page).body.split("\n\n")
    assert body[1:] == ["When will the ferries run again?", "On Monday. We have tested the wall and we are ready.",
                        "Will you raise the wall?", "Not this year. Our budget does not allow it."]
    assert find_qa_lines(["A: one answer", "Q: one question", LEDE]) == frozenset()


@pytest.mark.parametrize("line", [
    "This interview has been condensed and edited for clarity.",
    "This story was written by a Local Democracy Reporter, part of a public news-sharing scheme that funds reporting on councils.",
    "The author is a retired harbour pilot.",
    "The views expressed in this piece are the author's own and do not necessarily reflect those of the Echo.",
    "Do you have an opinion on an issue covered in this article? Submit a letter of up to 300 words.",
    "Was this article helpful?",
    "Read about how we fact-check claims and how we rate them.",
    "This article is more than 2 years old",
    "You are receiving this email because you signed up to Harbour Watch.",
    "Here is the latest on the harbour repairs from our newsroom.",
    "That's all for today. Stay safe.",
    "FOR IMMEDIATE RELEASE",
    "This article is also available in French.",
    # batch 6's other words for the same notices
    "You're getting this email because you subscribed to The Harbour Morning.",
    "Having trouble viewing this email? View it online",
    "Manage your preferences or unsubscribe.",
    "Good morning from the Wrenmouth Echo.",
    "Today's edition is a conversation with the harbour master.",
    # the disclaimer naming the piece, without "expressed" (tokenised as archives store it)
    "The opinions in this commentary are solely those of Ann Poe .",
    "The views in this column are the writer's own.",
])
def test_page_notices_of_batch_5_go(line: str) -> None:
    assert notice_reason(line) is not None


@pytest.mark.parametrize("line", [
    "The views expressed by the minister angered fishermen, who blocked the harbour on Monday.",
    "Evidently he does not represent any serious opinions expressed by anyone in the town.",
    "The report was edited by the port's lawyers before it was published, the inquiry heard.",
    "The author is expected to give evidence to the inquiry next week, the court said.",
    "The repairs were funded by a government grant of £2 million, the council said.",
    "Here is the harbour master's account of the night the wall broke.",
    "Was this the worst storm in a century? Forecasters say it was close.",
    "The harbour wall is more than 200 years old, the trust said.",
    "The views in this town are split, the mayor said.",
    "The views in these columns are only one side of the debate, the editor said.",
    "The ferry company said it would write a letter to every season-ticket holder.",
    "The menu is also available in French at the harbour café.",
    "Good afternoon.",
    "Good morning and welcome to Harbour Desk.",
    "Today's edition of the Echo carried an apology from the port authority.",
    "Customers can manage their accounts online, the company said.",
])
def test_prose_that_looks_like_a_notice_stays(line: str) -> None:
    assert notice_reason(line) is None


def test_a_short_line_in_another_language_beside_a_foreign_one_goes_an_english_one_stays() -> None:
    page = "\n".join([
        "Harbour reopens",
        LEDE,
        SECOND,
        "Early Friday, coastguard boats towed Wrenmouth yachts.",  # few words, no function word
        "Cet article est également disponible en français pour nos lecteurs.",
        "Dieser Artikel ist auch auf Deutsch verfügbar.",
    ])
    body = clean_text(page).body
    assert "Early Friday" in body and "Deutsch" not in body and "français" not in body


def test_consent_banners_in_other_languages_are_not_the_title() -> None:
    page = "\n".join([
        "Nous utilisons des cookies",
        "Nous et nos partenaires utilisons des cookies pour mesurer l'audience.",
        "Tout accepter",
        "Wir verwenden Cookies",
        "Alle akzeptieren",
        "Harbour reopens after a week of repairs",
        LEDE,
        SECOND,
    ])
    c = clean_text(page)
    assert c.title == "Harbour reopens after a week of repairs" and c.body == LEDE + "\n\n" + SECOND


def test_a_read_more_pointer_set_off_by_an_ellipsis_goes_and_prose_stays() -> None:
    pointer = "Read more ... Why the harbour wall failed twice in one winter ?"
    other = "See also … Ferry timetable for the islands"
    prose = "Read more about the repairs in the council's report, the harbour master said."
    body = clean_body("\n\n".join([LEDE, pointer, other, prose]))
    assert pointer not in body and "Ferry timetable" not in body
    assert LEDE in body and prose in body
