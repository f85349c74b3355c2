"""Key figures over the story: one :class:`~newsbrief.models.Figure` per quantity stated about one
thing of one event, with every source that states it, ranked by what matters to a reader.

**Identity.** Two mentions are one figure when they give the same value in the same unit, measure
the same thing and are of the same event. The measured thing is the key the disagreements stage
compares values by (:func:`newsbrief.story.quantities.find_quantities`: "deaths" for "12 people were
killed" and "a toll of 12", the counted noun otherwise), else the head word of what the figure is
about. The event is told by :func:`newsbrief.story.scope.same_anchor`, the test the disagreements
stage uses: same places, same modifiers of the counted noun, same period, same event day, and one
named event for counts of something that happened in reports of different days. So "three killed
in Misrata" on one day and "three killed in Brega" on another stay two figures, while "at least 45
people were killed" and "45 people died" in the same blast are one. A sentence copied into another
report (embeddings at least ``_COPY_COSINE`` close) states the same figure whatever its anchors.

**Rank** (:func:`rank_figures`): a score summed from

* the independent sources that report the figure (articles of one outlet, syndicated copies and
  one sentence copied into several reports of one newsroom count once), on a log scale;
* the salience of what it measures: people killed, injured, missing, displaced or arrested first,
  then cases (of an illness) and sums of money, distances and shares, other counts of people and
  measures, then counts of objects, durations last;
* in a story reported over more than a few days, how recent its latest report is (a copied
  paragraph is as old as the report it copies);
* less for an increment ("three more cases") and far less for background: a figure told mostly in
  sentences that name a year before the story began ("the 1988 bombing ..., killing 270 people").

The weights were read on LibyaWar_cnn and H1N1_guardian and checked on other Timeline17 topics and
the seeds (no weight names a topic). Ties keep story order. The figure's sentence is the first that states it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from newsbrief.models import AnnotatedArticle, Figure, FigureMention
from newsbrief.story.context import StoryContext
from newsbrief.story.stated_values import said_then
from newsbrief.story.casualties import CASUALTY_KEYS, CASUALTY_TRIGGERS, clause_around
from newsbrief.story.intensifiers import says_fully
from newsbrief.story.quantities import Quantity
from newsbrief.story.units import written_value
from newsbrief.story.scope import DISTANCE_KEYS, find_sentence_places, find_text_places, is_event_count, same_anchor
from newsbrief.story.scope import Figure as Anchored
from newsbrief.story.topic import stray_sentences

# A mention whose measured thing cannot be told joins a figure of the same value when their
# sentences embed at least this close (all-MiniLM-L6-v2). Measured on the seeds and the demo: the
# 17 cross-article pairs that state one figure score 0.51-0.96 (lowest: "almost seven hours" /
# "about seven hours"); 0.45 keeps a margin below that.
_SAME_FIGURE_COSINE = 0.45
# Two sentences this close state one report: a paragraph a newsroom copies into its next report
# ("Four U.S. planes have been lost ...") corroborates nothing the first did not.
_COPY_COSINE = 0.9
# ... and when this share of their word sequences match (difflib ratio): an update's small edits
# keep a copy above it, a paraphrase that reorders the words ("the ministry said its crews had
# rebuilt eight bridges" / "Engineers rebuilt eight bridges ..., the ministry said") falls below.
_COPY_WORDING = 0.8
# Salience of what a figure measures (added to the score; see the module docstring). One step of
# salience is worth about one doubling of independent sources (``_SOURCE_WEIGHT``).
SALIENCE: dict[str, float] = {
    "casualties": 3.0,
    "affected": 2.0,
    "money": 2.0,
    "distance": 1.5,
    "share": 1.5,
    "people": 1.0,
    "measure": 1.0,
    "objects": 0.0,
    "duration": -1.0,
}
_SOURCE_WEIGHT = 1.5
# Recency counts in stories reported over more than this many days, up to ``_RECENCY_WEIGHT`` for
# the latest report.
_LONG_STORY_DAYS = 7
_RECENCY_WEIGHT = 1.0
# A figure told mostly (at least half its mentions) in sentences that name a year long before the
# story began is background: it comes after the story's own figures.
_HISTORY_PENALTY = 4.0
_YEAR = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d)(?![\w.,/-]\d)")
# People who fled count as displaced, as the evacuated and the homeless do in the quantities' keys.
_FLED = re.compile(r"\b(?:fled|flee|flees|fleeing|refugees|evacuees|uprooted)\b", re.I)
# An increment ("17 additional cases", "three more people") says less than the total it adds to.
_INCREMENT = re.compile(r"\b(?:more|additional|further|new|extra)\b(?!\s+than)", re.I)
_INCREMENT_PENALTY = 1.0
_CASUALTY_LABELS = {"deaths": "killed", "injured": "injured", "missing": "missing", "displaced": "displaced", "arrested": "arrested", "hostages": "held hostage"}
# People a story's event befalls under another name: "30,000 cases", "507 hospitalisations".
_AFFECTED = frozenset("case infection patient hospitalisation hospitalization admission".split())
_DURATIONS = frozenset("years months weeks days hours decades centuries minutes".split())
_DAYS_IN = {"years": 365.0, "months": 30.0, "weeks": 7.0, "days": 1.0, "hours": 1 / 24, "minutes": 1 / 1440, "decades": 3650.0, "centuries": 36500.0}
# A distance is news when something moved over it or came within it: a verb of movement (or
# "within") at most three words before it ("advanced to within 30 miles", "pushed 50 km east").
_MOVED = re.compile(
    r"(?i:\b(?:advanc|push|pushed|mov|retreat|march|travel|walk|driv|drove|flew|fled|flee|swept|sweep|gain|spread|reach"
    r"|stretch|extend|fell\s+back|pull|withdr[ae]w|within|closer|nearer)\w*(?:\W+[\w'-]+){0,3}?\W*)$"
)
_PERCENT_UNITS = frozenset({"percent", "percentage points", "basis points"})
_PEOPLE_UNIT = "people"


@dataclass
class _Item:
    order: int
    mention: FigureMention
    vector: npt.NDArray[np.float32] | None
    measure: str
    anchored: Anchored
    published: dt.date | None
    pool_index: int


def collect_figures(story: StoryContext) -> tuple[Figure, ...]:
    """Merge the figures of all articles: one :class:`Figure` per value stated about one thing of
    one event, with every source, ranked by :func:`rank_figures`."""
    items = _gather_items(story)
    by_value = _bucket_by_value(items)
    ranked = rank_figures(_group_items(by_value), story.independent_of, _find_copies(story, by_value))
    return merge_restated(ranked)


_ENDS_SENTENCE = re.compile(r"[.!?]\W*$")
# Words a sentence must share with another up to and through their figure to restate it: "Three
# people were killed" opens reports of two strikes.
RESTATED_MIN_WORDS = 8


def merge_restated(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """``figures`` with each one that restates a better-ranked one (same value as written, same
    label, and its sentence reads the same up to and through the figure, RESTATED_MIN_WORDS words
    at least: one sentence a page printed twice, once cut short or run into the next) merged into
    it, its sources added."""
    out: list[Figure] = []
    home: dict[tuple[str, str, str], int] = {}
    for f in figures:
        at = f.sentence.find(f.text)
        lead_in = f.sentence[: at + len(f.text)].split() if at >= 0 else []
        key = (f.text, f.about, " ".join(lead_in))
        k = home.get(key) if len(lead_in) >= RESTATED_MIN_WORDS else None
        if k is None:
            home.setdefault(key, len(out))
            out.append(f)
            continue
        kept = out[k]
        # The telling that ends as a sentence does, the shorter of two (not one run into the next).
        sentence = min(kept.sentence, f.sentence, key=lambda t: (not _ENDS_SENTENCE.search(t), len(t)))
        out[k] = replace(kept, sentence=sentence, sources=tuple(sorted(set(kept.sources) | set(f.sources))))
    return tuple(out)


def _bucket_by_value(items: Sequence[_Item]) -> dict[tuple[str, float], list[_Item]]:
    """Items by (unit, value), story order kept within each: only these can be one figure."""
    out: dict[tuple[str, float], list[_Item]] = {}
    for it in items:
        out.setdefault((it.mention.unit, round(it.mention.value, 6)), []).append(it)
    return out


def _gather_items(story: StoryContext) -> list[_Item]:
    """Every figure mention with what identifies it: its measure and its anchors."""
    pool = story.pool
    index = {(r.article_id, r.sentence): i for i, r in enumerate(pool.refs)}
    places = find_sentence_places(story.annotated, named=True)
    # A page kept though its lead is not about the story gives a figure only from a sentence about
    # the story (topic.stray_sentences).
    stray = stray_sentences(story.annotated)
    items: list[_Item] = []
    for a in sorted(story.annotated, key=lambda x: x.article.id):
        emb = a.embeddings
        days = _event_days(a)
        far = stray.get(a.article.id, frozenset())
        for f in sorted(a.figures, key=lambda f: f.start):
            if f.sentence in far:
                continue
            vec = emb[f.sentence] if emb.ndim == 2 and emb.shape[0] > f.sentence and emb.shape[1] > 0 else None
            sent = a.sentences[f.sentence] if f.sentence < len(a.sentences) else None
            text = sent.text if sent is not None else f.text
            i = index.get((f.article_id, f.sentence), -1)
            quantity = _match_quantity(f, pool.quantities[i] if i >= 0 else (), f.start - (sent.start if sent else 0), text)
            clause = clause_around(text, quantity.start, quantity.end)
            measure = _find_measure(f, quantity, clause)
            where = places.get((f.article_id, f.sentence), frozenset()) | find_text_places(text, measure in DISTANCE_KEYS)
            day_set = frozenset(d for d, t in days.get(f.sentence, ()) if t in clause)
            anchored = Anchored(text, quantity, where, day_set)
            items.append(_Item(len(items), f, vec, measure, anchored, a.article.published, i))
    return items


def _event_days(a: AnnotatedArticle) -> dict[int, list[tuple[str, str]]]:
    """Per sentence: (day, its text) of the day-precision dates it names but those of when
    something was said ("..., officials said on Monday")."""
    out: dict[int, list[tuple[str, str]]] = {}
    for d in a.dates:
        if len(d.date) != 10 or d.sentence >= len(a.sentences):
            continue
        if said_then(a.sentences[d.sentence].text, d.text):
            continue
        out.setdefault(d.sentence, []).append((d.date, d.text))
    return out


def _match_quantity(f: FigureMention, found: Sequence[Quantity], offset: int, text: str) -> Quantity:
    """The quantity of the sentence that is this mention (same value, nearest place), else one
    made from the mention itself (its measure then comes from what it is about)."""
    # A measure's quantity is valued in its dimension's unit; the mention, in the unit written.
    same = [q for q in found if math.isclose(written_value(q), f.value, rel_tol=1e-6)]
    if same:
        return min(same, key=lambda q: abs(q.start - offset))
    start = max(0, min(offset, len(text)))
    return Quantity(start, min(len(text), start + len(f.text)), f.text, f.value, f.value, f.value, "", True)


def _find_measure(f: FigureMention, q: Quantity, clause: str) -> str:
    """What a mention measures: the comparison key of its quantity (casualty class, counted noun),
    else the head word of what it is about; durations are their unit."""
    if f.unit in _DURATIONS:
        return f.unit
    about_words = set(f.about.casefold().split())
    if q.key in CASUALTY_KEYS:
        return q.key
    casualty = {CASUALTY_TRIGGERS[w] for w in about_words if w in CASUALTY_TRIGGERS}
    if len(casualty) == 1 and f.unit == _PEOPLE_UNIT:
        return casualty.pop()
    if f.unit == _PEOPLE_UNIT and _FLED.search(clause):
        return "displaced"  # "200,000 people have fled", "refugees": people displaced
    key = q.key.rsplit(":", 1)[-1] if q.key.startswith(("money:", "percent:")) else q.key
    if key and key != "people":
        return key
    return _get_head_word(clean_label(f.about))


def _group_items(by_value: Mapping[tuple[str, float], Sequence[_Item]]) -> list[list[_Item]]:
    """Items (bucketed by ``_bucket_by_value``) merged into figures: same value and unit, same
    measure, same event. A mention joins the first figure holding a mention it is one with (not
    all of them: "up to 200,000 killed in Haiti" and "200,000 killed in Port-au-Prince" name places
    neither of which holds the other, yet a plain "the quake killed 200,000" is one with both)."""
    out: list[list[_Item]] = []
    for same in by_value.values():
        groups: list[list[_Item]] = []
        for it in same:
            home = next((g for g in groups if any(_is_same_figure(it, o) for o in g)), None)
            if home is None:
                groups.append([it])
            else:
                home.append(it)
        out.extend(groups)
    out.sort(key=lambda g: g[0].order)
    return out


def _is_same_figure(a: _Item, b: _Item) -> bool:
    """Two mentions of one value state the same figure: one sentence, or the same measure (or an
    unknown measure in close sentences) of the same event."""
    if a.mention.article_id == b.mention.article_id and a.mention.sentence == b.mention.sentence:
        return True
    cosine = float(np.dot(a.vector, b.vector)) if a.vector is not None and b.vector is not None else 0.0
    if cosine >= _COPY_COSINE:
        return True  # one sentence copied into another report: one figure, whatever it is of
    if a.measure != b.measure:
        if a.measure and b.measure:
            return False
        if cosine < _SAME_FIGURE_COSINE:
            return False
    # Only a count of something that happened needs one event across reports of different days
    # (a war's daily tolls); a state ("50 concerts planned", "a salary of $150,000") stays one
    # figure however far apart its reports are.
    event = is_event_count(a.anchored.text, a.anchored.quantity) or is_event_count(b.anchored.text, b.anchored.quantity)
    return same_anchor(a.anchored, b.anchored, _days_between(a.published, b.published) if event else 0)


def _days_between(a: dt.date | None, b: dt.date | None) -> int:
    return abs((a - b).days) if a is not None and b is not None else 0


def _find_copies(story: StoryContext, by_value: Mapping[tuple[str, float], Sequence[_Item]]) -> dict[int, str]:
    """Item order -> the article of the first report it copies: a sentence with the same value,
    at least ``_COPY_COSINE`` close to an earlier one of another article and worded the same way
    (:func:`_is_copy`): a copied paragraph is one report, a paraphrase is another."""
    pool = story.pool
    out: dict[int, str] = {}
    for same in by_value.values():
        for k, it in enumerate(same):
            if it.pool_index < 0:
                continue
            for prev in same[:k]:
                if prev.pool_index < 0 or prev.mention.article_id == it.mention.article_id:
                    continue
                if pool.cosine(prev.pool_index, it.pool_index) >= _COPY_COSINE and _is_copy(
                    prev.anchored.text, it.anchored.text
                ):
                    out[it.order] = out.get(prev.order, prev.mention.article_id)
                    break
    return out


def _is_copy(a: str, b: str) -> bool:
    """Whether two sentences are one wording: their words in the same order, but for small edits
    (at least ``_COPY_WORDING`` of the two word sequences match)."""
    wa, wb = a.casefold().split(), b.casefold().split()
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= _COPY_WORDING


def rank_figures(
    groups: Sequence[Sequence[_Item]], independent_of: Mapping[str, str], copies: Mapping[int, str]
) -> tuple[Figure, ...]:
    """Figures of ``groups`` (story order), best first (module docstring)."""
    dates = [it.published for g in groups for it in g if it.published is not None]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    span = (last - first).days if first is not None and last is not None else 0
    scored: list[tuple[bool, float, int, Figure]] = []
    for g in groups:
        head = g[0]
        sources = tuple(sorted({x.mention.article_id for x in g}))
        # One report per independent source; a sentence copied from an earlier report is that report.
        reports = {independent_of.get(a, a) for a in (copies.get(x.order, x.mention.article_id) for x in g)}
        kind = classify_measure(head.mention, head.measure)
        score = _SOURCE_WEIGHT * math.log2(1 + len(reports)) + SALIENCE[kind]
        if _INCREMENT.search(head.mention.text):
            score -= _INCREMENT_PENALTY  # "three more cases": a step, not where the count stands
        if first is not None and 2 * sum(_names_earlier_year(x.anchored.text, first.year) for x in g) >= len(g):
            score -= _HISTORY_PENALTY
        # A copied paragraph restates an older report: recency is that of the first telling.
        latest = max((x.published for x in g if x.published is not None and x.order not in copies), default=None)
        if span > _LONG_STORY_DAYS and latest is not None and first is not None:
            score += _RECENCY_WEIGHT * (latest - first).days / span
        about = _describe(next((x.mention.about for x in g if clean_label(x.mention.about)), ""), head.measure)
        fig = Figure(
            head.mention.text, head.mention.value, head.mention.unit, about, head.anchored.text, sources,
            independent_sources=len(reports),
        )
        scored.append((_is_context(g, kind, span), -score, head.order, fig))
    scored.sort(key=lambda x: x[:3])
    return tuple(x[3] for x in scored)


def _is_context(group: Sequence[_Item], kind: str, span_days: int) -> bool:
    """Whether a figure sets the scene rather than tells the news (ranked after every figure that
    tells it, however many reports repeat it): a duration longer than the story's coverage (a
    state that began before it: "in power for 42 years", "his first visit in six years"), or a
    distance that places a town ("Zawiya, about 30 miles west of Tripoli") where none moves it
    ("advanced to within 30 miles of", "pushed 50 km east"), or a hundred percent that means
    "fully" in the telling shown or in most of its tellings ("100 percent sure", "is 100 percent
    in rebel hands": ``intensifiers.says_fully``)."""
    head = group[0].mention
    if kind == "share":
        fully = [says_fully(it.anchored.text, it.anchored.quantity.start, it.anchored.quantity.end, it.mention.value) for it in group]
        return fully[0] or 2 * sum(fully) > len(group)
    if kind == "duration":
        return head.value * _DAYS_IN.get(head.unit, 0.0) > max(span_days, _LONG_STORY_DAYS)
    if kind == "distance":
        return not any(_MOVED.search(it.anchored.text[: it.anchored.quantity.start]) for it in group)
    return False


# A tokeniser's bracket (Penn Treebank "-LRB-" for "(", "-RSB-" for "]") is no word of a label.
_BRACKET_TOKEN = re.compile(r"-[LR][RSC]B-")


def clean_label(about: str) -> str:
    """``about`` without tokeniser brackets and words with no letter or digit ("-RRB-" -> "")."""
    return " ".join(w for w in about.split() if not _BRACKET_TOKEN.fullmatch(w) and any(ch.isalnum() for ch in w))


def _describe(about: str, measure: str) -> str:
    """What a figure is about, saying what befell the people it counts when the words do not
    ("more than 1,000 people" killed: "people killed")."""
    about = clean_label(about)
    label = _CASUALTY_LABELS.get(measure)
    if label is None or any(CASUALTY_TRIGGERS.get(w) == measure for w in about.casefold().split()):
        return about
    return f"{about} {label}".strip()


def _names_earlier_year(text: str, year: int) -> bool:
    """Whether a sentence names a year before the one before ``year`` (the story's first):
    background ("the 1988 bombing ..., killing 270 people"), where last year's figure ("a
    turnover of USD 175.6 billion in 2022" in a 2023 story) is still the latest of its kind."""
    return any(int(y) < year - 1 for y in _YEAR.findall(text))


def classify_measure(mention: FigureMention, measure: str) -> str:
    """The salience class of a figure (a key of :data:`SALIENCE`)."""
    unit = mention.unit
    if unit in _DURATIONS:
        return "duration"
    if measure in CASUALTY_KEYS:
        return "casualties"
    if measure in _AFFECTED:
        return "affected"
    if unit == _PEOPLE_UNIT:
        return "people"
    if unit in _PERCENT_UNITS:
        return "share"
    if unit.isupper() and len(unit) == 3:
        return "money"
    if measure in DISTANCE_KEYS or unit in DISTANCE_KEYS or unit.rstrip("s") in DISTANCE_KEYS | {"kilometer", "meter"}:
        return "distance"
    if unit != "count":
        return "measure"
    return "objects"


def _get_head_word(about: str) -> str:
    words = re.sub(r"\s+in \d{4}$", "", about).casefold().split()
    words = words[: words.index("of")] if "of" in words else words
    words = words[: words.index("from")] if "from" in words else words
    return words[-1].rstrip("s") if words else ""
