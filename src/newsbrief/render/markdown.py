"""Markdown output: numbered citations [1][3] and a numbered source list."""

from __future__ import annotations

import re

from newsbrief.render.output import MARKDOWN_MARKER
from newsbrief.render.ptb import readable
from newsbrief.models import Brief
from newsbrief.render.common import (
    label_disagreement,
    no_disagreement_note,
    MAX_LISTED_GROUPS,
    MAX_LISTED_SKIPS,
    EntityRow,
    View,
    summary_label,
    entity_more_note,
    entity_rows,
    headline,
    make_view,
    more_note,
    outlets_named,
    overview,
)

# Characters that would turn article text into Markdown structure or inline HTML.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape_md(text: str) -> str:
    """Article text as literal Markdown: tokenised brackets and quotes shown as characters
    (:func:`newsbrief.render.ptb.readable`), markup characters escaped, newlines folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(readable(text).split()))


def _cite(view: View, sources: tuple[str, ...]) -> str:
    text = "".join(f"[{n}]" for n in view.cites(sources))
    more = view.more_cites(sources)
    return text + (f" +{more} more" if more else "")


def _more(brief: Brief, section: str) -> list[str]:
    note = more_note(brief, section)
    return [f"- _{note}_"] if note else []


def _entity_line(r: EntityRow) -> str:
    """'**Name**, role (also “A”, “B”): N mentions [1][2]'."""
    line = f"**{escape_md(r.name)}**"
    if r.role:
        line += f", {escape_md(r.role)}"
    if r.aliases:
        line += " (also " + ", ".join(f"“{escape_md(a)}”" for a in r.aliases) + ")"
    more = f" +{r.more} more" if r.more else ""
    return line + f": {r.mentions} " + "".join(f"[{n}]" for n in r.cites) + more


# A brief an editor reads in two minutes: the Markdown stays under this size whatever the input.
# Budgets bound the number of items; if long items still pass it, item texts are clipped.
MAX_MARKDOWN_BYTES = 60_000
# (item text clip, articles' notes listed in full): the first level that fits is used. The last
# folds each listed article's notes into a count, since a run of a thousand scraped pages can carry
# more notes (cuts, furniture left out) than the whole cap (the 1,218-page benchmark gave 82 KB).
LEVELS: tuple[tuple[int | None, bool], ...] = ((None, True), (400, True), (200, True), (100, True), (100, False))


def render_markdown(brief: Brief) -> str:
    """The whole brief as Markdown, at most MAX_MARKDOWN_BYTES (long item texts clipped if need be)."""
    for clip, notes in LEVELS:
        text = _render(brief, clip, notes)
        if len(text.encode("utf-8", errors="replace")) <= MAX_MARKDOWN_BYTES:
            break
    return text


def _clip(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _render(brief: Brief, clip: int | None, notes: bool = True) -> str:
    """The whole brief as Markdown, item texts clipped at ``clip`` characters (None: whole);
    without ``notes``, each article's notes are a count and skip reasons are clipped too."""
    v = make_view(brief)
    named = outlets_named(brief)
    out: list[str] = [f"# {escape_md(headline(brief))}", "", f"_{escape_md(overview(brief))}_", ""]
    # A timeline-only brief (`newsbrief timeline`) has articles and no summary: no section then.
    if brief.summary:
        out += ["## Summary", ""]
        for s in brief.summary:
            label = summary_label(brief, s)
            out.append(f"- {escape_md(s.text)} {_cite(v, s.sources)} _({escape_md(label)})_")
        out.append("")
    elif not brief.articles:
        out += ["## Summary", "", "_No summary: no article could be read._", ""]
    if brief.timeline:
        out += ["## Timeline", ""]
        for t in brief.timeline:
            out.append(f"- **{t.date}{f' to {t.until}' if t.until else ''}**: {escape_md(_clip(t.text, clip))} {_cite(v, t.sources)}")
        out += _more(brief, "timeline")
        out.append("")
    if brief.entities:
        out += ["## Who's who", ""]
        for label, rows in entity_rows(v):
            out += [f"### {label}", ""]
            out += [f"- {_entity_line(r)}" for r in rows]
            note = entity_more_note(brief, rows[0].entity.type)
            out += [f"- _{note}_"] if note else []
            out.append("")
    if brief.quotes:
        out += ["## Quotes", ""]
        for q in brief.quotes:
            who = escape_md(q.speaker) if q.speaker else "unattributed"
            out.append(f"> “{escape_md(_clip(q.text, clip))}”  \n> — {who} {_cite(v, q.sources)}")
            out.append("")
        note = more_note(brief, "quotes")
        out += [f"_{note}_", ""] if note else []
    if brief.figures:
        out += ["## Key figures", ""]
        for f in brief.figures:
            # What it is about, and how it changed, in brackets; none when neither is known.
            label = "; ".join(x for x in (escape_md(f.about), escape_md(f.change or "")) if x)
            label = f" ({label})" if label else ""
            out.append(f"- **{escape_md(f.text)}**{label}: {escape_md(_clip(f.sentence, clip))} {_cite(v, f.sources)}")
        out += _more(brief, "figures")
        out.append("")
    out += _sources_section(brief, v, clip)
    out += ["## Articles", ""]
    off = set(brief.off_topic)
    listed = v.listed()
    for i, a in enumerate(listed, start=1):
        line = f"{i}. {escape_md(v.article_label(a))} `{a.id.replace('`', '')}`"
        if a.id in off:
            line += " _(set aside: not about the story)_"
        out.append(line)
        if notes:
            for note in a.notes:
                out.append(f"   - note: {escape_md(note)}")
        elif a.notes:
            out.append(f"   - {len(a.notes):,} note{'s' if len(a.notes) > 1 else ''} (--format json lists them)")
    if len(listed) < len(brief.articles):
        rest = len(brief.articles) - len(listed)
        out += ["", f"_and {rest:,} more articles not cited above (--format json lists them all)_"]
    out.append("")
    if brief.skipped:
        out += ["## Skipped inputs", ""]
        for sk in brief.skipped[:MAX_LISTED_SKIPS]:
            reason = sk.reason if notes else _clip(sk.reason, clip)
            out.append(f"- `{sk.path.replace('`', '')}`: {escape_md(reason)}")
        if len(brief.skipped) > MAX_LISTED_SKIPS:
            out.append(f"- _and {len(brief.skipped) - MAX_LISTED_SKIPS:,} more (--format json lists them all)_")
        out.append("")
    # The generator marker closes the file: readers leave newsbrief's own briefs out (render/output.py).
    return "\n".join(out).rstrip("\n") + "\n\n" + MARKDOWN_MARKER + "\n"


