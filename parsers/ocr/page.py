"""One page through OCR: image → ruling lines and text boxes, the same grids and pseudo-characters a
born-digital page gives, so layout and tables go the one way through."""
from __future__ import annotations

import cv2
import numpy as np

from parsers.ocr.engine import TextLine, line_angle, read_crop, read_lines, split_at, text_box, turned
from parsers.ocr.image import MIN_SKEW, despeckle, render, rotation, rule_angle, straighten
from parsers.ocr.rulings import find_grids
from parsers.pdf.grid import PageGrid


def ocr_page(pdfium_page, dpi: int, detect_side: int) -> tuple[list[PageGrid], list[dict]]:
    """The page rendered at `dpi`, its text detected on a copy `detect_side` pixels long (PdfSettings)."""
    img = despeckle(render(pdfium_page, dpi))
    scale = 72 / dpi
    img, lines = straight_lines(img, detect_side)
    grids = find_grids(img, scale)
    boxes = []
    for line in lines:
        box = text_box(line, scale)
        inside = next((g for g in grids if g.locate((box["x0"] + box["x1"]) / 2, (box["top"] + box["bottom"]) / 2)), None)
        boxes.extend(split_at(box, line.at, inside.xs) if inside else [box])
    boxes.extend(missed_cells(img, scale, grids, boxes))
    return grids, boxes


def straight_lines(img: np.ndarray, detect_side: int) -> tuple[np.ndarray, list[TextLine]]:
    """The page straightened (and turned the right way up) and its text lines, in its pixels.
    A sheet fed upside down is read turned: its boxes are then the turned page's."""
    angle = rule_angle(img)
    if angle is not None:  # straightened first: the grid is found from the same rules
        img = straighten(img, angle)
    lines, flipped = read_lines(img, detect_side)
    if flipped:
        img = np.ascontiguousarray(img[::-1, ::-1])
    if angle is not None:
        return img, lines
    # no rules: the text lines give the angle, and their corners are turned with the page
    angle = line_angle(lines) or 0.0
    if abs(angle) < MIN_SKEW:
        return img, lines
    return straighten(img, angle), turned(lines, rotation(img.shape, angle))


def ink_box(crop: np.ndarray) -> np.ndarray | None:
    """The crop cut down to its ink (specks of a few pixels ignored), padded with white; None if blank."""
    if crop.size == 0:
        return None
    dark = (crop < 128).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    h, w = crop.shape
    # specks, and remnants of the cell's own rules (as tall or as wide as the cell, or touching
    # its edge after a slight skew), are no text
    marks = [s for s in stats[1:] if s[4] >= 8 and s[3] < 0.7 * h and s[2] < 0.7 * w
             and s[0] > 0 and s[1] > 0 and s[0] + s[2] < w and s[1] + s[3] < h]
    if not marks:
        return None
    x0 = min(s[0] for s in marks)
    y0 = min(s[1] for s in marks)
    x1 = max(s[0] + s[2] for s in marks)
    y1 = max(s[1] + s[3] for s in marks)
    sub = crop[max(0, y0 - 6):y1 + 6, max(0, x0 - 6):x1 + 6]
    return np.pad(sub, 16, constant_values=255)


def missed_cells(img: np.ndarray, scale: float, grids: list[PageGrid], boxes: list[dict]) -> list[dict]:
    """Cells with ink but no recognised text, read again one by one."""
    filled = set()
    for b in boxes:
        for i, g in enumerate(grids):
            pos = g.locate((b["x0"] + b["x1"]) / 2, (b["top"] + b["bottom"]) / 2)
            if pos is not None:
                filled.add((i, pos))
    out = []
    for i, g in enumerate(grids):
        for r, c, rs, cs, (x0, top, x1, bottom) in g.boxes:
            if (i, (r, c)) in filled or rs > 1:
                continue
            px0, ptop, px1, pbottom = (int(v / scale) for v in (x0, top, x1, bottom))
            ink = ink_box(img[ptop + 4:pbottom - 3, px0 + 4:px1 - 3])
            if ink is None:
                continue
            text, score = read_crop(ink)
            if text:
                out.append(dict(text=text, x0=x0 + 1, x1=x1 - 1, top=top + 1, bottom=bottom - 1,
                                size=min(bottom - top, 12.0) * 0.8, score=score))
    return out
