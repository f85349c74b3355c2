"""Read commands never modify a file (issue 17, point 2): another program's SQLite file, damaged
pages, odd or newer schema versions, huge story ids and read-only locations get a clear message
and exit code, never a traceback or a partial answer with exit 0."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsbrief.cli import cli
from newsbrief.config import Settings
from newsbrief.corpus.ingest import ingest_paths
from newsbrief.corpus.store import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, write_articles: Any) -> Path:
    """A small real corpus (rollback-journal mode after the writer closed, so copies are whole)."""
    d = tmp_path_factory.mktemp("corpus")
    write_articles(d / "in", 12, seed=5)
    from newsbrief.config import load_settings

    ingest_paths([d / "in"], d / "corpus.db", load_settings())
    return d / "corpus.db"


def digest(folder: Path) -> dict[str, str]:
    """The bytes of every file in ``folder``. A reader of a WAL-mode file may leave SQLite's
    shared-memory index and an empty WAL beside it (that is how WAL readers work); neither holds data."""
    out = {}
    for p in sorted(folder.iterdir()):
        if p.is_file() and not p.name.endswith("-shm") and not (p.name.endswith("-wal") and p.stat().st_size == 0):
            out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def assert_refused(result: Result, code: int, *phrases: str) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for p in phrases:
        assert p in result.output, result.output


def other_app_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Mira', '555')")
    conn.commit()
    conn.close()
    return path


def test_another_programs_file_is_refused_and_left_byte_identical(tmp_path: Path, settings: Settings) -> None:
    db = other_app_db(tmp_path / "other_app.db")
    before = digest(tmp_path)
    assert_refused(run("stories", "--db", str(db)), 2, f"{db} is not a newsbrief database", "contacts")
    assert_refused(run("stories", "--db", str(db), "--format", "json"), 2, "not a newsbrief database")
    assert_refused(run("brief", "--db", str(db), "--story", "1"), 2, "not a newsbrief database")
    (tmp_path / "in").mkdir()
    shutil.copy(next((ROOT / "examples" / "demo").glob("*.txt")), tmp_path / "in")
    assert_refused(run("ingest", str(tmp_path / "in"), "--db", str(db)), 2, "not a newsbrief database")
    assert digest(tmp_path) == before  # same bytes, no -wal/-shm, no journal left beside it
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("PRAGMA user_version").fetchone() == (0,)
    conn.close()


@pytest.mark.parametrize(
    ("version", "tables", "phrase"),
    [
        (-1, False, "schema version -1"),
        (1, False, "has no table"),
        (SCHEMA_VERSION + 1, True, "newer than this newsbrief's"),
        (0, False, "is an empty database"),
    ],
)
@pytest.mark.slow
def test_odd_schema_versions_are_refused(tmp_path: Path, corpus: Path, version: int, tables: bool, phrase: str) -> None:
    db = tmp_path / "odd.db"
    if tables:
        shutil.copy(corpus, db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={version}")
    conn.close()
    before = digest(tmp_path)
    for args in (["stories"], ["brief", "--story", "1"]):
        assert_refused(run(*args, "--db", str(db)), 2, phrase)
    assert digest(tmp_path) == before


def test_an_older_schema_is_not_upgraded_by_a_read_command(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    from newsbrief.corpus.store import MIGRATIONS

    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0].sql)
    conn.execute("PRAGMA user_version=1")
    conn.close()
    before = digest(tmp_path)
    assert_refused(run("stories", "--db", str(db)), 2, "older newsbrief (schema version 1)", "ingest")
    assert digest(tmp_path) == before


def corrupt_table(src: Path, dst: Path, table: str) -> None:
    """Copy ``src`` to ``dst`` with the root page of ``table`` overwritten by garbage."""
    conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(src.read_bytes())
    data[(root - 1) * size : root * size] = bytes([0x5A]) * size
    dst.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["stories", "articles"])
def test_damaged_pages_give_an_error_not_a_partial_answer(tmp_path: Path, corpus: Path, table: str) -> None:
    db = tmp_path / "damaged.db"
    corrupt_table(corpus, db, table)
    before = digest(tmp_path)
    listing = run("stories", "--db", str(db), "--format", "json")
    if table == "stories":
        assert_refused(listing, 1, f"{db} is damaged", "restore it from a backup")
    else:  # the story list itself is intact; its members are not
        assert_refused(listing, 1, "is damaged")
    assert_refused(run("brief", "--db", str(db), "--story", "1"), 1, "is damaged")
    assert digest(tmp_path) == before
    assert_refused(run("ingest", str(ROOT / "examples" / "demo"), "--db", str(db), "-q"), 1, "is damaged")


def test_a_story_id_beyond_sqlite_integers_is_a_usage_error(corpus: Path) -> None:
    assert_refused(run("brief", "--db", str(corpus), "--story", "9223372036854775808"), 2, "--story")
    assert_refused(run("brief", "--db", str(corpus), "--story", "0"), 2, "--story")


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("shopping list\n" * 300)
    before = digest(tmp_path)
    assert_refused(run("stories", "--db", str(db)), 2, "is not a SQLite database")
    assert_refused(run("brief", "--db", str(db), "--story", "3"), 2, "is not a SQLite database")
    assert digest(tmp_path) == before


@pytest.mark.slow
def test_a_database_on_a_read_only_mount_can_be_listed_and_briefed(tmp_path: Path, corpus: Path) -> None:
    """A real read-only bind mount in a private user namespace (root ignores file modes)."""
    if shutil.which("unshare") is None:
        pytest.skip("needs util-linux unshare for a read-only mount")
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copy(corpus, ro / "corpus.db")
    conn = sqlite3.connect(ro / "corpus.db")  # leave it in WAL mode, as ingest does
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    assert sorted(p.name for p in ro.iterdir()) == ["corpus.db"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cli_cmd = f"{sys.executable} -c 'from newsbrief.cli import main; main()'"
    script = (
        f"mount --bind {ro} {ro} && mount -o remount,bind,ro {ro} && "
        f"{cli_cmd} stories --db {ro}/corpus.db && {cli_cmd} brief --db {ro}/corpus.db --story 1 --format text"
    )
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount --bind {ro} {ro} && mount -o remount,bind,ro {ro} && touch {ro}/x"], capture_output=True, text=True)
    if "Read-only file system" not in probe.stderr:
        pytest.skip(f"cannot make a read-only mount here: {probe.stderr.strip()}")
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "first", "last"] and len(lines) > 2


# A brief of stored annotations needs no parser, embedder, page reader or clustering library.
MODEL_LIBRARIES = ("spacy", "thinc", "onnxruntime", "tokenizers", "trafilatura", "sklearn", "dask", "distributed")
_PROBE = """
import json, sys
from newsbrief.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="newsbrief", standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def test_a_stored_story_is_briefed_without_writing_or_loading_a_model(tmp_path: Path, corpus: Path) -> None:
    """``brief --db --story`` in a fresh interpreter: the Markdown is written, the database's
    bytes are unchanged and no model library is imported; of SciPy only its sparse matrices (the
    summary's solver is loaded without ``scipy.optimize``, whose import costs a quarter second)."""
    folder = tmp_path / "db"
    folder.mkdir()
    shutil.copy(corpus, folder / "corpus.db")
    before = digest(folder)
    out = tmp_path / "brief.md"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    args = ["brief", "--db", str(folder / "corpus.db"), "--story", "1", "-q", "-o", str(out)]
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    loaded = {m.split(".")[0] for m in modules}
    assert out.read_text(encoding="utf-8").startswith("#")
    assert digest(folder) == before
    assert "scipy" in loaded and "newsbrief" in loaded  # the probe sees what the brief imported
    assert not loaded & set(MODEL_LIBRARIES), sorted(loaded & set(MODEL_LIBRARIES))
    assert "scipy.sparse" in modules and "scipy.optimize._highspy._core" in modules
    assert not modules & {"scipy.optimize", "scipy.special", "scipy.fft"}, sorted(modules & {"scipy.optimize", "scipy.special", "scipy.fft"})
