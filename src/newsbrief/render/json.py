"""JSON output. The schema is documented in docs/schema.md; ``SCHEMA_VERSION`` changes with it.

Field order and content are stable: the same Brief always gives byte-identical JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsbrief.models import (
    Article,
    Brief,
    Claim,
    Disagreement,
    Entity,
    Figure,
    Quote,
    Side,
    Skip,
    SectionTotal,
    SummarySentence,
    TimelineEvent,
    UniqueContribution,
)
from newsbrief.render.common import headline

from newsbrief.render.output import GENERATOR
from newsbrief.render.urls import safe_url

SCHEMA_VERSION = 1


def _clean(s: str | None) -> str | None:
    # Lone surrogates (from broken input) cannot be written as UTF-8; replace them.
    if s is None:
        return None
    return s.encode("utf-8", errors="replace").decode("utf-8")


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The JSON document as Python data (see docs/schema.md)."""
    off = set(brief.off_topic)
    return {
        # First, so a reader can tell newsbrief's own output from an article (render/output.py).
        "generator": GENERATOR,
        "schema_version": SCHEMA_VERSION,
        # The brief's title as rendered; "headline" is the one the story stages chose, if any.
        "title": _clean(headline(brief)),
        "headline": _clean(brief.headline),
        "articles": [
            {
                "id": _clean(a.id),
                "path": _clean(a.path),
                "title": _clean(a.title),
                "published": a.published.isoformat() if a.published else None,
                "published_time": a.published_time,
                "outlet": _clean(a.outlet),
                "credit": _clean(a.credit),
                "url": _clean(safe_url(a.url)),  # javascript:, data: and relative links are dropped
                "notes": [_clean(n) for n in a.notes],
                "body": _clean(a.body),
                "off_topic": a.id in off,
            }
            for a in brief.articles
        ],
        "summary": [
            {"text": _clean(s.text), "sources": list(s.sources), "independent_sources": s.independent_sources}
            for s in brief.summary
        ],
        "entities": [
            {
                "name": _clean(e.name),
                "type": e.type,
                "aliases": [_clean(x) for x in e.aliases],
                "role": _clean(e.role),
                "mentions": e.mentions,
                "sources": list(e.sources),
                "rank": rank,
            }
            for e, rank in _ranked_entities(brief)
        ],
        "timeline": [
            {"date": t.date, "text": _clean(t.text), "sources": list(t.sources), "rank": t.rank} | ({"until": t.until} if t.until else {})
            for t in brief.timeline
        ],
        "quotes": [
            {"text": _clean(q.text), "speaker": _clean(q.speaker), "sources": list(q.sources), "rank": k}
            for k, q in enumerate(brief.quotes, start=1)
        ],
        "figures": [
            {
                "text": _clean(f.text),
                "value": f.value,
                "unit": f.unit,
                "about": _clean(f.about),
                "sentence": _clean(f.sentence),
                "sources": list(f.sources),
                "change": _clean(f.change),
                "independent_sources": f.independent_sources,
                "rank": k,
            }
            for k, f in enumerate(brief.figures, start=1)
        ],
        "syndication": [list(g) for g in brief.syndication],
        "claims": [
            {"text": _clean(c.text), "sources": list(c.sources), "independent_sources": c.independent_sources}
            for c in brief.claims
        ],
        "disagreements": [
            {
                "about": _clean(d.about),
                "kind": d.kind,
                "sides": [
                    {"text": _clean(s.text), "value": _clean(s.value), "sources": list(s.sources), "published": s.published}
                    for s in d.sides
                ],
                "corrected_by": list(d.corrected_by),
                "rank": k,
            }
            for k, d in enumerate(brief.disagreements, start=1)
        ],
        "unique": {u.article_id: [_clean(t) for t in u.sentences] for u in brief.unique},
        "skipped": [{"path": _clean(s.path), "reason": _clean(s.reason)} for s in brief.skipped],
        "off_topic": list(brief.off_topic),
        "off_topic_sentences": brief.off_topic_sentences,
        # Per section: items shown (after the editor's budget) and items the story holds.
        "totals": {t.section: {"shown": t.shown, "total": t.total} for t in brief.totals},
    }


def _ranked_entities(brief: Brief) -> list[tuple[Entity, int]]:
    """Each entity with its rank among those of its type (1 = most mentioned)."""
    seen: dict[str, int] = {}
    out = []
    for e in brief.entities:
        seen[e.type] = seen.get(e.type, 0) + 1
        out.append((e, seen[e.type]))
    return out


def render_json(brief: Brief) -> str:
    """The brief as a JSON document (UTF-8 safe, 2-space indented, trailing newline)."""
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def brief_from_dict(doc: dict[str, Any]) -> Brief:
    """The Brief a JSON document describes (the inverse of :func:`brief_to_dict`).

    Claims come back without their sentence members, which the JSON does not carry; every renderer
    gives the same output for the restored Brief as for the original.
    """
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"brief JSON has schema_version {doc.get('schema_version')!r}, expected {SCHEMA_VERSION}")
    return Brief(
        articles=tuple(
            Article(
                id=a["id"],
                path=a["path"],
                body=a["body"],
                title=a["title"],
                published=dt.date.fromisoformat(a["published"]) if a["published"] else None,
                published_time=a["published_time"],
                outlet=a["outlet"],
                credit=a["credit"],
                url=a["url"],
                notes=tuple(a["notes"]),
            )
            for a in doc["articles"]
        ),
        summary=tuple(SummarySentence(s["text"], tuple(s["sources"]), s["independent_sources"]) for s in doc["summary"]),
        skipped=tuple(Skip(s["path"], s["reason"]) for s in doc["skipped"]),
        entities=tuple(
            Entity(e["name"], e["type"], tuple(e["aliases"]), e["role"], e["mentions"], tuple(e["sources"]))
            for e in doc["entities"]
        ),
        timeline=tuple(TimelineEvent(t["date"], t["text"], tuple(t["sources"]), t.get("rank"), t.get("until")) for t in doc["timeline"]),
        quotes=tuple(Quote(q["text"], q["speaker"], tuple(q["sources"])) for q in doc["quotes"]),
        figures=tuple(
            Figure(
                f["text"], f["value"], f["unit"], f["about"], f["sentence"], tuple(f["sources"]), f.get("change"),
                f.get("independent_sources", 0),
            )
            for f in doc["figures"]
        ),
        syndication=tuple(tuple(g) for g in doc["syndication"]),
        claims=tuple(
            Claim(i, c["text"], tuple(c["sources"]), c["independent_sources"], ()) for i, c in enumerate(doc["claims"])
        ),
        disagreements=tuple(
            Disagreement(
                d["about"],
                d["kind"],
                tuple(Side(s["text"], s["value"], tuple(s["sources"]), s["published"]) for s in d["sides"]),
                tuple(d.get("corrected_by", ())),
            )
            for d in doc["disagreements"]
        ),
        unique=tuple(UniqueContribution(aid, tuple(texts)) for aid, texts in doc["unique"].items()),
        totals=tuple(SectionTotal(k, v["shown"], v["total"]) for k, v in doc.get("totals", {}).items()),
        headline=doc.get("headline"),
        off_topic=tuple(doc.get("off_topic", ())),
        off_topic_sentences=int(doc.get("off_topic_sentences", 0)),
    )
