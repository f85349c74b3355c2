"""MiniLM's first k transformer layers plus a fitted linear map, against the full model (issue 13).

The one lever sessions 13-15 left untried: run only the first k of all-MiniLM-L6-v2's 6 layers
(the int8 graph the Embedder runs, cut at layer k's output with ``onnx.utils.Extractor``), pool
and normalise its hidden states as the Embedder does, and carry the result into the full model's
space with a ridge map (as ``annotate/hybrid.py`` does for static word-piece vectors).

One process, one intra-op thread, one text a run (as the Embedder runs them):

1. CPU per sentence of the full graph and of the k-layer graphs, on every distinct sentence of a
   Timeline17 topic, the graphs run text by text in rotating order (a change of load falls on all
   alike; the full graph's column is the same-minute baseline);
2. fidelity: the map fitted on DUC 2004 sentences (``../shared/bench/duc2004/docs``, no topic the
   judging reads), then each judged topic's sentences: cosine of the mapped vector to the full
   model's (mean, 5th percentile, minimum), with the k-layer vector unmapped and the static
   word-piece estimate (same DUC fit) beside; and how well the estimate keeps the pairs' order,
   the correlation of pairwise cosines over 20,000 random pairs of sentences (estimate vs full).

The brief-level comparison is ``benchmarks/hybrid_rows.py --layers K`` (it uses :class:`LayerVectors`).

    PYTHONPATH=src .venv/bin/python benchmarks/minilm_layers.py [--layers 1 2 3] [--topic haiti_bbc ...]
        [--cpu-topic haiti_bbc] [--cpu-limit N] [--texts-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from minilm_batch import DATA, sentences_of, session  # noqa: E402

DUC = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "duc2004" / "docs"
TOPICS = ("haiti_bbc", "MJ_bbc", "LibyaWar_cnn")
Vec = npt.NDArray[np.float32]


def layer_output(model: Any, k: int) -> str:
    """The name of the value layer ``k`` (1-based) of a BERT-style export hands on: the output of
    the LayerNormalization reading ``encoder.layer.<k-1>.output.LayerNorm.weight``."""
    want = f"encoder.layer.{k - 1}.output.LayerNorm.weight"
    for n in model.graph.node:
        if n.op_type == "LayerNormalization" and any(i.endswith(want) for i in n.input):
            return str(n.output[0])
    raise SystemExit(f"minilm_layers: no output of layer {k} in the graph (no LayerNormalization reading {want})")


def truncated(model_path: Path, k: int) -> bytes:
    """The graph at ``model_path`` cut at layer ``k``'s output (the inputs it still reads)."""
    import onnx
    from onnx.utils import Extractor

    model = onnx.load(str(model_path))
    out = layer_output(model, k)
    ext = Extractor(model)
    used = {i for n in ext.graph.node for i in n.input}
    inputs = [i.name for i in model.graph.input if i.name in used]
    cut = ext.extract_model(inputs, [out])
    return bytes(cut.SerializeToString())


def feeds(sess: Any, ids: npt.NDArray[np.int64]) -> dict[str, npt.NDArray[np.int64]]:
    names = {i.name for i in sess.get_inputs()}
    f = {"input_ids": ids}
    if "attention_mask" in names:
        f["attention_mask"] = np.ones_like(ids)
    if "token_type_ids" in names:
        f["token_type_ids"] = np.zeros_like(ids)
    return f


def pooled(sess: Any, ids: npt.NDArray[np.int64]) -> Vec:
    """Mean over the (unpadded) tokens, L2-normalised: the Embedder's pooling."""
    v = sess.run(None, feeds(sess, ids))[0][0].mean(axis=0)
    out: Vec = (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32)
    return out


def encode_all(sess: Any, ids: Sequence[npt.NDArray[np.int64]]) -> Vec:
    return np.stack([pooled(sess, x) for x in ids]) if ids else np.zeros((0, 384), dtype=np.float32)


