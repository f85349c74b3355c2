"""What each outlet adds: the claims that no other independent source carries."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.models import Claim, UniqueContribution
from newsbrief.story.context import StoryContext
from newsbrief.vocabulary import count_words

# "What each outlet adds": claims shorter than this many words are too slight to list.
MIN_UNIQUE_WORDS = 8
# A claim is not unique to an outlet when another independent source has a sentence this close.
UNIQUE_COSINE = 0.75


def unique_contributions(story: StoryContext, claims: Sequence[Claim]) -> tuple[UniqueContribution, ...]:
    """Per article (sorted by id): its own sentences of the claims that no other independent
    source carries, in the article's order. Listed under every article of a syndication group that
    states them; slight claims (under ``MIN_UNIQUE_WORDS`` words) are left out, and a story with a
    single independent source has nothing to list."""
    pool, independent_of = story.pool, story.independent_of
    if len(set(independent_of.values())) < 2:
        return tuple(UniqueContribution(a, ()) for a in pool.article_ids)  # one source adds nothing to itself
    position = {r: i for i, r in enumerate(pool.refs)}
    source = [independent_of[r.article_id] for r in pool.refs]
    # Sentences with a sentence of another independent source at UNIQUE_COSINE or more (from the
    # pool's close pairs: no sentence-by-sentence matrix).
    source_no = {s: k for k, s in enumerate(sorted(set(source)))}
    labels = np.array([source_no[s] for s in source], dtype=np.int64)
    close = pool.pairs.values >= UNIQUE_COSINE
    rows, cols = pool.pairs.rows[close], pool.pairs.cols[close]
    across = labels[rows] != labels[cols]
    echoed = np.zeros(len(pool), dtype=bool)
    echoed[rows[across]] = True
    echoed[cols[across]] = True
    per_article: dict[str, list[tuple[int, str]]] = {a: [] for a in pool.article_ids}
    for c in claims:
        if c.independent_sources != 1 or count_words(c.text) < MIN_UNIQUE_WORDS:
            continue
        idx = [position[m] for m in c.members if m in position]
        if not idx:
            continue
        if echoed[idx].any():
            continue  # another outlet says nearly the same, even if not aligned as one claim
        for i in idx:
            # Each article lists its own wording, not the claim's representative (which may be
            # another copy's sentence in a syndication group).
            per_article[pool.refs[i].article_id].append((pool.refs[i].sentence, pool.texts[i]))
    return tuple(
        UniqueContribution(a, tuple(text for _, text in sorted(per_article[a]))) for a in pool.article_ids
    )
