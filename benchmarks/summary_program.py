"""The summary program's size and shape on real inputs (what the solver guard in
``newsbrief.summary.selection`` is decided from), beside a pathological one.

For each input, every program ``select_sentences`` solves is measured before it is solved:
columns (candidates), concept groups, nonzeros of the whole matrix, redundant-pair rows, the most
candidates sharing one concept group, and the guard's figure (``selection.program_size``); then
whether the LP bound settled it, how many columns the reduced costs left free, and the wall
seconds of the solve. The largest figures per input are printed as one Markdown row.

Inputs: a folder or file (read and annotated here), a pickle of annotated articles as
``benchmarks/reducestage.py --cache`` writes it (``name=path.pkl``), or ``pathological``: one
article of ``--chars`` characters (default 200,000, the readers' cut) made of a dozen words in
random order (seeded), sentences of 6 to 30 words.

    python benchmarks/summary_program.py INPUT [INPUT ...] [--chars N] [--no-solve]

``--no-solve`` measures the programs and keeps the local search's selection (for the
pathological input, whose solve is the thing being guarded against).
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS = ["harbour", "fire", "crew", "night", "ship", "water", "smoke", "dock", "port", "said", "the", "was"]


def pathological(chars: int, folder: Path, seed: int = 7) -> Path:
    """One .txt article of a dozen words in random order (every sentence shares every concept)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        n = rng.randint(6, 30)
        sentence = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
        parts.append(sentence)
        size += len(sentence) + 1
    path = folder / "pathological.txt"
    path.write_text(" ".join(parts), encoding="utf-8")
    return path


def annotated_of(source: str) -> tuple[list[Any], list[Any]]:
    if source.endswith(".pkl"):
        with open(source, "rb") as f:
            annotated, skipped = pickle.load(f)
        return annotated, skipped
    from newsbrief.annotate.resources import Resources
    from newsbrief.config import load_settings
    from newsbrief.pipeline import annotate_articles
    from newsbrief.read import repeats
    from newsbrief.read.readers import read_paths

    settings = load_settings()
    articles, skipped = read_paths([source], settings, on_skip=None)
    return annotate_articles(repeats.drop_repeated_lines(articles), Resources(settings)), skipped


def measure(label: str, source: str, solve: bool) -> str:
    import numpy as np

    from newsbrief import pipeline
    from newsbrief.config import load_settings
    from newsbrief.summary import selection

    annotated, skipped = annotated_of(source)
    seen: list[dict[str, float]] = []
    original = selection.solve_program

    def recording(program: Any) -> Any:
        cost, a, ub, n = program.full()
        holders = np.diff(program.cover.indptr) if program.cover.shape[0] else np.zeros(1)
        pairs = int(np.sum(np.diff(program.side.indptr) == 2))
        fig: dict[str, float] = {
            "columns": n, "groups": program.cover.shape[0], "nnz": a.nnz, "pair rows": pairs,
            "most holders": int(holders.max(initial=0)), "holder pairs": int(np.sum(holders * (holders - 1) // 2)),
            "size": selection.program_size(program),  # the guard's figure: equals nnz
        }
        t = time.perf_counter()
        x = original(program) if solve else selection.search_locally(program)
        fig["solve s"] = time.perf_counter() - t
        seen.append(fig)
        return x

    selection.solve_program = recording
    try:
        pipeline.build_brief(annotated, load_settings(), skipped)
    finally:
        selection.solve_program = original
    keys = ["columns", "groups", "nnz", "pair rows", "most holders", "holder pairs", "size", "solve s"]
    top = {k: max((f[k] for f in seen), default=0) for k in keys}
    cells = " | ".join(f"{top[k]:.2f}" if k == "solve s" else f"{int(top[k]):,}" for k in keys)
    return f"| {label} | {len(annotated)} | {len(seen)} | {cells} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="folder, file, NAME=annotated.pkl, or 'pathological'")
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--no-solve", action="store_true")
    args = ap.parse_args()
    print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print("| input | articles | programs | columns | groups | nonzeros | pair rows | most holders | holder pairs | guard size | solve s (max) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for item in args.inputs:
            label, _, source = item.rpartition("=")
            if item == "pathological":
                label, source = f"pathological ({args.chars:,} chars)", str(pathological(args.chars, Path(tmp)))
            print(measure(label or Path(source).name, source, not args.no_solve), flush=True)
    print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
