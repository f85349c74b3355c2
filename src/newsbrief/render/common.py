"""What every human-readable format shows, computed once: citation numbers, labels, headline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsbrief.models import Article, Brief, Entity

# Who's who sections, in order: heading and Entity.type.
ENTITY_SECTIONS = (("People", "person"), ("Organisations", "organization"), ("Places", "place"))


@dataclass(frozen=True)
class View:
    brief: Brief
    number: dict[str, int]  # article id -> citation number (1-based, order of brief.articles)

    def cites(self, sources: tuple[str, ...]) -> list[int]:
        return sorted(self.number[s] for s in sources if s in self.number)

    def article_label(self, a: Article) -> str:
        """'Title — Outlet, 2023-12-07 (Reuters)' with the parts that are known."""
        parts = [a.title or a.id]
        meta = ", ".join(x for x in (a.outlet, a.published.isoformat() if a.published else None) if x)
        label = parts[0] + (f" — {meta}" if meta else "")
        if a.credit:
            label += f" (credit: {a.credit})"
        return label


def make_view(brief: Brief) -> View:
    return View(brief, {a.id: i + 1 for i, a in enumerate(brief.articles)})


def headline(brief: Brief) -> str:
    """The brief's title: the title of the article whose claims are most corroborated, else the first."""
    titled = [a for a in brief.articles if a.title]
    if not titled:
        return "News brief"
    # The earliest titled article states the story as first reported; ties go to input order.
    best = min(titled, key=lambda a: (a.published is None, a.published or 0, brief.articles.index(a)))
    return best.title or "News brief"


def independent_count(brief: Brief) -> int:
    """Number of independent sources among the articles (syndicated copies counted once)."""
    grouped = {aid for g in brief.syndication for aid in g}
    return len(brief.syndication) + sum(1 for a in brief.articles if a.id not in grouped)


def date_range(brief: Brief) -> str | None:
    dates = sorted(a.published for a in brief.articles if a.published)
    if not dates:
        return None
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    return first if first == last else f"{first} to {last}"


def corroboration_label(n: int) -> str:
    return "single source" if n <= 1 else f"{n} independent sources"


def overview(brief: Brief) -> str:
    n = len(brief.articles)
    outlets = {a.outlet for a in brief.articles if a.outlet}
    text = f"{n} article{'s' if n != 1 else ''}"
    unnamed = sum(1 for a in brief.articles if not a.outlet)
    if outlets:
        text += f" from {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"
        if unnamed:
            # Say so: "5 articles from 1 outlet" would read as if one outlet wrote them all.
            text += f" ({unnamed} with no outlet named)"
    text += f", {independent_count(brief)} independent source{'s' if independent_count(brief) != 1 else ''}"
    dr = date_range(brief)
    if dr:
        text += f", published {dr}"
    if brief.skipped:
        text += f"; {len(brief.skipped)} input{'s' if len(brief.skipped) != 1 else ''} skipped"
    return text


def entity_sections(brief: Brief) -> list[tuple[str, list[Entity]]]:
    """The non-empty who's-who sections: (heading, entities of that type in brief order)."""
    out = [(label, [e for e in brief.entities if e.type == kind]) for label, kind in ENTITY_SECTIONS]
    return [(label, ents) for label, ents in out if ents]


def describe_entity(e: Entity, escape: Callable[[str], str], strong: Callable[[str], str]) -> str:
    """"**Name**, role (also “A”, “B”): N mentions" in a format's own escaping and emphasis."""
    line = strong(escape(e.name))
    if e.role:
        line += f", {escape(e.role)}"
    if e.aliases:
        line += " (also " + ", ".join(f"“{escape(a)}”" for a in e.aliases) + ")"
    return line + f": {e.mentions} mention{'s' if e.mentions != 1 else ''}"
