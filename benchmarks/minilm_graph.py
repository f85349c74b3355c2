"""The int8 MiniLM graph with and without the keys' one-step transpose (annotate/single_run.py).

Builds both graphs from the packaged model in a scratch cache (the session-13 form: mask arithmetic
dropped, keys through the export's 3-D view; and today's form), then, one process, one intra-op
thread, on every distinct sentence of a Timeline17 topic (one text a run, as the Embedder runs
them):

1. whether every text's output equals between the two graphs bit for bit;
2. CPU seconds of running all of them, the two graphs interleaved round by round.

    PYTHONPATH=src .venv/bin/python benchmarks/minilm_graph.py [--topic haiti_bbc] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from minilm_batch import DATA, sentences_of, session  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    import newsbrief.annotate.single_run as single_run
    from newsbrief.annotate.embeddings import default_model_paths, load_model_files
    from newsbrief.annotate.quantize import ensure_quantized

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topic", default="haiti_bbc")
    ap.add_argument("--texts", type=Path, help="a JSON file of the topic's sentences: read if it exists, else written")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-identity", action="store_true", help="skip the bit-identity pass")
    args = ap.parse_args(argv)
    arts = sentences_of(DATA / args.topic / "InputDocs", args.texts)
    texts = list(dict.fromkeys(t for a in arts for t in a))
    model, tok_path = default_model_paths()
    _, _, tok = load_model_files(model, tok_path)
    tok.no_padding()
    tok.enable_truncation(max_length=128)
    ids = [np.asarray([e.ids], dtype=np.int64) for e in tok.encode_batch(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        today = ensure_quantized(model, Path(tmp) / "today")
        keep = single_run._direct_key_transposes
        single_run._direct_key_transposes = lambda nodes, made_by: 0
        try:
            before = ensure_quantized(model, Path(tmp) / "before")
        finally:
            single_run._direct_key_transposes = keep
        graphs = {"keys via 3-D view (s13)": session(str(before)), "keys in one Transpose": session(str(today))}
    print(f"{args.topic}: {len(texts)} distinct sentences; load average {os.getloadavg()[0]:.1f}")

    def feeds(x: npt.NDArray[np.int64]) -> dict[str, npt.NDArray[np.int64]]:
        return {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)}

    a, b = graphs.values()
    if not args.no_identity:
        same = sum(a.run(None, feeds(x))[0].tobytes() == b.run(None, feeds(x))[0].tobytes() for x in ids)
        print(f"outputs bit-identical: {same}/{len(texts)}\n")
    # Text by text, the two graphs one after the other (which goes first alternates), so a change of
    # load on the machine falls on both alike.
    print("| round | " + " | ".join(f"{k} CPU s" for k in graphs) + " | change |\n|---:|---:|---:|---:|")
    for r in range(args.rounds):
        cells = [0.0, 0.0]
        for k, x in enumerate(ids):
            f = feeds(x)
            for j in ((0, 1) if k % 2 == 0 else (1, 0)):
                t0 = time.process_time()
                (a, b)[j].run(None, f)
                cells[j] += time.process_time() - t0
        print(f"| {r + 1} | {cells[0]:.2f} | {cells[1]:.2f} | {cells[1] / cells[0] - 1:+.1%} |", flush=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
