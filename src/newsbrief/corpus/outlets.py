"""How many outlets a stored story's articles name, counted as the brief counts them.

The brief's overview says "12 articles from 3 outlets (+4 not named)" and, where no
article names one, "outlets not named so independence unknown" (``render.common.overview``):
outlets are the distinct names in comparison form (``story.sources.count_outlets``) of the
articles about the story, and an article that names none is not an outlet of its own.
``newsbrief stories`` and the web desk's story list read their counts here, so the three agree
(issue 13: a DUC cluster listed "10 outlets" while its brief said the outlets were unknown).

The counts are those of the story's listing (``stories.outlets``, ``stories.no_outlet``: the
brief's own, with its off-topic articles left out, stored by :mod:`newsbrief.corpus.listing`); a
story not listed since it last changed (``listed_state`` NULL: an interrupted ingest, a database
from before schema 9) is counted from all its articles until the next ingest or refresh.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsbrief.story.sources import OutletCount, fold_outlet


def story_counts(conn: sqlite3.Connection, story_ids: Sequence[int]) -> dict[int, OutletCount]:
    """Counts per story of ``story_ids``: its listing's, else (not listed since it changed) from
    all its articles (:func:`outlet_counts`)."""
    if not story_ids:
        return {}
    marks = ",".join("?" * len(story_ids))
    out: dict[int, OutletCount] = {}
    unlisted: list[int] = []
    for sid, outlets, no_outlet, state in conn.execute(
        f"SELECT id, outlets, no_outlet, listed_state FROM stories WHERE id IN ({marks})", list(story_ids)
    ):
        if state is None:
            unlisted.append(sid)
        else:
            out[sid] = OutletCount(outlets, no_outlet)
    return out | outlet_counts(conn, unlisted)


def outlet_counts(conn: sqlite3.Connection, story_ids: Sequence[int] | None = None) -> dict[int, OutletCount]:
    """Counts per story (every story holding articles when ``story_ids`` is None)."""
    if story_ids is not None and not story_ids:
        return {}
    where = "story_id IS NOT NULL"
    params: list[int] = []
    if story_ids is not None:
        where = f"story_id IN ({','.join('?' * len(story_ids))})"
        params = list(story_ids)
    names: dict[int, set[str]] = {}
    unnamed: dict[int, int] = {}
    for sid, outlet, n in conn.execute(
        f"SELECT story_id, outlet, count(*) FROM articles WHERE {where} GROUP BY story_id, outlet", params
    ):
        # As story.sources.count_outlets counts a brief's: a name of no comparison form is no outlet.
        if outlet and (key := fold_outlet(outlet)):
            names.setdefault(sid, set()).add(key)
        elif not outlet:
            unnamed[sid] = unnamed.get(sid, 0) + n
    return {sid: OutletCount(len(names.get(sid, ())), unnamed.get(sid, 0)) for sid in names.keys() | unnamed.keys()}


def outlets_label(count: OutletCount) -> str:
    """The count as the story lists show it: "3", "3 (+2 not named)", "not named (10)"."""
    if not count.unnamed:
        return str(count.outlets)
    if not count.outlets:
        return f"not named ({count.unnamed})"
    return f"{count.outlets} (+{count.unnamed} not named)"


__all__ = ["OutletCount", "outlet_counts", "outlets_label", "story_counts"]
