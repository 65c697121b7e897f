"""RapidOCR (its Chinese models ship in the wheel: nothing is downloaded) → text lines of a page.

We call its stages ourselves rather than its all-in-one `__call__`, for what the scanned samples
showed (wide/'s 21 scanned pages on 2 cores, benchmarks/throughput.py; 南京 sjj2024_scan and a
scanned copy of gxj2024 read as their born-digital PDFs, tests/test_ocr.py):

- detection grows with the pixel count: it runs on a copy of the page scaled to `detect_side`
  pixels on its long side (1280: the text of a 200-dpi A4 page is still 16 px high, and the samples
  give the same lines as at full size), a quarter of the full page's cost;
- recognition grows with the length of each line, not with the resolution: every line is cut from
  the full page, a little longer than its box (WIDEN), and read by itself at its own width —
  the library pads a batch to its widest line and every line to at least 320 px, which on pages of
  short table cells costs more than it saves;
- lines are read side by side, one thread per core, each running the recognition model on one
  thread (recogniser): a model run spread over both cores waits at every layer for the slower one,
  and on the 2-core machines here it took from 1× to 2.2× the time of the same lines read two at a
  time (1,276 lines of the scanned samples: 35–62 s against 27–31 s, the same characters read);
- both models run with their hard-swishes and scale-and-shifts in fewer operations
  (parsers.ocr.model), the same characters and the same detection map;
- the orientation classifier votes once per page (upside_down), never turns a single line.
"""
from __future__ import annotations

import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np

_engine = None
_recogniser = None
_readers = None
_lock = threading.Lock()
REC_HEIGHT = 48  # the recognition model's input height
WIDEN = 0.1  # a line is read from its box made longer by this share of its height at each end (widened)
# each reading thread holds its own buffers (about 65 MB for a page-wide line) and address space
# (a worker may have 4 GB: pipeline.executors.Limits); a page's lines gain little from more threads
MAX_READERS = 4


def engine():
    """RapidOCR, for its detector and orientation classifier (and the crops it cuts). Its detector
    runs the simplified model (parsers.ocr.model: 0.86 of the time on the 14 pages of the 南京
    sjj2024 scan, not one pixel of its map on the other side of the text threshold)."""
    global _engine
    with _lock:
        if _engine is None:
            import onnxruntime as ort
            from rapidocr_onnxruntime import RapidOCR

            from parsers.ocr.model import model_path, options, simplified
            e = RapidOCR()
            e.text_det.infer.session = ort.InferenceSession(  # its OrtInferSession runs what it holds
                simplified(model_path("Det")), options(cores()), providers=["CPUExecutionProvider"])
            _engine = e
    return _engine


