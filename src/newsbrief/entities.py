"""PLACEHOLDER (owned by the entities helper): entity mentions and cross-article merging."""
from __future__ import annotations
from collections.abc import Sequence
from typing import Any
from .models import AnnotatedArticle, Article, Entity, Mention, Sentence

def find_mentions(article: Article, sentences: Sequence[Sentence], doc: Any) -> tuple[Mention, ...]:
    return ()

def merge_entities(annotated: Sequence[AnnotatedArticle]) -> tuple[Entity, ...]:
    return ()
