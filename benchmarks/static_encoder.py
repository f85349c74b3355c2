"""Static (word-piece table) encoder vs the int8 MiniLM on news sentences, in one process.

Prints Markdown: CPU ms per sentence of each encoder over the same sentences, the table's build
time (``--build``), and how the static cosines agree with MiniLM's: Spearman over random pairs,
nearest-neighbour overlap, and for each MiniLM cosine threshold used in the code, the static
threshold that keeps as many pairs and how many of MiniLM's pairs it keeps.

    python benchmarks/static_encoder.py [--per-set 1200] [--build]

Sentences: haiti_bbc (Timeline17, one sentence a line) and DUC 2004 documents (split at sentence
ends), sampled with a fixed seed; read from ../shared by relative path.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsbrief.annotate.embeddings import Embedder, default_model_paths  # noqa: E402
from newsbrief.annotate.static_encoder import StaticEmbedder, build_table  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
# MiniLM cosine thresholds of the reduce stage (module, constant, value).
THRESHOLDS = [
    ("timeline_select.ENTRY_COSINE", 0.20),
    ("topic.FAR_COSINE", 0.35),
    ("claims.COSINE_FLOOR / poolpairs.PAIR_FLOOR / figures._SAME_FIGURE_COSINE", 0.45),
    ("lead.CENTRAL_COSINE / disagreements.CORRECTION_COSINE", 0.50),
    ("disagreements.PAIR_COSINE / syndication.TWIN_COSINE_FLOOR", 0.55),
    ("claims.FIGURE_COSINE / disagreements.DATE_COSINE / lead.SAME_STATEMENT / scope.COUNT_COSINE", 0.60),
    ("timeline.SAME_EVENT_COSINE", 0.65),
    ("settings.claim_similarity", 0.72),
    ("timeline.REDUNDANT_COSINE / unique.UNIQUE_COSINE", 0.75),
    ("settings.summary_redundancy / syndication.TWIN_COSINE / summarize.RESTATEMENT", 0.80),
    ("claims.GUARD_FREE_COSINE", 0.86),
    ("timeline.NEAR_COPY_COSINE / figures._COPY_COSINE", 0.90),
]


def read_sentences(per_set: int, seed: int) -> tuple[list[str], list[str]]:
    haiti: set[str] = set()
    for f in sorted((SHARED / "timeline17" / "haiti_bbc" / "InputDocs").glob("*/*")):
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if 40 < len(line) < 400:
                haiti.add(line)
    duc: set[str] = set()
    for f in sorted((SHARED / "duc2004" / "docs").glob("*/*")):
        text = re.sub(r"\s+", " ", f.read_text(encoding="utf-8", errors="replace"))
        duc.update(s for s in re.split(r"(?<=[.!?]) (?=[A-Z])", text) if 40 < len(s) < 400)
    rng = random.Random(seed)
    return rng.sample(sorted(haiti), per_set), rng.sample(sorted(duc), per_set)


def cpu_ms(encode: object, texts: list[str]) -> tuple[float, np.ndarray]:
    start = time.process_time()
    vectors = encode(texts)  # type: ignore[operator]
    return 1000 * (time.process_time() - start) / len(texts), vectors


def agreement(m: np.ndarray, s: np.ndarray, seed: int) -> dict[str, float]:
    cm, cs = m @ m.T, s @ s.T
    iu = np.triu_indices(len(m), 1)
    pick = np.random.default_rng(seed).choice(len(iu[0]), min(300_000, len(iu[0])), replace=False)
    a, b = cm[iu][pick], cs[iu][pick]
    np.fill_diagonal(cm, -9)
    np.fill_diagonal(cs, -9)
    nm, ns = np.argsort(-cm, axis=1)[:, :5], np.argsort(-cs, axis=1)[:, :5]
    nn5 = float(np.mean([len(set(x) & set(y)) / 5 for x, y in zip(nm, ns, strict=True)]))
    return {"spearman": float(spearmanr(a, b)[0]), "nn5": nn5, "mean_m": float(a.mean()), "mean_s": float(b.mean()),
            "p90_m": float(np.percentile(a, 90)), "p90_s": float(np.percentile(b, 90))}


def threshold_rows(m: np.ndarray, s: np.ndarray) -> list[str]:
    iu = np.triu_indices(len(m), 1)
    cm, cs = (m @ m.T)[iu], (s @ s.T)[iu]
    order = np.sort(cs)[::-1]
    rows = []
    for name, t in THRESHOLDS:
        above = cm > t
        k = int(above.sum())
        if k == 0:
            rows.append(f"| {name} | {t:.2f} | 0 | - | - | {int((cs > t).sum())} |")
            continue
        ts = float(order[k - 1])
        kept = float((above & (cs >= ts)).sum()) / k
        rows.append(f"| {name} | {t:.2f} | {k:,} | {ts:.3f} | {kept:.2f} | {int((cs > t).sum()):,} |")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-set", type=int, default=1200, help="sentences from each of haiti_bbc and DUC")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--build", action="store_true", help="also time one build of the table (about 40 CPU s)")
    args = ap.parse_args()
    haiti, duc = read_sentences(args.per_set, args.seed)
    texts = haiti + duc
    static = StaticEmbedder()
    minilm = Embedder(threads=1)
    static.encode(texts[:50])
    minilm.encode(texts[:50])
    minilm.clear_cache()
    ms_m, vm = cpu_ms(minilm.encode, texts)
    ms_s, vs = cpu_ms(static.encode, texts)
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}\n")
    print(f"## Cost ({len(texts):,} distinct sentences, one thread each, same process)\n")
    print("| encoder | CPU ms / sentence |\n| --- | ---: |")
    print(f"| MiniLM int8 (one text per run) | {ms_m:.2f} |\n| static table ({static.dim} dims) | {ms_s:.3f} |")
    print(f"\nstatic is {ms_m / ms_s:.0f}x less CPU per sentence")
    if args.build:
        model, tok = default_model_paths()
        start = time.process_time()
        build_table(model, tok)
        print(f"\none build of the table: {time.process_time() - start:.1f} CPU s")
    print("\n## Agreement with MiniLM cosines\n")
    print("| sentences | Spearman (300k random pairs) | top-5 neighbours shared | mean cos MiniLM / static | p90 MiniLM / static |")
    print("| --- | ---: | ---: | ---: | ---: |")
    n = len(haiti)
    for name, sl in (("haiti_bbc", slice(0, n)), ("DUC 2004", slice(n, None)), ("both", slice(None))):
        r = agreement(vm[sl], vs[sl], args.seed)
        print(f"| {name} | {r['spearman']:.3f} | {r['nn5']:.2f} | {r['mean_m']:.3f} / {r['mean_s']:.3f} | {r['p90_m']:.3f} / {r['p90_s']:.3f} |")
    print("\n## Thresholds (pairs among all the sentences)\n")
    print("| where | MiniLM cos | pairs above | static cos with as many pairs | share of MiniLM's pairs kept | pairs above the same value with static |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(threshold_rows(vm, vs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
