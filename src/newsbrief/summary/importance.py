"""Learned importance: how much a concept, and a sentence, is worth to a summary of the story.

Two small linear models, both fitted on the DUC 2004 development half (25 clusters, 4 human
summaries each) by ``benchmarks/nestedcv.py --write``, which estimates the whole tuning procedure
(fitting these models and choosing the summary settings) by nested cross-validation: results, with
the spread over held-out folds and the simpler models compared, in
``benchmarks/results/duc2004_nestedcv.md``. Only their coefficients live here: nothing is read from
the references at run time, and the features are generic properties of any multi-article story
(how many articles repeat a word pair, how early they say it, how central a sentence is), never
anything about those clusters.

* **concepts** (Poisson regression, log link): the expected number of reference summaries that
  contain the concept, from its document frequency, term frequency and positions.
  Hong & Nenkova (2014) and Li, Qian & Liu (2013) showed that such supervised estimates beat raw
  document frequency as the weights of a coverage objective.
* **sentences** (ridge regression): the share of a sentence's words that reference summaries echo
  (unigrams and bigrams, each scaled by its mean), from its position, length, centrality, how many
  independent sources state it (its claim) and how it reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsbrief.vocabulary import FUNCTION_WORDS
from newsbrief.models import AnnotatedArticle, Claim, SentenceRef
from newsbrief.story.similarity import mean_top_outside

if TYPE_CHECKING:
    from newsbrief.summary.candidates import Candidate

Matrix = npt.NDArray[np.float64]

CONCEPT_FEATURES = (
    "df",  # articles that contain the concept
    "df_share",  # ... as a share of the story's articles
    "log_tf",  # log of its occurrences over all sentences
    "log_first",  # log(1 + earliest sentence index at which an article states it)
    "lead_df",  # articles that state it in their first 3 sentences
    "position_sum",  # sum over articles of 1 / (1 + first sentence index)
    "unigram",  # 1 for a content word, 0 for a bigram
    "stopwords",  # stopwords among its words
    "df_squared",  # df ** 2 / 10: lets the log-linear model bend
    "digit",  # contains a number
)

SENTENCE_FEATURES = (
    "inverse_position",  # 1 / (1 + index in its article)
    "first",  # the article's first sentence
    "relative_position",  # index / sentences in its article
    "length",  # words / 30
    "centrality",  # cosine to the story's centroid embedding
    "support",  # independent sources of its claim / articles
    "quote",  # carries a quotation
    "digit",  # carries a number
    "capitals",  # capitalised words / words (names)
    "echo",  # mean cosine to its 3 closest sentences in other articles
    "compressed",  # a shortened version
    "follower",  # reads only after the sentence before it
    "concept_density",  # learned weight of its concepts / words
    "concept_total",  # log(1 + learned weight of its concepts)
)

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"``|''|[\"\u201c\u201d]")
_LEAD = 3  # "lead" sentences for lead_df (the inverted pyramid puts the news in the first few)


@dataclass(frozen=True)
class LinearModel:
    """``intercept + sum(coef * (x - mean) / scale)``: a standardised linear model's coefficients."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def predict(self, x: Matrix) -> npt.NDArray[np.float64]:
        """The linear predictor for each row of ``x`` (columns in ``features`` order)."""
        if x.shape[0] == 0:
            return np.zeros(0)
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return np.asarray(z @ np.asarray(self.coef) + self.intercept, dtype=np.float64)

    def reads(self) -> frozenset[str]:
        """The features with a non-zero coefficient: the others cannot change a prediction (a zero
        coefficient times any finite value adds exactly 0), so they need not be computed."""
        return frozenset(f for f, c in zip(self.features, self.coef, strict=True) if c != 0)


