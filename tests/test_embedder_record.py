"""The embedder record of a corpus database (corpus/embedder_record.py): written by the first
write, checked by every writer and by ``brief --db``/``refresh``/``serve``, adopted by a database
an older newsbrief wrote; and the identity it compares (annotate/embedder_identity.py)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from newsbrief.annotate.embedder_identity import EmbedderIdentity, identify_embedder
from newsbrief.annotate.embeddings import Embedder, default_model_paths
from newsbrief.cli import cli
from newsbrief.config import Settings, load_settings
from newsbrief.corpus import reembed
from newsbrief.corpus.clustering import StoryParams
from newsbrief.corpus.features import article_vector
from newsbrief.corpus.embedder_record import EmbedderMismatch, claim_embedder, record_embedder
from newsbrief.corpus.store import Store
from newsbrief.web.server import ServeError, prepare_database

pytestmark = pytest.mark.needs_shared


def _seed_folders(seeds_dir: Path, root: Path) -> tuple[Path, Path]:
    first, second = root / "first", root / "second"
    files = sorted(seeds_dir.glob("*.txt"))
    for folder, part in ((first, files[:2]), (second, files[2:4])):
        folder.mkdir()
        for f in part:
            (folder / f.name).write_bytes(f.read_bytes())
    return first, second


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path, Path]:
    """A database of two seed articles ingested with the default settings, and two more seeds."""
    root = tmp_path_factory.mktemp("embedder_record")
    first, second = _seed_folders(seeds_dir, root)
    db = root / "built.db"
    result = CliRunner().invoke(cli, ["ingest", str(first), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db, second, root


def _copy(db: Path, to: Path) -> Path:
    shutil.copyfile(db, to)
    return to


def _meta(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def _articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _config(tmp_path: Path, name: str, **values: object) -> Path:
    cfg = tmp_path / name
    cfg.write_text(json.dumps(values), encoding="utf-8")
    return cfg


def test_the_first_ingest_records_its_embedder(built: tuple[Path, Path, Path], settings: Settings) -> None:
    db, _, _ = built
    record = EmbedderIdentity.from_json(_meta(db)["embedder"])
    assert record.same_embedder(identify_embedder(settings))
    assert (record.name, record.dims, record.model) == ("minilm", 384, "model.onnx")
    assert record.variant.startswith("int8 ") and record.settings["embedder_quantize"] is True


def test_the_identity_is_the_model_bytes_not_its_path(tmp_path: Path, settings: Settings) -> None:
    """Moving the model (a new virtualenv) keeps the identity; other bytes, the int8 or float
    variant, or the static table make another one."""
    model, tokenizer = default_model_paths()
    copy = tmp_path / "model.onnx"
    shutil.copyfile(model, copy)
    base = identify_embedder(settings)
    moved = identify_embedder(load_settings(None, embedder_model=str(copy), embedder_tokenizer=str(tokenizer)))
    assert moved.same_embedder(base)
    with copy.open("r+b") as f:  # one byte of the copy changed: another model
        f.seek(-1, 2)
        last = f.read(1)
        f.seek(-1, 2)
        f.write(bytes([last[0] ^ 1]))
    changed = identify_embedder(load_settings(None, embedder_model=str(copy), embedder_tokenizer=str(tokenizer)))
    as_float = identify_embedder(load_settings(None, embedder_quantize=False))
    static = identify_embedder(load_settings(None, embedder="static"))
    fingerprints = {i.fingerprint for i in (base, changed, as_float, static)}
    assert len(fingerprints) == 4
    assert as_float.describe().startswith("minilm (float, model.onnx") and static.describe().startswith("static (static, model.onnx")


def test_a_same_size_embedder_is_refused_by_every_command(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """MiniLM run as float gives 384-wide vectors too (cosine about 0.99 to the int8 ones): the
    size check alone let them mix. Now ingest, brief --db, refresh, fetch and serve refuse them, naming
    both embedders and the fixes; nothing is written."""
    built_db, second, _ = built
    db = _copy(built_db, tmp_path / "db.sqlite")
    before = db.read_bytes()
    cfg = _config(tmp_path, "float.json", embedder_quantize=False)
    runner = CliRunner()
    refused = runner.invoke(cli, ["ingest", str(second), "--db", str(db), "--config", str(cfg)])
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    message = " ".join(refused.output.split())
    assert "its sentence vectors were made by minilm (int8, model.onnx" in message
    assert "but this run's settings name minilm (float, model.onnx" in message
    assert "nothing was read or written" in message
    assert '{"embedder": "minilm", "embedder_model": null, "embedder_tokenizer": null, "embedder_quantize": true}' in message
    assert f"newsbrief refresh --reembed --db {db}" in message
    assert _articles(db) == 2
    for args, doing in (
        (["brief", "--db", str(db), "--story", "1", "--config", str(cfg), "-q"], "no brief was made"),
        (["refresh", "--db", str(db), "--config", str(cfg), "-q"], "nothing was refreshed"),
        # Refused before anything is fetched (nothing listens on port 9 of this machine).
        (["fetch", "http://127.0.0.1:9/a-story.html", "--db", str(db), "--config", str(cfg), "-q"], "nothing was written"),
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2 and doing in " ".join(result.output.split()), result.output
    with pytest.raises(ServeError, match="the desk was not started"):
        prepare_database(db, load_settings(str(cfg)))
    assert db.read_bytes() == before
    same = runner.invoke(cli, ["ingest", str(second), "--db", str(db), "-q"])
    assert same.exit_code == 0, same.output
    assert _articles(db) == 4


def test_an_older_database_adopts_the_first_writers_embedder(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """A database from before the record (no `embedder` key) takes this run's embedder, with a
    note, when its vectors have that embedder's size."""
    built_db, second, _ = built
    db = _copy(built_db, tmp_path / "old.db")
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'embedder'")
    assert "embedder" not in _meta(db)
    # Reading it needs no record (nothing to compare).
    assert CliRunner().invoke(cli, ["brief", "--db", str(db), "--story", "1", "-q"]).exit_code == 0
    result = CliRunner().invoke(cli, ["ingest", str(second), "--db", str(db)])
    assert result.exit_code == 0, result.output
    note = " ".join(result.output.split())
    assert "had no record of the embedder that made its sentence vectors" in note
    assert "recorded this run's, minilm (int8, model.onnx" in note and "newsbrief refresh --reembed" in note
    record = EmbedderIdentity.from_json(_meta(db)["embedder"])
    assert record.dims == 384 and record.name == "minilm"
    again = CliRunner().invoke(cli, ["ingest", str(second), "--db", str(db)])
    assert "had no record" not in again.output  # said once: the record is there now


