"""The summary: the story's most important sentences, within the word budget, each with its sources.

Steps (see :func:`summarize`):

1. **candidates** (:mod:`newsbrief.summary.candidates`): the sentences that can stand alone in a summary,
   and shortened versions of them; a sentence opening on "He" or "But" only as the follower of the
   sentence before it.
2. **concepts** (:mod:`newsbrief.summary.bigrams`): stemmed word bigrams and content words, weighted by
   how likely a summary of the story is to state them (:mod:`newsbrief.summary.importance`: learned from
   how many articles state them, how often and how early) or, optionally, by document frequency.
3. **selection**: the candidates that cover the most concept weight within the budget, plus the
   learned value of each sentence (position, centrality, independent sources...), an integer linear
   program (Gillick & Favre 2009) solved exactly by HiGHS (SciPy's build, :mod:`newsbrief.summary.highs`). A
   concept counts once however many chosen sentences state it, which keeps the summary from
   repeating itself; on top of that, two sentences whose embeddings are closer than
   ``Settings.summary_redundancy`` are never both chosen, nor two sentences of one claim (two
   outlets stating the same fact), nor two versions of one sentence.
4. **order**: each sentence where its fact was first reported -- the earliest publication date
   (undated last), then position, among the sentence and its close restatements in other
   articles; on a tie, the fact more independent sources state -- so the central event, which
   the first reports put in their lead, comes before background; a follower sits right after
   its antecedent.
5. **sources**: each sentence carries the sources of its claim
   (:func:`newsbrief.story.claims.align_claims`): every article that states it.

Tuned constants are in :class:`SummaryParams`; the four the procedure tunes (sentence_weight,
length_bonus, max_words, compress) and the importance models are chosen by the inner CV of
``benchmarks/nestedcv.py`` over the 25 development clusters of DUC 2004, which also estimates the
whole procedure held out (``benchmarks/results/duc2004_nestedcv.md``); the others are fixed, their
in-sample effect one at a time in ``benchmarks/results/ablation.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from newsbrief.summary.candidates import Candidate, CandidateRules, find_candidates
from newsbrief.summary.params import DEFAULT_PARAMS as DEFAULT_PARAMS, SummaryParams as SummaryParams  # named here too
from newsbrief.summary.bigrams import count_documents
from newsbrief.config import Settings
from newsbrief.summary.importance import score_sentences, weigh_concepts_learned
from newsbrief.models import AnnotatedArticle, Claim, SentenceRef, SummarySentence
from newsbrief.summary import phases as phases_mod
from newsbrief.summary.phases import phase_news, split_phases
from newsbrief.summary.selection import select_sentences
from newsbrief.story.context import StoryContext
from newsbrief.story.poolpairs import find_pairs
from newsbrief.story.quantities import Quantity, compare_quantities, find_quantities
from newsbrief.story.topic import lone_stray_sentences


# Used only when no sentence of the story passes the normal rules (tiny or odd articles).
FALLBACK_RULES = CandidateRules(min_words=4, max_words=10_000, finite_only=False)


def weigh_concepts(
    concept_sets: Sequence[Sequence[frozenset[str]]], params: SummaryParams = DEFAULT_PARAMS
) -> dict[str, float]:
    """Weight of each concept, the heaviest scaled to 1 (``params.concept_model``, see
    :class:`SummaryParams`). Concepts stated by fewer than ``min_df`` articles get no weight."""
    min_df = max(1, min(params.min_df, len(concept_sets) - 1))
    if params.concept_model == "learned":
        return weigh_concepts_learned(concept_sets, min_df)
    if params.concept_model != "df":
        raise ValueError(f"concept_model must be 'learned' or 'df', got {params.concept_model!r}")
    df = count_documents(concept_sets)
    raw: dict[str, float] = {c: float(n) for c, n in df.items() if n >= min_df}
    if params.lead_bonus:
        for sets in concept_sets:
            lead: set[str] = set()
            for cs in sets[: params.lead_sentences]:
                lead |= cs
            for c in lead:
                if c in raw:
                    raw[c] += params.lead_bonus
    weights: dict[str, float] = {}
    for c, v in raw.items():
        w = v**params.df_exponent
        weights[c] = w * params.unigram_weight if c.startswith("1:") else w
    top = max(weights.values(), default=1.0) or 1.0
    return {c: w / top for c, w in weights.items()}


def independent_sets(
    annotated: Sequence[AnnotatedArticle],
    concept_sets: Sequence[Sequence[frozenset[str]]],
    syndication: Sequence[Sequence[str]],
) -> list[Sequence[frozenset[str]]]:
    """The concept sets of the articles that count as independent sources: of each syndicated
    group only its first article in input order, so a copied report does not count as two
    outlets agreeing on what matters."""
    copies: set[str] = set()
    for group in syndication:
        members = [i for i, a in enumerate(annotated) if a.article.id in set(group)]
        copies.update(annotated[i].article.id for i in members[1:])
    return [sets for a, sets in zip(annotated, concept_sets, strict=True) if a.article.id not in copies]


def score_centrality(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate]
) -> npt.NDArray[np.float64]:
    """Cosine of each candidate's embedding to the centroid of all sentences of the story."""
    rows = [a.embeddings for a in annotated if a.embeddings.ndim == 2 and a.embeddings.shape[0]]
    if not rows or not candidates:
        return np.zeros(len(candidates))
    centroid = np.vstack(rows).astype(np.float64).mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    vecs = candidate_vectors(annotated, candidates)
    return vecs @ centroid if vecs is not None else np.zeros(len(candidates))