def describe_concepts(
    concept_sets: Sequence[Sequence[frozenset[str]]], min_df: int
) -> tuple[list[str], Matrix]:
    """The concepts stated by at least ``min_df`` articles (sorted) and their CONCEPT_FEATURES.
    ``concept_sets``: per article, the concept set of each of its sentences."""
    n_docs = max(1, len(concept_sets))
    # Every occurrence as (concept id, article, sentence index), then each concept's first sentence
    # in each article by one sort, counted with NumPy (a 300-article story has about 200,000
    # occurrences; the per-article dict passes this replaces took twice as long).
    vocab: dict[str, int] = {}
    ids: list[int] = []
    sentence: list[int] = []
    article: list[int] = []
    for d, sets in enumerate(concept_sets):
        for i, s in enumerate(sets):
            ids.extend([vocab.setdefault(k, len(vocab)) for k in s])
            sentence.extend([i] * len(s))
        article.extend([d] * (len(ids) - len(article)))
    n = len(vocab)
    occurrences = np.array(ids, dtype=np.int64)
    order = np.lexsort((np.array(sentence, dtype=np.int64), np.array(article, dtype=np.int64), occurrences))
    cid, doc, pos = occurrences[order], np.array(article, dtype=np.int64)[order], np.array(sentence, dtype=np.int64)[order]
    first = np.ones(cid.size, dtype=bool)
    first[1:] = (cid[1:] != cid[:-1]) | (doc[1:] != doc[:-1])
    fc, fp = cid[first], pos[first]  # per concept: its articles in order, each with its first sentence
    tf = np.bincount(occurrences, minlength=n).tolist()
    df = np.bincount(fc, minlength=n).tolist()
    earliest = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(earliest, fc, fp)
    first_sentence = earliest.tolist()
    lead_df = np.bincount(fc[fp < _LEAD], minlength=n).tolist()
    # Added article by article in article order: the sequential sum a loop would make, bit for bit.
    position_sum = np.bincount(fc, weights=1.0 / (1 + fp), minlength=n).tolist()
    keys = sorted(k for k, j in vocab.items() if df[j] >= min_df)
    table = []
    for k in keys:
        j = vocab[k]
        d = df[j]
        unigram = k.startswith("1:")
        words = k[2:].split() if unigram else k.split()
        table.append((
            d,
            d / n_docs,
            math.log(tf[j]),
            math.log1p(first_sentence[j]),
            lead_df[j],
            position_sum[j],
            float(unigram),
            sum(w in FUNCTION_WORDS for w in words),
            d * d / 10.0,
            float(any(w.isdigit() for w in words)),
        ))
    # One array at the end: assigning row by row costs more than the features themselves.
    rows = np.array(table, dtype=np.float64).reshape(len(keys), len(CONCEPT_FEATURES))
    return keys, rows


def weigh_concepts_learned(
    concept_sets: Sequence[Sequence[frozenset[str]]], min_df: int, model: LinearModel | None = None
) -> dict[str, float]:
    """Each concept's expected presence in reference summaries (CONCEPT_MODEL), heaviest = 1."""
    keys, x = describe_concepts(concept_sets, min_df)
    if not keys:
        return {}
    eta = (model or CONCEPT_MODEL).predict(x)
    w = np.exp(eta - eta.max())
    return {k: float(v) for k, v in zip(keys, w, strict=True)}


def describe_sentences(
    annotated: Sequence[AnnotatedArticle],
    candidates: Sequence[Candidate],
    claims: Sequence[Claim],
    weights: dict[str, float],
    features: frozenset[str] | None = None,
) -> Matrix:
    """SENTENCE_FEATURES of each candidate (one row each). With ``features``, the costly
    embedding features not among them are left 0 (what :meth:`LinearModel.reads` leaves out:
    the echo feature alone is a candidates x sentences product, a tenth of a 300-article brief)."""
    n = len(candidates)
    x = np.zeros((n, len(SENTENCE_FEATURES)))
    if n == 0:
        return x
    support: dict[SentenceRef, int] = {}
    for cl in claims:
        for m in cl.members:
            support.setdefault(m, max(1, cl.independent_sources))
    centrality, echo = _embedding_features(annotated, candidates, features is None or "echo" in features)
    n_articles = max(1, len(annotated))
    for r, c in enumerate(candidates):
        n_sent = max(1, len(annotated[c.article].sentences))
        value = sum(weights.get(k, 0.0) for k in c.concepts)
        x[r] = (
            1.0 / (1 + c.ref.sentence),
            float(c.ref.sentence == 0),
            c.ref.sentence / n_sent,
            c.words / 30.0,
            centrality[r],
            support.get(c.ref, 1) / n_articles,
            float(bool(_QUOTE.search(c.text))),
            float(bool(_DIGIT.search(c.text))),
            len(_CAPITALISED.findall(c.text)) / max(1, c.words),
            echo[r],
            float(c.compressed),
            float(c.follows is not None),
            value / max(1, c.words),
            math.log1p(value),
        )
    return x


