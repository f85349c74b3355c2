"""What each outlet adds: the claims that no other independent source carries."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

from newsbrief.models import Claim, UniqueContribution
from newsbrief.story.alone import reads_alone
from newsbrief.story.context import StoryContext
from newsbrief.story.pool import PAIR_FLOOR, SentencePool
from newsbrief.story.topic import stray_sentences
from newsbrief.summary.standalone import BROADCAST_CHATTER
from newsbrief.vocabulary import count_words

# An item of "what each outlet adds" is read alone, so it must end as a statement does: on a stop
# (".", "!", "?", "…"), closing quotes or brackets after it. A sentence ending on a colon leads into
# what its page printed next (an embedded video, a list, a quotation: "... recounts what she saw :",
# "... for five reasons :"); in the article that is content, listed alone it says nothing. A
# sentence ending on no stop at all was cut out of a longer one or off a run of headlines.
_STATEMENT_END = re.compile(r"[.!?\u2026]\s*(?:''|[\"'\u201d\u2019)\]]|-RRB-|\s)*$")

# "What each outlet adds": claims shorter than this many words are too slight to list.
MIN_UNIQUE_WORDS = 8
# A claim is not unique to an outlet when another independent source has a sentence this close.
UNIQUE_COSINE = 0.75
# Two items of one source restate one fact when their sentences are at cosine PAIR_FLOOR or more
# and share this much of their rarer words: two copies of one report (or one article's lead and
# its later paragraph) word one fact apart, too far for one claim, and the brief listed both.
RESTATEMENT_OVERLAP = 0.3


def _drop_restatements(pool: SentencePool, chosen: list[int], labels: npt.NDArray[np.int64]) -> list[int]:
    """``chosen`` sentences less those that restate an earlier one (article id, then sentence
    order) of the same independent source (``labels``). Across articles only the pool's close
    pairs are looked at, so a huge single-outlet story costs no square; inside an article its own
    items are (few: the claims no other source carries)."""
    picked = np.zeros(len(pool), dtype=bool)
    picked[chosen] = True
    rows, cols = pool.pairs.rows, pool.pairs.cols
    cand = np.nonzero(picked[rows] & picked[cols] & (labels[rows] == labels[cols]) & (pool.article[rows] != pool.article[cols]))[0]
    rows, cols = rows[cand], cols[cand]
    # One article may restate its own lead further down ("Xi will discuss security and maritime
    # issues" / "talks will focus on political security, multilateral and maritime issues": seeds
    # 000, cosine 0.60); the pool keeps no pairs inside an article, so its few items are compared
    # here.
    by_article: dict[int, list[int]] = {}
    for i in chosen:
        by_article.setdefault(int(pool.article[i]), []).append(i)
    inner_rows, inner_cols = [rows], [cols]
    for items in by_article.values():
        if len(items) < 2:
            continue
        at = np.array(sorted(items), dtype=np.int64)
        a, b = np.nonzero(np.triu(pool.vectors[at] @ pool.vectors[at].T >= PAIR_FLOOR, k=1))
        inner_rows.append(at[a])
        inner_cols.append(at[b])
    rows, cols = np.concatenate(inner_rows), np.concatenate(inner_cols)
    same = np.nonzero(pool.overlap(rows, cols) >= RESTATEMENT_OVERLAP)[0]
    # Each item's restating partners as one sparse row (a big single-outlet story has millions of
    # such pairs: no Python list per item).
    ends = np.concatenate([rows[same], cols[same]])
    partners = sparse.csr_matrix(
        (np.ones(ends.size, dtype=np.int8), (ends, np.concatenate([cols[same], rows[same]]))), shape=(len(pool), len(pool))
    )
    kept = np.zeros(len(pool), dtype=bool)
    for i in sorted(chosen, key=lambda i: (pool.refs[i].article_id, pool.refs[i].sentence)):
        if not kept[partners.indices[partners.indptr[i] : partners.indptr[i + 1]]].any():
            kept[i] = True
    return [int(i) for i in np.flatnonzero(kept)]


def unique_contributions(story: StoryContext, claims: Sequence[Claim]) -> tuple[UniqueContribution, ...]:
    """Per article (sorted by id): its own sentences of the claims that no other independent
    source carries, in the article's order. Each such fact is listed once per independent source,
    under the first article (by id) of the source that states it, so two syndicated copies do not
    both list it, nor list it twice in their two wordings when these were not aligned as one claim
    (``_drop_restatements``); slight claims (under ``MIN_UNIQUE_WORDS`` words), sentences that do not
    end as a statement (``_STATEMENT_END``: a lead-in ending on a colon), a broadcast host's talk to
    the audience (summary.standalone.BROADCAST_CHATTER), a quote's later sentence and a show's
    rundown teaser (alone.reads_alone) and a stray page's
    sentences not about the story (topic.stray_sentences) are left out, and a
    story with a single independent source has nothing to list."""
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
    # A stray page's sentences not about the story add nothing to it (topic.stray_sentences).
    stray = stray_sentences(story.annotated)
    chosen: list[int] = []
    for c in claims:
        if c.independent_sources != 1 or count_words(c.text) < MIN_UNIQUE_WORDS:
            continue
        idx = [position[m] for m in c.members if m in position]
        if not idx:
            continue
        if echoed[idx].any():
            continue  # another outlet says nearly the same, even if not aligned as one claim
        # One item per fact and source: the first article of the source (syndicated copies, one
        # outlet's updates) lists it in its own wording (not the claim's representative, which may
        # be another copy's sentence).
        # Only a wording that ends as a statement is listed (_STATEMENT_END), and a host's talk to
        # the audience ("Welcome to ...", "I 'm Ann Poe , in Kessel .") is none, nor a quote's later
        # sentence or a show's rundown teaser (alone.reads_alone).
        stated = [
            i
            for i in idx
            if _STATEMENT_END.search(pool.texts[i])
            and not BROADCAST_CHATTER.search(pool.texts[i])
            and reads_alone(pool.texts[i])
        ]
        if not stated:
            continue
        first = min(stated, key=lambda i: (pool.refs[i].article_id, pool.refs[i].sentence))
        if pool.refs[first].sentence in stray.get(pool.refs[first].article_id, frozenset()):
            continue
        chosen.append(first)
    for i in _drop_restatements(pool, chosen, labels):
        per_article[pool.refs[i].article_id].append((pool.refs[i].sentence, pool.texts[i]))
    return tuple(
        UniqueContribution(a, tuple(text for _, text in sorted(per_article[a]))) for a in pool.article_ids
    )
