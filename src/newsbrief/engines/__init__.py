"""Engines run the map stage (:func:`newsbrief.pipeline.annotate_article`) over many articles.

Every engine takes batches of :class:`~newsbrief.models.Article` and yields, batch by batch and in
input order, one :class:`~newsbrief.models.AnnotatedArticle` per article -- or a
:class:`~newsbrief.models.Skip` naming the article when annotating it failed, so one bad article
never stops an ingest. Engines differ only in where the work runs:

* ``local`` (:mod:`.local`): in this process, spaCy batched over each batch.
* ``dask`` (:mod:`.dask`): on a Dask cluster -- a ``LocalCluster`` on this machine, or the
  scheduler at ``--scheduler ADDRESS``. Dask is imported only when this engine is chosen.

Both run the same per-article code on the same input, so they produce identical annotations
(``tests/test_engines.py`` compares what each stores).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Skip

ENGINES = ("local", "dask")

Annotated = AnnotatedArticle | Skip


class EngineError(RuntimeError):
    """An engine cannot start or lost its workers; the message says how to fix it."""


class Engine(Protocol):
    """Runs the map stage; see the module docstring."""

    name: str

    def annotate_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[Annotated]]:
        """Yield, for each batch in order, its annotated articles (or Skips) in input order."""
        ...

    def close(self) -> None:
        """Release workers and models."""
        ...


def failed_article(article: Article, exc: BaseException) -> Skip:
    """The Skip recorded for an article whose annotation raised ``exc``."""
    return Skip(
        article.path if "#" not in article.id else f"{article.path}#{article.id.rsplit('#', 1)[1]}",
        f"annotating article {article.id!r} failed ({type(exc).__name__}: {exc}); please report this file",
    )


def make_engine(
    name: str,
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Engine:
    """The engine called ``name`` ("local" or "dask"); ``scheduler``/``workers`` are for Dask."""
    if name == "local":
        if scheduler is not None:
            raise EngineError("--scheduler works only with --engine dask; add --engine dask or drop --scheduler")
        from newsbrief.engines.local import LocalEngine

        return LocalEngine(settings)
    if name == "dask":
        from newsbrief.engines.dask import DaskEngine

        return DaskEngine(settings, scheduler=scheduler, workers=workers)
    raise EngineError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
