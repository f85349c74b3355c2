"""PLACEHOLDER (owned by the sources helper): syndicated copies."""
from __future__ import annotations
from collections.abc import Sequence
from .config import Settings
from .models import AnnotatedArticle

def find_syndication(annotated: Sequence[AnnotatedArticle], settings: Settings) -> tuple[tuple[str, ...], ...]:
    return ()
