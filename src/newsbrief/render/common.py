"""What every human-readable format shows, computed once: citation numbers, labels, headline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.models import Article, Brief, Disagreement, Entity, SummarySentence
from newsbrief.plural import count
from newsbrief.story.lead import story_headline
from newsbrief.story.sources import count_outlets, count_sources, fold_outlet, group_sources, map_sources, source_name

# Who's who sections, in order: heading and Entity.type.
ENTITY_SECTIONS = (("People", "person"), ("Organisations", "organization"), ("Places", "place"))


# A reader checks a claim against a few of its sources; a long run of [n] helps nobody. Past this
# many, an item cites its first sources and says how many more there are.
MAX_CITES = 6
# Briefs of more articles than this list only the articles they cite (the JSON lists them all).
MAX_LISTED_ARTICLES = 50
# Syndication groups and skipped inputs shown in full up to this many.
MAX_LISTED_GROUPS = 10
MAX_LISTED_SKIPS = 20

# Section names of Brief.totals, as a reader says them, and the flag that raises each budget.
SECTION_WORDS = {
    "timeline": ("dated events", "--max-timeline"),
    "people": ("people", "--max-people"),
    "organizations": ("organisations", "--max-organisations"),
    "places": ("places", "--max-places"),
    "quotes": ("quotes", "--max-quotes"),
    "figures": ("figures", "--max-figures"),
    "disagreements": ("disagreements", "--max-disagreements"),
    "unique": ("items", "--max-adds"),
}


# How each kind of disagreement is named beside its subject (a correction adds who corrects).
KIND_LABELS = {"change": "changed over time", "conflict": "outlets disagree", "correction": "corrected"}


def label_disagreement(brief: Brief, d: Disagreement) -> str:
    """How a disagreement is named beside its subject, saying honestly whose reports differ.

    "outlets disagree" only when its sides hold at least two named outlets; reports of one outlet
    that differ are that outlet's reports ("reports of CNN differ"); where no outlet is named the
    label says so ("reports differ; outlets not named"). A change or correction keeps its kind's
    label: a figure that moves between reports is an update whoever reports it."""
    if d.kind != "conflict":
        return KIND_LABELS[d.kind]
    by_id = {a.id: a for a in brief.articles}
    arts = [by_id[s] for side in d.sides for s in side.sources if s in by_id]
    named: dict[str, str] = {}
    for a in arts:
        name = source_name(a)
        if name:
            named.setdefault(fold_outlet(name), name)  # the first spelling names it
    if len(named) >= 2:
        return KIND_LABELS["conflict"]
    if named and all(source_name(a) for a in arts):
        return f"reports of {next(iter(named.values()))} differ"
    return "reports differ; outlets not named"


def no_disagreement_note(brief: Brief) -> str:
    """What an empty disagreements section says (reports, not outlets, when none is named)."""
    who = "outlets" if outlets_named(brief) else "reports"
    return f"None found: the {who} agree on the figures and dates they share."


@dataclass(frozen=True)
class View:
    brief: Brief
    number: dict[str, int]  # article id -> citation number (1-based, order of listed articles)
    position: dict[str, int]  # article id -> index in brief.articles

    def cites(self, sources: tuple[str, ...]) -> list[int]:
        """Citation numbers of ``sources``: the first MAX_CITES of them (in article order)."""
        return sorted(self.number[s] for s in self.first_sources(sources) if s in self.number)

    def first_sources(self, sources: tuple[str, ...]) -> list[str]:
        known = sorted((s for s in sources if s in self.position), key=self.position.__getitem__)
        return known[:MAX_CITES]

    def more_cites(self, sources: tuple[str, ...]) -> int:
        """How many sources of an item its citations leave out."""
        return max(0, len([s for s in sources if s in self.position]) - MAX_CITES)

    def listed(self) -> list[Article]:
        """The articles the source list shows, in citation order."""
        return sorted((a for a in self.brief.articles if a.id in self.number), key=lambda a: self.number[a.id])

    def article_label(self, a: Article) -> str:
        """'Title — Outlet, 2023-12-07 (Reuters)' with the parts that are known."""
        parts = [a.title or a.id]
        meta = ", ".join(x for x in (a.outlet, a.published.isoformat() if a.published else None) if x)
        label = parts[0] + (f" — {meta}" if meta else "")
        if a.credit:
            label += f" (credit: {a.credit})"
        return label


def _cited_ids(brief: Brief, view: View) -> set[str]:
    items: list[tuple[str, ...]] = [s.sources for s in brief.summary]
    items += [t.sources for t in brief.timeline] + [e.sources for e in brief.entities]
    items += [q.sources for q in brief.quotes] + [f.sources for f in brief.figures]
    items += [tuple(g) for g in brief.syndication[:MAX_LISTED_GROUPS]]
    items += [s.sources for d in brief.disagreements for s in d.sides]
    items += [d.corrected_by for d in brief.disagreements if d.corrected_by]
    items += [(u.article_id,) for u in brief.unique if u.sentences]
    return {aid for srcs in items for aid in view.first_sources(srcs)}


def make_view(brief: Brief) -> View:
    """Citation numbers: every article in order, or (past MAX_LISTED_ARTICLES) only those cited."""
    position = {a.id: i for i, a in enumerate(brief.articles)}
    full = View(brief, {a.id: i + 1 for i, a in enumerate(brief.articles)}, position)
    if len(brief.articles) <= MAX_LISTED_ARTICLES:
        return full
    cited = _cited_ids(brief, full)
    listed = [a.id for a in brief.articles if a.id in cited]
    return View(brief, {aid: i + 1 for i, aid in enumerate(listed)}, position)


def more_note(brief: Brief, section: str) -> str | None:
    """"and 212 more dated events (--max-timeline N shows more)" when a budget cut ``section``."""
    for t in brief.totals:
        if t.section == section and t.total > t.shown:
            noun, flag = SECTION_WORDS.get(section, ("items", ""))
            return f"and {t.total - t.shown:,} more {noun} ({flag} N shows more)"
    return None


def entity_more_note(brief: Brief, kind: str) -> str | None:
    """The budget note of a who's-who section by entity type."""
    section = {"person": "people", "organization": "organizations", "place": "places"}[kind]
    return more_note(brief, section)


