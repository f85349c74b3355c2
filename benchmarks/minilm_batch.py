"""MiniLM int8 with texts batched, each vector still a function of its text alone (issue 13).

Today's Embedder runs the int8 graph one text a run: ``DynamicQuantizeLinear`` takes one scale and
zero point over the whole activation tensor, so a text beside others would get another vector. This
benchmark tries batching texts of the SAME word-piece count (no padding, no mask) through a graph
where each ``DynamicQuantizeLinear`` is rewritten per batch row (:func:`per_row`):

- ``ReduceMin``/``ReduceMax`` over the row, widened to include 0, scale ``(max - min) / 255`` (1
  when equal), zero point ``Round(Clip(-min / scale, 0, 255))`` (round half to even), then
  ``QuantizeLinear`` along axis 0: the formula and MLAS kernel of ONNX Runtime's own op;
- each ``MatMulInteger`` runs with no A zero point (ONNX Runtime's CPU kernel takes only a scalar
  one; checked) and subtracts ``zp[row] * colsum(B)`` in int32 (B's zero point is 0): exact;
- the scale product becomes ``scale[row] * B_scale``; the bias is given as (1, 1, N) so ONNX
  Runtime does not fold it into the next SkipLayerNormalization (which adds it after the residual,
  another rounding: with the 1-D bias no row matched).

Measured, one process, one intra-op thread, rounds interleaved:

1. bit identity of every distinct haiti_bbc sentence's vector (and hidden states) against
   ``Embedder.encode`` (today's path);
2. CPU seconds of embedding them, today's path against batched, for one call with every sentence,
   for calls of 4 consecutive articles, and for one call per article (the map stage's calls),
   interleaved call by call.

    PYTHONPATH=src .venv/bin/python benchmarks/minilm_batch.py [--topic haiti_bbc] [--rounds 1]
        [--calls all 4 1] [--texts FILE]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from onnx import ModelProto, NodeProto

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"


def per_row(model: ModelProto) -> int:
    """Rewrite ``model`` in place as the module doc says; the number of ``DynamicQuantizeLinear``
    nodes rewritten (0: the graph was left as it was, having none or a form not handled)."""
    from onnx import TensorProto, helper, numpy_helper

    graph = model.graph
    nodes = list(graph.node)
    inits = {i.name: i for i in graph.initializer}
    quantizers = [n for n in nodes if n.op_type == "DynamicQuantizeLinear" and n.domain in ("", "ai.onnx")]
    if not quantizers:
        return 0
    readers: dict[str, list[NodeProto]] = {}
    for n in nodes:
        for name in n.input:
            readers.setdefault(name, []).append(n)
    # Every use of a quantiser's outputs must be a MatMulInteger reading (q, weight, zp, weight_zp)
    # with a constant int8 weight of zero point 0, and the scale only in a Mul by the weight's scale.
    plans = []
    for q in quantizers:
        xq, xs, xz = q.output
        users = readers.get(xq, [])
        if not users or any(u.op_type != "MatMulInteger" or list(u.input[:1]) != [xq] for u in users):
            return 0
        for u in users:
            if len(u.input) < 3 or u.input[2] != xz or u.input[1] not in inits:
                return 0
            if len(u.input) > 3 and u.input[3]:
                if u.input[3] not in inits or numpy_helper.to_array(inits[u.input[3]]).any():
                    return 0
        if any(u.op_type != "MatMulInteger" for u in readers.get(xz, [])):
            return 0
        if any(u.op_type != "Mul" for u in readers.get(xs, [])):
            return 0
        plans.append((q, users))

    new_inits = []
    # Shared constants.
    zero_f, one_f, top_f = "rowq_zero_f", "rowq_one_f", "rowq_255_f"
    new_inits += [
        numpy_helper.from_array(np.array(0.0, dtype=np.float32), zero_f),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), one_f),
        numpy_helper.from_array(np.array(255.0, dtype=np.float32), top_f),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "rowq_flat"),
        numpy_helper.from_array(np.array([-1, 1, 1], dtype=np.int64), "rowq_col3"),
    ]
    ranks = _ranks(model)
    replaced: dict[int, list[NodeProto]] = {}  # id of an old node -> the nodes that take its place
    for k, (q, users) in enumerate(plans):
        x = q.input[0]
        xq, xs, xz = q.output
        p = f"rowq{k}_"

        def node(op: str, ins: list[str], out: str, **attrs: Any) -> str:
            added_here.append(helper.make_node(op, ins, [out], name=p + out.removeprefix(p), **attrs))
            return out

        added_here: list[NodeProto] = []
        # x is (batch, ..., features); the row statistics are over every axis but the first.
        rank = ranks.get(x)
        if rank is None or rank < 2:
            return 0
        axes = list(range(1, rank))
        lo = node("ReduceMin", [x], p + "min", axes=axes, keepdims=0)
        hi = node("ReduceMax", [x], p + "max", axes=axes, keepdims=0)
        lo = node("Min", [lo, zero_f], p + "min0")
        hi = node("Max", [hi, zero_f], p + "max0")
        span = node("Sub", [hi, lo], p + "span")
        scale = node("Div", [span, top_f], p + "scale_raw")
        same = node("Equal", [hi, lo], p + "same")
        scale = node("Where", [same, one_f, scale], p + "scale")  # (batch,)
        zf = node("Div", [lo, scale], p + "min_over_scale")
        zf = node("Neg", [zf], p + "zp_raw")
        zf = node("Clip", [zf, zero_f, top_f], p + "zp_clipped")
        zf = node("Round", [zf], p + "zp_round")
        zp = node("Cast", [zf], p + "zp", to=TensorProto.UINT8)  # (batch,)
        node("QuantizeLinear", [x, scale, zp], xq, axis=0)
        zp32 = node("Cast", [zp], p + "zp32", to=TensorProto.INT32)
        shape = [1] * (rank - 1)
        col_shape = p + "col_shape"
        new_inits.append(numpy_helper.from_array(np.array([-1, *shape], dtype=np.int64), col_shape))
        zp_col = node("Reshape", [zp32, col_shape], p + "zp_col")  # (batch, 1, ..., 1)
        scale_col = node("Reshape", [scale, col_shape], xs)  # what the scale Muls read
        del scale_col
        replaced[id(q)] = added_here
        for j, u in enumerate(users):
            w = numpy_helper.to_array(inits[u.input[1]])
            if w.dtype != np.int8 or w.ndim != 2:
                return 0
            sums = p + f"colsum{j}"
            new_inits.append(numpy_helper.from_array(w.astype(np.int32).sum(axis=0).astype(np.int32), sums))
            acc = u.output[0]
            raw = p + f"acc{j}"
            mm = helper.make_node("MatMulInteger", [xq, u.input[1]], [raw], name=p + f"mm{j}")
            corr = p + f"corr{j}"
            fix = [
                mm,
                helper.make_node("Mul", [zp_col, sums], [corr], name=p + f"corr{j}"),
                helper.make_node("Sub", [raw, corr], [acc], name=p + f"sub{j}"),
            ]
            replaced[id(u)] = fix
            bias_add = _bias_add(acc, readers, inits)
            if bias_add is None:
                return 0
            # The bias as (1, ..., 1, N): ONNX Runtime would otherwise fold it into a following
            # SkipLayerNormalization, which adds it after the residual (other rounding).
            k_bias = 0 if bias_add.input[0] in inits else 1
            b = numpy_helper.to_array(inits[bias_add.input[k_bias]])
            wide = p + f"bias{j}"
            new_inits.append(numpy_helper.from_array(b.reshape([1] * (rank - 1) + [-1]), wide))
            bias_add.input[k_bias] = wide
    out: list[NodeProto] = []
    for n in nodes:
        out.extend(replaced.get(id(n), [n]))
    del graph.node[:]
    graph.node.extend(out)
    graph.initializer.extend(new_inits)
    return len(plans)


def _bias_add(acc: str, readers: dict[str, list[NodeProto]], inits: dict[str, object]) -> NodeProto | None:
    """The ``Add`` of a 1-D constant bias after ``acc``'s Cast and scale Mul, or None."""
    step = acc
    for op in ("Cast", "Mul", "Add"):
        users = readers.get(step, [])
        if len(users) != 1 or users[0].op_type != op:
            return None
        if op == "Add":
            add = users[0]
            if sum(i in inits for i in add.input) != 1:
                return None
            return add
        step = users[0].output[0]
    return None