def _embedding_features(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate], with_echo: bool = True
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Centrality and echo (see SENTENCE_FEATURES); zeros when there are no embeddings (echo also
    when not ``with_echo``)."""
    n = len(candidates)
    mats = [a.embeddings for a in annotated]
    if any(m.ndim != 2 or m.shape[0] != len(a.sentences) for m, a in zip(mats, annotated, strict=True)):
        return np.zeros(n), np.zeros(n)
    rows = [m for m in mats if m.shape[0]]
    if not rows:
        return np.zeros(n), np.zeros(n)
    every = np.vstack(rows).astype(np.float64)
    owner = np.concatenate([np.full(m.shape[0], i) for i, m in enumerate(mats) if m.shape[0]])
    centroid = every.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    # The shortened versions of a sentence share its embedding: each sentence is measured once.
    row_of: dict[tuple[int, int], int] = {}
    which = np.array([row_of.setdefault((c.article, c.ref.sentence), len(row_of)) for c in candidates], dtype=np.int64)
    vecs = np.vstack([mats[a][s] for a, s in row_of]).astype(np.float64)
    # Block by block (similarity.mean_top_outside): the candidates x sentences matrix of 2,000
    # articles would be 15 GB.
    of_row = np.array([a for a, _ in row_of], dtype=np.int64)
    echo = mean_top_outside(vecs, of_row, every, owner.astype(np.int64), 3) if with_echo else np.zeros(len(row_of))
    return (vecs @ centroid)[which], echo[which]


def score_sentences(
    annotated: Sequence[AnnotatedArticle],
    candidates: Sequence[Candidate],
    claims: Sequence[Claim],
    weights: dict[str, float],
    model: LinearModel | None = None,
) -> npt.NDArray[np.float64]:
    """Predicted share of each candidate's words that a reference summary would echo (SENTENCE_MODEL),
    shifted so that the story's least promising candidate scores 0."""
    model = model or SENTENCE_MODEL
    x = describe_sentences(annotated, candidates, claims, weights, model.reads())
    pred = model.predict(x)
    return pred - pred.min() if pred.size else pred


# --------------------------------------------------------------------------------------------
# Fitted by `python benchmarks/nestedcv.py --write` on all 25 DUC 2004 dev clusters (held-out
# scores of the procedure in benchmarks/results/duc2004_nestedcv.md). Regenerate, do not edit.

CONCEPT_MODEL = LinearModel(
    features=CONCEPT_FEATURES,
    mean=(2.81933, 0, 1.16573, 1.45801, 0, 0, 0.502793, 0, 0, 0),
    scale=(1.39765, 1, 0.612805, 0.999169, 1, 1, 0.499992, 1, 1, 1),
    coef=(0.0305706, 0, 0.478107, -0.476426, 0, 0, 0.0382224, 0, 0, 0),
    intercept=-1.50688,
)

SENTENCE_MODEL = LinearModel(
    features=SENTENCE_FEATURES,
    mean=(0.156454, 0, 0, 0.791228, 0, 0, 0, 0, 0, 0, 0, 0, 0.112112, 0),
    scale=(0.212893, 1, 1, 0.316766, 1, 1, 1, 1, 1, 1, 1, 1, 0.0692935, 1),
    coef=(0.0662744, 0, 0, 0.0234537, 0, 0, 0, 0, 0, 0, 0, 0, 0.361782, 0),
    intercept=1,
)
