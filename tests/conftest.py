"""Shared fixtures: paths to ../shared data and models loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.config import Settings, load_settings
from newsbrief.annotate.resources import Resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def resources(settings: Settings) -> Resources:
    return Resources(settings)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: the shared data must sit beside the project root")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_annotated(seeds_dir: Path, settings: Settings, resources: Resources) -> list:  # type: ignore[type-arg]
    """The five seed articles read, cleaned and annotated by the real pipeline (once per session)."""
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    articles, _ = read_paths(sorted(str(p) for p in seeds_dir.glob("*.txt")), settings)
    return annotate_articles(articles, resources)


@pytest.fixture(scope="session")
def seeds_brief(seeds_annotated: list, settings: Settings):  # type: ignore[no-untyped-def, type-arg]
    """The full Brief of the five seed articles (read, annotate, build)."""
    from newsbrief.pipeline import build_brief

    return build_brief(seeds_annotated, settings)


@pytest.fixture(scope="session")
def gold() -> dict:  # type: ignore[type-arg]
    import json

    return json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))


ROOT_DEMO = ROOT / "examples" / "demo"
HOSTILE_INPUTS = ROOT / "tests" / "fixtures" / "inputs"


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings, resources: Resources) -> Path:
    """A small corpus database (the fictional demo and the hostile fixtures), ingested once per
    session; tests that change it work on a copy (:func:`desk_db_copy`)."""
    from newsbrief.corpus.ingest import ingest_paths
    from newsbrief.engines.local import LocalEngine

    db = tmp_path_factory.mktemp("desk") / "desk.db"
    ingest_paths([str(ROOT_DEMO), str(HOSTILE_INPUTS)], db, settings, engine=LocalEngine(settings, resources))
    return db


@pytest.fixture()
def desk_db_copy(desk_db: Path, tmp_path: Path) -> Path:
    """A private copy of :func:`desk_db` (with its WAL content checkpointed in)."""
    import sqlite3

    target = tmp_path / "desk.db"
    src = sqlite3.connect(desk_db)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target
