"""``newsbrief refresh`` and the note of ``brief --db`` when stored facts are old: the brief says
once that it computes them again and names the fix; refresh stores only what is stale, a second
refresh changes nothing, and an interrupted one keeps what it stored (real seed articles)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.corpus import facts
from newsbrief.corpus.store import Store

pytestmark = pytest.mark.needs_shared

OLD = "an-older-newsbrief"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, int]:
    """The five seeds ingested with the default settings; the id of their largest story."""
    root = tmp_path_factory.mktemp("refresh")
    db = root / "seeds.db"
    result = CliRunner().invoke(cli, ["ingest", str(seeds_dir), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    listing = json.loads(CliRunner().invoke(cli, ["stories", "--db", str(db), "--format", "json"]).stdout)["stories"]
    story = max(listing, key=lambda s: s["articles"])
    assert story["articles"] >= 3
    return db, int(story["id"])


def _copy(db: Path, to: Path) -> Path:
    shutil.copyfile(db, to)
    return to


def _rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def _brief(db: Path, story: int, *extra: str) -> tuple[str, str]:
    result = CliRunner().invoke(cli, ["brief", "--db", str(db), "--story", str(story), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_a_brief_says_once_that_stored_facts_are_old(ingested: tuple[Path, int], tmp_path: Path) -> None:
    db = _copy(ingested[0], tmp_path / "db.sqlite")
    story = ingested[1]
    current, quiet = _brief(db, story)
    assert "sentence facts" not in quiet  # facts of this version: nothing to say
    with sqlite3.connect(db) as conn:  # what an upgrade that changes the facts' code leaves
        conn.execute("UPDATE sentence_facts SET version = ?", (OLD,))
        seq = conn.execute("SELECT min(seq) FROM articles WHERE story_id = ?", (story,)).fetchone()[0]
        conn.execute("DELETE FROM sentence_facts WHERE seq = ?", (seq,))  # and one ingested before schema 7
        members = conn.execute("SELECT count(*) FROM articles WHERE story_id = ?", (story,)).fetchone()[0]
    stale, said = _brief(db, story)
    assert stale == current  # the same brief, facts computed on the fly
    lines = [line for line in said.splitlines() if "sentence facts" in line]
    assert len(lines) == 1, said
    assert f"story {story}: the sentence facts of {members - 1} stored by an older (or other) newsbrief and 1 never stored" in lines[0]
    assert f"of its {members} articles are computed again for this brief (the same brief, slower" in lines[0]
    assert f"run `newsbrief refresh --db {db}` once" in lines[0]
    assert "sentence facts" not in _brief(db, story, "-q")[1]
    refreshed = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert refreshed.exit_code == 0, refreshed.output
    total = len(_rows(db, "articles"))
    assert f": sentence facts stored for {total} articles (" in refreshed.stderr  # no pairs nor listing was stale
    again, said = _brief(db, story)
    assert again == current and "sentence facts" not in said


def test_refresh_recomputes_only_what_is_stale_and_twice_changes_nothing(ingested: tuple[Path, int], tmp_path: Path) -> None:
    db = _copy(ingested[0], tmp_path / "db.sqlite")
    facts_before, pairs_before = _rows(db, "sentence_facts"), _rows(db, "story_pairs")
    assert pairs_before  # ingest stored them
    with sqlite3.connect(db) as conn:  # two articles' facts of another version, one story's pairs gone
        stale = [r[0] for r in conn.execute("SELECT seq FROM sentence_facts ORDER BY seq LIMIT 2")]
        conn.execute(f"UPDATE sentence_facts SET version = ? WHERE seq IN ({stale[0]}, {stale[1]})", (OLD,))
        conn.execute("DELETE FROM story_pairs WHERE story_id = ?", (pairs_before[0][0],))
    first = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "sentence facts stored for 2 articles, sentence pairs stored for 1 story (" in first.stderr
    assert _rows(db, "sentence_facts") == facts_before and _rows(db, "story_pairs") == pairs_before
    second = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert ": nothing was missing or stale (" in second.stderr
    assert _rows(db, "sentence_facts") == facts_before and _rows(db, "story_pairs") == pairs_before


def test_an_interrupted_refresh_keeps_what_it_stored(ingested: tuple[Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _copy(ingested[0], tmp_path / "db.sqlite")
    before = _rows(db, "sentence_facts")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sentence_facts SET version = ?", (OLD,))
    real = Store.save_facts
    calls = []

    def interrupted(self: Store, seq: int, annotated: Any) -> None:
        calls.append(seq)
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C while the third article's facts are written
        real(self, seq, annotated)

    monkeypatch.setattr(Store, "save_facts", interrupted)
    stopped = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert stopped.exit_code == 130 and "refresh stopped; what it stored so far is kept" in stopped.stderr
    monkeypatch.setattr(Store, "save_facts", real)
    kept = _rows(db, "sentence_facts")
    assert len(kept) == len(before)  # no row lost
    assert [r[1] for r in kept].count(facts.facts_version()) == 2  # the two committed ones
    resumed = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert f"sentence facts stored for {len(before) - 2} articles" in resumed.stderr
    assert _rows(db, "sentence_facts") == before


def test_refresh_says_it_listed_a_story_when_only_its_listing_was_stale(ingested: tuple[Path, int], tmp_path: Path) -> None:
    """A story whose listing is stale but whose pairs are current is listed again and the message
    says so (it said "sentence pairs for 0 stories", which reads as if nothing was done)."""
    db = _copy(ingested[0], tmp_path / "db.sqlite")
    listed = _rows(db, "stories")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE stories SET listed_state = NULL WHERE id = ?", (ingested[1],))
    result = CliRunner().invoke(cli, ["refresh", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{db}: 1 story listed again (headline and outlet counts) (" in result.stderr
    assert "sentence pairs" not in result.stderr and "sentence facts" not in result.stderr
    assert _rows(db, "stories") == listed


def test_refresh_report_says_each_thing_done() -> None:
    from newsbrief.corpus.refresh import RefreshReport

    assert RefreshReport(0, 0, 0, 0, 1.0).describe() == "nothing was missing or stale"
    assert RefreshReport(0, 0, 0, 2, 1.0).describe() == "2 stories listed again (headline and outlet counts)"
    assert RefreshReport(0, 0, 1, 1, 1.0).describe() == "sentence pairs stored for 1 story, 1 story listed again (headline and outlet counts)"
    assert RefreshReport(3, 1, 0, 0, 1.0).describe() == "sentence vectors made again for 3 articles, sentence facts stored for 1 article"
    assert RefreshReport(0, 1200, 0, 0, 1.0).describe() == "sentence facts stored for 1,200 articles"