def apply_map(fit: tuple[Any, Any, Any], x: Vec) -> Vec:
    w, x_mean, y_mean = fit
    est = (x.astype(np.float64) - x_mean) @ w + y_mean
    est /= np.clip(np.linalg.norm(est, axis=1, keepdims=True), 1e-12, None)
    out: Vec = est.astype(np.float32)
    return out


def fidelity(est: Vec, full: Vec, rng: np.random.Generator) -> tuple[float, float, float, float]:
    """Mean, 5th percentile and minimum cosine to the full vectors; correlation of pairwise cosines."""
    cos = np.sum(est * full, axis=1)
    n = len(full)
    a, b = rng.integers(0, n, 20_000), rng.integers(0, n, 20_000)
    keep = a != b
    pe = np.sum(est[a[keep]] * est[b[keep]], axis=1)
    pf = np.sum(full[a[keep]] * full[b[keep]], axis=1)
    return float(cos.mean()), float(np.percentile(cos, 5)), float(cos.min()), float(np.corrcoef(pe, pf)[0, 1])


class LayerVectors:
    """Pooled, normalised vectors of MiniLM's int8 graph cut at layer ``k`` (``encode``, the
    StaticEmbedder's interface, so ``hybrid.complete_vectors`` can fit its map on them), and the
    same carried into the full model's space by a ridge map fitted on DUC 2004 sentences
    (``mapped``). Vectors are remembered by text."""

    def __init__(self, k: int, texts_dir: Path | None = None):
        from newsbrief.annotate.embeddings import MAX_TOKENS, default_model_paths, load_model_files
        from newsbrief.annotate.quantize import ensure_quantized

        model, tok_path = default_model_paths()
        _, _, self.tokenizer = load_model_files(model, tok_path)
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        int8 = ensure_quantized(model)
        self.k, self.texts_dir = k, texts_dir
        self.full, self.cut = session(str(int8)), session(truncated(int8, k))
        self.memo: dict[str, Vec] = {}
        self.fit: tuple[Any, Any, Any] | None = None

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> Vec:
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        for t, e in zip(todo, self.tokenizer.encode_batch(todo), strict=True):
            self.memo[t] = pooled(self.cut, np.asarray([e.ids], dtype=np.int64))
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    def mapped(self, texts: Sequence[str]) -> Vec:
        if self.fit is None:
            from newsbrief.annotate.hybrid import _fit

            cache = self.texts_dir / "duc2004_docs.json" if self.texts_dir is not None else None
            duc = list(dict.fromkeys(t for a in sentences_of(DUC, cache) for t in a))
            ids = [np.asarray([e.ids], dtype=np.int64) for e in self.tokenizer.encode_batch(duc)]
            self.fit = _fit(self.encode(duc), encode_all(self.full, ids))
        return apply_map(self.fit, self.encode(texts))


