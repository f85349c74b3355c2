"""Which timeline entries an editor's budget keeps, and which sentences may be entries at all.

A brief's timeline shows at most ``budget_timeline`` entries out of the thousands a big story's
articles date. Two rules decide which:

* **Spread over the story's span** (:func:`spread_dates`). Ranked by importance alone
  (``date_rank``), the dates of a story whose coverage is dense in its first weeks all come from
  those weeks: a war's outbreak fills 24 of 25 entries and its turning points months later are
  missing. So the span of the coverage (publication dates, a few detached ones left out) is cut into
  equal periods, about one per ``PER_PERIOD`` entries, and each period gets a quota of entries
  in proportion to the square root of its mass (the summed importance of its dates): a burst of
  coverage still gets more entries than a quiet month, but every period where something was
  reported gets its share. Within a period the most important dates win. Dates outside the span
  and coarse dates (a month, a year) come after; dates far outside it (a 1969 coup in a 2011
  story's background, :mod:`~newsbrief.story.background_dates`) come after every round of the
  story's own dates.
* **An entry stands alone** (:func:`judge_entry`). An entry is read out of its article, like a
  summary sentence, so the summary's test applies (``summary.candidates.judge_sentence``, which
  ends on ``summary.standalone``): no fragment, headline or question, no unattributed quotation
  or first-person voice (a show's host: "Before we go today, there's a shuttle mission we're
  talking to you about"), no follower ("The aircraft targeted al-Brega ...": which aircraft?).
  Broadcast chatter in the third person ("Coming up next", "Still ahead") is refused too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from newsbrief.annotate.dates import strip_dateline
from newsbrief.models import AnnotatedArticle, TimelineEvent
from newsbrief.story import date_rank
from newsbrief.story import topic
from newsbrief.story.background_dates import find_background_dates
from newsbrief.story.ownnouns import stem_noun
from newsbrief.story.topic import lead_vectors
from newsbrief.summary.candidates import CandidateRules, ends_on_bare_reply, judge_sentence
from newsbrief.summary.standalone import ANAPHORIC_HEADS, BROADCAST_CHATTER, standalone_reason
from newsbrief.textmemo import MEMO

# Entries per period on average: 25 entries make 8 periods (a month each for an 8-month war, two
# days each for a fortnight's story). Fewer periods let one burst take the budget back; more give
# a stray article's date a slot.
PER_PERIOD = 3
# measure_span: at most this share of the articles, cut off at an end of the publication dates by
# a gap of more than GAP_SHARE of their range (and MIN_GAP_DAYS), is left out of the span.
EDGE_SHARE = 0.05
GAP_SHARE = 0.1
MIN_GAP_DAYS = 7
# The span opens this many days before the first report: a story's first event is reported in the
# next days (MJ_bbc's first page is of 27 June 2009, the death it reports of the 25th). A week was
# tried: on a short story it made a period of its own out of misdated sentences before the event.
LEAD_DAYS = 3
# A brief's entry is read alone at the top of a section: its sentence must sit at least this close
# to the story's centre (MiniLM cosine). topic.FAR_SENTENCE (0.10) sets aside what is surely about
# something else; on LibyaWar_cnn the entries' median is 0.43 and a tenth lie under 0.21: a news
# show's other segments ("hurricane warnings for Puerto Rico", 0.15) and leftovers ("CNN conducted
# a third phone interview with her Monday", 0.15), among a few true ones told in a story's margin.
ENTRY_COSINE = 0.2
# The summary's test with a timeline's own length floor: "Gadhafi was killed on Thursday." is an
# entry (date_rank.MIN_WORDS), though too short for a summary.
ENTRY_RULES = CandidateRules(min_words=date_rank.MIN_WORDS, name_opens=True)
# What is left of a bracket a cleaning step cut through: "RRB- showing violence ...", ") said".
_BRACKET_LEFT = re.compile(r"^\W*(?:-?[LR][RSC]B-|[)\]}])")

_TRAILING_DAY = re.compile(
    r"\s+(?:on\s+|late\s+|early\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*([.!])\s*$",
    re.I,
)

_DAY_WORDS = re.compile(r"(?i:\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?)\b")
_PRONOUN_TAIL = re.compile(r",\s*(?:''\s*)?(?:he|she|they)\s+[a-z]+\s*[.!]\s*$")

_PLURAL_HEAD = re.compile(r"^(The (?:[a-z]+ )?)([a-z]+?)s\b")


def _singular_head(text: str) -> str:
    """``text`` with a plural noun after its opening "The" made singular ("The interviews
    continued ..." -> "The interview continued ..."), when the singular is one of
    ``summary.standalone.ANAPHORIC_HEADS``, which lists singulars."""
    m = _PLURAL_HEAD.match(text)
    if m is None or m.group(2) not in ANAPHORIC_HEADS:
        return text
    return m.group(1) + m.group(2) + text[m.end() :]


# A word is the story's own subject when at least this share of its articles' titles carry it
# (and at least TITLE_MIN_ARTICLES of them): "visit" in a state visit's coverage.
TITLE_SHARE = 0.5
TITLE_MIN_ARTICLES = 2
_TITLE_WORD = re.compile(r"[a-z]+")


def find_story_nouns(annotated: Sequence[AnnotatedArticle]) -> frozenset[str]:
    """Words (lower case, a final "s" dropped) in at least TITLE_SHARE of the articles' titles: what
    the brief's headline names, so that "The visit" needs no sentence before it in the brief."""
    titles = [a.article.title for a in annotated if a.article.title]
    if len(titles) < TITLE_MIN_ARTICLES:
        return frozenset()
    counts: dict[str, int] = {}
    for t in titles:
        for w in {stem_noun(w) for w in _TITLE_WORD.findall(t.lower())}:
            counts[w] = counts.get(w, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= max(TITLE_MIN_ARTICLES, TITLE_SHARE * len(titles)))


_POSSESSIVE = re.compile(r"['\u2019]s$")


def _name_story_subject(text: str, story_nouns: frozenset[str]) -> str:
    """``text`` with an opening "The [modifier] <noun>" written as a name ("The visit follows" ->
    "Visit follows") when the noun is the story's own subject (``find_story_nouns``): in a brief
    whose headline names the visit, "the visit" is that one, not a reference to a sentence before."""
    words = text.split(None, 3)
    # "The group's bus": the story's own group says whose bus.
    heads = [_POSSESSIVE.sub("", w) for w in words[1:3]]
    if len(words) < 3 or words[0] != "The" or not any(stem_noun(w) in story_nouns for w in heads if w.isalpha() and w.islower()):
        return text
    rest = text[len("The") :].lstrip()
    return rest[:1].upper() + rest[1:]


def judge_entry(text: str, story_nouns: frozenset[str] = frozenset()) -> str | None:
    """Why ``text`` cannot be a timeline entry on its own, or None when it can (see the module
    docstring): the summary's reason (``"follower"``, ``"unattributed quote"``, ...) or
    ``"chatter"``. A definite opening whose noun is one of ``story_nouns`` (``find_story_nouns``)
    is no follower."""
    text = _name_story_subject(text, story_nouns)
    if BROADCAST_CHATTER.search(text):
        return "chatter"
    if _BRACKET_LEFT.match(text):
        return "fragment"
    if "\\/" in text:  # an escaped slash is a page's script or listing data, never prose
        return "furniture"
    # "Gen. Marc van Uhm said Tuesday.": without its day, only a speaker and a verb of saying.
    undated = _TRAILING_DAY.sub(r"\1", text)
    if undated != text and ends_on_bare_reply(undated):
        return "fragment"
    # "..., she reported." (the summary's list of verbs after a pronoun is shorter); "The speech
    # Monday night follows ...": a definite description with its day between noun and verb.
    undated_words = _DAY_WORDS.sub("", text)
    if _PRONOUN_TAIL.search(text) or standalone_reason(undated_words) or standalone_reason(_singular_head(undated_words)):
        return "follower"
    return judge_sentence(text, ENTRY_RULES)


def entry_kind(published: dt.date | None) -> str:
    """The memo kind (:data:`newsbrief.textmemo.MEMO`) of :func:`judge_dated_entry`'s verdicts on
    the sentences of articles published on ``published``."""
    return f"timeline/entry/{published.isoformat() if published else '-'}"


def judge_dated_entry(text: str, published: dt.date | None, story_nouns: frozenset[str] = frozenset()) -> str | None:
    """:func:`judge_entry` of ``text`` without its dateline (``strip_dateline`` with its article's
    day ``published``). Where the story's nouns leave the text judged as it is (nearly always),
    the verdict depends on the text and the day alone: it is looked up in the memo first (a stored
    story's were found at ingest, corpus/facts.py), a fifth of a millisecond of regular
    expressions each otherwise."""
    stripped = strip_dateline(text, published)
    if _name_story_subject(stripped, story_nouns) != stripped:
        return judge_entry(stripped, story_nouns)
    return MEMO.get(entry_kind(published), text, lambda t: judge_entry(strip_dateline(t, published)))


def measure_centre(annotated: Sequence[AnnotatedArticle]) -> npt.NDArray[np.float32] | None:
    """The story's centre as the off-topic test finds it (``topic.find_centre`` of the leads)."""
    vecs = lead_vectors(annotated)
    if len(vecs) < topic.MIN_ARTICLES:
        return None
    return topic.find_centre(np.stack([vecs[k] for k in sorted(vecs)]))


def measure_span(annotated: Sequence[AnnotatedArticle]) -> tuple[dt.date, dt.date] | None:
    """First publication day of the coverage (less LEAD_DAYS) and its last; None when no article
    has a date.

    A few articles cut off from the rest at either end (at most EDGE_SHARE of them, beyond a gap
    of more than GAP_SHARE of the whole range and at least MIN_GAP_DAYS) are left out: a
    retrospective a year on does not stretch a war's span over the quiet year between.
    """
    pubs = sorted(a.article.published for a in annotated if a.article.published is not None)
    if not pubs:
        return None
    gap = max(MIN_GAP_DAYS, (pubs[-1] - pubs[0]).days * GAP_SHARE)
    cuts = [k for k in range(1, len(pubs)) if (pubs[k] - pubs[k - 1]).days > gap]
    most = len(pubs) * EDGE_SHARE
    first = max((k for k in cuts if k <= most), default=0)
    last = min((k for k in cuts if len(pubs) - k <= most), default=len(pubs))
    lead = min(LEAD_DAYS, pubs[first].toordinal() - 1)  # no day before 0001-01-01
    return pubs[first] - dt.timedelta(days=lead), pubs[last - 1]


def allocate_quotas(weights: Sequence[float], caps: Sequence[int], total: int) -> list[int]:
    """``total`` slots shared in proportion to ``weights`` (largest remainder, earlier first on
    ties), no share above its cap; what a capped share cannot take goes to the others."""
    quota = [0] * len(weights)
    left = min(total, sum(caps))
    while left > 0:
        open_ = [i for i, w in enumerate(weights) if quota[i] < caps[i] and w > 0]
        if not open_:
            break
        mass = sum(weights[i] for i in open_)
        share = {i: left * weights[i] / mass for i in open_}
        given = 0
        for i in open_:
            add = min(int(share[i]), caps[i] - quota[i])
            quota[i] += add
            given += add
        if given == 0:  # every share below one slot: the largest remainders take one each
            for i in sorted(open_, key=lambda i: (-share[i], i))[:left]:
                quota[i] += 1
                given += 1
        left -= given
    return quota


def spread_dates(
    order: Sequence[str], scores: Mapping[str, float], limit: int, span: tuple[dt.date, dt.date] | None
) -> list[str]:
    """``order`` (dates, most important first) with its first ``limit`` dates spread over ``span``
    by per-period quotas (see the module docstring); the rest follow in their order."""
    if span is None or limit < 2 * PER_PERIOD:
        return list(order)
    n_days = (span[1] - span[0]).days + 1
    inside = [d for d in order if len(d) == 10 and span[0] <= dt.date.fromisoformat(d) <= span[1]]
    n_periods = min(limit // PER_PERIOD, n_days)
    if n_periods < 2 or len(inside) <= limit:
        return list(order)
    periods: list[list[str]] = [[] for _ in range(n_periods)]
    for d in inside:
        periods[(dt.date.fromisoformat(d) - span[0]).days * n_periods // n_days].append(d)
    mass = [math.sqrt(sum(max(0.0, scores.get(d, 0.0)) for d in p)) for p in periods]
    quota = allocate_quotas(mass, [len(p) for p in periods], limit)
    chosen = {d for p, q in zip(periods, quota, strict=True) for d in p[:q]}
    return [d for d in order if d in chosen] + [d for d in order if d not in chosen]


def rank_timeline(
    events: Sequence[TimelineEvent],
    date_order: Sequence[str],
    limit: int | None,
    background: frozenset[str] = frozenset(),
) -> tuple[TimelineEvent, ...]:
    """The ``limit`` most important events, each with its rank, in date order.

    Dates rank by ``date_order`` (unknown dates last, earlier first); on a date, the event with
    more sources first. Round one takes one event per date, the next round a second, and so on.
    The events of ``background`` dates (``background_dates.find_background_dates``) come after
    every round of the story's own dates.
    """
    position = {d: k for k, d in enumerate(date_order)}
    by_date: dict[str, list[TimelineEvent]] = {}
    for e in events:
        by_date.setdefault(e.date, []).append(e)
    dates = sorted(by_date, key=lambda d: (position.get(d, len(position)), d))
    for d in dates:
        by_date[d].sort(key=lambda e: (-len(e.sources), e.sources[:1], e.text))
    ranked: list[TimelineEvent] = []
    for tier in ([d for d in dates if d not in background], [d for d in dates if d in background]):
        left = sum(len(by_date[d]) for d in tier)
        depth = 0
        while left > 0 and (limit is None or len(ranked) < limit):
            for d in tier:
                if depth < len(by_date[d]):
                    ranked.append(by_date[d][depth])
                    left -= 1
                    if limit is not None and len(ranked) >= limit:
                        break
            depth += 1
    kept = [replace(e, rank=k + 1) for k, e in enumerate(ranked)]
    return tuple(sorted(kept, key=lambda e: (e.date, e.sources[0] if e.sources else "", e.text)))


def select_timeline(
    events: Sequence[TimelineEvent], annotated: Sequence[AnnotatedArticle], limit: int | None
) -> tuple[TimelineEvent, ...]:
    """The budget's timeline: ``limit`` entries on the most important dates spread over the
    story's span (:func:`spread_dates`), ranked, in date order."""
    table = date_rank.measure_dates(annotated, date_rank.collect_candidates(annotated))
    order = date_rank.order_dates(table)
    span = measure_span(annotated)
    if limit is not None:
        have = {e.date for e in events}
        scores = dict(zip(table.dates, date_rank.score_dates(table).tolist(), strict=True))
        order = spread_dates([d for d in order if d in have], scores, limit, span)
    return rank_timeline(events, order, limit, find_background_dates(annotated, span))
