"""The Dask engine: the map stage on a Dask cluster (``--engine dask [--scheduler ADDRESS]``).

Without an address it starts a ``LocalCluster`` on this machine (one process per worker, one
thread each: spaCy holds the GIL, so processes are what run in parallel). With an address it
connects to a running scheduler, e.g. ``tcp://10.0.0.5:8786`` (see docs/database.md, "Running
ingest on a Dask cluster"). Every worker needs newsbrief installed, at the same version, with its
models; it loads them once, on its first task, and keeps them.

Articles are read and cleaned here and shipped to the workers in chunks; each worker runs the
same per-article code as the local engine and sends back the annotation as
:func:`newsbrief.corpus.serialize.dumps` bytes (compact, and independent of pickle and numpy versions).
Results come back in input order. A few batches are kept in flight so the workers never wait for
this process to store a batch.

``dask`` and ``distributed`` are imported only when this engine is created.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsbrief.corpus import serialize
from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Skip
from newsbrief.annotate.resources import Resources
from newsbrief.engines import Annotated, EngineError

# Articles per task: small enough that two workers share one ingest batch, big enough that spaCy's
# batching and the per-task overhead (~1 ms) do not matter next to ~50-100 ms per article.
CHUNK_SIZE = 8
# Ingest batches submitted ahead of the one being stored.
PREFETCH_BATCHES = 2
DEFAULT_LOCAL_WORKERS = 2
CONNECT_TIMEOUT_S = 30

# Models loaded on a worker, per settings and thread (spaCy pipelines are not shared between
# threads). Module-level because a worker process lives across tasks.
_WORKER_RESOURCES: dict[tuple[Settings, int], Resources] = {}
_WORKER_LOCK = threading.Lock()


def _worker_resources(settings: Settings) -> Resources:
    key = (settings, threading.get_ident())
    with _WORKER_LOCK:
        res = _WORKER_RESOURCES.get(key)
        if res is None:
            res = _WORKER_RESOURCES[key] = Resources(settings)
        return res


def annotate_on_worker(articles: list[Article], settings: Settings) -> list[bytes | Skip]:
    """Task run on a worker: annotate ``articles`` and return them serialized (Skips as they are)."""
    from newsbrief.engines.local import annotate_chunk

    results = annotate_chunk(articles, _worker_resources(settings))
    return [serialize.dumps(r) if isinstance(r, AnnotatedArticle) else r for r in results]


class DaskEngine:
    """Runs the map stage on a Dask cluster (see the module docstring)."""

    name = "dask"

    def __init__(
        self,
        settings: Settings,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        processes: bool = True,
        chunk_size: int = CHUNK_SIZE,
    ):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError(
                "the dask engine needs dask[distributed]; install it with "
                "`pip install 'newsbrief[dask]'` or use --engine local"
            ) from exc
        if workers is not None and workers < 1:
            raise EngineError(f"--workers must be at least 1, got {workers}")
        if scheduler is not None and workers is not None:
            raise EngineError("--workers sizes a local cluster; with --scheduler the cluster decides (drop --workers)")
        self.settings = settings
        self.chunk_size = max(1, chunk_size)
        self._cluster: Any = None
        try:
            if scheduler is None:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers or DEFAULT_LOCAL_WORKERS,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client: Any = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            self.close()
            where = scheduler or "a local cluster"
            raise EngineError(
                f"cannot start Dask on {where} ({exc}); check that the scheduler is running and reachable, "
                "or use --engine local"
            ) from exc

    def _submit(self, batch: Sequence[Article]) -> list[Any]:
        chunks = [list(batch[i : i + self.chunk_size]) for i in range(0, len(batch), self.chunk_size)]
        return [self.client.submit(annotate_on_worker, c, self.settings, pure=False) for c in chunks]

    def _collect(self, futures: list[Any]) -> list[Annotated]:
        out: list[Annotated] = []
        for fut in futures:
            try:
                results = fut.result()
            except Exception as exc:
                raise EngineError(
                    f"a Dask task failed ({type(exc).__name__}: {exc}); check that every worker has "
                    "newsbrief and its models installed (same version as here)"
                ) from exc
            for r in results:
                out.append(r if isinstance(r, Skip) else serialize.loads(r))
        return out

    def annotate_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[Annotated]]:
        """Yield each batch's annotated articles (or Skips), in order, keeping a few in flight."""
        inflight: deque[list[Any]] = deque()
        for batch in batches:
            inflight.append(self._submit(batch))
            if len(inflight) > PREFETCH_BATCHES:
                yield self._collect(inflight.popleft())
        while inflight:
            yield self._collect(inflight.popleft())

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this engine started one."""
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
