"""Tables that continue over pages (or were cut into pieces on one page) become one table.

Two tables are one when nothing but page furniture separates them and their columns line
up. The continuation's repeated header rows are dropped, and a first row that only holds
the wrapped tail of the previous row (empty in the table's dense columns) is joined to it.
"""
from __future__ import annotations

from parsers.normalize.numbers import parse_number
from parsers.settings import StitchSettings
from schemas.document import Table

STITCH = StitchSettings()


def column_edges(t: Table) -> list[float]:
    edges = sorted({round(c.bbox[0]) for c in t.cells if c.bbox and c.col_span == 1}
                   | {round(c.bbox[2]) for c in t.cells if c.bbox and c.col_span == 1})
    return edges


def looks_like_header(row: list[str]) -> bool:
    filled = [t for t in row if t]
    return len(filled) >= 2 and not any(ch.isdigit() for t in filled for ch in t)


def columns_match(a: Table, b: Table, tolerance: float = STITCH.column_tolerance) -> bool:
    """Same columns: the same count, and either the edges line up, or (a typesetter cut the table
    into pieces with other widths, or there is no geometry at all) the second piece does not open
    with a header of its own unless it repeats the first piece's."""
    if a.n_cols != b.n_cols:
        return False
    if opens_with_title(b) and first_text_row(b) != first_text_row(a):
        return False  # a table of its own under its own title row (江苏 2019: a title row inside each grid)
    ea, eb = column_edges(a), column_edges(b)
    if ea and eb and all(min(abs(x - y) for y in ea) <= tolerance for x in eb):
        return True
    first = row_texts(b, 0)
    return first == row_texts(a, 0) or not looks_like_header(first)


def opens_with_title(t: Table) -> bool:
    """Its first row with text (after any empty ones) is one cell across (nearly) the whole width: a
    title, not the tail of a row."""
    for r in range(min(t.n_rows, 3)):
        filled = [c for c in t.cells if c.row == r and c.text]
        if filled:
            return len(filled) == 1 and filled[0].col_span >= max(2, 0.6 * t.n_cols)
    return False


def first_text_row(t: Table) -> list[str]:
    return next((row for row in t.grid() if any(row)), [])


def row_texts(t: Table, row: int) -> list[str]:
    return t.grid()[row] if row < t.n_rows else []


def header_repeats(a: Table, b: Table, longest: int = STITCH.max_repeated_header) -> int:
    """How many of b's first rows repeat a's first rows (a header repeated at a page break, however
    many rows deep), as long as they hold no figure."""
    n = 0
    while (n < min(a.n_rows - 1, b.n_rows, longest) and row_texts(b, n) == row_texts(a, n)
           and any(row_texts(a, n)) and not any(parse_number(t) is not None and "." in t for t in row_texts(a, n))):
        n += 1
    return n


def dense_columns(t: Table, start: int) -> list[int]:
    grid = t.grid(fill_spans=True)[start:]
    if not grid:
        return []
    return [k for k in range(t.n_cols) if sum(1 for r in grid if r[k]) >= 0.8 * len(grid)]


def figure_columns(t: Table, start: int, dense: list[int]) -> list[int]:
    """Dense columns that hold figures (weights, scores, amounts) in nearly every row."""
    grid = t.grid()[start:]
    out = []
    for k in dense:
        filled = [r[k] for r in grid if r[k]]
        if filled and sum(1 for x in filled if parse_number(x) is not None) >= 0.8 * len(filled):
            out.append(k)
    return out


def is_fragment_row(t: Table, row: int, dense: list[int], figures: list[int]) -> bool:
    """The wrapped tail of the row before: it fills only text columns, never the figures, and
    never most of the dense columns."""
    texts = row_texts(t, row)
    if not dense or not any(texts):
        return False
    if any(parse_number(x) is not None and any(ch in x for ch in ".,%") for x in texts):
        return False  # a row with a figure of its own is a row (the half of a side-by-side table)
    filled = sum(1 for k in dense if texts[k])
    return filled <= len(dense) / 2 or (bool(figures) and all(not texts[k] for k in figures))


