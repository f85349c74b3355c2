"""The map stage in one process: spaCy over batches of articles, the per-article annotators, and
the sentence embedder in a background thread.

Kept apart from :mod:`newsbrief.pipeline` (which also holds the reduce stage and imports every
story stage, SciPy among them) so a map-stage worker process (annotate/parallel.py) imports only
what it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from newsbrief.models import AnnotatedArticle, Article

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from spacy.tokens import Doc

    from newsbrief.annotate.embeddings import Embedder
    from newsbrief.annotate.resources import Resources
    from newsbrief.annotate.static_encoder import StaticEmbedder

Progress = Callable[[str], None]


# Articles per spaCy call inside a batch: the embedder works on the sentences of one group in a
# background thread (ONNX Runtime releases the GIL) while spaCy parses the next group and the
# annotators read it, so the two models share the cores instead of taking turns.
PARSE_GROUP = 2


def _annotate_stream(
    articles: Sequence[Article], docs: Iterable[Doc | None], resources: Resources, partial: bool = False
) -> Iterator[AnnotatedArticle]:
    """Annotate parsed articles in order; sentence embeddings are computed in the background.

    A sentence's vector does not depend on what else is embedded with it (tested), so the result
    equals embedding one article at a time bit for bit. With ``partial`` only the rows
    ``hybrid.model_rows`` names are embedded (the others are zero rows, for
    ``hybrid.complete_vectors``).
    """
    from newsbrief.annotate import dates as dates_mod
    from newsbrief.annotate import figures as annotate_figures
    from newsbrief.annotate import hybrid
    from newsbrief.annotate import mentions as mentions_mod
    from newsbrief.annotate import quotes as annotate_quotes
    from newsbrief.annotate.sentences import split_sentences

    embedder = resources.embedder
    with ThreadPoolExecutor(1, thread_name_prefix="newsbrief-embed") as pool:
        pending = []
        for article, doc in zip(articles, docs, strict=True):
            sentences = split_sentences(article, doc)
            if not partial:
                vectors = pool.submit(embedder.encode, [s.text for s in sentences])
            mentions = mentions_mod.find_mentions(article, sentences, doc)
            dates = dates_mod.find_dates(article, sentences, doc)
            quotes = annotate_quotes.find_quotes(article, sentences, doc, mentions)
            figures = annotate_figures.find_figures(article, sentences, doc)
            if partial:
                rows = hybrid.model_rows(len(sentences), figures, dates, quotes)
                vectors = pool.submit(_embed_rows, embedder, [s.text for s in sentences], rows)
            pending.append((article, sentences, mentions, dates, quotes, figures, vectors))
        for article, sentences, mentions, dates, quotes, figures, vectors in pending:
            yield AnnotatedArticle(
                article=article,
                sentences=sentences,
                mentions=mentions,
                dates=dates,
                quotes=quotes,
                figures=figures,
                embeddings=vectors.result(),
            )


def _embed_rows(embedder: Embedder | StaticEmbedder, texts: Sequence[str], rows: Sequence[int]) -> npt.NDArray[np.float32]:
    """Vectors of ``texts`` at ``rows``, zero rows elsewhere."""
    import numpy as np

    got = embedder.encode([texts[i] for i in rows])
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    if rows:
        out[np.asarray(rows, dtype=np.int64)] = got
    return out


def annotate_article(article: Article, resources: Resources) -> AnnotatedArticle:
    """Map stage for one article: parse once, then every per-article annotator."""
    return next(_annotate_stream([article], [resources.nlp(article.body)], resources))


def map_articles(
    articles: Sequence[Article], resources: Resources, progress: Progress | None = None, partial: bool = False
) -> list[AnnotatedArticle]:
    """The map stage in this process (:func:`annotate_articles` without worker processes; with
    ``partial`` the rows ``hybrid.complete_vectors`` fills are left zero)."""
    from newsbrief.annotate import parallel

    out: list[AnnotatedArticle] = []
    for batch in parallel.chunk_articles(articles, MAX_BATCH_CHARS, resources.settings.batch_size):
        docs = resources.nlp.pipe((a.body for a in batch), batch_size=PARSE_GROUP)
        done = len(out)
        out.extend(_annotate_stream(batch, docs, resources, partial))
        if progress is not None and len(out) // 25 > done // 25:
            progress(f"annotated {len(out)}/{len(articles)} articles")
    return out


# spaCy's memory grows with the characters in one pipe batch (measured: four 50k-char articles in
# one batch +643 MB, one at a time +177 MB), so batches are bounded by characters as well as count.
MAX_BATCH_CHARS = 100_000