def cores() -> int:
    """The cores this process may run on (all the machine's where the system cannot say: macOS, Windows)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def recogniser():
    """The recognition model, simplified (parsers.ocr.model), on one thread of its own: onnxruntime
    lets several threads run one session at once, so the lines are read in parallel by `readers`
    rather than each line by all cores."""
    global _recogniser
    with _lock:
        if _recogniser is None:
            from parsers.ocr.model import recogniser as load
            _recogniser = load(threads=1)
    return _recogniser


def reader_count() -> int:
    return min(cores(), MAX_READERS)


def readers() -> ThreadPoolExecutor:
    """One thread per core this process may run on, at most MAX_READERS, reading lines side by side."""
    global _readers
    with _lock:
        if _readers is None:
            _readers = ThreadPoolExecutor(reader_count(), thread_name_prefix="ocr-rec")
    return _readers


def _forked():
    """A forked worker (pebble's pool) has none of its parent's threads: it starts its own readers."""
    global _readers, _lock
    _readers, _lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):  # Unix; where there is no fork there is nothing to reset
    os.register_at_fork(after_in_child=_forked)


@dataclass(frozen=True)
class TextLine:
    """One recognised line: its four corners in image pixels (clockwise from top left), its text and
    score, and where along the line (0 at its left end, 1 at its right) each character was read."""

    quad: np.ndarray
    text: str
    score: float
    at: tuple[float, ...]


def read_lines(img: np.ndarray, detect_side: int, min_score: float = 0.5) -> tuple[list[TextLine], bool]:
    """The text lines of a grayscale page image, top to bottom, and whether the page was read turned
    by 180° (then the lines are in the turned page's pixels: `img[::-1, ::-1]`)."""
    e = engine()
    colour = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    k = min(1.0, detect_side / max(img.shape))
    small = cv2.resize(colour, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1 else colour
    quads, _ = e.text_det(small)
    if quads is None or len(quads) == 0:
        return [], False
    quads = [np.asarray(q, np.float32) / k for q in quads]
    crops = e.get_crop_img_list(colour, [widened(q) for q in quads])  # cut once: classified, then read
    flipped = upside_down([c for q, c in zip(quads, crops) if side(q, 0, 1) > 4 * side(q, 0, 3)])
    if flipped:  # corners moved with the page, the top left one first again, and the lines cut from it
        h, w = img.shape
        colour = np.ascontiguousarray(colour[::-1, ::-1])
        quads = [np.roll(np.array([w - 1, h - 1], np.float32) - q, 2, axis=0) for q in quads]
        crops = e.get_crop_img_list(colour, [widened(q) for q in quads])
    lines = sorted(zip(quads, crops), key=lambda qc: (qc[0][0][1], qc[0][0][0]))
    out = []
    for (quad, _), (text, score, at) in zip(lines, read_all([crop for _, crop in lines])):
        if score >= min_score and text:
            ext = WIDEN * side(quad, 0, 3) / max(side(quad, 0, 1), 1.0)  # places back on the line's own box
            at = tuple(round(min(1.0, max(0.0, a * (1 + 2 * ext) - ext)), 4) for a in at)
            out.append(TextLine(quad, text, round(score, 4), at))
    return out, flipped


def read_all(crops: list[np.ndarray]) -> list[tuple[str, float, tuple[float, ...]]]:
    """`recognise` of every line image, in their order, read side by side; the longest lines are
    handed out first, so that no thread is left with a long line when the others are done."""
    order = sorted(range(len(crops)), key=lambda i: -crops[i].shape[1] / max(crops[i].shape[0], 1))
    done = dict(zip(order, readers().map(recognise, [crops[i] for i in order])))
    return [done[i] for i in range(len(crops))]


def upside_down(long_lines: list[np.ndarray]) -> bool:
    """Whether most of the page's long lines (their images) read as turned by 180° (a sheet fed
    upside down).

    The library's orientation classifier is asked once per page, not line by line: line by line it
    turns the odd upright line with high confidence (4 of 32 lines on a page of the 南京 sjj2024
    scan), and a turned line reads as nothing."""
    if len(long_lines) < 3:
        return False
    _, labels, _ = engine().text_cls(long_lines)
    return sum(1 for label, score in labels if label == "180" and score > 0.9) > len(long_lines) / 2


def recognise(crop: np.ndarray) -> tuple[str, float, tuple[float, ...]]:
    """One line image → its text, its score (the mean confidence of its characters, as the library
    gives it) and each character's place along the line.

    The line is read at the model's height and its own width. CTC emits each character at one
    column of the model's output, so that column says where along the line the character stands: a
    line that runs over a table's rule is cut between the right characters."""
    rec = recogniser()
    h, w = crop.shape[:2]
    width = max(1, int(math.ceil(REC_HEIGHT * w / h)))
    x = cv2.resize(crop, (width, REC_HEIGHT)).astype(np.float32).transpose(2, 0, 1) / 255
    # normalised as the library does; a line narrower than it is high padded with 0 (its grey) to a square
    x = np.pad((x - 0.5) / 0.5, ((0, 0), (0, 0), (0, max(0, REC_HEIGHT - width))))
    probs = rec(x[np.newaxis])
    best, conf = probs.argmax(axis=1), probs.max(axis=1)
    emitted = best != 0  # 0 is CTC's blank; a character held over several columns counts once
    emitted[1:] &= best[1:] != best[:-1]
    cols = np.nonzero(emitted)[0]
    characters = rec.characters
    chars = [characters[i] for i in best[cols]]
    at = [min(1.0, (c + 0.5) * x.shape[2] / len(best) / width) for c in cols]
    score = float(conf[cols].mean()) if len(cols) else 0.0
    while chars and not chars[0].strip():
        chars, at = chars[1:], at[1:]
    while chars and not chars[-1].strip():
        chars, at = chars[:-1], at[:-1]
    return "".join(chars), score, tuple(float(a) for a in at)


def widened(quad: np.ndarray, share: float = WIDEN) -> np.ndarray:
    """The line's box longer by `share` of its height at each end, for the crop it is read from: the
    detector's box can stop short of a thin first or last stroke (the 一 of 一级指标 read as 级 on a
    header cell of the 南京 gxj2024 scanned copy), and white margin costs recognition nothing."""
    length = side(quad, 0, 1)
    if length == 0:
        return quad
    d = (quad[1] - quad[0]) / length * share * side(quad, 0, 3)
    return np.array([quad[0] - d, quad[1] + d, quad[2] + d, quad[3] - d], np.float32)


def side(quad: np.ndarray, i: int, j: int) -> float:
    """The distance between two corners of a line's box (0→1 its length, 0→3 its height)."""
    (x0, y0), (x1, y1) = quad[i], quad[j]
    return math.hypot(x1 - x0, y1 - y0)


def line_angle(lines: list[TextLine]) -> float | None:
    """The median angle (degrees, image rows growing downwards) of the long lines' top edges: the
    skew of a page without rules. None where no line is long enough to measure."""
    angles = []
    for line in lines:
        (x0, y0), (x1, y1) = line.quad[0], line.quad[1]
        length = side(line.quad, 0, 1)
        if length > 200 and length > 8 * side(line.quad, 0, 3):
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return float(np.median(angles)) if angles else None


def turned(lines: list[TextLine], matrix: np.ndarray) -> list[TextLine]:
    """The lines with their corners moved by a 2×3 affine matrix (into the straightened page)."""
    return [TextLine(cv2.transform(line.quad[np.newaxis], matrix)[0], line.text, line.score, line.at) for line in lines]


def text_box(line: TextLine, scale: float) -> dict:
    """A recognised line as a char-like dict in PDF points (what the layout code groups into lines)."""
    xs, ys = line.quad[:, 0], line.quad[:, 1]
    top, bottom = float(ys.min()) * scale, float(ys.max()) * scale
    return dict(text=line.text, x0=float(xs.min()) * scale, x1=float(xs.max()) * scale, top=top, bottom=bottom,
                size=(bottom - top) * 0.8, score=line.score)


def split_at(box: dict, at: tuple[float, ...], xs: list[float]) -> list[dict]:
    """A line box that runs over a table's vertical rules, cut there: each character goes to the side
    of the rule its recognised place lies on."""
    inner = [x for x in xs if box["x0"] + 2 < x < box["x1"] - 2]
    text = box["text"]
    if not inner or len(text) < 2 or len(at) != len(text):
        return [box]
    width = box["x1"] - box["x0"]
    pieces: dict[int, list[str]] = {}
    for char, a in zip(text, at):
        pieces.setdefault(sum(1 for x in inner if x < box["x0"] + a * width), []).append(char)
    bounds = [box["x0"], *inner, box["x1"]]
    out = []
    for i, chars in sorted(pieces.items()):
        piece = "".join(chars).strip()
        if piece:
            out.append(dict(box, text=piece, x0=bounds[i], x1=bounds[i + 1]))
    return out or [box]


def read_crop(img: np.ndarray, min_score: float = 0.5) -> tuple[str, float | None]:
    """Recognition alone on a small grayscale crop (one table cell): catches what page-level
    detection passes over, such as a lone narrow digit "1". The text and its score."""
    text, score, _ = recognise(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR))
    if score < min_score or not text:
        return "", None
    return text, round(score, 4)
