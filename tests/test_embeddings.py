"""The sentence embedder on real sentences: unit vectors, batch independence, meaning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsbrief.annotate.embeddings import Embedder, EmbedderUnavailable
from newsbrief.pipeline import annotate_article
from newsbrief.annotate.resources import Resources


def _texts(seeds_annotated: list[Any]) -> list[str]:
    return [s.text for a in seeds_annotated for s in a.sentences]


def test_vectors_are_unit_length_and_sized(resources: Resources, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)
    vecs = resources.embedder.encode(texts)
    assert vecs.shape == (len(texts), resources.embedder.dim)
    assert vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert resources.embedder.encode([]).shape == (0, resources.embedder.dim)


def test_a_vector_does_not_depend_on_its_batch(resources: Resources, seeds_annotated: list[Any]) -> None:
    """The pipeline embeds a whole spaCy batch in one call and corpus mode one article at a time;
    both must give the same bits, or a stored story's brief would differ from the folder brief."""
    texts = _texts(seeds_annotated)[:40]
    emb = resources.embedder
    emb.clear_cache()  # each call below must run the model, not recall an earlier vector
    together = emb.encode(texts)
    emb.clear_cache()
    alone = np.vstack([emb.encode([t]) for t in texts[:12]])
    emb.clear_cache()
    reversed_small_batches = emb.encode(texts[::-1], batch_size=3)[::-1]
    assert np.array_equal(together[:12], alone)
    assert np.array_equal(together, reversed_small_batches)


def test_repeated_texts_get_identical_vectors(resources: Resources, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)[:5]
    vecs = resources.embedder.encode(texts + texts[:2])
    assert np.array_equal(vecs[5], vecs[0]) and np.array_equal(vecs[6], vecs[1])


def test_a_text_seen_before_is_not_encoded_again(resources: Resources, seeds_annotated: list[Any]) -> None:
    """Sentences repeated across the articles of a run (wire copies) are encoded once: the second
    call gets the same bits without running the model."""

    class NoModel:
        def run(self, *args: Any, **kwargs: Any) -> Any:
            raise AssertionError("the model ran for a text it had already encoded")

    texts = _texts(seeds_annotated)[40:50]
    emb = resources.embedder
    first = emb.encode(texts)
    session, emb.session = emb.session, NoModel()  # type: ignore[assignment]
    try:
        again = emb.encode(texts[::-1])[::-1]
    finally:
        emb.session = session
    assert np.array_equal(first, again)
    emb.clear_cache()
    assert np.array_equal(emb.encode(texts), first)


def test_batched_annotation_equals_one_article_at_a_time(resources: Resources, seeds_annotated: list[Any]) -> None:
    for batched in seeds_annotated[:3]:
        single = annotate_article(batched.article, resources)
        assert single.sentences == batched.sentences
        assert np.array_equal(single.embeddings, batched.embeddings)


def test_syndicated_copies_are_nearer_than_other_outlets(seeds_annotated: list[Any]) -> None:
    """000 and 001 retell one agency report (gold): a 000 sentence's best match in 001 is much
    nearer than its best match in any independent outlet's article."""
    by_id = {Path(a.article.id).name[:3]: a for a in seeds_annotated}
    base = by_id["000"].embeddings

    def best_match(other: str) -> float:
        return float(np.median((base @ by_id[other].embeddings.T).max(axis=1)))

    copy = best_match("001")
    assert copy > 0.8
    for other in ("002", "003", "004"):
        assert best_match(other) < copy - 0.15


def test_missing_model_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(EmbedderUnavailable, match="embedder_model"):
        Embedder(tmp_path / "none.onnx", tmp_path / "tokenizer.json")


# --------------------------------------------------------------------------- quantised model


@pytest.fixture(scope="module")
def float_embedder() -> Embedder:
    return Embedder(quantize=False)


def test_quantised_vectors_stay_close_to_the_float_model(
    resources: Resources, float_embedder: Embedder, seeds_annotated: list[Any]
) -> None:
    assert resources.embedder.quantized  # the default settings quantise
    texts = _texts(seeds_annotated)
    cos = (resources.embedder.encode(texts) * float_embedder.encode(texts)).sum(axis=1)
    assert float(cos.mean()) > 0.98
    assert float(cos.min()) > 0.93


