"""Ruling lines found in a page image, as the edges pdfplumber's table algorithm takes.

Long thin runs of dark pixels survive a morphological opening with a long horizontal (or
vertical) kernel while text does not; each surviving run becomes an edge in PDF points, and
pdfplumber's own chain (merge_edges → edges_to_intersections → intersections_to_cells →
cells_to_tables) turns the edges into table cells, exactly as for a born-digital page.
"""
from __future__ import annotations

import cv2
import numpy as np

from parsers.pdf.grid import PageGrid, grids_from_edges


def line_masks(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    binary = cv2.adaptiveThreshold(img, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = img.shape
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w // 40, 20), 1)))
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h // 60, 20))))
    # rules broken by speckle removal or faint printing: close small gaps along the line
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    return horizontal, vertical


def edges(img: np.ndarray, scale: float) -> list[dict]:
    """Ruling segments in PDF points (scale = 72 / dpi)."""
    horizontal, vertical = line_masks(img)
    out = []
    for mask, orientation in ((horizontal, "h"), (vertical, "v")):
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _ in stats[1:]:
            if orientation == "h" and w > 3 * h:
                top = (y + h / 2) * scale
                out.append(dict(x0=x * scale, x1=(x + w) * scale, top=top, bottom=top, width=w * scale, height=0,
                                orientation="h", object_type="line"))
            elif orientation == "v" and h > 3 * w:
                x0 = (x + w / 2) * scale
                out.append(dict(x0=x0, x1=x0, top=y * scale, bottom=(y + h) * scale, width=0, height=h * scale,
                                orientation="v", object_type="line"))
    return out


def find_grids(img: np.ndarray, scale: float) -> list[PageGrid]:
    return grids_from_edges(edges(img, scale))
