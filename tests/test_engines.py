"""Engines: the Dask engine stores exactly what the local engine stores."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from conftest import slow_page
from newsbrief import pipeline
from newsbrief.config import Settings
from newsbrief.corpus.ingest import ingest_paths
from newsbrief.engines import EngineError, make_engine
from newsbrief.engines.dask import DaskEngine
from newsbrief.engines.local import LocalEngine, annotate_chunk
from newsbrief.models import AnnotatedArticle, Article, Skip
from newsbrief.read.readers import read_paths
from newsbrief.annotate.resources import Resources
from newsbrief.corpus.serialize import annotated_equal

# Every test here reads the seeds or DUC 2004 from ../shared.
pytestmark = pytest.mark.needs_shared
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_FILES = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
# Two DUC events, a few articles each (one file of d30026 is empty: a recorded skip).
DUC = SHARED / "bench" / "duc2004" / "docs"
DUC_FILES = [str(DUC / "d30026" / f"C{i}.txt") for i in (2, 3)] + [str(DUC / "d31022" / "C1.txt")]

COLUMNS = "fingerprint, article_id, path, title, published, lead, annotation, embeddings, story_id, vector"


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute(f"SELECT {COLUMNS} FROM articles ORDER BY seq").fetchall(),
            "stories": conn.execute("SELECT * FROM stories ORDER BY id").fetchall(),
            "term_df": conn.execute("SELECT * FROM term_df ORDER BY term").fetchall(),
            "skips": conn.execute("SELECT path, reason FROM skips ORDER BY path").fetchall(),
        }
    finally:
        conn.close()


@pytest.mark.slow
def test_dask_local_cluster_stores_what_the_local_engine_stores(tmp_path: Path, settings: Settings, resources: Resources) -> None:
    pytest.importorskip("distributed")
    # A page slow to extract (over a lowered max_extract_seconds) is one more skip on both engines.
    slow = tmp_path / "inventory.html"
    slow.write_text(slow_page(), encoding="utf-8")
    paths = SEED_FILES + DUC_FILES + [str(slow)]
    reading = dataclasses.replace(settings, max_extract_seconds=0.05)
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    ingest_paths(paths, local_db, reading, engine=LocalEngine(settings, resources), batch_size=4)
    # Two in-process workers keep the test quick; scheduling, chunking and transport are the real ones.
    engine = DaskEngine(settings, workers=2, processes=False, chunk_size=3)
    try:
        ingest_paths(paths, dask_db, reading, engine=engine, batch_size=4)
    finally:
        engine.close()
    local, dask = dump(local_db), dump(dask_db)
    assert len(local["articles"]) == len(paths) - 2 and len(local["stories"]) >= 2
    assert local["skips"] == dask["skips"] and len(local["skips"]) == 2
    assert (str(slow), "extraction took over 0.05 s, skipped (max_extract_seconds); give the article's text as .txt, or raise max_extract_seconds") in local["skips"]
    assert local == dask


@pytest.mark.slow
def test_batched_and_one_by_one_annotation_agree(settings: Settings, resources: Resources) -> None:
    articles, _ = read_paths([DUC_FILES[0], DUC_FILES[2]], settings)
    batched = annotate_chunk(articles, resources)
    for a, b in zip(articles, batched, strict=True):
        assert isinstance(b, AnnotatedArticle)
        assert annotated_equal(pipeline.annotate_article(a, resources), b)


def test_an_article_that_fails_becomes_a_skip_and_the_rest_go_through(monkeypatch: pytest.MonkeyPatch, settings: Settings, resources: Resources) -> None:
    articles, _ = read_paths(SEED_FILES[:3], settings)
    bad = articles[1].id
    real = pipeline.annotate_article

    def flaky(article: Article, res: Resources) -> AnnotatedArticle:
        if article.id == bad:
            raise ValueError("broken parse")
        return real(article, res)

    def batch_fails(*_: object, **__: object) -> list[AnnotatedArticle]:
        raise ValueError("broken parse")

    monkeypatch.setattr(pipeline, "annotate_article", flaky)
    monkeypatch.setattr(pipeline, "annotate_articles", batch_fails)
    out = annotate_chunk(articles, resources)
    assert [isinstance(r, Skip) for r in out] == [False, True, False]
    skip = out[1]
    assert isinstance(skip, Skip) and "broken parse" in skip.reason and bad in skip.reason


def test_engine_choices_fail_fast_with_a_fix(settings: Settings) -> None:
    with pytest.raises(EngineError, match="choose one of: local, dask"):
        make_engine("spark", settings)
    with pytest.raises(EngineError, match="--engine dask"):
        make_engine("local", settings, scheduler="tcp://127.0.0.1:8786")
