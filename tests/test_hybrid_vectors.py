"""A big brief of files embeds the lead and the sentences with figures, dates or quotes by the
model and estimates the rest from static vectors (annotate/hybrid.py)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from conftest import read_seeds_and_duc
from newsbrief import pipeline
from newsbrief.annotate import hybrid, parallel
from newsbrief.annotate.resources import Resources
from newsbrief.config import Settings
from newsbrief.corpus.serialize import annotated_equal
from newsbrief.models import AnnotatedArticle, Article

pytestmark = pytest.mark.needs_shared


@pytest.fixture(scope="module")
def articles(settings: Settings) -> list[Article]:
    """The seeds and three DUC events: 30-odd real articles."""
    found = read_seeds_and_duc(settings, ("d30026", "d31022", "d30001"))
    assert len(found) >= 30
    return found


@pytest.fixture(scope="module")
def full(articles: list[Article], resources: Resources) -> list[AnnotatedArticle]:
    return pipeline.annotate_articles(articles, resources)


@pytest.fixture(scope="module")
def partial(articles: list[Article], resources: Resources) -> list[AnnotatedArticle]:
    return pipeline.map_articles(articles, resources, partial=True)


def test_the_model_embeds_the_lead_and_sentences_with_figures_dates_or_quotes(
    full: list[AnnotatedArticle], partial: list[AnnotatedArticle]
) -> None:
    left = total = 0
    for a, p in zip(full, partial, strict=True):
        rows = hybrid.model_rows(len(a.sentences), a.figures, a.dates, a.quotes)
        marked = {m.sentence for m in (*a.figures, *a.dates, *a.quotes)}
        assert set(rows) == set(range(min(hybrid.LEAD_ROWS, len(a.sentences)))) | marked
        # The model's rows are the full run's, bit for bit; the others are left empty.
        assert p.embeddings.shape == a.embeddings.shape
        assert p.embeddings[rows].tobytes() == a.embeddings[rows].tobytes()
        rest = [i for i in range(len(a.sentences)) if i not in set(rows)]
        assert not p.embeddings[rest].any()
        left += len(rest)
        total += len(a.sentences)
    assert 0.2 * total < left < 0.8 * total


def test_estimated_rows_sit_near_the_models_vectors(
    full: list[AnnotatedArticle], partial: list[AnnotatedArticle], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hybrid, "MIN_FIT_ROWS", 200)  # these 30 articles have fewer than a big story
    done = hybrid.complete_vectors(partial, resources)
    own, other = [], []
    for a, d in zip(full, done, strict=True):
        model = set(hybrid.model_rows(len(a.sentences), a.figures, a.dates, a.quotes))
        assert d.embeddings[sorted(model)].tobytes() == a.embeddings[sorted(model)].tobytes()
        for i in range(len(a.sentences)):
            if i in model:
                continue
            v = d.embeddings[i]
            assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-4
            own.append(float(v @ a.embeddings[i]))
            other.append(float(v @ a.embeddings[(i + 7) % len(a.sentences)]))
    assert len(own) > 100
    print(f"mean cosine to own {np.mean(own):.3f}, to another sentence of the article {np.mean(other):.3f}")
    assert np.mean(own) > 0.6
    assert np.mean(own) > np.mean(other) + 0.2
    assert np.mean(np.array(own) > np.array(other)) > 0.8


def test_a_text_the_model_embedded_keeps_its_vector_where_it_repeats(
    full: list[AnnotatedArticle], partial: list[AnnotatedArticle], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hybrid, "MIN_FIT_ROWS", 200)
    first = full[0]
    # A copy of the first article with its lead moved to the end: the lead's sentences are then
    # rows the model did not embed, but their texts are known from the first article.
    moved = tuple(first.sentences[5:]) + tuple(first.sentences[:5])
    twin = AnnotatedArticle(
        article=first.article,
        sentences=moved,
        embeddings=pipeline._embed_rows(resources.embedder, [s.text for s in moved], list(range(5))),
    )
    done = hybrid.complete_vectors([*partial, twin], resources)[-1]
    n = len(moved)
    assert done.embeddings[n - 5 :].tobytes() == first.embeddings[:5].tobytes()


def test_without_the_static_table_the_model_embeds_the_rest(
    full: list[AnnotatedArticle], partial: list[AnnotatedArticle], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Resources, "static_embedder", property(lambda self: None))
    done = hybrid.complete_vectors(partial, resources)
    assert all(a.embeddings.tobytes() == d.embeddings.tobytes() for a, d in zip(full, done, strict=True))


def test_too_few_rows_to_fit_and_small_inputs_get_the_model_everywhere(
    articles: list[Article], full: list[AnnotatedArticle], partial: list[AnnotatedArticle], resources: Resources
) -> None:
    # 30 articles give fewer model rows than MIN_FIT_ROWS: the model embeds the rest.
    done = hybrid.complete_vectors(partial, resources)
    assert all(a.embeddings.tobytes() == d.embeddings.tobytes() for a, d in zip(full, done, strict=True))
    assert not hybrid.worth_partial(articles)
    assert hybrid.worth_partial(articles * (hybrid.MIN_CHARS // sum(len(a.body) for a in articles) + 1))


def test_worker_processes_leave_the_same_rows_as_one_process(
    articles: list[Article], partial: list[AnnotatedArticle], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 4_000)  # both this process and the worker get chunks
    here = functools.partial(pipeline.map_articles, partial=True)
    shared = parallel.annotate_in_processes(articles, resources, 1, here, partial=True)
    assert all(annotated_equal(x, y) for x, y in zip(partial, shared, strict=True))
