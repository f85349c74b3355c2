"""Corpus mode: the library calls behind ``newsbrief ingest`` (and ``watch``/``fetch``).

* :func:`ingest_paths` reads, cleans and annotates every new article under some paths, files it
  into its story (:mod:`newsbrief.corpus.clustering`) and stores it (:mod:`newsbrief.corpus.store`), one
  transaction per batch. Files already ingested and unchanged are not read again; articles already
  stored (same content fingerprint) are not annotated again; a killed run resumes where it stopped.
* :func:`ingest_articles` does the same for Articles already in memory (``newsbrief watch`` and
  ``fetch``), telling the caller, inside each batch's transaction, what became of every input.

Reading a database back (``newsbrief stories``, ``brief --db``) is :mod:`newsbrief.corpus.catalog`.
"""

from __future__ import annotations

import sqlite3
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Literal, TypedDict, Unpack

from newsbrief.annotate.embedder_identity import identify_embedder
from newsbrief.config import Settings
from newsbrief.plural import count
from newsbrief.corpus import DEFAULT_BATCH_SIZE
from newsbrief.engines import Annotated, Engine
from newsbrief.models import Article, Skip
from newsbrief.read.paths import InputFile, expand_paths
from newsbrief.read.readers import read_file
from newsbrief.corpus.clustering import StoryIndex, StoryParams
from newsbrief.corpus.features import ArticleFeatures, describe_article
from newsbrief.corpus.checks import explain_database_error
from newsbrief.corpus.embedder_record import check_embedder
from newsbrief.corpus.store import BUSY_TIMEOUT_S, Store, fingerprint
from newsbrief.corpus.storypairs import fill_story_pairs


Progress = Callable[[str], None]
OnSkip = Callable[[Skip], None]


@dataclass(frozen=True)
class Outcome:
    """What became of one input of :func:`ingest_articles`, named by the caller's ``key``."""

    key: str
    status: Literal["stored", "duplicate", "skipped"]
    fingerprint: str | None = None
    reason: str | None = None


# Called inside the transaction that stores the batch, so the caller's own records of these inputs
# commit (or roll back) with the articles.
OnOutcomes = Callable[[Sequence[Outcome]], None]


class IngestOptions(TypedDict, total=False):
    """The keyword options :func:`ingest_paths` and :func:`ingest_articles` share (all optional)."""

    # Runs the annotation; default: a local engine, made for the run and closed after it.
    engine: Engine | None
    # Articles per transaction (default DEFAULT_BATCH_SIZE).
    batch_size: int
    # The story clustering's parameters (default StoryParams()).
    params: StoryParams | None
    # Gets a progress line now and then.
    progress: Progress | None
    # Gets every skipped input, as it is met.
    on_skip: OnSkip | None


@dataclass
class StoreTally:
    """What a run did to the stories: the counts an ingest and a ``watch`` pass both keep."""

    duplicates: int = 0
    skipped: int = 0
    stories_touched: set[int] = field(default_factory=set)
    seconds: float = 0.0

    def add_tally(self, other: StoreTally) -> None:
        """Count ``other``'s duplicates, skips and stories in too (not its time)."""
        self.duplicates += other.duplicates
        self.skipped += other.skipped
        self.stories_touched |= other.stories_touched


@dataclass
class IngestReport(StoreTally):
    """What one ingest did."""

    files_read: int = 0
    files_unchanged: int = 0
    articles_read: int = 0
    articles_added: int = 0
    # Of the duplicates, texts met under a path other than the stored article's (recorded as its copies).
    copies: int = 0


@dataclass
class _FileState:
    key: str
    size: int
    mtime_ns: int
    pending: int = 0
    articles: int = 0
    fully_read: bool = False
    # A page of the file was skipped for a settings limit: the file is not marked done.
    retry: bool = False

    def finished(self) -> bool:
        """Whether every article of the file is read and stored, and nothing asks for a re-read."""
        return self.fully_read and self.pending == 0 and self.size >= 0 and not self.retry


@dataclass
class _Pending:
    article: Article
    fp: str
    file: _FileState | None
    key: str | None = None


def _version() -> str:
    try:
        return metadata.version("newsbrief")
    except metadata.PackageNotFoundError:
        return "unknown"