def headline(brief: Brief) -> str:
    """The brief's title: ``brief.headline`` (the latest well-corroborated report's), else the
    earliest titled report's, else "News brief" (:func:`newsbrief.story.lead.story_headline`, the
    rule the story lists follow too)."""
    return story_headline(brief.articles, brief.off_topic, brief.headline)


def about_story(brief: Brief) -> list[Article]:
    """The articles about the story: every count of the overview and of the labels is over these
    (the ones set aside as off-topic are said once, as their own number)."""
    off = set(brief.off_topic)
    return [a for a in brief.articles if a.id not in off]


def independent_count(brief: Brief) -> int:
    """Number of independent sources among the articles about the story: syndicated copies
    once, and the articles of one source (outlet, else wire credit) once, grouped as the brief
    groups them (:func:`newsbrief.story.sources.group_sources`)."""
    about = about_story(brief)
    off = set(brief.off_topic)
    groups = group_sources(about, [g for g in brief.syndication if not off.intersection(g)])
    return count_sources([a.id for a in about], map_sources([a.id for a in about], groups))


def date_range(brief: Brief) -> str | None:
    dates = sorted(a.published for a in about_story(brief) if a.published)
    if not dates:
        return None
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    return first if first == last else f"{first} to {last}"


def corroboration_label(n: int, outlets_named: bool = True, unnamed: int = 0) -> str:
    """"3 independent sources"; where outlets are unknown, "3 reports (outlets unknown)". In a brief
    that names outlets, a line citing ``unnamed`` sources of no named outlet says so: an article of
    unknown outlet is neither proof of independence nor of one source, so the line counts reports,
    "2 reports, 1 with no outlet named", as the overview does ("and 1 report of no named outlet")."""
    if not outlets_named:
        return "1 report" if n <= 1 else f"{n} reports (outlets unknown)"
    if unnamed <= 0:
        return "single source" if n <= 1 else f"{n} independent sources"
    if n <= 1 or unnamed >= n:
        return f"{max(n, 1)} report{'s' if n > 1 else ''}, no outlet named"
    return f"{n} reports, {unnamed} with no outlet named"