def candidate_vectors(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate]
) -> npt.NDArray[np.float64] | None:
    """Embedding rows of the candidates, or None when the map stage made no embeddings."""
    out = []
    for c in candidates:
        emb = annotated[c.article].embeddings
        if emb.ndim != 2 or emb.shape[0] <= c.ref.sentence:
            return None
        out.append(emb[c.ref.sentence])
    return np.asarray(out, dtype=np.float64) if out else None


def find_redundant_pairs(
    annotated: Sequence[AnnotatedArticle], candidates: Sequence[Candidate], threshold: float
) -> list[tuple[int, int]]:
    """Pairs of candidates (i < j) whose embeddings' cosine exceeds ``threshold``, found block by
    block; in a huge story each candidate's closest ones only (``similarity.bounded_top_k``)."""
    vecs = candidate_vectors(annotated, candidates)
    if vecs is None:
        return []
    # Stored with a corpus story at ingest (story/poolpairs.py), else computed.
    found = find_pairs(vecs, threshold, strict=True)
    return list(zip(found.rows.tolist(), found.cols.tolist(), strict=True))


def same_claim_groups(claims: Sequence[Claim], candidates: Sequence[Candidate]) -> list[list[int]]:
    """For each claim stated by several sentences, the candidates cut from those sentences: they
    say the same thing, so the summary takes at most one of them (claims.align_claims groups
    sentences by meaning and shared rare words, which catches restatements the embedding
    threshold alone lets through)."""
    of_ref: dict[SentenceRef, list[int]] = {}
    for i, c in enumerate(candidates):
        of_ref.setdefault(c.ref, []).append(i)
    groups: list[list[int]] = []
    for claim in claims:
        members = [i for ref in claim.members for i in of_ref.get(ref, ())]
        if len({candidates[i].ref for i in members}) > 1:
            groups.append(members)
    return groups


OrderKey = tuple[dt.date, str, int, int]
# (date, time, position, -independent sources, input order): where a fact was first reported.
FirstKey = tuple[dt.date, str, int, int, int]


def order_key(annotated: Sequence[AnnotatedArticle], c: Candidate) -> OrderKey:
    """Where a sentence stands in its own article: publication date (undated last), time of day,
    article input order, position."""
    art = annotated[c.article].article
    return (art.published or dt.date.max, art.published_time or "", c.article, c.ref.sentence)


# Two sentences at least this close (cosine of their embeddings) restate one fact: the earlier one
# dates it. A claim (claims.align_claims) can be looser -- "residents were evacuated" and, a day
# later, "residents were allowed to return" -- which would pull a later development back in time.
RESTATEMENT = 0.8


def claims_by_sentence(claims: Sequence[Claim]) -> dict[SentenceRef, Claim]:
    """The claim each sentence belongs to."""
    out: dict[SentenceRef, Claim] = {}
    for claim in claims:
        for m in claim.members:
            out.setdefault(m, claim)
    return out


