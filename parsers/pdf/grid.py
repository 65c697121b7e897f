"""Ruled tables on a PDF page → grids of cells with row/column spans.

pdfplumber finds the cell rectangles from the ruling lines; the grid is the set of
distinct cell edges, and a cell's span is how many grid steps its rectangle covers.
Text is assigned to cells from the page's characters in one pass (by glyph centre).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from parsers.normalize.text import join_lines
from parsers.pdf.lines import chars_to_lines, lowest_score
from pdfplumber.table import TableSettings, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils import filter_edges

from parsers.settings import GridSettings
from schemas.document import Cell, Table

GRID = GridSettings()


def _snap(values: list[float], snap: float = GRID.snap) -> list[float]:
    """Grid lines from cell edges: a run of edges each within `snap` of the one before is one line, at
    the run's middle (see GridSettings.snap)."""
    runs: list[list[float]] = []
    for v in sorted(values):
        if runs and v - runs[-1][-1] <= snap:
            runs[-1].append(v)
        else:
            runs.append([v])
    return [(r[0] + r[-1]) / 2 for r in runs]


def _index(grid: list[float], v: float) -> int:
    """Index of the grid line nearest to v."""
    return min(range(len(grid)), key=lambda i: abs(grid[i] - v))


@dataclass
class PageGrid:
    """One table's grid on one page, before its text is known."""

    bbox: tuple[float, float, float, float]
    xs: list[float]
    ys: list[float]
    boxes: list[tuple[int, int, int, int, tuple]] = field(default_factory=list)  # row, col, rs, cs, bbox
    chars: dict[tuple[int, int], list[dict]] = field(default_factory=dict)

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        x0, top, x1, bottom = self.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            return None
        return bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1


def grid_from_cells(cell_boxes: list[tuple], bbox: tuple, snap: float = GRID.snap) -> PageGrid | None:
    if not cell_boxes:
        return None
    xs = _snap([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes], snap)
    ys = _snap([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes], snap)
    if len(xs) < 2 or len(ys) < 2:
        return None
    g = PageGrid(bbox=tuple(bbox), xs=xs, ys=ys)
    for b in cell_boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 > c0 and r1 > r0:
            g.boxes.append((r0, c0, r1 - r0, c1 - c0, tuple(b)))
    return g


def assign_chars(grids: list[PageGrid], chars: list[dict], overflow: bool = True) -> list[dict]:
    """Put each character into the grid cell under its centre; return the characters outside all tables.
    `overflow`: give words cut by a cell border back to their cell (text layers; OCR text boxes are
    already cut at the rules seen in the image, and two boxes side by side are two cells' texts)."""
    owner: list[dict[tuple[int, int], tuple[int, int]]] = []
    for g in grids:
        cover: dict[tuple[int, int], tuple[int, int]] = {}
        for r, c, rs, cs, _ in g.boxes:
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    cover[(rr, cc)] = (r, c)
        owner.append(cover)
    outside = []
    for ch in chars:
        x = (ch["x0"] + ch["x1"]) / 2
        y = (ch["top"] + ch["bottom"]) / 2
        for g, cover in zip(grids, owner):
            pos = g.locate(x, y)
            origin = cover.get(pos) if pos is not None else None
            if origin is not None:
                g.chars.setdefault(origin, []).append(ch)
                break
        else:
            # outside every cell, though perhaps inside a table's box (an L-shaped table, a cell
            # whose border is missing): page text, never dropped
            outside.append(ch)
    if overflow:
        for g in grids:
            return_overflow(g)
    return outside


AMOUNT = re.compile(r"-?\d[\d,]*\.\d+%?|-?\d{1,3}(?:,\d{3})+%?")


def words_on_line(chars: list[dict]) -> list[list[dict]]:
    """A line's characters (sorted by x) cut into words: at gaps, and where a printed amount meets
    text ("16,474.82一、一般公": two words; "4、机关资本性支出": one)."""
    runs: list[list[dict]] = []
    for ch in chars:
        if runs:
            prev = runs[-1][-1]
            size = max(prev.get("size") or 0, ch.get("size") or 0, 1.0)
            if ch["x0"] - prev["x1"] <= 0.25 * size:
                runs[-1].append(ch)
                continue
        runs.append([ch])
    words: list[list[dict]] = []
    for run in runs:
        # a character's text may be longer than one (OCR boxes split into glyphs, ligatures): cut at
        # the characters where the text offsets fall
        starts, text = [], ""
        for ch in run:
            starts.append(len(text))
            text += ch["text"]
        offsets = {0, len(text)} | {k for m in AMOUNT.finditer(text) for k in (m.start(), m.end())}
        cuts = sorted({bisect_right(starts, k) - 1 if k < len(text) else len(run) for k in offsets} | {0})
        words.extend(run[a:b] for a, b in zip(cuts, cuts[1:]) if b > a)
    return words


