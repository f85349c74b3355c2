"""The static (word-piece table) sentence encoder: a deterministic build from the packaged model,
vectors that depend only on the text, unknown pieces, empty texts, a damaged or unwritable cache,
and the setting that selects it."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from newsbrief.annotate import static_encoder
from newsbrief.annotate.embeddings import default_model_paths
from newsbrief.annotate.resources import Resources
from newsbrief.annotate.static_encoder import StaticEmbedder, StaticTableError, build_table, table_path
from newsbrief.cli import cli
from newsbrief.config import SettingsError, load_settings


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    """Built once into the default cache (about 40 CPU s on the first run on a machine)."""
    return StaticEmbedder()


def _texts(seeds_annotated: list[Any]) -> list[str]:
    return [s.text for a in seeds_annotated for s in a.sentences]


def test_two_builds_give_the_same_bytes() -> None:
    model, tokenizer = default_model_paths()
    # The first 3,000 pieces (specials, characters and 1,000 words) keep the test short; the
    # full build runs the same code over all 30,522.
    first, second = build_table(model, tokenizer, limit=3000), build_table(model, tokenizer, limit=3000)
    assert first.shape == (3000, static_encoder.DIMS) and first.dtype == np.float32
    a, b = io.BytesIO(), io.BytesIO()
    np.save(a, first, allow_pickle=False)
    np.save(b, second, allow_pickle=False)
    assert a.getvalue() == b.getvalue()


def test_vectors_are_unit_length_and_do_not_depend_on_the_batch(static: StaticEmbedder, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)
    together = static.encode(texts)
    assert together.shape == (len(texts), static.dim) and together.dtype == np.float32
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([static.encode([t]) for t in texts[:30]])
    assert np.array_equal(together[:30], alone)
    assert np.array_equal(together, static.encode(texts[::-1])[::-1])
    assert static.encode([]).shape == (0, static.dim)


def _own_sentences(count: int) -> list[str]:
    """``count`` distinct sentences of this test's own words (about 15 pieces each)."""
    towns = ["Northfield", "Easton", "Westbury", "Southport", "Highgate", "Lowmoor", "Riverton"]
    what = ["schools", "bridges", "clinics", "roads", "shelters", "wells", "markets"]
    return [
        f"Officials in {towns[i % 7]} said {i} {what[(i // 7) % 7]} would reopen by the end of week {i % 52 + 1}."
        for i in range(count)
    ]


