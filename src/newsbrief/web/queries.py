"""What the pages read from the database: story lists, one article, search hits.

Every function takes an open (read-only) connection and returns plain records; the SQL of the web
app lives here and in :mod:`newsbrief.web.kept`.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from newsbrief.corpus import serialize
from newsbrief.corpus.outlets import OutletCount, outlets_label, story_counts
from newsbrief.corpus.store import StoryRow
from newsbrief.models import AnnotatedArticle

PAGE_SIZE = 50
SEARCH_LIMIT = 200
# Search ranks by relevance (bm25) up to this many matching articles, newest first beyond.
RANK_LIMIT = 2000
# An article's story through the (seq, story_id) index: story_id sits after the large annotation
# in the row, so reading it from the table walks the row's overflow pages (measured 3 s for 4,000
# matches in a 50,000-article file; 0.1 s through the index).
BY_SEQ = "INDEXED BY articles_seq_story"
# Snippet markers: control characters no article text keeps, swapped for <mark> after escaping.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class StoryListRow(StoryRow):
    """A story's listing row with its articles per day (for the list's bar); ``outlets`` counts
    the outlets its articles name, as the brief does, and ``no_outlet`` the articles naming none."""

    per_day: dict[str, int] = field(default_factory=dict)  # ISO date -> articles published that day
    no_outlet: int = 0

    @property
    def outlets_label(self) -> str:
        """"3", "3 (+2 not named)" or "not named (10)"."""
        return outlets_label(OutletCount(self.outlets, self.no_outlet))


@dataclass(frozen=True)
class StoryFilter:
    """The story list's filters: text (headline or article words), and a date range."""

    text: str = ""
    since: str | None = None  # ISO date: stories with an article on or after it
    until: str | None = None  # ISO date: stories with an article on or before it
    page: int = 0


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query: every word required, each quoted (no FTS syntax gets through)."""
    words = re.findall(r"\w+", text, re.UNICODE)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"' for w in words[:12])


def iso_date(text: str | None) -> str | None:
    """``text`` if it is a YYYY-MM-DD date, else None (bad filter values are ignored, not errors)."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def list_stories(conn: sqlite3.Connection, f: StoryFilter) -> tuple[list[StoryListRow], int]:
    """One page of live stories, newest activity first (latest article date, then newest story), and
    the number of stories that match."""
    where = ["s.merged_into IS NULL", "s.articles > 0"]
    params: list[object] = []
    if f.since:
        where.append("s.last_date >= ?")
        params.append(f.since)
    if f.until:
        where.append("s.first_date <= ?")
        params.append(f.until)
    q = fts_query(f.text)
    if q:
        where.append(
            "s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? UNION "
            f"SELECT a.story_id FROM articles_fts JOIN articles a {BY_SEQ} ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?)"
        )
        params += [q, q]
    cond = " AND ".join(where)
    total = int(conn.execute(f"SELECT count(*) FROM stories s WHERE {cond}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT s.id, s.headline, s.first_date, s.last_date, s.articles FROM stories s WHERE {cond} "
        # Undated stories sort last (NULL is smallest); a newer story first among equal dates. The
        # order matches the stories_list index, so a page is read without sorting every story.
        "ORDER BY s.last_date DESC, s.id DESC LIMIT ? OFFSET ?",
        params + [PAGE_SIZE, max(0, f.page) * PAGE_SIZE],
    ).fetchall()
    days = per_day_counts(conn, [r[0] for r in rows])
    counts = story_counts(conn, [r[0] for r in rows])
    return [_row(r, days.get(r[0], {}), counts.get(r[0], OutletCount())) for r in rows], total


def _row(r: tuple[int, str, str | None, str | None, int], per_day: dict[str, int], count: OutletCount) -> StoryListRow:
    return StoryListRow(r[0], r[1], r[2], r[3], r[4], count.outlets, per_day, count.unnamed)


def per_day_counts(conn: sqlite3.Connection, story_ids: list[int]) -> dict[int, dict[str, int]]:
    """Articles per publication day of each story."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    if not story_ids:
        return out
    marks = ",".join("?" * len(story_ids))
    for sid, day, n in conn.execute(
        f"SELECT story_id, published, count(*) FROM articles WHERE story_id IN ({marks}) AND published IS NOT NULL "
        "GROUP BY story_id, published",
        story_ids,
    ):
        out[sid][day] = n
    return out


def story_row(conn: sqlite3.Connection, story_id: int) -> StoryListRow | None:
    """One live story (following merges), or None."""
    seen: set[int] = set()
    current = story_id
    while current not in seen:
        seen.add(current)
        row = conn.execute(
            "SELECT id, headline, first_date, last_date, articles, merged_into FROM stories WHERE id = ?", (current,)
        ).fetchone()
        if row is None:
            return None
        if row[5] is None:
            count = story_counts(conn, [row[0]]).get(row[0], OutletCount())
            return _row(row[:5], per_day_counts(conn, [row[0]]).get(row[0], {}), count)
        current = row[5]
    return None


@dataclass(frozen=True)
class ArticleRecord:
    seq: int
    annotated: AnnotatedArticle
    story_id: int | None
    story_headline: str | None
    ingested_at: str


def load_article(conn: sqlite3.Connection, seq: int) -> ArticleRecord | None:
    """One stored article with its annotation and the story that holds it."""
    row = conn.execute(
        "SELECT a.annotation, a.embeddings, a.story_id, s.headline, a.ingested_at FROM articles a "
        "LEFT JOIN stories s ON s.id = a.story_id WHERE a.seq = ?",
        (seq,),
    ).fetchone()
    if row is None:
        return None
    return ArticleRecord(seq, serialize.annotated_from_json(row[0], row[1]), row[2], row[3], row[4])


@dataclass(frozen=True)
class SearchHit:
    seq: int
    title: str
    published: str | None
    outlet: str | None
    snippet: list[tuple[str, bool]]  # (text, is a matched word)


@dataclass(frozen=True)
class SearchGroup:
    story_id: int | None
    headline: str
    headline_match: bool
    hits: list[SearchHit]


def split_snippet(snippet: str) -> list[tuple[str, bool]]:
    """FTS5 snippet text with HIT markers as (text, matched) parts, for the template to escape."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", snippet)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts


