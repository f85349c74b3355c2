"""Hostile article text: the HTML brief shows markup as text, never as markup, and links only to
http(s) URLs; Markdown escapes it; JSON is always valid UTF-8 JSON.

Two levels: a Brief whose every string field is hostile (the renderers alone), and hostile input
files (tests/fixtures/inputs/hostile.*) through the readers, the pipeline and the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.models import (
    Article,
    Brief,
    Claim,
    Disagreement,
    Entity,
    Figure,
    Quote,
    SentenceRef,
    Side,
    Skip,
    SummarySentence,
    TimelineEvent,
    UniqueContribution,
)
from newsbrief.pipeline import brief_paths
from newsbrief.render import render
from newsbrief.annotate.resources import Resources

INPUTS = Path(__file__).resolve().parent / "fixtures" / "inputs"

EVIL = (
    '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
    "<svg onload=alert(4)> \"quoted\" 'single' & [md](javascript:alert(5)) `code` *em* # head | pipe"
    " \x1b[31m"
)
# JSON "\ud800" escapes in input give lone surrogates; the readers replace them, but the renderers
# promise valid UTF-8 for any Brief.
SURROGATE = " \ud800 lone surrogate"
# Tags the HTML renderer itself writes; anything else in the output came from article text.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "ol", "li", "a",
    "strong", "em", "span", "blockquote", "br", "table", "tr", "td", "th", "code", "small",
}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_safe_html(page: str) -> None:
    """No element, attribute or link in ``page`` that article text could have put there."""
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert parser.tags, "not an HTML page"
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"article text became a <{tag}> element"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}= on <{tag}>"
            assert name in {"lang", "charset", "name", "content", "http-equiv", "class", "href", "id", "rel"}, name
            if name == "href":
                assert value is not None and (re.fullmatch(r"#src-\d+", value) or re.match(r"https?://[^\s\"'<>]+$", value)), value
    assert not re.search(r"<\s*(script|img|svg|iframe)", page, re.I)
    assert "javascript:" not in "".join(v or "" for _, attrs in parser.tags for _, v in attrs)
    assert "default-src 'none'" in page, "the page must forbid scripts through its Content-Security-Policy"


def hostile_brief(evil: str = EVIL) -> Brief:
    a1 = Article(
        id=f"a{evil}.txt",
        path=f"/in/{evil}",
        body=f"Body {evil}.",
        title=f"Title {evil}",
        published=dt.date(2024, 2, 12),
        published_time="09:00",
        outlet=f"Outlet {evil}",
        credit=f"Wire {evil}",
        url="javascript:alert('url')",
        notes=(f"note {evil}",),
    )
    a2 = Article(id="b.txt", path="/in/b.txt", body="Body two.", title="Two", url='https://ok.example/x?a=1&b="2"')
    a3 = Article(id="c.txt", path="/in/c.txt", body="Body three.", url="https://ok.example/c?a=1&b=2")
    srcs = (a1.id, a2.id)
    return Brief(
        articles=(a1, a2, a3),
        summary=(SummarySentence(f"Summary {evil}", srcs, 2),),
        skipped=(Skip(f"/in/{evil}.pdf", f"reason {evil}"),),
        entities=(Entity(f"Name {evil}", "person", (f"alias {evil}",), f"role {evil}", 3, srcs),),
        timeline=(TimelineEvent("2024-02-12", f"Event {evil}", srcs),),
        quotes=(Quote(f"Quote {evil}", f"Speaker {evil}", srcs),),
        figures=(Figure(f"12 {evil}", 12.0, "count", f"about {evil}", f"Sentence {evil}", srcs),),
        syndication=(srcs,),
        claims=(Claim(0, f"Claim {evil}", srcs, 1, (SentenceRef(a1.id, 0),)),),
        disagreements=(
            Disagreement(f"about {evil}", "conflict", (Side(f"side {evil}", f"v {evil}", (a1.id,), "2024-02-12"), Side("other", "2", (a2.id,), None))),
        ),
        unique=(UniqueContribution(a1.id, (f"Unique {evil}",)),),
    )


def test_html_of_a_hostile_brief_is_inert() -> None:
    page = render(hostile_brief(), "html")
    assert_safe_html(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "hostile text is shown as text"
    assert 'href="https://ok.example/c?a=1&amp;b=2"' in page, "safe links stay links"


def without_code_spans(md: str) -> str:
    # Inside a code span Markdown shows HTML literally (CommonMark 6.1), so ids may sit there as-is.
    return re.sub(r"`[^`\n]*`", "``", md)


def test_markdown_of_a_hostile_brief_escapes_markup() -> None:
    md = without_code_spans(render(hostile_brief(), "markdown"))
    assert not re.search(r"(?<!\\)<(script|img|svg|a )", md), "raw HTML in Markdown is rendered by most viewers"
    assert not re.search(r"(?<!\\)\]\(javascript:", md), "a Markdown link to javascript:"


def test_json_of_a_hostile_brief_is_valid_utf8_json() -> None:
    data = render(hostile_brief(), "json").encode("utf-8")
    doc = json.loads(data.decode("utf-8"))
    assert doc["articles"][0]["title"].startswith("Title <script>"), "JSON keeps the text as it was"


@pytest.mark.parametrize("fmt", ["json", "text", "markdown", "html"])
def test_every_format_encodes_to_utf8_even_with_lone_surrogates(fmt: str) -> None:
    out = render(hostile_brief(EVIL + SURROGATE), fmt)
    out.encode("utf-8")
    if fmt == "json":
        json.loads(out)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, resources: Resources, settings: Settings) -> tuple[Path, Brief]:
    folder = tmp_path_factory.mktemp("hostile")
    for name in ("hostile.html", "hostile.jsonl"):
        shutil.copy(INPUTS / name, folder / name)
    return folder, brief_paths([str(folder)], settings, resources)


def test_hostile_input_files_are_read(hostile_run: tuple[Path, Brief]) -> None:
    _, brief = hostile_run
    assert len(brief.articles) == 3, brief.skipped
    html_article = next(a for a in brief.articles if a.id == "hostile.html")
    assert "injected by script" not in html_article.body, "scripts are not article text"
    assert all(a.url is None or a.url.startswith("https://") or "javascript:" in a.url for a in brief.articles)


def test_hostile_input_renders_inert_html(hostile_run: tuple[Path, Brief]) -> None:
    _, brief = hostile_run
    page = render(brief, "html")
    assert_safe_html(page)
    assert "https://news.example/kessling" in page, "the one http(s) URL is a link"


def test_hostile_input_renders_safe_markdown_and_json(hostile_run: tuple[Path, Brief]) -> None:
    _, brief = hostile_run
    md = without_code_spans(render(brief, "markdown"))
    assert not re.search(r"(?<!\\)<(script|img|svg|b |a |i>)", md)
    json.loads(render(brief, "json").encode("utf-8").decode("utf-8"))


@pytest.mark.slow
def test_cli_writes_inert_html_for_hostile_input(hostile_run: tuple[Path, Brief], tmp_path: Path) -> None:
    folder, _ = hostile_run
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["brief", str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert_safe_html(out.read_text(encoding="utf-8"))


def credited_hostile_brief() -> Brief:
    """The hostile brief with the fields of the story listing's rules: a hostile headline (a
    stand-in headline is a report's opening, article text), and a summary line whose one source
    names no outlet but a hostile wire credit ("single source, credited to ...", and the
    overview's "credited to ..."), beside an article that names its outlet."""
    import dataclasses

    b = hostile_brief()
    a1 = dataclasses.replace(b.articles[0], outlet=None)
    a2 = dataclasses.replace(b.articles[1], outlet="Daily Two")
    one = SummarySentence("A line told by the credited copy alone.", (a1.id,), 1)
    return dataclasses.replace(b, articles=(a1, a2, b.articles[2]), summary=(one,) + b.summary, headline=f"Headline {EVIL}")


def test_hostile_headline_and_credit_labels_are_inert_in_html_and_markdown() -> None:
    brief = credited_hostile_brief()
    page = render(brief, "html")
    assert_safe_html(page)
    assert "<h1>Headline &lt;script&gt;" in page, "the headline is shown as text"
    assert "single source, credited to Wire &lt;script&gt;" in page, "the credit label is shown as text"
    assert "of no named outlet: Wire &lt;script&gt;" in page, "the overview names the credited source as text"
    md = without_code_spans(render(brief, "markdown"))
    assert "credited to Wire \\<script\\>" in md, "the labels name the credit, escaped"
    assert "# Headline \\<script\\>" in md
    assert not re.search(r"(?<!\\)<(script|img|svg|a )", md), "raw HTML in a Markdown label"
    assert not re.search(r"(?<!\\)\]\(javascript:", md)
