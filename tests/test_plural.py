"""Counts in messages take the noun's number: "1 story updated", "2 stories", "0 articles"."""

from __future__ import annotations

from newsbrief.fetch.watch import PassReport
from newsbrief.plural import count


def test_count_takes_the_noun_s_number() -> None:
    assert count(1, "article") == "1 article"
    assert [count(n, "new article") for n in (0, 2)] == ["0 new articles", "2 new articles"]
    assert count(1, "story", "stories") == "1 story" and count(3, "story", "stories") == "3 stories"


def test_big_counts_carry_thousands_separators() -> None:
    assert count(1208, "article") == "1,208 articles"
    assert count(2_000_000, "sentence pair") == "2,000,000 sentence pairs"


def test_a_watch_pass_of_one_of_each_reads_in_the_singular() -> None:
    one = PassReport(listings_read=1, new_items=1, pages_fetched=1, stored=1, failures=[("http://x.test/", "HTTP 404")])
    one.stories_touched.add(7)
    line = one.summary()
    assert line.startswith("1 listing read, 0 unchanged, 1 new item; 1 page fetched: 1 stored")
    assert "; 1 failure; 1 story updated" in line
    two = PassReport(listings_read=2, new_items=2, pages_fetched=2, failures=[("a", "x"), ("b", "y")])
    two.stories_touched.update({1, 2})
    assert "2 listings read" in two.summary() and "2 failures; 2 stories updated" in two.summary()
    assert "0 new items; 0 pages fetched" in PassReport().summary()
