"""A self-contained HTML page: inline CSS, no scripts, no external assets.

Every piece of article text goes through :func:`html.escape`; links are made only to http(s) URLs.
"""

from __future__ import annotations

import html
from urllib.parse import urlparse

from newsbrief.models import Brief
from newsbrief.render.common import View, corroboration_label, describe_entity, entity_sections, headline, make_view, overview

CSS = """
body{font:16px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}
.meta{color:#666;font-style:italic}.cite{font-size:.75rem;vertical-align:super;text-decoration:none}
.badge{font:12px sans-serif;padding:1px 6px;border-radius:8px;background:#e8f0e8;color:#264;margin-left:.3rem}
.badge.single{background:#f6ebe0;color:#743}
blockquote{margin:.8rem 0;padding:.2rem 1rem;border-left:3px solid #999;color:#333}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
.date{white-space:nowrap;font-weight:bold}.skip{color:#a33}code{font-size:.85rem}
"""


def _e(s: str | None) -> str:
    return html.escape(s or "", quote=True)


def _cite(v: View, sources: tuple[str, ...]) -> str:
    return "".join(f'<a class="cite" href="#src-{n}">[{n}]</a>' for n in v.cites(sources))


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (javascript:, data:, relative...)."""
    if not url:
        return None
    u = url.strip()
    try:
        p = urlparse(u)
    except ValueError:
        return None
    if p.scheme.lower() in ("http", "https") and p.netloc and not any(c in u for c in "\"'<> \n\t"):
        return u
    return None


def _badge(n: int) -> str:
    cls = "badge single" if n <= 1 else "badge"
    return f'<span class="{cls}">{_e(corroboration_label(n))}</span>'


def render_html(brief: Brief) -> str:
    """The whole brief as one HTML page."""
    v = make_view(brief)
    title = headline(brief)
    h: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(overview(brief))}</p>',
        "<h2>Summary</h2>",
    ]
    if brief.summary:
        h.append("<ul>")
        for s in brief.summary:
            h.append(f"<li>{_e(s.text)} {_cite(v, s.sources)}{_badge(s.independent_sources)}</li>")
        h.append("</ul>")
    else:
        h.append("<p><em>No summary: no article could be read.</em></p>")
    if brief.timeline:
        h.append("<h2>Timeline</h2><table>")
        for t in brief.timeline:
            h.append(f'<tr><td class="date">{_e(t.date)}</td><td>{_e(t.text)} {_cite(v, t.sources)}</td></tr>')
        h.append("</table>")
    if brief.entities:
        h.append("<h2>Who's who</h2>")
        for label, ents in entity_sections(brief):
            h.append(f"<h3>{label}</h3><ul>")
            for e in ents:
                h.append(f"<li>{describe_entity(e, _e, lambda t: f'<strong>{t}</strong>')} {_cite(v, e.sources)}</li>")
            h.append("</ul>")
    if brief.quotes:
        h.append("<h2>Quotes</h2>")
        for q in brief.quotes:
            who = _e(q.speaker) if q.speaker else "unattributed"
            h.append(f"<blockquote>“{_e(q.text)}”<br>— {who} {_cite(v, q.sources)}</blockquote>")
    if brief.figures:
        h.append("<h2>Key figures</h2><ul>")
        for f in brief.figures:
            h.append(f"<li><strong>{_e(f.text)}</strong> ({_e(f.about)}): {_e(f.sentence)} {_cite(v, f.sources)}</li>")
        h.append("</ul>")
    h += _sources_html(brief, v)
    h.append("<h2>Articles</h2><ol>")
    for i, a in enumerate(brief.articles, start=1):
        url = safe_url(a.url)
        label = _e(v.article_label(a))
        if url:
            label = f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{label}</a>'
        notes = "".join(f"<br><small>note: {_e(n)}</small>" for n in a.notes)
        h.append(f'<li id="src-{i}">{label} <code>{_e(a.id)}</code>{notes}</li>')
    h.append("</ol>")
    if brief.skipped:
        h.append("<h2>Skipped inputs</h2><ul>")
        for sk in brief.skipped:
            h.append(f'<li class="skip"><code>{_e(sk.path)}</code>: {_e(sk.reason)}</li>')
        h.append("</ul>")
    h.append("</body></html>")
    return "\n".join(h) + "\n"


def _sources_html(brief: Brief, v: View) -> list[str]:
    if not (brief.syndication or brief.disagreements or brief.unique):
        return []
    h = ["<h2>Sources: copies, disagreements, what each adds</h2>"]
    if brief.syndication:
        h.append("<h3>Syndicated copies</h3><ul>")
        for g in brief.syndication:
            h.append(f"<li>{_cite(v, g)} retell one report and count as one independent source</li>")
        h.append("</ul>")
    h.append("<h3>Disagreements</h3>")
    if brief.disagreements:
        for d in brief.disagreements:
            kind = "changed over time" if d.kind == "change" else "outlets disagree"
            h.append(f"<p><strong>{_e(d.about)}</strong> ({kind})</p><table>")
            for s in d.sides:
                h.append(
                    f"<tr><td><strong>{_e(s.value)}</strong></td><td>{_e(s.published)}</td>"
                    f"<td>{_e(s.text)} {_cite(v, s.sources)}</td></tr>"
                )
            h.append("</table>")
    else:
        h.append("<p>None found: the outlets agree on the figures and dates they share.</p>")
    if brief.unique:
        h.append("<h3>What each outlet adds</h3><ul>")
        for aid, texts in brief.unique:
            if not texts or aid not in v.number:
                continue
            items = "".join(f"<li>{_e(t)}</li>" for t in texts)
            h.append(f"<li>[{v.number[aid]}] only:<ul>{items}</ul></li>")
        h.append("</ul>")
    return h
