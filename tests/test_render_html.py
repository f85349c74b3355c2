"""The HTML brief from its Jinja2 partials: the same sections and rows as Markdown, and the
source matrix (claims x outlets) with syndicated copies marked."""

from __future__ import annotations

import html
import re

from newsbrief.models import Brief
from newsbrief.render import render
from newsbrief.render.common import entity_rows, make_view, outlet_name, source_matrix


def test_html_has_every_markdown_section(seeds_brief: Brief) -> None:
    md = render(seeds_brief, "markdown")
    page = render(seeds_brief, "html")
    md_heads = re.findall(r"^#{2,3} (.+)$", md, re.M)
    html_heads = [html.unescape(h) for h in re.findall(r"<h[23]>(.*?)</h[23]>", page)]
    assert md_heads, "the seeds brief has sections"
    # The HTML page adds the source matrix; every Markdown section is there, in the same order.
    assert [h for h in html_heads if h != "Source matrix"] == [h.replace("\\'", "'") for h in md_heads]


def test_entity_rows_read_the_same_in_both_formats(seeds_brief: Brief) -> None:
    md = render(seeds_brief, "markdown")
    page = html.unescape(re.sub(r"<[^>]+>", "", render(seeds_brief, "html")))
    rows = [r for _, rs in entity_rows(make_view(seeds_brief)) for r in rs]
    assert rows
    for r in rows:
        assert f"**{r.name}**" in md.replace("\\", "")
        assert f"{r.name}{', ' + r.role if r.role else ''}" in page
        assert r.mentions in page


def test_source_matrix_marks_syndicated_copies(seeds_brief: Brief) -> None:
    assert seeds_brief.syndication, "the seeds hold one syndicated pair"
    view = make_view(seeds_brief)
    m = source_matrix(view)
    assert m.rows and m.outlets
    by_id = {a.id: a for a in seeds_brief.articles}
    copy = seeds_brief.syndication[0][1]
    copy_col = m.outlets.index(outlet_name(by_id[copy]))
    # A claim the copy states is marked "copy" in its outlet's column unless that outlet reports it
    # in an article of its own; no claim shows a mark for an outlet that does not state it.
    for r in m.rows:
        stated = {outlet_name(by_id[a]) for a in r.sources}
        for outlet, cell in zip(m.outlets, r.cells):
            assert (cell != "") == (outlet in stated)
        if copy in r.sources and sum(1 for a in r.sources if outlet_name(by_id[a]) == m.outlets[copy_col]) == 1:
            assert r.cells[copy_col] == "copy"
    assert any(r.cells[copy_col] == "copy" for r in m.rows)
    page = render(seeds_brief, "html")
    assert '<table class="matrix">' in page and 'class="copy">○' in page
