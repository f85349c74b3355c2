"""Date expressions: finding, direction (tense) and resolution against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.annotate.dates import find_dates, strip_dateline
from newsbrief.models import Article

THU_7 = dt.date(2023, 12, 7)  # a Thursday
TUE_12 = dt.date(2023, 12, 12)
WED_13 = dt.date(2023, 12, 13)


Found = list[tuple[str, str]]


@pytest.fixture(scope="module")
def resolve(resources: Any, one_sentence: Any) -> Callable[..., Found]:
    """``resolve(text, published, parse=True)``: (expression, ISO date) pairs of a one-sentence
    article, with or without spaCy's parse."""

    def run(text: str, published: dt.date | None, parse: bool = True) -> Found:
        art, sents = one_sentence(text, published)
        doc = resources.nlp(text) if parse else None
        return [(m.text, m.date) for m in find_dates(art, sents, doc)]

    return run


@pytest.fixture(scope="module")
def both(resolve: Callable[..., Found]) -> Callable[[str, dt.date | None], Found]:
    """``both(text, published)``: the result with spaCy; asserts the regex-only fallback agrees."""

    def run(text: str, published: dt.date | None) -> Found:
        with_doc = resolve(text, published, True)
        assert resolve(text, published, False) == with_doc, text
        return with_doc

    return run


# --- weekdays and direction ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The minister will visit Hanoi on Tuesday for talks.", THU_7, "2023-12-12"),
        ("The minister met the president on Tuesday in Hanoi.", WED_13, "2023-12-12"),
        ("The premier starts a two-day visit to Hanoi on Tuesday.", TUE_12, "2023-12-12"),
        ("The premier starts a two-day visit to Hanoi on Tuesday.", dt.date(2023, 12, 11), "2023-12-12"),
        ("The talks are scheduled to take place on Friday in Geneva.", TUE_12, "2023-12-15"),
        ("The upcoming summit on Friday will be closely watched.", TUE_12, "2023-12-15"),
        ("Police said on Monday that the suspect had fled.", WED_13, "2023-12-11"),
        ("The court adjourned the hearing on Friday after a row.", WED_13, "2023-12-08"),
        ("The singer died last Tuesday at his home.", TUE_12, "2023-12-05"),
        ("The jury will return next Wednesday for the verdict.", WED_13, "2023-12-20"),
    ],
)
def test_weekday_direction_comes_from_tense(text: str, published: dt.date, expected: str, both: Any) -> None:
    found = both(text, published)
    assert [d for _, d in found] == [expected]


def test_weekday_in_reported_speech_follows_its_own_verb(both: Any) -> None:
    found = dict(both("Officials said on Monday that the envoy will arrive on Friday.", WED_13))
    assert found == {"Monday": "2023-12-11", "Friday": "2023-12-15"}


def test_a_weekday_that_possesses_the_event_is_timed_by_the_clause_verb(resolve: Any) -> None:
    # Own examples (with spaCy's parse): "Saturday's landslide buried ..." in a Thursday report is
    # the Saturday before (the nearer one is two days ahead); "Saturday's final will be ..." ahead.
    assert resolve("Saturday's landslide at Korrow buried nine homes, the council said.", THU_7) == [("Saturday", "2023-12-02")]
    assert resolve("Saturday's final will be played in Arlen.", THU_7) == [("Saturday", "2023-12-09")]


