"""camelot's lattice finder, for pages whose ruling lines pdfplumber could not close into a table.

camelot reads the page image (pdfium backend) and finds the grid from the drawn lines,
which survives lines that stop short of each other. Its cells come back in PDF space
(origin bottom-left) and are turned into the same PageGrid the pdfplumber path builds.
"""
from __future__ import annotations

import logging
import os
import tempfile

from parsers.pdf.grid import PageGrid, grid_from_cells

log = logging.getLogger(__name__)


def camelot_grids(page) -> list[PageGrid]:
    try:
        import camelot
    except ImportError:  # camelot is optional at run time
        return []
    data = page.pdf.stream.getvalue() if hasattr(page.pdf.stream, "getvalue") else None
    if not data:
        return []
    fd, path = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        found = camelot.read_pdf(path, pages=str(page.page_number), flavor="lattice", backend="pdfium")
    except Exception as e:  # camelot fails in many ways on odd pages: no table then
        log.debug("camelot failed on page %s: %s", page.page_number, e)
        return []
    finally:
        os.unlink(path)
    height = float(page.height)
    grids = []
    for t in found:
        boxes = [(c.x1, height - c.y2, c.x2, height - c.y1) for row in t.cells for c in row]
        x0s, tops, x1s, bottoms = zip(*boxes) if boxes else ((), (), (), ())
        if not boxes:
            continue
        g = grid_from_cells(boxes, (min(x0s), min(tops), max(x1s), max(bottoms)))
        if g is not None and len(g.xs) > 2 and len(g.ys) > 2:
            grids.append(g)
    return grids
