"""Source labels of summary lines agree with their citations and with the brief's outlet wording
(issue 13; a new user's walkthrough found "[1][2] (single source)" where [1] named no outlet).

An article of unknown outlet is neither proof of independence nor of one source: a line citing one
counts reports and says how many name no outlet, as the overview does. Fictional stories only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.annotate.resources import Resources
from newsbrief.models import Article, Brief, SummarySentence
from newsbrief.pipeline import brief_paths
from newsbrief.render.common import corroboration_label, overview, summary_label, unnamed_sources
from newsbrief.render.markdown import render_markdown


def _brief(summary: tuple[SummarySentence, ...], syndication: tuple[tuple[str, ...], ...] = ()) -> Brief:
    arts = (
        Article("w", "w.txt", "b", published=dt.date(2024, 3, 12)),  # a wire text, no outlet
        Article("h", "h.html", "b", outlet="Vell Herald", published=dt.date(2024, 3, 13)),
        Article("c", "c.json", "b", outlet="Coast Daily", published=dt.date(2024, 3, 13)),
        Article("x", "x.txt", "b", published=dt.date(2024, 3, 14)),  # a copy of the Herald's report
    )
    return Brief(articles=arts, summary=summary, syndication=syndication)


def test_a_line_citing_an_article_of_no_named_outlet_counts_reports() -> None:
    both = SummarySentence("The mayor opened an inquiry.", ("w", "h"), 2)
    named = SummarySentence("The ferry resumed.", ("h", "c"), 2)
    alone = SummarySentence("The bridge fell.", ("w",), 1)
    brief = _brief((both, named, alone))
    assert summary_label(brief, both) == "2 reports, 1 with no outlet named"
    assert summary_label(brief, named) == "2 independent sources"
    assert summary_label(brief, alone) == "1 report, no outlet named"
    assert overview(brief) == (
        "4 articles from 2 outlets (+2 not named), published 2024-03-12 to 2024-03-14. "
        "2 independent sources and 2 reports of no named outlet: Coast Daily; Vell Herald."
    )


def test_a_copy_of_a_named_outlets_report_is_that_outlets_source() -> None:
    line = SummarySentence("The ferry resumed.", ("h", "x"), 1)
    brief = _brief((line,), syndication=(("h", "x"),))
    assert unnamed_sources(brief, ("h", "x")) == 0
    assert summary_label(brief, line) == "single source"


def test_a_wire_credit_names_the_source_of_a_copy_of_no_named_outlet() -> None:
    """Issue 13: "An outlet comes from metadata, the credit, ...". A wire copy run by several sites
    that name themselves nowhere is one source, the wire; a line citing only it says whose it is."""
    arts = (
        Article("a1", "a1.txt", "b", credit="AP", published=dt.date(2024, 3, 12)),
        Article("a2", "a2.txt", "b", credit="AP", published=dt.date(2024, 3, 13)),
        Article("r", "r.txt", "b", credit="Reuters", published=dt.date(2024, 3, 13)),
        Article("h", "h.html", "b", outlet="Vell Herald", credit="AP", published=dt.date(2024, 3, 13)),
        Article("n", "n.txt", "b", published=dt.date(2024, 3, 14)),
    )
    wire = SummarySentence("The ferry resumed.", ("a1", "a2"), 2)
    two = SummarySentence("The mayor opened an inquiry.", ("a1", "r"), 2)
    mixed = SummarySentence("The bridge fell.", ("r", "n"), 2)
    brief = Brief(articles=arts, summary=(wire, two, mixed))
    from newsbrief.render.common import independent_count

    # AP (a1, a2), Reuters, the Herald (its own name first, whatever it ran) and one unknown.
    assert independent_count(brief) == 4
    assert overview(brief).startswith(
        "5 articles from 1 outlet (+4 not named), published 2024-03-12 to 2024-03-14. "
        "3 independent sources and 1 report of no named outlet: AP (credited, 2 articles); Reuters (credited); Vell Herald."
    )
    assert summary_label(brief, SummarySentence(wire.text, wire.sources, 1)) == "single source, credited to AP"
    assert summary_label(brief, two) == "2 independent sources"
    assert summary_label(brief, mixed) == "2 reports, 1 with no outlet named"
    # The outlet, where named, is the label's business, not the credit of what it ran.
    assert summary_label(brief, SummarySentence("x", ("h",), 1)) == "single source"


def test_a_brief_naming_no_outlet_keeps_its_wording() -> None:
    assert corroboration_label(3, outlets_named=False) == "3 reports (outlets unknown)"
    assert corroboration_label(1, outlets_named=False) == "1 report"
    assert corroboration_label(1) == "single source"


STORY = [
    {"title": "Tarn bridge closed after cracks found in main span", "published": "2025-03-04", "outlet": "Harbour Courier",
     "text": "The Tarn road bridge over the Vell estuary was closed to all traffic on Tuesday after engineers found cracks "
             "in its main span. The county council said the bridge would stay shut until the span had been inspected. "
             "The bridge, built in 1962, had been scheduled for repairs costing 4.2 million euros next year, according "
             "to the regional transport office."},
    {"title": "Cracks close estuary crossing", "published": "2025-03-04",
     "text": "Inspectors shut the Tarn crossing on Tuesday afternoon when cracks appeared in the main span of the bridge. "
             "Police turned lorries back at both ends while the council arranged a detour."},
    {"title": "Tarn bridge to stay shut for six weeks, council says", "published": "2025-03-06", "outlet": "Harbour Courier",
     "text": "The Tarn road bridge will stay closed for at least six weeks while its cracked main span is repaired, the "
             "county council said on Thursday. Repairs will cost about 3 million euros, according to the council."},
    {"title": "Six-week repair job for Tarn crossing", "published": "2025-03-06", "outlet": "Coastline Daily",
     "text": "Repairing the Tarn bridge will take at least six weeks, council officials announced on Thursday, after two "
             "failed steel bearings were found beneath the cracked span. Officials priced the work at roughly 3 million euros. "
             "The regional transport office said repairs had been planned for 2026 at a cost of 4.2 million euros."},
]


def test_every_summary_label_agrees_with_its_citations(tmp_path: Path, settings: Settings, resources: Resources) -> None:
    path = tmp_path / "tarn.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in STORY) + "\n", encoding="utf-8")
    brief = brief_paths([str(path)], settings, resources)
    text = render_markdown(brief)
    lines = [ln for ln in text.split("## Summary", 1)[1].split("\n## ", 1)[0].splitlines() if ln.startswith("- ")]
    assert lines
    unnamed = {str(k + 1) for k, r in enumerate(STORY) if "outlet" not in r}
    outlet = {str(k + 1): r.get("outlet") for k, r in enumerate(STORY)}
    for ln in lines:
        cited = re.findall(r"\[(\d+)\]", ln)
        label = re.search(r"_\((.*)\)_$", ln)
        assert label is not None, ln
        # Distinct sources cited: each named outlet once, each report of no named outlet once.
        n = len({outlet[c] for c in cited if c not in unnamed}) + len(set(cited) & unnamed)
        if set(cited) & unnamed:
            assert "no outlet named" in label.group(1) and label.group(1).startswith(f"{n} report"), ln
        else:
            assert label.group(1) == ("single source" if n == 1 else f"{n} independent sources"), ln
