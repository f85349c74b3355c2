"""Fetched pages to Articles: the readers' HTML path, the listing's fallbacks, the outlet rule."""

from __future__ import annotations

import datetime as dt

from conftest import ARTICLES, article_page, page_html
from newsbrief.config import Settings
from newsbrief.fetch.client import Response
from newsbrief.fetch.pages import Listed, article_from_page
from newsbrief.models import Article, Skip

URL = "http://www.harrowgate-herald.test/a/bridge-vote"


def response(body: str, *, cut: str | None = None, charset: str | None = "utf-8", final_url: str = URL) -> Response:
    return Response(URL, final_url, 200, body.encode("utf-8"), "text/html", charset, None, None, cut)


def test_the_pages_own_metadata_wins(settings: Settings) -> None:
    a = article_from_page(response(article_page("bridge-vote", site_name="Harrowgate Herald")), URL, Listed("Feed title", "2025-01-01", "Feed"), settings)
    assert isinstance(a, Article)
    assert a.id == a.path == URL
    assert a.title == "Harrowgate council approves the new Lanner river bridge"
    assert a.published == dt.date(2025, 3, 4)
    assert a.outlet == "Harrowgate Herald"
    assert "The Harrowgate town council voted on Tuesday" in a.body
    assert "newsletter" not in a.body and "Weather" not in a.body


def test_the_listing_fills_in_what_the_page_does_not_say(settings: Settings) -> None:
    _, _, _, paragraphs = ARTICLES[2]
    bare = page_html("", paragraphs)  # no title, no date, no site name
    a = article_from_page(response(bare), URL, Listed("Late frost destroys blossom", "2025-04-11T06:30:00", "Valley Post"), settings)
    assert isinstance(a, Article)
    assert (a.title, a.published, a.published_time, a.outlet) == ("Late frost destroys blossom", dt.date(2025, 4, 11), "06:30", "Valley Post")
    # Neither the page nor the listing names an outlet: the registered domain of the URL.
    b = article_from_page(response(bare), URL, Listed(), settings)
    assert isinstance(b, Article) and b.outlet == "harrowgate-herald.test"


def test_the_pages_canonical_link_is_its_url(settings: Settings) -> None:
    page = article_page("bridge-vote", canonical="http://www.harrowgate-herald.test/news/2025/bridge-vote?utm_source=x")
    a = article_from_page(response(page, final_url=URL + "?amp=1"), URL, Listed(), settings)
    assert isinstance(a, Article) and a.url == "http://www.harrowgate-herald.test/news/2025/bridge-vote"


def test_a_cut_off_page_keeps_its_text_and_says_so(settings: Settings) -> None:
    page = article_page("library-reopens").replace("</body></html>", "") + "<!-- padding -->\n" * 1000
    a = article_from_page(response(page, cut="cut off at 1,000,000 of 50,000,000 bytes (size limit)"), URL, Listed(), settings)
    assert isinstance(a, Article)
    assert a.notes == ("page cut off at 1,000,000 of 50,000,000 bytes (size limit)",)
    assert "eight thousand books" in a.body


def test_a_page_that_is_not_an_article_is_a_skip_naming_the_url(settings: Settings) -> None:
    s = article_from_page(response(page_html("Home", ["Welcome."])), URL, Listed(), settings)
    assert isinstance(s, Skip) and s.path == URL
    assert s.reason.endswith("is this an article page?")
    empty = article_from_page(response("   "), URL, Listed(), settings)
    assert isinstance(empty, Skip) and empty.reason == "empty page (no text in the answer)"


def test_a_legacy_charset_from_the_http_header_is_used(settings: Settings) -> None:
    page = article_page("orchard-aid").replace("Delacourt", "Délacourt")
    resp = Response(URL, URL, 200, page.encode("cp1252"), "text/html", "windows-1252", None, None)
    a = article_from_page(resp, URL, Listed(), settings)
    assert isinstance(a, Article) and "Oren Délacourt" in a.body
