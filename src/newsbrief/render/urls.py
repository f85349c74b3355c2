"""Links that may be shown or followed: absolute http(s) URLs only."""

from __future__ import annotations

from urllib.parse import urlparse


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (javascript:, data:, relative...)."""
    if not url:
        return None
    u = url.strip()
    try:
        p = urlparse(u)
    except ValueError:
        return None
    if p.scheme.lower() in ("http", "https") and p.netloc and not any(c in u for c in "\"'<> \n\t"):
        return u
    return None