def _ranks(model: ModelProto) -> dict[str, int]:
    """The rank of each value whose shape inference knows it."""
    from onnx import shape_inference

    inferred = shape_inference.infer_shapes(model)
    g = inferred.graph
    return {
        vi.name: len(vi.type.tensor_type.shape.dim)
        for vi in [*g.value_info, *g.input, *g.output]
        if vi.type.tensor_type.HasField("shape")
    }


def sentences_of(folder: Path, cache: Path | None = None) -> list[list[str]]:
    """Each article's sentence texts, as the map stage splits them (kept in ``cache`` when given)."""
    import json

    if cache is not None and cache.is_file():
        got: list[list[str]] = json.loads(cache.read_text(encoding="utf-8"))
        return got
    from newsbrief.annotate.resources import Resources
    from newsbrief.annotate.sentences import split_sentences
    from newsbrief.config import load_settings
    from newsbrief.read.readers import read_paths

    settings = load_settings()
    articles, _ = read_paths([str(folder)], settings)
    nlp = Resources(settings).nlp
    out = [[s.text for s in split_sentences(a, doc)] for a, doc in zip(articles, nlp.pipe(a.body for a in articles), strict=True)]
    if cache is not None:
        cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def session(data: bytes | str) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])


class Batched:
    """Texts grouped by word-piece count; a group of ``min_batch`` or more (in runs of at most
    ``max_batch``, of at most ``max_len`` pieces) through the per-row graph, the rest one a run
    through today's graph."""

    def __init__(self, embedder: Any, rows: Any, min_batch: int = 2, max_batch: int = 32, max_len: int = 999):
        self.e, self.rows = embedder, rows
        self.min_batch, self.max_batch, self.max_len = min_batch, max_batch, max_len
        self.hidden: dict[str, npt.NDArray[np.float32]] = {}

    def encode(self, texts: Sequence[str], keep_hidden: bool = False) -> npt.NDArray[np.float32]:
        distinct = list(dict.fromkeys(texts))
        ids = [e.ids for e in self.e.tokenizer.encode_batch(distinct)]
        groups: dict[int, list[int]] = defaultdict(list)
        for i, x in enumerate(ids):
            groups[len(x)].append(i)
        out = np.zeros((len(distinct), self.e.dim), dtype=np.float32)
        for n, members in groups.items():
            for k in range(0, len(members), self.max_batch):
                part = members[k : k + self.max_batch]
                x = np.asarray([ids[i] for i in part], dtype=np.int64)
                feeds = {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)}
                alone = len(part) < self.min_batch or n > self.max_len
                hidden = (self.e.session if alone else self.rows).run(None, feeds)[0]
                # The Embedder's pooling with a mask of ones: the same operations, row by row.
                m = np.ones((len(part), n, 1), dtype=np.float32)
                pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
                norms = np.linalg.norm(pooled, axis=1, keepdims=True)
                out[part] = pooled / np.clip(norms, 1e-12, None)
                if keep_hidden:
                    for r, i in enumerate(part):
                        self.hidden[distinct[i]] = hidden[r]
        row = {t: k for k, t in enumerate(distinct)}
        return out[[row[t] for t in texts]]


