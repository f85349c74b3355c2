"""The story context: what every reduce stage over one story starts from, built once.

:func:`build_story` makes, in this order, the sentence pool (:mod:`newsbrief.story.pool`: every
sentence with its vector, close pairs, words and quantities), the syndication groups
(:mod:`newsbrief.story.syndication`: articles that retell one report) and the map from each article
to the independent source it counts as. The pipeline then hands the one :class:`StoryContext` to
every stage, always first: ``stage(story, <results of earlier stages>, settings, <options>)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle
from newsbrief.story import pool as pool_mod
from newsbrief.story import syndication as syndication_mod
from newsbrief.story.pool import SentencePool


@dataclass(frozen=True, eq=False)
class StoryContext:
    """One story's articles and what is derived from all of them together (read-only)."""

    # The annotated articles in input order (stages that break ties by input order rely on it).
    annotated: tuple[AnnotatedArticle, ...]
    pool: SentencePool
    # Groups (two or more article ids, each sorted; groups sorted) that retell one report.
    syndication: tuple[tuple[str, ...], ...]
    # Every article id -> the id standing for its independent source (first id of its group).
    independent_of: Mapping[str, str]

    def count_independent(self, sources: Sequence[str]) -> int:
        """Number of distinct independent sources among the article ids ``sources``."""
        return len({self.independent_of.get(s, s) for s in sources})


def build_story(annotated: Sequence[AnnotatedArticle], settings: Settings) -> StoryContext:
    """The context of the story of ``annotated``: pool, syndication groups, independence map."""
    articles = tuple(annotated)
    pool = pool_mod.build_pool(articles)
    groups = syndication_mod.find_syndication(articles, pool, settings)
    return StoryContext(
        annotated=articles,
        pool=pool,
        syndication=groups,
        independent_of=syndication_mod.map_independent_sources(pool.article_ids, groups),
    )
