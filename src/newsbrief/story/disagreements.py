"""Disagreements between outlets: sentences of different articles that state the same thing (one claim, or a close
pair by embedding) are compared value by value, only for values of the same key (see
:mod:`newsbrief.story.quantities`: a death toll with a death toll, a fund's amount with a fund's amount, a
venue with a venue). Values whose wording allows both (rounding, hedges, "dozens" vs "more than
30") agree. Where some do not, all the sentences that carry that key and are linked by such pairs
form one disagreement, split into *sides* of mutually compatible values. Its kind is ``change``
when the sides follow one another in publication time (a toll that rises through the day) and
``conflict`` when they overlap (outlets stating different figures at once, or reports whose time
of day is unknown on the same day). It is ``correction`` when a report says an earlier figure was
wrong (:mod:`newsbrief.story.corrections`): the correcting sentence's value is its new figure, it
is compared with every sentence close to it that states the key (a looser link than the others:
the correction's extra words lower its cosine), and when no other report in the story states the
old figure, the correcting sentence speaks for it.

Two figures are only compared when they measure the same thing: the same key (what is counted,
including the count's own predicate: mourners at a burial are no death toll), the same place
(:mod:`newsbrief.story.scope`), the same day where both clauses name one, and, for sentences not
in one claim, reports published within ``TOLL_WINDOW_DAYS`` of each other. Counts of a named kind
of thing ("firefighters", "workers") are compared in close sentences and, story-wide, where the
same noun is governed by the same word (``scope.same_count_pairs``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from newsbrief.models import Article, Claim, Disagreement, Side
from newsbrief.story.context import StoryContext
from newsbrief.story.pool import PAIR_FLOOR, SentencePool
from newsbrief.story.correction_notes import next_sentence_correction
from newsbrief.story.nounalias import alias_values, find_noun_aliases
from newsbrief.story.corrections import Correction, find_correction
from newsbrief.story.revisions import find_revision, revised_figure
from newsbrief.story.risenbounds import read_bounds_as_counts
from newsbrief.story.asof import as_of_article
from newsbrief.story.casualties import CASUALTY_KEYS, GENERIC_PEOPLE
from newsbrief.story.quantities import Quantity, find_quantities
from newsbrief.story.keynames import describe_key
from newsbrief.story.overlap import measure_overlap
from newsbrief.story.sidetime import classify_sides, format_instant, sort_instant, timed_articles
from newsbrief.story.stated_values import (
    StatedValue,
    single_values,
    story_words,
    values_agree,
    values_comparable,
)
from newsbrief.story.scope import (
    COUNT_COSINE,
    DISTANCE_KEYS,
    TOLL_WINDOW_DAYS,
    Figure,
    cut_trailing_clause,
    days_apart,
    find_sentence_places,
    find_text_places,
    is_anchorless,
    is_of_a_moment,
    is_part_of_group,
    is_running_total,
    is_specific_count,
    find_names_before,
    find_story_figure_pairs,
    names_place_within,
    same_anchor,
    within_ratio,
)

# Two sentences outside one claim are compared when their cosine reaches this. Fixtures: the
# sentence pairs that carry the planted conflicts sit at 0.55-0.80 (a toll rising in leads written
# differently); unrelated sentences that happen to share a key stay under 0.45.
PAIR_COSINE = 0.55
# A sentence pair must also share this much of its rarer wording (idf-weighted, as in claims), so a
# number in a different context ("a 1998 quake killed 300") is not compared with today's figure.
PAIR_OVERLAP = 0.2
# Dates are named in many sentences about other things; compare them only in sentences that say
# nearly the same thing.
DATE_COSINE = 0.6
DATE_OVERLAP = 0.3
# Outlets at odds over one figure give two or three values (fixtures and DUC 2004: at most 3); a
# "conflict" of more values at once is a chain of different counts that resemble each other (a
# war's archive: the tolls of dozens of clashes), so it is not reported. A figure that moves through
# many values in turn is a change and stays.
MAX_CONFLICT_SIDES = 4
# A correcting sentence is compared with sentences of other articles at this cosine or more (or
# linked as the others are). Its rejected figure and cue ("not the 189 first reported") take it
# away from the plain reports it corrects: fixtures 0.52-0.74.
CORRECTION_COSINE = 0.5
# Counted nouns that all count people: a correction of "212 people" answers "189 passengers".
_PEOPLE_KEYS = frozenset(GENERIC_PEOPLE | {"people", "passenger", "crew", "occupant"})

# Events a date or venue can be of, to name it in ``about`` ("date of the summit").
_EVENT_NOUN = re.compile(
    r"\b(?<!-)(?:summit|visit|trip|meeting|talks|conference|election|vote|referendum|trial|hearing|"
    r"launch|opening|ceremony|funeral|wedding|match|final|race|concert|festival|strike|protest|"
    r"rally|march|attack|fire|earthquake|quake|crash|explosion|storm|flood|game)\b"
)
# Shooting is no event a date is of: "artillery fire could be heard on Friday" and "on Saturday" tell
# two days of fighting (LibyaWar_cnn), not two dates of one fire; nor is a "cease-fire" a fire.
_WEAPON_FIRE = re.compile(
    r"\b(?:artillery|gun|rocket|mortar|sniper|tank|machine-gun|machinegun|anti-aircraft|small-arms|heavy|"
    r"automatic|weapons|cannon|naval|return(?:ed|ing)?|open(?:ed|ing)?)\s+fire\b|\bgunfire\b"
)


def _candidate_pairs(
    pool: SentencePool, claims: Sequence[Claim]
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Sentence pairs (i < j) of different articles worth comparing: those aligned in one claim,
    and those merely close (cosine and shared wording) without being one claim."""
    position = {r: i for i, r in enumerate(pool.refs)}
    aligned: set[tuple[int, int]] = set()
    for c in claims:
        idx = sorted(position[m] for m in c.members if m in position)
        for k, i in enumerate(idx):
            for j in idx[k + 1 :]:
                if pool.article[i] != pool.article[j]:
                    aligned.add((i, j))
    assert PAIR_COSINE >= PAIR_FLOOR, "the pool keeps no pairs under its floor"
    near = pool.pairs.values >= PAIR_COSINE
    rows, cols = pool.pairs.rows[near], pool.pairs.cols[near]
    worded = pool.overlap(rows, cols) >= PAIR_OVERLAP
    close = set(zip(rows[worded].tolist(), cols[worded].tolist(), strict=True))
    return aligned, close - aligned


