"""The shared vocabulary: one number reader, one word count, one stop list, used by every stage."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsbrief.annotate.dates import find_dates, strip_dateline
from newsbrief.annotate.figures import find_figures
from newsbrief.annotate.resources import Resources
from newsbrief.annotate.sentences import split_sentences
from newsbrief.models import Article
from newsbrief.story.overlap import scan_features
from newsbrief.story.quantities import compare_quantities, find_quantities
from newsbrief.summary.bigrams import find_concepts
from newsbrief.vocabulary import (
    FUNCTION_WORDS,
    STOP_WORDS,
    Amount,
    count_words,
    get_currency_code,
    get_month_number,
    parse_amount,
    parse_fraction,
    parse_number,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "newsbrief"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("\u00a34bn", Amount(4e9, "GBP")),
        ("\u00a34 billion", Amount(4e9, "GBP")),
        ("$2.5 billion", Amount(2.5e9, "USD")),
        ("US$ 1.5bn", Amount(1.5e9, "USD")),
        ("USD 175.6 billion", Amount(175.6e9, "USD")),
        ("A$5m", Amount(5e6, "AUD")),
        ("\u20ac300,000", Amount(3e5, "EUR")),
        ("Rs. 545 crore", Amount(5.45e9, "INR")),
        ("85,000 euros", Amount(85_000, "EUR")),
        ("two million dollars", Amount(2e6, "USD")),
        ("5 billion US dollars", Amount(5e9, "USD")),
        ("30k", Amount(3e4)),
        ("1,200", Amount(1200)),
        ("twenty-five", Amount(25)),
        ("two hundred", Amount(200)),
        ("a dozen", Amount(12)),
        ("1.2 million", Amount(1.2e6)),
    ],
)
def test_parse_amount_table(text: str, amount: Amount) -> None:
    got = parse_amount(text)
    assert got is not None
    assert got.currency == amount.currency
    assert got.value == pytest.approx(amount.value)


@pytest.mark.parametrize("text", ["", "people", "4 people", "\u00a3", "bn"])
def test_parse_amount_rejects_non_numbers(text: str) -> None:
    assert parse_amount(text) is None


def test_codes_fractions_and_months() -> None:
    assert [get_currency_code(c) for c in ("\u00a3", "usd", "Euros", "yen", "A$", "GBP", "cats")] == [
        "GBP", "USD", "EUR", "JPY", "AUD", "GBP", None,
    ]  # fmt: skip
    assert parse_fraction("two-thirds") == pytest.approx(200 / 3)
    assert parse_fraction("a quarter") == 25.0
    assert [get_month_number(m) for m in ("December", "Dec.", "sept", "May", "Maybe")] == [12, 12, 9, 5, None]
    assert parse_number("seventeen") == 17 and parse_number("4bn") == 4e9 and parse_number("4 cats") is None


@pytest.mark.parametrize(
    ("sentence", "value", "currency"),
    [
        ("The government pledged \u00a34bn for flood defences on Monday.", 4e9, "GBP"),
        ("Donors pledged $2.5 billion for the reconstruction fund.", 2.5e9, "USD"),
        ("The club paid \u20ac85m for the striker.", 85e6, "EUR"),
        ("The scheme will cost 300 million euros over ten years.", 3e8, "EUR"),
    ],
)
def test_figures_and_disagreements_read_a_sum_alike(
    sentence: str, value: float, currency: str, resources: Resources
) -> None:
    """The figures stage (map, spaCy parse) and the disagreement check (quantities) read the
    same sum in the same sentence as the same value in the same currency."""
    article = Article(id="a1", path="a1.txt", body=sentence, published=dt.date(2024, 3, 4))
    doc = resources.nlp(sentence)
    figures = [f for f in find_figures(article, split_sentences(article, doc), doc) if f.unit == currency]
    quantities = [q for q in find_quantities(sentence) if q.key.startswith(f"money:{currency}")]
    assert [f.value for f in figures] == [pytest.approx(value)]
    assert [q.value for q in quantities] == [pytest.approx(value)]


def test_the_same_sum_written_two_ways_is_no_disagreement() -> None:
    (a,) = find_quantities("The fund is worth \u00a34bn.")
    (b,) = find_quantities("The fund is worth \u00a34 billion.")
    (c,) = find_quantities("The fund is worth \u00a32.5bn.")
    assert a.key == b.key == c.key == "money:GBP:"
    assert compare_quantities(a, b)
    assert not compare_quantities(a, c)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The U.S. said it won't pay $4bn.", 7),
        ("WASHINGTON (AP) _ The House voted -- again.", 6),
        ("12,000 people | 3 towns", 4),
        ("", 0),
        ("  \u2014  ", 0),
    ],
)
def test_count_words_table(text: str, words: int) -> None:
    assert count_words(text) == words


@given(st.lists(st.sampled_from(["news", "4bn", "U.S.", "--", "_", "|", "don't", "\u00a3", "12,000"]), max_size=30))
def test_count_words_is_the_white_space_count_without_bare_punctuation(tokens: list[str]) -> None:
    text = " ".join(tokens)
    assert count_words(text) == len([t for t in tokens if re.search(r"[^\W_]", t)])
    assert count_words(text) <= len(text.split())


def test_one_stop_list_for_summary_and_overlap() -> None:
    """A sentence of function words only gives the summary no concept and the overlap no content
    word (the overlap's stop list holds every function word); number words stay content for both."""
    filler = "he said that they would have been there according to them"
    assert all(w in FUNCTION_WORDS for w in filler.split())
    assert FUNCTION_WORDS - {"won"} <= STOP_WORDS
    assert find_concepts(filler) == frozenset() and find_concepts(filler, unigrams=True) == frozenset()
    assert scan_features(filler)[0] == frozenset()
    assert {"six", "first", "fire"}.isdisjoint(STOP_WORDS)
    assert scan_features("six fires")[0] == frozenset({"6", "fire"})


def test_may_and_march_stay_words_without_a_date_context() -> None:
    body = "March organisers said prices may rise. The vote is due in May. Talks resume on 5 March."
    article = Article(id="a1", path="a1.txt", body=body, published=dt.date(2024, 1, 10))
    found = [(m.text, m.date) for m in find_dates(article, split_sentences(article), None)]
    assert found == [("May", "2024-05"), ("5 March", "2024-03-05")]


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("WASHINGTON (AP) _ The House voted to impeach the president.", "The House voted to impeach the president."),
        ("BEIJING, Dec 12 (Reuters) - China said it would retaliate.", "China said it would retaliate."),
        ("HANOI - Chinese President Xi Jinping arrived in Vietnam.", "Chinese President Xi Jinping arrived in Vietnam."),
        ("(Beijing) The president will travel abroad next week.", "The president will travel abroad next week."),
        ("Saturday 25 April 2009 23.24 BST Swine flu has similar symptoms.", "Swine flu has similar symptoms."),
        ("A fire turned a dance hall into a deathtrap.", "A fire turned a dance hall into a deathtrap."),
    ],
)
def test_one_dateline_rule(text: str, stripped: str) -> None:
    assert strip_dateline(text) == stripped


@pytest.mark.parametrize(
    "pattern",
    [
        r"^def count_words\(",
        r"^def word_count\(",
        r"^def parse_number\(",
        r"^def strip_dateline\(",
        r"^def find_dates\(",
        r"^(?:_?STOPWORDS|_?STOP_WORDS|_?FUNCTION_WORDS|STOP)\b.*=",
        r"^_?(?:MONTHS|MONTH_NAMES|WEEKDAYS)\b.*=",
        r"^_?(?:NUMBER_WORDS|NUMBERS|CURRENCIES|SCALES)\b.*=",
    ],
)
def test_each_word_table_and_reader_is_defined_once(pattern: str) -> None:
    """No stage keeps its own copy of a vocabulary table or reader next to the shared one."""
    rx = re.compile(pattern, re.M)
    where = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if rx.search(p.read_text(encoding="utf-8")))
    assert len(where) <= 1, where
