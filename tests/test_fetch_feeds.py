"""What listings list: RSS, Atom, news sitemaps, sitemap indexes, OPML, home pages, URL files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import atom, news_sitemap, page_html, rss
from newsbrief.fetch.feeds import NotAListing, parse_listing, read_source_file

BASE = "http://news.test:8000"


def test_rss_items_with_titles_and_dates() -> None:
    body = rss("Harrowgate Herald", [("/a/1", "Bridge approved", "Tue, 04 Mar 2031 08:00:00 GMT"), (f"{BASE}/a/2", "Ferry", "Wed, 05 Mar 2031 09:30:00 GMT")])
    listing = parse_listing(body.encode(), f"{BASE}/feed.xml", "application/rss+xml")
    assert listing.kind == "feed" and listing.title == "Harrowgate Herald"
    assert [(i.url, i.title, i.published) for i in listing.items] == [
        (f"{BASE}/a/1", "Bridge approved", "2031-03-04T08:00:00"),
        (f"{BASE}/a/2", "Ferry", "2031-03-05T09:30:00"),
    ]
    assert listing.note is None


def test_atom_served_as_text_html_is_still_a_feed() -> None:
    body = atom("Valley Post", [(f"{BASE}/v/1", "Frost", "2031-04-11T06:00:00Z")])
    listing = parse_listing(body.encode(), f"{BASE}/atom", "text/html")
    assert listing.kind == "feed" and listing.title == "Valley Post"
    assert [(i.url, i.published) for i in listing.items] == [(f"{BASE}/v/1", "2031-04-11T06:00:00")]


def test_news_sitemap_gives_titles_dates_and_publication_names() -> None:
    body = news_sitemap([(f"{BASE}/s/1", "The Wellmere Courier", "2031-04-14", "Growers ask for aid")])
    listing = parse_listing(body.encode(), f"{BASE}/news-sitemap.xml")
    assert listing.kind == "sitemap"
    (item,) = listing.items
    assert (item.url, item.title, item.published, item.outlet) == (f"{BASE}/s/1", "Growers ask for aid", "2031-04-14", "The Wellmere Courier")


def test_sitemap_index_lists_its_sitemaps() -> None:
    body = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>/sm-1.xml</loc></sitemap><sitemap><loc>/sm-2.xml</loc></sitemap></sitemapindex>"
    )
    listing = parse_listing(body.encode(), f"{BASE}/sitemap.xml")
    assert listing.children == (f"{BASE}/sm-1.xml", f"{BASE}/sm-2.xml") and not listing.items


def test_home_page_feeds_are_discovered() -> None:
    body = page_html("Harrowgate Herald", ["Welcome to the front page of the town's newspaper today."], feed_link="/feed.xml")
    listing = parse_listing(body.encode(), f"{BASE}/", "text/html")
    assert listing.kind == "page" and listing.children == (f"{BASE}/feed.xml",)


def test_malformed_xml_is_not_a_feed_and_says_why() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</ti'
    with pytest.raises(NotAListing) as err:
        parse_listing(body, f"{BASE}/broken.xml", "application/rss+xml")
    assert str(err.value).startswith("not a feed: malformed XML (")


def test_a_malformed_sitemap_says_so() -> None:
    with pytest.raises(NotAListing, match=r"^malformed sitemap XML \("):
        parse_listing(b'<?xml version="1.0"?><urlset><url><loc>/a</loc></url', f"{BASE}/sitemap.xml")


def test_plain_text_is_not_a_listing() -> None:
    with pytest.raises(NotAListing, match="not a feed, sitemap, OPML file or HTML page"):
        parse_listing(b"just some words in a file", f"{BASE}/notes.txt", "text/plain")


def test_opml_and_url_files(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>'
        '<outline text="Local"><outline text="Herald" type="rss" xmlUrl="http://news.test/feed.xml"/></outline>'
        '<outline text="Post" xmlUrl="http://post.test/atom"/></body></opml>',
        encoding="utf-8",
    )
    assert read_source_file(opml) == ("opml", ["http://news.test/feed.xml", "http://post.test/atom"])
    urls = tmp_path / "urls.txt"
    urls.write_text("# today's links\nhttp://news.test/a/1\n\n  https://post.test/b  \n", encoding="utf-8")
    assert read_source_file(urls) == ("urls", ["http://news.test/a/1", "https://post.test/b"])
    bad = tmp_path / "bad.txt"
    bad.write_text("http://news.test/a/1\nnews.test/a/2\n", encoding="utf-8")
    with pytest.raises(NotAListing, match="line 'news.test/a/2' is not an http"):
        read_source_file(bad)


def test_a_saved_feed_or_sitemap_file_lists_its_pages(tmp_path: Path) -> None:
    feed = tmp_path / "saved.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Herald</title>'
        "<item><title>One</title><link>http://news.test/a/1</link></item>"
        "<item><title>Two</title><link>https://news.test/a/2</link></item></channel></rss>",
        encoding="utf-8",
    )
    assert read_source_file(feed) == ("urls", ["http://news.test/a/1", "https://news.test/a/2"])
    sitemap = tmp_path / "news-sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://news.test/a/3</loc></url></urlset>',
        encoding="utf-8",
    )
    assert read_source_file(sitemap) == ("urls", ["http://news.test/a/3"])
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Herald</title></channel></rss>', encoding="utf-8")
    with pytest.raises(NotAListing, match="a saved feed that links no http"):
        read_source_file(empty)
