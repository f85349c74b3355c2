"""Markdown output: numbered citations [1][3] and a numbered source list."""

from __future__ import annotations

import re

from newsbrief.render.output import MARKDOWN_MARKER
from newsbrief.models import Brief
from newsbrief.render.common import EntityRow, View, corroboration_label, entity_rows, headline, make_view, overview

# Characters that would turn article text into Markdown structure or inline HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape_md(text: str) -> str:
    """Article text as literal Markdown: markup characters escaped, newlines folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _cite(view: View, sources: tuple[str, ...]) -> str:
    return "".join(f"[{n}]" for n in view.cites(sources))


def _entity_line(r: EntityRow) -> str:
    """'**Name**, role (also “A”, “B”): N mentions [1][2]'."""
    line = f"**{escape_md(r.name)}**"
    if r.role:
        line += f", {escape_md(r.role)}"
    if r.aliases:
        line += " (also " + ", ".join(f"“{escape_md(a)}”" for a in r.aliases) + ")"
    return line + f": {r.mentions} " + "".join(f"[{n}]" for n in r.cites)


def render_markdown(brief: Brief) -> str:
    """The whole brief as Markdown."""
    v = make_view(brief)
    out: list[str] = [f"# {escape_md(headline(brief))}", "", f"_{escape_md(overview(brief))}_", ""]
    out += ["## Summary", ""]
    if brief.summary:
        for s in brief.summary:
            out.append(f"- {escape_md(s.text)} {_cite(v, s.sources)} _({corroboration_label(s.independent_sources)})_")
    else:
        out.append("_No summary: no article could be read._")
    out.append("")
    if brief.timeline:
        out += ["## Timeline", ""]
        for t in brief.timeline:
            out.append(f"- **{t.date}**: {escape_md(t.text)} {_cite(v, t.sources)}")
        out.append("")
    if brief.entities:
        out += ["## Who's who", ""]
        for label, rows in entity_rows(v):
            out += [f"### {label}", ""]
            out += [f"- {_entity_line(r)}" for r in rows]
            out.append("")
    if brief.quotes:
        out += ["## Quotes", ""]
        for q in brief.quotes:
            who = escape_md(q.speaker) if q.speaker else "unattributed"
            out.append(f"> “{escape_md(q.text)}”  \n> — {who} {_cite(v, q.sources)}")
            out.append("")
    if brief.figures:
        out += ["## Key figures", ""]
        for f in brief.figures:
            out.append(f"- **{escape_md(f.text)}** ({escape_md(f.about)}): {escape_md(f.sentence)} {_cite(v, f.sources)}")
        out.append("")
    out += _sources_section(brief, v)
    out += ["## Articles", ""]
    for i, a in enumerate(brief.articles, start=1):
        line = f"{i}. {escape_md(v.article_label(a))} `{a.id.replace('`', '')}`"
        out.append(line)
        for note in a.notes:
            out.append(f"   - note: {escape_md(note)}")
    out.append("")
    if brief.skipped:
        out += ["## Skipped inputs", ""]
        for sk in brief.skipped:
            out.append(f"- `{sk.path.replace('`', '')}`: {escape_md(sk.reason)}")
        out.append("")
    # The generator marker closes the file: readers leave newsbrief's own briefs out (render/output.py).
    return "\n".join(out).rstrip("\n") + "\n\n" + MARKDOWN_MARKER + "\n"


def _sources_section(brief: Brief, v: View) -> list[str]:
    out: list[str] = []
    if not (brief.syndication or brief.disagreements or brief.unique):
        return out
    out += ["## Sources: copies, disagreements, what each adds", ""]
    if brief.syndication:
        out += ["### Syndicated copies", ""]
        for g in brief.syndication:
            out.append(f"- {_cite(v, g)} retell one report and count as one independent source")
        out.append("")
    out += ["### Disagreements", ""]
    if brief.disagreements:
        for d in brief.disagreements:
            kind = "changed over time" if d.kind == "change" else "outlets disagree"
            out.append(f"- **{escape_md(d.about)}** ({kind}):")
            for s in d.sides:
                when = f", {s.published}" if s.published else ""
                out.append(f"  - **{escape_md(s.value)}**{when}: {escape_md(s.text)} {_cite(v, s.sources)}")
    else:
        out.append("- None found: the outlets agree on the figures and dates they share.")
    out.append("")
    if brief.unique:
        out += ["### What each outlet adds", ""]
        for u in brief.unique:
            if not u.sentences or u.article_id not in v.number:
                continue
            out.append(f"- [{v.number[u.article_id]}] only:")
            for t in u.sentences:
                out.append(f"  - {escape_md(t)}")
        out.append("")
    return out
