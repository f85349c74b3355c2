"""Listings: what a source lists -- RSS/Atom feeds, news sitemaps, OPML, home pages, URL files.

:func:`parse_listing` reads a fetched body and says what it is by its content (servers label feeds
with every Content-Type there is):

* an RSS or Atom feed (feedparser): its entries' links, titles and dates, the feed's title;
* a sitemap (``<urlset>``; Google News ``<news:news>`` titles, dates and publication names read
  when present) or a sitemap index (``<sitemapindex>``, whose sitemaps become children);
* an OPML file of feeds (``<outline xmlUrl=...>``, children);
* an HTML home page: its ``<link rel="alternate">`` feeds become children (the watch falls back
  to the Sitemap lines of the site's robots.txt when it has none).

:func:`read_source_file` reads a local OPML file or a file of URLs (one per line, ``#`` comments).
Anything else raises :class:`NotAListing` with what was found instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

from newsbrief.read.feedfile import feed_root, struct_iso

ListingKind = Literal["feed", "sitemap", "page", "opml"]
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml", "application/xml", "text/xml"}
)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


class NotAListing(ValueError):
    """The body is not a feed, sitemap, OPML file or HTML page with feeds; says what it is."""


@dataclass(frozen=True)
class Item:
    """One article link a listing gives, with what the listing says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date or date-time
    outlet: str | None = None  # a news sitemap's publication name


@dataclass(frozen=True)
class Listing:
    """What one feed, sitemap, OPML file or home page lists."""

    kind: ListingKind
    title: str | None
    items: tuple[Item, ...] = ()
    # Further listings it points to: a home page's feeds, a sitemap index's sitemaps, OPML feeds.
    children: tuple[str, ...] = ()
    # Something the user should know although the listing was read (malformed XML read leniently).
    note: str | None = None


def parse_listing(body: bytes, url: str, content_type: str = "") -> Listing:
    """What the fetched ``body`` of ``url`` lists; raises NotAListing."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if not head.strip():
        raise NotAListing("empty answer (no feed, sitemap or page in it)")
    if not head.lstrip().startswith(b"<"):
        raise NotAListing("not a feed, sitemap, OPML file or HTML page (the answer is not XML or HTML)")
    if _HTML_START.match(head) or (content_type == "text/html" and not head.lstrip().startswith(b"<?xml")):
        return _parse_home_page(body, url)
    root = feed_root(head)
    if root in ("urlset", "sitemapindex"):
        return _parse_sitemap(body, url)
    if root == "opml":
        return _parse_opml(body, url)
    return _parse_feed(body, url, content_type)


def read_source_file(path: Path) -> tuple[ListingKind | Literal["urls"], list[str]]:
    """The URLs a local source file names: ("opml", feed URLs), or ("urls", pages): one URL per
    line, or the items of a saved RSS/Atom feed or news sitemap.

    Raises OSError when the file cannot be read and NotAListing when it holds none of these.
    """
    data = path.read_bytes()
    root = feed_root(data[:4096])
    if root == "opml":
        return "opml", list(_parse_opml(data, path.resolve().as_uri()).children)
    if root in ("rss", "feed", "rdf", "urlset"):
        listing = parse_listing(data, path.resolve().as_uri())
        pages = [i.url for i in listing.items if re.match(r"https?://", i.url, re.I)]
        if not pages:
            raise NotAListing(f"a saved {'sitemap' if root == 'urlset' else 'feed'} that links no http(s) page; save it again from the site")
        return "urls", pages
    text = data.decode("utf-8", errors="replace")
    urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if not re.match(r"https?://", u, re.I)]
    if not urls or bad:
        what = f"line {bad[0]!r} is not an http(s) URL" if bad else "it lists no URL"
        raise NotAListing(
            f"not an OPML file or a list of URLs ({what}); give one URL per line, or an OPML export "
            "(an article's own text? store it with `newsbrief ingest FILE --db FILE`)"
        )
    return "urls", urls


def _xml_root(body: bytes, what: str) -> Any:
    from lxml import etree

    # No entities, no network, no huge trees: listings are untrusted input.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise NotAListing(f"malformed {what} XML ({exc})") from exc


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el: Any, name: str) -> str | None:
    for c in el.iter():
        if _local(c.tag) == name and c.text and c.text.strip():
            return " ".join(c.text.split())
    return None


def _parse_sitemap(body: bytes, url: str) -> Listing:
    root = _xml_root(body, "sitemap")
    if _local(root.tag) == "sitemapindex":
        children = [urljoin(url, loc) for s in root if _local(s.tag) == "sitemap" if (loc := _child_text(s, "loc"))]
        return Listing("sitemap", None, children=tuple(dict.fromkeys(children)))
    items: list[Item] = []
    for u in root:
        if _local(u.tag) != "url":
            continue
        loc = _child_text(u, "loc")
        if not loc:
            continue
        news = next((c for c in u if _local(c.tag) == "news"), None)
        title = published = outlet = None
        if news is not None:
            title = _child_text(news, "title")
            published = _child_text(news, "publication_date")
            outlet = _child_text(news, "name")
        items.append(Item(urljoin(url, loc), title, published or _child_text(u, "lastmod"), outlet))
    return Listing("sitemap", None, items=tuple(items))


def _parse_opml(body: bytes, url: str) -> Listing:
    root = _xml_root(body, "OPML")
    feeds = [urljoin(url, x) for el in root.iter() if _local(el.tag) == "outline" if (x := el.get("xmlUrl") or el.get("xmlurl"))]
    title = _child_text(root, "title")
    return Listing("opml", title, children=tuple(dict.fromkeys(feeds)))


def _parse_home_page(body: bytes, url: str) -> Listing:
    import lxml.html
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(body[:5_000_000])
    except (etree.ParserError, ValueError) as exc:
        raise NotAListing(f"an HTML page that could not be parsed ({exc})") from exc
    feeds: list[str] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        ltype = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and ltype in FEED_TYPES and href:
            feeds.append(urljoin(url, href.strip()))
    title_el = doc.find(".//title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    return Listing("page", title or None, children=tuple(dict.fromkeys(feeds)))


def _parse_feed(body: bytes, url: str, content_type: str) -> Listing:
    import feedparser

    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    d = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    bozo = getattr(d, "bozo_exception", None) if d.get("bozo") else None
    entries = d.get("entries") or []
    if not entries:
        if bozo is not None:
            raise NotAListing(f"not a feed: malformed XML ({type(bozo).__name__}: {bozo})")
        if not d.get("version"):
            raise NotAListing("not a feed, sitemap, OPML file or HTML page")
    items: list[Item] = []
    for e in entries:
        link = e.get("feedburner_origlink") or e.get("link")
        if not link:
            link = next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        if not link:
            continue
        published = struct_iso(e.get("published_parsed"), "") or struct_iso(e.get("updated_parsed"), "")
        title = " ".join(str(e.get("title") or "").split()) or None
        items.append(Item(urljoin(url, str(link).strip()), title, published))
    feed = d.get("feed") or {}
    title = " ".join(str(feed.get("title") or "").split()) or None
    note = f"malformed XML read leniently ({type(bozo).__name__}: {bozo})" if bozo is not None else None
    return Listing("feed", title, items=tuple(items), note=note)
