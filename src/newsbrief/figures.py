"""PLACEHOLDER (owned by the entities helper): key figures."""
from __future__ import annotations
from collections.abc import Sequence
from typing import Any
from .models import AnnotatedArticle, Article, Figure, FigureMention, Sentence

def find_figures(article: Article, sentences: Sequence[Sentence], doc: Any) -> tuple[FigureMention, ...]:
    return ()

def collect_figures(annotated: Sequence[AnnotatedArticle]) -> tuple[Figure, ...]:
    return ()
