"""Sentence embedder: float model vs the dynamic-int8 copy (quantize.py), on DUC 2004 sentences.

Prints, for the sentences of the first N clusters (split by the real pipeline): CPU and wall
seconds per 1,000 sentences for each way of running the model, and how close the int8 vectors
are to the float ones (cosine: mean, 1st percentile, minimum). Run on an idle machine:

    .venv/bin/python benchmarks/embedder.py [--clusters 3] [--out benchmarks/results/embedder.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "duc2004"
OUT = ROOT / "benchmarks" / "results" / "embedder.md"


def duc_sentences(clusters: int) -> list[str]:
    from newsbrief.config import load_settings
    from newsbrief.read.readers import read_paths
    from newsbrief.annotate.resources import Resources
    from newsbrief.annotate.sentences import split_sentences

    settings = load_settings()
    nlp = Resources(settings).nlp
    texts: list[str] = []
    for folder in sorted((DATA / "docs").iterdir())[:clusters]:
        articles, _ = read_paths([str(folder)], settings)
        for a, doc in zip(articles, nlp.pipe(a.body for a in articles), strict=True):
            texts += [s.text for s in split_sentences(a, doc)]
    return texts


def timed(fn: Callable[[], object], repeats: int = 2) -> tuple[float, float]:
    """Best (wall, CPU) seconds of ``repeats`` runs."""
    best = (float("inf"), float("inf"))
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        fn()
        best = min(best, (time.perf_counter() - w, time.process_time() - c))
    return best


def main(argv: Sequence[str] | None = None) -> int:
    from newsbrief.annotate.embeddings import Embedder

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=3)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    texts = duc_sentences(args.clusters)
    tokens = sum(len(e.ids) for e in Embedder(quantize=False).tokenizer.encode_batch(texts))
    t = time.perf_counter()
    quantized = Embedder()
    load_q = time.perf_counter() - t
    runs = {
        "float, batches of 16, 2 intra-op threads": Embedder(quantize=False, threads=2),
        "float, batches of 16, 1 thread": Embedder(quantize=False, threads=1),
        "int8, one text per run, 2 threads (default)": quantized,
        "int8, one text per run, 1 thread": Embedder(threads=1),
    }
    rows = []
    for label, emb in runs.items():
        emb.encode(texts[:20])  # warm-up
        wall, cpu = timed(lambda e=emb: e.encode(texts))
        rows.append((label, wall, cpu))
    ref = runs["float, batches of 16, 2 intra-op threads"].encode(texts)
    cos = (quantized.encode(texts) * ref).sum(axis=1)
    per = 1000 / len(texts)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    lines = [
        "# Sentence embedder: float vs dynamic int8 (benchmarks/embedder.py)",
        "",
        f"Run {dt.date.today().isoformat()}, commit {commit}: {len(texts):,} sentences ({tokens:,} word pieces) "
        f"of the first {args.clusters} DUC 2004 clusters, best of 2 runs, after a warm-up.",
        "",
        "| how | wall s / 1,000 sentences | CPU s / 1,000 sentences |",
        "|---|---:|---:|",
        *[f"| {label} | {wall * per:.2f} | {cpu * per:.2f} |" for label, wall, cpu in rows],
        "",
        f"int8 vs float vectors, cosine: mean {cos.mean():.4f}, 1st percentile {np.percentile(cos, 1):.4f}, "
        f"min {cos.min():.4f}. Loading the int8 model (cache warm): {load_q:.2f} s.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
