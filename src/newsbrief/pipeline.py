"""The orchestrator: from paths to a Brief.

Stages, in order:

1. **read** (``readers.read_paths``): files, folders, HTML, JSON/JSONL into cleaned
   :class:`~newsbrief.models.Article` records (``cleaning``, ``metadata``); unusable inputs become
   :class:`~newsbrief.models.Skip` records with a reason.
2. **annotate** (map, one article at a time, pure): spaCy parse, ``sentences``, ``entities``
   mentions, ``dates``, ``quotes``, ``figures``, sentence ``embeddings``. See
   :func:`annotate_article` / :func:`annotate_articles`.
3. **build** (reduce, the whole story): ``syndication`` groups, ``claims`` (aligned sentences with
   independent-source counts), ``summarize``, merged ``entities``, ``quotes`` with resolved
   speakers, key ``figures``, ``timeline``, ``disagreements`` and what each outlet ``unique``-ly
   adds. See :func:`build_brief`.

The map stage depends only on one article and the models, which is what lets corpus mode hand it
to a distributed engine unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from . import claims as claims_mod
from . import dates as dates_mod
from . import disagreements as disagreements_mod
from . import entities as entities_mod
from . import figures as figures_mod
from . import quotes as quotes_mod
from . import summarize as summarize_mod
from . import syndication as syndication_mod
from . import timeline as timeline_mod
from .config import Settings
from .models import AnnotatedArticle, Article, Brief, Sentence, Skip
from .readers import read_paths
from .resources import Resources
from .sentences import split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc

Progress = Callable[[str], None]


def _annotate_parsed(
    article: Article, doc: Doc | None, sentences: Sequence[Sentence], embeddings: npt.NDArray[np.float32]
) -> AnnotatedArticle:
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        mentions=entities_mod.find_mentions(article, sentences, doc),
        dates=dates_mod.find_dates(article, sentences, doc),
        quotes=quotes_mod.find_quotes(article, sentences, doc),
        figures=figures_mod.find_figures(article, sentences, doc),
        embeddings=embeddings,
    )


def _annotate_batch(
    articles: Sequence[Article], docs: Iterable[Doc | None], resources: Resources
) -> list[AnnotatedArticle]:
    """Annotate parsed articles, embedding all their sentences in one call.

    One call lets the embedder sort every sentence of the batch by length and pad little (per
    article, a 20-sentence article padded to its longest sentence cost twice the CPU). A sentence's
    vector does not depend on what it is batched with (tested), so the result equals per-article
    embedding bit for bit.
    """
    parsed = [(a, doc, split_sentences(a, doc)) for a, doc in zip(articles, docs, strict=True)]
    vectors = resources.embedder.encode([s.text for _, _, sents in parsed for s in sents])
    out: list[AnnotatedArticle] = []
    start = 0
    for article, doc, sents in parsed:
        out.append(_annotate_parsed(article, doc, sents, vectors[start : start + len(sents)]))
        start += len(sents)
    return out


def annotate_article(article: Article, resources: Resources) -> AnnotatedArticle:
    """Map stage for one article: parse once, then every per-article annotator."""
    return _annotate_batch([article], [resources.nlp(article.body)], resources)[0]


def annotate_articles(
    articles: Sequence[Article], resources: Resources, progress: Progress | None = None
) -> list[AnnotatedArticle]:
    """Map stage for many articles, batching spaCy (``nlp.pipe``) and the embedder for speed."""
    out: list[AnnotatedArticle] = []
    for batch in _batches(articles, resources.settings.batch_size):
        docs = resources.nlp.pipe((a.body for a in batch), batch_size=len(batch))
        done = len(out)
        out.extend(_annotate_batch(batch, docs, resources))
        if progress is not None and len(out) // 25 > done // 25:
            progress(f"annotated {len(out)}/{len(articles)} articles")
    return out


# spaCy's memory grows with the characters in one pipe batch (measured: four 50k-char articles in
# one batch +643 MB, one at a time +177 MB), so batches are bounded by characters as well as count.
MAX_BATCH_CHARS = 100_000


def _batches(articles: Sequence[Article], max_count: int) -> list[list[Article]]:
    batches: list[list[Article]] = []
    current: list[Article] = []
    chars = 0
    for a in articles:
        if current and (len(current) >= max_count or chars + len(a.body) > MAX_BATCH_CHARS):
            batches.append(current)
            current, chars = [], 0
        current.append(a)
        chars += len(a.body)
    if current:
        batches.append(current)
    return batches


def build_brief(
    annotated: Sequence[AnnotatedArticle], settings: Settings, skipped: Iterable[Skip] = ()
) -> Brief:
    """Reduce stage: everything that needs the whole story."""
    groups = syndication_mod.find_syndication(annotated, settings)
    claims = claims_mod.align_claims(annotated, groups, settings)
    summary = summarize_mod.summarize(annotated, claims, settings)
    entities = entities_mod.merge_entities(annotated)
    quotes = quotes_mod.collect_quotes(annotated, entities)
    figures = figures_mod.collect_figures(annotated)
    timeline = timeline_mod.build_timeline(annotated, claims, settings)
    disagreements = disagreements_mod.find_disagreements(annotated, claims, groups, settings)
    unique = disagreements_mod.unique_contributions(annotated, claims, groups)
    return Brief(
        articles=tuple(a.article for a in annotated),
        summary=summary,
        skipped=tuple(skipped),
        entities=entities,
        timeline=timeline,
        quotes=quotes,
        figures=figures,
        syndication=groups,
        claims=claims,
        disagreements=disagreements,
        unique=unique,
    )


def brief_paths(
    paths: Sequence[str],
    settings: Settings,
    resources: Resources | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Read ``paths`` and build their brief (the library call behind ``newsbrief brief``)."""
    resources = resources or Resources(settings)
    articles, skipped = read_paths(paths, settings, on_skip=None, progress=progress)
    annotated = annotate_articles(articles, resources, progress)
    return build_brief(annotated, settings, skipped)