def unnamed_sources(brief: Brief, sources: Sequence[str]) -> int:
    """How many of the sources among the article ids ``sources`` name no outlet: cited articles
    of no named outlet nor wire credit, a syndicated group of them once, none where the group
    holds an article that names one (a copy of that outlet's or wire's report)."""
    outlet = {a.id: source_name(a) for a in brief.articles}
    group_of = {x: g for g in brief.syndication for x in g}
    unnamed: set[str] = set()
    for s in sources:
        if outlet.get(s):
            continue
        group = group_of.get(s, (s,))
        if not any(outlet.get(x) for x in group):
            unnamed.add(min(group))
    return len(unnamed)


def summary_label(brief: Brief, sentence: SummarySentence) -> str:
    """The corroboration label of a summary line (:func:`corroboration_label`); a line whose one
    source names no outlet but a wire credit says so ("single source, credited to AP")."""
    named = outlets_named(brief)
    unnamed = unnamed_sources(brief, sentence.sources) if named else 0
    label = corroboration_label(sentence.independent_sources, named, unnamed)
    if named and label == "single source":
        by_id = {a.id: a for a in brief.articles}
        cited = [by_id[s] for s in sentence.sources if s in by_id]
        credits = sorted({a.credit for a in cited if a.credit and not a.outlet})
        if credits and not any(a.outlet for a in cited):
            label += f", credited to {' and '.join(credits)}"
    return label


def outlets_named(brief: Brief) -> bool:
    """Whether the articles about the story name outlets at all (none named: an archive whose
    articles may all be one newsroom's, so counts are reports, not independent sources). A wire
    credit alone does not make a brief one of named outlets: an archive page can carry an agency's
    picture credit ("Picture : Associated Press" on a BBC page); where outlets are named, the
    credit of an article naming none is the source of its copy (story.sources.source_name)."""
    return any(a.outlet for a in about_story(brief))


# The overview's sources sentence names at most this many sources, then says how many more.
MAX_NAMED_SOURCES = 6


@dataclass(frozen=True)
class NamedSource:
    """One independent source as the overview names it: the outlet (or outlets whose copies
    retell one report, or the wire a copy is credited to) and how many articles it has."""

    names: tuple[str, ...]  # first spelling of each outlet or credit, in article order
    articles: int
    credited: bool  # named by a wire credit only (none of its articles names an outlet)

    def label(self) -> str:
        """"Inquirer News", "Reuters (credited, 2 articles)", "CNN and BBC (one report, 2 articles)"."""
        notes = []
        if len(self.names) > 1:
            notes.append("one report")
        if self.credited:
            notes.append("credited")
        if self.articles > 1:
            notes.append(f"{self.articles} articles")
        name = " and ".join(self.names) if len(self.names) <= 3 else f"{', '.join(self.names[:3])} and others"
        return name + (f" ({', '.join(notes)})" if notes else "")


def named_sources(brief: Brief) -> list[NamedSource]:
    """The independent sources that have a name (an outlet, else a wire credit), grouped as
    :func:`independent_count` groups them, largest first (then by name). Sources of no named
    outlet nor credit are left out: the overview counts them as reports."""
    about = about_story(brief)
    off = set(brief.off_topic)
    groups = group_sources(about, [g for g in brief.syndication if not off.intersection(g)])
    source_of = map_sources([a.id for a in about], groups)
    members: dict[str, list[Article]] = {}
    for a in about:
        members.setdefault(source_of[a.id], []).append(a)
    out = []
    for arts in members.values():
        names: dict[str, str] = {}
        for a in arts:
            name = source_name(a)
            if name and fold_outlet(name):
                names.setdefault(fold_outlet(name), name)  # the first spelling names it
        if names:
            credited = not any(a.outlet for a in arts)
            out.append(NamedSource(tuple(names.values()), len(arts), credited))
    return sorted(out, key=lambda s: (-s.articles, s.label().casefold()))


