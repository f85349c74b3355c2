"""One counted thing under two nouns in a story: "Vets have culled about 60,000 chickens" in one
report, "About 140,000 birds have now been culled" in the next; "recalling about 210,000 strollers"
/ "would recall 340,000 prams". Each report counts the thing once, in its lead, with its own noun;
compared key by key, the figures never meet (session 15's bird flu and session 16's pram recall
stories left such changes and conflicts unfound).

Two keys are one thing in a story when reports of it tell them apart nowhere and the reports'
leads give them as one figure: a lead sentence of one report gives the one figure of the first
noun its report states, a lead sentence of another report the one figure of the second, the two
figures are what one deed with one stem is done to (:func:`deed_stems`: "culled" / "culled",
"recalling" / "recall"; a place or a noun further on, "at a farm" / "on the farms", is no sign), and the
sentences are alike (cosine ``scope.SINGLE_FIGURE_COSINE``), each counting one kind of thing
("30,000 hens and 9,000 ducks" are parts of the birds another report counts). A report that counts
both nouns counts two things: then the keys stay apart story-wide.
Counts of a named kind of thing only (``scope.is_specific_count``): casualty classes have their
own keys, and "12 soldiers" / "30 civilians" killed are never one thing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from newsbrief.story.casualties import words_after, words_before
from newsbrief.story.pool import SentencePool
from newsbrief.story.quantities import Quantity
from newsbrief.story.scope import FIGURE_LEAD, SINGLE_FIGURE_COSINE, is_specific_count
from newsbrief.story.stated_values import StatedValue
from newsbrief.summary.bigrams import stem
from newsbrief.vocabulary import STOP_WORDS


def find_noun_aliases(pool: SentencePool, values: Sequence[Mapping[str, StatedValue]]) -> dict[str, str]:
    """Key -> the key it is one thing with (the alphabetically first of a linked set)."""
    stated: dict[str, set[str]] = defaultdict(set)  # article -> the keys of the figures it states
    counts: dict[tuple[str, str], int] = defaultdict(int)  # (article, key) -> how many it states
    for i in range(len(pool)):
        for q in pool.quantities[i]:
            stated[pool.refs[i].article_id].add(q.key)
            counts[pool.refs[i].article_id, q.key] += 1
    leads = [
        (i, key, fig)
        for i, vals in enumerate(values)
        if pool.refs[i].sentence < FIGURE_LEAD
        for key, v in vals.items()
        if (fig := v.quantity) is not None and is_specific_count(key) and counts[pool.refs[i].article_id, key] == 1
        # The sentence counts one kind of thing: "30,000 hens and 9,000 ducks" are parts of a whole.
        and sum(is_specific_count(q.key) for q in pool.quantities[i]) == 1
    ]
    link: dict[str, str] = {}

    def root(k: str) -> str:
        while link.get(k, k) != k:
            k = link[k]
        return k

    # Read once per lead, not per pair: a long story has hundreds of leads.
    deeds = [deed_stems(pool.texts[i], q) for i, _, q in leads]
    for a, (i, ki, _) in enumerate(leads):
        for b in range(a + 1, len(leads)):
            j, kj, _ = leads[b]
            if ki == kj or pool.article[i] == pool.article[j]:
                continue
            ai, aj = pool.refs[i].article_id, pool.refs[j].article_id
            if kj in stated[ai] or ki in stated[aj]:
                continue  # one of the reports counts both: two things
            if not deeds[a] & deeds[b] or np.float32(pool.cosine(i, j)) < SINGLE_FIGURE_COSINE:
                continue
            ri, rj = root(ki), root(kj)
            if ri != rj:
                link[max(ri, rj)] = min(ri, rj)
    # Two keys that one report both states stay apart even when linked through a third.
    out = {k: root(k) for k in link}
    return {k: r for k, r in out.items() if not any(k in keys and any(o != k and out.get(o, o) == r for o in keys) for keys in stated.values())}


def deed_stems(text: str, q: Quantity) -> set[str]:
    """The stems of what is done to a figure's things: the content words among the three before
    it in its clause ("Vets have culled about 60,000", "The recall covers about 210,000") and the
    verb forms among the six after ("140,000 birds have now been culled"). Not a place or a noun
    further on ("at a farm near Lisk")."""
    before = [w.lower() for w in words_before(text, q.start, 3) if w.lower() not in STOP_WORDS]
    after = [w.lower() for w in words_after(text, q.end, 6) if w.lower().endswith(("ed", "ing"))]
    return {stem(w) for w in before + after}


def alias_values(values: Sequence[Mapping[str, StatedValue]], aliases: Mapping[str, str]) -> list[dict[str, StatedValue]]:
    """``values`` with each aliased key under the key it is one thing with."""
    if not aliases:
        return [dict(v) for v in values]
    out: list[dict[str, StatedValue]] = []
    for vals in values:
        moved: dict[str, StatedValue] = {}
        for key, v in vals.items():
            new = aliases.get(key, key)
            if new != key and v.quantity is not None:
                v = replace(v, quantity=replace(v.quantity, key=new))
            if new in moved:
                continue  # two figures of one thing in one sentence: keep the first
            moved[new] = v
        out.append(moved)
    return out
