"""Dynamic int8 quantisation of an ONNX sentence encoder, built once and cached on disk.

The packaged all-MiniLM-L6-v2 stores int8 weights but computes in float32 (its weights are cast
back to float when loaded), so every matrix product runs in float32. Re-quantising it dynamically
(int8 weights per output channel, activations quantised on the fly; ``onnxruntime.quantization``)
makes the integer kernels do the work: 2.2x less CPU per sentence on DUC 2004 sentences, with
vectors at cosine 0.991 on average (0.975 at worst) to the float ones (benchmarks/embedder_recipes.py).

Weights are kept within 7 bits (``reduce_range``) so the vectors are the same on every x86 CPU: ONNX
Runtime multiplies uint8 activations by int8 weights, and on CPUs without VNNI it adds neighbouring
products into an int16 with saturation; with 8-bit weights a pair reaches 2 * 255 * 127 = 64,770
and the vectors (and every decision near a cosine threshold) changed with the CPU. With 7-bit
weights a pair is at most 2 * 255 * 64 = 32,640, exact everywhere, at the same CPU cost
(benchmarks/results/embedder_cpu.md; tests/test_embeddings.py reads the bound from the graph).

Activations are quantised with one scale per input tensor, so a vector would depend on what else
is in its batch; :class:`newsbrief.annotate.embeddings.Embedder` therefore runs quantised models one text
at a time, which keeps a text's vector a function of the text alone.

The quantised file is derived locally from the model the user already has (nothing is fetched),
keyed by the SHA-256 of the source model, and written atomically, so concurrent workers and
interrupted builds never see half a file.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

# Bump when the recipe below changes, so old cache entries are not reused (the name is part of the
# cached file's name and of the embedder record a database keeps: a database embedded by another
# recipe is refused until `newsbrief refresh --reembed`).
RECIPE = "dyn-int8-perchannel-reducerange-v2"
# How the recipe's graph is laid out for running (annotate/single_run.py): part of the cached file's
# name, so a file built by an older newsbrief is built again, but not of the embedder's identity,
# since the vectors stay the same bit for bit.
GRAPH_FORM = "single-run-v2"


class QuantizeError(RuntimeError):
    """The quantised model cannot be built or stored; the message says how to fix it."""


def default_cache_dir() -> Path:
    """``$NEWSBRIEF_CACHE``, else ``$XDG_CACHE_HOME/newsbrief``, else ``~/.cache/newsbrief``."""
    env = os.environ.get("NEWSBRIEF_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "newsbrief"


def _digest(path: Path) -> str:
    from newsbrief.annotate.embedder_identity import file_hash

    h = file_hash(path)  # the model's bytes, read once a run (the embedder's identity reads them too)
    h.update(RECIPE.encode())
    h.update(GRAPH_FORM.encode())
    return h.hexdigest()[:24]


def cached_path(model: Path, cache_dir: Path) -> Path:
    """Where the quantised version of ``model`` lives in ``cache_dir``."""
    return cache_dir / f"{model.stem}-{_digest(model)}.int8.onnx"


def ensure_quantized(model: Path, cache_dir: Path | None = None) -> Path:
    """Return the path of ``model`` quantised to dynamic int8, building it on first use."""
    cache = cache_dir if cache_dir is not None else default_cache_dir()
    target = cached_path(model, cache)
    if target.is_file():
        return target
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache, prefix=".build-") as tmp:
            built = _build(model, Path(tmp))
            os.replace(built, target)
    except OSError as exc:
        raise QuantizeError(
            f"cache_dir: cannot write the quantised embedding model to {cache}: {exc}; set cache_dir in your "
            "settings file (or NEWSBRIEF_CACHE) to a writable folder, or set embedder_quantize to false"
        ) from exc
    except QuantizeError:
        raise
    except Exception as exc:  # onnxruntime's own exception types: the file is not an ONNX model
        raise QuantizeError(
            f"embedder_model: cannot load {model} ({str(exc)[:120]}); point embedder_model at an ONNX sentence encoder"
        ) from exc
    return target


def _build(model: Path, work: Path) -> Path:
    import onnxruntime as ort

    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # the onnx package is missing
        raise QuantizeError(
            f"quantising the embedding model needs the onnx package ({exc}); run `make install`, "
            "or set embedder_quantize to false in your settings file"
        ) from exc
    # Fold the weight casts into plain float initialisers so the quantiser sees float MatMuls.
    folded = work / "folded.onnx"
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    opts.optimized_model_filepath = str(folded)
    opts.log_severity_level = 3
    ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
    out = work / "quantized.onnx"
    # The quantiser logs advice on the root logger; it is not for our users.
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        # reduce_range: 7-bit weights, exact on CPUs without VNNI (see the module doc).
        quantize_dynamic(str(folded), str(out), per_channel=True, reduce_range=True, weight_type=QuantType.QInt8)
    finally:
        logging.disable(previous)
    return _single_run(out, work)


def _single_run(quantized: Path, work: Path) -> Path:
    """``quantized`` without the nodes a one-text run does not need (annotate/single_run.py), when
    that gives the same outputs bit for bit; else ``quantized`` itself."""
    import onnx

    from newsbrief.annotate.single_run import simplify, verified

    full = quantized.read_bytes()
    model = onnx.load_from_string(full)
    if not simplify(model):
        return quantized
    simple = model.SerializeToString()
    if not verified(full, simple):
        return quantized
    out = work / "single_run.onnx"
    out.write_bytes(simple)
    return out
