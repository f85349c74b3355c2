"""Fetched pages to Articles, through the same HTML path as ``.html`` files.

The page's bytes are decoded (HTTP charset, else the page's own declaration, else detected), then
read by :func:`newsbrief.read.readers.read_html_text` -- trafilatura's extractor with its metadata
and the project's cleaning -- so a fetched page and the same page saved as a file give one text.
What the page does not say is taken from the listing that linked it: the entry's title and date.
The outlet is the page's site name, else the feed's title (or a news sitemap's publication name),
else the registered domain of the URL, so every fetched article has one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from newsbrief.config import Settings
from newsbrief.fetch.client import Response
from newsbrief.fetch.urls import BadUrl, canonical_url, registered_domain
from newsbrief.models import Article, Skip
from newsbrief.read.decoding import UndecodableText, decode_bytes, find_declared_charset
from newsbrief.read.readers import read_html_text
from newsbrief.read.records import parse_date_value


@dataclass(frozen=True)
class Listed:
    """What the listing said about a page (all optional): the fallbacks for its metadata."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None


def article_from_page(response: Response, url: str, listed: Listed, settings: Settings) -> Article | Skip:
    """The Article of a fetched page (``url`` is its canonical URL: id and path), or a Skip."""
    notes: tuple[str, ...] = ()
    if response.cut:
        notes = (f"page {response.cut}",)
    try:
        raw = decode_bytes(response.body, response.charset or find_declared_charset(response.body))
    except UndecodableText as exc:
        return Skip(url, f"{exc}; the page is not readable text")
    except LookupError:
        # An unknown charset name in the Content-Type header: detect instead.
        try:
            raw = decode_bytes(response.body, find_declared_charset(response.body))
        except (UndecodableText, LookupError) as exc:
            return Skip(url, f"{exc}; the page is not readable text")
    if not raw.strip():
        return Skip(url, "empty page (no text in the answer)")
    result = read_html_text(raw, url, url, settings, notes)
    if isinstance(result, Skip):
        if result.retry:
            # A settings limit (the extraction time), not the page: the watch fetches it again.
            return Skip(url, result.reason.split("; ")[0] + "; raise max_extract_seconds to read it", retry=True)
        return Skip(url, _page_reason(result.reason))
    return _with_fallbacks(result, response, url, listed)


def _page_reason(reason: str) -> str:
    # The file readers' advice ("save the full page", "give its text as .txt") is about files.
    return reason.split("; save ")[0].split("; is this ")[0] + "; is this an article page?"


def _with_fallbacks(article: Article, response: Response, url: str, listed: Listed) -> Article:
    title = article.title or listed.title
    published, ptime = article.published, article.published_time
    if published is None and listed.published:
        published, ptime = parse_date_value(listed.published)
    page_url = _page_url(article.url, response.final_url)
    outlet = article.outlet or listed.outlet or registered_domain(page_url) or None
    return dataclasses.replace(
        article, title=title, published=published, published_time=ptime, outlet=outlet, url=page_url
    )


def _page_url(declared: str | None, final_url: str) -> str:
    """The page's own canonical URL when it declares a usable one, else where it was fetched from."""
    if declared:
        try:
            return canonical_url(declared, final_url)
        except BadUrl:
            pass
    try:
        return canonical_url(final_url)
    except BadUrl:
        return final_url
