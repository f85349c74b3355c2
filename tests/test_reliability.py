"""Reliability (issue 6): bad inputs never stop a run, exit codes, determinism, and the invariants
every stage keeps (Hypothesis property tests).

The CLI is driven with click's CliRunner; determinism runs the real console script in separate
processes with different hash seeds, because set and dict orders that depend on string hashing
only differ between processes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsbrief.read.cleaning import clean_body
from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.models import AnnotatedArticle, Article, Brief
from newsbrief.pipeline import annotate_article, build_brief
from newsbrief.annotate.resources import Resources

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"

GOOD = (
    "Kessling harbour board votes to sell ferry terminal\n\n"
    "February 12, 2024\n\n"
    "The harbour board of Kessling voted on Monday to sell the old ferry terminal for 12 million crowns, "
    "board chair Mira Tolland said after a six-hour meeting.\n\n"
    "“We had no choice,” Tolland said. “The terminal loses 40,000 crowns a month.”\n\n"
    "The board will meet again on Thursday to choose a buyer among three bidders.\n"
)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a crawler leaves on disk: two good articles among every kind of bad file."""
    d = tmp_path_factory.mktemp("messy")
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "latin1.txt").write_bytes(GOOD.replace("“", '"').replace("”", '"').replace("harbour board", "café board").encode("latin-1"))
    (d / "empty.txt").write_bytes(b"")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (d / "notes.docx").write_bytes(b"PK\x03\x04")
    (d / "broken.jsonl").write_text('{"text": "' + GOOD.splitlines()[4] + '"}\n{"text": "cut off\n', encoding="utf-8")
    (d / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    os.symlink(d, d / "loop")
    return d


def skip_lines(output: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith("newsbrief: skipped ")]


@pytest.mark.slow
def test_bad_files_are_skipped_with_reasons_and_the_brief_is_written(runner: CliRunner, messy_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    result = runner.invoke(cli, ["brief", str(messy_folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    d = messy_folder
    assert skip_lines(result.output) == [
        f"newsbrief: skipped {d / 'loop'}: link loop: this folder was already read through another path; nothing to do",
        f"newsbrief: skipped {d / 'broken.jsonl'}#2: line 2 is not valid JSON (Unterminated string starting at: column 10); fix or remove that line",
        f"newsbrief: skipped {d / 'empty.txt'}: empty file (no text in it); remove it or download the article again",
        f"newsbrief: skipped {d / 'image.txt'}: this is a PNG image, not text; this is not an article; remove it from the input",
        # trafilatura's recall pass keeps the menu's one word
        f"newsbrief: skipped {d / 'menu.html'}: only 1 word of text left after removing boilerplate (menus, captions, links); is this an article page?",
        f"newsbrief: skipped {d / 'notes.docx'}: unsupported file type '.docx'; save the document as plain text (.txt) first",
    ]
    doc = json.loads(out.read_bytes().decode("utf-8"))
    assert [a["id"] for a in doc["articles"]] == ["broken.jsonl#1", "good.txt", "latin1.txt"]
    assert "café board" in doc["articles"][2]["body"]
    assert len(doc["skipped"]) == 6 and all(s["reason"] for s in doc["skipped"])


@pytest.mark.slow
def test_exit_1_when_nothing_is_readable(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(cli, ["brief", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "newsbrief: nothing readable in the given paths; see the skipped inputs above"
    assert len(skip_lines(result.output)) == 2


@pytest.mark.slow
def test_exit_1_for_an_empty_folder_says_why(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["brief", str(tmp_path)])
    assert result.exit_code == 1
    assert skip_lines(result.output) == [
        f"newsbrief: skipped {tmp_path}: no article files in this folder; point newsbrief at the folder that holds the articles"
    ]


@pytest.mark.slow
def test_exit_1_for_a_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["brief", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert f"newsbrief: skipped {tmp_path / 'nope'}: no such file or folder; check the path" in result.output


@pytest.mark.slow
def test_exit_2_for_usage_errors(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["brief"]).exit_code == 2  # no paths
    assert runner.invoke(cli, ["brief", "x", "--words", "0"]).exit_code == 2
    assert runner.invoke(cli, ["brief", "x", "--no-such-option"]).exit_code == 2


@pytest.mark.slow
def test_exit_codes_are_documented() -> None:
    import newsbrief.cli as cli_module

    doc = cli_module.__doc__ or ""
    assert "0 the output was written" in doc and "1 nothing readable" in doc and "2 usage error" in doc


# --- determinism ----------------------------------------------------------------------------------


# Builds the brief once and writes it as JSON, then Markdown: what `newsbrief brief` renders.
_DRIVER = """
import sys
from newsbrief.config import load_settings
from newsbrief.pipeline import brief_paths
from newsbrief.render import render
brief = brief_paths(sys.argv[1:], load_settings())
sys.stdout.buffer.write(render(brief, "json").encode("utf-8") + b"\\0" + render(brief, "markdown").encode("utf-8"))
"""


@pytest.fixture(scope="module")
def demo_runs(messy_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[bytes, bytes]]:
    """(JSON, Markdown) of the bundled demo plus one extra article, from two processes at once."""
    demo = tmp_path_factory.mktemp("demo") / "demo"
    shutil.copytree(DEMO, demo)
    shutil.copy(messy_folder / "good.txt", demo / "extra.txt")
    runs = [
        subprocess.Popen([sys.executable, "-c", _DRIVER, str(demo)], env=dict(os.environ, PYTHONHASHSEED=seed), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for seed in ("1", "2")
    ]
    outputs = []
    for p in runs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
        json_part, md_part = out.split(b"\0")
        outputs.append((json_part, md_part))
    return outputs


def test_same_input_gives_byte_identical_json_and_markdown(demo_runs: list[tuple[bytes, bytes]]) -> None:
    (json_1, md_1), (json_2, md_2) = demo_runs
    assert json_1 == json_2, "JSON differs between two runs of the same input"
    assert md_1 == md_2, "Markdown differs between two runs of the same input"


def test_demo_is_read_whole_and_its_wire_copy_found(demo_runs: list[tuple[bytes, bytes]]) -> None:
    doc = json.loads(demo_runs[0][0])
    assert [a["id"] for a in doc["articles"]] == [
        "01_northern_dispatch.txt", "02_coastline_today.txt", "03_maravel_courier.html",
        "04_radio_estrel.jsonl#1", "04_radio_estrel.jsonl#2", "05_estrel_gazette.txt", "extra.txt",
    ]
    assert doc["skipped"] == [], "the demo README is documentation, not a skipped input"
    assert ["01_northern_dispatch.txt", "02_coastline_today.txt"] in doc["syndication"]


def test_demo_planted_disagreement_is_found(demo_runs: list[tuple[bytes, bytes]]) -> None:
    doc = json.loads(demo_runs[0][0])
    found = [
        d for d in doc["disagreements"]
        if {"03_maravel_courier.html", "04_radio_estrel.jsonl#1"} <= {src for side in d["sides"] for src in side["sources"]}
    ]
    assert len(found) == 1 and found[0]["kind"] == "conflict"
    values = " ".join(side["value"] for side in found[0]["sides"])
    assert "1,200" in values and "850" in values


# --- invariants (Hypothesis) ----------------------------------------------------------------------

BOILERPLATE = [
    "Share this article", "facebook icon twitter icon", "Sign up for our newsletter to get the news in your inbox",
    "We use cookies to improve your experience on our website. Accept all cookies", "Read more:",
    "© 2024 Harbour Times. All rights reserved.", "Tags: harbour, ferry, Kessling", "Photo: Ana Velt/Harbour Times",
    "Home > News > Kessling", "ADVERTISEMENT", "By Ruth Abelard", "Ferry operator posts record summer",
]
SENTENCES = [
    "The harbour board of Kessling voted on Monday to sell the old ferry terminal for 12 million crowns.",
    "“We had no choice,” board chair Mira Tolland said. “The terminal loses 40,000 crowns a month.”",
    "Tolland said the board would meet again on Thursday to choose among three bidders.",
    "Last month, inspectors found that 30 percent of the piers needed repair, the port authority said.",
    "Opponents, led by councillor Jonas Brecht, said the sale was rushed and called for a vote in March 2025.",
    "“It is a fire sale,” Brecht said on Tuesday, adding that about 200 jobs were at stake.",
    "The terminal opened in 1987 and carried 1.2 million passengers in 2019, before the pandemic.",
    "Ticket prices rose by 15% last year, the operator said in a statement on Wednesday.",
]
_noise = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
_line = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(BOILERPLATE), _noise, st.just(""))
_body = st.lists(_line, min_size=1, max_size=12).map("\n\n".join)


@hsettings(max_examples=200, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(SENTENCES), st.sampled_from(BOILERPLATE), _noise), max_size=15).flatmap(
    lambda lines: st.sampled_from(["\n", "\n\n", "\n \n"]).map(lambda sep: sep.join(lines))
))
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_body(text)
    assert clean_body(once) == once


def _iso_ok(date: str) -> bool:
    if re.fullmatch(r"\d{4}", date):
        return True
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return 1 <= int(date[5:]) <= 12
    try:
        return dt.date.fromisoformat(date).isoformat() == date
    except ValueError:
        return False


def _check_spans(ann: AnnotatedArticle) -> None:
    body = ann.article.body
    aid = ann.article.id
    for i, s in enumerate(ann.sentences):
        assert s.article_id == aid and s.index == i
        assert 0 <= s.start < s.end <= len(body) and body[s.start : s.end] == s.text
    n = len(ann.sentences)
    for group in (ann.mentions, ann.dates, ann.quotes, ann.figures):
        for m in group:
            assert m.article_id == aid and 0 <= m.sentence < n
            assert 0 <= m.start < m.end <= len(body), m
            if group is ann.quotes:
                # A quote's text is normalised (split quotes joined, closing comma dropped), and it
                # may run over several sentences: its words must still all lie in its span, in order.
                assert re.search(r"\W+".join(map(re.escape, re.findall(r"\w+", m.text))), body[m.start : m.end]), m
            else:
                assert body[m.start : m.end] == m.text, m
                sent = ann.sentences[m.sentence]
                assert sent.start <= m.start and m.end <= sent.end, m
    for d in ann.dates:
        assert _iso_ok(d.date), d


_pub = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@pytest.mark.slow
@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_body, published=st.none() | _pub)
def test_every_span_lies_inside_its_text(resources: Resources, body: str, published: dt.date | None) -> None:
    body = clean_body(body)
    if not body.strip():
        return
    _check_spans(annotate_article(Article(id="a", path="a.txt", body=body, published=published), resources))


def _sources(brief: Brief) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    out += [("summary", s.sources) for s in brief.summary]
    out += [("entity", e.sources) for e in brief.entities]
    out += [("timeline", t.sources) for t in brief.timeline]
    out += [("quote", q.sources) for q in brief.quotes]
    out += [("figure", f.sources) for f in brief.figures]
    out += [("claim", c.sources) for c in brief.claims]
    out += [("claim member", tuple(m.article_id for m in c.members)) for c in brief.claims]
    out += [("syndication", g) for g in brief.syndication]
    out += [("disagreement", s.sources) for d in brief.disagreements for s in d.sides]
    out += [("unique", (u.article_id,)) for u in brief.unique]
    return out


@hsettings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies=st.lists(_body, min_size=1, max_size=4), dates=st.lists(st.none() | _pub, min_size=4, max_size=4))
def test_every_citation_names_an_article_and_every_date_is_iso(
    resources: Resources, settings: Settings, bodies: list[str], dates: list[dt.date | None]
) -> None:
    articles = [
        Article(id=f"art{i}.txt", path=f"art{i}.txt", body=clean_body(b), published=dates[i], outlet=f"Outlet {i % 2}")
        for i, b in enumerate(bodies)
    ]
    annotated = [annotate_article(a, resources) for a in articles if a.body.strip()]
    if not annotated:
        return
    brief = build_brief(annotated, settings)
    ids = {a.article.id for a in annotated}
    for where, sources in _sources(brief):
        assert sources, f"a {where} without a source"
        assert set(sources) <= ids, f"a {where} cites an article that is not in the run: {sources}"
    for t in brief.timeline:
        assert _iso_ok(t.date), t
    for d in brief.disagreements:
        for side in d.sides:
            assert side.published is None or _iso_ok(side.published[:10]), side
