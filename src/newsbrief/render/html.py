"""A self-contained HTML page from Jinja2 templates: inline CSS, no scripts, no external assets.

The page is ``templates/brief.html`` (on ``templates/base.html``); each section of the brief is one
partial under ``templates/brief/``, which the web app (:mod:`newsbrief.web`) includes too, with its
own :class:`Links` so that citations open its article pages. Autoescaping is on for every
template: article text is never markup. Links go only to http(s) URLs (:func:`safe_url`).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.models import Article, Brief, Entity
from newsbrief.read.display import BIDI_CONTROLS
from newsbrief.render.ptb import readable
from newsbrief.render.urls import safe_url as safe_url  # re-exported: the web app imports it from here
from newsbrief.render.common import (
    label_disagreement,
    no_disagreement_note,
    View,
    summary_label,
    entity_rows,
    headline,
    make_view,
    more_note,
    outlets_named,
    overview,
    source_matrix,
)

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

CSS = """
body{font:16px/1.5 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}
.meta{color:#666;font-style:italic}.cite{font-size:.75rem;vertical-align:super;text-decoration:none}
.badge{font:12px sans-serif;padding:1px 6px;border-radius:8px;background:#e8f0e8;color:#264;margin-left:.3rem;white-space:nowrap}
.badge.single{background:#f6ebe0;color:#743}
blockquote{margin:.8rem 0;padding:.2rem 1rem;border-left:3px solid #999;color:#333}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
.date{white-space:nowrap;font-weight:bold}.skip{color:#a33}code{font-size:.85rem}
.matrix td.own,.matrix td.copy{text-align:center}.matrix td.own{background:#dbeedb}.matrix td.copy{background:#f3ecd8}
.matrix{display:block;overflow-x:auto}.matrix th{font:12px sans-serif}td.side{width:50%}
"""



class Links:
    """Where the brief's links point. The standalone page: citations to its own source list."""

    def cite(self, view: View, sources: tuple[str, ...], text: str) -> list[tuple[int, str]]:
        """(number, href) of each citation of ``sources``; ``text`` is what the citation backs."""
        return [(n, f"#src-{n}") for n in view.cites(sources)]

    def entity(self, entity: Entity) -> str | None:
        """A page about the entity, if there is one."""
        return None

    def article(self, article: Article) -> str | None:
        """Where an article's label links: its own http(s) URL."""
        return safe_url(article.url)


def isolate_bidi(value: Any) -> Any:
    """Every ``{{ value }}`` of the templates: text holding bidi controls is wrapped in ``<bdi>``,
    so an unclosed right-to-left override in an article's title or quote cannot reverse the
    page around it (the text itself is escaped as usual); a tokenised corpus's brackets and quotes
    are shown as characters (:func:`newsbrief.render.ptb.readable`)."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        value = readable(value)
    if isinstance(value, str) and BIDI_CONTROLS.search(value):
        from markupsafe import Markup, escape

        return Markup("<bdi>") + escape(value) + Markup("</bdi>")
    return value


@functools.cache
def template_env(*extra: Path) -> jinja2.Environment:
    """The Jinja2 environment of the brief templates (plus ``extra`` folders searched first)."""
    import jinja2  # here, not at module level: commands that write no HTML need not import it

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in extra] + [str(TEMPLATES)]),
        autoescape=True,
        finalize=isolate_bidi,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def brief_context(brief: Brief, links: Links | None = None) -> dict[str, Any]:
    """What the section partials read: the brief, its view, rows computed once, and the links."""
    v = make_view(brief)
    return {
        "brief": brief,
        "view": v,
        "links": links or Links(),
        "title": headline(brief),
        "overview": overview(brief),
        "entity_sections": entity_rows(v),
        "matrix": source_matrix(v),
        "summary_label": lambda s: summary_label(brief, s),
        "label_disagreement": lambda d: label_disagreement(brief, d),
        "no_disagreement_note": no_disagreement_note(brief),
        "outlets_named": outlets_named(brief),
        "more_note": lambda section: more_note(brief, section),
        "entity_budget": {"person": "people", "organization": "organizations", "place": "places"},
        "copies_shown": bool(brief.syndication or brief.disagreements or brief.unique),
        "css": CSS,
    }


def render_html(brief: Brief) -> str:
    """The whole brief as one HTML page."""
    return template_env().get_template("brief.html").render(brief_context(brief))
