"""The table-understanding stage: each table of a document read once, into a TableInfo that every
extractor, rule and report uses (none of them reads a table's text again).

    document model ─► understand_document ─► [TableInfo: kind, title, unit, header rows, columns
                                               (path, role, measure, basis, unit, side, closes),
                                               row items (code, name, level, parent, total, closes),
                                               what was not understood]
"""
from __future__ import annotations

import re

from parsers.normalize.vocabulary import kind as kind_named
from parsers.normalize.vocabulary import kind_of_title
from pipeline.understand.columns import label_columns, understand_columns
from pipeline.understand.items import side_items
from pipeline.understand.regions import find_regions, is_figure
from pipeline.understand.settings import UnderstandSettings
from pipeline.understand.structure import kind_from_structure
from pipeline.understand.titles import read_heading
from schemas.document import Document, Table
from schemas.tables import TableInfo

FINAL_DOC_TYPES = ("final_accounts_disclosure",)
NOTE_LINE = re.compile(r"^\s*(注|备注|说明)\s*[:：\d]")
EMPTY_NOTE = re.compile(r"空表|本(部门|单位)(\d{4}年)?(没有|无)|无.{0,12}(收入|支出|预算|数据)")


def understand_document(doc: Document, doc_type: str = "unknown",
                        settings: UnderstandSettings | dict | None = None) -> list[TableInfo]:
    settings = UnderstandSettings.resolve(settings)
    return [understand_table(doc, t, doc_type, settings) for t in doc.tables]


def understand_table(doc: Document, table: Table, doc_type: str, settings: UnderstandSettings) -> TableInfo:
    grid = table.grid(fill_spans=True)
    reg = find_regions(table, settings)
    lines = list(table.context[-settings.context_lines:]) + [grid[r][0] for r in reg.title_rows] + \
        [" ".join(dict.fromkeys(t for t in grid[r] if t)) for r in reg.title_rows]
    heading = read_heading(lines)
    info = TableInfo(doc_id=doc.doc_id, source_file=doc.source_file, table_id=table.table_id, page=table.page,
                     pages=table.pages or ([table.page] if table.page else []), n_rows=table.n_rows,
                     n_cols=table.n_cols, table_title=heading.title, table_number=heading.number,
                     unit=heading.unit, unit_source=heading.unit_source, title_rows=len(reg.title_rows),
                     header_rows=reg.header_rows, lanci_row=reg.lanci_row)
    info.columns = understand_columns(table, reg, heading.unit)
    sides = sorted({c.side for c in info.columns if c.side}, key=lambda s: min(c.col for c in info.columns if c.side == s))
    info.sides = sides
    # label columns whose cells run down over several data rows: group labels, not row names
    grouped = {c.col for c in table.cells if c.row_span > 1 and c.text and c.row in reg.data}
    plain = table.grid(fill_spans=False)
    for c in info.columns:  # or printed once over the rows they group (深圳: 深圳市民政局(本级) over three years)
        if c.role == "label" and reg.data and sum(1 for r in reg.data if plain[r][c.col]) < len(reg.data) / 2:
            grouped.add(c.col)
    for side in (sides or [None]):
        codes, name = label_columns(info.columns, side, grouped)
        info.items.extend(side_items(table, reg.data, info.columns, side, codes, name, settings))
    name_sides_by_totals(info)
    sides = info.sides
    info.items.sort(key=lambda i: (i.row, sides.index(i.side) if i.side in sides else 0))
    unknown_continued_totals(info, table)
    info.empty = not any(is_figure(grid[r][c.col]) for r in reg.data for c in info.columns
                         if c.role in ("money", "rate", "change"))
    notes = [grid[r][0] for r in reg.notes] + [t for t in table.after if NOTE_LINE.match(t)]
    info.note = next((t for t in notes + list(table.context) if EMPTY_NOTE.search(t)), None) \
        if info.empty else (notes[0] if notes else None)
    decide_kind(info, doc_type)
    if info.unit is None and any(c.role == "money" and c.unit is None for c in info.columns):
        info.not_understood.append("unit: none declared (figures taken as 元)")
    count_understood(info)
    return info


