"""HTML pages: main text and metadata through trafilatura, with its output sanitised.

Malformed and truncated pages are normal input: lxml repairs what it can, and when trafilatura's
precise extractor finds no main text, its recall-oriented mode gets a second chance before the
page is given up.
"""

from __future__ import annotations

import re
from typing import Any

from newsbrief.read.factbox import fold_fact_boxes
from newsbrief.read.lostnotes import restore_correction_notes
from newsbrief.read.jsonld import jsonld_article, prefer_jsonld
from newsbrief.read.timelimit import TimeLimitExceeded, run_with_time_limit

# trafilatura gives up on pages larger than this anyway; bounding it keeps lxml's memory bounded.
MAX_HTML_CHARS = 20_000_000
# Above this size a page is mostly scripts, styles and inline SVG; they are dropped before parsing
# (trafilatura drops them too, but only after lxml has built them into the tree).
_HEAVY_PAGE_CHARS = 1_000_000
# Keeps JSON-LD (<script type="application/ld+json">): trafilatura reads dates and authors there.
_HEAVY = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>|<!--.*?-->",
    re.I | re.S,
)
_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
# trafilatura's time grows faster than linearly with the number of elements (a page of 20,000
# short paragraphs took 2.4 s, 40,000 8.5 s, 80,000 25.8 s), so one page could stall a whole run.
# Runs of one identical short element are collapsed first (they are never article text), then the
# page is cut after this many tags (a long article page has a few thousand).
MAX_HTML_TAGS = 20_000
_REPEATED_ELEMENT = re.compile(r"(<(p|li|div|span|td|h[1-6])\b[^>]{0,200}>[^<]{0,300}</\2\s*>\s*)\1{2,}", re.I)
_WIRE = re.compile(r"\b(Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|dpa|ANI|PTI|IANS|Xinhua)\b")


class HtmlParseError(ValueError):
    """The page could not be parsed as HTML at all; the message says why."""


class HtmlTooSlow(HtmlParseError):
    """Extracting the page's main text ran past its time limit (``max_extract_seconds``)."""


def looks_like_html(raw: str) -> bool:
    """True when a tag appears near the start (a file named .html may hold plain text)."""
    return bool(_TAG.search(raw[:5000]))


def _extract(raw: str, favor_precision: bool) -> dict[str, Any] | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        raw,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=favor_precision,
        favor_recall=not favor_precision,
        with_metadata=True,
    )
    if doc is None:
        return None
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return data if (data.get("text") or "").strip() else None


def extract_html(raw: str, time_limit: float | None = None) -> dict[str, Any] | None:
    """Return {'title','text','date','sitename','url','credit'} or None when no main text is found.

    Raises HtmlParseError for input that is not HTML at all or that the parser rejects, and
    HtmlTooSlow when extraction runs past ``time_limit`` seconds (None: no limit).
    """
    if not looks_like_html(raw):
        raise HtmlParseError("does not look like HTML (no tags near the start)")
    raw = raw[:MAX_HTML_CHARS]
    if len(raw) > _HEAVY_PAGE_CHARS:
        raw = _HEAVY.sub(" ", raw)
    raw, notes = bound_elements(raw)
    try:
        data = run_with_time_limit(lambda: _extract(raw, True) or _extract(raw, False), time_limit)
    except TimeLimitExceeded:
        raise HtmlTooSlow(f"extraction took over {time_limit:g} s, skipped (max_extract_seconds)") from None
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        # lxml and trafilatura raise these on pathological markup (deep nesting, odd declarations).
        raise HtmlParseError(f"the HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    # An app shell ("You need to enable JavaScript ...") carries its article only in JSON-LD.
    ld = jsonld_article(raw)
    if ld is not None and prefer_jsonld(data["text"] if data else None, ld):
        data = {**(data or {}), "text": ld.body, "title": (data or {}).get("title") or ld.headline,
                "date": (data or {}).get("date") or (ld.published or "")[:10] or None,
                "sitename": (data or {}).get("sitename") or ld.publisher}
    if data is None:
        return None
    # trafilatura joins paragraphs with single newlines; the body model wants blank-line paragraphs.
    text = re.sub(r"\n+", "\n\n", str(data["text"]).strip())
    # A fact box inside the article ("Length: 410 metres") is content trafilatura drops with the asides
    # or prints in pieces.
    text = fold_fact_boxes(raw, text)
    # A correction in an updates log at the article's foot is dropped with the footers.
    text = restore_correction_notes(raw, text)
    author = data.get("author") or ""
    m = _WIRE.search(author) if author else None
    credit = m.group(1) if m else None
    if credit == "Associated Press":
        credit = "AP"
    return {
        "title": data.get("title"),
        "text": text,
        "date": data.get("date"),
        "sitename": data.get("sitename") or data.get("hostname"),
        "url": data.get("url"),
        "credit": credit,
        "notes": notes,
    }


def bound_elements(raw: str) -> tuple[str, list[str]]:
    """``raw`` with runs of an identical short element collapsed to one and cut after
    MAX_HTML_TAGS tags, so that extraction time stays bounded; with a note for each change."""
    notes: list[str] = []
    repeats = 0

    def collapse(m: re.Match[str]) -> str:
        nonlocal repeats
        repeats += len(m.group(0)) // max(1, len(m.group(1))) - 1
        return m.group(1)

    if raw.count("<") > 1000:  # only pages with many elements can hold long runs
        raw = _REPEATED_ELEMENT.sub(collapse, raw)
        if repeats:
            notes.append(f"{repeats:,} repeats of identical HTML elements collapsed before extraction")
    tags = 0
    for m in _TAG.finditer(raw):
        tags += 1
        if tags > MAX_HTML_TAGS:
            notes.append(f"page cut at {MAX_HTML_TAGS:,} HTML tags (character {m.start():,} of {len(raw):,}) to bound extraction time")
            raw = raw[: m.start()]
            break
    return raw, notes
