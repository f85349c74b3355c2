"""The map stage across processes gives what one process gives, bit for bit, in input order."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import read_seeds_and_duc
from newsbrief import pipeline
from newsbrief.annotate import parallel
from newsbrief.annotate.resources import Resources
from newsbrief.config import Settings
from newsbrief.corpus.serialize import annotated_equal
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.read.readers import read_paths

pytestmark = pytest.mark.needs_shared
SHARED = Path(__file__).resolve().parents[2] / "shared"
DUC = SHARED / "bench" / "duc2004" / "docs"


@pytest.fixture(scope="module")
def articles(settings: Settings) -> list[Article]:
    """The seeds and two DUC events: 20-odd real articles of different sources."""
    found = read_seeds_and_duc(settings, ("d30026", "d31022"))
    assert len(found) >= 20
    return found


def test_chunks_keep_every_article_once_in_order(articles: list[Article]) -> None:
    chunks = parallel.chunk_articles(articles, max_chars=5_000)
    assert [a.id for c in chunks for a in c] == [a.id for a in articles]
    assert len(chunks) > 3
    # A chunk holds at most max_chars, unless one article alone is longer.
    assert all(len(c) == 1 or sum(len(a.body) for a in c) <= 5_000 for c in chunks)


def test_chunks_bounded_by_count_too_hold_at_most_that_many_articles(articles: list[Article]) -> None:
    # The in-process annotate stage bounds spaCy's batches by count as well as characters.
    chunks = parallel.chunk_articles(articles, max_chars=10**9, max_count=3)
    assert [a.id for c in chunks for a in c] == [a.id for a in articles]
    assert [len(c) for c in chunks] == [3] * (len(articles) // 3) + ([len(articles) % 3] if len(articles) % 3 else [])


def test_worker_processes_annotate_as_one_process_does(
    articles: list[Article], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = pipeline.annotate_articles(articles, resources)
    # Small chunks, so both this process and the worker get several; the longer ones are heavy
    # (done first, one at a time): the result is in input order all the same.
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 4_000)
    monkeypatch.setattr(parallel, "HEAVY_CHARS", 3_000)
    assert 0 < sum(w >= 3_000 for w in parallel._weights(parallel.chunk_articles(articles, 4_000))) < 20
    done_here: list[int] = []

    def here(chunk: Sequence[Article], res: Resources) -> list[AnnotatedArticle]:
        done_here.append(len(chunk))
        return pipeline.annotate_articles(chunk, res)

    told: list[int] = []
    shared = parallel.annotate_in_processes(articles, resources, 1, here, told.append)
    assert [a.article.id for a in shared] == [a.id for a in articles]
    assert all(annotated_equal(x, y) for x, y in zip(alone, shared, strict=True))
    assert 0 < sum(done_here) < len(articles), "the worker did some chunks, this process the others"
    assert told == sorted(told) and told[-1] == len(articles)


def test_heavy_chunks_go_first_largest_first_and_one_at_a_time() -> None:
    weights = [10, 50_000, 20, 90_000, 30, 60_000]
    shared: parallel._Chunks[int, int] = parallel._Chunks("annotate", [[k] for k in range(6)], weights)
    first = shared.take()
    assert first == 3  # the largest heavy chunk
    # While it is being done, the others get light chunks, in order.
    assert [shared.take(), shared.take()] == [0, 2]
    shared.finish(3)
    assert shared.take() == 5 and shared.take() == 4  # the next heavy one, then light again
    shared.finish(5)
    assert shared.take() == 1 and shared.take() is None
    # Only heavy chunks left while one is being done: taken all the same (no core left idle).
    both: parallel._Chunks[int, int] = parallel._Chunks("annotate", [[0], [1]], [50_000, 40_000])
    assert [both.take(), both.take(), both.take()] == [0, 1, None]
    # Without weights (reading files): in order.
    plain: parallel._Chunks[int, int] = parallel._Chunks("read", [[0], [1], [2]])
    assert [plain.take(), plain.take(), plain.take(), plain.take()] == [0, 1, 2, None]


def test_a_worker_that_dies_leaves_its_chunks_here(
    articles: list[Article], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dead(settings: Settings) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.stdin.buffer.read(1)"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    monkeypatch.setattr(parallel, "_start_worker", dead)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 4_000)
    some = articles[:8]
    out = parallel.annotate_in_processes(some, resources, 1, pipeline.annotate_articles)
    alone = pipeline.annotate_articles(some, resources)
    assert all(annotated_equal(x, y) for x, y in zip(alone, out, strict=True))


def test_small_inputs_stay_in_one_process(articles: list[Article]) -> None:
    assert not parallel.worth_parallel(articles[:3], 2)
    assert not parallel.worth_parallel(articles, 1)


def test_workers_start_early_only_for_large_inputs(tmp_path: Path, settings: Settings) -> None:
    small = tmp_path / "small"
    small.mkdir()
    (small / "a.txt").write_text("A short page.\n", encoding="utf-8")
    assert parallel.start_early([str(small)], settings, 2) == []
    big = tmp_path / "big"
    big.mkdir()
    for i in range(4):
        (big / f"{i}.txt").write_bytes(b"x" * (parallel.EARLY_START_BYTES // 3))
    assert parallel.input_bytes([str(big)], 10**9) == 4 * (parallel.EARLY_START_BYTES // 3)
    assert parallel.start_early([str(big)], settings, 1) == []
    procs = parallel.start_early([str(big)], settings, 2)
    try:
        assert len(procs) == 1 and procs[0].poll() is None
    finally:
        parallel.stop_workers(procs, kill=True)
    assert procs[0].returncode is not None


def test_workers_read_files_as_this_process_does_and_then_annotate(
    tmp_path: Path, settings: Settings, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Real pages, a byte-identical copy, an empty file and an unsupported one among them: the same
    # articles and the same skips in the same order, whichever process read which file.
    folder = tmp_path / "in"
    folder.mkdir()
    pages = sorted((SHARED / "seeds").glob("*.txt")) + sorted((DUC / "d30026").glob("*.txt"))
    for i, p in enumerate(pages):
        (folder / f"{i:03d}-{p.name}").write_bytes(p.read_bytes())
    (folder / "500-copy.txt").write_bytes(pages[0].read_bytes())
    (folder / "501-empty.txt").write_bytes(b"")
    (folder / "502-slides.pdf").write_bytes(b"%PDF-1.4")
    alone, alone_skipped = read_paths([str(folder)], settings)
    monkeypatch.setattr(parallel, "READ_CHUNK_FILES", 2)
    procs = [parallel._start_worker(settings)]
    try:
        told: list[str] = []
        shared, shared_skipped = read_paths(
            [str(folder)], settings, on_skip=lambda s: told.append(s.path), read_many=parallel.reader_in_processes(procs, settings)
        )
        assert shared == alone and shared_skipped == alone_skipped
        assert told == [s.path for s in alone_skipped]
        assert {Path(t).name for t in told} >= {"500-copy.txt", "501-empty.txt", "502-slides.pdf"}
        assert procs[0].poll() is None, "the worker stays up for the map stage"
        # The same worker then annotates its share.
        monkeypatch.setattr(parallel, "CHUNK_CHARS", 4_000)
        out = parallel.annotate_in_processes(shared[:8], resources, 1, pipeline.annotate_articles, started=procs)
        assert all(annotated_equal(x, y) for x, y in zip(pipeline.annotate_articles(shared[:8], resources), out, strict=True))
    finally:
        parallel.stop_workers(procs, kill=True)


def test_a_worker_that_dies_leaves_its_files_to_read_here(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.buffer.read(1)"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    monkeypatch.setattr(parallel, "READ_CHUNK_FILES", 1)
    paths = sorted(str(p) for p in (DUC / "d30026").glob("*.txt"))
    try:
        out = read_paths(paths, settings, read_many=parallel.reader_in_processes([dead], settings))
    finally:
        parallel.stop_workers([dead], kill=True)
    assert out == read_paths(paths, settings)


def test_with_sentence_facts_each_process_leaves_its_articles_facts_in_the_memo(
    articles: list[Article], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbrief.corpus import facts
    from newsbrief.story.quantities import scan_quantities
    from newsbrief.summary.candidates import judge_versions, versions_kind
    from newsbrief.textmemo import MEMO

    some = articles[:10]
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 4_000)
    MEMO.clear()
    done_here: list[int] = []

    def here(chunk: Sequence[Article], res: Resources) -> list[AnnotatedArticle]:
        done_here.append(len(chunk))
        return pipeline.annotate_articles(chunk, res)

    out = parallel.annotate_in_processes(some, resources, 1, here, sentence_facts=True)
    assert all(annotated_equal(x, y) for x, y in zip(pipeline.annotate_articles(some, resources), out, strict=True))
    assert 0 < sum(done_here) < len(some), "facts came from both processes"
    rules, unigrams = facts.summary_rules()

    def missing(text: str) -> object:
        raise AssertionError(f"not in the memo: {text!r}")

    texts = [s.text for a in out for s in a.sentences]
    assert len(texts) > 100
    for text in texts:
        assert MEMO.get(versions_kind(rules, unigrams), text, missing) == judge_versions(text, rules, unigrams)
        assert MEMO.get("quantities/keyed", text, missing) == scan_quantities(text, False)
    MEMO.clear()
