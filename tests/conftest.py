"""Shared fixtures and builders: the models and the annotated test stories, each built once per
session; markers ``slow`` and ``needs_shared`` (see pyproject.toml).

Builders are fixtures (factories where a test gives the input): a test names what it needs in its
arguments and never imports a helper module. The seeds' answer key and the fictional fixture
stories are read by ``benchmarks/story_fixtures.py``, which benchmarks/sources.py uses too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import story_fixtures  # benchmarks/, on the pytest path (pyproject.toml)

from newsbrief.annotate.resources import Resources
from newsbrief.config import Settings, load_settings
from newsbrief.models import AnnotatedArticle, Article, Brief, Sentence

ROOT = Path(__file__).resolve().parents[1]
SHARED = story_fixtures.SHARED
SEEDS = story_fixtures.SEEDS
DEMO = ROOT / "examples" / "demo"

# Fixtures that read ../shared: a test using any of them needs it.
SHARED_FIXTURES = {"seeds_dir", "seeds_annotated", "seeds_brief", "gold", "gold_seed_articles", "gold_seeds", "shared_dir"}
# Fixtures that load the models (spaCy, the embedder) or ingest a corpus: a test using any is slow.
MODEL_FIXTURES = {"resources", "seeded_db", "corpus", "demo_runs", "messy_folder", "float_embedder"}


# --------------------------------------------------------------------------- markers


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``fixture_story_name``: each fictional fixture story; ``labelled_story_name``: those and the
    seeds (every story with an answer key)."""
    if "fixture_story_name" in metafunc.fixturenames:
        metafunc.parametrize("fixture_story_name", story_fixtures.list_fixture_stories())
    if "labelled_story_name" in metafunc.fixturenames:
        metafunc.parametrize("labelled_story_name", ["seeds", *story_fixtures.list_fixture_stories()])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what the fixtures imply; skip ``needs_shared`` tests, naming the path, when the shared
    data is not beside the project root."""
    missing = not SHARED.is_dir()
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if names & SHARED_FIXTURES or params.get("labelled_story_name") == "seeds":
            item.add_marker(pytest.mark.needs_shared)
        if names & MODEL_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if missing and item.get_closest_marker("needs_shared"):
            item.add_marker(pytest.mark.skip(reason=f"needs the shared data at {SHARED}, which is missing"))


# --------------------------------------------------------------------------- models and data


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def resources(settings: Settings) -> Resources:
    """The models (spaCy, the embedder), loaded once for the whole session."""
    return Resources(settings)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared: the seeds, DUC 2004 and Timeline17 beside the project root."""
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The hand-made gold of the five seed articles."""
    return story_fixtures.load_gold()


@pytest.fixture(scope="session")
def answer_keys() -> ModuleType:
    """How the stories with an answer key are loaded and scored (benchmarks/story_fixtures.py)."""
    return story_fixtures


@pytest.fixture(scope="session")
def seeds_annotated(seeds_dir: Path, settings: Settings, resources: Resources) -> list[AnnotatedArticle]:
    """The five seed articles read, cleaned and annotated by the real pipeline."""
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    articles, _ = read_paths(sorted(str(p) for p in seeds_dir.glob("*.txt")), settings)
    return annotate_articles(articles, resources)


@pytest.fixture(scope="session")
def seeds_brief(seeds_annotated: list[AnnotatedArticle], settings: Settings) -> Brief:
    """The full Brief of the five seed articles (read, annotate, build)."""
    from newsbrief.pipeline import build_brief

    return build_brief(seeds_annotated, settings)


@pytest.fixture(scope="session")
def gold_seed_articles() -> list[Article]:
    """The seed articles rebuilt from the lines the gold marks as body (no cleaning step)."""
    return story_fixtures.build_seed_articles()


@pytest.fixture(scope="session")
def annotate_story(resources: Resources) -> Callable[[Sequence[Article]], list[AnnotatedArticle]]:
    """The real map stage on some articles."""
    from newsbrief.pipeline import annotate_articles

    return lambda articles: annotate_articles(list(articles), resources)


@pytest.fixture(scope="session")
def gold_seeds(
    gold_seed_articles: list[Article], annotate_story: Callable[[Sequence[Article]], list[AnnotatedArticle]]
) -> tuple[AnnotatedArticle, ...]:
    """The gold-body seed articles through the real map stage."""
    return tuple(annotate_story(gold_seed_articles))


@pytest.fixture(scope="session")
def fixture_story(
    annotate_story: Callable[[Sequence[Article]], list[AnnotatedArticle]],
) -> Callable[[str], tuple[AnnotatedArticle, ...]]:
    """A fictional fixture story (tests/fixtures/sources) by name, annotated once."""
    done: dict[str, tuple[AnnotatedArticle, ...]] = {}

    def load(name: str) -> tuple[AnnotatedArticle, ...]:
        if name not in done:
            done[name] = tuple(annotate_story(story_fixtures.build_fixture_articles(name)))
        return done[name]

    return load


@pytest.fixture(scope="session")
def demo_annotated(settings: Settings, resources: Resources) -> list[AnnotatedArticle]:
    """The fictional demo story (examples/demo) read and annotated by the real pipeline."""
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read.readers import read_paths

    articles, _ = read_paths([str(DEMO)], settings)
    return annotate_articles(articles, resources)


# --------------------------------------------------------------------------- invented articles


def make_article(body: str, article_id: str = "a1", published: dt.date | None = None) -> Article:
    """An Article whose paragraphs are the blank-line separated parts of ``body``."""
    return Article(id=article_id, path=f"{article_id}.txt", body=body.strip(), published=published)


@pytest.fixture(scope="session")
def annotate_text(resources: Resources) -> Callable[..., AnnotatedArticle]:
    """``annotate_text(body, article_id="a1")``: the real map stage on an invented article."""
    from newsbrief.pipeline import annotate_article

    return lambda body, article_id="a1": annotate_article(make_article(body, article_id), resources)


@pytest.fixture(scope="session")
def annotate_texts(annotate_text: Callable[..., AnnotatedArticle]) -> Callable[[Sequence[str]], list[AnnotatedArticle]]:
    """``annotate_texts(bodies)``: several invented articles, ids "a1", "a2", ..."""
    return lambda bodies: [annotate_text(b, f"a{i + 1}") for i, b in enumerate(bodies)]


def _split_plain(article: Article) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for pnum, para in enumerate(re.finditer(r"[^\n]+", article.body)):
        for m in re.finditer(r"\S.*?(?:[.!?](?=\s+[A-Z\"\u201c])|$)", para.group()):
            start = para.start() + m.start()
            text = m.group().rstrip()
            out.append(Sentence(article.id, len(out), start, start + len(text), text, pnum))
    return tuple(out)


@pytest.fixture(scope="session")
def split_plain() -> Callable[[Article], tuple[Sentence, ...]]:
    """Sentences of an article's body without spaCy: paragraphs, then full stops before a capital
    (so the date and timeline tests do not depend on the sentence splitter)."""
    return _split_plain


def _one_sentence(text: str, published: dt.date | None, article_id: str = "t") -> tuple[Article, tuple[Sentence, ...]]:
    art = Article(id=article_id, path=f"{article_id}.txt", body=text, published=published)
    return art, (Sentence(article_id, 0, 0, len(text), text, 0),)


@pytest.fixture(scope="session")
def one_sentence() -> Callable[..., tuple[Article, tuple[Sentence, ...]]]:
    """``one_sentence(text, published)``: an article whose body is the single sentence ``text``."""
    return _one_sentence


@pytest.fixture(scope="session")
def labelled_story(
    request: pytest.FixtureRequest, fixture_story: Callable[[str], tuple[AnnotatedArticle, ...]]
) -> Callable[[str], tuple[AnnotatedArticle, ...]]:
    """A story with an answer key by name: "seeds" (the gold-body seeds, from ../shared) or a
    fixture story. The seeds are annotated only when asked for."""

    def load(name: str) -> tuple[AnnotatedArticle, ...]:
        if name == "seeds":
            seeds: tuple[AnnotatedArticle, ...] = request.getfixturevalue("gold_seeds")
            return seeds
        return fixture_story(name)

    return load


# --------------------------------------------------------------------------- a corpus database

HOSTILE_INPUTS = ROOT / "tests" / "fixtures" / "inputs"


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory, settings: Settings, resources: Resources) -> Path:
    """A small corpus database (the fictional demo and the hostile fixtures), ingested once per
    session; tests that change it work on a copy (:func:`desk_db_copy`)."""
    from newsbrief.corpus.ingest import ingest_paths
    from newsbrief.engines.local import LocalEngine

    db = tmp_path_factory.mktemp("desk") / "desk.db"
    ingest_paths([str(DEMO), str(HOSTILE_INPUTS)], db, settings, engine=LocalEngine(settings, resources))
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
