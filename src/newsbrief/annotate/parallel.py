"""The map stage on more than one core: this process and worker processes share the articles.

One process cannot keep two cores busy with the map stage: spaCy and the annotators run Python
under the GIL, and the embedder's threads wait for it between runs. Here the articles are cut into
chunks of consecutive articles; worker processes (each with its own spaCy and embedder, loaded
once) and this process take the next chunk as each finishes the last, so the split follows
whatever each one is given of the machine. Results are put back in input order.

A chunk's annotations do not depend on where it ran or what ran beside it (spaCy's batching does
not change its output, a sentence's vector depends only on the sentence), so the result equals
:func:`newsbrief.pipeline.annotate_articles` in one process, bit for bit (tested).

Workers started before the inputs are read (:func:`start_early`) read a share of the files first
(reading and cleaning a page depends only on the page), in chunks of files the same way.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Skip
from newsbrief.read.paths import InputFile

if TYPE_CHECKING:
    from newsbrief.annotate.resources import Resources
    from newsbrief.read.readers import ReadMany

T = TypeVar("T")
R = TypeVar("R")

# Characters of article body per chunk: about a second of one core's map stage (0.07 CPU ms a
# character on haiti_bbc), so the last chunk leaves the other core idle for about that long, while
# sending a chunk and its annotations between processes costs milliseconds.
CHUNK_CHARS = 12_000
# Below this many characters of body a worker's start-up (2.5 CPU s, about 240 MB: importing spaCy
# and ONNX Runtime, loading both models) costs more wall time than the second core wins back.
MIN_PARALLEL_CHARS = 150_000

# Bytes of input files above which the workers are started before the inputs are read, so that
# they read and clean a share of the files (:func:`reader_in_processes`) and then annotate.
# Pages hold markup and furniture besides the body: twice MIN_PARALLEL_CHARS.
EARLY_START_BYTES = 2 * MIN_PARALLEL_CHARS


# Marks an annotate job whose workers embed only some sentences (mapstage.map_articles' partial).
PARTIAL = ":partial"


def input_bytes(paths: Sequence[str], enough: int) -> int:
    """Bytes of the files at ``paths`` (folders walked), counted until ``enough`` is reached."""
    total = 0
    for path in paths:
        if os.path.isfile(path):
            total += os.path.getsize(path)
        for folder, _, files in os.walk(path):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(folder, name))
                except OSError:
                    continue
                if total >= enough:
                    return total
        if total >= enough:
            break
    return total


def start_early(paths: Sequence[str], settings: Settings, processes: int) -> list[subprocess.Popen[bytes]]:
    """The ``processes - 1`` workers, started now when ``paths`` hold enough bytes to be worth
    them (else none); give them to :func:`annotate_in_processes` and :func:`stop_workers`."""
    if processes < 2 or input_bytes(paths, EARLY_START_BYTES) < EARLY_START_BYTES:
        return []
    return [_start_worker(settings) for _ in range(processes - 1)]


def stop_workers(procs: Sequence[subprocess.Popen[bytes]], kill: bool = False) -> None:
    """End workers: their input is closed (they exit when done), or they are killed."""
    for p in procs:
        if kill:
            p.kill()
        try:
            if p.stdin is not None:
                p.stdin.close()
        except (OSError, ValueError):
            pass
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def worth_parallel(articles: Sequence[Article], processes: int) -> bool:
    """Whether ``articles`` are enough work for ``processes`` (> 1) processes."""
    return processes > 1 and sum(len(a.body) for a in articles) >= MIN_PARALLEL_CHARS


def chunk_articles(
    articles: Sequence[Article], max_chars: int = CHUNK_CHARS, max_count: int | None = None
) -> list[list[Article]]:
    """Consecutive runs of ``articles`` of at most ``max_chars`` body characters and, when given,
    at most ``max_count`` articles (at least one article each)."""
    chunks: list[list[Article]] = []
    current: list[Article] = []
    chars = 0
    for a in articles:
        full = max_count is not None and len(current) >= max_count
        if current and (full or chars + len(a.body) > max_chars):
            chunks.append(current)
            current, chars = [], 0
        current.append(a)
        chars += len(a.body)
    if current:
        chunks.append(current)
    return chunks


# Body characters from which a chunk (then one long article: chunks are cut at CHUNK_CHARS) is
# "heavy": spaCy's working memory grows with the characters of one text (about 3.4 KB a character:
# +674 MB for a 200,000-character page of the 2,000-page folder), so heavy chunks are done first,
# while the processes hold few results, and one at a time (two at once, late in the 2,000-page
# run, were its peak: 975 + 870 MB).
HEAVY_CHARS = 40_000


class _Chunks(Generic[T, R]):
    """The chunks of one job ("annotate" or "annotate+facts", either with PARTIAL, or "read") and
    their results, shared by this process's loop and the workers' threads. With ``weights`` (body
    characters of each chunk) the heavy chunks (:data:`HEAVY_CHARS`) are handed out first, largest
    first, and one at a time while light ones are left; the rest in order. Where a chunk is done
    and in what order does not change its result (results are kept by chunk)."""

    def __init__(self, kind: str, chunks: list[list[T]], weights: Sequence[int] | None = None):
        self.kind = kind
        self.chunks = chunks
        self.results: list[list[R] | None] = [None] * len(chunks)
        self.left_here: list[int] = []  # chunks a worker could not do
        sizes = list(weights) if weights is not None else [0] * len(chunks)
        self.heavy = [w >= HEAVY_CHARS for w in sizes]
        first = sorted((k for k in range(len(chunks)) if self.heavy[k]), key=lambda k: (-sizes[k], k))
        self.todo = first + [k for k in range(len(chunks)) if not self.heavy[k]]
        self.heavy_busy = 0
        self.lock = threading.Lock()

    def take(self) -> int | None:
        with self.lock:
            if self.left_here:
                k = self.left_here.pop()
            elif not self.todo:
                return None
            else:
                pick = next((i for i, k in enumerate(self.todo) if not self.heavy[k] or not self.heavy_busy), 0)
                k = self.todo.pop(pick)
            self.heavy_busy += self.heavy[k]
            return k

    def finish(self, k: int) -> None:
        """Chunk ``k`` is done (or given back): another heavy one may start."""
        with self.lock:
            self.heavy_busy -= self.heavy[k]

    def stop(self) -> None:
        with self.lock:
            self.todo = []


def _start_worker(settings: Settings) -> subprocess.Popen[bytes]:
    """A worker process (this module run as a program), given ``settings`` on its input. The
    parent's import path goes with it, so it runs the same newsbrief; no main module is re-run."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsbrief.annotate.parallel"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
    )
    assert proc.stdin is not None
    pickle.dump(settings, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
    proc.stdin.flush()
    return proc


def _serve(proc: subprocess.Popen[bytes], shared: _Chunks[T, R], last: bool = True) -> None:
    """Hand ``proc`` chunks one at a time until none is left; a chunk it fails on (or a worker
    that dies) is left to this process, which then raises the error itself if there is one.
    After the ``last`` job the worker's input is closed (it exits); else it waits for the next."""
    assert proc.stdin is not None and proc.stdout is not None
    k: int | None = None
    try:
        while (k := shared.take()) is not None:
            pickle.dump((shared.kind, shared.chunks[k]), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            proc.stdin.flush()
            ok, value = pickle.load(proc.stdout)
            if not ok:
                break
            shared.results[k] = value
            shared.finish(k)
            k = None
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        pass  # the worker died (or was stopped): this process does the rest
    if k is not None:
        shared.finish(k)
        with shared.lock:
            shared.left_here.append(k)
    if not last:
        return
    try:
        proc.stdin.close()  # the worker's end of input: it exits
    except (OSError, ValueError):
        pass


def _share(
    shared: _Chunks[T, R],
    procs: Sequence[subprocess.Popen[bytes]],
    do_here: Callable[[list[T]], list[R]],
    progress: Callable[[int], None] | None = None,
    last: bool = True,
) -> list[R]:
    """Do ``shared``'s chunks here (``do_here``) and in ``procs``, each taking the next chunk as
    it finishes the last; the results in chunk order. ``progress`` hears the number of items
    done so far (in order). Workers are stopped after the ``last`` job or an error here."""
    threads = [threading.Thread(target=_serve, args=(p, shared, last), daemon=True) for p in procs]
    for t in threads:
        t.start()
    ready = 0  # chunks 0..ready-1 are done
    done = 0  # their items
    finished = False
    try:
        while True:
            k = shared.take()
            if k is None:
                for t in threads:
                    t.join()
                k = shared.take()  # a chunk a worker gave back after this loop last looked
                if k is None:
                    break
            shared.results[k] = do_here(shared.chunks[k])
            shared.finish(k)
            while ready < len(shared.chunks) and shared.results[ready] is not None:
                done += len(shared.chunks[ready])
                ready += 1
                if progress is not None:
                    progress(done)
        finished = True
    finally:
        shared.stop()
        if last or not finished:
            stop_workers(procs, kill=not finished)  # after an error here their chunks are of no use
    total = sum(map(len, shared.chunks))
    if progress is not None and done < total:
        progress(total)  # the last chunks were done by workers
    out: list[R] = []
    for r in shared.results:
        assert r is not None
        out.extend(r)
    return out


# Input files per reading chunk: about a quarter of a second of reading and cleaning pages.
READ_CHUNK_FILES = 8


def reader_in_processes(procs: Sequence[subprocess.Popen[bytes]], settings: Settings) -> ReadMany:
    """A ``read_many`` for :func:`newsbrief.read.readers.read_paths` that reads the files here and
    in the started workers ``procs`` (which stay up for the map stage); same records, same order."""
    from newsbrief.read.readers import read_files

    def read_many(files: list[InputFile]) -> list[list[Article | Skip]]:
        chunks = [files[i : i + READ_CHUNK_FILES] for i in range(len(files))[::READ_CHUNK_FILES]]
        shared: _Chunks[InputFile, list[Article | Skip]] = _Chunks("read", chunks)
        return _share(shared, procs, lambda chunk: read_files(chunk, settings), last=False)

    return read_many


def annotate_in_processes(
    articles: Sequence[Article],
    resources: Resources,
    workers: int,
    annotate_here: Callable[[Sequence[Article], Resources], list[AnnotatedArticle]],
    progress: Callable[[int], None] | None = None,
    started: Sequence[subprocess.Popen[bytes]] = (),
    sentence_facts: bool = False,
    partial: bool = False,
) -> list[AnnotatedArticle]:
    """Annotate ``articles`` in this process (with ``annotate_here`` and ``resources``) and in
    ``workers`` worker processes (models loaded from ``resources.settings``; ``started`` ones
    first, from :func:`start_early`); input order kept. The workers run ``mapstage.map_articles``
    with ``partial`` (``annotate_here`` should do the same here).

    ``progress`` hears the number of articles annotated so far (in input order) as chunks
    complete. A chunk a worker fails on is done again here, so its error is raised here.
    With ``sentence_facts`` each process also finds the sentence facts of its chunks
    (:func:`newsbrief.corpus.facts.compute_facts`, per-sentence work of the reduce stage), and
    they are handed to the memo here: the reduce stage, on one core, finds them there.
    """
    procs = list(started)[:workers]
    procs += [_start_worker(resources.settings) for _ in range(workers - len(procs))]
    mark = PARTIAL if partial else ""
    if not sentence_facts:
        chunks = chunk_articles(articles)
        shared: _Chunks[Article, AnnotatedArticle] = _Chunks("annotate" + mark, chunks, _weights(chunks))
        return _share(shared, procs, lambda chunk: annotate_here(chunk, resources), progress)
    from newsbrief.corpus import facts

    rules, unigrams = facts.summary_rules()

    def here(chunk: list[Article]) -> list[tuple[AnnotatedArticle, list[facts.FactRow]]]:
        done = annotate_here(chunk, resources)
        return list(zip(done, facts.compute_facts(done, rules, unigrams), strict=True))

    chunks = chunk_articles(articles)
    both: _Chunks[Article, tuple[AnnotatedArticle, list[facts.FactRow]]] = _Chunks("annotate+facts" + mark, chunks, _weights(chunks))
    out = _share(both, procs, here, progress)
    annotated = [a for a, _ in out]
    facts.prime_computed(annotated, [f for _, f in out], rules, unigrams)
    return annotated


def _weights(chunks: list[list[Article]]) -> list[int]:
    return [sum(len(a.body) for a in chunk) for chunk in chunks]


def _worker_main(requests: IO[bytes], replies: IO[bytes]) -> None:
    """The worker: read settings, then do each chunk it is sent: read files, or annotate articles
    (the models are loaded before the first of these: files to read come first, and reading
    them needs no model)."""
    from newsbrief.annotate.resources import Resources

    settings: Settings = pickle.load(requests)
    resources = Resources(settings)
    loaded = False
    while True:
        try:
            kind, chunk = pickle.load(requests)
        except EOFError:
            return
        if kind != "read" and not loaded:
            try:
                resources.nlp  # noqa: B018
                resources.embedder  # noqa: B018
            except Exception:  # noqa: BLE001 - the parent loads them too, and says what is wrong
                return
            loaded = True
        try:
            reply: tuple[bool, object] = (True, _do(kind, chunk, settings, resources))
        except Exception as exc:  # noqa: BLE001 - the parent redoes the chunk and reports the error
            reply = (False, repr(exc))
        pickle.dump(reply, replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()


def _do(kind: str, chunk: list[Any], settings: Settings, resources: Resources) -> list[Any]:
    """A worker's result for one chunk of a job of ``kind``."""
    from newsbrief.read.readers import read_files

    if kind == "read":
        return read_files(chunk, settings)
    # The map stage alone (not newsbrief.pipeline, whose reduce stages this process never runs).
    from newsbrief.annotate.mapstage import map_articles

    partial = kind.endswith(PARTIAL)
    kind = kind.removesuffix(PARTIAL)
    done = map_articles(chunk, resources, partial=partial)
    if kind == "annotate":
        return done
    from newsbrief.corpus import facts

    return list(zip(done, facts.compute_facts(done, *facts.summary_rules()), strict=True))


if __name__ == "__main__":
    # Replies go on a private copy of stdout; anything a library prints goes to stderr instead.
    _replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        _worker_main(sys.stdin.buffer, _replies)
    except (KeyboardInterrupt, BrokenPipeError):
        pass  # Ctrl-C reaches the whole process group; the parent says what happened
