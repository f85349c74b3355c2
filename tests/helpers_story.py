"""Builders for the who's-who, quotes and figures tests: invented articles and the seeds' gold
bodies, annotated by the real map stage."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from newsbrief.models import AnnotatedArticle, Article, Entity
from newsbrief.pipeline import annotate_article
from newsbrief.annotate.resources import Resources

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"

_DEMO_CACHE: dict[int, list[AnnotatedArticle]] = {}


def make_article(body: str, article_id: str = "a1", published: dt.date | None = None) -> Article:
    """An Article whose paragraphs are the blank-line separated parts of ``body``."""
    return Article(id=article_id, path=f"{article_id}.txt", body=body.strip(), published=published)


def annotate(body: str, resources: Resources, article_id: str = "a1") -> AnnotatedArticle:
    """Run the real map stage (spaCy parse, sentences, mentions, quotes, figures) on ``body``."""
    return annotate_article(make_article(body, article_id), resources)


def annotate_many(bodies: Sequence[str], resources: Resources) -> list[AnnotatedArticle]:
    """Annotate several invented articles, ids "a1", "a2", ..."""
    return [annotate(b, resources, f"a{i + 1}") for i, b in enumerate(bodies)]


def gold_body_articles() -> list[Article]:
    """The five seed articles rebuilt from the lines gold.json labels "body" (no cleaning step)."""
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    out = []
    for name, info in sorted(gold["articles"].items()):
        lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        body = [
            lines[int(n) - 1].strip()
            for n, label in sorted(info["lines"].items(), key=lambda kv: int(kv[0]))
            if label == "body"
        ]
        out.append(
            Article(
                id=name,
                path=str(SEEDS / name),
                body="\n\n".join(body),
                published=dt.date.fromisoformat(info["published"]),
            )
        )
    return out


def demo_annotated(resources: Resources) -> list[AnnotatedArticle]:
    """The fictional demo story (examples/demo) read and annotated by the real pipeline, once."""
    key = id(resources)
    if key not in _DEMO_CACHE:
        from newsbrief.config import load_settings
        from newsbrief.pipeline import annotate_articles
        from newsbrief.read.readers import read_paths

        articles, _ = read_paths([str(DEMO)], load_settings())
        _DEMO_CACHE[key] = annotate_articles(articles, resources)
    return _DEMO_CACHE[key]


def entity_named(entities: Sequence[Entity], name: str) -> list[Entity]:
    """The entities whose canonical name is exactly ``name``."""
    return [e for e in entities if e.name == name]
