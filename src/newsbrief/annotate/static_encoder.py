"""A static (word-piece table) sentence encoder distilled once from the packaged transformer.

Running all-MiniLM-L6-v2 on every sentence costs about 8 CPU ms a sentence, two thirds of the
annotate stage. Here each word piece of the model's vocabulary is run through the model once, alone
("[CLS] piece [SEP]"; the piece's own output row), and the rows are kept as a table (the
model2vec recipe, without its dependencies): the rows are centred, projected on their principal
components (the first, shared by every piece, dropped; the next ``DIMS`` kept) and scaled by a
SIF weight from the piece's rank in the vocabulary (BERT vocabularies list words by frequency, so
"the" and "of" weigh almost nothing). A sentence's vector is the mean of its pieces' rows,
L2-normalised: a few microseconds, and a function of the text alone.

The table is derived locally from the model the user already has (nothing is fetched), keyed by
the SHA-256 of the model, its tokenizer and the recipe, written atomically into ``cache_dir`` (like
:mod:`newsbrief.annotate.quantize`), and rebuilt when the file there is damaged. The build runs the
float model over 30,522 three-piece inputs in one thread (about 40 CPU s, once); one thread and
fixed batches make two builds give the same bytes.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsbrief.annotate.embeddings import EmbedderUnavailable, load_model_files
from newsbrief.annotate.quantize import default_cache_dir

# Bump when the recipe below changes, so old tables are not reused.
RECIPE = "static-piece-row-pca256-drop1-sif1e-4-v2"
# Principal components kept (after the first is dropped). 256 of 384 agreed with MiniLM as well as
# all 384 did on 2,400 news sentences (benchmarks/results/static_encoder.md) at 2/3 of the size.
DIMS = 256
# Leading principal components dropped: the first is a direction every piece shares (cosine of
# unrelated sentences around 0.5 with it, 0.1 without).
DROP_COMPONENTS = 1
# SIF weight a / (a + p(rank)) with p from Zipf's law over the vocabulary's word order. Of 1e-6,
# 3e-5, 1e-4, 2e-4 and 5e-4, 1e-4 agreed best with MiniLM (Spearman of pair cosines on 2,400 news
# sentences 0.44, 0.54, 0.55, 0.55, 0.54; without weights 0.30).
SIF_A = 1e-4
# Texts per step of StaticEmbedder.encode (a step's piece rows, gathered and summed in float64:
# about 50 MB at 30 pieces a sentence). A text's vector does not depend on the step it is in.
ENCODE_STEP = 512
# Inputs per model run while building (the build's vectors do not depend on it: one piece a row,
# no padding).
BUILD_BATCH = 512

log = logging.getLogger(__name__)


class StaticTableError(EmbedderUnavailable):
    """The piece table cannot be built or stored; the message names the path and the fix."""


def _digest(model: Path, tokenizer: Path) -> str:
    from newsbrief.annotate.embedder_identity import file_hash

    h = file_hash(model)  # the model's bytes, read once a run (the embedder's identity reads them too)
    with tokenizer.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    h.update(RECIPE.encode())
    return h.hexdigest()[:24]


def table_path(model: Path, tokenizer: Path, cache_dir: Path) -> Path:
    """Where the piece table derived from ``model`` and ``tokenizer`` lives in ``cache_dir``."""
    return cache_dir / f"{model.stem}-{_digest(model, tokenizer)}.static.npy"


def first_word_id(pieces: Sequence[str]) -> int:
    """Id of the vocabulary's first whole word of two or more letters. BERT vocabularies put the
    special, unused and single-character pieces before it and then list words by frequency."""
    for i, piece in enumerate(pieces):
        if len(piece) > 1 and piece.isalpha():
            return i
    return 0


def sif_weights(pieces: Sequence[str]) -> npt.NDArray[np.float64]:
    """Weight of each piece: a / (a + p) with p by Zipf's law from the piece's rank. Pieces before
    the first word (punctuation, single characters, specials) count as the most frequent."""
    start = first_word_id(pieces)
    rank = np.maximum(np.arange(len(pieces), dtype=np.float64) - start + 1, 1.0)
    harmonic = float(np.sum(1.0 / np.arange(1, len(pieces) + 1, dtype=np.float64)))
    p = 1.0 / (rank * harmonic)
    weights: npt.NDArray[np.float64] = SIF_A / (SIF_A + p)
    return weights


def piece_outputs(model: Path, vocab_size: int, cls_id: int, sep_id: int, limit: int | None = None) -> npt.NDArray[np.float32]:
    """The model's output row of each piece run alone as "[CLS] piece [SEP]" (first ``limit``
    pieces when given: for tests). One thread, so the sums run in one order on every build."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    count = vocab_size if limit is None else min(limit, vocab_size)
    rows: list[npt.NDArray[np.float32]] = []
    for start in range(0, count, BUILD_BATCH):
        ids = np.arange(start, min(count, start + BUILD_BATCH), dtype=np.int64)
        x = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
        feeds = {"input_ids": x, "attention_mask": np.ones_like(x)}
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.zeros_like(x)
        hidden = session.run(None, feeds)[0]
        rows.append(np.asarray(hidden[:, 1, :], dtype=np.float32))
    return np.concatenate(rows, axis=0)


