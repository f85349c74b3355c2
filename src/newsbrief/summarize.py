"""PLACEHOLDER (owned by the summary helper): extractive summary under a word budget."""
from __future__ import annotations
from collections.abc import Sequence
from .config import Settings
from .models import AnnotatedArticle, Claim, SummarySentence

def summarize(annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim], settings: Settings) -> tuple[SummarySentence, ...]:
    out: list[SummarySentence] = []
    words = 0
    for a in annotated:
        for s in a.sentences[:1]:
            n = len(s.text.split())
            if words + n > settings.words:
                return tuple(out)
            out.append(SummarySentence(s.text, (a.article.id,)))
            words += n
    return tuple(out)
