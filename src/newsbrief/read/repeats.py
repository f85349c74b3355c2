"""Lines a site prints on many of its pages: sidebars, "most popular" items, standing notices.

Cleaning judges one page at a time; a sidebar headline ("2 men charged in death of ...") or a
standing line ("The government has not responded to repeated requests for access") reads like
prose on each page. Across the pages of one run it shows itself: the same paragraph, word for
word, in many pages that otherwise say different things. :func:`drop_repeated_lines` removes a
paragraph found in at least ``MIN_PAGES`` pages (and ``MIN_SHARE`` of them) whose other paragraphs
mostly differ (median Jaccard overlap of their paragraph sets under ``MAX_OVERLAP``); copies of
one report (syndication, updates) share most paragraphs and keep theirs, and so does a background
paragraph a newsroom repeats in its updates ("At least 75,000 bodies have been buried"): its words
recur in the rest of each page (lexical cohesion at least ``MIN_COHESION``), a sidebar's do not.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from newsbrief.models import Article

MIN_PAGES = 5
MIN_SHARE = 0.02
MAX_OVERLAP = 0.15
# Pairs of pages sampled per repeated line when measuring overlap (bounds the cost).
MAX_PAIRS = 45
# Share of a repeated paragraph's content words (4+ letters) found elsewhere on its pages, on
# average, at or above which it is the story's own background, not furniture.
MIN_COHESION = 0.4
_CONTENT = re.compile(r"[a-z]{4,}")
# Paragraphs shorter than this many characters are left to the per-page rules.
MIN_CHARS = 20


def _paragraphs(a: Article) -> list[str]:
    return [p.strip() for p in a.body.split("\n\n") if p.strip()]


def find_repeated_lines(articles: Sequence[Article]) -> set[str]:
    """Paragraphs that are site furniture by their repetition (see the module docstring)."""
    sets = [frozenset(_paragraphs(a)) for a in articles]
    pages_text = [a.body for a in articles]
    where: dict[str, list[int]] = defaultdict(list)
    for k, ps in enumerate(sets):
        for p in ps:
            if len(p) >= MIN_CHARS:
                where[p].append(k)
    floor = max(MIN_PAGES, int(MIN_SHARE * len(articles) + 0.999))
    out: set[str] = set()
    for p, pages in where.items():
        if len(pages) < floor:
            continue
        pairs = list(combinations(pages, 2))[:MAX_PAIRS]
        overlaps = [len((sets[i] & sets[j]) - {p}) / max(1, len((sets[i] | sets[j]) - {p})) for i, j in pairs]
        if statistics.median(overlaps) < MAX_OVERLAP and _cohesion(p, [pages_text[k] for k in pages]) < MIN_COHESION:
            out.add(p)
    return out


def _cohesion(paragraph: str, pages: Sequence[str]) -> float:
    """Mean share of ``paragraph``'s content words that occur elsewhere on each of its pages."""
    words = set(_CONTENT.findall(paragraph.lower()))
    if not words:
        return 0.0
    shares = []
    for page in pages:
        rest = set(_CONTENT.findall(page.lower().replace(paragraph.lower(), " ")))
        shares.append(len(words & rest) / len(words))
    return statistics.fmean(shares)


def drop_repeated_lines(articles: Sequence[Article]) -> list[Article]:
    """``articles`` without the paragraphs :func:`find_repeated_lines` finds (noted per article)."""
    repeated = find_repeated_lines(articles)
    if not repeated:
        return list(articles)
    out: list[Article] = []
    for a in articles:
        paras = _paragraphs(a)
        kept = [p for p in paras if p not in repeated]
        if len(kept) == len(paras) or not kept:
            out.append(a)
            continue
        note = f"{len(paras) - len(kept)} paragraph(s) printed on many other pages of this run left out (site furniture)"
        out.append(replace(a, body="\n\n".join(kept), notes=(*a.notes, note)))
    return out
