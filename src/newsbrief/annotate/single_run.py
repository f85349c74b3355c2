"""The int8 encoder's graph for one text per run: the attention-mask arithmetic taken out, the
keys transposed in one step.

:class:`newsbrief.annotate.embeddings.Embedder` runs a quantised model one text at a time, with no
padding, so every attention mask it passes is all ones. The exported MiniLM graph still turns the
mask into an additive term in every layer (a ``Where`` of the mask into 0.0 or the float minimum,
added to the attention scores) and guards each softmax against fully masked rows (``IsNaN`` then
``Where``). With a mask of ones the added term is 0.0 (``x + 0.0`` is ``x``; only -0.0 turns into
+0.0, which a softmax cannot tell apart) and no row is masked, so these nodes change no bit of the
output; they cost about 7% of the model's CPU per sentence (60 of 450 nodes, some of them over the
L x L score matrices; benchmarks/results/bigstory_haiti_s13.md).

:func:`simplify` drops them (and the nodes left with no use); :func:`verified` keeps the result only
where it gives outputs equal bit for bit to the full graph's on sample inputs, else the full graph
stays. The vectors, so the embedder's identity (annotate/embedder_identity.py), do not change.

The export also turns each layer's keys from (batch, heads, length, head size) to (batch, heads,
head size, length) through a 3-D view: ``Transpose``, ``Reshape``, ``Transpose``, ``Reshape``, the
two Reshapes fed by ``Shape``/``Gather``/``Slice``/``Concat`` arithmetic (10 nodes a layer).
:func:`simplify` puts one ``Transpose`` (perm 0, 2, 3, 1) of the same values in their place: it moves
the same floats to the same places, so nothing is computed differently; 410 -> 350 nodes, 2 to 7%
less CPU a run (benchmarks/results/bigstory_haiti_s14.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from onnx import ModelProto, NodeProto

MASK_INPUT = "attention_mask"
# Sample inputs of verified(): word-piece counts from a 2-piece text to the Embedder's limit.
CHECK_LENGTHS = (2, 9, 31, 77, 128)


def simplify(model: ModelProto) -> int:
    """Drop, in place, the softmax NaN guards and the additive attention masks built from
    ``attention_mask``, turn the keys' two-step transposes into one (see the module doc), and then
    drop every node and initializer nothing uses; the number of nodes dropped (0: the graph has
    none of these, and is left as it was)."""
    graph = model.graph
    nodes = list(graph.node)
    made_by = {out: n for n in nodes for out in n.output}
    zeros = _zero_constants(model)
    rename: dict[str, str] = {}
    for n in nodes:
        if n.op_type == "Where" and len(n.input) == 3:
            guard = made_by.get(n.input[0])
            # Where(IsNaN(s), c, s) after a Softmax s: s itself when nothing is masked.
            if guard is not None and guard.op_type == "IsNaN" and guard.input[0] == n.input[2]:
                soft = made_by.get(n.input[2])
                if soft is not None and soft.op_type == "Softmax":
                    rename[n.output[0]] = n.input[2]
    masks = {
        n.output[0] for n in nodes
        if n.op_type == "Where" and len(n.input) == 3 and n.input[1] in zeros and _reads(n.input[0], MASK_INPUT, made_by)
    }
    for n in nodes:
        if n.op_type == "Add" and len(n.input) == 2 and sum(i in masks for i in n.input) == 1:
            rename[n.output[0]] = n.input[1] if n.input[0] in masks else n.input[0]
    if any(out.name in rename for out in graph.output):
        return 0  # a graph output itself would be renamed: leave such a graph alone
    for n in nodes:
        for k, name in enumerate(n.input):
            while name in rename:
                name = rename[name]
            n.input[k] = name
    direct = _direct_key_transposes(nodes, made_by)
    if not rename and not direct:
        return 0
    kept = _live(nodes, {o.name for o in graph.output})
    del graph.node[:]
    graph.node.extend(kept)
    used = {i for n in kept for i in n.input}
    inits = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(inits)
    return len(nodes) - len(kept)


def _direct_key_transposes(nodes: list[NodeProto], made_by: dict[str, NodeProto]) -> int:
    """Turn, in place, each ``Reshape(Transpose(Reshape(Transpose(x, [0,2,1,3])), [0,2,1]))`` (the
    export's keys turned to (batch, heads, head size, length) through a 3-D view) into one
    ``Transpose(x, [0,2,3,1])``, which moves the same values to the same places (the shape
    arithmetic feeding the two Reshapes is then left with no use); the number turned."""
    from onnx import helper

    def perm(n: NodeProto | None, want: list[int]) -> bool:
        return n is not None and n.op_type == "Transpose" and any(
            a.name == "perm" and list(a.ints) == want for a in n.attribute
        )

    count = 0
    for k, n in enumerate(nodes):
        if n.op_type != "Reshape":
            continue
        inner = made_by.get(n.input[0])
        view = made_by.get(inner.input[0]) if inner is not None and perm(inner, [0, 2, 1]) else None
        if view is None or view.op_type != "Reshape":
            continue
        heads = made_by.get(view.input[0])
        if heads is None or not perm(heads, [0, 2, 1, 3]):
            continue
        direct = helper.make_node("Transpose", [heads.input[0]], [n.output[0]], name=f"{n.name}_direct", perm=[0, 2, 3, 1])
        nodes[k] = direct
        made_by[n.output[0]] = direct
        count += 1
    return count


def _zero_constants(model: ModelProto) -> set[str]:
    """Names of the initializers that hold a single 0.0 (or only zeros)."""
    from onnx import numpy_helper

    out = set()
    for init in model.graph.initializer:
        if np.prod(init.dims) <= 16:
            value = numpy_helper.to_array(init)
            if value.dtype.kind == "f" and not value.any():
                out.add(init.name)
    return out


def _reads(name: str, source: str, made_by: dict[str, NodeProto]) -> bool:
    """Whether the value ``name`` is computed from the graph input ``source``."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        value = todo.pop()
        if value == source:
            return True
        node = made_by.get(value)
        if node is None or value in seen:
            continue
        seen.add(value)
        todo.extend(node.input)
    return False


def _live(nodes: list[NodeProto], outputs: set[str]) -> list[NodeProto]:
    """``nodes`` (in their order) that some graph output needs."""
    needed = set(outputs)
    kept = []
    for n in reversed(nodes):
        if any(o in needed for o in n.output):
            kept.append(n)
            needed.update(n.input)
    return kept[::-1]


def verified(full: bytes, simple: bytes) -> bool:
    """Whether the model ``simple`` gives every output of ``full`` bit for bit, one unpadded text a
    run, on inputs of :data:`CHECK_LENGTHS` word pieces (ids drawn with a fixed seed)."""
    import onnxruntime as ort

    def session(data: bytes) -> ort.InferenceSession:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        return ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])

    a, b = session(full), session(simple)
    names = {i.name for i in a.get_inputs()}
    if names != {i.name for i in b.get_inputs()} or "input_ids" not in names:
        return False
    rng = np.random.default_rng(0)
    for length in CHECK_LENGTHS:
        # Ids under 1,000 are in any word-piece vocabulary a sentence encoder has.
        ids = rng.integers(1, 1000, size=(1, length), dtype=np.int64)
        feeds = {"input_ids": ids}
        if MASK_INPUT in names:
            feeds[MASK_INPUT] = np.ones_like(ids)
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        for x, y in zip(a.run(None, feeds), b.run(None, feeds), strict=True):
            if x.shape != y.shape or x.tobytes() != y.tobytes():
                return False
    return True
