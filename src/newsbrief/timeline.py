"""PLACEHOLDER (owned by the timeline helper): the story's timeline."""
from __future__ import annotations
from collections.abc import Sequence
from .config import Settings
from .models import AnnotatedArticle, Claim, TimelineEvent

def build_timeline(annotated: Sequence[AnnotatedArticle], claims: Sequence[Claim], settings: Settings) -> tuple[TimelineEvent, ...]:
    return ()
