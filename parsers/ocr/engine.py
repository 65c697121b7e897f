"""RapidOCR (its Chinese models ship in the wheel: nothing is downloaded) → text boxes as pseudo-characters."""
from __future__ import annotations

import threading

import numpy as np

_engine = None
_lock = threading.Lock()


def engine():
    global _engine
    with _lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR
            _engine = RapidOCR()
    return _engine


def text_boxes(img: np.ndarray, scale: float, min_score: float = 0.5) -> list[dict]:
    """Recognised text lines as char-like dicts in PDF points (what the layout code groups into lines)."""
    result, _ = engine()(img)
    out = []
    for box, text, score in result or []:
        if float(score) < min_score or not text.strip():
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        top, bottom = min(ys) * scale, max(ys) * scale
        out.append(dict(text=text.strip(), x0=min(xs) * scale, x1=max(xs) * scale, top=top, bottom=bottom,
                        size=(bottom - top) * 0.8, score=round(float(score), 4)))
    return out


def split_at(box: dict, xs: list[float]) -> list[dict]:
    """A box that runs over a table's vertical rules, cut there in proportion to its characters."""
    inner = [x for x in xs if box["x0"] + 2 < x < box["x1"] - 2]
    if not inner or len(box["text"]) < 2:
        return [box]
    out = []
    width = box["x1"] - box["x0"]
    text = box["text"]
    start_x, start_i = box["x0"], 0
    for x in inner + [box["x1"]]:
        i = round(len(text) * (x - box["x0"]) / width)
        if i > start_i:
            out.append(dict(box, text=text[start_i:i], x0=start_x, x1=x))
        start_x, start_i = x, i
    return out or [box]


def read_crop(img: np.ndarray, min_score: float = 0.5) -> tuple[str, float | None]:
    """Recognition alone on a small crop (one table cell): catches what page-level detection
    passes over, such as a lone narrow digit "1". The text and its lowest recognition score."""
    result, _ = engine()(img, use_det=False, use_cls=False, use_rec=True)
    kept = [r for r in result or [] if float(r[1]) >= min_score and r[0].strip()]
    score = min((float(r[1]) for r in kept), default=None)
    return "".join(r[0] for r in kept).strip(), (round(score, 4) if score is not None else None)