def name_sides_by_totals(info: TableInfo) -> None:
    """A half its header does not name is named by its closing total (普陀 2024 决算: the 人员经费 and
    公用经费 halves of the 基本支出决算表 end in 人员经费合计 and 公用经费合计)."""
    renames = {}
    for side in info.sides:
        if not side.startswith("第"):
            continue
        total = next((i for i in reversed(info.items) if i.side == side and i.is_total and i.canonical
                      and i.canonical not in ("合计", "总计", "小计")), None)
        if total is not None and total.canonical not in info.sides and total.canonical not in renames.values():
            renames[side] = total.canonical
    if not renames:
        return
    info.sides = [renames.get(s, s) for s in info.sides]
    for x in list(info.columns) + list(info.items):
        if x.side in renames:
            x.side = renames[x.side]


def unknown_continued_totals(info: TableInfo, table: Table) -> None:
    """One list printed in two column groups under one header (基本支出决算表: 公用经费 | 公用经费, the
    same 科目代码 | 科目名称 | 决算数 twice): a total across both closes rows of both, which a side's list
    cannot say; it is left unknown (its sub-totals, 302 = Σ 302xx, are still known)."""
    tails: dict[str, tuple] = {}
    for side in info.sides:
        tails[side] = tuple(tuple(c.path[1:]) for c in info.columns if c.side == side)
    roots = {side: (next((c.path[0] for c in info.columns if c.side == side and c.path), None)) for side in info.sides}
    continued = {s for s in info.sides for o in info.sides if o != s and roots[o] == roots[s] and tails[o] == tails[s]}
    if not continued:
        return
    cols = {side: {c.col for c in info.columns if c.side == side} for side in continued}
    for item in info.items:
        if item.side in continued and item.is_total:
            name = next((c for c in table.cells if c.row == item.row and c.text and c.col <= min(cols[item.side])
                         and c.col + c.col_span > min(cols[item.side])), None)
            if name is not None and not set(range(name.col, name.col + name.col_span)) <= cols[item.side] or name is None:
                item.closes = None


def decide_kind(info: TableInfo, doc_type: str) -> None:
    """By its title (a standard table's name), else by its columns."""
    found = kind_of_title(info.table_title)
    if found is not None:
        kind = found.kind
        final = doc_type in FINAL_DOC_TYPES or "决算" in (info.table_title or "")
        if found.package == "any" and final and kind_named(f"final_{kind}") is not None:
            kind = f"final_{kind}"
        info.table_kind, info.kind_reason = kind, f"title: {info.table_title}"
        return
    kind, reason = kind_from_structure(info, doc_type)
    info.table_kind, info.kind_reason = kind, reason


def count_understood(info: TableInfo) -> None:
    """Row and column labels, and how many of them are understood (a role for a column; a code, a
    canonical name, a total, or a place in a list of names for a row)."""
    for c in info.columns:
        if not c.path and c.role in ("empty",):
            continue
        info.labels += 1
        if c.role in ("unknown",) or (c.role == "money" and not c.measure and not c.basis):
            info.not_understood.append(f"column {c.col}: {' / '.join(c.path) or '(no header)'}")
        else:
            info.labels_understood += 1
    totals = {i.side for i in info.items if i.is_total}
    closed = {(i.side, r) for i in info.items if i.is_total and i.closes for r in i.closes}
    for i in info.items:
        if not i.name and not i.code:
            continue
        info.labels += 1
        numeric = is_figure(i.name)
        # its place in the list is known: a level, a total that closes it, or no total to place it under
        placed = i.depth is not None or (i.side, i.row) in closed or i.side not in totals
        if not numeric and (i.code or i.canonical or i.is_total or placed):
            info.labels_understood += 1
        else:
            info.not_understood.append(f"row {i.row}{f' ({i.side})' if i.side else ''}: {i.name or i.code}")
