"""`newsbrief ingest` / `newsbrief stories` and briefs from the database, on the real seeds."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from typing import Any
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsbrief import pipeline
from newsbrief.config import Settings
from newsbrief.cli import ingest, stories
from newsbrief.corpus.catalog import StoryNotFound, list_stories, load_story_annotated
from newsbrief.render import render

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_FILES = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "seeds.db"
    result = CliRunner().invoke(ingest, [*SEED_FILES, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{len(SEED_FILES)} articles added" in result.stderr
    return db


def story_ids(db: Path) -> list[int]:
    return [s["id"] for s in list_stories(db)]


@pytest.mark.slow
def test_brief_from_the_database_equals_brief_from_the_files(seeded_db: Path, settings: Settings) -> None:
    (story_id,) = story_ids(seeded_db)  # the five seeds are one story
    annotated, skipped = load_story_annotated(seeded_db, story_id)
    from_db = pipeline.build_brief(annotated, settings, skipped)
    from_files = pipeline.brief_paths(SEED_FILES, settings)
    assert render(from_db, "json") == render(from_files, "json")
    assert render(from_db, "markdown") == render(from_files, "markdown")


def test_stories_lists_the_story_with_its_articles(seeded_db: Path, seeds_brief: Any) -> None:
    runner = CliRunner()
    table = runner.invoke(stories, ["--db", str(seeded_db)])
    assert table.exit_code == 0
    header, row = table.output.splitlines()
    assert header.split() == ["id", "first", "last", "articles", "outlets", "headline"]
    assert row.split()[1:4] == ["2023-12-07", "2023-12-13", str(len(SEED_FILES))]
    data = json.loads(runner.invoke(stories, ["--db", str(seeded_db), "--format", "json"]).output)
    (story,) = data["stories"]
    assert sorted(m["path"] for m in story["members"]) == SEED_FILES
    assert story["headline"]
    # Outlets as the brief counts them (issue 13): distinct outlet names in comparison form; an
    # article naming none is counted apart, not as an outlet of its own (it was, by its lead).
    from newsbrief.corpus.store import Store
    from newsbrief.story.sources import fold_outlet

    with Store(seeded_db) as store:
        outlets = [o for (o,) in store.conn.execute("SELECT outlet FROM articles").fetchall()]
    named = {fold_outlet(o) for o in outlets if o}
    unnamed = sum(1 for o in outlets if not o)
    assert named and unnamed, "the seeds mix articles naming an outlet and articles naming none"
    assert (story["outlets"], story["no_outlet"]) == (len(named), unnamed)
    assert row.split()[4:7] == [str(len(named)), f"(+{unnamed}", "not"]
    # The same counts as the seeds' brief says them.
    from newsbrief.render.common import overview

    line = overview(seeds_brief)
    assert f" from {len(named)} outlet (+{unnamed} not named)" in line
    # One story, one headline: the list's is the brief's (issue 13; the list showed the most
    # central article's title, the story page the latest well-corroborated report's).
    from newsbrief.render.common import headline

    assert story["headline"] == headline(seeds_brief)
    assert row.endswith("  " + headline(seeds_brief))
    later = json.loads(runner.invoke(stories, ["--db", str(seeded_db), "--since", "2023-12-14", "--format", "json"]).output)
    assert later["stories"] == []
    assert len(json.loads(runner.invoke(stories, ["--db", str(seeded_db), "--since", "2023-12-13", "--format", "json"]).output)["stories"]) == 1


def test_ingesting_again_adds_nothing(seeded_db: Path) -> None:
    result = CliRunner().invoke(ingest, [*SEED_FILES, "--db", str(seeded_db)])
    assert result.exit_code == 0
    assert "0 articles added" in result.stderr and f"{len(SEED_FILES)} files unchanged" in result.stderr


def test_articles_with_the_same_id_get_unique_ids_in_a_brief(seeded_db: Path, tmp_path: Path, settings: Settings) -> None:
    # Two ingests from different folders, each holding an "x.txt" with new text of this story.
    for folder, seed in (("a", 0), ("b", 2)):
        (tmp_path / folder).mkdir()
        text = Path(SEED_FILES[seed]).read_text(encoding="utf-8") + "\n\nThe visit was widely covered by the press in Hanoi and Beijing on Thursday.\n"
        (tmp_path / folder / "x.txt").write_text(text, encoding="utf-8")
        shutil.copystat(SEED_FILES[seed], tmp_path / folder / "x.txt")
        assert CliRunner().invoke(ingest, [str(tmp_path / folder), "--db", str(seeded_db), "-q"]).exit_code == 0
    (story_id,) = story_ids(seeded_db)
    annotated, _ = load_story_annotated(seeded_db, story_id)
    ids = [aa.article.id for aa in annotated]
    assert len(ids) == len(set(ids)) == len(SEED_FILES) + 2
    assert "x.txt" in ids and "b/x.txt" in ids
    renamed = annotated[ids.index("b/x.txt")]
    assert {s.article_id for s in renamed.sentences} == {"b/x.txt"}
    pipeline.build_brief(annotated, settings)  # still a valid story


def test_errors_say_how_to_fix_them(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(stories, ["--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "newsbrief ingest" in missing.output
    with pytest.raises(StoryNotFound, match="newsbrief stories --db"):
        db = tmp_path / "empty.db"
        runner.invoke(ingest, [str(tmp_path / "nothing-here"), "--db", str(db), "-q"])
        load_story_annotated(db, 42)
    nothing = runner.invoke(ingest, [str(tmp_path / "nothing-here"), "--db", str(tmp_path / "n.db")])
    assert nothing.exit_code == 1 and "no such file or folder" in nothing.stderr
    usage = runner.invoke(ingest, ["x", "--scheduler", "tcp://127.0.0.1:8786"])
    assert usage.exit_code == 2 and "--engine dask" in usage.output


@pytest.mark.parametrize("command", [ingest, stories])
def test_every_command_has_help(command: click.Command) -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0
    assert command.help and command.help.split("\n")[0] in result.output
    assert "--db" in result.output


SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"
# Two sources stories of session 11 are events of the kind of an older one (a flood, an explosion)
# 17-26 months later in other towns, which the clusterer joined until the time penalty rose beyond
# 47 days (the test below checks them).
SAME_KIND_LATER = ("ostra_flood", "tesh_refinery_blast")
# Every fixture story and the seeds, in one stream.
STREAM = sorted(str(p) for p in SOURCES.glob("*.jsonl")) + SEED_FILES


@pytest.mark.slow
def test_events_of_one_kind_in_other_towns_years_apart_are_other_stories(tmp_path: Path, settings: Settings) -> None:
    """Own fictional stories: the Orlen dam breach (October 2025) and the Sel flooding Ostra (March
    2027); the Korrin chemical plant blast (March 2025) and the Tesh refinery blast (May 2027).
    Each file is one story. Found when session 11's stories were added: both pairs were joined
    (and dam_breach split) while the time penalty stopped rising at 47 days (+0.04); it now
    rises to +0.1 at 107 days apart (storyparams.MAX_TIME_PENALTY)."""
    from newsbrief.corpus.ingest import ingest_paths

    files = [str(SOURCES / f"{n}.jsonl") for n in ("dam_breach", "korrin_blast", *SAME_KIND_LATER)]
    db = tmp_path / "kinds.db"
    ingest_paths(files, db, settings, batch_size=8)
    assert {frozenset(path for path, _ in story) for story in _partition(db)} == {frozenset([f]) for f in files}


def _partition(db: Path) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((m["path"], m["id"]) for m in s["members"]) for s in list_stories(db, with_articles=True)}


@pytest.mark.slow
def test_a_stream_fed_in_several_runs_is_filed_as_one_run(tmp_path: Path, settings: Settings) -> None:
    """Each ingest run gets back the window of movable articles the run before left (restoring
    it from the store must not disturb the stories: the exact restore is tested in
    test_stories.py), so the stories do not depend on how the stream was cut into runs."""
    from newsbrief.corpus.ingest import ingest_paths
    from newsbrief.corpus.clustering import StoryParams

    one = tmp_path / "one.db"
    ingest_paths(STREAM, one, settings, batch_size=8)
    runs = tmp_path / "runs.db"
    for chunk in (STREAM[:2], STREAM[2:4], STREAM[4:]):
        ingest_paths(chunk, runs, settings, batch_size=8)
    assert _partition(runs) == _partition(one)
    from newsbrief.corpus.store import Store

    with Store(runs) as store:
        stored = store.articles()
        filed = store.recent_filed(256)
        assert filed == [(a.seq, a.story_id) for a in stored]
        assert store.recent_filed(3) == filed[-3:]
        last = filed[-1]
        before = [dt.date.fromisoformat(a.published) for a in stored if a.story_id == last[1] and a.seq < last[0] and a.published]
        assert store.story_span_before(last[1], last[0]) == ((min(before), max(before)) if before else (None, None))


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason=(
    "known defect (benchmarks/results/stories.md, session 12): dam_breach's fourth report never names the dam "
    "and matches typhoon_lorne's words (storm, flooded, province, rescuers) better than its own event's; its link "
    "to its own event (0.086-0.088) is under the join threshold, so it joins the typhoon two weeks earlier"))
def test_each_fixture_story_is_one_story_in_one_stream(tmp_path: Path, settings: Settings) -> None:
    """The stories are the ones written: each fixture file is one story, the seeds are one more."""
    from newsbrief.corpus.ingest import ingest_paths

    db = tmp_path / "one.db"
    ingest_paths(STREAM, db, settings, batch_size=8)
    fixtures = [p for p in STREAM if p not in SEED_FILES]
    expected = {frozenset([p]) for p in fixtures} | {frozenset(SEED_FILES)}
    assert {frozenset(path for path, _ in story) for story in _partition(db)} == expected


@pytest.mark.slow
def test_a_copy_under_another_path_is_kept_as_a_path_of_the_stored_article(tmp_path: Path) -> None:
    # One text in three files: two met in the same run (the second before the first is stored),
    # one in a later run. The text is stored and annotated once; both other paths are listed
    # as its copies and counted, none silently dropped; ingesting them again adds nothing.
    text = Path(SEED_FILES[0]).read_bytes()
    (tmp_path / "in").mkdir()
    (tmp_path / "mirror").mkdir()
    first, same_run, later = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt", tmp_path / "mirror" / "a.txt"
    for p in (first, same_run, later):
        p.write_bytes(text)
    other = tmp_path / "in" / "c.txt"
    shutil.copy(SEED_FILES[1], other)
    db = tmp_path / "c.db"
    runner = CliRunner()
    one = runner.invoke(ingest, [str(first), str(same_run), str(other), "--db", str(db)])
    assert one.exit_code == 0, one.output
    assert "2 articles added, 1 already stored (1 of them copies under other paths)" in one.stderr
    two = runner.invoke(ingest, [str(tmp_path), "--db", str(db)])
    assert two.exit_code == 0, two.output
    assert "0 articles added, 1 already stored (1 of them copies under other paths)" in two.stderr
    data = json.loads(runner.invoke(stories, ["--db", str(db), "--format", "json"]).output)
    members = [m for s in data["stories"] for m in s["members"]]
    assert len(members) == 2
    (stored,) = [m for m in members if m["path"] == str(first)]
    assert [c["path"] for c in stored["copies"]] == [str(same_run), str(later)]
    assert [c["id"] for c in stored["copies"]] == ["b.txt", "mirror/a.txt"]
    assert sum(s["copies"] for s in data["stories"]) == 2
    assert [m["copies"] for m in members if m["path"] == str(other)] == [[]]
    again = runner.invoke(ingest, [str(tmp_path), "--db", str(db)])
    assert "0 articles added, 0 already stored" in again.stderr
    data2 = json.loads(runner.invoke(stories, ["--db", str(db), "--format", "json"]).output)
    assert data2 == data
