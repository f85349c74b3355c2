"""The hand-labelled stories of the sources stages and how their answer keys are read.

Two kinds: the five seed articles of ../shared/seeds (answer key ``gold.json``; articles rebuilt
from the lines the gold marks as body, with its dates and credits, so a stage is measured alone,
whatever state cleaning is in) and the fictional stories of tests/fixtures/sources/ (one JSONL file
each, answer key ``<story>.expected.json``; an item marked ``"open"`` is a known miss of a held-out
story: the benchmark counts it like any other, the tests assert it is still missed so that a fix is
noticed and the mark removed). Used by benchmarks/sources.py and, through the fixtures of
tests/conftest.py, by the syndication, claims and disagreement tests: one loader, one way of
scoring.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsbrief.models import Article, Claim, Disagreement, Entity, Quote, TimelineEvent

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project root; NEWSBRIEF_SHARED points elsewhere (tests check the skip with it).
SHARED = Path(os.environ.get("NEWSBRIEF_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "sources"


def load_gold() -> dict[str, Any]:
    """The hand-made gold of the five seed articles."""
    data: dict[str, Any] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    return data


def build_seed_articles() -> list[Article]:
    """The seed articles with the body the gold marks (its "body" lines), title, date and credit."""
    gold = load_gold()
    out: list[Article] = []
    for name, info in sorted(gold["articles"].items()):
        lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        body_nums = sorted(int(n) for n, label in info["lines"].items() if label == "body")
        body = "\n\n".join(lines[n - 1].strip() for n in body_nums)
        published = dt.date.fromisoformat(info["published"]) if info.get("published") else None
        out.append(
            Article(
                id=name,
                path=str(SEEDS / name),
                body=body,
                title=info.get("title"),
                published=published,
                credit=info.get("credit"),
            )
        )
    return out


def list_fixture_stories() -> list[str]:
    """Names of the fictional fixture stories (one JSONL file each)."""
    return sorted(p.stem for p in FIXTURES.glob("*.jsonl"))


def build_fixture_articles(story: str) -> list[Article]:
    """The articles of one fixture story. Each JSONL line holds id, outlet, published
    ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"), optional credit and title, and ``paragraphs``."""
    out: list[Article] = []
    for line in (FIXTURES / f"{story}.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        day, _, time = rec["published"].partition("T")
        out.append(
            Article(
                id=rec["id"],
                path=str(FIXTURES / f"{story}.jsonl"),
                body="\n\n".join(rec["paragraphs"]),
                title=rec.get("title"),
                published=dt.date.fromisoformat(day),
                published_time=time or None,
                outlet=rec.get("outlet"),
                credit=rec.get("credit"),
            )
        )
    return out


def load_fixture_expectations(story: str) -> dict[str, Any]:
    """The hand-made answer key of a fixture story (``<story>.expected.json``)."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{story}.expected.json").read_text(encoding="utf-8"))
    return data


def normalize_value(text: str) -> str:
    """Lower case without thousands separators or dollar signs ("$2,500" -> "2500")."""
    return re.sub(r"(?<=\d),(?=\d)", "", text.lower()).replace("$", "").strip()


def match_disagreement(found: Disagreement, expected: dict[str, Any]) -> bool:
    """True when ``found`` has the expected kind and its sides hold exactly the expected values,
    one each (an expected "12" matches a side valued "at least 12")."""
    if found.kind != expected["kind"] or len(found.sides) != len(expected["values"]):
        return False
    wanted = [normalize_value(v) for v in expected["values"]]
    for side in found.sides:
        got = normalize_value(side.value)
        hits = [w for w in wanted if re.search(rf"(?<![\d.]){re.escape(w)}(?![\d.])", got)]
        if len(hits) != 1:
            return False
        wanted.remove(hits[0])
    return not wanted


def find_keyword_claims(claims: Sequence[Claim], keywords: Sequence[str]) -> list[Claim]:
    """The claims whose text holds one of ``keywords`` (case-insensitive)."""
    keys = [k.lower() for k in keywords]
    return [c for c in claims if any(k in c.text.lower() for k in keys)]


def check_corroboration(claims: Sequence[Claim], item: dict[str, Any]) -> bool:
    """How a judge reads a gold corroboration item: among the claims mentioning a keyword, the
    largest independent-source count is the gold count (so none exceeds it)."""
    counts = [c.independent_sources for c in find_keyword_claims(claims, item["keywords"])]
    return bool(counts) and max(counts) == item["independent"]


def check_quote(quotes: Sequence[Quote], item: dict[str, Any]) -> bool:
    """A gold quote item (``contains``, ``speaker``): the story's quotes that hold the words exist
    and all go to the gold speaker (the canonical name of who's who). An item with ``not_speaker``
    instead is a quote a later report withdrew from that person: none of its quotes goes to them
    (listing it with no speaker, or not at all, meets it)."""
    hits = [q for q in quotes if item["contains"].lower() in q.text.lower()]
    if "not_speaker" in item:
        return all(q.speaker != item["not_speaker"] for q in hits)
    return bool(hits) and all(q.speaker == item["speaker"] for q in hits)


def check_timeline_date(timeline: Sequence[TimelineEvent], item: dict[str, Any]) -> bool:
    """A gold date item (``keywords``, ``date``): the timeline lists the sentence, and only under
    the date it is about (an event's day, not the day it was reported; once, not under two dates)."""
    keys = [k.lower() for k in item["keywords"]]
    hits = [e for e in timeline if any(k in e.text.lower() for k in keys)]
    return bool(hits) and all(e.date == item["date"] for e in hits)


def check_not_person(entities: Sequence[Entity], item: str | dict[str, str]) -> bool:
    """A named thing that is no person (a ship, an aircraft, a storm): no person of who's who is
    called by it, in its name or an alias (a whole-word match). An item is the name, or
    ``{"name": ..., "open": ...}`` for a known miss of a held-out story."""
    name = thing_name(item)
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    return not any(e.type == "person" and any(pattern.search(n) for n in (e.name, *e.aliases)) for e in entities)


def thing_name(item: str | dict[str, str]) -> str:
    """The name of a ``not_people`` item (a name, or a dict with ``name`` and ``open``)."""
    return item if isinstance(item, str) else item["name"]
