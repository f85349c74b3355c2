"""Claims: the sentences of different articles that state the same fact, with the articles that
carry it and how many *independent* sources that makes once syndicated copies count as one.

Every sentence of every article belongs to exactly one claim (most are single-sentence claims),
because the summary cites a chosen sentence through its claim.

How sentences are joined:

1. **Pair score** for two sentences of different articles: embedding cosine plus a bonus for the
   rare word pairs they share ("six years", "largest trading partner"), capped. Shared rare
   bigrams are what distinguishes "the same fact" from "the same topic": two leads of one story
   are close in embedding space whatever specific fact each reports.
2. **Lexical guard**: a pair is only an edge when the sentences also share a fair part of their
   rarer words (idf-weighted), or a rare bigram, or one figure of one thing ("about 300 metres" /
   "roughly 300 metres": two outlets' own words for one fact, which also earns a bonus), or are
   near-paraphrases by cosine alone; topical
   sentences with different content ("largest trading partner" / "strategic partnership") stay
   apart.
   Nor is a pair an edge when one sentence reports a day that came after the other's publication
   (and by its own) and the other does not name it: a later development, not the earlier report
   restated.
3. **Quote anchor**: sentences that carry the same quoted phrase of three words or more (one quotes
   it, the other quotes or repeats it) report the same statement even when the rest is worded
   apart, so they are an edge at the threshold.
4. **Clustering** without chaining: edges are merged greedily from the best score down, one
   sentence per article per claim, and two groups merge only when every pair of independent
   sources across them is linked by an edge within a small slack of the threshold and those links
   average at least the threshold (average linkage with a complete-linkage floor, taken over
   independent sources so a syndicated rewrite does not block its twin).

The representative text is the most central member (highest summed score to the others), ties
going to the more complete sentence (more content words).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from newsbrief.config import Settings
from newsbrief.models import Claim
from newsbrief.story.context import StoryContext
from newsbrief.story.pool import PAIR_FLOOR, SentencePool
from newsbrief.story.corrections import find_correction
from newsbrief.story.retractions import is_withdrawal
from newsbrief.story.vaguetolls import find_vague_toll_pairs
from newsbrief.story.apartpairs import is_apart_toll_pair
from newsbrief.story.casualties import CASUALTY_KEYS
from newsbrief.story.quantities import Quantity, compare_quantities, find_quantities
from newsbrief.story.scope import FIGURE_LEAD, TOLL_WINDOW_DAYS, is_set_apart
from newsbrief.story.overlap import (
    find_name_words,
    find_phrase_holders,
    find_quoted_phrases,
    normalize_phrase_text,
    normalize_word,
)
from newsbrief.vocabulary import STOP_WORDS, WEEKDAYS

# Pairs under this cosine are never compared further (cheap pre-filter; also the floor below which
# shared bigrams alone cannot make two sentences one claim). Seeds: the lowest true same-fact pair
# (000/001 "political security, multilateral and maritime issues", rewritten) is at 0.59.
COSINE_FLOOR = 0.45
# Bonus per shared bigram, scaled by its rarity (1.0 for a bigram seen in two sentences only), and
# its cap. Seeds: "first visit to Vietnam in six years" (003/004, cosine 0.73) must win over the
# generic leads (0.91) that share only common bigrams ("visit vietnam"): 0.73 + 0.25 > 0.91 + 0.05.
BIGRAM_BONUS = 0.15
BONUS_CAP = 0.25
# Penalty when both sentences state quantities but of different things ("a two-day visit three
# months after Biden's" vs "the first visit in six years"): different specifics, different facts.
QUANTITY_MISMATCH = 0.1
# Lexical guard: idf-weighted share of the shorter sentence's content words found in the other.
# Seeds: same-fact pairs 0.26-0.86; topical pairs that must stay apart 0.04-0.22.
GUARD_OVERLAP = 0.25
# Cosine at which two sentences are paraphrases whatever words they share (translations, rewrites).
GUARD_FREE_COSINE = 0.86
# Shared figure: two sentences that give one figure of one thing ("about 300 metres from the
# station" / "roughly 300 metres from Central Station") state one fact however they word the rest,
# when they are about the same thing at all (this cosine). Figures under ``FIGURE_MIN`` are too
# common to tell facts apart ("two years", "three people"). The bonus lifts such a pair as a shared
# rare bigram does.
FIGURE_COSINE = 0.6
FIGURE_MIN = 10
FIGURE_BONUS = 0.1
# Quote anchors: cosine floor (seeds: a shared "community with a shared future" at 0.29-0.54).
QUOTE_COSINE_FLOOR = 0.25
QUOTE_MIN_WORDS = 3
# Partners kept per quoting sentence: every one in a normal story, the closest in a huge one where
# a phrase repeats in thousands of sentences (as similarity.bounded_top_k bounds the pool's pairs).
QUOTE_TOP_K = 64
# An announced act: the same word right before the same weekday ("talks would resume on Friday" /
# "are set to resume on Friday at 10 a.m."), resolved to one day after both reports. Two outlets
# telling what will happen on that day tell one fact, however they word the rest (cosine 0.51 for
# that pair; a quoted phrase needs 0.25), so such a pair is an edge at the threshold. A day that has
# come (both reports on or after it) is not enough: "killed on Monday" in many sentences of a story
# tells different deaths.
_DATED_ACT = re.compile(
    rf"\b([A-Za-z][\w'\-]*)\s+(?:(?:on|by|until|from|before|after|next|this)\s+){{0,2}}({'|'.join(WEEKDAYS)})\b",
    re.IGNORECASE,
)


def find_dated_acts(text: str) -> frozenset[tuple[str, str]]:
    """(word, weekday) pairs of ``text``: the content word right before a weekday ("resume on
    Friday" -> ("resume", "friday"))."""
    out = set()
    for m in _DATED_ACT.finditer(text):
        word = m.group(1).lower()
        if word not in STOP_WORDS and not word.isdigit():
            out.add((normalize_word(word), m.group(2).lower()))
    return frozenset(out)


def _find_dated_act_pairs(pool: SentencePool, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> list[int]:
    """Indexes k of the pairs (rows[k], cols[k]) that announce one act for one coming day."""
    out = []
    acts: dict[int, frozenset[tuple[str, str]]] = {}
    dated = np.fromiter((bool(d) for d in pool.days), dtype=bool, count=len(pool.days))
    for k in np.nonzero(dated[rows] & dated[cols])[0].tolist():
        i, j = int(rows[k]), int(cols[k])
        latest = max(pool.published[pool.article[i]] or "", pool.published[pool.article[j]] or "")
        coming = {d for d in pool.days[i] & pool.days[j] if latest and d > latest}
        if not coming:
            continue
        a = acts.setdefault(i, find_dated_acts(pool.texts[i]))
        b = acts.setdefault(j, find_dated_acts(pool.texts[j]))
        if a & b:
            out.append(k)
    return out


# A shared year anchor: two sentences that date one state of things to one year with "since"
# ("closed to lorries since 2021 because of cracks" / "banned from the crossing since 2021 after
# engineers found cracks", cosine 0.52) and share a content word that few of the story's sentences
# hold (a fifth or fewer, or only these two: "cracks", not the story's "bridge") tell one background
# fact in two outlets' words, so such a pair of the pool is an edge at the threshold, as a shared
# measure is. A year after "in" only dates some past event, which many facts share: on Timeline17's
# H1N1 topic "in 1976" and "in 2003" joined different facts of the 1976 outbreak and of SARS.
_YEAR_ANCHOR = re.compile(r"\b(since)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
YEAR_WORD_SHARE = 0.2


def find_year_anchors(text: str) -> frozenset[tuple[str, str]]:
    """("since", year) pairs of ``text``: "since 2021" -> ("since", "2021")."""
    return frozenset((m.group(1).lower(), m.group(2)) for m in _YEAR_ANCHOR.finditer(text))


def _find_year_anchor_pairs(pool: SentencePool, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> list[int]:
    """Indexes k of the pairs (rows[k], cols[k]) that date one state to one year (``_YEAR_ANCHOR``)."""
    anchors = [find_year_anchors(t) if _YEAR_ANCHOR.search(t) else frozenset() for t in pool.texts]
    anchored = np.fromiter((bool(a) for a in anchors), dtype=bool, count=len(anchors))
    # A word in a fifth of the sentences or fewer (or in the two only, in a short story) has at
    # least this smoothed idf (overlap.compute_idf).
    rare_idf = float(np.log((len(pool) + 1) / (max(YEAR_WORD_SHARE * len(pool), 2) + 0.5)))
    out = []
    for k in np.nonzero(anchored[rows] & anchored[cols])[0].tolist():
        i, j = int(rows[k]), int(cols[k])
        shared = anchors[i] & anchors[j]
        years = {y for _, y in shared}
        rare = [w for w in pool.words[i] & pool.words[j] if w not in years and not w[:1].isdigit() and ":" not in w and pool.idf.get(w, 0.0) >= rare_idf]
        if shared and rare:
            out.append(k)
    return out


# One plain fact in two outlets' words ("Rescuers said the road was covered in ice." / "The pass
# had been coated in black ice overnight, the road authority said.", cosine 0.62; "The slide blocked
# the single access road to the village, ..." / "Mud and rock had blocked the only road to Brisa,
# ...", 0.57): no figure, quote, measure or day to anchor it, and under the claim threshold. Such a
# pair is an edge at the threshold when all of these hold (a paraphrase, not two facts of one
# subject: "at odds over boundaries in the South China Sea" / "China claims nearly the entire
# South China Sea", 0.55, share only names):
# - the two sentences are of independent sources, in reports published within TOLL_WINDOW_DAYS,
#   both in their report's first PARAPHRASE_LEAD sentences (where a report tells the story's own
#   facts; deeper in long articles the closest sentence is often only on the same subject), and
#   each is the other's closest sentence in the other's article (mutual nearest, as
#   parallel-sentence mining pairs translations), at PARAPHRASE_COSINE or more;
# - neither writes a number (what a number says is left to the figure rules: a number one adds is
#   another fact, a number both give is matched there);
# - a name only one of them writes is one of the story's common words (its subject: "Brisa"),
#   not a rare one that adds who or where ("... as far apart as Scotland and New Zealand");
# - apart from names and words of saying, they share more than a third of the shorter one's
#   content words, and more than a third of its words rare in the story (see ``_rare_idf``): the
#   predicate or its object, not only the story's subject ("Hun Sen has guaranteed the safety
#   and political freedom of all politicians, trying to ..." / "Hun Sen on Friday rejected
#   opposition parties' demands for talks ..., accusing them of trying to ...", 0.59, share
#   "political" and "trying" among a dozen rare words each).
PARAPHRASE_COSINE = 0.55
PARAPHRASE_LEAD = 5
# A rare word is in at most this share of the story's sentences, or in three.
PARAPHRASE_RARE_SHARE = 0.02
_SAYING = frozenset("said say says told tell tells according reported added stated confirmed announced".split())


def _rare_idf(pool: SentencePool) -> float:
    """The smoothed idf (overlap.compute_idf) a word in ``PARAPHRASE_RARE_SHARE`` of the story's
    sentences, or in three, has: a word with at least this idf is rare in the story."""
    return float(np.log((len(pool) + 1) / (max(PARAPHRASE_RARE_SHARE * len(pool), 3) + 0.5)))


def _find_paraphrase_pairs(
    pool: SentencePool,
    rows: npt.NDArray[np.int64],
    cols: npt.NDArray[np.int64],
    cos: npt.NDArray[np.float64],
    source: Sequence[str],
) -> list[int]:
    """Indexes k of the pairs (rows[k], cols[k]) that tell one plain fact in two outlets' words
    (see ``PARAPHRASE_COSINE``); ``rows``/``cols``/``cos`` are all the pool's pairs."""
    lead = np.fromiter((r.sentence < PARAPHRASE_LEAD for r in pool.refs), dtype=bool, count=len(pool))
    candidates = np.nonzero((cos >= PARAPHRASE_COSINE) & lead[rows] & lead[cols])[0]
    if candidates.size == 0:
        return []
    # Each candidate sentence's closest sentence in each other article, among its pairs in the pool
    # (only the candidates' pairs are sorted: a huge story's are many).
    wanted = np.zeros(len(pool), dtype=bool)
    wanted[rows[candidates]] = True
    wanted[cols[candidates]] = True
    articles = int(pool.article.max()) + 1
    here, there = np.concatenate([rows, cols]), np.concatenate([cols, rows])
    values = np.concatenate([cos, cos])
    mine = wanted[here]
    here, there, values = here[mine], there[mine], values[mine]
    key = here * articles + pool.article[there]
    order = np.lexsort((there, -values, key))
    head = np.ones(order.size, dtype=bool)
    head[1:] = key[order][1:] != key[order][:-1]
    closest = dict(zip(key[order][head].tolist(), there[order][head].tolist(), strict=True))
    rare_idf = _rare_idf(pool)
    out = []
    for k in candidates.tolist():
        i, j = int(rows[k]), int(cols[k])
        ai, aj = int(pool.article[i]), int(pool.article[j])
        if source[i] == source[j]:
            continue
        if closest[i * articles + aj] != j or closest[j * articles + ai] != i:
            continue
        if _published_apart(pool.published[ai], pool.published[aj]) > TOLL_WINDOW_DAYS:
            continue
        if say_one_plain_fact(pool.texts[i], pool.words[i], pool.texts[j], pool.words[j], pool.idf, rare_idf):
            out.append(k)
    return out


def say_one_plain_fact(
    text_a: str, words_a: frozenset[str], text_b: str, words_b: frozenset[str], idf: Mapping[str, float], rare_idf: float
) -> bool:
    """Whether two close sentences (content words ``words_a``/``words_b``, the story's ``idf``)
    tell one plain fact by their words: no number in either, a name only one writes is common in
    the story, and more than a third of the shorter one's content words and of its rare ones
    (idf ``rare_idf`` or more) are shared, words of saying aside (see ``PARAPHRASE_COSINE``)."""
    if find_quantities(text_a, keep_unkeyed=True) or find_quantities(text_b, keep_unkeyed=True):
        return False
    names_a, names_b = find_name_words(text_a), find_name_words(text_b)
    if any(idf.get(w, rare_idf) >= rare_idf for w in names_a ^ names_b):
        return False
    mine = {w for w in words_a - names_a if w not in _SAYING and w[:1].isalpha() and ":" not in w}
    theirs = {w for w in words_b - names_b if w not in _SAYING and w[:1].isalpha() and ":" not in w}
    # The words that tell this fact from the story's others are its rare ones.
    rare_mine = {w for w in mine if idf.get(w, 0.0) >= rare_idf}
    rare_theirs = {w for w in theirs if idf.get(w, 0.0) >= rare_idf}
    rare_shared = rare_mine & rare_theirs
    return bool(rare_shared) and 3 * len(mine & theirs) > min(len(mine), len(theirs)) and 3 * len(rare_shared) > min(len(rare_mine), len(rare_theirs))


def _published_apart(a: str | None, b: str | None) -> int:
    """Days between two ISO publication dates (0 when either is unknown)."""
    if not a or not b:
        return 0
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


# Complete-linkage floor: every pair across two merging groups scores at least threshold - slack.
LINK_SLACK = 0.12


def _find_quote_pairs(pool: SentencePool) -> set[tuple[int, int]]:
    """Pairs (i < j) of sentences of different articles sharing a quoted phrase, at most
    QUOTE_TOP_K partners per quoting sentence (its closest by cosine)."""
    norm = [normalize_phrase_text(t) for t in pool.texts]
    quoting: dict[str, list[int]] = {}
    for i, text in enumerate(pool.texts):
        for phrase in find_quoted_phrases(text, QUOTE_MIN_WORDS):
            quoting.setdefault(phrase, []).append(i)
    pairs: set[tuple[int, int]] = set()
    held = find_phrase_holders(norm, quoting)
    for phrase, quoters in quoting.items():
        holders = np.array(held[phrase], dtype=np.int64)
        for i in dict.fromkeys(quoters):
            partners = holders[pool.article[holders] != pool.article[i]]
            if partners.size > QUOTE_TOP_K:
                # A phrase repeated all over a huge story: keep the closest partners only, or the
                # pairs grow with the square of the story.
                cos = pool.vectors[partners] @ pool.vectors[i]
                partners = partners[np.lexsort((partners, -cos))[:QUOTE_TOP_K]]
            for j in partners.tolist():
                pairs.add((min(i, j), max(i, j)))
    return pairs


# Keys of measures: a small figure of these is as specific as a large count ("2 km", "4.8").
_MEASURES = frozenset({
    "metre", "kilometre", "mile", "hectare", "acre", "kilogram", "tonne", "ton", "litre", "degree",
    "foot", "feet", "centimetre", "magnitude", "percent",
})
# Measures with a unit of their own (a distance, an area, a weight, a magnitude; not a share): one
# value of one such measure in two sentences about the story at all (in the pool's pairs, cosine
# COSINE_FLOOR or more) tells one fact ("about two kilometres from the harbour entrance" / "roughly
# 2 km off the mouth of Port Arden's harbour", cosine 0.58; "magnitude 6.4 tremor" / "a magnitude
# of 6.4", 0.48), so such a pair is an edge at the threshold, as a shared quoted phrase is. Counts
# are left to the cosine: sentences sharing "18 wagons" or "26 dead" often tell other facts of them.
_UNIT_MEASURES = _MEASURES - {"percent"}


def share_measure(a: tuple[Quantity, ...], b: tuple[Quantity, ...]) -> bool:
    """Whether two sentences give one value of one measure with a unit (``_UNIT_MEASURES``)."""
    return any(qa.key == qb.key and qa.value == qb.value and qa.key in _UNIT_MEASURES for qa in a for qb in b)


def _specific(q: Quantity) -> bool:
    return q.value >= FIGURE_MIN or q.key.split(":", 1)[0] in _MEASURES or q.key.startswith("money:")


def share_figure(a: tuple[Quantity, ...], b: tuple[Quantity, ...]) -> bool:
    """Whether two sentences' quantities include one figure of one thing: same key, same value
    (at least ``FIGURE_MIN``, or any measure: "2 km", "3 percent"), whatever hedge either puts on it."""
    return any(qa.key == qb.key and qa.value == qb.value and _specific(qa) for qa in a for qb in b)


def backs_figures(text: str, quantities: tuple[Quantity, ...], rep_text: str, rep_quantities: tuple[Quantity, ...]) -> bool:
    """Whether a member of a claim backs its representative's figures: it gives no other value of
    a thing both count ("Four people died" does not back "two people died"), neither sentence
    corrects a figure the other states ("revised the cut to 1,650 from 1,800" does not back "cut
    1,800 jobs"), and it states the representative's specific figures (a sum, a measure, a count of
    ``FIGURE_MIN`` or more) or one of its other figures: "Production will move to Ostrava" backs
    the move, not "Moving it to Ostrava will save 90 million euros a year" (one sentence, two facts;
    the figure is told once), while "fought the flames for more than six hours" backs "About 200
    firefighters fought the flames for more than six hours" (it tells one of its figures)."""
    if any(map(_specific, rep_quantities)) and not {q.key for q in quantities} & {q.key for q in rep_quantities}:
        return False
    for qa in quantities:
        same = [qb for qb in rep_quantities if qb.key == qa.key]
        if same and not any(compare_quantities(qa, qb) for qb in same):
            mine = [q for q in quantities if q.key == qa.key]
            if not any(compare_quantities(q, qb) for q in mine for qb in same):
                return False
    for corrector, other in ((text, rep_quantities), (rep_text, quantities)):
        fix = find_correction(corrector)
        if fix is not None and any(q.key in (fix.key, fix.old.key) and compare_quantities(q, fix.old) for q in other):
            return False
    return True


def _quantity_penalty(a: tuple[Quantity, ...], b: tuple[Quantity, ...]) -> float:
    if a and b and not ({q.key for q in a} & {q.key for q in b}):
        return QUANTITY_MISMATCH
    return 0.0


def _quantity_penalties(quantities: Sequence[tuple[Quantity, ...]], rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """:func:`_quantity_penalty` of each pair (rows[k], cols[k]); only pairs with quantities on
    both sides can have one, so only those are looked at one by one."""
    out = np.zeros(rows.size)
    has = np.array([bool(q) for q in quantities], dtype=bool)
    both = np.nonzero(has[rows] & has[cols])[0]
    for k, i, j in zip(both.tolist(), rows[both].tolist(), cols[both].tolist(), strict=True):
        out[k] = _quantity_penalty(quantities[i], quantities[j])
    return out


# One toll in two outlets' words: two reports of one day that each give a casualty class one figure
# (every figure of it in the article agrees, leaving out sentences set apart as another event), in
# their first sentences, with the same precise value
# ("The death toll from the collapse of the Orlen dam rose to 14 on Wednesday afternoon" / "Fourteen
# people have died, the ministry said.", cosine 0.33) state one fact: the story's toll that day. An
# edge at the threshold from this cosine on (the disagreement pass compares such figures from 0.35,
# scope.SINGLE_FIGURE_COSINE; a short sentence that leans on the one before it sits lower).
TOLL_COSINE = 0.25


def _find_one_toll_pairs(pool: SentencePool) -> list[tuple[int, int]]:
    """Pairs (i < j) of sentences of two articles published on one day that give the one figure of a
    casualty class of their articles, in their first ``FIGURE_LEAD`` sentences, with one precise value."""
    values: dict[tuple[int, str], set[tuple[float, float]]] = {}
    for i, qs in enumerate(pool.quantities):
        if qs and is_set_apart(pool.texts[i]):
            continue  # "In the neighbouring province of Castel, three people were killed": another toll
        for q in qs:
            if q.key in CASUALTY_KEYS:
                values.setdefault((int(pool.article[i]), q.key), set()).add((q.low, q.high))
    leads: dict[tuple[str, float], list[int]] = {}
    for i, qs in enumerate(pool.quantities):
        if pool.refs[i].sentence >= FIGURE_LEAD or (qs and is_set_apart(pool.texts[i])):
            continue
        for q in qs:
            if q.key in CASUALTY_KEYS and q.precise and len(values[int(pool.article[i]), q.key]) == 1:
                leads.setdefault((q.key, q.value), []).append(i)
    out = set()
    for (_, _), idx in sorted(leads.items()):
        for a, i in enumerate(idx):
            for j in idx[a + 1 :]:
                ai, aj = int(pool.article[i]), int(pool.article[j])
                if ai != aj and pool.published[ai] is not None and pool.published[ai] == pool.published[aj] and pool.cosine(i, j) >= TOLL_COSINE:
                    out.add((min(i, j), max(i, j)))
    return sorted(out)


def score_pairs(
    pool: SentencePool, settings: Settings, independent_of: Mapping[str, str] | None = None
) -> dict[tuple[int, int], float]:
    """Edges between sentences of different articles: (i, j) with i < j -> pair score.

    Only pairs that pass the lexical guard (or share a quoted phrase, or tell one plain fact in
    two independent sources' words) are edges. ``independent_of``: article id -> its independent
    source (each article its own when not given)."""
    if len(pool) == 0:
        return {}
    assert COSINE_FLOOR >= PAIR_FLOOR, "the pool keeps no pairs under its floor"
    quotes = _find_quote_pairs(pool)
    edges: dict[tuple[int, int], float] = {}
    found = pool.pairs
    near = found.values >= COSINE_FLOOR  # in float32, as the pool's threshold
    rows, cols = found.rows[near], found.cols[near]
    cos = found.values[near].astype(np.float64)
    # Every pair's bonus and guard at once (sparse products over the pool's word matrices), then
    # the few pairs that need a closer look (dated sentences, quantities on both sides) one by one.
    bonus = np.minimum(BONUS_CAP, BIGRAM_BONUS * pool.bigram_matrix.shared(rows, cols))
    guard = (cos >= GUARD_FREE_COSINE) | (bonus >= BIGRAM_BONUS * 0.5)
    # One figure of one thing in a pair about the same thing: an edge however apart the wording is.
    figured = np.nonzero(cos >= FIGURE_COSINE)[0]
    figured = figured[[share_figure(pool.quantities[i], pool.quantities[j]) for i, j in zip(rows[figured].tolist(), cols[figured].tolist(), strict=True)]]
    bonus[figured] = np.minimum(BONUS_CAP, bonus[figured] + FIGURE_BONUS)
    guard[figured] = True
    unsure = np.nonzero(~guard)[0]
    guard[unsure] = pool.overlap(rows[unsure], cols[unsure]) >= GUARD_OVERLAP
    keep = np.nonzero(guard)[0]
    keep = keep[~pool.reports_later_days(rows[keep], cols[keep])]
    kept_rows, kept_cols = rows[keep], cols[keep]
    scores = (cos + bonus)[keep] - _quantity_penalties(pool.quantities, kept_rows, kept_cols)
    edges.update(zip(zip(kept_rows.tolist(), kept_cols.tolist(), strict=True), scores.tolist(), strict=True))
    # Only pairs where both sentences give a measure with a unit are looked at one by one.
    has_measure = np.fromiter((any(q.key in _UNIT_MEASURES for q in qs) for qs in pool.quantities), dtype=bool, count=len(pool))
    measured = [k for k in np.nonzero(has_measure[rows] & has_measure[cols])[0].tolist()
                if share_measure(pool.quantities[int(rows[k])], pool.quantities[int(cols[k])])]
    for k in [*measured, *_find_dated_act_pairs(pool, rows, cols), *_find_year_anchor_pairs(pool, rows, cols)]:
        pair = (int(rows[k]), int(cols[k]))
        edges[pair] = max(edges.get(pair, 0.0), settings.claim_similarity)
    for i, j in [*_find_one_toll_pairs(pool), *find_vague_toll_pairs(pool)]:
        edges[(i, j)] = max(edges.get((i, j), 0.0), settings.claim_similarity)
    source = [(independent_of or {}).get(r.article_id, r.article_id) for r in pool.refs]
    all_cos = found.values.astype(np.float64)
    paraphrased = np.array(_find_paraphrase_pairs(pool, found.rows, found.cols, all_cos, source), dtype=np.int64)
    # Not a later development told as the earlier report (as for every other edge).
    paraphrased = paraphrased[~pool.reports_later_days(found.rows[paraphrased], found.cols[paraphrased])]
    for i, j in zip(found.rows[paraphrased].tolist(), found.cols[paraphrased].tolist(), strict=True):
        edges[(i, j)] = max(edges.get((i, j), 0.0), settings.claim_similarity)
    for i, j in quotes:
        if np.float32(pool.cosine(i, j)) >= QUOTE_COSINE_FLOOR:  # in float32, as before
            edges[(i, j)] = max(edges.get((i, j), 0.0), settings.claim_similarity)
    return {p: v for p, v in edges.items() if not is_apart_toll_pair(pool, *p)}


def _link_sources(
    a: list[int], b: list[int], source: list[str], adjacent: dict[int, dict[int, float]]
) -> list[float] | None:
    """For each pair of independent sources (one in each group), the best pair score between their
    sentences; None when some pair of sources has no edge at all. ``adjacent[i][j]``: the score
    of edge (i, j) either way round.

    Taken per independent source, not per sentence: a syndicated rewrite (seeds 000/001) need not
    itself be an edge with everything its twin is an edge with."""
    best: dict[tuple[str, str], float] = {}
    no_edges: dict[int, float] = {}
    for i in a:
        near = adjacent.get(i, no_edges)
        if not near:
            continue
        for j in b:
            s = near.get(j)
            if s is not None:
                key = (source[i], source[j])
                best[key] = max(best.get(key, s), s)
    if len(best) < len({source[i] for i in a}) * len({source[j] for j in b}):
        return None
    return list(best.values())


def cluster_sentences(
    pool: SentencePool,
    edges: dict[tuple[int, int], float],
    settings: Settings,
    independent_of: Mapping[str, str],
) -> list[list[int]]:
    """Groups of sentence positions, one sentence per article per group (see module docstring)."""
    threshold = settings.claim_similarity
    floor = threshold - LINK_SLACK
    source = [independent_of.get(r.article_id, r.article_id) for r in pool.refs]
    group_of = list(range(len(pool)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(pool))}
    articles: dict[int, set[int]] = {i: {int(pool.article[i])} for i in range(len(pool))}
    adjacent: dict[int, dict[int, float]] = {}
    for (i, j), score in edges.items():
        adjacent.setdefault(i, {})[j] = score
        adjacent.setdefault(j, {})[i] = score
    for (i, j), score in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if score < threshold:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj or articles[gi] & articles[gj]:
            continue
        link = _link_sources(members[gi], members[gj], source, adjacent)
        if link is None or min(link) < floor or sum(link) / len(link) < threshold:
            continue
        keep, gone = min(gi, gj), max(gi, gj)
        members[keep].extend(members.pop(gone))
        articles[keep] |= articles.pop(gone)
        for m in members[keep]:
            group_of[m] = keep
    return [sorted(m) for _, m in sorted(members.items())]


def choose_representative(
    group: Sequence[int], pool: SentencePool, edges: dict[tuple[int, int], float]
) -> int:
    """The most central member; ties go to the one with more content words, then the first."""

    def key(i: int) -> tuple[float, int, int]:
        centrality = sum(edges.get((min(i, j), max(i, j)), 0.0) for j in group if j != i)
        return (-round(centrality, 6), -len(pool.words[i]), i)

    return min(group, key=key)


def align_claims(story: StoryContext, settings: Settings) -> tuple[Claim, ...]:
    """Every sentence in exactly one claim; claims ordered by independent sources, then sources,
    then first appearance (article id, sentence index); ids 0..n-1 in that order."""
    pool = story.pool
    edges = score_pairs(pool, settings, story.independent_of)
    drafts = []
    for group in cluster_sentences(pool, edges, settings, story.independent_of):
        rep = choose_representative(group, pool, edges)
        sources = tuple(sorted({pool.refs[i].article_id for i in group}))
        # A sentence that repeats the claim to withdraw it is no source of it (story.retractions).
        backing = tuple(sorted({pool.refs[i].article_id for i in group if not is_withdrawal(pool.texts[i])})) or sources
        if len(group) > 1 and pool.quantities[rep]:
            backing = tuple(sorted({pool.refs[i].article_id for i in group if (i == rep or backs_figures(pool.texts[i], pool.quantities[i], pool.texts[rep], pool.quantities[rep])) and pool.refs[i].article_id in backing})) or backing
        drafts.append(
            (
                -story.count_independent(backing),
                -len(sources),
                group[0],
                pool.texts[rep],
                sources,
                tuple(pool.refs[i] for i in group),
            )
        )
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    return tuple(
        Claim(id=k, text=text, sources=sources, independent_sources=-neg_ind, members=refs)
        for k, (neg_ind, _, _, text, sources, refs) in enumerate(drafts)
    )
