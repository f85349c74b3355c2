"""The elements of an HTML page's article that the main-text extractor may drop: the nodes of
given tags inside the page's ``<article>`` or ``<main>``, in page order.

Shared by :mod:`newsbrief.read.factbox` (fact boxes in an ``<aside>``) and
:mod:`newsbrief.read.lostnotes` (correction notes in an updates ``<footer>``), which each read the
page again only when a cheap gate on the raw HTML says it may hold what they look for.
"""

from __future__ import annotations

import re
from typing import Any


def squash(text: str) -> str:
    """``text`` with every run of white space one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def article_nodes(raw: str, *tags: str) -> list[Any]:
    """The ``tags`` elements of HTML ``raw`` inside an ``<article>`` or ``<main>``, in page order;
    none when the page does not parse."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(raw)
    except (etree.ParserError, ValueError):
        return []
    return [node for node in root.iter(*tags) if any(a.tag in ("article", "main") for a in node.iterancestors())]