# --- months, day-months and years ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In October, the leader told officials to remember their history.", THU_7, "2023-10"),
        ("The minister will resign in October, aides say.", dt.date(2023, 9, 13), "2023-10"),
        ("The minister resigned in October after a scandal.", dt.date(2023, 9, 13), "2022-10"),
        ("Elections will be held in March under the new law.", WED_13, "2024-03"),
        ("Prices rose sharply in December, traders said.", WED_13, "2023-12"),
        ("The factory closed last March with 300 job losses.", WED_13, "2023-03"),
        ("The factory will reopen next March with new owners.", dt.date(2023, 2, 1), "2023-03"),
        ("A judge has delayed the trial until May to allow both sides more time.", dt.date(2011, 3, 3), "2011-05"),
        ("The storm hit the coast on Dec. 5, flooding two towns.", dt.date(2024, 1, 10), "2023-12-05"),
        ("The vote was postponed until Dec. 20 because of the protests.", WED_13, "2023-12-20"),
        ("The leader is scheduled to visit on 12th \u2013 13th December, the ministry said.", THU_7, "2023-12-12"),
        ("The earthquake struck on 12 January 2010, killing thousands.", dt.date(2011, 1, 1), "2010-01-12"),
        ("The deal was signed on January 12th, 2010 in Paris.", dt.date(2012, 5, 1), "2010-01-12"),
        # A tokenised text spaces the comma before a day's year: one date, not a year-less day
        # (resolved to the nearest September 1) and a year beside it.
        ("As a captain he led a coup against the king on September 1 , 1969 , his aides recall .", dt.date(2011, 3, 1), "1969-09-01"),
        ("The treaty was signed on 12 January , 2010 in Paris .", dt.date(2012, 5, 1), "2010-01-12"),
        # ... and the comma after a weekday before a date: one date, not the nearest such weekday
        # beside it. The weekday picks a year-less day's year when one of the candidates fits it.
        ("The summit opens on Saturday , 6 January with a parade .", WED_13, "2024-01-06"),
        ("Talks were held on Friday , 6 January in the capital .", WED_13, "2023-01-06"),
        ("Talks were held on Friday, 6 January in the capital.", WED_13, "2023-01-06"),
        ("Voting ended on Tuesday , November 28 , 2023 , officials said .", WED_13, "2023-11-28"),
        ("The fair opened on Monday 8 March with music.", dt.date(2021, 2, 20), "2021-03-08"),
        ("The meeting on 2023-12-05 went well for both sides.", WED_13, "2023-12-05"),
        ("Turnover reached USD 175.6 billion in 2022, officials said.", WED_13, "2022"),
        ("The report was published in mid-2021 by the agency.", WED_13, "2021"),
        ("The company was founded in October 2019 in Berlin.", WED_13, "2019-10"),
    ],
)
def test_calendar_expressions_keep_their_precision(text: str, published: dt.date, expected: str, both: Any) -> None:
    assert [d for _, d in both(text, published)] == [expected]


# --- relative to the publication date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yesterday the army withdrew from the town.", "2023-12-12"),
        ("The army will withdraw tomorrow, officials said.", "2023-12-14"),
        ("The president spoke to reporters today in the capital.", "2023-12-13"),
        ("Rebels attacked the base last night, killing four.", "2023-12-12"),
        ("The company reported a loss last week in its filing.", "2023-12"),
        ("Earlier this month the bank raised its rates.", "2023-12"),
        ("The bank raised its rates last month as expected.", "2023-11"),
        ("The bank expects growth to return next year.", "2024"),
        ("Sales have fallen this year across the region.", "2023"),
        ("The bridge was ruined late last year by floods.", "2022"),
        ("The plant opened two years ago near the border.", "2021"),
        ("The plant closed three days ago after a fire.", "2023-12-10"),
        ("The treaty takes effect three weeks from now, diplomats say.", "2024-01-03"),
        ("A year ago the town had no electricity at all.", "2022"),
    ],
)
def test_relative_expressions_resolve_against_publication(text: str, expected: str, both: Any) -> None:
    assert [d for _, d in both(text, WED_13)] == [expected]


def test_weeks_are_dated_by_the_month_of_their_thursday(both: Any) -> None:
    # Monday 2023-12-04: last week ran 27 Nov - 3 Dec, its Thursday is 30 Nov.
    assert both("Talks collapsed last week amid recriminations.", dt.date(2023, 12, 4)) == [("last week", "2023-11")]


def test_anchor_dates_the_event_it_measures_from(both: Any) -> None:
    text = "The leader starts a visit on Tuesday three months after the US president traveled to Hanoi."
    found = dict(both(text, TUE_12))
    assert found == {"Tuesday": "2023-12-12", "three months after": "2023-09"}
    assert dict(both("The ceasefire came a week after the bombing of the market.", dt.date(2010, 1, 25))) == {
        "a week after": "2010-01-18"
    }


def test_without_publication_date_only_absolute_dates_resolve(both: Any) -> None:
    text = "It rained on Tuesday, in October and yesterday, but the dam broke on 5 May 2021."
    assert both(text, None) == [("5 May 2021", "2021-05-05")]


# --- what is not an event date -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Some 2000 people died in the floods.",
        "This is his first trip to the country in six years.",
        "The 1990s were calm, and COVID-19 changed that.",
        "You may be right, the minister said.",
        "The superstar died on 25 June that year, a coroner found.",
        "At 12:19 26th Apr 2009, barriesingleton wrote: nonsense.",
        "Published: 7 December 2023, the article continues here.",
    ],
)
def test_non_dates_and_stamps_are_not_mentions(text: str, both: Any) -> None:
    assert both(text, THU_7) == []