def _narrow(v: StatedValue) -> bool:
    """An exact or hedged value (not "more than 30", "up to 750,000", "dozens")."""
    q = v.quantity
    return q is None or (q.high != float("inf") and q.high - q.low <= 0.3 * max(q.value, 1e-9))


def _split_sides(values: list[StatedValue]) -> list[list[StatedValue]]:
    """Group values into sides of mutually compatible values. Narrow values (exact or hedged)
    found the sides; open and vague ones ("more than 30", "dozens") join the one side they fit, and
    are left out when they fit several (they cannot take a side)."""

    narrow = _narrow

    def order(v: StatedValue) -> tuple[float, int]:
        return (v.quantity.value if v.quantity else 0.0, v.sentence)

    sides: list[list[StatedValue]] = []
    for v in sorted((v for v in values if narrow(v)), key=order):
        for side in sides:
            if all(values_agree(v, w) for w in side):
                side.append(v)
                break
        else:
            sides.append([v])
    for v in sorted((v for v in values if not narrow(v)), key=order):
        fits = [s for s in sides if all(values_agree(v, w) for w in s)]
        if len(fits) == 1:
            fits[0].append(v)
        elif not fits:
            sides.append([v])
    return sides


def find_disagreements(story: StoryContext, claims: Sequence[Claim]) -> tuple[Disagreement, ...]:
    """Values that aligned sentences of different articles state differently (module docstring)."""
    pool = story.pool
    if len(pool) == 0:
        return ()
    articles = {x.article.id: x.article for x in story.annotated}
    event_days: list[frozenset[str]] = []
    values = read_bounds_as_counts(single_values(pool, story.annotated, event_days), pool, articles)
    values = alias_values(values, find_noun_aliases(pool, values))  # "chickens" / "birds" culled
    corrections = _find_corrections(pool, values, articles)
    aligned, close = _candidate_pairs(pool, claims)
    places = find_sentence_places(story.annotated, named=True)
    no_place: frozenset[str] = frozenset()

    by_id = {x.article.id: x for x in story.annotated}
    common = story_words(pool)
    # A sentence's figure takes part in many pairs: its anchor (places, days) is read once.
    made: dict[tuple[int, Quantity], Figure] = {}

    def figure(i: int, q: Quantity) -> Figure:
        if (i, q) not in made:
            made[i, q] = _make_figure(i, q)
        return made[i, q]

    def _make_figure(i: int, q: Quantity) -> Figure:
        aid, k = pool.refs[i].article_id, pool.refs[i].sentence
        if q.modifier:
            # The story's own subject sets no kind apart: "310 suspected cholera cases" in a cholera
            # story are its "400 suspected cases".
            q = replace(q, modifier=" ".join(w for w in q.modifier.split() if w not in common))
        distance = q.key in DISTANCE_KEYS
        # The places of the figure's own account, not of a clause after it that tells another
        # thing ("..., after rescuers found seven more bodies in Brod").
        own = cut_trailing_clause(pool.texts[i], q)
        where = frozenset(p for p in places.get((aid, k), no_place) if names_place_within(own, pool.texts[i], p))
        where |= find_text_places(own, distance) | (find_names_before(own, q) if distance else frozenset())
        if k > 0 and is_anchorless(pool.texts[i], where, event_days[i]):
            before = by_id[aid].sentences[k - 1].text
            where = places.get((aid, k - 1), no_place) | find_text_places(before, distance)
            return Figure(pool.texts[i], q, where, event_days[i], before)
        return Figure(pool.texts[i], q, where, event_days[i])
    # Per key: the pairs that compare it, and whether any of them disagrees.
    links: dict[str, list[tuple[int, int]]] = {}
    clash: dict[str, set[int]] = {}

    compared: dict[str, set[tuple[int, int]]] = {}

    def compare(i: int, j: int, key: str) -> None:
        links.setdefault(key, []).append((i, j))
        compared.setdefault(key, set()).add((i, j))
        if not values_agree(values[i][key], values[j][key]):
            clash.setdefault(key, set()).update((i, j))

    for i, j in sorted(aligned | close):
        for key in sorted(values[i].keys() & values[j].keys() - {"venue"}):
            # A count of anything but casualties names its thing only by a noun ("45 Democrats",
            # "six years"); in sentences that are merely close such numbers often count different
            # things (DUC 2004: "55 Republicans in the Senate" / "the help of six Republicans",
            # "1,500 Kurds who spent the night outside a hospital" / "41 Kurds declared a hunger
            # strike"), so they are compared inside one claim when they look like figures for one
            # thing, and in close sentences only for a named kind of thing, within ``MAX_RATIO``,
            # said of the same words or in sentences that nearly say the same ("About 250
            # firefighters, backed by six water-bombing planes" / "More than 400 firefighters and
            # six aircraft", cosine 0.62).
            if key not in CASUALTY_KEYS and not (
                ((i, j) in aligned and values_comparable(values[i][key], values[j][key]))
                or (
                    (i, j) in close
                    and is_specific_count(key)
                    and not _is_part(pool, values, i, j, key)
                    and _within_ratio(values[i][key], values[j][key])
                    and (values_comparable(values[i][key], values[j][key]) or np.float32(pool.cosine(i, j)) >= COUNT_COSINE)
                )
            ):
                continue
            # A date is compared only where both sentences name the event it is the date of.
            if key == "date" and _shared_event([pool.texts[i], pool.texts[j]]) is None:
                continue
            # A figure of another place, another day or another week is another figure: "26 died in
            # Misrata" / "12 in Yemen"; "nine killed on Wednesday" / "eight killed on Sunday"; and
            # one of another thing, period or event (scope.same_anchor).
            qi, qj = values[i][key].quantity, values[j][key].quantity
            if qi is not None and qj is not None:
                apart = days_apart(articles, pool, i, j)
                if not same_anchor(figure(i, qi), figure(j, qj), apart) or ((i, j) not in aligned and apart > TOLL_WINDOW_DAYS):
                    continue
            if key == "date" and not (
                np.float32(pool.cosine(i, j)) >= DATE_COSINE
                and measure_overlap(pool.words[i], pool.words[j], pool.idf) >= DATE_OVERLAP
            ):
                continue
            compare(i, j, key)
    # The story's one figure of a thing, told once by each of two reports in sentences an embedding
    # finds only loosely alike ("The plant employs 4,500 workers" / "The Dunmore site ... employs
    # about 5,200 workers", cosine 0.41; "about 400 metres below the surface" / "some 600 metres
    # underground", 0.35): compared when each article gives that key one figure only.
    keyed = [{k: v.quantity for k, v in vals.items() if v.quantity is not None} for vals in values]
    for i, j, key in find_story_figure_pairs(pool, keyed, articles):
        qi, qj = keyed[i][key], keyed[j][key]
        if (i, j) in compared.get(key, set()) or not within_ratio(qi, qj) or _is_part(pool, values, i, j, key):
            continue
        if same_anchor(figure(i, qi), figure(j, qj), days_apart(articles, pool, i, j)):
            compare(i, j, key)
    # A running toll told as it stood at a named day ("By Thursday the death toll had reached 41"):
    # compared with the other reports' figures of its key, and timed by that day (story.asof).
    dated = _as_of_articles(pool, values, articles)
    for i in sorted(dated):
        for key in sorted(values[i].keys() & CASUALTY_KEYS):
            for j in range(len(pool)):
                qi, qj = values[i][key].quantity, values[j][key].quantity if key in values[j] else None
                pair = (min(i, j), max(i, j))
                if qi is None or qj is None or pool.article[j] == pool.article[i] or pair in compared.get(key, set()):
                    continue
                apart = days_apart(articles, pool, i, j)
                if apart <= TOLL_WINDOW_DAYS and same_anchor(replace(figure(i, qi), days=frozenset()), figure(j, qj), apart):
                    compare(*pair, key)
    for i, c in sorted(corrections.items()):
        # Each correction is a disagreement even when nothing else in the story states its key.
        links.setdefault(c.key, []).append((i, i))
        clash.setdefault(c.key, set()).add(i)
        for j in _correction_partners(pool, values, aligned | close, i, c):
            compare(min(i, j), max(i, j), c.key)
    # Event venues are compared across the whole story: "the talks will be held at X" and "the
    # summit will take place at Y" say where the one event is, in sentences an embedding finds
    # unrelated (cosine 0.28 in the trade_summit fixture) because the names dominate them.
    hosts = [i for i in range(len(pool)) if "venue" in values[i]]
    for k, i in enumerate(hosts):
        for j in hosts[k + 1 :]:
            if pool.article[i] != pool.article[j] and days_apart(articles, pool, i, j) <= TOLL_WINDOW_DAYS:
                compare(i, j, "venue")
    out: list[Disagreement] = []
    for key in sorted(clash):
        for component in _components(links[key]):
            if not component & clash[key]:
                continue
            fixes = {i: corrections[i] for i in sorted(component) if i in corrections and corrections[i].key == key}
            component_values = [values[i][key] for i in sorted(component)]
            if fixes:
                # The correction on its own (the figure it rejects and the one it gives); the other
                # figures linked to them, with the reports of the rejected one, apart (a toll that
                # rose 9 -> 37 before 37 was corrected to 31 is a change and a correction).
                sides, rest = _split_corrected(component_values, fixes)
                out.append(_build(key, sides, pool, articles, fixes, dated))
                component_values = rest + [v for v in sides[0] if v.sentence not in fixes] if rest else []
            sides = _split_sides(component_values)
            if len(sides) < 2:
                continue
            built = _build(key, sides, pool, articles, dated=dated)
            if built.kind == "conflict" and len(sides) > MAX_CONFLICT_SIDES:
                continue  # a chain of different counts that resemble each other, not one figure
            fall = _fall_after_total(sides, pool, articles) if built.kind == "change" else None
            if fall == "other":
                continue  # "700 killed since February", then "24 killed": a total cannot fall, another count
            if fall == "total":
                # A total that only grows ("a total of 159 fired") told lower by a later report ("a
                # total of 124"): the reports are at odds, whenever they were published.
                built = replace(built, kind="conflict")
            elif built.kind == "change" and not _is_monotone(sides, pool, articles):
                continue  # a figure that went up and down again is several counts, not one that changed
            out.append(built)
    out.sort(key=lambda d: (d.about, [s.value for s in d.sides]))
    return tuple(out)


