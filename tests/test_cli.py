"""The CLI drives the library: formats, -o inference, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, cmd in cli.commands.items():  # type: ignore[attr-defined]
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert cmd.help and len(cmd.help) > 20, f"command {name} needs a docstring"


@pytest.mark.slow
def test_brief_json_from_extension(runner: CliRunner, tmp_path: Path, seeds_dir: Path) -> None:
    out = tmp_path / "brief.json"
    result = runner.invoke(cli, ["brief", str(seeds_dir), "-o", str(out), "--words", "80"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    ids = {a["id"] for a in data["articles"]}
    assert ids == {p.name for p in seeds_dir.glob("*.txt")}
    # gold.json is not an article: it is skipped with a reason, never silently dropped
    assert any(s["path"].endswith("gold.json") for s in data["skipped"])
    assert data["summary"], "a summary must be written"
    words = sum(len(s["text"].split()) for s in data["summary"])
    assert words <= 80
    for s in data["summary"]:
        assert s["sources"] and set(s["sources"]) <= ids


@pytest.mark.slow
def test_text_format_is_one_sentence_per_line(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(cli, ["brief", str(seeds_dir / "003_de74f18409056071.txt"), "--format", "text"])
    assert result.exit_code == 0
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert lines and all(not ln.startswith(("#", "-", "[")) for ln in lines)


def test_unknown_output_extension_is_a_usage_error(runner: CliRunner, tmp_path: Path, seeds_dir: Path) -> None:
    result = runner.invoke(cli, ["brief", str(seeds_dir), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "cannot tell the format" in result.output


def test_nothing_readable_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(cli, ["brief", str(tmp_path)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "empty file" in result.output


def test_bad_settings_file_is_a_usage_error(runner: CliRunner, tmp_path: Path, seeds_dir: Path) -> None:
    cfg = tmp_path / "s.json"
    cfg.write_text('{"wrds": 10}')
    result = runner.invoke(cli, ["brief", str(seeds_dir), "--config", str(cfg)])
    assert result.exit_code == 2
    assert "unknown setting(s) wrds" in result.output


@pytest.mark.slow
def test_brief_from_db_equals_brief_from_folder(runner: CliRunner, tmp_path: Path, seeds_dir: Path) -> None:
    import shutil

    folder = tmp_path / "story"
    folder.mkdir()
    for p in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    db = tmp_path / "corpus.db"
    assert runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "-q"]).exit_code == 0
    listing = json.loads(runner.invoke(cli, ["stories", "--db", str(db), "--format", "json"]).stdout)["stories"]
    assert len(listing) == 1, "five articles on one visit are one story"
    story = listing[0]["id"]
    from_db = runner.invoke(cli, ["brief", "--db", str(db), "--story", str(story), "--format", "json"])
    from_folder = runner.invoke(cli, ["brief", str(folder), "--format", "json", "-q"])
    assert from_db.exit_code == 0 and from_folder.exit_code == 0
    assert from_db.stdout == from_folder.stdout


def test_db_and_story_go_together(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["brief", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--db and --story go together" in result.output
