"""The pages of `newsbrief serve`, through Starlette's test client on a small real database."""

from __future__ import annotations

import html

from markupsafe import escape as _escape
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from starlette.testclient import TestClient

from newsbrief.config import Settings
from newsbrief.corpus.catalog import load_story_annotated
from newsbrief.corpus.store import Store
from newsbrief.pipeline import build_brief
from newsbrief.render import render
from newsbrief.web.app import create_app


def esc(text: str) -> str:
    return str(_escape(text))


@pytest.fixture(scope="module")
def client(desk_db: Path, settings: Settings) -> TestClient:
    return TestClient(create_app(desk_db, settings))


def _stories(db: Path) -> list:  # type: ignore[type-arg]
    with Store(db, create=False) as s:
        return s.stories()


def _fire_story(db: Path):  # type: ignore[no-untyped-def]
    """The demo's story (a warehouse fire in Maravel): the story holding most of its articles."""
    with sqlite3.connect(db) as conn:
        (sid,) = conn.execute(
            "SELECT story_id FROM articles WHERE path LIKE '%examples/demo/%' GROUP BY story_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return next(s for s in _stories(db) if s.id == sid)


def test_story_list_shows_every_story_newest_first(client: TestClient, desk_db: Path) -> None:
    page = client.get("/").text
    stories = _stories(desk_db)
    assert len(stories) >= 2
    shown = [int(x) for x in re.findall(r'data-story="(\d+)"', page)]
    assert sorted(shown) == sorted(s.id for s in stories)
    last_dates = [next(s.last_date for s in stories if s.id == i) for i in shown]
    assert last_dates == sorted(last_dates, reverse=True), "newest activity first"
    for s in stories:
        row = page.split(f'data-story="{s.id}"')[1].split("</tr>")[0]
        assert f'<td class="num articles">{s.articles}</td>' in row
        assert "<svg class=\"spark\"" in row and "<rect" in row, "a bar of articles per day"


def test_story_list_filters_by_text_and_dates(client: TestClient, desk_db: Path) -> None:
    stories = _stories(desk_db)
    fire = _fire_story(desk_db)
    page = client.get("/stories/rows", params={"q": "Solvane"}).text
    assert re.findall(r'data-story="(\d+)"', page) == [str(fire.id)]
    page = client.get("/", params={"since": "2024-05-15"}).text
    assert set(re.findall(r'data-story="(\d+)"', page)) == {str(s.id) for s in stories if s.last_date and s.last_date >= "2024-05-15"}
    page = client.get("/", params={"until": "2024-05-01"}).text
    assert str(fire.id) not in re.findall(r'data-story="(\d+)"', page)


def test_story_page_is_the_brief_and_is_kept(client: TestClient, desk_db: Path, settings: Settings) -> None:
    sid = _stories(desk_db)[0].id
    annotated, skipped = load_story_annotated(desk_db, sid)
    brief = build_brief(annotated, settings, skipped)
    page = client.get(f"/story/{sid}").text
    standalone = render(brief, "html")
    # Every section heading and every summary sentence of the HTML brief is on the story page.
    for head in re.findall(r"<h[23]>(.*?)</h[23]>", standalone):
        assert f">{head}</h" in page, head
    for s in brief.summary:
        assert esc(s.text) in page
    assert '<svg class="timeline-chart"' in page
    with sqlite3.connect(desk_db) as conn:
        kept = conn.execute("SELECT state, built_at FROM briefs WHERE story_id = ?", (sid,)).fetchall()
    assert len(kept) == 1
    client.get(f"/story/{sid}")
    with sqlite3.connect(desk_db) as conn:
        assert conn.execute("SELECT state, built_at FROM briefs WHERE story_id = ?", (sid,)).fetchall() == kept
    # Downloads are the same brief the command line writes.
    assert client.get(f"/story/{sid}/brief.json").text == render(brief, "json")
    assert client.get(f"/story/{sid}/brief.md").text == render(brief, "markdown")
    assert client.get(f"/story/{sid}/brief.html").text == standalone


def test_a_changed_story_gets_a_new_brief(desk_db_copy: Path, settings: Settings) -> None:
    client = TestClient(create_app(desk_db_copy, settings))
    stories = _stories(desk_db_copy)
    big = max(stories, key=lambda s: s.articles)
    first = client.get(f"/story/{big.id}").text
    with sqlite3.connect(desk_db_copy) as conn:
        (state,) = conn.execute("SELECT state FROM briefs WHERE story_id = ?", (big.id,)).fetchone()
        # Move the story's last article out: the story changed, so its kept brief is stale.
        seq = conn.execute("SELECT max(seq) FROM articles WHERE story_id = ?", (big.id,)).fetchone()[0]
        other = next(s.id for s in stories if s.id != big.id)
        conn.execute("UPDATE articles SET story_id = ? WHERE seq = ?", (other, seq))
    second = client.get(f"/story/{big.id}").text
    with sqlite3.connect(desk_db_copy) as conn:
        states = conn.execute("SELECT state FROM briefs WHERE story_id = ?", (big.id,)).fetchall()
    assert states and states[0][0] != state and len(states) == 1
    n_first = len(re.findall(r'<li id="src-\d+"', first))
    assert len(re.findall(r'<li id="src-\d+"', second)) == n_first - 1


def test_citation_opens_the_article_with_the_cited_sentence_marked(client: TestClient, desk_db: Path) -> None:
    sid = _stories(desk_db)[0].id
    page = client.get(f"/story/{sid}").text
    summary = page.split("<h2>Summary</h2>")[1].split("</ul>")[0]
    first_item = summary.split("<li>")[1]
    sentence = html.unescape(first_item.split(" <a")[0])
    href = html.unescape(re.search(r'<a class="cite" href="([^"]+)"', first_item).group(1))
    assert href.startswith("/article/") and parse_qs(urlparse(href).query)["hl"] == [sentence]
    article = client.get(href.split("#")[0]).text
    marked = " ".join(html.unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", article, re.S))
    assert marked, "the cited sentence is highlighted"
    shared = set(re.findall(r"\w{3,}", sentence.lower())) & set(re.findall(r"\w{3,}", marked.lower()))
    assert len(shared) >= 0.6 * len(set(re.findall(r"\w{3,}", sentence.lower())))
    assert 'id="hl"' in article


def test_entity_page_follows_a_person_across_stories(client: TestClient, desk_db: Path) -> None:
    sid = _stories(desk_db)[0].id
    story = json.loads(client.get(f"/story/{sid}/brief.json").text)
    person = next(e for e in story["entities"] if e["type"] == "person" and e["aliases"])
    page = client.get("/entity", params={"name": person["name"], "type": "person"}).text
    assert f"<h1>{esc(person['name'])}</h1>" in page
    for alias in person["aliases"]:
        assert esc(alias) in page
    assert f'href="/story/{sid}"' in page
    said = [q for q in story["quotes"] if q["speaker"] == person["name"]]
    for q in said:
        assert esc(q["text"]) in page


def test_search_groups_articles_by_story(client: TestClient, desk_db: Path) -> None:
    page = client.get("/search", params={"q": "firefighters"}).text
    groups = page.split('<section class="group">')[1:]
    assert groups, "the demo's articles mention firefighters"
    fire = _fire_story(desk_db)
    assert f'href="/story/{fire.id}"' in groups[0]
    assert "<mark>" in groups[0].lower() or "<mark>firefighters" in groups[0].lower()
    assert client.get("/search", params={"q": '"unbalanced AND OR ('}).status_code == 200, "FTS syntax is not passed through"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_hostile_article_text_is_escaped_everywhere(client: TestClient, desk_db: Path) -> None:
    with sqlite3.connect(desk_db) as conn:
        seqs = [r[0] for r in conn.execute("SELECT seq FROM articles WHERE path LIKE '%hostile%'")]
        stories = {r[0] for r in conn.execute("SELECT story_id FROM articles WHERE path LIKE '%hostile%'")}
    assert seqs
    pages = [client.get(f"/article/{s}") for s in seqs] + [client.get(f"/story/{s}") for s in stories]
    pages += [client.get("/search", params={"q": "script alert"}), client.get("/")]
    shown_as_text = 0
    for r in pages:
        assert r.status_code == 200
        parser = _Tags()
        parser.feed(r.text)
        scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
        assert scripts == [[("src", "/static/htmx-2.0.11.min.js")]], "the only script is the vendored htmx"
        for tag, attrs in parser.tags:
            assert tag not in {"img", "iframe", "object", "embed", "b", "i"}, f"article markup became <{tag}>"
            for name, value in attrs:
                assert not name.startswith("on"), f"{name}= on <{tag}>"
                if name == "href":
                    assert value and (value.startswith(("/", "#", "http://", "https://"))), value
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        shown_as_text += "&lt;script&gt;" in r.text
    assert shown_as_text >= 2, "the hostile markup is shown as text"


def test_errors_are_pages_not_tracebacks(client: TestClient) -> None:
    for url in ("/story/99999", "/article/99999", "/nowhere", "/story/1/brief.exe", "/entity"):
        r = client.get(url)
        assert r.status_code == 404 and "Traceback" not in r.text and "<h1>" in r.text, url


def _outlet_cells_agree_with_briefs(client: TestClient, db: Path) -> set[str]:
    """Check each listed story's outlet cell and headline against its page's (the brief's): the
    overview line's counts and the title; the forms seen ("named", "some unnamed", "none named")."""
    listing = client.get("/").text
    forms: set[str] = set()
    for s in _stories(db):
        row = listing.split(f'data-story="{s.id}"')[1].split("</tr>")[0]
        cell = re.search(r'<td class="num outlets">([^<]*)</td>', row)
        page = client.get(f"/story/{s.id}").text
        meta = re.search(r'<p class="meta">([^<]*)</p>', page)
        title = re.search(r"<h1>(.*?)</h1>", page, re.S)
        assert cell is not None and meta is not None and title is not None
        assert f">{title.group(1).strip()}</a>" in row, "one headline: the list's is the page's"
        line = html.unescape(meta.group(1))
        about = re.search(r"set aside as off-topic; the (\d+) about the story", line) or re.match(r"(\d+) articles?", line)
        named = re.search(r" from (\d+) outlets?", line)
        unnamed = re.search(r" outlets? \(\+(\d+) not named\)", line)
        assert about is not None
        if named is None:
            assert "outlets not named" in line or " from no named outlet" in line
            assert cell.group(1) == f"not named ({about.group(1)})"
            forms.add("none named")
        elif unnamed is None:
            assert cell.group(1) == named.group(1)
            forms.add("named")
        else:
            assert cell.group(1) == f"{named.group(1)} (+{unnamed.group(1)} not named)"
            forms.add("some unnamed")
    return forms


def test_story_list_counts_outlets_as_the_brief_does(client: TestClient, desk_db: Path, desk_db_copy: Path, settings: Settings) -> None:
    """Issue 13: an article naming no outlet is not an outlet of its own; the list's count is the
    brief's ("from K outlets (+U not named)", or "outlets not named")."""
    assert "named" in _outlet_cells_agree_with_briefs(client, desk_db)
    # The copy: one story's articles name no outlet, another story has one such article.
    stories = sorted(_stories(desk_db_copy), key=lambda s: (-s.articles, s.id))
    with sqlite3.connect(desk_db_copy) as conn:
        unname = (
            "UPDATE articles SET outlet = NULL, credit = NULL, annotation = "
            "json_set(annotation, '$.article.outlet', NULL, '$.article.credit', NULL) WHERE "
        )
        conn.execute(unname + "story_id = ?", (stories[0].id,))
        conn.execute(unname + "seq = (SELECT min(seq) FROM articles WHERE story_id = ?)", (stories[1].id,))
        conn.execute("DELETE FROM briefs")
        # Changed under the listings (stored articles never change in use): as after an ingest
        # that stopped before listing the stories it changed.
        conn.execute("UPDATE stories SET listed_state = NULL")
    copy = TestClient(create_app(desk_db_copy, settings))
    # Unlisted: counted from the articles (a story page lists its story as its brief says).
    forms = _outlet_cells_agree_with_briefs(copy, desk_db_copy)
    assert {"none named", "some unnamed"} <= forms
    with sqlite3.connect(desk_db_copy) as conn:
        assert conn.execute("SELECT count(*) FROM stories WHERE listed_state IS NULL AND articles > 0").fetchone() == (0,)
    assert _outlet_cells_agree_with_briefs(copy, desk_db_copy) == forms


def test_a_hostile_wire_credit_and_headline_are_text_in_the_lists_and_the_story_page(desk_db_copy: Path, settings: Settings) -> None:
    """The story listing's fields (issue 13): the headline the lists show and the credit labels
    ("credited to ...") come from article text; on every page they are text, never markup."""
    credit = "<img src=x onerror=alert(9)>Wire"
    with sqlite3.connect(desk_db_copy) as conn:
        seq, sid = conn.execute("SELECT seq, story_id FROM articles WHERE title LIKE '<script>%' ORDER BY seq LIMIT 1").fetchone()
        conn.execute(
            "UPDATE articles SET outlet = NULL, credit = ?, annotation = "
            "json_set(annotation, '$.article.outlet', NULL, '$.article.credit', ?) WHERE seq = ?",
            (credit, credit, seq),
        )
        conn.execute("DELETE FROM briefs")
        conn.execute("UPDATE stories SET listed_state = NULL")
    client = TestClient(create_app(desk_db_copy, settings))
    story = client.get(f"/story/{sid}")
    assert "credited to &lt;img src=x onerror=alert(9)&gt;Wire" in story.text, "the credit label is shown, as text"
    with sqlite3.connect(desk_db_copy) as conn:
        (headline,) = conn.execute("SELECT headline FROM stories WHERE id = ?", (sid,)).fetchone()
    assert "<script>" in headline, "the story page listed the story under its hostile title"
    pages = [story, client.get("/"), client.get("/search", params={"q": "Kessling"}), client.get(f"/article/{seq}")]
    for r in pages:
        assert r.status_code == 200
        assert esc(headline) in r.text, "the listed headline is shown, as text"
        parser = _Tags()
        parser.feed(r.text)
        for tag, attrs in parser.tags:
            assert tag not in {"img", "iframe", "object", "embed", "b", "i"}, f"article markup became <{tag}>"
            assert tag != "script" or attrs == [("src", "/static/htmx-2.0.11.min.js")]
            assert not any(name.startswith("on") for name, _ in attrs), f"an event handler on <{tag}>"


def test_newsbrief_stories_prints_a_hostile_listed_headline_inert(desk_db_copy: Path) -> None:
    """`newsbrief stories` shows the listed headline (issue 13): control characters escaped on the
    terminal, the text kept as it is in JSON."""
    from click.testing import CliRunner

    from newsbrief.cli import cli

    evil = "<script>alert(1)</script>\x1b[2J\x1b]0;pwned\x07 Kessling"
    with sqlite3.connect(desk_db_copy) as conn:
        (sid,) = conn.execute("SELECT id FROM stories WHERE articles > 0 ORDER BY id LIMIT 1").fetchone()
        conn.execute("UPDATE stories SET headline = ?, listed_state = 'x' WHERE id = ?", (evil, sid))
    table = CliRunner().invoke(cli, ["stories", "--db", str(desk_db_copy)])
    assert table.exit_code == 0, table.output
    row = next(line for line in table.output.splitlines() if line.split()[0] == str(sid))
    assert "\x1b" not in table.output and "\x07" not in table.output
    assert row.endswith("<script>alert(1)</script>\\x1b[2J\\x1b]0;pwned\\x07 Kessling")
    listed = CliRunner().invoke(cli, ["stories", "--db", str(desk_db_copy), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    story = next(s for s in json.loads(listed.output)["stories"] if s["id"] == sid)
    assert story["headline"] == evil
