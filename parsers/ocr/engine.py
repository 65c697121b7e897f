"""RapidOCR (its Chinese models ship in the wheel: nothing is downloaded) → text lines of a page.

We call its stages ourselves rather than its all-in-one `__call__`, for what the scanned samples
showed (wide/'s 21 scanned pages on 2 cores, benchmarks/throughput.py; 南京 sjj2024_scan and a
scanned copy of gxj2024 read as their born-digital PDFs, tests/test_ocr.py):

- detection grows with the pixel count: it runs on a copy of the page scaled to `detect_side`
  pixels on its long side (1280: the text of a 200-dpi A4 page is still 16 px high, and the samples
  give the same lines as at full size), a quarter of the full page's cost;
- recognition grows with the length of each line, not with the resolution: every line is cut from
  the full page, a little longer than its box (WIDEN), and read one at a time at its own width —
  the library pads a batch to its widest line and every line to at least 320 px, which on pages of
  short table cells costs more than it saves;
- the orientation classifier votes once per page (upside_down), never turns a single line.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import cv2
import numpy as np

_engine = None
_lock = threading.Lock()
REC_HEIGHT = 48  # the recognition model's input height
WIDEN = 0.1  # a line is read from its box made longer by this share of its height at each end (widened)


def engine():
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR
            _engine = RapidOCR()
    return _engine


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
    out = []
    for quad, crop in sorted(zip(quads, crops), key=lambda qc: (qc[0][0][1], qc[0][0][0])):
        text, score, at = recognise(crop)
        if score >= min_score and text:
            ext = WIDEN * side(quad, 0, 3) / max(side(quad, 0, 1), 1.0)  # places back on the line's own box
            at = tuple(round(min(1.0, max(0.0, a * (1 + 2 * ext) - ext)), 4) for a in at)
            out.append(TextLine(quad, text, round(score, 4), at))
    return out, flipped


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
    rec = engine().text_rec
    h, w = crop.shape[:2]
    width = max(1, int(math.ceil(REC_HEIGHT * w / h)))
    x = cv2.resize(crop, (width, REC_HEIGHT)).astype(np.float32).transpose(2, 0, 1) / 255
    # normalised as the library does; a line narrower than it is high padded with 0 (its grey) to a square
    x = np.pad((x - 0.5) / 0.5, ((0, 0), (0, 0), (0, max(0, REC_HEIGHT - width))))
    probs = rec.session(x[np.newaxis])[0][0]
    best, conf = probs.argmax(axis=1), probs.max(axis=1)
    emitted = best != 0  # 0 is CTC's blank; a character held over several columns counts once
    emitted[1:] &= best[1:] != best[:-1]
    cols = np.nonzero(emitted)[0]
    characters = rec.postprocess_op.character
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