def _articles_sentence(brief: Brief, about: Sequence[Article], named: bool) -> str:
    """"5 articles from 1 outlet (+4 not named), published 2023-12-07 to 2023-12-13": the outlet
    count in the form of the story lists' cell (web/queries.py, outlets_label)."""
    text = count(len(brief.articles), "article")
    if brief.off_topic:
        text += f", {len(brief.off_topic)} set aside as off-topic; the {len(about)} about the story"
        text += " are" if named else ""
    counted = count_outlets(about)
    if named:
        if counted.outlets:
            text += f" from {count(counted.outlets, 'outlet')}"
            text += f" (+{counted.unnamed} not named)" if counted.unnamed else ""
        else:
            text += " from no named outlet"
    elif about:
        # No outlet named: articles of one newsroom would pass for independent sources.
        n_ind = independent_count(brief)
        text += f", outlets not named so independence unknown ({count(n_ind, 'distinct report')}; --outlet NAME names them)"
    dr = date_range(brief)
    return text + (f", published {dr}" if dr else "")


def _sources_sentence(brief: Brief, about: Sequence[Article]) -> str:
    """"3 independent sources and 1 report of no named outlet: Reuters (credited, 2 articles); AP
    (credited); Inquirer News". Sources of no named outlet are reports, not independent sources
    (as each summary line says)."""
    n_ind = independent_count(brief)
    n_unnamed = unnamed_sources(brief, [a.id for a in about])
    k = n_ind - n_unnamed
    text = count(k, "independent source")
    if n_unnamed:
        text += f" and {count(n_unnamed, 'report')} of no named outlet"
    sources = named_sources(brief)
    if sources:
        text += ": " + "; ".join(s.label() for s in sources[:MAX_NAMED_SOURCES])
        if len(sources) > MAX_NAMED_SOURCES:
            text += f"; and {len(sources) - MAX_NAMED_SOURCES} more"
    return text


def overview(brief: Brief) -> str:
    """The lines under the title, as short sentences: the articles (how many, from how many
    outlets, when), then the independent sources by name, then what was set aside. Counts are
    over the articles about the story; those set aside as off-topic are one number said first
    ("12 articles, 3 set aside as off-topic; the 9 about the story are from ...")."""
    about = about_story(brief)
    named = outlets_named(brief)
    sentences = [_articles_sentence(brief, about, named)]
    if named:
        sentences.append(_sources_sentence(brief, about))
    aside = []
    if brief.off_topic_sentences:
        aside.append(f"{count(brief.off_topic_sentences, 'sentence')} of other stories (sidebars, promos) set aside")
    if brief.skipped:
        aside.append(f"{count(len(brief.skipped), 'input')} skipped")
    if aside:
        sentences.append("; ".join(aside))
    return ". ".join(sentences) + "."


@dataclass(frozen=True)
class EntityRow:
    """One who's-who line, format-neutral: each renderer escapes and emphasises the parts itself."""

    name: str
    role: str | None
    aliases: tuple[str, ...]
    mentions: str  # "3 mentions"
    cites: list[int]
    entity: Entity
    more: int = 0  # sources beyond the cited ones (View.more_cites)


def entity_rows(view: View) -> list[tuple[str, list[EntityRow]]]:
    """The non-empty who's-who sections: (heading, rows of that type in brief order)."""
    out: list[tuple[str, list[EntityRow]]] = []
    for label, kind in ENTITY_SECTIONS:
        rows = [
            EntityRow(
                e.name, e.role, e.aliases, f"{e.mentions} mention{'s' if e.mentions != 1 else ''}",
                view.cites(e.sources), e, view.more_cites(e.sources),
            )
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
