"""The story's own centre, and the articles too far from it to be about the story.

A folder of pages saved for one story holds strays: a blog roll, another story filed the same day,
a quiz. Each article is placed by its lead (the mean embedding of its first ``LEAD_SENTENCES``
sentences: the lead states what an article is about); the story's centre is found robustly (the
mean of the articles nearest the plain mean, so strays do not pull it), and an article is off-topic
when its lead is both far below the others (median minus ``SPREAD`` robust deviations) and far
from the centre in absolute terms (cosine under ``FAR_COSINE``). Small stories keep every article:
under ``MIN_ARTICLES`` there is no crowd to measure against.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle

LEAD_SENTENCES = 5
# Fewer articles than this: no off-topic test (a DUC cluster has 10, the seeds 5).
MIN_ARTICLES = 12
# Robust spread: median absolute deviation scaled to a normal sd (1.4826), times SPREAD.
SPREAD = 3.5
# Whatever the spread, an article whose lead is this close to the centre stays (MiniLM cosines:
# leads of one story's reports sit at 0.5-0.9 from its centre; see benchmarks/results/bigclean.md).
FAR_COSINE = 0.35
# Share of articles (nearest the plain mean) whose mean is the robust centre.
CORE_SHARE = 0.5


def lead_vectors(annotated: Sequence[AnnotatedArticle]) -> dict[str, npt.NDArray[np.float32]]:
    """Unit lead vector per article id (articles without embeddings are left out)."""
    out: dict[str, npt.NDArray[np.float32]] = {}
    for a in annotated:
        emb = a.embeddings
        if emb.ndim != 2 or emb.shape[0] == 0 or emb.shape[1] == 0:
            continue
        v = emb[:LEAD_SENTENCES].mean(axis=0)
        n = float(np.linalg.norm(v))
        if n > 0:
            out[a.article.id] = (v / n).astype(np.float32)
    return out


def _unit(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def find_centre(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The mean of the CORE_SHARE of rows closest to the plain mean (unit length)."""
    centre = _unit(vectors.mean(axis=0))
    cos = vectors @ centre
    keep = max(1, int(round(len(vectors) * CORE_SHARE)))
    core = np.argsort(-cos, kind="stable")[:keep]
    return _unit(vectors[core].mean(axis=0))


def score_articles(annotated: Sequence[AnnotatedArticle]) -> dict[str, float]:
    """Cosine of each article's lead to the story's robust centre (1.0 when it cannot be told)."""
    vecs = lead_vectors(annotated)
    if len(vecs) < 3:
        return {a.article.id: 1.0 for a in annotated}
    ids = list(vecs)
    mat = np.stack([vecs[i] for i in ids])
    cos = mat @ find_centre(mat)
    scores = dict(zip(ids, (float(c) for c in cos), strict=True))
    return {a.article.id: scores.get(a.article.id, 1.0) for a in annotated}


def off_topic_ids(annotated: Sequence[AnnotatedArticle]) -> tuple[str, ...]:
    """Ids of the articles that are not about the story (see the module docstring), sorted."""
    if len(annotated) < MIN_ARTICLES:
        return ()
    scores = score_articles(annotated)
    values = np.array(sorted(scores.values()), dtype=np.float64)
    median = float(np.median(values))
    spread = 1.4826 * float(np.median(np.abs(values - median)))
    cut = min(median - SPREAD * spread, FAR_COSINE)
    return tuple(sorted(aid for aid, c in scores.items() if c < cut))


def split_off_topic(
    annotated: Sequence[AnnotatedArticle], settings: Settings
) -> tuple[list[AnnotatedArticle], tuple[str, ...]]:
    """(the articles about the story, ids of those set aside); nothing is set aside when
    ``settings.drop_off_topic`` is false or every article would be."""
    if not settings.drop_off_topic:
        return list(annotated), ()
    off = set(off_topic_ids(annotated))
    kept = [a for a in annotated if a.article.id not in off]
    if not kept:
        return list(annotated), ()
    return kept, tuple(sorted(off))