def _stat(f: InputFile) -> tuple[str, int, int] | None:
    try:
        st = f.path.stat()
        return str(f.path.resolve()), st.st_size, st.st_mtime_ns
    except OSError:
        return None  # read_file reports why


class _Ingest:
    """State of one ingest run (see :func:`ingest_paths`)."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        options: IngestOptions,
        on_outcomes: OnOutcomes | None = None,
    ):
        unknown = sorted(set(options) - set(IngestOptions.__annotations__))
        if unknown:
            raise TypeError(f"unknown ingest option(s): {', '.join(unknown)}")
        self.batch_size = options.get("batch_size", DEFAULT_BATCH_SIZE)
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        self.store = store
        self.on_outcomes = on_outcomes
        self.outcomes: list[Outcome] = []
        self.settings = settings
        self.params = options.get("params") or StoryParams()
        self.progress = options.get("progress")
        self.on_skip = options.get("on_skip")
        self.version = _version()
        # The embedder the settings name; a database another embedder's vectors are in is refused
        # here, before any input is read (and again under the write lock, as each article is stored).
        self.embedder = identify_embedder(settings)
        check_embedder(store.conn, store.path, self.embedder, doing="nothing was read or written")
        # The story index mirrors the stories of the file; it is (re)loaded under the write lock
        # whenever another writer committed since this run last wrote (see sync_index).
        self.index: StoryIndex | None = None
        self.data_version = -1
        self.report = IngestReport()
        self.queue: deque[list[_Pending]] = deque()
        self.done_files: list[_FileState] = []
        self.skips: list[Skip] = []
        self.seen: set[str] = set()
        self.pending_copies: list[tuple[str, str, str, _FileState | None]] = []  # (fingerprint, path, article id, file)
        self.start = time.monotonic()

    def sync_index(self) -> StoryIndex:
        """The story index, loaded again from the file when another writer changed it (call
        inside a transaction, so that reading the stories and writing the batch are one step)."""
        version = self.store.data_version()
        if self.index is None or version != self.data_version:
            df, documents = self.store.load_term_df()
            self.index = StoryIndex(self.store.load_story_states(), df, documents, self.params)
            # Never reuse the id of a story that was merged away: old links still point at it.
            self.index.next_id = max(self.index.next_id, self.store.max_story_id() + 1)
            self.restore_window(self.index)
            self.data_version = version
        return self.index

    def restore_window(self, index: StoryIndex) -> None:
        """Give the index back the window an earlier run left (the last articles it filed), so a
        stream ingested over several runs is filed as one run would file it."""
        recent = self.store.recent_filed(index.window_size())
        if not recent:
            return
        first = recent[0][0]
        feats = [(describe_article(seq, self.store.load_annotated(seq), self.params), sid) for seq, sid in recent]
        spans = {sid: self.store.story_span_before(sid, first) for sid in sorted({sid for _, sid in recent})}
        index.restore_window(feats, spans)

    def skip(self, s: Skip, key: str | None = None) -> None:
        self.skips.append(s)
        self.report.skipped += 1
        if self.on_skip is not None:
            self.on_skip(s)
        if key is not None:
            self.outcomes.append(Outcome(key, "skipped", reason=s.reason))

    def take(self, article: Article, file: _FileState | None, key: str | None) -> _Pending | None:
        """The article as pending work, or None when it is already stored (or met in this run)."""
        self.report.articles_read += 1
        fp = fingerprint(article)
        if fp in self.seen or self.store.has_fingerprint(fp):
            self.report.duplicates += 1
            if key is not None:
                self.outcomes.append(Outcome(key, "duplicate", fingerprint=fp))
            # Kept as a path of the stored article once that is committed (see flush); till
            # then its file is not done, so a killed run reads it again.
            if file is not None:
                file.pending += 1
            self.pending_copies.append((fp, article.path, article.id, file))
            return None
        self.seen.add(fp)
        return _Pending(article, fp, file, key)

    def article_batches(self, items: Iterable[tuple[str, Article | Skip]]) -> Iterator[list[Article]]:
        """Batches of the new articles among ``items`` (key, Article or Skip); see ingest_articles."""
        current: list[_Pending] = []
        for key, r in items:
            if isinstance(r, Skip):
                self.skip(r, key)
                continue
            p = self.take(r, None, key)
            if p is None:
                continue
            current.append(p)
            if len(current) >= self.batch_size:
                self.queue.append(current)
                yield [q.article for q in current]
                current = []
        if current:
            self.queue.append(current)
            yield [q.article for q in current]

    def batches(self, paths: Sequence[str | Path]) -> Iterator[list[Article]]:
        """Read the inputs and yield batches of new articles (their metadata goes to ``queue``)."""
        listing_skips: list[Skip] = []
        files = expand_paths(paths, listing_skips)
        for s in listing_skips:
            self.skip(s)
        current: list[_Pending] = []
        for f in files:
            st = _stat(f)
            if st is not None and self.store.file_done(*st):
                self.report.files_unchanged += 1
                continue
            state = _FileState(*(st or (str(f.path), -1, -1)))
            self.report.files_read += 1
            try:
                results = list(read_file(f, self.settings))
            except Exception as exc:  # noqa: BLE001 - one bad file must never stop the run
                results = [Skip(str(f.path), f"could not be read ({type(exc).__name__}: {exc}); please report this file")]
            for r in results:
                if isinstance(r, Skip):
                    state.retry = state.retry or r.retry
                    self.skip(r)
                    continue
                p = self.take(r, state, None)
                if p is None:
                    continue
                state.pending += 1
                state.articles += 1
                current.append(p)
                if len(current) >= self.batch_size:
                    self.queue.append(current)
                    yield [p.article for p in current]
                    current = []
            state.fully_read = True
            if state.finished():  # a file without a stat has size -1: never finished
                self.done_files.append(state)
        if current:
            self.queue.append(current)
            yield [p.article for p in current]

    def store_batch(self, results: Sequence[Annotated]) -> None:
        """Store one annotated batch, file it into stories, and commit."""
        pending = self.queue.popleft()
        with self.store.transaction():
            feats: list[ArticleFeatures] = []
            for p, r in zip(pending, results, strict=True):
                if p.file is not None:
                    p.file.pending -= 1
                    p.file.retry = p.file.retry or (isinstance(r, Skip) and r.retry)
                    if p.file.finished():
                        self.done_files.append(p.file)
                if isinstance(r, Skip):
                    self.skip(r, p.key)
                    continue
                if self.store.has_fingerprint(p.fp):  # another writer stored it since it was read
                    self.report.duplicates += 1
                    if p.key is not None:
                        self.outcomes.append(Outcome(p.key, "duplicate", fingerprint=p.fp))
                    continue
                seq = self.store.add_article(r, p.fp, self.version, embedder=self.embedder)
                feats.append(describe_article(seq, r, self.params))
                self.report.articles_added += 1
                if p.key is not None:
                    self.outcomes.append(Outcome(p.key, "stored", fingerprint=p.fp))
            self.cluster(feats)
            self.flush()
        self.tell()

    def cluster(self, feats: Sequence[ArticleFeatures]) -> None:
        """File stored articles into stories and save what changed (inside the transaction)."""
        if not feats:
            return
        index = self.sync_index()
        result = index.add_batch(feats)
        for sid in sorted(result.touched):
            self.store.save_story(index.stories[sid])
        for absorbed, target in sorted(result.merged.items()):
            self.store.merge_story(absorbed, target)
        by_story: dict[int, list[int]] = {}
        for key, sid in result.assigned.items():
            by_story.setdefault(sid, []).append(key)
        for sid, seqs in sorted(by_story.items()):
            self.store.set_story(sorted(seqs), sid)
        self.store.set_vectors([(f.key, f.vector) for f in feats])
        self.store.add_term_df(Counter(t for f in feats for t in f.terms), len(feats))
        for sid in sorted(result.touched):
            self.store.refresh_story_summary(sid)
        self.report.stories_touched |= result.touched

    def flush(self) -> None:
        """Record copies, finished files and skips (inside the transaction)."""
        waiting = []
        for fp, path, aid, state in self.pending_copies:
            if not self.store.has_fingerprint(fp):
                waiting.append((fp, path, aid, state))  # its original is in a batch not stored yet
                continue
            self.report.copies += self.store.add_copy(fp, path, aid)
            if state is None:
                continue
            state.pending -= 1
            if state.finished():
                self.done_files.append(state)
        self.pending_copies = waiting
        for f in self.done_files:
            self.store.mark_file_done(f.key, f.size, f.mtime_ns, f.articles)
        self.done_files = []
        for s in self.skips:
            self.store.add_skip(s)
        self.skips = []
        if self.outcomes and self.on_outcomes is not None:
            self.on_outcomes(self.outcomes)
        self.outcomes = []

    def cluster_unassigned(self) -> None:
        """File articles stored without a story (a database from before schema 2) into stories."""
        seqs = self.store.articles_without_story()
        for i in range(0, len(seqs), self.batch_size):
            with self.store.transaction():
                feats = [describe_article(s, self.store.load_annotated(s), self.params) for s in seqs[i : i + self.batch_size]]
                self.cluster(feats)

    def tell(self) -> None:
        notes, self.store.notes[:] = list(self.store.notes), []
        if self.progress is None:
            return
        for note in notes:
            self.progress(note)
        r = self.report
        elapsed = time.monotonic() - self.start
        rate = r.articles_added / elapsed if elapsed > 0 else 0.0
        self.progress(
            f"{count(r.articles_added, 'new article')} stored ({rate:.1f}/s), {r.duplicates} already stored, "
            f"{r.skipped} skipped, {count(len(self.index.stories) if self.index else 0, 'story', 'stories')}"
        )


def ingest_paths(
    paths: Sequence[str | Path],
    db: str | Path,
    settings: Settings,
    *,
    on_wait: Progress | None = None,
    write_wait_s: float = BUSY_TIMEOUT_S,
    **options: Unpack[IngestOptions],
) -> IngestReport:
    """Ingest every new article under ``paths`` into the database ``db`` (created if missing).

    ``options`` (:class:`IngestOptions`): the engine, batch size, clustering parameters and
    callbacks. Returns counts of what was done; skipped inputs go to ``on_skip`` and to the
    database's ``skips`` table.

    Several processes may ingest into one file at once: reading and annotating run in parallel,
    and each batch is filed into the stories and written under the file's write lock, against the
    stories as the other writers left them. A run that waits for the lock says so through
    ``on_wait``; after ``write_wait_s`` seconds it gives up with a StoreError.
    """
    with Store(db, on_wait=on_wait, write_wait_s=write_wait_s) as store:
        run = _Ingest(store, settings, options)
        return _finish(run, options.get("engine"), lambda: run.batches(paths))


def ingest_articles(
    items: Iterable[tuple[str, Article | Skip]],
    store: Store,
    settings: Settings,
    *,
    on_outcomes: OnOutcomes | None = None,
    **options: Unpack[IngestOptions],
) -> IngestReport:
    """Ingest Articles already in memory into the open ``store``, exactly as :func:`ingest_paths`
    ingests files: same fingerprints, batches, stories and transactions.

    ``items`` are (key, Article or Skip) pairs, consumed lazily (so they may be fetched as they are
    needed); a Skip is recorded like a skipped file. ``on_outcomes`` gets, inside the transaction
    that stores each batch, what became of each key: stored, duplicate (same text already stored)
    or skipped (with the reason).
    """
    run = _Ingest(store, settings, options, on_outcomes)
    return _finish(run, options.get("engine"), lambda: run.article_batches(items))


def _finish(run: _Ingest, engine: Engine | None, batches: Callable[[], Iterator[list[Article]]]) -> IngestReport:
    """Annotate and store every batch, then record what is left (finished files, skips, outcomes)."""
    own = engine is None
    if engine is None:
        from newsbrief.engines.local import LocalEngine

        engine = LocalEngine(run.settings)
    try:
        try:
            run.cluster_unassigned()
            for results in engine.annotate_batches(batches()):
                run.store_batch(results)
            with run.store.transaction():
                run.flush()
            # The stories this run changed get their pool pairs now, not at their next brief.
            fill_story_pairs(run.store, run.report.stories_touched, run.settings, run.progress)
        except sqlite3.DatabaseError as exc:
            raise explain_database_error(run.store.path, exc) from exc
        run.report.seconds = time.monotonic() - run.start
        return run.report
    finally:
        if own:
            engine.close()
