"""PLACEHOLDER (owned by the entities helper): direct quotes and their speakers."""
from __future__ import annotations
from collections.abc import Sequence
from typing import Any
from .models import AnnotatedArticle, Article, Entity, Quote, QuoteMention, Sentence

def find_quotes(article: Article, sentences: Sequence[Sentence], doc: Any) -> tuple[QuoteMention, ...]:
    return ()

def collect_quotes(annotated: Sequence[AnnotatedArticle], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    return ()
