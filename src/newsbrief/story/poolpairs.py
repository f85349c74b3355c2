"""Close sentence pairs that only change when the story does, and the pairs computed earlier for
the same input.

The pool (:mod:`newsbrief.story.pool`) keeps every pair of sentences of different articles whose
cosine is at least :data:`PAIR_FLOOR` (in a huge story each sentence's best partners only): one
n x n product of the story's sentence vectors, the largest single cost of a brief of stored
annotations (about 1 CPU s for the 9,901 sentences of a 286-article story). The summary's
redundancy check (:func:`newsbrief.summary.summarize.find_redundant_pairs`) is a second, smaller
one over its candidates.

Such pairs depend on nothing but the vectors, their labels, the threshold and this code, so corpus
mode computes them once per story when ingest changes it (:mod:`newsbrief.corpus.storypairs`) and
stores them under :func:`pairs_key`, a hash of exactly that input. ``brief --db --story`` hands
the stored pairs to :data:`KNOWN_PAIRS` when it loads the story; :func:`find_pairs` takes them
from there when the key of its input matches, and computes them otherwise. The key covers the
vectors bit for bit (after the brief's own off-topic filter), the label of each row, the
threshold, the source of this module and of those it imports, the NumPy version and its BLAS
library with the CPU kernels it runs, so the pairs read back are the ones the product would give: a
story changed since, other settings or other code simply miss and compute. The cosines kept are
computed by one fixed sum per pair (:mod:`newsbrief.story.exactpairs`; BLAS only finds the
candidates), so they do not depend on how the product was cut: with 1 or 2 BLAS threads, the whole
story at once, or the stored pairs extended with a new article's (:mod:`newsbrief.story.pairgrowth`).
"""

from __future__ import annotations

import functools
import hashlib
import struct
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt

from newsbrief.story.exactpairs import find_exact_pairs
from newsbrief.story.similarity import SimilarPairs, bounded_top_k
from newsbrief.textmemo import code_fingerprint

# Cosine floor of the pairs kept: the lowest any consumer asks for (claims.COSINE_FLOOR; syndication
# twins start at 0.55, disagreements at 0.55, unique contributions at 0.75).
PAIR_FLOOR = 0.45

# Pairs known for an input (pairs_key -> pairs): those stored with the story loaded last. A cache,
# not state: a hit gives what the product would.
KNOWN_PAIRS: dict[str, SimilarPairs] = {}

_MAGIC = b"NBPAIRS1"
_MAGIC_ROWS = b"NBPAIRS2"  # the same, with a digest of each input row after the pairs


def pairs_key(
    vectors: npt.NDArray[np.floating[Any]], threshold: float, labels: npt.NDArray[np.int64] | None = None, strict: bool = False
) -> str:
    """A hash of everything :func:`compute_pairs` reads: the vectors (bit for bit), the label of
    each row, the threshold, this code, NumPy's version and its BLAS."""
    digest = hashlib.sha256()
    code = code_fingerprint("newsbrief.story.poolpairs")
    digest.update(repr((code, np.__version__, describe_blas(), threshold, strict, vectors.shape, str(vectors.dtype))).encode())
    digest.update(np.ascontiguousarray(vectors).tobytes())
    digest.update(b"-" if labels is None else np.ascontiguousarray(labels, dtype="<i8").tobytes())
    return digest.hexdigest()[:32]


def describe_blas() -> tuple[tuple[str, str, str], ...]:
    """NumPy's BLAS library: kind, version and the CPU architecture whose kernels it runs (other
    kernels round some sums differently)."""
    return tuple((str(c.internal_api), str(c.version), str(getattr(c, "architecture", ""))) for c in _numpy_blas())


def compute_pairs(
    vectors: npt.NDArray[np.floating[Any]], threshold: float, labels: npt.NDArray[np.int64] | None = None, strict: bool = False
) -> SimilarPairs:
    """Pairs (i < j) of rows (of different labels, when given) with cosine at least (``strict``:
    above) ``threshold``; in a huge story only each row's best partners
    (:func:`newsbrief.story.similarity.bounded_top_k`). Each cosine is the exact sum of
    :func:`newsbrief.story.exactpairs.exact_cosines`, whatever rows BLAS multiplied together."""
    with blas_on_one_thread():
        return find_exact_pairs(vectors, threshold, labels=labels, strict=strict, top_k=bounded_top_k(vectors.shape[0]))


def find_pairs(
    vectors: npt.NDArray[np.floating[Any]], threshold: float, labels: npt.NDArray[np.int64] | None = None, strict: bool = False
) -> SimilarPairs:
    """:func:`compute_pairs`, from :data:`KNOWN_PAIRS` when they hold this input's pairs."""
    if KNOWN_PAIRS:
        known = KNOWN_PAIRS.get(pairs_key(vectors, threshold, labels, strict))
        if known is not None:
            return known
    return compute_pairs(vectors, threshold, labels, strict)


