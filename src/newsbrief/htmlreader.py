"""HTML pages: main text and metadata through trafilatura, with its output sanitised."""

from __future__ import annotations

import re
from typing import Any

# trafilatura gives up on pages larger than this anyway; bounding it keeps lxml's memory bounded.
MAX_HTML_CHARS = 20_000_000
_WIRE = re.compile(r"\b(Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|dpa|ANI|PTI|IANS|Xinhua)\b")


def extract_html(raw: str) -> dict[str, Any] | None:
    """Return {'title','text','date','sitename','url','credit'} or None when no main text is found.

    Raises ValueError for input that is not HTML at all.
    """
    import trafilatura

    if "<" not in raw[:5000]:
        raise ValueError("does not look like HTML (no tags near the start)")
    doc = trafilatura.bare_extraction(
        raw[:MAX_HTML_CHARS],
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        with_metadata=True,
    )
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        return None
    # trafilatura joins paragraphs with single newlines; the body model wants blank-line paragraphs.
    text = re.sub(r"\n+", "\n\n", text.strip())
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
    }
