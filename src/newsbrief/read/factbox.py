"""Fact boxes of an HTML article: lists of "Label: value" items the main-text extractor drops.

An explainer or report often sets its key figures apart in a box ("Opened: 1968", "Length: 410
metres", "Homes destroyed: 26"), marked up as a list in an ``<aside>``; trafilatura leaves
asides out with the rest of the page's side matter. Such a list is article content when it sits
inside the page's ``<article>`` or ``<main>`` and every item has the shape of a fact: a short
label, a colon, a short value, most values holding a figure and at least one a word (tickers,
scores and weather widgets are figures alone, and live outside the article). Its heading ("The
bridge in numbers") is not kept. A box the extractor did keep (a ``<dl>`` outside an aside) comes
out in pieces, "- Highest temperature" then "- 41.3C in Arden on Monday": its pieces are folded
back into "Label: value" lines. Rules by shape, never by site.
"""

from __future__ import annotations

import re

from newsbrief.read.articletree import article_nodes, squash

# A fact: a capitalised label of 1-5 words, a colon, a value of a few words ("about 30,000").
# A decimal point is no sentence's end ("41.3C").
_FACT = re.compile(r"^(?P<label>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4})\s*:\s+(?P<value>(?:[^.!?:]|\.(?=\d)){1,60}?)\.?$")
_WORD = re.compile(r"[A-Za-z]{3,}")
# Items of a fact box, at least and at most (a longer list is a table or a menu).
FACTS_MIN = 2
FACTS_MAX = 15
# Cheap gate before parsing the page again: a list item that holds a colon, or a definition list.
_GATE = re.compile(r"<li\b[^>]*>\s*[^<:]{1,60}:|<dl\b", re.I)


def _items(node: object) -> list[tuple[str, tuple[str, ...]]]:
    """The items of a ``ul``/``ol`` (its ``li``) or a ``dl`` (``dt: dd`` pairs), each with the
    pieces an extractor may print as lines of their own (a ``dl``'s term and definition)."""
    tag = node.tag  # type: ignore[attr-defined]
    children = [c for c in node if isinstance(c.tag, str)]  # type: ignore[attr-defined]
    if tag in ("ul", "ol"):
        return [(x, (x,)) for x in (squash(c.text_content()) for c in children if c.tag == "li")]
    items: list[tuple[str, tuple[str, ...]]] = []
    term: str | None = None
    for c in children:
        if c.tag == "dt":
            term = squash(c.text_content())
        elif c.tag == "dd" and term:
            value = squash(c.text_content())
            items.append((f"{term.rstrip(':')}: {value}", (term, value)))
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


def fact_box_items(raw: str) -> list[tuple[str, tuple[str, ...]]]:
    """Items of the fact boxes inside the article of HTML ``raw``, in page order, each with the
    pieces an extractor may have printed as lines of their own (see :func:`fold_fact_boxes`)."""
    if not _GATE.search(raw):
        return []
    out: list[tuple[str, tuple[str, ...]]] = []
    for node in article_nodes(raw, "ul", "ol", "dl"):
        items = _items(node)
        if is_fact_list([x for x, _ in items]):
            out += [it for it in items if it not in out]
    return out


_BULLET = re.compile(r"^[-*•–]\s+")


def fold_fact_boxes(raw: str, text: str) -> str:
    """``text`` (paragraphs set apart by blank lines) with the fact boxes of HTML ``raw`` in it: an
    item the extractor printed in pieces ("- Highest temperature", "- 41.3C") becomes one line
    where its first piece was; an item it left out (a box in an aside) is added at the end."""
    items = fact_box_items(raw)
    if not items:
        return text
    paras = text.split("\n\n")
    bare = [_BULLET.sub("", x).strip() for x in paras]
    added: list[str] = []
    for item, pieces in items:
        if item in bare:
            continue
        at = next((i for i in range(len(bare) - len(pieces) + 1) if tuple(bare[i : i + len(pieces)]) == pieces), None)
        if at is None:
            added.append(item)
            continue
        paras[at : at + len(pieces)] = [item]
        bare[at : at + len(pieces)] = [item]
    return "\n\n".join(paras + added)
