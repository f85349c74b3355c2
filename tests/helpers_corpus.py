"""Builders and checkers for the corpus-database tests: invented small articles on a few dozen
topics, and a consistency checker over the stories of a database."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np

TOWNS = ["Varnholt", "Kessling", "Maravel", "Ostrand", "Belmire", "Carrow", "Drensby", "Eskaby"]
PEOPLE = ["Mira Tolland", "Jonas Brecht", "Lucia Ferrant", "Halvard Brenn", "Petra Kosmin", "Idris Vale", "Ana Soler", "Tomas Rink"]
OUTLETS = ["Courier", "Gazette", "Herald", "Post", "Tribune"]
# Events with their own vocabulary, so that articles on different (town, event) pairs form stories.
EVENTS = [
    ("floods", ["River water flooded {n} homes in {town} after three days of rain.", "Firefighters evacuated the old quarter of {town} by boat.", "The flood barrier on the {town} embankment gave way at dawn.", "Sandbags ran out in {town} as the river kept rising."]),
    ("strike", ["Tram drivers in {town} walked out over pay, stranding {n} thousand commuters.", "The transport union in {town} rejected the wage offer.", "Depots across {town} stood empty as pickets gathered.", "Talks between {town} transit managers and drivers collapsed."]),
    ("fire", ["A warehouse fire in {town} burned through the night.", "Smoke from the {town} blaze closed the motorway.", "{n} fire crews fought the flames near the {town} rail depot.", "Investigators in {town} suspect arson at the warehouse."]),
    ("election", ["Voters in {town} elected a new mayor with {n} percent of the ballots.", "Turnout in the {town} mayoral race hit a record.", "The losing candidate in {town} conceded before midnight.", "Campaign posters still cover the walls of {town} city hall."]),
    ("football", ["{town} Rovers won the cup final {n} goals to one.", "Fans flooded the {town} stadium pitch after the whistle.", "The {town} striker scored twice in extra time.", "The cup trophy arrived in {town} on an open-top bus."]),
    ("vaccine", ["Doctors in {town} began giving a measles vaccine to {n} thousand pupils.", "Clinics in {town} extended their opening hours for the jabs.", "Measles cases in {town} schools had doubled since spring.", "Parents queued outside the {town} children's hospital."]),
    ("bank", ["The savings bank of {town} collapsed, freezing {n} thousand accounts.", "Depositors gathered outside the shuttered {town} branch.", "Regulators seized the books of the {town} lender.", "The {town} bank had lent heavily to property developers."]),
    ("comet", ["Astronomers at the {town} observatory found a new comet.", "The comet seen from {town} will pass Earth in {n} days.", "Amateur stargazers in {town} photographed the comet's tail.", "The {town} telescope tracked the comet through the night."]),
]


def write_articles(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` small .txt articles in ``folder``, each on one (town, event) topic, dated in 2024."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        t, e = rng.randrange(len(TOWNS)), rng.randrange(len(EVENTS))
        town, (event, sentences) = TOWNS[t], EVENTS[e]
        person = PEOPLE[(t + e) % len(PEOPLE)]
        month = 1 + (t * 3 + e) % 12
        picked = rng.sample(sentences, 3)
        body = [
            f"{town} {event}: {person} speaks",
            f"2024-{month:02d}-{rng.randint(1, 27):02d}",
            *(s.format(town=town, n=rng.randint(2, 90)) for s in picked),
            f"{person} of {town} spoke to reporters (report {seed}-{i}).",
        ]
        p = folder / f"a{seed}_{i:04d}.txt"
        p.write_text("\n\n".join(body) + f"\n\n© 2024 {town} {rng.choice(OUTLETS)}\n", encoding="utf-8")
        paths.append(p)
    return paths


def story_problems(db: Path) -> list[str]:
    """Every way the stories of ``db`` disagree with the articles filed in them (empty: consistent).

    Checks each live story's article count and vector sum against its members, that every live
    story has members, that every filed article is in a live story, and the keyword document count.
    """
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    problems: list[str] = []
    try:
        live = {sid: (n, vsum) for sid, n, vsum in conn.execute("SELECT id, articles, vector_sum FROM stories WHERE merged_into IS NULL")}
        members: dict[int, list[bytes]] = {}
        for sid, vec in conn.execute("SELECT story_id, vector FROM articles"):
            if sid is None:
                problems.append("an article is in no story")
                continue
            if sid not in live:
                problems.append(f"an article is filed in story {sid}, which is not a live story")
                continue
            members.setdefault(sid, []).append(vec)
        for sid, (n, vsum) in sorted(live.items()):
            vecs = members.get(sid, [])
            if not vecs:
                problems.append(f"story {sid} is listed but has no articles")
                continue
            if n != len(vecs):
                problems.append(f"story {sid} counts {n} articles but holds {len(vecs)}")
            total = np.sum([np.frombuffer(v, dtype="<f4").astype(np.float64) for v in vecs], axis=0)
            stored = np.frombuffer(vsum, dtype="<f8")
            if stored.shape != total.shape or not np.allclose(stored, total, atol=1e-4):
                problems.append(f"story {sid}'s vector sum is not the sum of its articles' vectors")
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        row = conn.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()
        if int(row[0] if row else 0) != articles:
            problems.append(f"keyword frequencies count {row[0] if row else 0} documents for {articles} articles")
    finally:
        conn.close()
    return problems
