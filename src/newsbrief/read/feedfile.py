"""A saved RSS or Atom feed (.rss, .atom, .xml) read as articles: one per item that carries text.

A desk often has a feed saved from a wire or a site. Its items carry a title, a link, a date and
either the article (``content:encoded``, Atom ``content``) or a teaser (``description``). Each
item becomes a record (title, text, date, link, the feed's title as outlet) read as a JSON record
is (:func:`newsbrief.read.records.article_from_record`), named ``FILE#N`` (N from 0). An item of
fewer than FEED_ITEM_MIN_WORDS words is a teaser, not the article: it is skipped with the way to
get its page (`newsbrief fetch` or `watch`), so a feed saved among a site's pages does not add a
second, shorter copy of each report. A sitemap or any other XML is skipped saying what it is.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from newsbrief.config import Settings
from newsbrief.models import Article, Skip
from newsbrief.read.records import article_from_record
from newsbrief.vocabulary import count_words

# Feed descriptions that are teasers run to one or two sentences (20-35 words); an item that
# carries the article (content:encoded, a long description) has a few paragraphs.
FEED_ITEM_MIN_WORDS = 40

# Tags after which the text of an item's HTML breaks into a new paragraph.
_BLOCK = re.compile(r"(?i)<\s*(?:/p|br\s*/?|/div|/li|/h[1-6]|/blockquote)\s*>")
_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")


def feed_root(head: bytes) -> str | None:
    """The XML root element's local name (``rss``, ``feed``, ``rdf``, ``urlset``, ``opml``...) after
    any BOM, declaration, comment or DOCTYPE, or None when ``head`` does not start as XML."""
    text = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head.lstrip(b"\xef\xbb\xbf"), flags=re.S)
    m = _ROOT.search(text)
    return m.group(1).decode("ascii", "replace").lower() if m and text.lstrip().startswith(b"<") else None


def _html_to_text(value: str) -> str:
    if "<" not in value:
        return value
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(_BLOCK.sub(lambda m: m.group(0) + "\n\n", value), create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", value)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return str(root.text_content())


def struct_iso(t: Any, zone: str = "+00:00") -> str | None:
    """feedparser's (UTC) ``time.struct_time`` as ISO ``YYYY-MM-DDTHH:MM:SS`` + ``zone``; None for
    anything else or a time strftime refuses."""
    if not isinstance(t, time.struct_time):
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%S", t) + zone
    except ValueError:
        return None


def _item_text(entry: Any) -> str:
    contents = [str(c.get("value") or "") for c in entry.get("content") or [] if isinstance(c, dict)]
    best = max(contents, key=len, default="")
    summary = str(entry.get("summary") or "")
    return _html_to_text(best if len(best) >= len(summary) else summary).strip()


def read_feed_file(data: bytes, fid: str, path: str, settings: Settings) -> Iterator[Article | Skip]:
    """The articles of a saved feed's items (see the module docstring); never raises."""
    root = feed_root(data[:4096])
    if root in ("urlset", "sitemapindex"):
        yield Skip(path, "a sitemap: it lists pages, not their text; fetch them with `newsbrief watch FILE --once --db FILE`")
        return
    if root not in ("rss", "feed", "rdf"):
        what = f"XML with a <{root}> root" if root else "not XML"
        yield Skip(path, f"not an RSS or Atom feed ({what}); give the articles as .txt, .html, .json or .jsonl")
        return
    import feedparser

    d = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = d.get("entries") or []
    if not entries:
        bozo = d.get("bozo_exception") if d.get("bozo") else None
        why = f"malformed XML ({type(bozo).__name__}: {bozo})" if bozo is not None else "no items"
        yield Skip(path, f"a feed with no item to read ({why}); save the feed again")
        return
    outlet = " ".join(str((d.get("feed") or {}).get("title") or "").split()) or None
    for i, e in enumerate(entries):
        link = e.get("link") or next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        record = {
            "title": " ".join(str(e.get("title") or "").split()) or None,
            "text": _item_text(e),
            "published": struct_iso(e.get("published_parsed")) or struct_iso(e.get("updated_parsed")),
            "url": link,
            "outlet": " ".join(str((e.get("source") or {}).get("title") or "").split()) or outlet,
        }
        got = article_from_record(record, f"{fid}#{i}", path, settings, str(i))
        n = count_words(got.body) if isinstance(got, Article) else 0
        if (isinstance(got, Article) and n < FEED_ITEM_MIN_WORDS) or (
            isinstance(got, Skip) and got.reason.startswith(("only ", "no article text"))
        ):
            words = str(n) if isinstance(got, Article) else got.reason.split(" ")[1] if got.reason.startswith("only ") else "no"
            where = f" at {link}" if link else ""
            got = Skip(
                f"{path}#{i}",
                f"a feed item with {words} word{'s' if words != '1' else ''} of text (a teaser, not the article); "
                f"fetch its page{where} with `newsbrief fetch URL --db FILE`, or the whole feed's with `newsbrief watch FILE --once --db FILE`",
            )
        yield got
