"""Fact boxes of an HTML article: lists of "Label: value" items the main-text extractor drops.

An explainer or report often sets its key figures apart in a box ("Opened: 1968", "Length: 410
metres", "Homes destroyed: 26"), marked up as a list in an ``<aside>``; trafilatura leaves
asides out with the rest of the page's side matter. Such a list is article content when it sits
inside the page's ``<article>`` or ``<main>`` and every item has the shape of a fact: a short
label, a colon, a short value, most values holding a figure and at least one a word (tickers,
scores and weather widgets are figures alone, and live outside the article). Its heading ("The
bridge in numbers") is not kept. Rules by shape, never by site.
"""

from __future__ import annotations

import re

# A fact: a capitalised label of 1-5 words, a colon, a value of a few words ("about 30,000").
_FACT = re.compile(r"^(?P<label>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4})\s*:\s+(?P<value>[^.!?:]{1,60}?)\.?$")
_WORD = re.compile(r"[A-Za-z]{3,}")
# Items of a fact box, at least and at most (a longer list is a table or a menu).
FACTS_MIN = 2
FACTS_MAX = 15
# Cheap gate before parsing the page again: a list item or definition that holds a colon.
_GATE = re.compile(r"<(?:li|dd|dt)\b[^>]*>\s*[^<:]{1,60}:", re.I)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _items(node: object) -> list[str]:
    """The text items of a ``ul``/``ol`` (its ``li``) or a ``dl`` (``dt: dd`` pairs)."""
    tag = node.tag  # type: ignore[attr-defined]
    children = [c for c in node if isinstance(c.tag, str)]  # type: ignore[attr-defined]
    if tag in ("ul", "ol"):
        return [_squash(c.text_content()) for c in children if c.tag == "li"]
    items: list[str] = []
    term: str | None = None
    for c in children:
        if c.tag == "dt":
            term = _squash(c.text_content()).rstrip(":")
        elif c.tag == "dd" and term:
            items.append(f"{term}: {_squash(c.text_content())}")
            term = None
    return items


def is_fact_list(items: list[str]) -> bool:
    """Whether list items are a fact box's (module docstring)."""
    if not FACTS_MIN <= len(items) <= FACTS_MAX:
        return False
    facts = [_FACT.match(x) for x in items]
    values = [m["value"] for m in facts if m is not None]
    if len(values) < len(items):
        return False
    return 2 * sum(any(ch.isdigit() for ch in v) for v in values) >= len(values) and any(_WORD.search(v) for v in values)


def fact_box_items(raw: str, text: str) -> list[str]:
    """Items of the fact boxes inside the article of HTML ``raw`` that ``text`` (the extracted main
    text) does not hold already, in page order."""
    if not _GATE.search(raw):
        return []
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(raw)
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    for node in root.iter("ul", "ol", "dl"):
        if not any(a.tag in ("article", "main") for a in node.iterancestors()):
            continue
        items = _items(node)
        if is_fact_list(items):
            out += [x for x in items if x not in text and x not in out]
    return out
