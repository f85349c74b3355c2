"""The story's own centre, and the articles and passages too far from it to be about the story.

A folder of pages saved for one story holds strays: a blog roll, another story filed the same day,
a quiz. Each article is placed by its lead (the mean embedding of its first ``LEAD_SENTENCES``
sentences: the lead states what an article is about); the story's centre is found robustly (the
mean of the articles nearest the plain mean, so strays do not pull it), and an article is off-topic
when its lead is both far below the others (median minus ``SPREAD`` robust deviations) and far
from the centre in absolute terms (cosine under ``FAR_COSINE``). Small stories keep every article:
under ``MIN_ARTICLES`` there is no crowd to measure against.

Within an article about the story, a passage may be about something else: a sidebar, a promo for
another story, the other segments of a news show's transcript, readers' comments. A sentence is
set aside when both it and its passage (itself and the ``PASSAGE_REACH`` sentences before or
after it, mean) are under ``FAR_SENTENCE`` from the centre: one sentence of colour ("She had rope
burns.") sits far from the centre on its own, but the passage around it is about the story.
:func:`drop_off_topic_sentences` removes such sentences (and their dates, names, quotes and
figures) before any section is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Sentence

LEAD_SENTENCES = 5
# Fewer articles than this: no off-topic test (a DUC cluster has 10, the seeds 5).
MIN_ARTICLES = 12
# Robust spread: median absolute deviation scaled to a normal sd (1.4826), times SPREAD.
SPREAD = 3.5
# Whatever the spread, an article whose lead is this close to the centre stays (MiniLM cosines:
# leads of one story's reports sit at 0.5-0.9 from its centre; see benchmarks/results/bigclean.md).
FAR_COSINE = 0.35
# A sentence and its passage under this cosine to the centre are not about the story (MiniLM:
# LibyaWar_cnn's sentences sit at a median 0.36 from its centre; 493 of 16,741 fall under 0.10 in
# both, mostly other stories of a news show's transcript, quizzes, comments, a market-data notice,
# some colour of a victim's story; 0.12 took 721, more of that colour).
FAR_SENTENCE = 0.10
# A page this share of whose sentences are far from the centre (each under FAR_COSINE) is a stray
# whatever its lead. Six Timeline17 topics: of the 1,089 pages whose lead is not far, the share's
# median is 0.30-0.47 per topic and its 90th percentile 0.57-0.71; the five at 0.90 or more are a
# blog round-up (H1N1_guardian, 0.96), a technology column (H1N1_bbc, 0.94), a newsletter page
# (H1N1_reuters, 0.92), a news show on robots in Japan's rescue work and a Ramadan shopping clip
# (LibyaWar_cnn, 0.93 and 1.00). Pages whose lead is far stay strays as before.
STRAY_SHARE = 0.9
# Sentences either side of one that make its passage.
PASSAGE_REACH = 2
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


def off_topic_sentences(annotated: Sequence[AnnotatedArticle]) -> dict[str, frozenset[int]]:
    """Per article id, the indices of its sentences not about the story (see module doc); only
    articles with any are listed."""
    if len(annotated) < MIN_ARTICLES:
        return {}
    vecs = lead_vectors(annotated)
    if len(vecs) < 3:
        return {}
    centre = find_centre(np.stack(list(vecs.values())))
    out: dict[str, frozenset[int]] = {}
    for a in annotated:
        emb = a.embeddings
        if emb.ndim != 2 or emb.shape[0] != len(a.sentences) or emb.shape[0] == 0:
            continue
        cos = emb @ centre
        far = np.array([i for i in range(len(cos)) if cos[i] < FAR_SENTENCE and _passage(cos, i) < FAR_SENTENCE], dtype=np.int64)
        # An article is never emptied here: that is the article-level test's call.
        if len(far) and len(far) < len(cos):
            out[a.article.id] = frozenset(int(i) for i in far)
    return out


def _passage(cos: npt.NDArray[np.float32], i: int) -> float:
    """How near the passage of sentence ``i`` is to the centre: the lower of the mean of it and the
    ``PASSAGE_REACH`` sentences before it and the mean of it and those after it (a sidebar's first
    sentence has the story before it but only the sidebar after it); a side the article is too short
    for is not counted."""
    n, r = len(cos), PASSAGE_REACH
    sides = [float(cos[i - r : i + 1].mean())] if i >= r else []
    if i + r < n:
        sides.append(float(cos[i : i + r + 1].mean()))
    return min(sides) if sides else float(cos[max(0, i - r) : i + r + 1].mean())


def stray_sentences(annotated: Sequence[AnnotatedArticle]) -> dict[str, frozenset[int]]:
    """Per page kept though its lead is not about the story (under ``FAR_COSINE`` from the centre,
    or ``STRAY_SHARE`` of its sentences each under it:
    the spread test keeps it when a folder's strays are many, as a broadcaster's schedules or a
    readers' family-history board can be), the indices of its sentences that are not close to the
    story either (each under ``FAR_COSINE``, or without a vector). Such a page's paragraph about
    the story stays; its other names, quotes and figures are not the story's. Only pages with any
    are listed."""
    leads = lead_vectors(annotated)
    if len(leads) < MIN_ARTICLES:
        return {}
    centre = find_centre(np.stack([leads[k] for k in sorted(leads)]))
    out: dict[str, frozenset[int]] = {}
    for a in annotated:
        lead = leads.get(a.article.id)
        if lead is None:
            continue
        emb = a.embeddings
        rows = emb.shape[0] if emb.ndim == 2 and emb.shape[1] > 0 else 0
        cos = emb[: min(rows, len(a.sentences))] @ centre if rows else np.zeros(0, dtype=np.float32)
        far = frozenset(s.index for s in a.sentences if s.index >= len(cos) or float(cos[s.index]) < FAR_COSINE)
        # A page is stray by its lead, or by nearly all its sentences: a blog round-up whose
        # lead happens to touch the story (H1N1_guardian's, at 0.343 or 0.357 as the embedder's
        # build moves it) is no report of it when 96% of its sentences are far.
        if far and (float(lead @ centre) < FAR_COSINE or len(far) >= STRAY_SHARE * len(a.sentences)):
            out[a.article.id] = far
    return out


# A page far from the centre that this many other pages' leads sit close to (THREAD_COSINE) is a
# thread the story's reports follow (talks beside a strike, survivors' accounts), not a lone stray.
# Measured on the six Timeline17 topics: of H1N1_reuters' 37 far pages (a wire's blog roll, market
# reports) 31 have no other lead at 0.6, and a test story's three reports of talks sit 0.66-0.86
# from each other; some listings pages (a broadcaster's schedules) repeat one another and pass.
THREAD_COSINE = 0.6
THREAD_PAGES = 2


def lone_stray_sentences(annotated: Sequence[AnnotatedArticle]) -> dict[str, frozenset[int]]:
    """:func:`stray_sentences` of the pages no thread of reports holds (fewer than THREAD_PAGES
    other leads at THREAD_COSINE or closer): a lone stray's sentences are no summary sentence."""
    stray = stray_sentences(annotated)
    if not stray:
        return {}
    leads = lead_vectors(annotated)
    ids = sorted(leads)
    mat = np.stack([leads[k] for k in ids])
    out: dict[str, frozenset[int]] = {}
    for aid, far in stray.items():
        lead = leads.get(aid)
        near = int(np.sum(mat @ lead >= THREAD_COSINE)) - 1 if lead is not None else 0
        if near < THREAD_PAGES:
            out[aid] = far
    return out


def drop_stray_mentions(annotated: Sequence[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """``annotated`` without the names and quotes of the sentences :func:`stray_sentences` finds
    (sentences and their numbering kept, so references into the story stay valid): who's who and
    the quotes are the story's people, not a stray page's."""
    stray = stray_sentences(annotated)
    out: list[AnnotatedArticle] = []
    for a in annotated:
        far = stray.get(a.article.id)
        if far is None:
            out.append(a)
            continue
        out.append(
            replace(
                a,
                mentions=tuple(m for m in a.mentions if m.sentence not in far),
                quotes=tuple(q for q in a.quotes if q.sentence not in far),
            )
        )
    return out


def drop_sentences(a: AnnotatedArticle, drop: frozenset[int]) -> AnnotatedArticle:
    """``a`` without the sentences ``drop`` (and their mentions); sentences renumbered in order."""
    keep = [s for s in a.sentences if s.index not in drop]
    new_index = {s.index: k for k, s in enumerate(keep)}
    sentences = tuple(
        Sentence(s.article_id, new_index[s.index], s.start, s.end, s.text, s.paragraph, s.finite) for s in keep
    )
    rows = [s.index for s in keep]
    return replace(
        a,
        sentences=sentences,
        mentions=tuple(replace(m, sentence=new_index[m.sentence]) for m in a.mentions if m.sentence in new_index),
        dates=tuple(replace(m, sentence=new_index[m.sentence]) for m in a.dates if m.sentence in new_index),
        quotes=tuple(replace(m, sentence=new_index[m.sentence]) for m in a.quotes if m.sentence in new_index),
        figures=tuple(replace(m, sentence=new_index[m.sentence]) for m in a.figures if m.sentence in new_index),
        embeddings=a.embeddings[rows] if a.embeddings.ndim == 2 and a.embeddings.shape[0] == len(a.sentences) else a.embeddings,
    )


def drop_off_topic_sentences(
    annotated: Sequence[AnnotatedArticle], settings: Settings
) -> tuple[list[AnnotatedArticle], int]:
    """(the articles without their passages not about the story, how many sentences went);
    nothing goes when ``settings.drop_off_topic`` is false."""
    if not settings.drop_off_topic:
        return list(annotated), 0
    far = off_topic_sentences(annotated)
    out = [drop_sentences(a, far[a.article.id]) if a.article.id in far else a for a in annotated]
    return out, sum(len(v) for v in far.values())
