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

The same holds for the opening words of a page's first paragraph: a picture caption or a title the
site glued onto the first sentence ("Family left speechless by star's death Police investigating
the death ...") opens two or more pages, each glued to a different sentence.
:func:`drop_shared_openings` takes such an opening off (see its docstring for the shape).
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from newsbrief.models import Article
from newsbrief.vocabulary import FUNCTION_WORDS

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
    """``articles`` without the paragraphs :func:`find_repeated_lines` finds (noted per article),
    and without the shared openings :func:`drop_shared_openings` finds."""
    articles = drop_shared_openings(articles)
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


# A shared opening is at least this many words, and the sentence left after it at least
# SHARED_REST_MIN_WORDS.
SHARED_OPENING_MIN_WORDS = 5
SHARED_REST_MIN_WORDS = 8
# Words after the opening compared between two pages: glued onto different sentences, no content
# word of them is the same in the same place (an update's "... under control on Monday and that
# crews ..." / "... on Tuesday and that crews ..." goes on alike after its first word).
SHARED_LOOKAHEAD = 3
_SAYING = frozenset("said says told added reported".split())


def _shared_opening(words: list[str], other: list[str]) -> int:
    """How many opening words ``words`` shares with ``other`` as a glued caption or title: the
    run they share ends on a lowercase word that is no function word and no stop (a headline's
    last word: "... by star 's death"), and both go on with a capitalised word, no content word
    the same in the same place after it; 0 when they do not."""
    n = 0
    while n < min(len(words), len(other)) and words[n] == other[n]:
        n += 1
    if n < SHARED_OPENING_MIN_WORDS or len(words) - n < SHARED_REST_MIN_WORDS or n >= len(other):
        return 0
    last = words[n - 1]
    if not last[:1].islower() or last.lower() in FUNCTION_WORDS or last.lower() in _SAYING:
        return 0
    if not (words[n][:1].isupper() and other[n][:1].isupper()):
        return 0
    ahead = zip(words[n + 1 : n + 1 + SHARED_LOOKAHEAD], other[n + 1 : n + 1 + SHARED_LOOKAHEAD])
    return 0 if any(a == b and a.lower() not in FUNCTION_WORDS for a, b in ahead) else n


def drop_shared_openings(articles: Sequence[Article]) -> list[Article]:
    """``articles`` with the opening words of a first paragraph taken off where another page's
    first paragraph opens on the same words and goes on with another sentence
    (:func:`_shared_opening`): a caption or title the site glued onto the story's first sentence.
    Noted per article."""
    firsts = [_paragraphs(a)[:1] for a in articles]
    words = [f[0].split() if f else [] for f in firsts]
    by_start: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, w in enumerate(words):
        if len(w) >= SHARED_OPENING_MIN_WORDS + SHARED_REST_MIN_WORDS:
            by_start[tuple(w[:SHARED_OPENING_MIN_WORDS])].append(k)
    cut: dict[int, int] = {}
    for group in by_start.values():
        for i in group:
            n = max((_shared_opening(words[i], words[j]) for j in group if j != i), default=0)
            if n:
                cut[i] = n
    if not cut:
        return list(articles)
    out: list[Article] = []
    for k, a in enumerate(articles):
        if k not in cut:
            out.append(a)
            continue
        paras = _paragraphs(a)
        first = " ".join(words[k][cut[k] :])
        note = f"opening words printed on other pages' first lines left out (a caption or title): {' '.join(words[k][: cut[k]])!r}"
        out.append(replace(a, body="\n\n".join([first, *paras[1:]]), notes=(*a.notes, note)))
    return out