def test_datelines_are_stamps_but_chronology_lines_are_events(both: Any) -> None:
    assert both("BEIJING, Dec 7 (Reuters) - China said it would act.", THU_7) == []
    assert both("7th December 2023 \u2013 (Beijing) The president will travel abroad.", THU_7) == []
    assert both("Jan 12 - A 7.0 earthquake strikes Haiti.", dt.date(2010, 1, 30)) == [("Jan 12", "2010-01-12")]
    stripped = strip_dateline("7th December 2023 \u2013 (Beijing) The president will travel abroad.", THU_7)
    assert stripped == "The president will travel abroad."


def test_a_live_page_time_is_not_a_year(resources: Any, split_plain: Any, resolve: Any) -> None:
    """A live page's entries open on the time as four digits ("1808 The UN says ..."); on such a
    page they are not years, while a year after a date word still is."""
    entries = [
        "1808 The UN's relief co-ordinator says a rescue team has arrived.",
        "1813 The president says the devastation is extraordinary.",
        "The headquarters was destroyed 1817 Aid workers say three clinics are damaged.",
        "1826 The foreign secretary writes that the pictures are horrific.",
        "Haiti was hit by hurricanes in 2008 and a coup in 2004.",
    ]
    body = "\n\n".join(entries)
    art = Article(id="live", path="live", body=body, published=dt.date(2010, 1, 13))
    sents = split_plain(art)
    found = find_dates(art, sents, resources.nlp(body))
    assert [(m.text, m.date) for m in found] == [("2008", "2008"), ("2004", "2004")]
    # One such opening alone is a year: "1950 World Cup" is not a live page.
    assert resolve("1950 World Cup winners Uruguay were honoured in Montevideo.", dt.date(2010, 1, 13)) == [("1950", "1950")]


def test_coordinated_weekdays_share_their_direction(resolve: Any) -> None:
    # "by Thursday or Friday": Friday is timed like Thursday (ahead), not by "added" (past).
    text = "Robertson added that the groups hoped to get supplies into Haiti by Thursday or Friday."
    assert resolve(text, WED_13) == [("Thursday", "2023-12-14"), ("Friday", "2023-12-15")]
    assert resolve("The talks were held on Monday and Tuesday, officials said.", WED_13) == [
        ("Monday", "2023-12-11"),
        ("Tuesday", "2023-12-12"),
    ]


# --- spans and offsets ---------------------------------------------------------------------------


def test_spans_point_into_the_body_across_paragraphs(resources: Any, split_plain: Any) -> None:
    body = "Officials met on Monday.\n\nThe deal, signed in 2019, expires next year."
    art = Article(id="a", path="a", body=body, published=WED_13)
    sents = split_plain(art)
    found = find_dates(art, sents, resources.nlp(body))
    assert [(m.sentence, m.text, m.date) for m in found] == [
        (0, "Monday", "2023-12-11"),
        (1, "2019", "2019"),
        (1, "next year", "2024"),
    ]
    for m in found:
        assert body[m.start : m.end] == m.text


def test_seed_articles_give_the_gold_dates(gold_seeds: Any, gold: Any) -> None:
    """Every gold timeline date is resolved from the seeds' bodies; no caption date appears."""
    dates = {m.date for a in gold_seeds for m in a.dates}
    timeline = gold["timeline"]
    for event in timeline["events"]:
        assert event["date"] in dates, event
    for bad in timeline["must_not_appear"]:
        if "date" in bad:
            assert bad["date"] not in dates


def test_seed_dateline_is_not_a_mention(split_plain: Any, gold_seed_articles: Any) -> None:
    arts = {a.id: a for a in gold_seed_articles}
    art = arts["001_01d2753117808385.txt"]
    assert art.body.startswith("7th December 2023")
    found = find_dates(art, split_plain(art), None)
    assert all(m.start > 20 for m in found)


# --- properties ------------------------------------------------------------------------------------

_PHRASES = [
    "on Tuesday", "last Friday", "next Monday", "in October", "last March", "on Dec. 5", "on 12 January 2010",
    "12th - 13th December", "yesterday", "tomorrow", "last week", "earlier this month", "next year", "in 2022",
    "two days ago", "three months after the vote", "a year ago", "late last year", "mid-2021", "on Feb. 29",
    "on 31 April", "this weekend", "next summer", "in May", "on 2024-02-29",
]  # fmt: skip
_VERBS = ["met", "will meet", "meets", "is scheduled to meet", "had met", "would meet"]


