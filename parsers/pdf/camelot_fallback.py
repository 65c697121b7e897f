"""camelot's lattice finder, for pages whose ruling lines pdfplumber could not close into a table.

camelot reads the page image (pdfium backend) and finds the grid from the drawn lines,
which survives lines that stop short of each other. Its cells come back in PDF space
(origin bottom-left) and are turned into the same PageGrid the table chain builds.
"""
from __future__ import annotations

import logging
import os
import tempfile
from typing import Callable

from parsers.pdf.grid import PageGrid, grid_from_cells

log = logging.getLogger(__name__)


def camelot_grids(page) -> list[PageGrid]:
    """For a pdfplumber page."""
    data = page.pdf.stream.getvalue() if hasattr(page.pdf.stream, "getvalue") else None
    if not data:
        return []
    height = float(page.height)
    return camelot_page_grids(data, page.page_number, lambda x, y: (x, height - y))


def camelot_page_grids(data: bytes, page_number: int, to_page: Callable[[float, float], tuple[float, float]]) -> list[PageGrid]:
    """Page `page_number` (1-based) of the PDF `data`; `to_page` turns a point of camelot's
    (x, y up from the bottom) into the reader's (x, top)."""
    try:
        import camelot
    except ImportError:  # camelot is optional at run time
        return []
    fd, path = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        found = camelot.read_pdf(path, pages=str(page_number), flavor="lattice", backend="pdfium")
    except Exception as e:  # camelot fails in many ways on odd pages: no table then
        log.debug("camelot failed on page %s: %s", page_number, e)
        return []
    finally:
        os.unlink(path)
    grids = []
    for t in found:
        boxes = []
        for row in t.cells:
            for c in row:
                ax, at = to_page(c.x1, c.y2)
                bx, bt = to_page(c.x2, c.y1)
                boxes.append((min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)))
        if not boxes:
            continue
        x0s, tops, x1s, bottoms = zip(*boxes)
        g = grid_from_cells(boxes, (min(x0s), min(tops), max(x1s), max(bottoms)))
        if g is not None and len(g.xs) > 2 and len(g.ys) > 2:
            grids.append(g)
    return grids
