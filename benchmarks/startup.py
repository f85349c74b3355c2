"""Start-up time of the command line: whole-process wall time of ``newsbrief --help`` and of
``newsbrief stories --db`` on a small database, beside ``python -c "import click"`` (the least a
click program can cost) measured in the same run, interleaved, median of several runs.

    python benchmarks/startup.py [--runs 9]

Target: at most 2x the click baseline. Times on a shared machine are noisy; the ratio to the
baseline measured alongside is the figure to read.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"


def newsbrief_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m newsbrief.cli``."""
    script = Path(sys.executable).with_name("newsbrief")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "newsbrief.cli"]


def time_once(cmd: list[str]) -> float:
    """Wall seconds of one run of ``cmd`` (output discarded; a failing run is an error)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ)
    return time.perf_counter() - start


def make_small_db(folder: Path) -> Path:
    """A corpus database of the demo story (5 articles), built by ``newsbrief ingest`` (untimed)."""
    db = folder / "small.db"
    subprocess.run([*newsbrief_command(), "ingest", str(DEMO), "--db", str(db), "-q"], check=True)
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = make_small_db(Path(tmp))
        commands = {
            'python -c "import click"': [sys.executable, "-c", "import click"],
            "newsbrief --help": [*newsbrief_command(), "--help"],
            "newsbrief stories --db small.db": [*newsbrief_command(), "stories", "--db", str(db)],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(args.runs):  # interleaved, so load changes hit every command alike
            for label, cmd in commands.items():
                times[label].append(time_once(cmd))
    base = statistics.median(times['python -c "import click"'])
    print(f"median of {args.runs} runs each, interleaved (wall time, whole process; shared machine: noisy)")
    print(f"{'command':34} {'median s':>9} {'min s':>7} {'x click':>8}")
    for label, ts in times.items():
        med = statistics.median(ts)
        print(f"{label:34} {med:9.3f} {min(ts):7.3f} {med / base:8.2f}")


if __name__ == "__main__":
    main()
