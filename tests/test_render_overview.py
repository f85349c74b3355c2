"""The line under the brief's title: counts of articles, outlets and independent sources."""

from __future__ import annotations

from dataclasses import replace

from newsbrief.models import Brief
from newsbrief.render.common import overview


def test_seeds_overview_counts(seeds_brief: Brief) -> None:
    text = overview(seeds_brief)
    assert text.startswith(f"{len(seeds_brief.articles)} articles")
    # One syndicated pair among five articles: four sources. One names its outlet; four name none,
    # of which two carry a wire credit (AP, Reuters: the source of their copy, and of the copy
    # syndicated from the Reuters one); the one left names neither, and an article of unknown
    # outlet is neither proof of independence nor of one source, so it is counted as a report
    # (issue 13), as the summary lines' labels count it.
    assert text.startswith("5 articles from 1 outlet (+4 not named), published 2023-12-07 to 2023-12-13. ")
    # The sources sentence names each independent source, largest first: Reuters's credited
    # copy and its syndicated rewrite are one source of two articles (issue 13: the overview
    # "(4 with no outlet named, 2 of them credited to AP or Reuters), 3 independent sources and
    # 1 report of no named outlet" was hard to parse).
    assert "3 independent sources and 1 report of no named outlet: Reuters (credited, 2 articles); AP (credited); Inquirer News." in text
    every = replace(seeds_brief, articles=tuple(replace(a, outlet=f"Outlet {i}") for i, a in enumerate(seeds_brief.articles)))
    assert ". 4 independent sources: Outlet 0 and Outlet 1 (one report, 2 articles); Outlet 2; Outlet 3; Outlet 4." in overview(every)


def test_overview_numbers_agree_with_the_sources_it_names(seeds_brief: Brief) -> None:
    """Every count of the overview is what its names add up to: the articles of the sources
    named plus the reports of no named outlet are the articles about the story; the outlets
    named plus the articles naming none are the articles too (as the story list's cell says)."""
    import re

    from newsbrief.render.common import independent_count, named_sources, unnamed_sources

    for brief in (seeds_brief, replace(seeds_brief, off_topic=(seeds_brief.articles[-1].id,))):
        text = overview(brief)
        about = [a for a in brief.articles if a.id not in brief.off_topic]
        sources = named_sources(brief)
        m = re.search(r"(\d+) independent sources?(?: and (\d+) reports? of no named outlet)?: ", text)
        assert m is not None, text
        assert int(m.group(1)) == len(sources) == independent_count(brief) - unnamed_sources(brief, [a.id for a in about])
        # The articles no named source holds are the reports of no named outlet (at least one each).
        left = len(about) - sum(s.articles for s in sources)
        assert left >= int(m.group(2) or 0) and (left == 0) == (m.group(2) is None)
        outlets = re.search(r" from (\d+) outlets? \(\+(\d+) not named\)", text)
        assert outlets is not None and int(outlets.group(1)) + int(outlets.group(2)) == len(about)
    # The seeds' one article of neither outlet nor credit (004) is the one report left over.
    assert "and 1 report of no named outlet: " in overview(seeds_brief)
    assert sum(s.articles for s in named_sources(seeds_brief)) == len(seeds_brief.articles) - 1


def test_unnamed_outlets_are_said_not_hidden(seeds_brief: Brief) -> None:
    """When only some articles name their outlet, the line does not read as if one outlet wrote
    them all."""
    arts = seeds_brief.articles
    named = sum(1 for a in arts if a.outlet)
    assert 0 < named < len(arts), "the seeds have a mix of named and unnamed outlets"
    text = overview(seeds_brief)
    assert f" from {named} outlet (+{len(arts) - named} not named), " in text
    every = replace(seeds_brief, articles=tuple(replace(a, outlet=f"Outlet {i % 2}") for i, a in enumerate(arts)))
    assert " from 2 outlets, " in overview(every)
    assert "not named" not in overview(every) and "no named outlet" not in overview(every)
    none = replace(seeds_brief, articles=tuple(replace(a, outlet=None, credit=None) for a in arts))
    # No outlet named at all: the articles are not called independent sources (issue 13: one
    # outlet's archive read as "241 independent sources").
    assert "independent source" not in overview(none)
    assert "outlets not named so independence unknown (4 distinct reports" in overview(none)


def test_articles_of_one_outlet_are_one_source(seeds_brief: Brief) -> None:
    arts = seeds_brief.articles
    one = replace(seeds_brief, articles=tuple(replace(a, outlet="The Daily Example") for a in arts))
    assert "5 articles from 1 outlet, published 2023-12-07 to 2023-12-13. 1 independent source: The Daily Example (5 articles)." in overview(one)
    # Spellings of one outlet's name agree ("The Daily Example", "dailyexample.com").
    mixed = replace(seeds_brief, articles=tuple(
        replace(a, outlet="dailyexample.com" if i % 2 else "The Daily Example") for i, a in enumerate(arts)
    ))
    assert ". 1 independent source: The Daily Example (5 articles)." in overview(mixed)


