"""Int8 recipes side by side: the shipped one (U8S8, 7-bit weights, reduce_range: exact on every x86
CPU), session 11's (U8S8, 8-bit weights: saturates on CPUs without VNNI) and U8U8; CPU ms per sentence (one text per run, 1 thread, rounds interleaved in
one process) and cosine to float MiniLM, on DUC 2004 sentences. Results: results/embedder_cpu.md.

    PYTHONPATH=src .venv/bin/python benchmarks/embedder_recipes.py [--clusters 2]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import embedder_cpu as ec  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    import onnx
    import onnxruntime as ort
    from onnx import numpy_helper
    from onnxruntime.quantization import QuantType

    import newsbrief.annotate.quantize as q
    from newsbrief.annotate.embeddings import Embedder, default_model_paths

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=2)
    args = ap.parse_args(argv)
    texts = ec.sentences(sorted((ec.SHARED / "bench" / "duc2004" / "docs").iterdir())[: args.clusters])
    src, _ = default_model_paths()
    with tempfile.TemporaryDirectory() as t1, tempfile.TemporaryDirectory() as t2:
        paths = {"shipped": q.ensure_quantized(src), "full_range_v1": ec.build_with(q, src, Path(t1), reduce_range=False),
                 "u8u8": ec.build_with(q, src, Path(t2), reduce_range=False, weight_type=QuantType.QUInt8)}
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        embedders = {}
        for name, p in paths.items():
            m = onnx.load(str(p))
            w = [numpy_helper.to_array(i) for i in m.graph.initializer if i.data_type == onnx.TensorProto.INT8]
            if w:
                print(f"{name}: max |int8 weight| {max(int(np.abs(x.astype(np.int32)).max()) for x in w)}")
            e = Embedder(quantize=True, threads=1)  # one text per run, as production runs int8
            e.session = ort.InferenceSession(str(p), opts, providers=["CPUExecutionProvider"])
            embedders[name] = e
        F = Embedder(quantize=False, threads=1).encode(texts)
        cpu: dict[str, list[float]] = {k: [] for k in embedders}
        vec: dict[str, Any] = {}
        for rnd in range(3):
            for name in (list(embedders) if rnd % 2 == 0 else list(reversed(embedders))):
                embedders[name].clear_cache()
                c = time.process_time()
                vec[name] = embedders[name].encode(texts)
                cpu[name].append(time.process_time() - c)
    print(f"{len(texts)} DUC sentences ({args.clusters} clusters), 1 thread, one text per run, 3 interleaved rounds")
    iu = np.triu_indices(len(texts), 1)
    pf = (F @ F.T)[iu]
    for name, v in vec.items():
        cs = (v * F).sum(1)
        d = np.abs((v @ v.T)[iu] - pf)
        print(f"{name:13s} CPU ms/sentence {[round(1000 * x / len(texts), 2) for x in cpu[name]]}; cos to float mean "
              f"{cs.mean():.4f} 1st pct {np.percentile(cs, 1):.4f} min {cs.min():.4f}; pairwise |cos - float| mean "
              f"{d.mean():.4f} 99th {np.percentile(d, 99):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
