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

    python benchmarks/summary_program.py INPUT [INPUT ...] [--chars N] [--no-solve] [--words N]
    python benchmarks/summary_program.py --phases INPUT [INPUT ...] [--words N]

``--no-solve`` measures the programs and keeps the local search's selection (for the
pathological input, whose solve is the thing being guarded against). ``--phases`` prints one row
per program instead: nonzeros, the local search's, the LP's and the branch and bound's CPU
(``time.process_time``, the whole process) and wall seconds, and whether the branch and bound was
started at all (it is not when the LP bound proves the local search optimal); the last line is the
worst branch-and-bound CPU seconds against ``selection.MILP_TIME_LIMIT_S``. ``--words`` is the
summary budget (default: the settings' default; DUC is judged at 100).
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


def measure_phases(label: str, source: str, words: int | None) -> list[dict[str, Any]]:
    """One record per program ``select_sentences`` solves: its nonzeros and the seconds of each
    step of ``solve_program`` (the module's solver calls wrapped for the run, restored after)."""
    from newsbrief import pipeline
    from newsbrief.config import load_settings
    from newsbrief.summary import selection

    annotated, skipped = annotated_of(source)
    rows: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    originals = {name: getattr(selection, name) for name in ("search_locally", "solve_lp", "solve_milp")}

    def timed(name: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            c, w = time.process_time(), time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                current[name] = (time.process_time() - c, time.perf_counter() - w)
        return call

    def recording(program: Any) -> Any:
        current.clear()
        x = solve(program)
        rows.append({"input": label, "nnz": selection.program_size(program), "columns": len(program.usable), **current})
        return x

    solve = selection.solve_program
    for name in originals:
        setattr(selection, name, timed(name))
    selection.solve_program = recording
    try:
        settings = load_settings(words=words) if words is not None else load_settings()
        pipeline.build_brief(annotated, settings, skipped)
    finally:
        selection.solve_program = solve
        for name, fn in originals.items():
            setattr(selection, name, fn)
    return rows


def print_phases(inputs: list[str], words: int | None) -> None:
    from newsbrief.summary import selection

    print("| input | program | nonzeros | columns | local search CPU s | LP CPU s (wall) | MILP started | MILP CPU s (wall) |")
    print("|---|---:|---:|---:|---:|---:|:---:|---:|")
    worst: tuple[float, str] = (0.0, "none")
    for item in inputs:
        label, _, source = item.rpartition("=")
        for k, r in enumerate(measure_phases(label or Path(source).name, source, words), 1):
            ls = r.get("search_locally", (0.0, 0.0))
            lp = r.get("solve_lp")
            mip = r.get("solve_milp")
            lp_cell = f"{lp[0]:.3f} ({lp[1]:.3f})" if lp else "not run"
            mip_cell = f"{mip[0]:.3f} ({mip[1]:.3f})" if mip else "-"
            if mip and mip[0] > worst[0]:
                worst = (mip[0], f"{r['input']} #{k}")
            print(f"| {r['input']} | {k} | {r['nnz']:,} | {r['columns']:,} | {ls[0]:.3f} | {lp_cell} | {'yes' if mip else 'no'} | {mip_cell} |", flush=True)
    limit = selection.MILP_TIME_LIMIT_S
    print(f"\nworst MILP CPU s: {worst[0]:.3f} ({worst[1]}); limit {limit:.0f} s; margin {limit / max(worst[0], 1e-3):,.0f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="folder, file, NAME=annotated.pkl, or 'pathological'")
    ap.add_argument("--chars", type=int, default=200_000)
    ap.add_argument("--no-solve", action="store_true")
    ap.add_argument("--phases", action="store_true", help="one row per program: seconds of each solve step")
    ap.add_argument("--words", type=int, default=None, help="summary budget (default: the settings' default)")
    args = ap.parse_args()
    print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    if args.phases:
        print_phases(args.inputs, args.words)
        print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)
        return
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
