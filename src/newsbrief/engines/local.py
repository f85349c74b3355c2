"""The local engine: the map stage in this process (spaCy batched with ``nlp.pipe``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from newsbrief import pipeline
from newsbrief.config import Settings
from newsbrief.models import Article
from newsbrief.annotate.embeddings import EmbedderUnavailable
from newsbrief.annotate.resources import ModelUnavailable, Resources
from newsbrief.engines import Annotated, failed_article


def annotate_chunk(articles: Sequence[Article], resources: Resources) -> list[Annotated]:
    """Annotate ``articles`` together; if that fails, one by one so only the bad ones are skipped.

    Batched and one-by-one annotation give identical results (spaCy's batching does not change its
    output), which the Dask engine relies on too.
    """
    try:
        return list(pipeline.annotate_articles(articles, resources))
    except (ModelUnavailable, EmbedderUnavailable):
        raise  # a missing model fails every article: the user must fix the installation
    except Exception:  # noqa: BLE001 - find the article that failed; the others must go through
        out: list[Annotated] = []
        for a in articles:
            try:
                out.append(pipeline.annotate_article(a, resources))
            except (ModelUnavailable, EmbedderUnavailable):
                raise
            except Exception as exc:  # noqa: BLE001 - recorded as a Skip with the reason
                out.append(failed_article(a, exc))
        return out


class LocalEngine:
    """Runs :func:`newsbrief.pipeline.annotate_articles` in this process."""

    name = "local"

    def __init__(self, settings: Settings, resources: Resources | None = None):
        self.settings = settings
        self._resources = resources

    @property
    def resources(self) -> Resources:
        """The models, loaded on first use."""
        if self._resources is None:
            self._resources = Resources(self.settings)
        return self._resources

    def annotate_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[Annotated]]:
        """Yield each batch's annotated articles (or Skips), in order."""
        for batch in batches:
            yield annotate_chunk(batch, self.resources) if batch else []

    def close(self) -> None:
        """Nothing to release (models go with the process)."""