def _sources_section(brief: Brief, v: View, clip: int | None = None) -> list[str]:
    out: list[str] = []
    if not (brief.syndication or brief.disagreements or brief.unique):
        return out
    out += ["## Sources: copies, disagreements, what each adds", ""]
    if brief.syndication:
        out += ["### Syndicated copies", ""]
        for g in brief.syndication[:MAX_LISTED_GROUPS]:
            out.append(f"- {_cite(v, tuple(g))} retell one report and count as one independent source")
        if len(brief.syndication) > MAX_LISTED_GROUPS:
            out.append(f"- _and {len(brief.syndication) - MAX_LISTED_GROUPS:,} more groups of copies (--format json lists them)_")
        out.append("")
    out += ["### Disagreements", ""]
    if brief.disagreements:
        for d in brief.disagreements:
            by = f" by {_cite(v, d.corrected_by)}" if d.corrected_by else ""
            out.append(f"- **{escape_md(d.about)}** ({escape_md(label_disagreement(brief, d))}{by}):")
            for s in d.sides:
                when = f", {s.published}" if s.published else ""
                out.append(f"  - **{escape_md(s.value)}**{when}: {escape_md(_clip(s.text, clip))} {_cite(v, s.sources)}")
        out += _more(brief, "disagreements")
    else:
        out.append(f"- {no_disagreement_note(brief)}")
    out.append("")
    if brief.unique:
        out += [f"### What each {'outlet' if outlets_named(brief) else 'source'} adds", ""]
        for u in brief.unique:
            if not u.sentences or u.article_id not in v.number:
                continue
            out.append(f"- [{v.number[u.article_id]}] only:")
            for t in u.sentences:
                out.append(f"  - {escape_md(_clip(t, clip))}")
        out += _more(brief, "unique")
        out.append("")
    return out