def test_float_model_is_batch_independent_too(float_embedder: Embedder, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)[:30]
    assert np.array_equal(float_embedder.encode(texts), float_embedder.encode(texts[::-1], batch_size=4)[::-1])


def test_quantised_model_is_built_once_per_cache(tmp_path: Path) -> None:
    from newsbrief.annotate.embeddings import default_model_paths
    from newsbrief.annotate.quantize import cached_path

    model, _ = default_model_paths()
    first = Embedder(cache_dir=tmp_path)
    built = cached_path(model, tmp_path)
    assert built.is_file() and [p.name for p in tmp_path.iterdir()] == [built.name]  # no leftovers
    stamp = built.stat().st_mtime_ns
    second = Embedder(cache_dir=tmp_path)
    assert built.stat().st_mtime_ns == stamp
    text = ["The river burst its banks on Tuesday, flooding 300 homes."]
    assert np.array_equal(first.encode(text), second.encode(text))


def test_unwritable_cache_says_how_to_fix(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(EmbedderUnavailable, match="cache_dir"):
        Embedder(cache_dir=blocker / "cache")


def test_the_int8_model_gives_the_same_vectors_on_every_x86_cpu(tmp_path: Path) -> None:
    """On x86 CPUs without VNNI, ONNX Runtime's u8 x s8 kernels add neighbouring products into an
    int16 with saturation; with 8-bit weights a pair reaches 2 * 255 * 127 = 64,770 and the vectors
    change with the CPU (benchmarks/results/embedder_cpu.md). The shipped recipe keeps every weight
    within 7 bits (reduce_range), so no pair can exceed 32,767 and every CPU sums exactly. Read from
    the graph of a model freshly built from the packaged MiniLM."""
    import onnx
    from onnx import numpy_helper

    from newsbrief.annotate.embeddings import default_model_paths
    from newsbrief.annotate.quantize import ensure_quantized

    model, _ = default_model_paths()
    graph = onnx.load(str(ensure_quantized(model, tmp_path))).graph
    initializers = {i.name: i for i in graph.initializer}
    made_by = {out: n.op_type for n in graph.node for out in n.output}
    integer_ops = [n for n in graph.node if "Integer" in n.op_type or n.op_type.startswith(("QLinear", "DynamicQuantizeMatMul"))]
    assert integer_ops and {n.op_type for n in integer_ops} == {"MatMulInteger"}
    for n in integer_ops:
        activations, weights = n.input[0], n.input[1]
        # Activations: uint8 from DynamicQuantizeLinear (0..255); weights: a signed int8 constant.
        assert made_by.get(activations) == "DynamicQuantizeLinear", n.name
        w = numpy_helper.to_array(initializers[weights]).astype(np.int32)
        assert initializers[weights].data_type == onnx.TensorProto.INT8, n.name
        pair_max = 2 * 255 * int(np.abs(w).max())
        assert pair_max <= 32767, f"{n.name}: |weight| up to {np.abs(w).max()}: pair sums can saturate on CPUs without VNNI"
        if len(n.input) > 3 and n.input[3]:
            assert not numpy_helper.to_array(initializers[n.input[3]]).any(), n.name  # symmetric weights


def test_a_recipe_change_builds_a_new_cache_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The cached int8 file is named by the source model's bytes and the recipe, so a new recipe never
    reuses a file an older newsbrief built."""
    import newsbrief.annotate.quantize as quantize
    from newsbrief.annotate.embeddings import default_model_paths

    model, _ = default_model_paths()
    now = quantize.cached_path(model, tmp_path)
    monkeypatch.setattr(quantize, "RECIPE", "dyn-int8-perchannel-v1")
    assert quantize.cached_path(model, tmp_path) != now


# Own sentences, of 2 to over 128 word pieces (the Embedder's limit cuts the longest).
_OWN = [
    "Yes.",
    "The river burst its banks on Tuesday, flooding 300 homes in the lower town.",
    "\"We have never seen water this high,\" said the mayor, Ana Ruiz, who has lived there since 1971.",
    "Officials said 12 people were missing; rescuers in boats searched the fields east of the bridge "
    "until dark, and the army sent two helicopters, 40 trucks and a field hospital with 60 beds. " * 3,
]


def test_the_cached_int8_model_runs_without_the_mask_arithmetic_and_gives_the_same_bits(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """One text a run, unpadded: the graph built for that (annotate/single_run.py) has no softmax NaN
    guard and no additive mask, and every vector equals the full int8 graph's bit for bit."""
    import onnx

    import newsbrief.annotate.quantize as quantize
    from newsbrief.annotate.embeddings import default_model_paths

    model, _ = default_model_paths()
    lean = Embedder(cache_dir=tmp_path / "lean", threads=1)
    ops = [n.op_type for n in onnx.load(str(quantize.cached_path(model, tmp_path / "lean"))).graph.node]
    assert "IsNaN" not in ops and "Where" not in ops and "MatMulInteger" in ops
    perms = [list(a.ints) for n in onnx.load(str(quantize.cached_path(model, tmp_path / "lean"))).graph.node
             if n.op_type == "Transpose" for a in n.attribute if a.name == "perm"]
    assert [0, 2, 1] not in perms and perms.count([0, 2, 3, 1]) == 6  # the keys in one step, per layer
    monkeypatch.setattr(quantize, "_single_run", lambda quantized, work: quantized)
    full = Embedder(cache_dir=tmp_path / "full", threads=1)
    full_ops = [n.op_type for n in onnx.load(str(quantize.cached_path(model, tmp_path / "full"))).graph.node]
    assert "IsNaN" in full_ops and len(full_ops) > len(ops)
    assert np.array_equal(lean.encode(_OWN), full.encode(_OWN))


def test_a_graph_without_the_mask_arithmetic_is_left_as_it_is() -> None:
    from onnx import TensorProto, helper

    from newsbrief.annotate.single_run import simplify

    x = helper.make_tensor_value_info("input_ids", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 4])
    graph = helper.make_graph([helper.make_node("Softmax", ["input_ids"], ["out"])], "g", [x], [y])
    model = helper.make_model(graph)
    before = model.SerializeToString()
    assert simplify(model) == 0 and model.SerializeToString() == before