def first_reported(story: StoryContext, claims: Sequence[Claim], chosen: Sequence[Candidate]) -> list[Candidate]:
    """``chosen`` in reading order: each sentence where its fact was *first reported* -- the
    earliest publication date (undated last), then position in the article, then input order,
    among the sentence and its close restatements in its claim (cosine >= RESTATEMENT, and not
    later news: :meth:`SentencePool.reports_later_day`) -- so the central event, which the first
    reports put in their lead, comes before background; among facts first reported on one day at
    one position, the one more independent sources state first; a follower ("He added ...") right
    after the sentence before it."""
    annotated, pool = story.annotated, story.pool
    index = {ref: k for k, ref in enumerate(pool.refs)}
    member_key: dict[SentenceRef, OrderKey] = {}
    for a_pos, ann in enumerate(annotated):
        art = ann.article
        for sent in ann.sentences:
            member_key[SentenceRef(art.id, sent.index)] = (art.published or dt.date.max, "", sent.index, a_pos)
    claim_of = claims_by_sentence(claims)

    def first(c: Candidate) -> FirstKey:
        own = member_key.get(c.ref, order_key(annotated, c))
        claim = claim_of.get(c.ref)
        k = index.get(c.ref)
        if claim is None or k is None:
            return (own[0], own[1], own[2], -1, own[3])
        close = [
            member_key[m]
            for m in claim.members
            if m in member_key
            and (j := index.get(m)) is not None
            and float(np.dot(pool.vectors[k], pool.vectors[j])) >= RESTATEMENT
            and not pool.reports_later_day(k, j)
        ]
        day, time, position, a_pos = min([own, *close])
        # Two facts first reported on one day at one position (each the lede of some report): the
        # one more independent reports state is the story's event, the other a detail one report
        # led with; input order (file names) says nothing about which is which.
        return (day, time, position, -max(1, claim.independent_sources), a_pos)

    keys = {id(c): (first(c), 0, order_key(annotated, c)) for c in chosen}
    by_ref = {c.ref: c for c in chosen}
    for c in sorted(chosen, key=lambda c: order_key(annotated, c)):
        lead = by_ref.get(c.follows) if c.follows is not None else None
        if lead is not None:
            keys[id(c)] = (keys[id(lead)][0], keys[id(lead)][1] + 1, order_key(annotated, c))
    return sorted(chosen, key=lambda c: keys[id(c)])


def attach_sources(
    story: StoryContext, claims: Sequence[Claim], chosen: Sequence[Candidate]
) -> tuple[SummarySentence, ...]:
    """Summary sentences with the sources of their claims, counted by independent source -- less
    the articles whose sentence in the claim gives a different number for the same thing ("some
    850 evacuated" does not confirm "about 1,200 evacuated"; the two are a disagreement)."""
    claim_of = claims_by_sentence(claims)
    pool = story.pool
    index = {ref: k for k, ref in enumerate(pool.refs)}
    out: list[SummarySentence] = []
    for c in chosen:
        found = claim_of.get(c.ref)
        if found is None:
            out.append(SummarySentence(c.text, (c.ref.article_id,), 1))
            continue
        sources = found.sources if c.ref.article_id in found.sources else (c.ref.article_id, *found.sources)
        mine = find_quantities(c.text)
        conflicting = {
            m.article_id
            for m in found.members
            if m.article_id != c.ref.article_id and m in index and _conflict(mine, pool.quantities[index[m]])
        }
        # Counted over the articles it cites, so the count agrees with the citations (the claim's
        # own count leaves out members that do not state its representative's figures).
        kept = tuple(a for a in sources if a not in conflicting)
        out.append(SummarySentence(c.text, kept, max(1, story.count_independent(kept))))
    return tuple(out)


