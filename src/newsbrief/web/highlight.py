"""Which sentences of an article a citation points at, and the article text as paragraphs of them.

A brief cites articles, not sentences; the cited text (a summary sentence, a timeline entry, a
quote, a figure's sentence, a name) is matched back to the article's sentences by the content
words they share, so a citation can open the article with what it cites highlighted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.models import AnnotatedArticle

# Share of the shorter side's content words the two must have in common.
MATCH_SHARE = 0.7
_WORD = re.compile(r"\w+", re.UNICODE)


def content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more (short function words say nothing here)."""
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 3}


def cited_sentences(annotated: AnnotatedArticle, text: str) -> set[int]:
    """Indexes of the sentences that state ``text``: those sharing most of its content words (all
    of them for a short text such as a name), else the single best one if it shares half."""
    target = content_words(text)
    if not target:
        return set()
    scored: list[tuple[float, int]] = []
    for s in annotated.sentences:
        words = content_words(s.text)
        if not words:
            continue
        common = len(words & target)
        share = common / min(len(words), len(target))
        # A sentence of two long words must not match every text that contains them.
        if len(target) >= 3 and len(words) < 3:
            share = min(share, common / len(target))
        scored.append((share, s.index))
    hits = {i for share, i in scored if share >= MATCH_SHARE}
    if not hits and scored:
        share, best = max(scored)
        if share >= 0.5:
            hits = {best}
    return hits


@dataclass(frozen=True)
class Piece:
    text: str
    sentence: int | None  # sentence index, None for text between sentences
    marked: bool


def paragraphs(annotated: AnnotatedArticle, marked: set[int]) -> list[list[Piece]]:
    """The article body as paragraphs of pieces (sentences and the text between them)."""
    body = annotated.article.body
    out: list[list[Piece]] = [[]]
    pos = 0
    last_par = annotated.sentences[0].paragraph if annotated.sentences else 0
    for s in sorted(annotated.sentences, key=lambda s: s.start):
        if s.paragraph != last_par and out[-1]:
            out.append([])
            last_par = s.paragraph
        gap = body[pos : s.start].strip()
        if gap:
            out[-1].append(Piece(gap + " ", None, False))
        out[-1].append(Piece(body[s.start : s.end] + " ", s.index, s.index in marked))
        pos = s.end
    tail = body[pos:].strip()
    if tail:
        out[-1].append(Piece(tail, None, False))
    if not annotated.sentences:
        out = [[Piece(p.strip(), None, False)] for p in body.split("\n\n") if p.strip()]
    return [p for p in out if p]
