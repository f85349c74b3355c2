"""The article a page gives only in its JSON-LD: an app shell whose HTML body is a loading notice.

Some sites render the article with JavaScript and ship it in the page only as schema.org data
(``<script type="application/ld+json">`` with a NewsArticle's ``articleBody``). Trafilatura reads
such a page's metadata but finds no text ("You need to enable JavaScript to run this app."). This
module reads the article objects of a page's JSON-LD (at the top level, in a list or an
``@graph``) and returns the longest ``articleBody`` with its headline, date and publisher.

:func:`prefer_jsonld` says when that body replaces the extracted text: when the extractor found
none, or less than ``SHELL_SHARE`` of the JSON-LD body's words (a shell's notices, a teaser), or
the same words with the paragraph breaks lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

_SCRIPT = re.compile(r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S)
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "opinionnewsarticle",
     "backgroundnewsarticle", "reviewnewsarticle", "report", "liveblogposting"}
)
# The extracted text is a shell when it has fewer words than this share of the JSON-LD body.
SHELL_SHARE = 0.25
# Lists and graphs inside one another that are looked into.
_MAX_DEPTH = 4
# A JSON-LD body shorter than this many words is a description, not an article.
MIN_BODY_WORDS = 30


@dataclass(frozen=True)
class JsonLdArticle:
    body: str  # paragraphs joined by a blank line
    headline: str | None
    published: str | None  # as given ("2026-03-05T08:00:00Z")
    publisher: str | None  # the publisher's name


def _objects(value: Any, depth: int = 0) -> list[dict[str, Any]]:
    """The objects of a JSON-LD value: itself, the items of a list, an ``@graph``'s (a few levels deep)."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, list):
        return [o for v in value for o in _objects(v, depth + 1)]
    if isinstance(value, dict):
        return [value, *_objects(value.get("@graph", []), depth + 1)]
    return []


def _is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type", [])
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.casefold() in _ARTICLE_TYPES for k in kinds)


def jsonld_article(raw: str) -> JsonLdArticle | None:
    """The longest articleBody of the page's JSON-LD article objects, or None (no JSON-LD, broken
    JSON, no body, or a body of fewer than MIN_BODY_WORDS words)."""
    if "ld+json" not in raw:
        return None
    best: JsonLdArticle | None = None
    for m in _SCRIPT.finditer(raw):
        try:
            data = json.loads(m.group(1).strip())
        except (ValueError, RecursionError):  # broken or absurdly nested JSON: no article here
            continue
        for obj in _objects(data):
            body = obj.get("articleBody")
            if not _is_article(obj) or not isinstance(body, str):
                continue
            paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n|\n", body)]
            text = "\n\n".join(p for p in paragraphs if p)
            if len(text.split()) < MIN_BODY_WORDS or (best is not None and len(text) <= len(best.body)):
                continue
            headline = obj.get("headline")
            published = obj.get("datePublished")
            publisher = obj.get("publisher")
            name = publisher.get("name") if isinstance(publisher, dict) else None
            best = JsonLdArticle(
                text,
                headline if isinstance(headline, str) else None,
                published if isinstance(published, str) else None,
                name if isinstance(name, str) else None,
            )
    return best


def prefer_jsonld(extracted: str | None, article: JsonLdArticle) -> bool:
    """Whether the JSON-LD body should stand for the page's text: the extractor found nothing, or a
    shell's few words beside it."""
    words = extracted.split() if extracted else []
    # the same words run together: the JSON-LD body keeps the paragraphs
    return len(words) < SHELL_SHARE * len(article.body.split()) or words == article.body.split()
