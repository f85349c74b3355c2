"""PLACEHOLDER (owned by the sources helper): claims aligned across articles."""
from __future__ import annotations
from collections.abc import Sequence
from .config import Settings
from .models import AnnotatedArticle, Claim, SentenceRef

def align_claims(annotated: Sequence[AnnotatedArticle], groups: Sequence[Sequence[str]], settings: Settings) -> tuple[Claim, ...]:
    out = []
    for a in annotated:
        for s in a.sentences:
            out.append(Claim(len(out), s.text, (a.article.id,), 1, (SentenceRef(a.article.id, s.index),)))
    return tuple(out)