def main(argv: Sequence[str] | None = None) -> int:
    from newsbrief.annotate.embeddings import MAX_TOKENS, default_model_paths, load_model_files
    from newsbrief.annotate.hybrid import _fit
    from newsbrief.annotate.quantize import ensure_quantized
    from newsbrief.annotate.static_encoder import StaticEmbedder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--layers", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--topic", action="append", help=f"judged topic (repeatable; default {', '.join(TOPICS)})")
    ap.add_argument("--cpu-topic", default="haiti_bbc")
    ap.add_argument("--cpu-limit", type=int, default=0, help="time only the first N distinct sentences (0: all)")
    ap.add_argument("--texts-dir", type=Path, help="keep the split sentences of each folder here between runs")
    args = ap.parse_args(argv)
    topics = args.topic or list(TOPICS)

    def texts_of(name: str, folder: Path) -> list[str]:
        cache = args.texts_dir / f"{name}.json" if args.texts_dir is not None else None
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
        return list(dict.fromkeys(t for a in sentences_of(folder, cache) for t in a))

    model, tok_path = default_model_paths()
    _, _, tok = load_model_files(model, tok_path)
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_TOKENS)
    int8 = ensure_quantized(model)
    t0 = time.process_time()
    graphs = {0: session(str(int8))}
    for k in args.layers:
        graphs[k] = session(truncated(int8, k))
    build_s = time.process_time() - t0
    static = StaticEmbedder(None, None)

    def ids_of(texts: Sequence[str]) -> list[npt.NDArray[np.int64]]:
        return [np.asarray([e.ids], dtype=np.int64) for e in tok.encode_batch(list(texts))]

    print(f"graphs built (k = {args.layers}) in {build_s:.2f} CPU s; load average {os.getloadavg()[0]:.1f}", flush=True)

    # 1. CPU per sentence.
    cpu_texts = texts_of(args.cpu_topic, DATA / args.cpu_topic / "InputDocs")
    if args.cpu_limit:
        cpu_texts = cpu_texts[: args.cpu_limit]
    cpu_ids = ids_of(cpu_texts)
    order = list(graphs)
    spent = dict.fromkeys(order, 0.0)
    for i, x in enumerate(cpu_ids):
        for j in order[i % len(order):] + order[: i % len(order)]:
            t = time.process_time()
            pooled(graphs[j], x)
            spent[j] += time.process_time() - t
    pieces = sum(x.shape[1] for x in cpu_ids) / len(cpu_ids)
    print(f"\n## CPU per sentence, {args.cpu_topic}: {len(cpu_ids)} distinct sentences, {pieces:.1f} word pieces on "
          f"average, one text a run, one thread, graphs interleaved; load average now {os.getloadavg()[0]:.1f}\n")
    print("| graph | CPU ms / sentence | vs full |\n|---|---:|---:|")
    for j in order:
        ms = 1000 * spent[j] / len(cpu_ids)
        name = "full (6 layers, baseline)" if j == 0 else f"first {j} layer{'s' if j > 1 else ''}"
        print(f"| {name} | {ms:.2f} | {spent[j] / spent[0]:.0%} |")
    t = time.process_time()
    static.encode(cpu_texts)
    print(f"| static word-piece vectors (hybrid's estimate) | {1000 * (time.process_time() - t) / len(cpu_texts):.2f} | "
          f"{(time.process_time() - t) / spent[0]:.0%} |", flush=True)

    # 2. Fidelity: the maps fitted on DUC 2004 sentences.
    duc = texts_of("duc2004_docs", DUC)
    duc_ids = ids_of(duc)
    duc_full = encode_all(graphs[0], duc_ids)
    fits = {k: _fit(encode_all(graphs[k], duc_ids), duc_full) for k in args.layers}
    static_fit = _fit(static.encode(duc), duc_full)
    print(f"\n## Fidelity: maps fitted on {len(duc):,} DUC 2004 sentences (ridge 1.0), judged on each topic's distinct "
          "sentences: cosine to the full model's vector mean / 5th percentile / min; r = correlation of 20,000 "
          "pairwise cosines with the full model's\n")
    print("| topic | sentences | estimate | cos mean | p5 | min | pairs r |\n|---|---:|---|---:|---:|---:|---:|")
    rng = np.random.default_rng(0)
    for topic in topics:
        texts = texts_of(topic, DATA / topic / "InputDocs")
        ids = ids_of(texts)
        full = encode_all(graphs[0], ids)
        rows: list[tuple[str, Vec]] = [("static + map (hybrid today)", apply_map(static_fit, static.encode(texts)))]
        for k in args.layers:
            raw = encode_all(graphs[k], ids)
            est = apply_map(fits[k], raw)
            rows += [(f"{k} layer{'s' if k > 1 else ''}, no map", raw), (f"{k} layer{'s' if k > 1 else ''} + map", est)]
        for name, est in rows:
            m, p5, lo, r = fidelity(est, full, rng)
            print(f"| {topic} | {len(texts):,} | {name} | {m:.3f} | {p5:.3f} | {lo:.3f} | {r:.3f} |", flush=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