def test_encoding_many_texts_takes_memory_by_the_step_not_by_the_count(
    static: StaticEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pieces' rows are gathered (in float64) a step of texts at a time: encoding eight steps
    of texts takes about the memory of one step besides its output (all at once it took eight)."""
    import tracemalloc

    monkeypatch.setattr(static_encoder, "ENCODE_STEP", 64)
    few, many = _own_sentences(64), _own_sentences(8 * 64)

    def peak(texts: list[str]) -> int:
        tracemalloc.start()
        try:
            static.encode(texts)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    one_step = peak(few)
    output = len(many) * static.dim * 4
    assert peak(many) < 2 * one_step + output


def test_a_text_gets_the_same_vector_in_any_step(static: StaticEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _own_sentences(40) + ["", "   "] + _own_sentences(45)[40:]
    monkeypatch.setattr(static_encoder, "ENCODE_STEP", 7)
    stepped = static.encode(texts)
    assert stepped.shape == (len(texts), static.dim) and stepped.dtype == np.float32
    alone = np.vstack([static.encode([t]) for t in texts])
    assert np.array_equal(stepped, alone)


def test_a_second_embedder_reads_the_same_table(static: StaticEmbedder, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)[:20]
    assert np.array_equal(StaticEmbedder().encode(texts), static.encode(texts))


def test_unknown_pieces_weigh_almost_nothing(static: StaticEmbedder) -> None:
    text = "Floodwater reached the roofs of 300 homes in the river valley."
    pieces = static.tokenizer.encode("\U0001f600 \u2603\ufe0f", add_special_tokens=False).tokens
    assert set(pieces) == {"[UNK]"}  # the test's premise: the tokenizer knows neither symbol
    plain, marked = static.encode([text, text + " \U0001f600 \u2603\ufe0f"])
    assert float(plain @ marked) > 0.999
    only_unknown = static.encode(["\U0001f600"])[0]
    assert np.isclose(np.linalg.norm(only_unknown), 1.0, atol=1e-5)


def test_empty_texts_get_one_fixed_unit_vector(static: StaticEmbedder) -> None:
    empty, spaces, word = static.encode(["", "   \n", "earthquake"])
    assert np.array_equal(empty, spaces)
    assert np.isclose(np.linalg.norm(empty), 1.0, atol=1e-5)
    assert not np.array_equal(empty, word)


def test_related_sentences_are_nearer_than_unrelated_ones(static: StaticEmbedder) -> None:
    quake, aftershock, budget = static.encode(
        [
            "A powerful earthquake struck Haiti, killing thousands of people in the capital.",
            "Thousands died when the quake hit Port-au-Prince, Haiti's capital.",
            "The finance minister presented the annual budget to parliament on Wednesday.",
        ]
    )
    assert float(quake @ aftershock) > float(quake @ budget) + 0.2


def test_a_damaged_table_is_rebuilt_with_a_message_naming_it(
    static: StaticEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    model, tokenizer = default_model_paths()
    target = table_path(model, tokenizer, tmp_path)
    target.write_bytes(b"\x93NUMPY truncated")
    built: list[int] = []

    def build_again(m: Path, t: Path, limit: int | None = None) -> Any:
        built.append(1)  # the real build is the 40-second one tested above; the cache handling is under test here
        return static.table.copy()

    monkeypatch.setattr(static_encoder, "build_table", build_again)
    with caplog.at_level(logging.WARNING, logger="newsbrief.annotate.static_encoder"):
        fresh = StaticEmbedder(cache_dir=tmp_path)
    assert built == [1]
    assert str(target) in caplog.text and "damaged" in caplog.text and "rebuilding" in caplog.text
    assert np.array_equal(np.load(target), static.table)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
    text = ["The river burst its banks on Tuesday."]
    assert np.array_equal(fresh.encode(text), static.encode(text))
    # A table of the wrong shape is damaged too.
    np.save(target, static.table[:10])
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsbrief.annotate.static_encoder"):
        StaticEmbedder(cache_dir=tmp_path)
    assert built == [1, 1] and "shape (10, 256)" in caplog.text


def test_an_unwritable_cache_names_the_path_before_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("built although the table could not be stored")

    monkeypatch.setattr(static_encoder, "build_table", never)
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    with pytest.raises(StaticTableError, match=r"cache_dir: cannot write the static embedder table to .*a_file/cache/.*writable folder"):
        StaticEmbedder(cache_dir=blocker / "cache")


def test_the_setting_selects_the_encoder_and_refuses_other_names(tmp_path: Path, static: StaticEmbedder) -> None:
    assert load_settings(None).embedder == "minilm"
    settings = load_settings(None, embedder="static")
    assert isinstance(Resources(settings).embedder, StaticEmbedder)
    with pytest.raises(SettingsError, match='embedder must be one of "minilm", "static"; got "fast"'):
        load_settings(None, embedder="fast")
    cfg = tmp_path / "settings.json"
    cfg.write_text(json.dumps({"embedder": 2}), encoding="utf-8")
    article = tmp_path / "one.txt"
    article.write_text("Floods hit the valley on Monday. Rescuers reached 300 homes.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(article), "--config", str(cfg), "--format", "text"])
    assert result.exit_code == 2 and 'embedder must be one of "minilm", "static"; got 2' in result.output
    assert "Traceback" not in result.output


def test_a_brief_runs_with_the_static_encoder(tmp_path: Path, seeds_dir: Path, static: StaticEmbedder) -> None:
    cfg = tmp_path / "settings.json"
    cfg.write_text(json.dumps({"embedder": "static"}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", str(seeds_dir), "--config", str(cfg), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert brief["summary"]


def test_a_database_refuses_vectors_of_another_embedder(tmp_path: Path, seeds_dir: Path, static: StaticEmbedder) -> None:
    """Stories compare every stored article's vectors: ingesting with `embedder: static` into a
    database built with MiniLM would mix 384- and 256-dimension vectors (a traceback in the brief)."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    files = sorted(p for p in seeds_dir.glob("*.txt"))
    for f in files[:2]:
        (first / f.name).write_bytes(f.read_bytes())
    for f in files[2:4]:
        (second / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "db.sqlite"
    cfg = tmp_path / "static.json"
    cfg.write_text(json.dumps({"embedder": "static"}), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(first), "--db", str(db)]).exit_code == 0
    mixed = runner.invoke(cli, ["ingest", str(second), "--db", str(db), "--config", str(cfg)])
    assert mixed.exit_code != 0 and "Traceback" not in mixed.output
    # Refused before anything is read, by the embedder the database recorded (both named, and the fix).
    assert mixed.exit_code == 2 and "its sentence vectors were made by minilm (int8, model.onnx" in mixed.output
    assert "384 dimensions), but this run's settings name static (static, model.onnx" in mixed.output
    assert '"embedder": "minilm"' in mixed.output and "newsbrief refresh --reembed" in mixed.output
    listing = json.loads(runner.invoke(cli, ["stories", "--db", str(db), "--format", "json"]).stdout)["stories"]
    assert sum(s["articles"] for s in listing) == 2  # nothing of the refused run was stored
    same = runner.invoke(cli, ["ingest", str(second), "--db", str(db)])
    assert same.exit_code == 0, same.output