def compute_pool_pairs(vectors: npt.NDArray[np.float32], article: npt.NDArray[np.int64]) -> SimilarPairs:
    """The pool's pairs: sentences of different articles at cosine PAIR_FLOOR or more."""
    return compute_pairs(vectors, PAIR_FLOOR, article)


def find_pool_pairs(vectors: npt.NDArray[np.float32], article: npt.NDArray[np.int64]) -> SimilarPairs:
    """:func:`compute_pool_pairs`, from :data:`KNOWN_PAIRS` when they hold this input's pairs."""
    return find_pairs(vectors, PAIR_FLOOR, article)


@contextmanager
def blas_on_one_thread() -> Iterator[None]:
    """Products on one BLAS thread while inside (candidates do not depend on it, but one thread
    is what the CLI runs and the fastest on a shared machine)."""
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


@functools.cache
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController  # about 50 ms, once: only where pairs are computed

    return ThreadpoolController()


@functools.cache
def _numpy_blas() -> tuple[Any, ...]:
    """The BLAS libraries NumPy's products run on (SciPy may load another one beside them)."""
    blas = [c for c in _blas_controller().lib_controllers if c.user_api == "blas"]
    own = [c for c in blas if "numpy" in str(c.filepath)]
    return tuple(own or sorted(blas, key=lambda c: str(c.filepath)))


def prime_pairs(stored: Iterable[tuple[str, bytes]]) -> int:
    """Make the stored pairs (key, :func:`encode_pairs` blob) the known ones, forgetting any
    others (one story at a time); how many could be read (the others are computed)."""
    KNOWN_PAIRS.clear()
    for key, blob in stored:
        try:
            KNOWN_PAIRS[key] = decode_pairs(blob)
        except (ValueError, TypeError, zlib.error, struct.error):
            continue
    return len(KNOWN_PAIRS)


def encode_pairs(pairs: SimilarPairs, digests: npt.NDArray[np.uint64] | None = None) -> bytes:
    """The pairs as bytes: count, then rows and columns (int32 or int64) and values (float32 or
    float64), little-endian, compressed; with ``digests`` (one per row of the input,
    :func:`newsbrief.story.pairgrowth.row_digests`) after them, so that the pairs can later be
    extended rather than computed again."""
    wide = bool(pairs.rows.size) and int(max(pairs.rows.max(), pairs.cols.max())) >= 2**31
    index = "<i8" if wide else "<i4"
    value = "<f8" if pairs.values.dtype == np.float64 else "<f4"
    magic = _MAGIC if digests is None else _MAGIC_ROWS
    header = magic + struct.pack("<Q", len(pairs)) + index.encode() + value.encode()
    parts = [np.ascontiguousarray(pairs.rows, dtype=index).tobytes(), np.ascontiguousarray(pairs.cols, dtype=index).tobytes(),
             np.ascontiguousarray(pairs.values, dtype=value).tobytes()]
    if digests is not None:
        header += struct.pack("<Q", digests.size)
        parts.append(np.ascontiguousarray(digests, dtype="<u8").tobytes())
    return header + zlib.compress(b"".join(parts), 1)


def decode_pairs(blob: bytes) -> SimilarPairs:
    """Inverse of :func:`encode_pairs` (ValueError when the bytes are not such pairs)."""
    return decode_stored(blob)[0]


def decode_stored(blob: bytes) -> tuple[SimilarPairs, npt.NDArray[np.uint64] | None]:
    """The pairs and the row digests stored with them (None in a blob written without them, or
    before schema 8's pairs carried them); ValueError when the bytes are not such pairs."""
    magic = blob[: len(_MAGIC)]
    if magic not in (_MAGIC, _MAGIC_ROWS):
        raise ValueError("not stored pool pairs")
    at = len(_MAGIC)
    (n,) = struct.unpack_from("<Q", blob, at)
    index, value = blob[at + 8 : at + 11].decode(), blob[at + 11 : at + 14].decode()
    if index not in ("<i4", "<i8") or value not in ("<f4", "<f8"):
        raise ValueError("unknown stored pair types")
    at += 14
    rows_stored = 0
    if magic == _MAGIC_ROWS:
        (rows_stored,) = struct.unpack_from("<Q", blob, at)
        at += 8
    body = zlib.decompress(blob[at:])
    isize, vsize = int(index[-1]), int(value[-1])
    if len(body) != n * (2 * isize + vsize) + 8 * rows_stored:
        raise ValueError("stored pairs have the wrong length")
    rows = np.frombuffer(body, dtype=index, count=n).astype(np.int64)
    cols = np.frombuffer(body, dtype=index, count=n, offset=n * isize).astype(np.int64)
    values = np.frombuffer(body, dtype=value, count=n, offset=2 * n * isize)
    native = np.float64 if value == "<f8" else np.float32
    digests = None
    if magic == _MAGIC_ROWS:
        digests = np.frombuffer(body, dtype="<u8", count=rows_stored, offset=n * (2 * isize + vsize)).astype(np.uint64)
    return SimilarPairs(rows, cols, values.astype(native)), digests
