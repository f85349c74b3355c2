"""Does the int8 embedder give other vectors on a CPU without VNNI? (an emulation, on any host)

ONNX Runtime's int8 matrix products (MLAS, activations uint8 x weights int8, "U8S8") run on
x86-64 as VPDPBUSD where the CPU has AVX512-VNNI / AVX-VNNI (exact int32 sums), and otherwise as
VPMADDUBSW, which adds each pair of neighbouring u8*s8 products into an int16 with saturation
(ONNX Runtime's quantization docs; microsoft/onnxruntime#5849). No switch makes ONNX Runtime take
the other path, so this script runs the quantised graph in ``onnx.reference`` with MatMulInteger
computed two ways -- exact, and with each pair sum (k = 2p, 2p+1) clipped to int16 as
VPMADDUBSW does -- and compares the sentence vectors (mean-pooled, L2-normalised, one text per
run like :class:`newsbrief.annotate.embeddings.Embedder`) with each other, with this host's ONNX
Runtime and with the float model.

    PYTHONPATH=src .venv/bin/python benchmarks/embedder_cpu.py [--clusters 1] [--recipe full_range]

The shipped recipe (``quantize.RECIPE``, session 12 on) has 7-bit weights (reduce_range, |w| <= 64:
a pair sum is at most 2*255*64 = 32,640, so no saturation is possible). ``--recipe full_range``
builds the session-11 recipe (8-bit weights, ``dyn-int8-perchannel-v1``) in a temporary folder
instead, the one whose vectors depended on the CPU.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Own example (tests/test_claims.py before 5d38735): 0.435 on this VNNI host, 0.46 on the host that wrote it.
PAIR = (
    "Their union said members would vote on Thursday on whether to strike.",
    "The decision now rests with the dockers, who vote on Thursday, according to a union notice seen by Harbour FM.",
)


def sentences(folders: Sequence[Path]) -> list[str]:
    from newsbrief.annotate.resources import Resources
    from newsbrief.annotate.sentences import split_sentences
    from newsbrief.config import load_settings
    from newsbrief.read.readers import read_paths

    settings = load_settings()
    nlp = Resources(settings).nlp
    texts: list[str] = []
    for folder in folders:
        articles, _ = read_paths([str(folder)], settings)
        for a, doc in zip(articles, nlp.pipe(a.body for a in articles), strict=True):
            texts += [s.text for s in split_sentences(a, doc)]
    return list(dict.fromkeys(texts))


def matmul_integer(saturate: bool) -> Any:
    from onnx.reference.op_run import OpRun

    class MatMulInteger(OpRun):
        def _run(self, a: Any, b: Any, a_zp: Any = None, b_zp: Any = None) -> Any:  # noqa: ANN401
            A = a.astype(np.int64)
            B = b.astype(np.int64)
            lead, K = A.shape[:-1], A.shape[-1]
            A2 = A.reshape(-1, K)
            if saturate:
                if K % 2:
                    A2 = np.pad(A2, ((0, 0), (0, 1)))
                    B = np.pad(B, ((0, 1), (0, 0)))
                a32, b32 = A2.astype(np.int32), B.astype(np.int32)  # |pair| <= 65,025: int32 is exact
                pair = a32[:, 0::2, None] * b32[None, 0::2, :] + a32[:, 1::2, None] * b32[None, 1::2, :]
                raw = np.clip(pair, -32768, 32767).sum(axis=1, dtype=np.int64)
            else:
                raw = A2 @ B
            # zero points: sum (a - za)(b - zb) = sum ab - za sum b - zb sum a + K za zb
            za = 0 if a_zp is None else int(np.asarray(a_zp).reshape(-1)[0])
            zb = np.zeros(B.shape[1], dtype=np.int64) if b_zp is None else np.asarray(b_zp, dtype=np.int64).reshape(-1)
            out = raw - za * B[:K].sum(axis=0)[None, :] - A2[:, :K].sum(axis=1)[:, None] * zb[None, :] + K * za * zb[None, :]
            sat_pairs = int((np.abs(pair) > 32767).sum() if saturate else 0)
            MatMulInteger.saturated += sat_pairs
            return (out.reshape(*lead, B.shape[1]).astype(np.int32),)

    MatMulInteger.saturated = 0  # type: ignore[attr-defined]
    return MatMulInteger


def pool(hidden: Any, n: int) -> np.ndarray:
    v = hidden[0, :n].mean(axis=0)
    return v / np.linalg.norm(v)


def main(argv: Sequence[str] | None = None) -> int:
    import onnx
    import onnxruntime as ort
    from onnx.reference import ReferenceEvaluator

    from newsbrief.annotate.embeddings import Embedder, MAX_TOKENS, default_model_paths, load_model_files
    from newsbrief.annotate.quantize import _build, ensure_quantized

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="at most this many sentences (0: all)")
    ap.add_argument("--recipe", choices=["shipped", "full_range"], default="shipped")
    args = ap.parse_args(argv)

    src, tok = default_model_paths()
    tmp = tempfile.TemporaryDirectory()
    if args.recipe == "shipped":
        qpath = ensure_quantized(src)
    else:
        import newsbrief.annotate.quantize as q

        qpath = build_with(q, src, Path(tmp.name), reduce_range=False)
    _, _, tokenizer = load_model_files(None, None)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)

    folders = [SHARED / "seeds"] + sorted((SHARED / "bench" / "duc2004" / "docs").iterdir())[: args.clusters]
    texts = list(PAIR) + sentences(folders)
    if args.limit:
        texts = texts[: args.limit]
    print(f"{len(texts)} distinct sentences (the test pair, seeds, {args.clusters} DUC cluster(s)); recipe {args.recipe}; {qpath.name}")

    model = onnx.load(str(qpath))
    for imp in model.opset_import:  # onnx.reference has DequantizeLinear from opset 19 on (same semantics for int8)
        if imp.domain in ("", "ai.onnx") and imp.version < 19:
            imp.version = 19
    exact_op, sat_op = matmul_integer(False), matmul_integer(True)
    ref_exact = ReferenceEvaluator(model, new_ops=[exact_op])
    ref_sat = ReferenceEvaluator(model, new_ops=[sat_op])
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.log_severity_level = 3
    sess = ort.InferenceSession(str(qpath), opts, providers=["CPUExecutionProvider"])
    flt = Embedder(quantize=False, threads=1)

    V = {k: np.zeros((len(texts), 384), dtype=np.float64) for k in ("ort", "exact", "sat")}
    pairs_sat_per_text = np.zeros(len(texts), dtype=np.int64)
    t0 = time.perf_counter()
    for i, t in enumerate(texts):
        ids = np.asarray([tokenizer.encode(t).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        n = ids.shape[1]
        V["ort"][i] = pool(sess.run(None, feeds)[0], n)
        V["exact"][i] = pool(ref_exact.run(None, feeds)[0], n)
        before = sat_op.saturated
        V["sat"][i] = pool(ref_sat.run(None, feeds)[0], n)
        pairs_sat_per_text[i] = sat_op.saturated - before
        if i % 50 == 0:
            print(f"  {i}/{len(texts)} {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    F = flt.encode(texts).astype(np.float64)

    def same(a: str, b: str) -> str:
        c = (V[a] * V[b]).sum(axis=1)
        return f"cos mean {c.mean():.6f} min {c.min():.6f}; max |diff| {np.abs(V[a] - V[b]).max():.2e}"

    print(f"this host's ORT vs exact emulation:     {same('ort', 'exact')}")
    print(f"saturating emulation vs exact:          {same('sat', 'exact')}")
    hit = pairs_sat_per_text > 0
    print(f"texts with >= 1 saturated pair sum: {hit.sum()} of {len(texts)}; saturated pair sums per text: "
          f"median {np.median(pairs_sat_per_text):.0f}, max {pairs_sat_per_text.max()}")
    changed = np.abs(V["sat"] - V["exact"]).max(axis=1) > 1e-6
    print(f"vectors changed (> 1e-6 in any component): {changed.sum()} of {len(texts)}")
    for k in ("exact", "sat", "ort"):
        c = (V[k] * F).sum(axis=1)
        print(f"cosine to float MiniLM, {k:5s}: mean {c.mean():.4f}, 1st pct {np.percentile(c, 1):.4f}, min {c.min():.4f}")
    # every pairwise cosine: how much do they move?
    ce, cs, cf = V["exact"] @ V["exact"].T, V["sat"] @ V["sat"].T, F @ F.T
    iu = np.triu_indices(len(texts), 1)
    d = np.abs(cs[iu] - ce[iu])
    print(f"pairwise cosines ({len(d)}): |sat - exact| mean {d.mean():.4f}, 99th pct {np.percentile(d, 99):.4f}, max {d.max():.4f}; "
          f"> 0.01: {(d > 0.01).sum()}, > 0.02: {(d > 0.02).sum()}")
    for lo in (0.45, 0.5, 0.6, 0.7):
        flips = ((ce[iu] >= lo) != (cs[iu] >= lo)).sum()
        print(f"  pairs on the other side of {lo} under saturation: {flips} (exact side >= {lo}: {(ce[iu] >= lo).sum()})")
    de = np.abs(ce[iu] - cf[iu])
    print(f"pairwise |exact int8 - float| mean {de.mean():.4f}, 99th pct {np.percentile(de, 99):.4f}, max {de.max():.4f}")
    print(f"test pair cosine: ORT here {V['ort'][0] @ V['ort'][1]:.4f}, exact {ce[0, 1]:.4f}, saturating {cs[0, 1]:.4f}, float {cf[0, 1]:.4f}")
    tmp.cleanup()
    return 0


def build_with(q: Any, src: Path, work: Path, **overrides: Any) -> Path:
    """quantize._build with some of quantize_dynamic's arguments overridden (``reduce_range=False``:
    the session-11 recipe, 8-bit weights; ``weight_type=QuantType.QUInt8``: U8U8)."""
    from onnxruntime.quantization import quantize_dynamic

    real = quantize_dynamic

    def patched(*a: Any, **kw: Any) -> Any:
        return real(*a, **{**kw, **overrides})

    import onnxruntime.quantization as oq

    oq.quantize_dynamic = patched
    try:
        return q._build(src, work)
    finally:
        oq.quantize_dynamic = real


if __name__ == "__main__":
    sys.exit(main())
