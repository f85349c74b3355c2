"""The story's timeline: dated events, each with every article that reports it.

Input is the map stage's :class:`~newsbrief.models.DateMention` records (see ``dates.py``). Every
sentence that names a date is a candidate event on that date (a sentence naming two dates, "is
scheduled to visit on 12-13 December, the ministry said on Thursday", is a candidate on both).
On one date, candidates that state the same fact become one event: they share a claim
(``claims.align_claims``) or their sentence embeddings are close. The event's text is its most
central member sentence; its sources are all the articles of its members.

With ``settings.timeline_dates`` (N) and/or ``settings.timeline_per_date`` (K) the timeline follows
the usual timeline-summarisation protocol (Ghalandari & Ifrim 2020, DATEWISE): dates are ranked by
how the collection treats them (``date_rank``: articles that name the date, later articles that
go back to it, articles published that day and the next), the best N are kept, and on each date the K
event groups closest to the date's centroid are kept; candidates for a date then also include the
opening sentences of articles published that day or the next, which carry no date of their own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from newsbrief.config import Settings
from newsbrief.annotate.dates import strip_dateline
from newsbrief.models import AnnotatedArticle, Claim, TimelineEvent
from newsbrief.story.context import StoryContext
from newsbrief.story.dateranges import range_end
from newsbrief.story.date_rank import DATE_WEIGHTS, MIN_WORDS, Candidate, collect_candidates, in_window, rank_dates
from newsbrief.story.fullnames import find_full_names, write_name_in_full
from newsbrief.story.ownnouns import find_own_nouns
from newsbrief.story.stated_values import said_then
from newsbrief.story.similarity import bounded_top_k, find_similar_pairs
from newsbrief.story.timeline_select import ENTRY_COSINE, find_story_nouns, judge_dated_entry, measure_centre
from newsbrief.vocabulary import count_words

# Two sentences on the same date state the same event above this cosine (all-MiniLM-L6-v2). Lower
# than Settings.claim_similarity (0.72) because sharing the date is itself evidence. On the seeds
# the two retellings of "in October Xi told Vietnam's second-highest official ..." score 0.80 and
# the closest pair of different events on one date ("met Trong on Tuesday" vs "starts a two-day
# visit on Tuesday") 0.58.
SAME_EVENT_COSINE = 0.65
# Protocol mode: undated sentences among the first PUB_SENTENCES of an article are candidates for
# its publication day and the day before (DATEWISE's clip_sents=5, pub_end=2).
PUB_SENTENCES = 5
PUB_DAYS = 2
# A brief's entries under different dates are one sentence told again at this cosine and up: on
# LibyaWar_cnn the pairs at 0.90 and up are the same fact with another day ("The Arab League will
# hold an urgent summit Tuesday ..." reported on two days, "China has evacuated 12,000 ..."); at
# 0.85-0.90 they begin to be updates ("Nearly 36,000 Chinese nationals ... evacuated").
NEAR_COPY_COSINE = 0.9
_WORD = re.compile(r"\w+")
# Protocol mode: a chosen group is redundant with another chosen on the same date above this cosine.
REDUNDANT_COSINE = 0.75
def _vector(by_id: dict[str, AnnotatedArticle], c: Candidate) -> npt.NDArray[np.float32] | None:
    emb = by_id[c.article].embeddings
    if emb.ndim != 2 or emb.shape[0] <= c.sentence or emb.shape[1] == 0:
        return None
    row: npt.NDArray[np.float32] = emb[c.sentence]
    return row


def _publication_candidates(annotated: Sequence[AnnotatedArticle], dates: set[str]) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = defaultdict(list)
    for a in annotated:
        pub = a.article.published
        if pub is None:
            continue
        dated = {m.sentence for m in a.dates}
        for k in range(min(PUB_DAYS, pub.toordinal())):  # no day before 0001-01-01
            day = (pub - dt.timedelta(days=k)).isoformat()
            if day not in dates:
                continue
            for s in a.sentences[:PUB_SENTENCES]:
                if s.index not in dated and count_words(s.text) >= MIN_WORDS:
                    out[day].append(Candidate(day, a.article.id, s.index, s.text, False))
    return out


def group_candidates(
    cands: Sequence[Candidate],
    vectors: Sequence[npt.NDArray[np.float32] | None],
    claim_of: dict[tuple[str, int], int],
) -> list[list[int]]:
    """Indices of ``cands`` grouped into events.

    Sentences of one claim are one event. Then groups merge, closest pair first, while the
    average cosine between their members is at least SAME_EVENT_COSINE (average linkage: single
    linkage chains a busy date's distinct events into one through intermediate sentences).
    """
    groups: dict[int, list[int]] = {}
    owner = list(range(len(cands)))
    by_claim: dict[int, int] = {}
    for i, c in enumerate(cands):
        cid = claim_of.get((c.article, c.sentence))
        if cid is not None and cid in by_claim:
            owner[i] = by_claim[cid]
            groups[owner[i]].append(i)
        else:
            groups[i] = [i]
            if cid is not None:
                by_claim[cid] = i
    have = np.array([i for i, v in enumerate(vectors) if v is not None], dtype=np.int64)
    if have.size > 1:
        mat = np.stack([v for v in vectors if v is not None])
        # Close pairs only (a busy date of a huge story has thousands of candidates): bounded
        # like the sentence pool's, block by block, never the date's full matrix.
        close = find_similar_pairs(mat, SAME_EVENT_COSINE, top_k=bounded_top_k(have.size))
        row_of = {c: k for k, c in enumerate(have.tolist())}
        order = np.lexsort((close.cols, close.rows, -close.values))
        for i, j in zip(have[close.rows[order]].tolist(), have[close.cols[order]].tolist(), strict=True):
            gi, gj = owner[i], owner[j]
            if gi == gj:
                continue
            if _mean_cosine(mat, row_of, groups[gi], groups[gj]) < SAME_EVENT_COSINE:
                continue
            keep, gone = min(gi, gj), max(gi, gj)
            for k in groups.pop(gone):
                owner[k] = keep
                groups[keep].append(k)
    return [sorted(g) for _, g in sorted(groups.items())]


# Above this many cross pairs, two groups' mean cosine is taken from their summed vectors (equal
# in exact arithmetic, and it never builds a |a| x |b| block); below, from the pairs themselves.
MEAN_BY_SUMS = 1_000_000


def _mean_cosine(mat: npt.NDArray[np.float32], row_of: dict[int, int], a: list[int], b: list[int]) -> float:
    """Mean cosine between the candidates ``a`` and ``b`` (rows of ``mat`` by ``row_of``); a pair
    with a candidate that has no vector counts as -1."""
    ra = [row_of[k] for k in a if k in row_of]
    rb = [row_of[k] for k in b if k in row_of]
    if len(a) * len(b) > MEAN_BY_SUMS:
        missing = len(a) * len(b) - len(ra) * len(rb)
        return (float(mat[ra].sum(axis=0) @ mat[rb].sum(axis=0)) - missing) / (len(a) * len(b))
    block = np.full((len(a), len(b)), -1.0, dtype=np.float32)
    block[np.ix_([k in row_of for k in a], [k in row_of for k in b])] = mat[ra] @ mat[rb].T
    return float(block.mean())


def _choose_representative(
    members: list[int],
    cands: Sequence[Candidate],
    vectors: Sequence[npt.NDArray[np.float32] | None],
    centre: npt.NDArray[np.float32] | None,
) -> int:
    """The member closest to the group's (and the date's) centre; informative sentences win ties.

    Sentences that name the date beat undated publication-day sentences; a sentence of 15-40
    words reads as a complete event, shorter ones are often fragments, longer ones run-ons.
    """
    vecs = [vectors[i] for i in members]
    group_mean = None
    if all(v is not None for v in vecs):
        group_mean = np.mean(np.stack(vecs), axis=0)  # type: ignore[arg-type]
        if centre is not None:
            group_mean = group_mean + centre

    def score(i: int) -> tuple[float, str, int]:
        c = cands[i]
        s = 0.0
        v = vectors[i]
        if group_mean is not None and v is not None:
            s += float(v @ group_mean) / (float(np.linalg.norm(group_mean)) or 1.0)
        n = count_words(c.text)
        # Hand-set tie-breakers, small beside the cosine term (members of a group lie within ~0.1
        # of each other): checked on the seeds, where they pick full sentences over fragments.
        s += 0.1 * (min(n, 15) / 15) - 0.1 * max(0, n - 40) / 40
        s += 0.2 if c.mentioned else 0.0
        return (-s, c.article, c.sentence)

    return min(members, key=score)


def _centre(vectors: Sequence[npt.NDArray[np.float32] | None]) -> npt.NDArray[np.float32] | None:
    have = [v for v in vectors if v is not None]
    if not have:
        return None
    m = np.mean(np.stack(have), axis=0)
    n = float(np.linalg.norm(m))
    return (m / n).astype(np.float32) if n > 0 else None


def _events_on_date(
    date: str,
    cands: list[Candidate],
    by_id: dict[str, AnnotatedArticle],
    claim_of: dict[tuple[str, int], int],
    per_date: int | None,
    story_centre: npt.NDArray[np.float32] | None = None,
    nouns: frozenset[str] = frozenset(),
    judged: dict[tuple[str, dt.date | None], bool] | None = None,
    full_names: Mapping[str, str] | None = None,
) -> list[tuple[TimelineEvent, Candidate]]:
    """The events of one date from its candidate sentences. ``nouns``: the story's
    (``find_story_nouns``); ``judged``: whether a sentence text (with its article's day) stands
    alone as an entry, kept across the dates of one timeline (a sentence naming several dates is
    a candidate on each); ``full_names``: the story's (``fullnames.find_full_names``), for entries
    that open on a speaker's surname."""
    cands = sorted(cands, key=lambda c: (c.article, c.sentence, not c.mentioned))
    vectors = [_vector(by_id, c) for c in cands]
    centre = _centre(vectors) if per_date is not None else None
    groups = group_candidates(cands, vectors, claim_of)
    # A group made only of undated publication-day sentences needs the date's centre to vouch for it.
    groups = [g for g in groups if any(cands[i].mentioned for i in g) or per_date is not None]
    # A brief's entry is read out of its article: it is told by a member that stands alone, and a
    # group with none is dropped ("The aircraft targeted ...", a host's "Before we go today ...").
    # The protocol is left as it was: preferring such members there moved Timeline17's alignment
    # ROUGE down a little (AR-2 0.055 to 0.053; benchmarks/results/timeline_real.md).
    alone = [True] * len(cands)
    if per_date is None:
        judged = {} if judged is None else judged
        alone = [_stands_alone(_written(c, by_id, full_names), by_id[c.article].article.published, nouns, judged) for c in cands]
        # Nor is a sentence an entry on a date it names only as background ("had not been seen
        # since April 30"); it stays a candidate on the date it reports, if it names one. Nor
        # one far from the story's centre (timeline_select.ENTRY_COSINE).
        alone = [
            ok
            and not _in_background(c, date, by_id, _ELSEWHERE_BEFORE)
            and not _in_background(c, date, by_id, _COMPARED_BEFORE)
            and not _in_background(c, date, by_id, _AFTER_BEFORE, outside=_LOOKS_AHEAD)
            and (story_centre is None or v is None or float(v @ story_centre) >= ENTRY_COSINE)
            for ok, c, v in zip(alone, cands, vectors, strict=True)
        ]
        groups = [g for g in groups if any(alone[i] for i in g)]
        # A preview ("Xi will visit Vietnam on Tuesday", published the week before) is not the
        # report of the day it looks ahead to: where a report published on or after the date
        # tells the event, that report speaks for the group, and a group told only in previews
        # gives way to the reports of that date.
        # A deadline or the end of a state ("has until Friday to say how it will pay", "is due to
        # last until Wednesday") is no preview: it tells what is due on that day, which the day's
        # reports seldom tell again; it stays beside them.
        reported = [_reports_date(c, date, by_id) for c in cands]
        due = [not reported[i] and _in_background(c, date, by_id, _DUE_BEFORE) for i, c in enumerate(cands)]
        if any(reported[i] and alone[i] for g in groups for i in g):
            groups = [g for g in groups if any((reported[i] or due[i]) and alone[i] for i in g)]
    else:
        reported = [True] * len(cands)
    reps = [
        _choose_representative(
            [i for i in g if alone[i] and reported[i]] or [i for i in g if alone[i]] or g, cands, vectors, centre
        )
        for g in groups
    ]
    order = list(range(len(groups)))
    if per_date is not None:
        order = _rank_groups(groups, reps, cands, vectors, centre)[:per_date]
    events = []
    for gi in order:
        rep = cands[reps[gi]]
        pub = by_id[rep.article].article.published
        sources = tuple(sorted({cands[i].article for i in groups[gi]}))
        text = strip_dateline(_written(rep, by_id, full_names), pub)
        until = next((u for t in _named_as(rep, date, by_id) if (u := range_end(t, date))), None)
        events.append((TimelineEvent(date=date, text=text, sources=sources, until=until), rep))
    return events


def _written(c: Candidate, by_id: dict[str, AnnotatedArticle], full_names: Mapping[str, str] | None) -> str:
    """``c``'s text, but without its dateline and with an opening surname written as the full
    name (``fullnames.write_name_in_full``) where the story names that person in full."""
    if not full_names:
        return c.text
    stripped = strip_dateline(c.text, by_id[c.article].article.published)
    full = write_name_in_full(stripped, full_names)
    return c.text if full == stripped else full


def _stands_alone(
    text: str, published: dt.date | None, nouns: frozenset[str], judged: dict[tuple[str, dt.date | None], bool]
) -> bool:
    """Whether ``text`` (of an article published on ``published``) can be an entry on its own;
    looked up in ``judged`` first."""
    key = (text, published)
    found = judged.get(key)
    if found is None:
        found = judged[key] = judge_dated_entry(text, published, nouns) is None
    return found


# A date in a clause of time reached from the main one ("since 2019", "weeks before the fire on
# Monday", "after Monday night's fire", "until June") is background to what the sentence reports.
# Of those, the clauses that surely put the date apart from the sentence's news: "since" ("had not
# been seen since April 30") and a distance ("two days after the vote on Thursday"). Not a bare
# "after"/"before" ("shortly after dawn on Monday" times the news itself) nor "until" (the end of
# a state or a deadline, "schools stay closed until Thursday", happens on that day).
_ELSEWHERE_BEFORE = re.compile(
    r"(?i:(?:\bsince|\b(?:days?|weeks?|months?|years?)\s+(?:after|before|ahead\s+of|prior\s+to))\b(?:\W+[\w'\u2019-]+){0,6}?\W*)$"
)
# A date in a comparison ("similar to Biden's visit in September", ", like the March summit",
# "as in 2019", "unlike last year") is the other event's, set beside the sentence's news.
# A bare "like" only where it opens a clause (", like the ..."): "dressed like clowns" compares nothing.
_COMPARED_BEFORE = re.compile(
    r"(?i:(?:\b(?:similar(?:ly)?\s+to|(?:just|much|not)\s+(?:un)?like|unlike|as\s+(?:in|with|during|was\s+the\s+case)"
    r"|compared\s+(?:with|to)|in\s+contrast\s+to|echoing|mirroring|reminiscent\s+of)|(?:^|[,;:(\u2014-])\s*like)"
    r"\b(?:\W+[\w'\u2019-]+){0,6}?\W*)$"
)
# A sentence that looks ahead or guesses ("may seek", "could raise", "is expected to") reports no
# happening on a date named in its clause of time ("after the March meeting"): the date is the
# other event's. "until" stays the sentence's own day (a deadline).
_LOOKS_AHEAD = re.compile(r"(?i:\b(?:may|might|could|would|will|shall|(?:expected|likely|set|poised)\s+to)\b|\w'll\b)")
_AFTER_BEFORE = re.compile(r"(?i:\b(?:before|after|following|prior\s+to|ahead\s+of)\b(?:\W+[\w'\u2019-]+){0,6}?\W*)$")
# An anchored date expression: "three months after", "two days before".
_DISTANCE_MENTION = re.compile(r"(?i:\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s*$)")
# A "since" clause runs on to its date however long its subject, while no punctuation ends it ("since
# the Old Quay bridge in the harbour town collapsed on Tuesday").
_BACKGROUND_BEFORE = re.compile(
    r"(?i:\b(?:since|before|after|until|till|following|prior\s+to|ahead\s+of)\b(?:\W+[\w'\u2019-]+){0,6}?\W*)$"
    r"|(?i:\bsince\b(?:[^\w,;:.!?]+[\w'\u2019-]+){0,12}?[^\w,;:.!?]*)$"
)


# A relative clause about someone or something the sentence names: "A runner who collapsed near
# the finish on Sunday died in hospital on Monday" is Monday's news; Sunday only says who died.
_RELATIVE_BEFORE = re.compile(r"(?i:\b(?:who|which)\b(?:[^\w,;:.!?]+[\w'\u2019-]+){0,12}?[^\w,;:.!?]*)$")


# The date a deadline or a state's end falls on: "until Thursday", "till at least Friday".
_DUE_BEFORE = re.compile(r"(?i:\b(?:until|till)\s+(?:at\s+least\s+)?)$")


def _reports_date(c: Candidate, date: str, by_id: dict[str, AnnotatedArticle]) -> bool:
    """Whether ``c``'s article was published on or after ``date`` (or its day is unknown): it can
    report what happened then, where an earlier article could only look ahead to it."""
    pub = by_id[c.article].article.published
    return pub is None or pub.isoformat()[: len(date)] >= date


def _named_as(c: Candidate, date: str, by_id: dict[str, AnnotatedArticle]) -> list[str]:
    """The words by which ``c``'s sentence names ``date``."""
    return [m.text for m in by_id[c.article].dates if m.sentence == c.sentence and m.date == date]


def _dates_of(c: Candidate, by_id: dict[str, AnnotatedArticle]) -> set[str]:
    """Every date ``c``'s sentence names."""
    return {m.date for m in by_id[c.article].dates if m.sentence == c.sentence}


def _in_relative_clause(c: Candidate, date: str, by_id: dict[str, AnnotatedArticle]) -> bool:
    """Every mention of ``date`` in ``c``'s sentence is the first date of a "who" / "which" clause
    (_RELATIVE_BEFORE): a later date is the main clause's ("who fell on Saturday died on Tuesday")."""
    found = [at for t in _named_as(c, date, by_id) if (at := c.text.find(t)) >= 0]
    others = [at for m in by_id[c.article].dates if m.sentence == c.sentence and (at := c.text.find(m.text)) >= 0]
    for at in found:
        start = max(0, at - 80)
        m = _RELATIVE_BEFORE.search(c.text[start:at])
        if m is None or any(start + m.start() < o < at for o in others):
            return False
    return bool(found)


def _in_background(
    c: Candidate,
    date: str,
    by_id: dict[str, AnnotatedArticle],
    clause: re.Pattern[str] | None = None,
    outside: re.Pattern[str] | None = None,
) -> bool:
    """Every mention of ``date`` in ``c``'s sentence sits in a clause of time (``clause``, by
    default _BACKGROUND_BEFORE: "since April 30", "after Monday's fire"); with ``outside``, only
    when the sentence's words outside that clause match it too (the main verb looks ahead)."""
    pattern = clause or _BACKGROUND_BEFORE
    # A mention that is itself a distance ("three months after" Biden's trip, resolved to that
    # trip's month) dates what follows it, not the sentence's news: it is read with its own words.
    found = [(at, at + len(t) if _DISTANCE_MENTION.search(t) else at, t) for t in _named_as(c, date, by_id) if (at := c.text.find(t)) >= 0]
    if not found:
        return False
    for at, end, t in found:
        start = max(0, at - 80)
        m = pattern.search(c.text[start:end])
        if m is None:
            return False
        if outside is not None and not outside.search(c.text[: start + m.start()] + " " + c.text[at + len(t) :]):
            return False
    return True


def _once_per_sentence(events: Sequence[tuple[TimelineEvent, Candidate]], by_id: dict[str, AnnotatedArticle]) -> list[TimelineEvent]:
    """Each event text listed once, under the date it is about.

    A sentence naming several dates is a candidate on each (so it can join the events of each),
    but a reader shown it two or three times under different dates sees one fact as several. It
    stays under the date it reports rather than the day it was said ("..., officials said on
    Monday") or a background date ("since 2019", "after Monday's fire", "a runner who collapsed on
    Sunday died on Monday": a "who" / "which" clause), a background date last
    ("Estuary Lines said on Wednesday it had lost 40,000 euros since the bridge closed on Tuesday"
    is Wednesday's report: the day it was said is when the loss stood so, the "since" day only
    where it began), then the date where more articles report it, then the most precise (a day
    before a month before a year), then the one named first.
    """

    def rank(item: tuple[TimelineEvent, Candidate]) -> tuple[bool, bool, bool, int, int, int, str]:
        event, rep = item
        named = _named_as(rep, event.date, by_id)
        said = bool(named) and all(said_then(rep.text, t) for t in named)
        places = [rep.text.find(t) for t in named if rep.text.find(t) >= 0]
        at = min(places, default=0)
        background = _in_background(rep, event.date, by_id) or _in_relative_clause(rep, event.date, by_id)
        return (not rep.mentioned, background, said, -len(event.sources), -len(event.date), at, event.date)

    best: dict[str, tuple[tuple[bool, bool, bool, int, int, int, str], TimelineEvent, Candidate]] = {}
    for item in events:
        # The same words whatever the spacing, case and punctuation (one outlet's copy of a wire
        # sentence quotes or commas it differently).
        key = " ".join(_WORD.findall(item[0].text.lower()))
        r = rank(item)
        if key not in best or r < best[key][0]:
            best[key] = (r, item[0], item[1])
    kept = sorted(best.values(), key=lambda b: b[0])
    # Retellings of one sentence (cosine NEAR_COPY_COSINE and up) that put it on other days go the
    # same way, unless one names the other's date: then it is a sentence about two dates ("will
    # visit on 12-13 December, the ministry said on Thursday"), an entry on each.
    vecs = [_vector(by_id, c) for _, _, c in kept]
    have = [i for i, v in enumerate(vecs) if v is not None]
    gone: set[int] = set()
    if len(have) > 1:
        close = find_similar_pairs(np.stack([vecs[i] for i in have]), NEAR_COPY_COSINE)  # type: ignore[misc]
        for a, b in sorted(zip(close.rows.tolist(), close.cols.tolist(), strict=True)):
            i, j = have[a], have[b]  # i < j: i ranks first
            (_, ei, ci), (_, ej, cj) = kept[i], kept[j]
            if i not in gone and not _dates_of(ci, by_id) & {ej.date} and not _dates_of(cj, by_id) & {ei.date}:
                gone.add(j)
    return [e for k, (_, e, _) in enumerate(kept) if k not in gone]


def _rank_groups(
    groups: list[list[int]],
    reps: list[int],
    cands: Sequence[Candidate],
    vectors: Sequence[npt.NDArray[np.float32] | None],
    centre: npt.NDArray[np.float32] | None,
) -> list[int]:
    """Groups by closeness to the date's centre (more sources weigh in), redundant ones dropped."""

    def score(gi: int) -> float:
        v = vectors[reps[gi]]
        sim = float(v @ centre) if v is not None and centre is not None else 0.0
        n_sources = len({cands[i].article for i in groups[gi]})
        # Hand-set nudges: a fact several outlets report, or one that names the date, wins near-ties.
        return sim + 0.05 * math.log(n_sources) + (0.05 if cands[reps[gi]].mentioned else 0.0)

    ranked = sorted(range(len(groups)), key=lambda gi: (-score(gi), cands[reps[gi]].article, reps[gi]))
    chosen: list[int] = []
    for gi in ranked:
        v = vectors[reps[gi]]
        if v is not None and any(
            (w := vectors[reps[cj]]) is not None and float(v @ w) >= REDUNDANT_COSINE for cj in chosen
        ):
            continue
        chosen.append(gi)
    return chosen


def build_timeline(
    story: StoryContext,
    claims: Sequence[Claim],
    settings: Settings,
    *,
    window: tuple[dt.date, dt.date] | None = None,
    date_weights: Mapping[str, float] = DATE_WEIGHTS,
) -> tuple[TimelineEvent, ...]:
    """The timeline of the story, sorted by date then first source.

    Without ``settings.timeline_dates``/``timeline_per_date`` every dated event is listed. With
    them, the N most important dates and K events per date (see the module docstring). ``window``
    (inclusive) keeps only dates inside it, as the Timeline17 protocol does with the reference span.
    ``date_weights`` rank the dates (``date_rank.score_dates``; a benchmark passes weights fitted
    without the topic it scores).
    """
    annotated = story.annotated
    by_id = {a.article.id: a for a in annotated}
    claim_of = {(r.article_id, r.sentence): c.id for c in claims for r in c.members}
    candidates = collect_candidates(annotated)
    n_dates, per_date = settings.timeline_dates, settings.timeline_per_date
    protocol = n_dates is not None or per_date is not None
    if protocol:
        dates = rank_dates(annotated, candidates, window, date_weights)
        if n_dates is not None:
            dates = dates[:n_dates]
        for day, extra in _publication_candidates(annotated, set(dates)).items():
            candidates[day] = list(candidates.get(day, [])) + extra
    else:
        dates = sorted(d for d in candidates if in_window(d, window))
    found: list[tuple[TimelineEvent, Candidate]] = []
    story_centre = None if protocol else measure_centre(annotated)
    # Story-wide, so found once rather than for each date.
    nouns = frozenset() if protocol else find_story_nouns(list(by_id.values())) | find_own_nouns(annotated, story.syndication)
    judged: dict[tuple[str, dt.date | None], bool] = {}
    full_names = {} if protocol else find_full_names(annotated)
    for date in dates:
        cands = candidates.get(date, [])
        if cands:
            found.extend(_events_on_date(date, cands, by_id, claim_of, per_date if protocol else None, story_centre, nouns, judged, full_names))
    # The protocol scores dates, each with its own K events: a sentence stays a candidate on each.
    events = [e for e, _ in found] if protocol else _once_per_sentence(found, by_id)
    return tuple(sorted(events, key=lambda e: (e.date, e.sources[0] if e.sources else "", e.text)))