def test_keys_turned_through_a_3d_view_become_one_transpose_of_the_same_values() -> None:
    """(batch, length, heads, size) -> (batch, heads, size, length) through Transpose, Reshape to
    3-D, Transpose, Reshape (as the export writes it): one Transpose (0, 2, 3, 1), same values."""
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    from newsbrief.annotate.single_run import simplify

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, 3, 5])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    nodes = [
        helper.make_node("Transpose", ["x"], ["heads"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["heads", "flat"], ["view"]),
        helper.make_node("Transpose", ["view"], ["turned"], perm=[0, 2, 1]),
        helper.make_node("Reshape", ["turned", "back"], ["y"]),
    ]
    shapes = [numpy_helper.from_array(np.array(v, dtype=np.int64), n) for n, v in (("flat", [-1, 4, 5]), ("back", [2, 3, 5, 4]))]
    model = helper.make_model(helper.make_graph(nodes, "g", [x], [y], shapes), opset_imports=[helper.make_opsetid("", 17)])
    before = model.SerializeToString()
    assert simplify(model) == 3
    assert [(n.op_type, list(n.attribute[0].ints)) for n in model.graph.node] == [("Transpose", [0, 2, 3, 1])]
    assert not model.graph.initializer
    value = np.arange(120, dtype=np.float32).reshape(2, 4, 3, 5) / 7
    got = [ort.InferenceSession(m, providers=["CPUExecutionProvider"]).run(None, {"x": value})[0]
           for m in (before, model.SerializeToString())]
    assert got[0].tobytes() == got[1].tobytes() == np.transpose(value, (0, 2, 3, 1)).tobytes()


def test_a_simplified_graph_that_changes_any_bit_is_not_used(tmp_path: Path) -> None:
    """verified() compares the outputs bit for bit: a graph one weight off is refused."""
    import onnx
    from onnx import numpy_helper

    from newsbrief.annotate.embeddings import default_model_paths
    from newsbrief.annotate.quantize import ensure_quantized
    from newsbrief.annotate.single_run import verified

    model, _ = default_model_paths()
    full = ensure_quantized(model, tmp_path).read_bytes()
    assert verified(full, full)
    changed = onnx.load_from_string(full)
    norm = next(i for i in changed.graph.initializer if i.name.endswith("LayerNorm.weight"))
    values = numpy_helper.to_array(norm).copy()
    values[0] = np.nextafter(values[0], np.float32(2.0))
    norm.CopyFrom(numpy_helper.from_array(values, norm.name))
    assert not verified(full, changed.SerializeToString())
