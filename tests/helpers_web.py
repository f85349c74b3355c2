"""A local web of made-up news sites for the fetch/watch tests: pages, feeds, sitemaps, robots.txt.

Everything is served by pytest-httpserver on 127.0.0.1; the tests reach it under made-up host
names (``news.test``...) through :func:`newsbrief.fetch.loopback.loopback_fetcher`. All text is
fictional.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

# Fictional articles: (slug, title, date, paragraphs).
ARTICLES: list[tuple[str, str, str, list[str]]] = [
    (
        "bridge-vote",
        "Harrowgate council approves the new Lanner river bridge",
        "2025-03-04",
        [
            "The Harrowgate town council voted on Tuesday to build a new bridge across the Lanner river, ending a dispute that had lasted for nine years.",
            "Councillors approved the plan by eleven votes to four after a long debate in which residents of the east bank asked for a footpath and a cycle lane.",
            "The bridge will cost 14 million crowns and is expected to open in the spring of 2033, according to the council's chief engineer, Mara Quillby.",
            "Opponents said the money should go to the old ferry service, which has carried passengers across the river since the town was founded.",
        ],
    ),
    (
        "bridge-ferry",
        "Lanner ferry operators warn the bridge will end their service",
        "2025-03-05",
        [
            "Operators of the Lanner river ferry said on Wednesday that the bridge approved by Harrowgate council would put an end to a service their families have run for generations.",
            "Tobin Arrant, who owns two of the four ferries, said passenger numbers would fall by more than half once the bridge opens in 2033.",
            "The council has offered the ferry operators a share of the tolls for five years, but Arrant called the offer an insult to the people who kept the town connected.",
            "A public meeting on the future of the ferry will be held in the Harrowgate library next Monday evening.",
        ],
    ),
    (
        "orchard-frost",
        "Late frost destroys half of the Wellmere apple blossom",
        "2025-04-11",
        [
            "A late frost on Thursday night destroyed about half of the apple blossom in the orchards around Wellmere, growers said on Friday.",
            "Temperatures fell to minus four degrees shortly before dawn, the coldest April night the valley's weather station has recorded in thirty years.",
            "Ilse Varnholt, who chairs the Wellmere growers' association, said the harvest would be the smallest since the association began keeping records.",
            "Some growers lit fires between the rows of trees through the night, which saved the blossom in the lower orchards near the river.",
        ],
    ),
    (
        "orchard-aid",
        "Wellmere growers ask the province for frost aid",
        "2025-04-14",
        [
            "Apple growers in Wellmere asked the provincial government on Monday for emergency aid after last week's frost destroyed half of the valley's blossom.",
            "The growers' association estimates its members will lose about 6 million crowns of income this year, and several family farms may not survive the season.",
            "The provincial minister for agriculture, Oren Delacourt, said he would visit the orchards on Wednesday before deciding on any payment.",
            "Growers also want help to buy frost fans, which protected the orchards of neighbouring valleys during the same cold night.",
        ],
    ),
    (
        "library-reopens",
        "Harrowgate library reopens after two years of repairs",
        "2025-05-02",
        [
            "The Harrowgate public library reopened on Saturday after two years of repairs to its roof and its flooded basement archive.",
            "Hundreds of residents queued outside the building before the doors opened at nine o'clock, and the children's reading room was full within an hour.",
            "The head librarian, Petra Holm, said volunteers had dried and restored more than eight thousand books that were damaged by the flood.",
            "The library will now stay open until eight in the evening on weekdays, two hours later than before the repairs began.",
        ],
    ),
    (
        "orchard-visit",
        "Minister Delacourt tours frost-hit Wellmere orchards",
        "2025-04-16",
        [
            "The provincial agriculture minister, Oren Delacourt, toured the frost-hit orchards of Wellmere on Wednesday and promised a decision on aid within a week.",
            "Growers showed the minister rows of trees whose blossom turned brown after the coldest April night in thirty years.",
            "Ilse Varnholt of the growers' association said the visit was welcome but that farms needed money before the summer, not promises.",
            "Delacourt said the province would also study a loan scheme for frost fans, which growers in neighbouring valleys already use.",
        ],
    ),
]


def page_html(
    title: str,
    paragraphs: Sequence[str],
    *,
    site_name: str | None = None,
    date: str | None = None,
    canonical: str | None = None,
    feed_link: str | None = None,
) -> str:
    """A small article page with navigation boilerplate around the text."""
    meta = []
    if site_name:
        meta.append(f'<meta property="og:site_name" content="{html.escape(site_name)}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:00:00Z">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    if feed_link:
        meta.append(f'<link rel="alternate" type="application/rss+xml" title="News" href="{html.escape(feed_link)}">')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{''.join(meta)}</head><body>"
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/weather">Weather</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer><p>Subscribe to our newsletter</p></footer></body></html>"
    )


def article_page(slug: str, *, site_name: str | None = None, canonical: str | None = None) -> str:
    """The page of the fictional article ``slug``."""
    for s, title, date, paragraphs in ARTICLES:
        if s == slug:
            return page_html(title, paragraphs, site_name=site_name, date=date, canonical=canonical)
    raise KeyError(slug)


def rss(title: str, items: Sequence[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><pubDate>{d}</pubDate></item>"
        for link, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.invalid/</link><description>d</description>{entries}"
        "</channel></rss>"
    )


def atom(title: str, items: Sequence[tuple[str, str, str]]) -> str:
    """An Atom feed of (link, title, ISO date) items."""
    entries = "".join(
        f'<entry><title>{html.escape(t)}</title><link href="{html.escape(link)}"/><id>{html.escape(link)}</id>'
        f"<updated>{d}</updated></entry>"
        for link, t, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}</title>{entries}</feed>'


def news_sitemap(items: Sequence[tuple[str, str, str, str]]) -> str:
    """A Google News sitemap of (loc, publication name, date, title) items."""
    urls = "".join(
        f"<url><loc>{html.escape(loc)}</loc><news:news><news:publication><news:name>{html.escape(name)}</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{d}</news:publication_date>"
        f"<news:title>{html.escape(t)}</news:title></news:news></url>"
        for loc, name, d, t in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )
