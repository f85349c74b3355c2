"""Sentence splitting of a cleaned body, on top of spaCy's parser.

Paragraph breaks ("\n\n" in ``Article.body``) always end a sentence; within a paragraph spaCy's
dependency-based boundaries are used, with two repairs that matter for news text: a sentence that
starts inside an open quotation is merged back, and a tiny fragment (a lone closing quote or
attribution) is attached to the sentence before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsbrief.models import Article, Sentence
from newsbrief.vocabulary import count_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PARA = re.compile(r"\n\s*\n")
# Without a parse: a boundary after terminal punctuation (and an optional closing quote) that is
# followed by a capital or an opening quote.
_RULE_BOUNDARY = re.compile(r'[.!?]["\u201d\u2019]?\s+(?=[A-Z"\u201c])')
# A fragment shorter than this (in word characters) is not a sentence of its own.
_MIN_WORDS = 3


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``body`` (stripped of surrounding white space)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in list(_PARA.finditer(body)) + [None]:
        end = m.start() if m is not None else len(body)
        seg = body[pos:end]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            spans.append((pos + lead, pos + trail))
        if m is not None:
            pos = m.end()
    return spans


def _open_quote(text: str) -> bool:
    """True when ``text`` leaves a double quotation open."""
    straight = text.count('"') % 2 == 1
    curly = text.count("\u201c") > text.count("\u201d")
    return straight or curly


def split_sentences(article: Article, doc: Doc | None = None) -> tuple[Sentence, ...]:
    """Split ``article.body`` into sentences. ``doc`` is spaCy's parse of the body (or None, in
    which case a rule-based split on terminal punctuation is used)."""
    body = article.body
    boundaries: list[int] = []
    if doc is not None:
        boundaries = [s.start_char for s in doc.sents]
    else:
        boundaries = [0] + [m.end() for m in _RULE_BOUNDARY.finditer(body)]
    out: list[Sentence] = []
    for pnum, (pstart, pend) in enumerate(paragraph_spans(body)):
        cuts = sorted({pstart} | {b for b in boundaries if pstart < b < pend})
        pieces: list[tuple[int, int]] = []
        for i, c in enumerate(cuts):
            e = cuts[i + 1] if i + 1 < len(cuts) else pend
            seg = body[c:e]
            s = c + (len(seg) - len(seg.lstrip()))
            e2 = c + len(seg.rstrip())
            if e2 <= s:
                continue
            if pieces:
                prev_s, prev_e = pieces[-1]
                prev_text = body[prev_s:prev_e]
                words = count_words(body[s:e2])
                prev_words = count_words(prev_text)
                # A dateline ("HANOI:") or other tiny lead fragment belongs to what follows it.
                if _open_quote(prev_text) or words < _MIN_WORDS or prev_words < _MIN_WORDS or body[s].islower():
                    pieces[-1] = (prev_s, e2)
                    continue
            pieces.append((s, e2))
        for s, e in pieces:
            out.append(Sentence(article.id, len(out), s, e, body[s:e], pnum, _finite(doc, s, e)))
    return tuple(out)


# Penn tags of finite verbs: past, present 3rd/non-3rd person, modal.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Forms that are only ever past participles, whatever the tagger says ("Haiti taken on 13 January":
# the small English model tags "taken" VBD).
_PARTICIPLES = frozenset(
    "taken given shown seen written driven done gone been known grown drawn thrown flown worn torn "
    "born borne beaten broken chosen eaten fallen forgotten frozen hidden ridden risen shaken spoken "
    "stolen sworn woken proven sewn mown forbidden forgiven mistaken overtaken undertaken".split()
)


def _finite(doc: Doc | None, start: int, end: int) -> bool:
    """Whether body[start:end] has a finite verb (True when there is no parse to tell)."""
    if doc is None:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    for t in span:
        if t.tag_ in _FINITE_TAGS and t.lower_ not in _PARTICIPLES:
            return True
        # A base form with its own subject is a present tense the tagger missed ("Imports ... make
        # up 67 per cent"); "to make" and "will make" have no subject of their own.
        if t.tag_ == "VB" and any(c.dep_ == "nsubj" for c in t.children):
            return True
    return False