def distill_table(outputs: npt.NDArray[np.float32], pieces: Sequence[str]) -> npt.NDArray[np.float32]:
    """Centre the piece rows, project them on principal components DROP_COMPONENTS+1 ..
    DROP_COMPONENTS+DIMS, scale each by its SIF weight. Deterministic: the eigenvectors' signs are
    fixed (largest coordinate positive)."""
    x = outputs.astype(np.float64)
    x -= x.mean(axis=0)
    _, vectors = np.linalg.eigh(x.T @ x / max(1, len(x)))
    vectors = vectors[:, ::-1][:, DROP_COMPONENTS : DROP_COMPONENTS + DIMS]
    signs = np.sign(vectors[np.argmax(np.abs(vectors), axis=0), np.arange(vectors.shape[1])])
    vectors = vectors * np.where(signs == 0, 1.0, signs)
    table = (x @ vectors) * sif_weights(pieces)[: len(x), None]
    return np.ascontiguousarray(table, dtype=np.float32)


def build_table(model: Path, tokenizer_path: Path, limit: int | None = None) -> npt.NDArray[np.float32]:
    """The piece table of ``model`` (rows in the tokenizer's id order)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    vocab = tokenizer.get_vocab(with_added_tokens=True)
    pieces = [""] * (max(vocab.values()) + 1)
    for piece, i in vocab.items():
        pieces[i] = piece
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise StaticTableError(
            f"embedder_tokenizer: {tokenizer_path} has no [CLS]/[SEP] pieces; the static embedder needs a BERT-style "
            "tokenizer (or set embedder to minilm)"
        )
    outputs = piece_outputs(model, len(pieces), cls_id, sep_id, limit)
    return distill_table(outputs, pieces)


def _load(path: Path, rows: int) -> npt.NDArray[np.float32] | None:
    """The table stored at ``path``, or None when it is missing or damaged."""
    if not path.is_file():
        return None
    try:
        table = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError) as exc:
        log.warning("cache_dir: the static embedder table %s is damaged (%s); rebuilding it", path, str(exc)[:80])
        return None
    if table.dtype != np.float32 or table.shape != (rows, DIMS) or not np.isfinite(table).all():
        log.warning("cache_dir: the static embedder table %s is damaged (shape %s, %s); rebuilding it", path, table.shape, table.dtype)
        return None
    return np.asarray(table, dtype=np.float32)


def ensure_table(model: Path, tokenizer_path: Path, rows: int, cache_dir: Path | None = None) -> npt.NDArray[np.float32]:
    """The piece table of ``model``, built into ``cache_dir`` on first use (atomic write)."""
    cache = cache_dir if cache_dir is not None else default_cache_dir()
    target = table_path(model, tokenizer_path, cache)
    table = _load(target, rows)
    if table is not None:
        return table
    try:  # a cache that cannot take the table is reported before the build, not after it
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=".static-", suffix=".npy")
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as f:
            table = _built(model, tokenizer_path, rows)
            np.save(f, table, allow_pickle=False)
        os.replace(tmp, target)
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return table


def _unwritable(target: Path, exc: OSError) -> StaticTableError:
    return StaticTableError(
        f"cache_dir: cannot write the static embedder table to {target}: {exc.strerror or exc}; set cache_dir in your "
        "settings file (or NEWSBRIEF_CACHE) to a writable folder, or set embedder to minilm"
    )


def _built(model: Path, tokenizer_path: Path, rows: int) -> npt.NDArray[np.float32]:
    try:
        table = build_table(model, tokenizer_path)
    except StaticTableError:
        raise
    except Exception as exc:  # onnxruntime's own exception types: the file is not an ONNX model
        raise StaticTableError(
            f"embedder_model: cannot derive the static embedder from {model} ({str(exc)[:120]}); point embedder_model "
            "at an ONNX sentence encoder, or set embedder to minilm"
        ) from exc
    if table.shape[0] != rows:
        raise StaticTableError(
            f"embedder_model: {model} gave {table.shape[0]} piece rows, its tokenizer has {rows}; give the matching tokenizer.json"
        )
    return table


class StaticEmbedder:
    """Encodes sentences into L2-normalised vectors from a word-piece table; the same ``encode``
    contract as :class:`newsbrief.annotate.embeddings.Embedder` (a text's vector depends only on
    the text), at a few microseconds a sentence."""

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        *,
        cache_dir: str | Path | None = None,
    ):
        mpath, tpath, self.tokenizer = load_model_files(model_path, tokenizer_path)
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        rows = self.tokenizer.get_vocab_size(with_added_tokens=True)
        self.table = ensure_table(mpath, tpath, rows, Path(cache_dir) if cache_dir is not None else None)
        self.dim = DIMS
        # A text without pieces (empty, spaces) gets one fixed unit vector, as MiniLM gives every
        # empty text the vector of "[CLS] [SEP]": the [UNK] row, else the first.
        unk = self.tokenizer.token_to_id("[UNK]")
        row = self.table[unk if unk is not None else 0].astype(np.float64)
        self._empty = (row / max(float(np.linalg.norm(row)), 1e-12)).astype(np.float32)
        self._lock = threading.Lock()

    def clear_cache(self) -> None:
        """Nothing is remembered between calls (lookups cost less than a cache would)."""

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> npt.NDArray[np.float32]:
        """Embed ``texts`` into a (len(texts), dim) float32 array of unit vectors (``batch_size``
        is ignored: it is there for the same signature as the transformer's).

        Done :data:`ENCODE_STEP` texts at a time: the pieces' rows are gathered (and summed in
        float64) per step, so the memory taken is bounded whatever the number of texts (20,000
        sentences at once took 1.7 GB)."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), ENCODE_STEP):
            out[start : start + ENCODE_STEP] = self._encode_step(texts[start : start + ENCODE_STEP])
        return out

    def _encode_step(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        with self._lock:  # the tokenizer object is shared; encode_batch runs its own threads
            encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.array([len(e.ids) for e in encodings], dtype=np.int64)
        vectors = np.tile(self._empty, (len(texts), 1))
        filled = np.flatnonzero(lengths)
        if len(filled):
            ids = np.concatenate([np.asarray(encodings[i].ids, dtype=np.int64) for i in filled])
            starts = np.concatenate([[0], np.cumsum(lengths[filled])[:-1]])
            # float64 sums: the same vector for a text whatever else is in the call.
            sums = np.add.reduceat(self.table[ids].astype(np.float64), starts, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            vectors[filled] = (sums / np.clip(norms, 1e-12, None)).astype(np.float32)
        return vectors
