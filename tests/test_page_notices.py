"""Page types of the session-14 held-out batch (tests/fixtures/unseen/bridge, wildfire): a site's
notices about the page (syndication, translation, standards, paywall offers, donation appeals,
newsletter pitches, video lists), wire datelines that carry a date, fact boxes of HTML articles
and correction notes that give the right figure. Own invented examples; prose that merely looks
like a notice stays text."""

from __future__ import annotations

import pytest

from newsbrief.read.cleaning import clean_body, clean_text
from newsbrief.read.factbox import fact_box_items, fold_fact_boxes, is_fact_list
from newsbrief.read.notices import notice_reason
from newsbrief.story.corrections import find_correction

BODY = "Engineers closed the Harrow viaduct on Monday after a survey found cracks in two of its piers, the county said."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("This story originally appeared in the Daleside Echo and is republished here with permission.", "syndication"),
        ("Republished under a Creative Commons licence. Read the original article.", "syndication"),
        ("This article is part of our Regional Reporting Network, which shares stories between newsrooms.", "syndication"),
        ("Originally published on the Valley Times website.", "syndication"),
        ("Originally published by the Valley Times, a nonprofit newsroom covering the dales.", "syndication"),
        ("Translated from Italian.", "translation"),
        ("This article was translated with the help of AI and checked by our desk.", "translation"),
        ("Our Standards: The Harbour Press Code of Practice.", "standards"),
        ("Read the full story with Morgenpost Premium.", "paywall"),
        ("Just €0.99 for your first month. Cancel anytime.", "paywall"),
        ("The Lakeland Sentinel is reader funded. Donate today so that everyone can read it.", "donation"),
        ("Please support independent journalism.", "donation"),
        ("Our free weekly briefing, delivered to your inbox every Sunday.", "newsletter"),
        ("Enter your email address", "newsletter"),
        ("More videos from the Sentinel", "related"),
        ("More clips", "related"),
        ("Never miss a story: the morning headlines delivered to your inbox at six.", "newsletter"),
        ("I agree to the terms and the privacy notice", "newsletter"),
        ("Sign me up!", "newsletter"),
        ("This work is licensed under a Creative Commons Attribution 4.0 International License.", "syndication"),
        ("You can unsubscribe at any time.", "newsletter"),
        ("Subscribe for just €1 a week.", "paywall"),
        ("Key facts", "box heading"),
        ("The viaduct at a glance", "box heading"),
        ("Harrow by the numbers", "box heading"),
    ],
)
def test_a_sites_notice_about_the_page_is_furniture(line: str, kind: str) -> None:
    assert notice_reason(line) == kind
    assert clean_body(f"{BODY}\n\n{line}") == BODY


@pytest.mark.parametrize(
    "line",
    [
        "The report, first published in a medical journal in 2019, found the piers had been poorly built.",
        "Officials urged residents to donate blood at the town hall, where a clinic will run until Friday.",
        "Finland will become a member of the alliance next year, its foreign minister said.",
        "Customers can cancel their contracts without a fee, the regulator said on Tuesday.",
        "\"Donate today, because the need is urgent,\" the charity's director said in a statement.",
        "The mayor's newsletter, sent to every household, warned that repairs would take months.",
        "The novel was translated from Polish into 14 languages after it won the prize.",
        "More videos of the collapse emerged on Tuesday, showing the span sagging minutes before it fell.",
        "I agree with the engineers that the piers should have been checked sooner, the councillor wrote.",
        "The facts at the inquiry were never in dispute, the judge said.",
        # a paragraph opening on a notice's words, then going on as prose (review, session 14)
        "First published in 1998, the survey warned that the viaduct's cables were corroding faster than expected.",
        "The load test was reproduced under the same conditions by a second laboratory, the engineers said.",
        "The 1931 drawing, reprinted from the county's archive, shows the piers before they were widened.",
        "This investigation is part of a wider inquiry into the contractor, prosecutors said on Tuesday.",
        "The witness statements were translated using AI software, lawyers for the families said.",
        "Machine-translated permits were never checked by an engineer, the inquiry heard.",
        "The credit union, which is member-funded, lost 40 per cent of its savings in the collapse.",
        "The station is listener-supported and relies on donations for two thirds of its budget.",
        "Police warned that the fake repair invoices are sent directly to your email and look genuine.",
        "From £20 a week in 2010, the toll has risen to £31 a week this year.",
        "Drivers who bought the pass were told they could cancel anytime.",
        "I accept the terms of the settlement were harsh, but we had no choice, the minister said.",
        "The survey photos were released under a Creative Commons licence, the county archive said.",
        "Engineers who read the original report say it was far more damning than the summary.",
        "Commuters can subscribe for just £5 a month to the new ferry pass, the operator said.",
        "The new law requires that customers can unsubscribe at any time from marketing emails.",
        # a quotation running on into the next paragraph never closes in this one
        "\"We will hold our daily briefings every morning at nine until the viaduct reopens.",
        # ... and single quotes, an apostrophe inside them
        "'We need help. Donate now to the viaduct appeal,' the mayor said.",
        "'We won't stop. Please support local journalism,' the editor told staff on Monday.",
        "The mayor said: \u2018Our daily bulletins will be sent to every household until the viaduct reopens.\u2019",
    ],
)
def test_prose_that_looks_like_a_notice_stays(line: str) -> None:
    assert notice_reason(line) is None
    assert clean_body(f"{BODY}\n\n{line}") == f"{BODY}\n\n{line}"


