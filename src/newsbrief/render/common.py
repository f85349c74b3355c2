"""What every human-readable format shows, computed once: citation numbers, labels, headline."""

from __future__ import annotations

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


@dataclass(frozen=True)
class EntityRow:
    """One who's-who line, format-neutral: each renderer escapes and emphasises the parts itself."""

    name: str
    role: str | None
    aliases: tuple[str, ...]
    mentions: str  # "3 mentions"
    cites: list[int]
    entity: Entity


def entity_rows(view: View) -> list[tuple[str, list[EntityRow]]]:
    """The non-empty who's-who sections: (heading, rows of that type in brief order)."""
    out: list[tuple[str, list[EntityRow]]] = []
    for label, kind in ENTITY_SECTIONS:
        rows = [
            EntityRow(e.name, e.role, e.aliases, f"{e.mentions} mention{'s' if e.mentions != 1 else ''}", view.cites(e.sources), e)
            for e in view.brief.entities
            if e.type == kind
        ]
        if rows:
            out.append((label, rows))
    return out


# The source matrix shows the best-corroborated claims only: a story of 200 articles has hundreds.
MATRIX_CLAIMS = 15


@dataclass(frozen=True)
class MatrixRow:
    text: str
    cites: list[int]
    sources: tuple[str, ...]
    cells: list[str]  # per outlet column: "own" (states it), "copy" (only through a syndicated copy) or ""


@dataclass(frozen=True)
class SourceMatrix:
    """Claims x outlets: which outlet states which claim, copies of one report marked."""

    outlets: list[str]
    rows: list[MatrixRow]
    more: int  # claims left out


def outlet_name(a: Article) -> str:
    """The column an article counts under: its outlet, else its wire credit, else its id."""
    return a.outlet or a.credit or a.id


def source_matrix(view: View, limit: int = MATRIX_CLAIMS) -> SourceMatrix:
    """The claims stated by most independent sources, against the outlets that state them."""
    brief = view.brief
    by_id = {a.id: a for a in brief.articles}
    # A syndication group's first member is the report; the others are copies of it.
    copies = {aid for g in brief.syndication for aid in g[1:]}
    ranked = sorted(brief.claims, key=lambda c: (-c.independent_sources, -len(c.sources), c.id))
    shown = [c for c in ranked if len(c.sources) > 1][:limit]
    outlets: list[str] = []
    for c in shown:
        for aid in c.sources:
            if aid in by_id and outlet_name(by_id[aid]) not in outlets:
                outlets.append(outlet_name(by_id[aid]))
    rows = []
    for c in shown:
        marks: dict[str, str] = {}
        for aid in c.sources:
            if aid not in by_id:
                continue
            name = outlet_name(by_id[aid])
            if aid not in copies:
                marks[name] = "own"
            else:
                marks.setdefault(name, "copy")
        rows.append(MatrixRow(c.text, view.cites(c.sources), c.sources, [marks.get(o, "") for o in outlets]))
    return SourceMatrix(outlets, rows, len([c for c in ranked if len(c.sources) > 1]) - len(shown))
