"""Settings checked by type and range, with messages that name the key and the allowed values;
every settings problem, including a missing model or an unusable cache folder, exits 2
(issue 17, point 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsbrief.cli import cli
from newsbrief.config import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = str(sorted((ROOT / "examples" / "demo").glob("*.txt"))[0])


def run_with(tmp_path: Path, raw_settings: str, *args: str) -> tuple[int, str]:
    cfg = tmp_path / "settings.json"
    cfg.write_text(raw_settings, encoding="utf-8")
    result = CliRunner().invoke(cli, ["brief", ARTICLE, "--config", str(cfg), "--format", "text", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("key", "raw", "shown"),
    [
        ("words", "1e400", "got inf"),
        ("words", "true", "got true"),
        ("words", "1.5", "got 1.5"),
        ("words", '"no"', 'got "no"'),
        ("words", "-3", "got -3"),
        ("words", '"150"', 'got "150"'),
        ("words", "1000000", "got 1000000"),
        ("embedder_threads", "0", "got 0"),
        ("timeline_dates", "2.0", "got 2.0"),
        ("batch_size", "null", "got null"),
    ],
)
def test_wrong_numbers_are_refused_naming_the_key_and_the_allowed_values(tmp_path: Path, key: str, raw: str, shown: str) -> None:
    code, out = run_with(tmp_path, f'{{"{key}": {raw}}}')
    assert code == 2
    assert f"{key} must be a whole number from 1 to 100" in out or f"{key} must be a whole number from 1 to 256" in out, out
    assert shown in out


@pytest.mark.parametrize(
    ("raw", "phrase"),
    [
        ('{"embedder_quantize": "no"}', 'embedder_quantize must be true or false; got "no"'),
        ('{"embedder_quantize": 1}', "embedder_quantize must be true or false; got 1"),
        ('{"summary_redundancy": 0}', "summary_redundancy must be a number above 0 up to 1; got 0"),
        ('{"claim_similarity": 1.5}', "claim_similarity must be a number above 0 up to 1; got 1.5"),
        ('{"spacy_model": ""}', 'spacy_model must be a non-empty string; got ""'),
        ('{"cache_dir": 5}', "cache_dir must be a non-empty string or null; got 5"),
        ('{"words": ' + "9" * 5000 + "}", "cannot read this JSON"),
        ('{"w\\u001b[31mords": 1}', "unknown setting(s) w\\x1b[31mords"),
    ],
)
def test_wrong_types_and_unreadable_values_are_refused(tmp_path: Path, raw: str, phrase: str) -> None:
    code, out = run_with(tmp_path, raw)
    assert code == 2 and phrase in out, out
    assert "\x1b" not in out  # control characters escaped on the terminal


def test_a_five_thousand_digit_integer_from_python_is_refused() -> None:
    with pytest.raises(SettingsError, match="words must be a whole number from 1 to 100,000; got an integer of about 5000 digits"):
        Settings(words=10**4999)
    assert load_settings(None, words=150).words == 150


def test_a_missing_spacy_model_exits_2_naming_the_setting(tmp_path: Path) -> None:
    code, out = run_with(tmp_path, '{"spacy_model": "xx_no_such_pipeline"}')
    assert code == 2
    assert "spacy_model: the spaCy pipeline 'xx_no_such_pipeline' is not installed" in out


def test_an_embedder_model_that_is_not_a_model_exits_2(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_text("this is not an ONNX model\n")
    for quantize in ("true", "false"):
        cache = tmp_path / f"cache_{quantize}"
        code, out = run_with(tmp_path, json.dumps({"embedder_model": str(fake), "cache_dir": str(cache)}).replace("}", f', "embedder_quantize": {quantize}}}'))
        assert code == 2, out
        assert f"embedder_model: cannot load" in out and "point embedder_model at an ONNX sentence encoder" in out


def test_an_unwritable_cache_dir_exits_2_naming_the_setting(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    code, out = run_with(tmp_path, json.dumps({"cache_dir": str(blocker / "cache")}))
    assert code == 2, out
    assert "cache_dir: cannot write the quantised embedding model" in out and "writable folder" in out
