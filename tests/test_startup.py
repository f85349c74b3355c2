"""The command line starts without the heavy libraries: ``--help`` and the commands that need no
model import neither spaCy, ONNX Runtime, SciPy, scikit-learn nor Dask (each run in a fresh
interpreter, since this test session has long imported them all); listing a database loads no
NumPy either."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# What a command that needs no model must not load: each costs from 0.3 s (SciPy) to 3 s (spaCy).
HEAVY = ("spacy", "onnxruntime", "scipy", "sklearn", "dask", "distributed", "thinc", "trafilatura")
# `newsbrief --help` loads not even these (NumPy alone would double its start-up time).
HEAVY_FOR_HELP = (*HEAVY, "numpy", "jinja2")

# Runs the CLI on each argument list in one fresh interpreter (click's standalone mode off, so one
# run does not end the process), then prints every top-level module the runs loaded.
_PROBE = """
import json, sys
from newsbrief.cli import cli
for args in json.loads(sys.argv[1]):
    try:
        cli.main(args, prog_name="newsbrief", standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _loaded_by(*runs: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(runs))], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_help_of_every_command_loads_nothing_heavy() -> None:
    from newsbrief.cli import cli

    commands = sorted(cli.commands)  # type: ignore[attr-defined]
    assert {"brief", "ingest", "stories", "timeline"} <= set(commands)
    loaded = _loaded_by(["--help"], *([name, "--help"] for name in commands))
    assert "newsbrief" in loaded and "click" in loaded  # the probe did run the CLI
    assert not loaded & set(HEAVY_FOR_HELP), sorted(loaded & set(HEAVY_FOR_HELP))


def test_listing_a_database_loads_no_model_library(tmp_path: Path) -> None:
    from newsbrief.corpus.store import Store

    db = tmp_path / "small.db"
    with Store(db):
        pass
    loaded = _loaded_by(
        ["stories", "--db", str(db)], ["stories", "--db", str(db), "--format", "json"], ["sources", "--db", str(db)]
    )
    assert "sqlite3" in loaded  # the database was opened
    # Nor NumPy: the store converts vectors only when ingesting (it was 3.1x `import click` with it).
    assert not loaded & {*HEAVY, "numpy"}, sorted(loaded & {*HEAVY, "numpy"})


@pytest.mark.slow
def test_a_model_command_does_load_them(tmp_path: Path) -> None:
    """The probe can see a heavy import: building a brief loads SciPy (the summary's solver)."""
    (tmp_path / "a.txt").write_text("Too short.", encoding="utf-8")
    loaded = _loaded_by(["brief", str(tmp_path / "a.txt"), "-q", "-o", str(tmp_path / "out.md")])
    assert "scipy" in loaded
