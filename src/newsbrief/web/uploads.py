"""Articles added from the page: dropped files and pasted text, ingested as ``newsbrief ingest`` does.

Uploads are saved under ``<db>.uploads/<job>/`` beside the database and handed to
:func:`newsbrief.corpus.ingest.ingest_paths` by one background worker, one job at a time (the
models load once, on the first job). Every input that cannot be used comes back as a named skip
from the same readers the command line uses; a job never takes the server down.
"""

from __future__ import annotations

import itertools
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.config import Settings
from newsbrief.models import Skip

# Per request: what a browser may send in one upload (bytes) and how many files.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 50
MAX_NAME = 80


def safe_name(name: str, fallback: str) -> str:
    """A file name that stays inside the job folder: the last path part, odd characters replaced."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\-]+", "_", base).lstrip(".")[:MAX_NAME]
    return base or fallback


@dataclass
class Job:
    """One upload's ingest, as the progress fragment shows it."""

    id: int
    folder: Path
    files: list[str]
    state: str = "queued"  # queued, running, done, failed
    lines: list[str] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    added: int = 0
    duplicates: int = 0
    stories: list[int] = field(default_factory=list)
    error: str | None = None
    started: float = field(default_factory=time.monotonic)

    def elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.0f} s"


class Uploads:
    """Saves uploads and ingests them on one worker thread."""

    def __init__(self, db: Path, settings: Settings):
        self.db = db
        self.settings = settings
        self.root = db.with_name(db.name + ".uploads")
        self.jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._engine: Any = None
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def save(self, files: list[tuple[str, bytes]], pasted: list[tuple[str, str]]) -> Job:
        """Write the inputs to a new job folder and queue the job."""
        job_id = next(self._ids)
        folder = self.root / f"{time.strftime('%Y%m%d-%H%M%S')}-{job_id}"
        folder.mkdir(parents=True, exist_ok=True)
        names: list[str] = []
        for i, (name, data) in enumerate(files, start=1):
            target = folder / safe_name(name, f"upload-{i}")
            while target.exists() or target.name in names:
                target = target.with_name(f"{i}-{target.name}")
            target.write_bytes(data)
            names.append(target.name)
        for i, (title, text) in enumerate(pasted, start=1):
            target = folder / f"pasted-{i}.txt"
            target.write_text((title.strip() + "\n\n" if title.strip() else "") + text, encoding="utf-8")
            names.append(target.name)
        job = Job(job_id, folder, names)
        with self._lock:
            self.jobs[job_id] = job
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="newsbrief-uploads", daemon=True)
                self._worker.start()
        self._queue.put(job)
        return job

    def close(self) -> None:
        """Let the worker finish its job and stop."""
        self._queue.put(None)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            self._ingest(job)

    def _ingest(self, job: Job) -> None:
        from newsbrief.corpus.ingest import ingest_paths
        from newsbrief.engines.local import LocalEngine

        job.state = "running"
        job.lines.append(f"reading {len(job.files)} input{'s' if len(job.files) != 1 else ''}")
        try:
            if self._engine is None:
                job.lines.append("loading the language models (once per server)")
                self._engine = LocalEngine(self.settings)
            report = ingest_paths(
                [str(job.folder)],
                self.db,
                self.settings,
                engine=self._engine,
                progress=job.lines.append,
                on_skip=job.skips.append,
                # The store's one-writer lock: while `newsbrief ingest` writes, the job says so and waits.
                on_wait=job.lines.append,
            )
            job.added, job.duplicates = report.articles_added, report.duplicates
            job.stories = sorted(report.stories_touched)
            job.state = "done"
        except Exception as exc:  # noqa: BLE001 - shown on the page; the server keeps running
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = "failed"