def _conflict(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """Some count of ``a`` has counts of the same thing in ``b`` and fits none of them."""
    for qa in a:
        same = [qb for qb in b if qb.key == qa.key]
        if same and not any(compare_quantities(qa, qb) for qb in same):
            return True
    return False


def summarize(
    story: StoryContext,
    claims: Sequence[Claim],
    settings: Settings,
    params: SummaryParams = DEFAULT_PARAMS,
    opening_words: int = 0,
) -> tuple[SummarySentence, ...]:
    """The story's extractive summary: at most ``settings.words`` words, in reading order, each
    sentence with every article that states it. The story's syndication groups (articles that
    retell one report) count once when weighing concepts. A story reported over weeks is
    summarised phase by phase (:mod:`newsbrief.summary.phases`), so the summary tells its arc;
    its phases share the budget less ``opening_words``, the words of the sentence that will open
    it (story.lead: where the story stands), so that the opening does not push the last phases out."""
    annotated = story.annotated
    if not annotated:
        return ()
    # The opening (where the story stands) takes its words first; the phases share the rest.
    total = max(settings.words - opening_words, settings.words // 2)
    # A lone stray page's sentences not about the story are no summary sentence, and one with none
    # about it gives no phase its dates (a blog roll saved weeks before the story began).
    stray = lone_stray_sentences(annotated)
    phases = split_phases([_phase_date(a, stray) for a in annotated], total)
    if phases is None:
        chosen = choose_sentences(story, claims, settings, params, range(len(annotated)), settings.words, stray=stray)
        return attach_sources(story, claims, first_reported(story, claims, chosen))
    ordered: list[Candidate] = []
    used = 0
    for k, phase in enumerate(phases):
        # Each phase its share of what is left, so words a phase leaves unused go to the next.
        budget = (total - used) // (len(phases) - k)
        chosen = choose_sentences(story, claims, settings, params, phase, budget, ordered, news_only=True, stray=stray)
        ordered.extend(first_reported(story, claims, chosen))
        used += sum(c.words for c in chosen)
    return attach_sources(story, claims, ordered)


def _phase_date(a: AnnotatedArticle, stray: Mapping[str, frozenset[int]]) -> dt.date | None:
    """The date an article gives its phase: none for a stray page with no sentence about the story."""
    far = stray.get(a.article.id)
    return None if far is not None and len(far) >= len(a.sentences) else a.article.published


def choose_sentences(
    story: StoryContext,
    claims: Sequence[Claim],
    settings: Settings,
    params: SummaryParams,
    positions: Sequence[int],
    budget: int,
    taken: Sequence[Candidate] = (),
    news_only: bool = False,
    stray: Mapping[str, frozenset[int]] | None = None,
) -> list[Candidate]:
    """The summary sentences of the articles at ``positions`` (all of the story, or one phase)
    within ``budget`` words, concepts weighed by those articles alone; none restating a sentence
    already ``taken`` (same claim, or embeddings closer than ``settings.summary_redundancy``);
    with ``news_only``, only the news of their leads (:func:`phases.phase_news`); none of the
    sentences ``stray`` lists (article id -> sentence indices: topic.lone_stray_sentences)."""
    annotated = story.annotated
    part = [annotated[p] for p in positions]
    far = stray or {}
    candidates, concept_sets = find_candidates(part, params.rules(), params.unigrams)
    candidates = [c for c in candidates if c.ref.sentence not in far.get(c.ref.article_id, frozenset())]
    if not candidates:
        # Nothing passes the rules: fall back to looser ones rather than an empty summary.
        candidates, concept_sets = find_candidates(part, FALLBACK_RULES, params.unigrams)
        candidates = [c for c in candidates if c.ref.sentence not in far.get(c.ref.article_id, frozenset())]
    # Candidates point at their article's place in the whole story.
    candidates = [replace(c, article=positions[c.article]) for c in candidates]
    if news_only:
        candidates = phase_news(annotated, claims, candidates, positions)
    if taken:
        candidates = drop_restatements(annotated, claims, candidates, taken, settings.summary_redundancy)
    if not candidates:
        return []
    # A long story's phase states its most-reported news first (phases.most_reported; off by default).
    first = phases_mod.most_reported(candidates, claims, budget) if news_only else None
    if first is not None:
        rest = [c for c in candidates if c.ref != first.ref]
        candidates = drop_restatements(annotated, claims, rest, [first], settings.summary_redundancy)
        budget -= first.words
        if not candidates:
            return [first]
    weights = weigh_concepts(independent_sets(part, concept_sets, story.syndication), params)
    redundant = find_redundant_pairs(annotated, candidates, settings.summary_redundancy)
    words = np.array([c.words for c in candidates], dtype=np.float64)
    bonus = params.length_bonus * words
    if params.sentence_weight:
        bonus += params.sentence_weight * score_sentences(annotated, candidates, claims, weights) * words
    if params.centrality_weight:
        bonus += params.centrality_weight * score_centrality(annotated, candidates) * words
    exclusive = same_claim_groups(claims, candidates) if params.one_per_claim else []
    chosen = select_sentences(candidates, weights, budget, redundant, bonus, exclusive)
    return ([first] if first is not None else []) + [candidates[i] for i in chosen]


def drop_restatements(
    annotated: Sequence[AnnotatedArticle],
    claims: Sequence[Claim],
    candidates: Sequence[Candidate],
    taken: Sequence[Candidate],
    threshold: float,
) -> list[Candidate]:
    """``candidates`` less those that restate a ``taken`` sentence: one of its claim, the sentence
    itself, or one whose embedding is closer to it than ``threshold``; a follower whose antecedent
    goes stays only if it can still follow it (select_sentences drops it otherwise)."""
    claim_of = claims_by_sentence(claims)
    taken_refs = {c.ref for c in taken}
    taken_claims = {id(claim_of[r]) for r in taken_refs if r in claim_of}
    keep = [
        c for c in candidates
        if c.ref not in taken_refs and not (c.ref in claim_of and id(claim_of[c.ref]) in taken_claims)
    ]
    mine, theirs = candidate_vectors(annotated, keep), candidate_vectors(annotated, taken)
    if mine is None or theirs is None or not keep:
        return keep
    close = (mine @ theirs.T).max(axis=1) > threshold
    return [c for c, near in zip(keep, close.tolist(), strict=True) if not near]
