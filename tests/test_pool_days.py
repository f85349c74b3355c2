"""SentencePool.reports_later_days: the vectorised prefilter keeps exactly the pairs the
per-pair definition (reports_later_day either way round) marks, on generated stories."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from newsbrief.models import AnnotatedArticle, Article, DateMention, Sentence
from newsbrief.story.pool import build_pool


def _story(seed: int) -> list[AnnotatedArticle]:
    """Articles published over ten days (some undated), whose sentences name random days, months
    and, rarely, a day that is not ISO."""
    rng = random.Random(seed)
    start = dt.date(2024, 2, 25)
    out = []
    for a in range(12):
        published = None if rng.random() < 0.15 else start + dt.timedelta(days=rng.randrange(10))
        sentences, dates = [], []
        body = ""
        for k in range(5):
            text = f"Sentence {k} of article {a} says something about the flood."
            sentences.append(Sentence(f"a{a}", k, len(body), len(body) + len(text), text))
            body += text + " "
            for _ in range(rng.randrange(3)):
                day = start + dt.timedelta(days=rng.randrange(-3, 14))
                iso = rng.choice([day.isoformat(), day.isoformat()[:7], day.isoformat(), "20xx-03-0x"])
                dates.append(DateMention(f"a{a}", k, 0, 4, "Sent", iso))
        vectors = np.array([[rng.random() for _ in range(8)] for _ in sentences], dtype=np.float32)
        out.append(
            AnnotatedArticle(
                article=Article(id=f"a{a}", path=f"a{a}.txt", body=body, published=published),
                sentences=tuple(sentences),
                dates=tuple(dates),
                embeddings=vectors / np.linalg.norm(vectors, axis=1, keepdims=True),
            )
        )
    return out


def test_later_days_match_the_per_pair_definition() -> None:
    marked = 0
    for seed in range(8):
        pool = build_pool(_story(seed))
        n = len(pool)
        rows, cols = (np.asarray(x, dtype=np.int64) for x in np.triu_indices(n, 1))
        got = pool.reports_later_days(rows, cols)
        expected = [pool.reports_later_day(i, j) or pool.reports_later_day(j, i) for i, j in zip(rows.tolist(), cols.tolist())]
        assert got.tolist() == expected
        marked += sum(expected)
    assert marked > 50  # the stories do report later days
