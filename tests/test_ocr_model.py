"""The OCR models' rewriting (parsers.ocr.model): the same function in fewer operations."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from parsers.ocr.model import fold_scale_shift, hard_swish, options


def const(name: str, value) -> onnx.NodeProto:
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.asarray(value, np.float32), name))


def paddle_style_block() -> onnx.ModelProto:
    """Conv → ×s → +t → hard-swish spelt as Paddle exports it (+3, clip 0–6, ×x, ÷6)."""
    rng = np.random.default_rng(7)
    nodes = [
        const("w", rng.normal(size=(4, 3, 3, 3))), const("b", rng.normal(size=4)),
        const("s", [0.7]), const("t", [-0.2]), const("three", 3.0), const("zero", 0.0), const("six", 6.0),
        const("six_d", 6.0),
        helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1, 1, 1, 1]),
        helper.make_node("Mul", ["c", "s"], ["cs"]),
        helper.make_node("Add", ["cs", "t"], ["y"]),
        helper.make_node("Add", ["y", "three"], ["y3"]),
        helper.make_node("Clip", ["y3", "zero", "six"], ["clipped"]),
        helper.make_node("Mul", ["y", "clipped"], ["m"]),
        helper.make_node("Div", ["m", "six_d"], ["out"]),
    ]
    graph = helper.make_graph(nodes, "block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 16])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 4, 8, 16])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])


def run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    return ort.InferenceSession(model.SerializeToString(), options(1), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]


def test_hard_swish_and_scale_shift_rewritten_to_the_same_function():
    model = paddle_style_block()
    x = np.random.default_rng(1).normal(scale=2.0, size=(1, 3, 8, 16)).astype(np.float32)
    before = run(model, x)
    assert hard_swish(model.graph) == 1 and fold_scale_shift(model.graph) == 1
    ops = [n.op_type for n in model.graph.node if n.op_type != "Constant"]
    assert ops == ["Conv", "HardSigmoid", "Mul"]
    onnx.checker.check_model(model)
    after = run(model, x)
    assert np.abs(before - after).max() < 1e-5
    assert (before < 0).any() and (before > 1).any()  # both ends of the hard-swish were exercised


def _divisor_three(model):
    next(n for n in model.graph.node if n.op_type == "Div").input[1] = "three"  # ÷3 is no hard-swish


def _scaled_conv_read_twice(model):
    model.graph.node.append(helper.make_node("Identity", ["cs"], ["also"]))


def _intermediates_are_outputs(model):
    for name in ("c", "m"):  # a caller reads them: the nodes that make them stay
        model.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, 4, 8, 16]))


def _rank_five_numbers(model):
    for n in model.graph.node:  # one element each, but they broadcast the result to rank 5
        if n.op_type == "Constant" and n.output[0] in ("s", "three"):
            value = numpy_helper.to_array(n.attribute[0].t).reshape(1, 1, 1, 1, 1)
            n.attribute[0].t.CopyFrom(numpy_helper.from_array(value, n.output[0]))


def _numbers_a_caller_may_feed(model):
    for n in [n for n in model.graph.node if n.op_type == "Constant" and n.output[0] in ("s", "three")]:
        model.graph.node.remove(n)  # initializers that are also inputs: fed at run time, not constants
        value = numpy_helper.to_array(n.attribute[0].t)
        model.graph.initializer.append(numpy_helper.from_array(value, n.output[0]))
        model.graph.input.append(helper.make_tensor_value_info(n.output[0], TensorProto.FLOAT, list(value.shape)))


@pytest.mark.parametrize("change", [_divisor_three, _scaled_conv_read_twice, _intermediates_are_outputs,
                                    _rank_five_numbers, _numbers_a_caller_may_feed])
def test_what_is_not_exactly_the_pattern_is_left_alone(change):
    model = paddle_style_block()
    change(model)
    x = np.random.default_rng(2).normal(scale=2.0, size=(1, 3, 8, 16)).astype(np.float32)
    before = run(model, x)
    # ÷3 is no hard-swish, but the scale-and-shift before it is still one; a scaled conv read twice
    # is not folded, but the hard-swish after it is still one
    expected = {_divisor_three: (0, 1), _scaled_conv_read_twice: (1, 0)}.get(change, (0, 0))
    assert (hard_swish(model.graph), fold_scale_shift(model.graph)) == expected
    after = run(model, x)
    assert after.shape == before.shape and np.abs(before - after).max() < 1e-5


def test_the_engine_detects_and_reads_with_the_rewritten_models(monkeypatch):
    """engine() and recogniser() build without error (a failure in the first OCR of a page is
    otherwise absorbed by the pdfplumber fallback) and hold our sessions, not the library's."""
    from parsers.ocr import engine as E

    monkeypatch.setattr(E, "_engine", None)
    monkeypatch.setattr(E, "_recogniser", None)
    det = E.engine().text_det.infer.session.get_session_options()
    assert det.intra_op_num_threads == E.cores()  # RapidOCR's own session leaves it unset (0)
    rec = E.recogniser()
    assert rec.session.get_session_options().intra_op_num_threads == 1
    assert rec.characters[0] == "blank" and rec.characters[-1] == " " and len(rec.characters) > 6000
