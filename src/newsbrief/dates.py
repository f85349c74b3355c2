"""PLACEHOLDER (owned by the timeline helper): date expressions resolved against publication dates."""
from __future__ import annotations
from collections.abc import Sequence
from typing import Any
from .models import Article, DateMention, Sentence

def find_dates(article: Article, sentences: Sequence[Sentence], doc: Any) -> tuple[DateMention, ...]:
    return ()
