"""What one sentence costs the int8 embedder, and whether its first layers could stand in for it.

Three measures, one intra-op thread, in this process:

1. **CPU ms per run by length**: the session on one text of 2 to 128 word pieces (best of 3
   rounds): the fixed cost of a run against the cost per word piece.
2. **Operators**: ONNX Runtime's own profile of 300 runs at 28 word pieces (the mean sentence of
   haiti_bbc), kernel time per operator type.
3. **Truncated encoder**: the same int8 graph cut after its 2nd, 3rd or 4th layer (mean-pooled,
   as the full one), on the first ``--sentences`` distinct sentences of a Timeline17 topic: CPU per
   sentence, and how many of the pairs the full model puts at or above a cosine (0.45 is the
   pool's PAIR_FLOOR) the cut one also ranks that high (same number of pairs taken from its
   own ranking), the correlation of all pair cosines, and top-1 neighbour agreement.

    .venv/bin/python benchmarks/embedder_cost.py [--topic haiti_bbc] [--sentences 2500]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "timeline17"


def feeds_of(n: int) -> dict[str, npt.NDArray[np.int64]]:
    ids = np.full((1, n), 1000, dtype=np.int64)
    ids[0, 0], ids[0, -1] = 101, 102
    return {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}


def session(path: Path, profile: bool = False) -> object:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    opts.enable_profiling = profile
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def per_length(model: Path) -> None:
    s = session(model)
    print("| word pieces | CPU ms per run |\n|---:|---:|")
    for n in (2, 8, 16, 28, 48, 64, 128):
        feeds = feeds_of(n)
        s.run(None, feeds)  # type: ignore[attr-defined]
        reps = 100 if n < 64 else 30
        best = float("inf")
        for _ in range(3):
            t = time.thread_time()
            for _ in range(reps):
                s.run(None, feeds)  # type: ignore[attr-defined]
            best = min(best, (time.thread_time() - t) / reps * 1000)
        print(f"| {n} | {best:.2f} |")


def operators(model: Path) -> None:
    s = session(model, profile=True)
    feeds = feeds_of(28)
    for _ in range(300):
        s.run(None, feeds)  # type: ignore[attr-defined]
    path = s.end_profiling()  # type: ignore[attr-defined]
    events = json.loads(Path(path).read_text())
    Path(path).unlink()
    total: collections.Counter[str] = collections.Counter()
    nodes: collections.Counter[str] = collections.Counter()
    for e in events:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
            total[e["args"]["op_name"]] += e["dur"]
            nodes[e["args"]["op_name"]] += 1
    whole = sum(total.values())
    print("\n| operator | share of kernel time | nodes per run |\n|---|---:|---:|")
    for op, us in total.most_common(12):
        print(f"| {op} | {100 * us / whole:.1f}% | {nodes[op] // 300} |")


def truncated(model: Path, folder: Path, limit: int, work: Path) -> None:
    import onnx
    from onnx.utils import extract_model

    from newsbrief.annotate.embeddings import Embedder
    from newsbrief.annotate.resources import Resources
    from newsbrief.annotate.sentences import split_sentences
    from newsbrief.config import load_settings
    from newsbrief.read.readers import read_paths

    settings = load_settings()
    articles, _ = read_paths([str(folder)], settings)
    nlp = Resources(settings).nlp
    texts: list[str] = []
    for a, doc in zip(articles[:120], nlp.pipe(a.body for a in articles[:120]), strict=False):
        texts += [s.text for s in split_sentences(a, doc)]
    texts = list(dict.fromkeys(texts))[:limit]
    variants: dict[str, Embedder] = {"all 6 layers": Embedder(threads=1)}
    for layers in (2, 3, 4):
        # The encoder's LayerNorms: one after the embeddings, then two per layer.
        cut = work / f"layers{layers}.onnx"
        out = f"layer_norm_{2 * layers}"
        extract_model(str(model), str(cut), ["input_ids", "attention_mask", "token_type_ids"], [out], check_model=False)
        graph = onnx.load(str(cut))
        for node in graph.graph.node:
            node.output[:] = ["last_hidden_state" if o == out else o for o in node.output]
        graph.graph.output[0].name = "last_hidden_state"
        onnx.save(graph, str(cut))
        emb = Embedder(threads=1)
        emb.session = session(cut)
        variants[f"first {layers} layers"] = emb
    vectors = {}
    print(f"\n{len(texts)} distinct sentences of {folder.parent.name}\n")
    print("| encoder | CPU ms / sentence | pairs >= 0.45 kept | pairs >= 0.75 kept | corr. of pair cosines | same top-1 neighbour |")
    print("|---|---:|---:|---:|---:|---:|")
    upper = np.triu_indices(len(texts), 1)
    for name, emb in variants.items():
        emb.encode(["A warm-up sentence."])
        emb.clear_cache()
        t = time.process_time()
        vectors[name] = emb.encode(texts)
        ms = 1000 * (time.process_time() - t) / len(texts)
        full = vectors["all 6 layers"] @ vectors["all 6 layers"].T
        own = vectors[name] @ vectors[name].T
        kept = []
        for floor in (0.45, 0.75):
            ref = full[upper] >= floor
            k = int(ref.sum())
            got = own[upper] >= np.sort(own[upper])[-k]
            kept.append(f"{(got & ref).sum() / k:.2f} of {k}")
        corr = float(np.corrcoef(full[upper], own[upper])[0, 1])
        np.fill_diagonal(full, -1)
        np.fill_diagonal(own, -1)
        same = float((full.argmax(1) == own.argmax(1)).mean())
        print(f"| {name} | {ms:.2f} | {kept[0]} | {kept[1]} | {corr:.2f} | {same:.2f} |")


def main(argv: Sequence[str] | None = None) -> int:
    from newsbrief.annotate.embeddings import default_model_paths
    from newsbrief.annotate.quantize import ensure_quantized

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--topic", default="haiti_bbc")
    ap.add_argument("--sentences", type=int, default=2500)
    args = ap.parse_args(argv)
    folder = DATA / args.topic / "InputDocs"
    if not folder.is_dir():
        print(f"no folder {folder}: pass --topic with a folder of {DATA}", file=sys.stderr)
        return 2
    model = ensure_quantized(default_model_paths()[0])
    print(f"# embedder cost (load average {os.getloadavg()[0]:.1f})\n")
    per_length(model)
    operators(model)
    with tempfile.TemporaryDirectory() as tmp:
        truncated(model, folder, args.sentences, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