def test_an_older_database_of_another_size_is_refused(built: tuple[Path, Path, Path], tmp_path: Path, seeds_dir: Path) -> None:
    """Without a record the vectors' size still tells two embedders apart: a static (256) run
    into an older MiniLM (384) database is refused when it stores, and records nothing."""
    built_db, second, _ = built
    db = _copy(built_db, tmp_path / "old.db")
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'embedder'")
    cfg = _config(tmp_path, "static.json", embedder="static")
    result = CliRunner().invoke(cli, ["ingest", str(second), "--db", str(db), "--config", str(cfg), "-q"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    message = " ".join(result.output.split())
    assert "its articles' sentence vectors have 384 dimensions, this run's embedder (static (static" in message
    assert "gives 256" in message
    assert _articles(db) == 2 and "embedder" not in _meta(db)


def test_the_record_is_checked_again_under_the_write_lock(tmp_path: Path, settings: Settings) -> None:
    """Two writers starting on an empty database: the one that stores second finds the first
    one's record inside its transaction and is refused."""
    current = identify_embedder(settings)
    other = identify_embedder(load_settings(None, embedder_quantize=False))
    db = tmp_path / "race.db"
    with Store(db) as store:
        with store.transaction() as conn:
            assert claim_embedder(conn, store.path, current, 384) is None  # an empty database: no note
        with store.transaction() as conn, pytest.raises(EmbedderMismatch, match="nothing was written"):
            claim_embedder(conn, store.path, other, 384)
        with store.transaction() as conn:
            record_embedder(conn, other.with_dims(384))  # what `refresh --reembed` does at its end
        with store.transaction() as conn:
            claim_embedder(conn, store.path, other, 384)


def _story_members(db: Path) -> dict[str, Any]:
    listing = json.loads(CliRunner().invoke(cli, ["stories", "--db", str(db), "--format", "json"]).stdout)["stories"]
    return dict(max(listing, key=lambda s: s["articles"]))


def test_refresh_reembed_gives_the_brief_of_the_files_under_the_new_settings(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """`refresh --reembed` with MiniLM as float: every stored vector is the float model's, the
    database records it, and the stored story's brief is the brief of its files under those
    settings (the test_ingest promise, for the new embedder)."""
    built_db, second, root = built
    db = _copy(built_db, tmp_path / "db.sqlite")
    cfg = _config(tmp_path, "float.json", embedder_quantize=False)
    runner = CliRunner()
    result = runner.invoke(cli, ["refresh", "--reembed", "--db", str(db), "--config", str(cfg)])
    assert result.exit_code == 0, result.output
    assert "sentence vectors of 2 articles made again by minilm (float, model.onnx" in " ".join(result.stderr.split())
    record = EmbedderIdentity.from_json(_meta(db)["embedder"])
    assert record.variant == "float" and record.dims == 384 and "reembed" not in _meta(db)
    float_settings = load_settings(str(cfg))
    embedder = Embedder(quantize=False)
    with Store(db, create=False) as store:
        for a in store.articles():
            annotated = store.load_annotated(a.seq)
            assert np.allclose(annotated.embeddings, embedder.encode([s.text for s in annotated.sentences]), atol=1e-5)
            stored = np.frombuffer(store.conn.execute("SELECT vector FROM articles WHERE seq = ?", (a.seq,)).fetchone()[0], dtype="<f4")
            assert np.array_equal(stored, article_vector(annotated, StoryParams()))
    story = _story_members(db)
    assert story["articles"] == 2  # seeds 000 and 001 retell one report: one story
    from_db = runner.invoke(cli, ["brief", "--db", str(db), "--story", str(story["id"]), "--config", str(cfg), "--format", "json", "-q"])
    from_files = runner.invoke(cli, ["brief", str(root / "first"), "--config", str(cfg), "--format", "json", "-q"])
    assert from_db.exit_code == 0 and from_files.exit_code == 0, from_db.output + from_files.output
    assert from_db.stdout == from_files.stdout
    # The database now takes the float model's vectors, and refuses the int8 ones.
    assert runner.invoke(cli, ["brief", "--db", str(db), "--story", str(story["id"]), "-q"]).exit_code == 2
    assert runner.invoke(cli, ["ingest", str(second), "--db", str(db), "--config", str(cfg), "-q"]).exit_code == 0
    assert identify_embedder(float_settings).same_embedder(EmbedderIdentity.from_json(_meta(db)["embedder"]))
    again = runner.invoke(cli, ["refresh", "--reembed", "--db", str(db), "--config", str(cfg)])
    assert "sentence vectors of 0 articles made again" in again.stderr  # nothing left to do


def test_an_interrupted_reembed_blocks_the_database_until_it_is_resumed(
    built: tuple[Path, Path, Path], tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_db, second, _ = built
    db = _copy(built_db, tmp_path / "db.sqlite")
    cfg = _config(tmp_path, "float.json", embedder_quantize=False)
    float_settings = load_settings(str(cfg))
    embedder = Embedder(quantize=False)
    calls: list[int] = []

    class Interrupted:
        def encode(self, texts: list[str], batch_size: int = 16) -> Any:
            calls.append(len(texts))
            if len(calls) == 2:
                raise KeyboardInterrupt  # Ctrl-C while the second article is embedded
            return embedder.encode(texts)

    monkeypatch.setattr(reembed, "BATCH", 1)
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        reembed.reembed_store(store, float_settings, Interrupted())
    state = json.loads(_meta(db)["reembed"])
    with sqlite3.connect(db) as conn:
        seqs = [r[0] for r in conn.execute("SELECT seq FROM articles ORDER BY seq")]
    assert state["next_seq"] == seqs[0] + 1 and state["target"]["variant"] == "float"
    assert EmbedderIdentity.from_json(_meta(db)["embedder"]).variant.startswith("int8")  # not recorded until the end
    runner = CliRunner()
    for args in (
        ["ingest", str(second), "--db", str(db), "--config", str(cfg), "-q"],
        ["ingest", str(second), "--db", str(db), "-q"],
        ["brief", "--db", str(db), "--story", "1", "--config", str(cfg), "-q"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2 and "is being re-embedded with minilm (float" in " ".join(result.output.split()), result.output
    resumed = runner.invoke(cli, ["refresh", "--reembed", "--db", str(db), "--config", str(cfg)])
    assert resumed.exit_code == 0, resumed.output
    assert "sentence vectors of 1 articles made again" in resumed.stderr  # only the one not done
    assert "reembed" not in _meta(db) and EmbedderIdentity.from_json(_meta(db)["embedder"]).variant == "float"
    assert runner.invoke(cli, ["ingest", str(second), "--db", str(db), "--config", str(cfg), "-q"]).exit_code == 0


def test_a_database_of_an_older_int8_recipe_is_refused_with_the_way_out(
    built: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """quantize.RECIPE changes when newsbrief builds its int8 model another way (other vectors from
    the same settings): a database whose record names the old recipe is refused, and the message
    says re-embedding is the way out, not other settings."""
    import newsbrief.annotate.quantize as quantize

    built_db, second, _ = built
    db = _copy(built_db, tmp_path / "db.sqlite")
    current = identify_embedder(load_settings())
    monkeypatch.setattr(quantize, "RECIPE", "an-older-recipe")
    older = identify_embedder(load_settings())
    monkeypatch.undo()
    assert older.variant == "int8 an-older-recipe" and not older.same_embedder(current)
    with sqlite3.connect(db) as conn:
        record_embedder(conn, older.with_dims(384))
    before = db.read_bytes()
    refused = CliRunner().invoke(cli, ["ingest", str(second), "--db", str(db)])
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    message = " ".join(refused.output.split())
    assert f"another recipe (int8 an-older-recipe then, {current.variant} now)" in message
    assert f"Re-embed the database: `newsbrief refresh --reembed --db {db}`" in message
    assert "a --config file with" not in message
    assert db.read_bytes() == before
