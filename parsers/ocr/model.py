"""RapidOCR's ONNX models as onnxruntime runs them fastest on a CPU, reading the same characters.

PP-OCRv4's networks (exported from Paddle) spell each hard-swish as four element-wise operations
(x + 3, clipped to 0–6, times x, divided by 6) and each learnable scale-and-shift after a
convolution as two more (times one number, plus one number). onnxruntime fuses none of them, and
on one thread they took about a fifth of the recogniser's time. Here each hard-swish becomes
HardSigmoid(x)·x (two operations, the same function: clip(x + 3, 0, 6) / 6 = clip(x/6 + 1/2, 0, 1))
and each scale-and-shift goes into its convolution's weights and bias.

Measured on the 1,276 line images of the scanned samples (南京 sjj2024 scan, wide/'s three scans),
each read on one thread and the two models interleaved line by line so that the machine's slow
spells fall on both: 0.82 of the time, and the same character at every CTC column of every line
(the largest change of a probability 0.001). A model where neither pattern is found runs as it is.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Recogniser:
    """The recognition model on its own onnxruntime session, and the character of each output class
    (0 is CTC's blank)."""

    session: object  # onnxruntime.InferenceSession; several threads may run it at once
    input_name: str
    characters: list[str]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities per output column, (columns, classes), of one line image (1, 3, 48, w)."""
        return self.session.run(None, {self.input_name: x})[0][0]


def recogniser(threads: int = 1) -> Recogniser:
    """RapidOCR's recognition model (the one its config names), simplified, on `threads` threads."""
    import onnxruntime as ort
    from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

    session = ort.InferenceSession(simplified(model_path("Rec")), options(threads), providers=["CPUExecutionProvider"])
    # the character list lives in the model's metadata; CTCLabelDecode adds the blank (0) and the
    # space (last) as the library does
    characters = CTCLabelDecode(character=session.get_modelmeta().custom_metadata_map["character"].splitlines()).character
    return Recogniser(session, session.get_inputs()[0].name, characters)


def model_path(stage: str) -> str:
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path
    return update_model_path(read_yaml(DEFAULT_CFG_PATH))[stage]["model_path"]


def options(threads: int):
    """Session options as RapidOCR sets them (all graph optimisations, no memory arena), on a given
    number of threads."""
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.enable_cpu_mem_arena = False
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3  # the unused constants left behind are dropped by onnxruntime, with a warning each
    return opts


def simplified(path: str) -> bytes:
    """The model at `path` with its hard-swishes and scale-and-shifts rewritten, serialised."""
    import onnx
    model = onnx.load(path)
    hard_swish(model.graph)
    fold_scale_shift(model.graph)
    return model.SerializeToString()


def rewritable(graph) -> bool:
    """Only a flat graph is rewritten: a node with a subgraph (If, Loop, Scan) may read any value of
    the outer one, which `users` does not see."""
    return not any(a.g.node or a.graphs for n in graph.node for a in n.attribute)


def constant_tensors(graph) -> dict:
    """The values fixed in the model, as the tensors that hold them (a Constant node's value or an
    initializer), except an initializer that is also an input (a caller may feed another value), and
    only float32 (HardSigmoid has no kernel for other types in onnxruntime, and integer arithmetic is
    not this function)."""
    from onnx import TensorProto
    fed = {i.name for i in graph.input}
    out = {n.output[0]: n.attribute[0].t for n in graph.node
           if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value"}
    out.update({t.name: t for t in graph.initializer if t.name not in fed})
    return {k: t for k, t in out.items() if t.data_type == TensorProto.FLOAT}


def constants(graph) -> dict[str, np.ndarray]:
    from onnx import numpy_helper
    return {k: numpy_helper.to_array(t) for k, t in constant_tensors(graph).items()}


def one_number(values: dict[str, np.ndarray], name: str) -> float | None:
    """A constant of one element and at most one dimension (a [1,1,1,1,1] one would broadcast a
    rank-4 tensor to rank 5: removing it would change the shape)."""
    v = values.get(name)
    return float(v.ravel()[0]) if v is not None and v.size == 1 and v.ndim <= 1 else None


def users(graph) -> dict[str, list]:
    """The nodes that read each value; a graph output counts as a reader (None) that must keep it."""
    out: dict[str, list] = {}
    for n in graph.node:
        for i in n.input:
            out.setdefault(i, []).append(n)
    for o in graph.output:
        out.setdefault(o.name, []).append(None)
    return out


def only_user(use: dict[str, list], name: str, op: str):
    """The one node that reads `name`, if there is exactly one and it is an `op`."""
    nodes = use.get(name, [])
    return nodes[0] if len(nodes) == 1 and nodes[0] is not None and nodes[0].op_type == op else None


def fresh_name(graph, base: str) -> str:
    taken = {v for n in graph.node for v in (*n.input, *n.output)} | {i.name for i in graph.input}
    name, k = base, 1
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    return name


def hard_swish(graph) -> int:
    """Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6) → Mul(x, HardSigmoid(x; 1/6, 1/2)). How many were rewritten."""
    from onnx import helper
    if not rewritable(graph):
        return 0
    values, use = constants(graph), users(graph)
    producer = {o: n for n in graph.node for o in n.output}
    replace, drop = {}, set()
    for clip in graph.node:
        if clip.op_type != "Clip" or len(clip.input) != 3:
            continue
        add = producer.get(clip.input[0])
        if add is None or add.op_type != "Add" or len(use.get(add.output[0], [])) != 1:
            continue
        xs = [i for i in add.input if i not in values]
        shift = [one_number(values, i) for i in add.input if i in values]
        if len(xs) != 1 or shift != [3.0] or [one_number(values, i) for i in clip.input[1:]] != [0.0, 6.0]:
            continue
        x = xs[0]
        mul = only_user(use, clip.output[0], "Mul")
        if mul is None or x not in mul.input:
            continue
        div = only_user(use, mul.output[0], "Div")
        if div is None or div.input[0] != mul.output[0] or one_number(values, div.input[1]) != 6.0:
            continue
        gate = helper.make_node("HardSigmoid", [x], [fresh_name(graph, clip.output[0] + "_hard_sigmoid")],
                                alpha=1 / 6, beta=0.5)
        replace[id(add)] = [gate, helper.make_node("Mul", [x, gate.output[0]], [div.output[0]])]
        drop |= {id(clip), id(mul), id(div)}
    rebuild(graph, replace, drop)
    return len(replace)


def fold_scale_shift(graph) -> int:
    """Add(Mul(Conv(x; W, b), s), t) with s and t single numbers → Conv(x; s·W, s·b + t). How many."""
    from onnx import numpy_helper
    if not rewritable(graph):
        return 0
    values, use = constants(graph), users(graph)
    tensors = constant_tensors(graph)
    drop = set()
    for conv in graph.node:
        if conv.op_type != "Conv" or len(conv.input) != 3 or not all(i in values for i in conv.input[1:]):
            continue
        mul = only_user(use, conv.output[0], "Mul")
        if mul is None:
            continue
        add = only_user(use, mul.output[0], "Add")
        scale = [one_number(values, i) for i in mul.input if i != conv.output[0]]
        if add is None:
            continue
        shift = [one_number(values, i) for i in add.input if i != mul.output[0]]
        if len(scale) != 1 or scale[0] is None or len(shift) != 1 or shift[0] is None:
            continue
        w, b = values[conv.input[1]], values[conv.input[2]]
        if len(use[conv.input[1]]) != 1 or len(use[conv.input[2]]) != 1:  # weights shared with another node
            continue
        s, t = np.float32(scale[0]), np.float32(shift[0])
        tensors[conv.input[1]].CopyFrom(numpy_helper.from_array((w * s).astype(w.dtype), conv.input[1]))
        tensors[conv.input[2]].CopyFrom(numpy_helper.from_array((b * s + t).astype(b.dtype), conv.input[2]))
        conv.output[0] = add.output[0]
        drop |= {id(mul), id(add)}
    rebuild(graph, {}, drop)
    return len(drop) // 2


def rebuild(graph, replace: dict[int, list], drop: set[int]) -> None:
    """The graph's nodes in their order, each node in `replace` (by id) put as its replacements in
    its place, those in `drop` left out."""
    nodes = []
    for n in graph.node:
        if id(n) in replace:
            nodes.extend(replace[id(n)])
        elif id(n) not in drop:
            nodes.append(n)
    del graph.node[:]
    graph.node.extend(nodes)