def test_a_wire_dateline_with_a_date_is_split_off() -> None:
    text = "HARROW, Mar 3 (Valewire) - " + BODY
    assert clean_body(text) == BODY
    page = clean_text(f"Viaduct closed after survey\nValewire\nMarch 3, 2025\n{text}\nThe county said repairs would take a year.")
    assert page.body.split("\n\n")[0] == BODY


def test_fact_box_items_are_facts_and_tickers_or_headlines_are_not() -> None:
    assert is_fact_list(["Built: 1931", "Length: 280 metres", "Piers: 11"])
    assert is_fact_list(["Area burned: 800 hectares", "Cause: under investigation"])
    assert not is_fact_list(["Index: 7,512.3", "Bonds: 4.1%"])  # figures alone: a ticker
    assert not is_fact_list(["Viaduct closed after survey", "Council approves budget"])  # headlines
    assert not is_fact_list(["Built: 1931"])  # one item is no box
    assert not is_fact_list(["Note: The county said it would publish the survey in full next week.", "Piers: 11"])


def _page(box: str, outside: str = "") -> str:
    return (
        "<html><head><title>Viaduct closed</title></head><body>"
        f"<aside><ul><li>Index: 7,512</li><li>Bonds: 4.1%</li></ul></aside>{outside}"
        f"<article><h1>Viaduct closed</h1><p>{BODY}</p><p>The county said repairs would take a year and cost about 4 million pounds.</p>"
        f"{box}</article></body></html>"
    )


def test_a_fact_box_inside_the_article_is_kept_and_side_lists_are_not() -> None:
    box = "<aside class='box'><h3>The viaduct in numbers</h3><ul><li>Built: 1931</li><li>Length: 280 metres</li></ul></aside>"
    text = "The county said repairs would take a year."
    assert fold_fact_boxes(_page(box), text) == f"{text}\n\nBuilt: 1931\n\nLength: 280 metres"
    assert fact_box_items(_page("")) == []  # the ticker sits outside the article
    assert fold_fact_boxes(_page(""), text) == text
    assert fold_fact_boxes(_page(box), "Built: 1931\n\nLength: 280 metres") == "Built: 1931\n\nLength: 280 metres"  # already there


def test_a_definition_list_printed_in_pieces_is_folded_into_facts() -> None:
    dl = "<dl><dt>Highest reading</dt><dd>39.8C at noon</dd><dt>Piers cracked</dt><dd>2 of 11</dd></dl>"
    assert [x for x, _ in fact_box_items(_page(dl))] == ["Highest reading: 39.8C at noon", "Piers cracked: 2 of 11"]
    printed = f"{BODY}\n\n- Highest reading\n\n- 39.8C at noon\n\n- Piers cracked\n\n- 2 of 11\n\nThe county said more."
    assert fold_fact_boxes(_page(dl), printed) == f"{BODY}\n\nHighest reading: 39.8C at noon\n\nPiers cracked: 2 of 11\n\nThe county said more."


def test_a_correction_note_that_gives_the_right_figure_is_a_correction() -> None:
    c = find_correction("Correction: An earlier version of this article said 14 piers were cracked; the correct figure is 2.")
    assert c is not None and (c.old.value, c.new.value) == (14, 2)
    # an earlier version of something else is no correction of the report
    assert find_correction("An earlier version of the plan said 40 homes would be built; the correct number is 60.") is None
    # ... nor of this bill or plan, nor an earlier draft (review, session 14)
    assert find_correction("An earlier version of this bill said 200 homes would be demolished, but the council actually approved 150.") is None
    assert find_correction("An earlier draft had set the limit at 40 people, but ministers in fact agreed to 30.") is None
    c = find_correction("The bridge carries 900 lorries a day, not 9,000 as an earlier version of this story said.")
    assert c is not None and (c.old.value, c.new.value) == (9000, 900)
