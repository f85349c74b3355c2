"""Sentence vectors of a big folder brief: the transformer where decisions read them, a fitted
static estimate elsewhere.

Running all-MiniLM-L6-v2 on every sentence is most of the map stage's cost beyond spaCy (about 4.5
CPU ms a sentence, int8, one text a run; 7,235 sentences on haiti_bbc). On a big input (:data:`MIN_CHARS` of body text
or more) the map stage runs the model only on the sentences that the brief's choices lean on most
(:func:`model_rows`): each article's first :data:`LEAD_ROWS` sentences (the off-topic test, the
lead and headline read an article by its lead) and every sentence that carries a figure, a date or
a quote (figures, the timeline, disagreements and quotes are built from those). That is half of
haiti_bbc's sentences (3,658 of 7,235), 42% of MJ_bbc's and 49% of LibyaWar_cnn's.

The other rows are filled after the map stage by :func:`complete_vectors`: each sentence's static
word-piece vector (:mod:`newsbrief.annotate.static_encoder`, 0.25 CPU ms) is carried into the
transformer's space by a linear map fitted, by ridge regression, on the run's own sentences that
have both (thousands of them), then L2-normalised; a sentence whose text the model embedded
elsewhere in the run takes that vector. The estimates are too rough near the off-topic test's
line, so the rows there are embedded by the model after all (:func:`_embed_near_the_edge`): 62% of
haiti_bbc's rows end with the model's vector, 82% of MJ_bbc's, 58% of LibyaWar_cnn's. The whole story then sits in one
space, so every stage reads its vectors as before. The static vectors alone (not mapped) changed
the headline, 3 of 11 summary sentences and 13 of 25 timeline entries of haiti_bbc's brief; here
the headline, summary, figures, quotes and entities stay, 1 of 25 timeline entries and 2 of 5
disagreements change, for 20% less CPU in the whole brief (benchmarks/results/bigstory_haiti_s10.md).

Fewer model rows were measured offline (benchmarks/hybrid_rows.py; bigstory_haiti_s11.md and
bigstory_haiti_s15.md): every rule that saves a real share of the model's CPU changes the headline,
a timeline entry, a key figure or a disagreement for the worse on one of haiti_bbc, MJ_bbc and
LibyaWar_cnn (the sentences left are scored by centrality and paired into claims through their
vectors whatever their kind). Even the lead rows alone, the least this design can embed (the
off-topic test reads them), cut haiti_bbc's brief by about a fifth of its CPU: about 1.6x the
spaCy-alone time, not 1.5x, with a worse timeline. A cheaper estimate from MiniLM itself (its
first 1-3 layers, 23-52% of its CPU a sentence, pooled and ridge-mapped) is no better than the
static one (cosine 0.66-0.69 to the model's against 0.71) and changed 10-16 of haiti_bbc's 25
timeline entries however it was used (benchmarks/minilm_layers.py, benchmarks/results/minilm_layers_s16.md).

A vector filled here depends on the other sentences of the run (through the fit), so this is used
for a brief of files only (``pipeline.brief_paths``); corpus ingest keeps the model's vector for
every sentence (a stored article's vectors do not depend on what it was ingested with), and small
inputs (the seeds, a DUC cluster, the sources fixtures) are embedded in full as before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsbrief.models import AnnotatedArticle, Article, DateMention, FigureMention, QuoteMention

if TYPE_CHECKING:
    from newsbrief.annotate.resources import Resources

log = logging.getLogger(__name__)

# Characters of body text from which a brief of files embeds only :func:`model_rows` with the
# model: about 130 articles of the BBC's length (haiti_bbc has 895,000 in 285 articles, the golden
# Timeline17 input H1N1_guardian about 250,000, a DUC cluster 30,000-60,000). Below it the model's
# cost is under half a minute and the fit would have fewer sentences to learn from.
MIN_CHARS = 400_000
# An article's first sentences embedded by the model: story.topic.LEAD_SENTENCES, the lead by which
# the off-topic test, the lead choice and the headline place an article.
LEAD_ROWS = 5
# Rows with the model's vector needed to fit the map (256 static dimensions in): with fewer, the
# other rows are embedded by the model too.
MIN_FIT_ROWS = 1_000
# An estimated row this close to the story's centre or less is embedded by the model after all
# (see complete_vectors): on haiti_bbc and MJ_bbc 0.20 catches 73% and 84% of the rows the model
# puts under topic.FAR_SENTENCE (0.10), at 16% and 50% of the rows left.
RECHECK_COSINE = 0.20
# Rounds of that (each takes in the passages of the rows the last one found far).
MAX_ROUNDS = 6
# Ridge penalty of the fit (static vectors are unit rows; thousands of them: it only keeps the
# solve well posed).
RIDGE = 1.0


def worth_partial(articles: Sequence[Article]) -> bool:
    """Whether a brief of ``articles`` is big enough to embed only :func:`model_rows` by the model."""
    return sum(len(a.body) for a in articles) >= MIN_CHARS


def model_rows(
    count: int,
    figures: Sequence[FigureMention],
    dates: Sequence[DateMention],
    quotes: Sequence[QuoteMention],
) -> list[int]:
    """Indices (ascending) of the sentences of an article of ``count`` sentences that the model
    embeds on a big input: the lead and every sentence with a figure, date or quote."""
    rows = set(range(min(LEAD_ROWS, count)))
    rows.update(m.sentence for group in (figures, dates, quotes) for m in group if 0 <= m.sentence < count)
    return sorted(rows)


def _missing_rows(a: AnnotatedArticle) -> list[int]:
    """The rows of ``a`` the map stage left for :func:`complete_vectors`."""
    kept = set(model_rows(len(a.sentences), a.figures, a.dates, a.quotes))
    return [i for i in range(len(a.sentences)) if i not in kept]


def complete_vectors(annotated: Sequence[AnnotatedArticle], resources: Resources) -> list[AnnotatedArticle]:
    """``annotated`` (from a map stage run with partial vectors) with every sentence's vector:
    the rows the model left are filled as the module docstring says (by the model itself when the
    static table cannot be had or too few rows were embedded to fit the map)."""
    missing = [_missing_rows(a) for a in annotated]
    if not any(missing):
        return list(annotated)
    known: dict[str, npt.NDArray[np.float32]] = {}
    for a, miss in zip(annotated, missing, strict=True):
        gap = set(miss)
        for i, s in enumerate(a.sentences):
            if i not in gap:
                known.setdefault(s.text, a.embeddings[i])
    todo = sorted({a.sentences[i].text for a, miss in zip(annotated, missing, strict=True) for i in miss} - known.keys())
    guessed = dict(zip(todo, _estimate(todo, known, resources), strict=True))
    filled = []
    for a, miss in zip(annotated, missing, strict=True):
        emb = a.embeddings.copy()
        for i in miss:
            emb[i] = known.get(a.sentences[i].text, guessed.get(a.sentences[i].text))
        filled.append(emb)
    guesses = [np.array([i in set(miss) and a.sentences[i].text not in known for i in range(len(a.sentences))], dtype=bool)
               for a, miss in zip(annotated, missing, strict=True)]
    _embed_near_the_edge(annotated, filled, guesses, known, resources)
    return [a if not miss else replace(a, embeddings=emb) for a, miss, emb in zip(annotated, missing, filled, strict=True)]


def _embed_near_the_edge(
    annotated: Sequence[AnnotatedArticle],
    filled: list[npt.NDArray[np.float32]],
    guesses: list[npt.NDArray[np.bool_]],
    known: dict[str, npt.NDArray[np.float32]],
    resources: Resources,
) -> None:
    """Replace, in place, the estimated rows the off-topic test could turn on by the model's.

    The test (story.topic) sets a sentence aside when it and its passage are under
    topic.FAR_SENTENCE from the story's centre; an estimate's cosine there is too rough (on MJ_bbc
    a quarter of the rows left are under that line by the model, a sixth of those not by the
    estimate). So the model embeds the estimated rows under :data:`RECHECK_COSINE`, then, round
    by round, the estimated rows in the passage of a row it puts under the line."""
    from newsbrief.story import topic

    if len(annotated) < topic.MIN_ARTICLES or not any(g.any() for g in guesses):
        return
    leads = topic.lead_vectors(annotated)
    if len(leads) < 3:
        return
    centre = topic.find_centre(np.stack(list(leads.values())))
    want = [g & (emb @ centre < RECHECK_COSINE) for g, emb in zip(guesses, filled, strict=True)]
    for _ in range(MAX_ROUNDS):
        texts = sorted({a.sentences[i].text for a, w in zip(annotated, want, strict=True) for i in np.flatnonzero(w)} - known.keys())
        if not texts and not any(w.any() for w in want):
            return
        known.update(zip(texts, resources.embedder.encode(texts), strict=True))
        for a, emb, g, w in zip(annotated, filled, guesses, want, strict=True):
            for i in np.flatnonzero(w):
                emb[i] = known[a.sentences[i].text]
            g &= ~w
            far = ~g & (emb @ centre < topic.FAR_SENTENCE)
            near = np.zeros_like(far)
            for k in np.flatnonzero(far):
                near[max(0, k - topic.PASSAGE_REACH) : k + topic.PASSAGE_REACH + 1] = True
            w[:] = g & near


def _estimate(
    texts: Sequence[str], known: dict[str, npt.NDArray[np.float32]], resources: Resources
) -> npt.NDArray[np.float32]:
    """Vectors of ``texts`` in the model's space: the fitted map of their static vectors, or the
    model's own when the map cannot be fitted."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    static = resources.static_embedder if len(known) >= MIN_FIT_ROWS else None
    if static is None:
        return resources.embedder.encode(list(texts))
    fit_texts = sorted(known)
    w, x_mean, y_mean = _fit(static.encode(fit_texts), np.stack([known[t] for t in fit_texts]))
    # Centred, mapped, the mean added back and normalised in place: a 20,000-row run's float64
    # intermediates are 60 MB each.
    est = static.encode(list(texts)).astype(np.float64)
    est -= x_mean
    est = est @ w
    est += y_mean
    est /= np.clip(np.linalg.norm(est, axis=1, keepdims=True), 1e-12, None)
    out: npt.NDArray[np.float32] = est.astype(np.float32)
    return out


def _fit(
    static_rows: npt.NDArray[np.float32], model_rows: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The ridge map from static rows to model rows, fitted on centred rows (the means, returned
    with it, are added back: an intercept the penalty does not shrink). The rows are centred in
    place in one float64 copy each, freed on return."""
    x = static_rows.astype(np.float64)
    y = model_rows.astype(np.float64)
    x_mean, y_mean = x.mean(axis=0), y.mean(axis=0)
    x -= x_mean
    y -= y_mean
    w: npt.NDArray[np.float64] = np.linalg.solve(x.T @ x + RIDGE * np.eye(x.shape[1]), x.T @ y)
    return w, x_mean, y_mean
