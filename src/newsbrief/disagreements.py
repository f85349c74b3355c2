"""PLACEHOLDER (owned by the sources helper): disagreements and unique contributions."""
from __future__ import annotations
from collections.abc import Sequence
from .config import Settings
from .models import AnnotatedArticle, Claim, Disagreement

def find_disagreements(annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim], groups: Sequence[Sequence[str]], settings: Settings) -> tuple[Disagreement, ...]:
    return ()

def unique_contributions(annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim], groups: Sequence[Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return ()
