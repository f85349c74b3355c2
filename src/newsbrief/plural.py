"""Counts in messages: "1 story updated", "2 stories updated", "0 new articles", "1,208 articles"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` (with thousands separators) and the noun in the form ``n`` takes (``plural`` defaults
    to ``singular + "s"``)."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