def stitch(a: Table, b: Table, settings: StitchSettings = STITCH) -> Table:
    """b appended to a: repeated header dropped, a wrapped row tail joined to its row."""
    skip = header_repeats(a, b, settings.max_repeated_header)
    dense = dense_columns(a, a.header_rows)
    figures = figure_columns(a, a.header_rows, dense)
    cells = [c.model_copy() for c in a.cells]
    last = a.n_rows - 1
    if skip < b.n_rows and is_fragment_row(b, skip, dense, figures):
        for c in b.cells:
            if c.row == skip and c.text:
                target = next((x for x in cells if x.row <= last < x.row + x.row_span and x.col <= c.col < x.col + x.col_span), None)
                if target is not None:
                    target.text = target.text + c.text
        skip += 1
    offset = a.n_rows - skip
    for c in b.cells:
        end = c.row + c.row_span
        if end <= skip:
            continue
        if c.row < skip:
            # a header or fragment cell running down into kept rows: its text was used already
            cells.append(c.model_copy(update={"row": a.n_rows, "row_span": end - skip, "text": ""}))
        else:
            cells.append(c.model_copy(update={"row": c.row + offset}))
    pages = a.pages + [p for p in b.pages if p not in a.pages]
    return a.model_copy(update={"cells": cells, "n_rows": offset + b.n_rows, "pages": pages})


def column_centres(t: Table) -> list[float | None]:
    """Each column's centre: from the cells one column wide, else between its two borders, each
    known from a cell that starts or ends there (a column only ever covered by merged cells: the
    三级指标 cell of the national 自评表 spans two grid columns on every row). None where neither."""
    spans: dict[int, list[tuple[float, float]]] = {}
    left: dict[int, float] = {}  # the left border of column k
    for c in t.cells:
        if not c.bbox:
            continue
        if c.col_span == 1:
            spans.setdefault(c.col, []).append((c.bbox[0], c.bbox[2]))
        left.setdefault(c.col, c.bbox[0])
        left.setdefault(c.col + c.col_span, c.bbox[2])
    out = []
    for k in range(t.n_cols):
        xs = spans.get(k)
        if xs:
            out.append(sum((a + b) / 2 for a, b in xs) / len(xs))
        elif k in left and k + 1 in left:
            out.append((left[k] + left[k + 1]) / 2)
        else:
            out.append(None)
    return out


def realigned(a: Table, b: Table) -> Table | None:
    """b's cells placed on a's columns by their position on the page, for a continuation whose rules
    the typesetter drew at other places (Word tables whose cell borders move from row to row: 江苏
    省法院 2018). None when a cell of b covers no column of a, or two cells land on one."""
    centres = column_centres(a)
    if any(x is None for x in centres) or not all(c.bbox for c in b.cells if c.text):
        return None
    cells, taken = [], set()
    for c in b.cells:
        if not c.bbox:
            continue
        cols = [k for k, x in enumerate(centres) if c.bbox[0] - 1 <= x <= c.bbox[2] + 1]
        if not cols:
            if c.text:
                return None
            continue
        for r in range(c.row, c.row + c.row_span):
            for k in cols:
                if (r, k) in taken:
                    return None
                taken.add((r, k))
        cells.append(c.model_copy(update={"col": cols[0], "col_span": len(cols)}))
    return b.model_copy(update={"cells": cells, "n_cols": a.n_cols})


def continues_on_next_page(a: Table, b: Table) -> bool:
    """b opens the next page with rows, not a header or a title of its own."""
    return (bool(a.pages) and b.page == max(a.pages) + 1 and not opens_with_title(b)
            and not looks_like_header(row_texts(b, 0)))


def stitch_tables(blocks: list, adjacent, settings: StitchSettings | dict | None = None) -> list:
    """Merge each table into the table before it when `adjacent(prev, table)` says nothing separates them."""
    settings = StitchSettings.resolve(settings)
    out: list = []
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, Table) and isinstance(prev, Table) and adjacent(prev, block):
            if columns_match(prev, block, settings.column_tolerance):
                out[-1] = stitch(prev, block, settings)
                continue
            if prev.n_cols != block.n_cols and continues_on_next_page(prev, block):
                moved = realigned(prev, block)
                if moved is not None:
                    out[-1] = stitch(prev, moved, settings)
                    continue
        out.append(block)
    return out


def attach_after(blocks: list) -> None:
    """Each table's next lines (up to two paragraphs before the next table): where its note stands."""
    for i, b in enumerate(blocks):
        if isinstance(b, Table):
            after = []
            for nxt in blocks[i + 1:i + 3]:
                if isinstance(nxt, Table):
                    break
                after.append(nxt.text)
            b.after = after