@settings(max_examples=150, deadline=None)
@given(
    published=st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))),
    verb=st.sampled_from(_VERBS),
    phrases=st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=3),
    lead=st.text(alphabet="abc XYZ,.", max_size=15),
)
def test_resolved_dates_are_valid_and_spans_inside(published: dt.date | None, verb: str, phrases: list[str], lead: str, split_plain: Any) -> None:
    sentence = f"{lead}The envoy {verb} the rebels {' and '.join(phrases)}."
    body = "Intro paragraph here.\n\n" + sentence
    art = Article(id="p", path="p", body=body, published=published)
    sents = split_plain(art)
    for m in find_dates(art, sents, None):
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", m.date), m
        if len(m.date) == 10:
            dt.date.fromisoformat(m.date)
        elif len(m.date) == 7:
            assert 1 <= int(m.date[5:]) <= 12
        s = sents[m.sentence]
        assert s.start <= m.start < m.end <= s.end
        assert body[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), published=st.one_of(st.none(), st.dates()))
def test_arbitrary_text_never_breaks_the_finder(text: str, published: dt.date | None, one_sentence: Any) -> None:
    art, sents = one_sentence(text, published)
    for m in find_dates(art, sents, None):
        assert 0 <= m.start < m.end <= len(text)
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", m.date)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a clock time before the weekday ("11 p.m.") does not end the clause that holds the tense
        ("The blaze started shortly before 11 p.m. on Monday, the fire service said.", WED_13, "2023-12-11"),
        # no verb governs the weekday: the nearer occurrence (this is two days back, not five ahead)
        ("In a statement on Monday, the company said it would cooperate.", WED_13, "2023-12-11"),
        ("Talks on Friday could settle the dispute.", WED_13, "2023-12-15"),
    ],
)
def test_weekday_without_a_clear_tense_takes_the_nearer_day(text: str, published: dt.date, expected: str, both: Any) -> None:
    assert [d for _, d in both(text, published)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Published Tuesday 12 December 2023: a state lasting until a weekday ends ahead ...
        ("The harbour stays closed until Saturday while divers search the wreck.", "2023-12-16"),
        ("Officials said the border crossing remains shut through Friday.", "2023-12-15"),
        ("Libraries in the county stay closed till Sunday, the council said.", "2023-12-17"),
        # ... in the present perfect too: the state still holds (session 12).
        ("Ferry sailings have been suspended until Friday, the operator said.", "2023-12-15"),
        ("The museum has been shut until Saturday after the flood.", "2023-12-16"),
        # ... unless the sentence puts the state itself in the past.
        ("The harbour was closed until Saturday, the port authority said.", "2023-12-09"),
        ("Police said the tunnel had remained shut until Sunday.", "2023-12-10"),
        ("The bridge had been closed until Sunday, police said.", "2023-12-10"),
    ],
)
def test_a_state_lasting_until_a_weekday_resolves_forward(text: str, expected: str, resolve: Any) -> None:
    assert [d for _, d in resolve(text, TUE_12)] == [expected]


# One or more expressions of every kind the scanner knows, in news-copy forms.
_EVERY_KIND = (
    "On 2023-12-12 and on Tuesday, Dec. 5, 2023, then 12th - 13th December 2023 and the 5 of March.",
    "By October 2022, in mid-2021, in 2019 and last March, on March 3 to 5, 2020 and on June the 13th.",
    "Yesterday, last week, this coming weekend, two days ago, a year from now, and on Friday morning.",
    "Just three months after the quake, late Sunday, early January, the end of May 2010, nearly a year before it.",
)


def test_every_pattern_match_contains_what_its_gate_looks_for(gold_seed_articles: list[Article]) -> None:
    """The scanner skips a pattern when its gate finds nothing in the sentence; that is only exact
    if every match of the pattern holds what the gate looks for. Checked on hand-written
    expressions of every kind and on the seed articles."""
    from newsbrief.annotate.dateforms import _GATES, _PATTERNS

    texts = list(_EVERY_KIND) + [a.body for a in gold_seed_articles]
    matched: set[str] = set()
    for kind, pattern in _PATTERNS:
        for text in texts:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    matched.add(kind)
                    for gate in _GATES.get(kind, ()):
                        assert gate.search(m.group(0)), (kind, m.group(0), gate.pattern)
    assert matched == {kind for kind, _ in _PATTERNS}
    assert set(_GATES) <= matched


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A weekday that fits none of the date's years (a slip): the written date stands.
        ("The rally was held on Sunday , 6 January in the square .", [("Sunday , 6 January", "2023-01-06")]),
        # A weekday before a count, not a date: the weekday alone, as untokenised.
        ("On Tuesday , 3 people died in the crash .", [("Tuesday", "2023-12-12")]),
        ("On Tuesday, 3 people died in the crash.", [("Tuesday", "2023-12-12")]),
    ],
)
def test_weekday_before_a_tokenised_comma(text: str, expected: Found, both: Any) -> None:
    assert both(text, WED_13) == expected