def search(conn: sqlite3.Connection, text: str) -> tuple[list[SearchGroup], int]:
    """Articles and story headlines matching ``text``, grouped by story, best match first; and the
    number of matching articles."""
    q = fts_query(text)
    if q is None:
        return [], 0
    total = int(conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (q,)).fetchone()[0])
    # Ranking scores every match; past RANK_LIMIT matches the newest articles come first instead.
    sort = "rank" if total <= RANK_LIMIT else "articles_fts.rowid DESC"
    rows = conn.execute(
        f"SELECT a.seq, coalesce(a.title, a.lead), a.published, a.outlet, "
        f"(SELECT story_id FROM articles x {BY_SEQ} WHERE x.seq = a.seq), "
        f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 16) "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
        f"ORDER BY {sort} LIMIT ?",
        (q, SEARCH_LIMIT),
    ).fetchall()
    groups: dict[int | None, list[SearchHit]] = {}
    for seq, title, published, outlet, sid, snip in rows:
        groups.setdefault(sid, []).append(SearchHit(seq, title or "", published, outlet, split_snippet(snip or "")))
    headline_hits = [
        r[0]
        for r in conn.execute(
            "SELECT f.rowid FROM stories_fts f JOIN stories s ON s.id = f.rowid "
            "WHERE stories_fts MATCH ? AND s.merged_into IS NULL ORDER BY rank LIMIT 50",
            (q,),
        )
    ]
    order = list(dict.fromkeys(headline_hits + list(groups)))
    ids = [sid for sid in order if sid is not None]
    heads: dict[int, str] = {}
    if ids:
        marks = ",".join("?" * len(ids))
        heads = {i: h for i, h in conn.execute(f"SELECT id, headline FROM stories WHERE id IN ({marks})", ids)}
    out = [
        SearchGroup(sid, heads.get(sid, "") if sid is not None else "(not filed into a story yet)", sid in headline_hits, groups.get(sid, []))
        for sid in order
    ]
    return out, total


def stories_of_name(conn: sqlite3.Connection, name: str, limit: int) -> list[int]:
    """Live stories whose articles contain ``name`` as a phrase, most matching articles first."""
    words = re.findall(r"\w+", name, re.UNICODE)
    if not words:
        return []
    phrase = '"' + " ".join(w.replace('"', '""') for w in words) + '"'
    rows = conn.execute(
        f"SELECT a.story_id, count(*) AS n FROM articles_fts JOIN articles a {BY_SEQ} ON a.seq = articles_fts.rowid "
        "JOIN stories s ON s.id = a.story_id WHERE articles_fts MATCH ? AND s.merged_into IS NULL "
        "GROUP BY a.story_id ORDER BY n DESC, a.story_id LIMIT ?",
        (phrase, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]
