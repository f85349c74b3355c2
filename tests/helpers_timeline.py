"""Builders for the dates and timeline tests: seed articles from gold, one-sentence articles.

Seed articles are built here from the lines the gold marks as body (not through ``readers``), so
the timeline tests measure dates and timeline alone, whatever state cleaning is in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsbrief.config import load_settings
from newsbrief.models import AnnotatedArticle, Article, Sentence
from newsbrief.annotate.resources import Resources

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def load_gold() -> dict[str, Any]:
    """The hand-made gold of the five seed articles."""
    data: dict[str, Any] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return data


def build_seed_articles() -> list[Article]:
    """The seed articles with the body the gold marks (its "body" lines) and publication date."""
    gold = load_gold()
    out: list[Article] = []
    for name, info in sorted(gold["articles"].items()):
        lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        nums = sorted(int(n) for n, label in info["lines"].items() if label == "body")
        body = "\n\n".join(lines[n - 1].strip() for n in nums)
        published = dt.date.fromisoformat(info["published"]) if info.get("published") else None
        out.append(Article(id=name, path=str(SEEDS / name), body=body, title=info.get("title"), published=published))
    return out


def split_plain(article: Article) -> tuple[Sentence, ...]:
    """Sentences of ``article.body`` without spaCy: paragraphs, then full stops before a capital."""
    out: list[Sentence] = []
    for pnum, para in enumerate(re.finditer(r"[^\n]+", article.body)):
        for m in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-Z\"\u201c])|$)", para.group()):
            start = para.start() + m.start()
            text = m.group().rstrip()
            out.append(Sentence(article.id, len(out), start, start + len(text), text, pnum))
    return tuple(out)


def one_sentence(text: str, published: dt.date | None, article_id: str = "t") -> tuple[Article, tuple[Sentence, ...]]:
    """An article whose body is the single sentence ``text``."""
    art = Article(id=article_id, path=f"{article_id}.txt", body=text, published=published)
    return art, (Sentence(article_id, 0, 0, len(text), text, 0),)


@lru_cache(maxsize=1)
def shared_resources() -> Resources:
    """One Resources (spaCy, embedder) for all timeline tests."""
    return Resources(load_settings())


@lru_cache(maxsize=1)
def annotate_seeds() -> tuple[AnnotatedArticle, ...]:
    """The seed articles through the real map stage (spaCy parse, sentences, dates, embeddings)."""
    from newsbrief.pipeline import annotate_article

    res = shared_resources()
    return tuple(annotate_article(a, res) for a in build_seed_articles())