def test_wire_credits_name_the_source_of_a_copy(seeds_brief: Brief) -> None:
    """Where some outlet is named, articles naming none but credited to one wire are that wire's
    copy: one source, and said as credited (issue 13: "An outlet comes from ... the credit")."""
    arts = seeds_brief.articles
    wires = replace(seeds_brief, articles=tuple(replace(a, outlet="The Daily Example" if a.id == arts[-1].id else None) for a in arts))
    # Reuters (000, its copy 001 and 003), AP (002) and the Daily Example (004).
    assert overview(wires).startswith(
        "5 articles from 1 outlet (+4 not named), published 2023-12-07 to 2023-12-13. "
        "3 independent sources: Reuters (credited, 3 articles); AP (credited); The Daily Example."
    )
    # Where no article names its outlet (an archive), a credit alone does not make the counts
    # independent sources: a page of one newsroom can carry an agency's picture credit.
    archive = replace(seeds_brief, articles=tuple(replace(a, outlet=None) for a in arts))
    assert "outlets not named so independence unknown (3 distinct reports;" in overview(archive)


def test_off_topic_count_is_said(seeds_brief: Brief) -> None:
    off = replace(seeds_brief, off_topic=(seeds_brief.articles[-1].id,))
    assert overview(off).startswith("5 articles, 1 set aside as off-topic; the 4 about the story are from ")


def test_off_topic_articles_are_one_number_in_every_count(seeds_brief: Brief) -> None:
    """The overview's counts of outlets, unnamed articles and sources are all over the articles
    about the story, as the summary labels are: an article set aside is said once, as set aside,
    and nowhere else (it was counted among "4 with no outlet named" and left out of the reports
    beside it; and a set-aside page that alone named an outlet made "from 1 outlet" sit beside
    "outlets not named")."""
    arts = tuple(replace(a, credit=None) for a in seeds_brief.articles)
    named = next(a.id for a in arts if a.outlet)
    unnamed = next(a.id for a in arts if not a.outlet and not any(a.id in g for g in seeds_brief.syndication))
    one = replace(seeds_brief, articles=arts, off_topic=(unnamed,))
    text = overview(one)
    assert text.startswith(
        "5 articles, 1 set aside as off-topic; the 4 about the story are from 1 outlet (+3 not named), "
        "published 2023-12-07 to 2023-12-12. 1 independent source and 2 reports of no named outlet: Inquirer News."
    )
    alone = overview(replace(seeds_brief, articles=arts, off_topic=(named,)))
    assert " from 1 outlet" not in alone and "outlet named" not in alone
    assert alone.startswith("5 articles, 1 set aside as off-topic; the 4 about the story, outlets not named so independence unknown (3 distinct reports")


def test_a_conflict_is_labelled_by_whose_reports_differ(seeds_brief: Brief) -> None:
    """"outlets disagree" only when two named outlets are on its sides; one outlet's reports, or
    reports whose outlets are unknown, are said to be that (issue 13: a CNN archive's tolls were
    labelled "outlets disagree")."""
    from newsbrief.models import Disagreement, Side
    from newsbrief.render.common import label_disagreement, no_disagreement_note
    from newsbrief.render.markdown import render_markdown

    a, b = seeds_brief.articles[0].id, seeds_brief.articles[2].id
    d = Disagreement("death toll", "conflict", (Side("x", "12", (a,), None), Side("y", "19", (b,), None)))

    def brief(outlets: dict[str, str | None]) -> Brief:
        arts = tuple(replace(x, outlet=outlets.get(x.id), credit=None) for x in seeds_brief.articles)
        return replace(seeds_brief, articles=arts, disagreements=(d,))

    # The seeds' own: a Reuters copy against an AP one, each credited to its wire.
    credited = replace(seeds_brief, articles=tuple(replace(x, outlet=None) for x in seeds_brief.articles), disagreements=(d,))
    assert label_disagreement(credited, d) == "outlets disagree"

    assert label_disagreement(brief({a: "Wire One", b: "Daily Two"}), d) == "outlets disagree"
    assert label_disagreement(brief({a: "CNN", b: "cnn.com"}), d) == "reports of CNN differ"
    assert label_disagreement(brief({a: "CNN"}), d) == "reports differ; outlets not named"
    assert label_disagreement(brief({}), d) == "reports differ; outlets not named"
    # A change is an update whoever reports it.
    assert label_disagreement(brief({}), replace(d, kind="change")) == "changed over time"
    assert "(reports differ; outlets not named):" in render_markdown(brief({}))
    assert no_disagreement_note(replace(brief({}), disagreements=())).startswith("None found: the reports agree")


def test_the_sources_sentence_names_a_few_and_counts_the_rest() -> None:
    """A story of many outlets names the largest few sources and says how many more there are."""
    import datetime as dt

    from newsbrief.models import Article
    from newsbrief.render.common import MAX_NAMED_SOURCES

    n = MAX_NAMED_SOURCES + 2
    arts = tuple(
        Article(f"a{i}", f"a{i}.txt", "b", outlet=f"Paper {chr(65 + i)}", published=dt.date(2024, 3, 12)) for i in range(n)
    ) + (Article("z", "z.txt", "b", outlet="Paper H", published=dt.date(2024, 3, 13)),)
    text = overview(Brief(articles=arts, summary=()))
    assert text.startswith(f"{n + 1} articles from {n} outlets, published 2024-03-12 to 2024-03-13. {n} independent sources: Paper H (2 articles); Paper A; ")
    assert text.endswith("; and 2 more.")
    assert text.count(";") == MAX_NAMED_SOURCES


def test_every_format_shows_the_same_overview(seeds_brief: Brief) -> None:
    import html

    from newsbrief.render import render
    from newsbrief.render.markdown import escape_md

    line = overview(seeds_brief)
    assert f"_{escape_md(line)}_" in render(seeds_brief, "markdown")
    assert f'<p class="meta">{html.escape(line, quote=True)}</p>' in render(seeds_brief, "html").replace("&#x27;", "&#39;")