def main(argv: Sequence[str] | None = None) -> int:
    import onnx

    from newsbrief.annotate.embeddings import Embedder

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topic", default="haiti_bbc")
    ap.add_argument("--texts", type=Path, help="a JSON file of the topic's sentences: read if it exists, else written")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--calls", nargs="+", choices=("all", "4", "1"), default=["all", "4", "1"],
                    help="call patterns: every sentence in one call, 4 articles a call, one article a call")
    args = ap.parse_args(argv)
    arts = sentences_of(DATA / args.topic / "InputDocs", args.texts)
    texts = list(dict.fromkeys(t for a in arts for t in a))
    print(f"{args.topic}: {len(arts)} articles, {sum(map(len, arts))} sentences, {len(texts)} distinct; "
          f"load average {os.getloadavg()[0]:.1f}")
    today = Embedder(threads=1)
    model = onnx.load(today.session._model_path)  # the cached int8 graph the Embedder runs
    rewritten = per_row(model)
    rows = session(model.SerializeToString())
    print(f"per-row graph: {rewritten} DynamicQuantizeLinear rewritten, {len(model.graph.node)} nodes")

    # 1. Bit identity: hidden states (one run each, today's session) and the vectors.
    batched = Batched(today, rows, min_batch=2)
    got = batched.encode(texts, keep_hidden=True)
    want = today.encode(texts)
    same_vec = sum(a.tobytes() == b.tobytes() for a, b in zip(got, want, strict=True))
    ids = {t: e.ids for t, e in zip(texts, today.tokenizer.encode_batch(texts), strict=True)}
    same_hidden = 0
    for t in texts:
        x = np.asarray([ids[t]], dtype=np.int64)
        h = today.session.run(None, {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)})[0][0]
        same_hidden += h.tobytes() == batched.hidden[t].tobytes()
    print(f"bit-identical: vectors {same_vec}/{len(texts)}, hidden states {same_hidden}/{len(texts)}; "
          f"max abs diff {float(np.abs(got - want).max()):.3g}")

    # 2. CPU seconds, today's path and batched, interleaved in each round.
    def calls(n: int | None) -> list[list[str]]:
        if n is None:
            return [texts]
        return [list(dict.fromkeys(t for a in arts[i : i + n] for t in a)) for i in range(0, len(arts), n)]

    variants: list[tuple[str, dict[str, int]]] = [
        ("batched, min 2", dict(min_batch=2)),
        ("batched, min 4, <= 48 pieces", dict(min_batch=4, max_len=48)),
    ]
    print("\n| calls | round | today CPU s | " + " | ".join(f"{v} CPU s" for v, _ in variants) + " |")
    print("|---|---:|---:|" + "---:|" * len(variants))
    patterns = {"all": ("one call, all sentences", None), "4": ("4 articles a call", 4), "1": ("1 article a call", 1)}
    for label, n in (patterns[c] for c in args.calls):
        for r in range(args.rounds):
            # Call by call, today's path and each variant one after the other (the order rotating),
            # so a change of load on the machine falls on all alike.
            encoders = [today.encode] + [Batched(today, rows, **kw).encode for _, kw in variants]
            cells = [0.0] * len(encoders)
            for k, c in enumerate(calls(n)):
                for j in (list(range(len(encoders)))[k % len(encoders):] + list(range(len(encoders)))[: k % len(encoders)]):
                    today.clear_cache()
                    t0 = time.process_time()
                    encoders[j](c)
                    cells[j] += time.process_time() - t0
            rel = " | ".join(f"{c:.2f} ({c / cells[0] - 1:+.0%})" for c in cells[1:])
            print(f"| {label} | {r + 1} | {cells[0]:.2f} | {rel} |", flush=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