def return_overflow(g: PageGrid) -> None:
    """Text that runs over the border between two cells of a row (Excel prints a long label across
    into the next cell — 西安 2019: "1、人员经费和公用经费支" | "出 2,022.39" —, and glyph boxes of some
    fonts start left of the rule they follow — 国家信访局 2026: "16,474.82一、一般公" | "共服务支出"):
    a word cut by the border goes to the cell where nothing else is written, or where most of it is."""
    by_pos = {(r, c): (rs, cs) for r, c, rs, cs, _ in g.boxes}
    for (r, c), (rs, cs) in by_pos.items():
        right = (r, c + cs)
        if right not in by_pos or by_pos[right][0] != rs or not g.chars.get((r, c)) or not g.chars.get(right):
            continue
        left_chars, right_chars = g.chars[(r, c)], g.chars[right]
        for line in chars_to_lines(left_chars + right_chars):
            on_line = lambda ch: line.top - 1 <= (ch["top"] + ch["bottom"]) / 2 <= line.bottom + 1
            left = sorted((ch for ch in left_chars if on_line(ch) and ch["text"].strip()), key=lambda ch: ch["x0"])
            right_line = sorted((ch for ch in right_chars if on_line(ch) and ch["text"].strip()), key=lambda ch: ch["x0"])
            if not left or not right_line:
                continue
            words = words_on_line(left + right_line)
            cut = next((w for w in words if w[0] in left and w[-1] in right_line), None)
            if cut is None:
                continue
            others_left = any(w is not cut and w[0] in left for w in words)
            others_right = any(w is not cut and w[0] in right_line for w in words)
            in_left = sum(1 for ch in cut if ch in left)
            to_left = others_right and not others_left or (others_right == others_left and 2 * in_left >= len(cut))
            source, target = (right_chars, left_chars) if to_left else (left_chars, right_chars)
            for ch in cut:
                if ch in source:
                    source.remove(ch)
                    target.append(ch)


def cell_text(lines: list, right: float) -> str:
    """A cell's lines as one text. A figure that runs to the cell's right edge and goes on in the next
    line was wrapped (its digits join); figures on lines of their own are stacked figures and stay
    apart (join_lines separates digits on two lines)."""
    texts: list[str] = []
    for i, line in enumerate(lines):
        if texts and texts[-1][-1:].isdigit() and line.text[:1].isdigit() \
                and lines[i - 1].x1 >= right - 1.5 * max(lines[i - 1].size, 1.0):
            texts[-1] += line.text
        else:
            texts.append(line.text)
    return join_lines(texts)


def indent(chars: list[dict], lines: list, left: float) -> float | None:
    """Where the cell's first line starts, right of its left edge: its first glyph that is no space
    (exports indent 款 and 项 names with spaces or an offset)."""
    if not lines:
        return None
    first = lines[0]
    xs = [ch["x0"] for ch in chars if ch["text"].strip() and first.top - 0.5 <= (ch["top"] + ch["bottom"]) / 2 <= first.bottom + 0.5]
    return round((min(xs) if xs else first.x0) - left, 1)


def grid_to_table(g: PageGrid, page: int) -> Table:
    cells = []
    for r, c, rs, cs, b in sorted(g.boxes):
        chars = g.chars.get((r, c), [])
        lines = chars_to_lines(chars)
        cells.append(Cell(row=r, col=c, row_span=rs, col_span=cs, text=cell_text(lines, b[2]),
                          page=page, bbox=tuple(round(v, 2) for v in b), indent=indent(chars, lines, b[0]),
                          ocr_score=lowest_score(chars)))
    return Table(page=page, pages=[page], n_rows=len(g.ys) - 1, n_cols=len(g.xs) - 1, cells=cells,
                 bbox=tuple(round(v, 2) for v in g.bbox))


def table_grids(tables, snap: float = GRID.snap) -> list[PageGrid]:
    """Grids of found tables, given as (cell boxes, bbox); a single-column box is a frame around
    text, not a table."""
    grids = []
    for cells, bbox in tables:
        g = grid_from_cells(list(cells), bbox, snap)
        if g is not None and len(g.xs) > 2:
            grids.append(g)
    return grids


def open_ends(edges: list[dict], grid: GridSettings = GRID) -> list[dict]:
    """The missing rule of a table cut by a page break: where three or more vertical rules end together
    beyond the last horizontal rule between them (a continued table's first row on the next page, its
    last row above the page break), the rule they end on is added, so that row has cells and its text
    stays in the table."""
    vs = [e for e in edges if e["orientation"] == "v"]
    hs = [e for e in edges if e["orientation"] == "h"]
    added = []
    for end in ("top", "bottom"):
        groups: list[list[dict]] = []
        for v in sorted(vs, key=lambda e: e[end]):
            if groups and abs(v[end] - groups[-1][0][end]) <= 1.0:
                groups[-1].append(v)
            else:
                groups.append([v])
        for g in groups:
            if len(g) < grid.min_open_rules:
                continue
            y = sum(v[end] for v in g) / len(g)
            x0, x1 = min(v["x0"] for v in g), max(v["x0"] for v in g)
            closed = any(abs(h["top"] - y) <= 2.0 and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 for h in hs)
            inner = [h["top"] for h in hs if h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2]
            if closed or not inner:
                continue
            nearest = min(inner) if end == "top" else max(inner)
            if (end == "top" and nearest - y >= grid.open_end) or (end == "bottom" and y - nearest >= grid.open_end):
                added.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                              "orientation": "h", "object_type": "line"})
    return added


def grids_from_edges(edges: list[dict], table_settings: dict | None = None,
                     grid: GridSettings | dict | None = None) -> list[PageGrid]:
    """Ruled tables from ruling edges (pdfplumber's edge dicts, from a PDF's drawing or from a page
    image), by pdfplumber's own chain and settings: merge_edges → edges_to_intersections →
    intersections_to_cells → cells_to_tables."""
    s = TableSettings.resolve(table_settings)
    grid = GridSettings.resolve(grid)
    v = filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(v + h, s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
    merged = filter_edges(merged, min_length=s.edge_min_length)
    merged = merged + open_ends(merged, grid)
    cells = intersections_to_cells(edges_to_intersections(merged, s.intersection_x_tolerance, s.intersection_y_tolerance))
    tables = cells_to_tables(cells)
    return table_grids(((t, (min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t)))
                        for t in tables), grid.snap)