def _is_monotone(sides: list[list[StatedValue]], pool: SentencePool, articles: dict[str, Article]) -> bool:
    """Whether the sides' values, in the order of their first reports, only rise or only fall (a
    running figure: a toll rises, the missing fall)."""

    def first(side: list[StatedValue]) -> tuple[dt.datetime, str]:
        return _first_report(side, pool, articles)

    if any(v.quantity is None for s in sides for v in s):
        return True  # dates and venues
    values = [sorted(v.quantity.value for v in s if v.quantity)[len(s) // 2] for s in sorted(sides, key=first)]
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    return all(d >= 0 for d in steps) or all(d <= 0 for d in steps)


def _fall_after_total(sides: list[list[StatedValue]], pool: SentencePool, articles: dict[str, Article]) -> str | None:
    """What follows a side told as a running total (scope.is_running_total: a figure that only
    grows), in the order of first reports, with a lower value: "total" when that side is also told
    as a running total (the reports are at odds), "other" when it is not (a count of something
    else: one week's dead after the dead since February), None when no total falls."""
    medians: list[tuple[float, bool]] = []
    for side in sorted(sides, key=lambda s: _first_report(s, pool, articles)):
        values = sorted(v.quantity.value for v in side if v.quantity is not None)
        if not values:
            return None  # dates and venues
        running = any(v.quantity is not None and is_running_total(pool.texts[v.sentence], v.quantity) for v in side)
        medians.append((values[len(values) // 2], running))
    falls = [later for k, (earlier, total) in enumerate(medians) if total for later in medians[k + 1 :] if later[0] < earlier]
    if not falls:
        return None
    return "total" if all(running for _, running in falls) else "other"


def _first_report(side: list[StatedValue], pool: SentencePool, articles: dict[str, Article]) -> tuple[dt.datetime, str]:
    return min(sort_instant(a) for a in timed_articles([articles[pool.refs[v.sentence].article_id] for v in side]))


def _split_corrected(values: list[StatedValue], fixes: dict[int, Correction]) -> tuple[list[list[StatedValue]], list[StatedValue]]:
    """The two sides of a correction (the corrected figure's, the new figure's) and the values
    that fit neither. The correction says the two figures
    differ even where their wordings would allow both (round numbers allow 5 %: "1,650" and
    "1,800" meet), so a value that fits both goes to the nearer. When no other report here states
    the corrected figure, the correcting sentence speaks for it (its own words)."""
    first = min(fixes)
    old = StatedValue(first, fixes[first].old.text, quantity=fixes[first].old)
    new = StatedValue(first, fixes[first].new.text, quantity=fixes[first].new)
    old_side: list[StatedValue] = []
    new_side: list[StatedValue] = []
    rest: list[StatedValue] = []
    for v in values:
        if v.sentence in fixes:
            new_side.append(v)
            continue
        # An open or vague value ("up to 750,000", "at least 60") states neither figure.
        fits_old, fits_new = (values_agree(v, old), values_agree(v, new)) if _narrow(v) else (False, False)
        if fits_old and fits_new and v.quantity is not None and old.quantity is not None and new.quantity is not None:
            nearer_old = abs(v.quantity.value - old.quantity.value) < abs(v.quantity.value - new.quantity.value)
            fits_old, fits_new = nearer_old, not nearer_old
        if fits_old:
            old_side.append(v)
        elif fits_new:
            new_side.append(v)
        else:
            rest.append(v)
    return [old_side or [old], new_side], rest


def _find_corrections(
    pool: SentencePool, values: list[dict[str, StatedValue]], articles: dict[str, Article]
) -> dict[int, Correction]:
    """The correcting sentences (position -> correction); each one's value for the corrected key
    becomes its new figure, and the old figure it names is no value of it."""
    out: dict[int, Correction] = {}
    for i, text in enumerate(pool.texts):
        c = find_correction(text) or _one_figure_correction(pool, values, articles, i)
        # a note told over two sentences: this one's old figure, the next one's new (story.correction_notes)
        c = c or next_sentence_correction(pool.refs, pool.texts, i)
        if c is None:
            continue
        out[i] = c
        for key in [k for k, v in values[i].items() if v.quantity is not None and v.quantity.start < c.old.end and c.old.start < v.quantity.end]:
            del values[i][key]
        values[i][c.key] = StatedValue(i, c.new.text, quantity=c.new)
    return out


def _one_figure_correction(
    pool: SentencePool, values: list[dict[str, StatedValue]], articles: dict[str, Article], i: int
) -> Correction | None:
    """A correction that names only its new figure ("revised the death toll down to nine"): the
    figure it replaces is the story's last before it (story.revisions)."""
    for q in find_quantities(pool.texts[i], keep_unkeyed=True):
        way, key = find_revision(pool.texts[i], q)
        if not way:
            continue
        earlier = [
            (articles[pool.refs[j].article_id], w.quantity) for j in range(len(pool))
            if pool.article[j] != pool.article[i] and (w := values[j].get(key)) is not None and w.quantity is not None
        ]
        return revised_figure(key, q, way, articles[pool.refs[i].article_id], earlier)
    return None


def _as_of_articles(pool: SentencePool, values: list[dict[str, StatedValue]], articles: dict[str, Article]) -> dict[int, Article]:
    """Sentence -> its article re-dated to the day its casualty figure stood at (story.asof)."""
    out = {}
    for i, vals in enumerate(values):
        for key in sorted(vals.keys() & CASUALTY_KEYS):
            q = vals[key].quantity
            if q is not None and (when := as_of_article(pool.texts[i], q, articles[pool.refs[i].article_id])) is not None:
                out[i] = when
                break
    return out


def _same_count(key: str, other: str) -> bool:
    return key == other or (key in _PEOPLE_KEYS and other in _PEOPLE_KEYS)


def _correction_partners(
    pool: SentencePool, values: list[dict[str, StatedValue]], linked: set[tuple[int, int]], i: int, c: Correction
) -> list[int]:
    """Sentences of other articles that state the corrected key, to compare with the correcting
    sentence ``i``: those close to it (linked like any pair, or at ``CORRECTION_COSINE``) with a
    figure of a like size, and, for a casualty count, any that states the old or the new figure
    ("At least 37 people were killed" and "revised the death toll ... to 41 from 37" are at cosine
    0.42). A sentence without a value for the key gets one from its unkeyed counts when exactly
    one fits ("189 people on board" answers a correction of the number of passengers)."""
    cosines = pool.vectors @ pool.vectors[i]
    old, new = StatedValue(i, c.old.text, quantity=c.old), values[i][c.key]
    out = []
    for j in range(len(pool)):
        if pool.article[j] == pool.article[i]:
            continue
        close = (min(i, j), max(i, j)) in linked or np.float32(cosines[j]) >= CORRECTION_COSINE
        if not (close or c.key in CASUALTY_KEYS):
            continue
        if c.key not in values[j]:
            fits = [q for q in find_quantities(pool.texts[j], keep_unkeyed=True) if _same_count(c.key, q.key)]
            if len(fits) != 1:
                continue
            values[j][c.key] = StatedValue(j, fits[0].text, quantity=fits[0])
        v = values[j][c.key]
        if v.quantity is None:
            continue
        if values_agree(v, old) or values_agree(v, new):
            out.append(j)
        elif close and not _part_of_whole(v, new) and (values_comparable(new, v) or _within_ratio(new, v)):
            # Another figure, unless it counts a part where the correction counts the whole:
            # "caught five of the escaped inmates" answers no correction of the inmates who escaped.
            out.append(j)
    return out


def _part_of_whole(v: StatedValue, whole: StatedValue) -> bool:
    """Whether ``v`` counts a part of a group (quantities: modifier "part") and ``whole`` does not."""
    part, other = v.quantity, whole.quantity
    return part is not None and other is not None and "part" in part.modifier.split() and "part" not in other.modifier.split()


def _is_part(pool: SentencePool, values: list[dict[str, StatedValue]], i: int, j: int, key: str) -> bool:
    """Whether either sentence's figure of ``key`` counts a part of a group (scope.is_part_of_group)."""
    return any(
        (q := values[k][key].quantity) is not None and is_part_of_group(pool.texts[k], q) for k in (i, j)
    )


def _within_ratio(a: StatedValue, b: StatedValue) -> bool:
    qa, qb = a.quantity, b.quantity
    return qa is not None and qb is not None and within_ratio(qa, qb)


def _components(edges: list[tuple[int, int]]) -> list[set[int]]:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    comps: dict[int, set[int]] = {}
    for x in list(parent):
        comps.setdefault(root(x), set()).add(x)
    return [comps[k] for k in sorted(comps)]


def _build(
    key: str,
    sides: list[list[StatedValue]],
    pool: SentencePool,
    articles: dict[str, Article],
    fixes: dict[int, Correction] | None = None,
    dated: dict[int, Article] | None = None,
) -> Disagreement:
    fixes, dated = fixes or {}, dated or {}
    built: list[tuple[tuple[bool, dt.datetime, str], Side, list[Article]]] = []
    for side in sides:
        # A figure told as it stood at a named day speaks for that day (story.asof).
        by_id: dict[str, Article] = {}
        for v in sorted(side, key=lambda v: v.sentence not in dated):
            by_id.setdefault(pool.refs[v.sentence].article_id, dated.get(v.sentence) or articles[pool.refs[v.sentence].article_id])
        side_articles = [by_id[a] for a in sorted(by_id)]
        timed = {a.id for a in timed_articles(side_articles)}
        # The side speaks through its earliest report (of those whose time of day is known).
        first = min(
            (v for v in side if pool.refs[v.sentence].article_id in timed),
            key=lambda v: (sort_instant(articles[pool.refs[v.sentence].article_id]), v.sentence),
        )
        earliest = by_id[pool.refs[first.sentence].article_id]
        side_record = Side(
            text=pool.texts[first.sentence],
            value=first.text,
            sources=tuple(a.id for a in side_articles),
            published=format_instant(earliest),
        )
        # A correction's new figure comes after the figures it corrects, whenever those were stated.
        corrected = any(v.sentence in fixes and v.text == fixes[v.sentence].new.text for v in side)
        when, article_id = sort_instant(earliest)
        built.append(((corrected, when, article_id), side_record, side_articles))
    built.sort(key=lambda b: (b[0], b[1].value))
    about = describe_key(key)
    if key in ("date", "venue"):
        event = _shared_event([b[1].text for b in built])
        about = f"{about} of the {event}" if event else about
    if fixes:
        by = tuple(sorted({pool.refs[i].article_id for i in fixes}))
        return Disagreement(about=about, kind="correction", sides=tuple(b[1] for b in built), corrected_by=by)
    # A distance between two places does not move: reports of it that differ are at odds, whenever
    # they were published ("35 miles west of" in February, "about 30 miles west of" in March).
    # So does a state at one past moment ("two of the eight gates were open when the crowd surged"),
    # unless it is a casualty count: a toll of the moment "when the dam burst" rises as bodies are found.
    moment = key not in CASUALTY_KEYS and any(is_of_a_moment(pool.texts[v.sentence]) for side in sides for v in side)
    kind = "conflict" if key in DISTANCE_KEYS or moment else classify_sides([b[2] for b in built])
    return Disagreement(about=about, kind=kind, sides=tuple(b[1] for b in built))


def _shared_event(texts: Sequence[str]) -> str | None:
    """The event every side's sentence names ("summit"), to say what a date or venue is of."""
    lowered = [_WEAPON_FIRE.sub(" ", t.lower()) for t in texts]
    found = [set(_EVENT_NOUN.findall(t)) for t in lowered]
    common = set.intersection(*found) if found else set()
    for m in _EVENT_NOUN.finditer(lowered[0] if lowered else ""):
        if m.group(0) in common:
            return m.group(0)
    return None
