"""Money tables → Amount records: one per money cell, located by its row's item and its column's measure."""
from __future__ import annotations

from parsers.normalize.numbers import MONEY_UNITS, Number, parse_number, to_yuan
from schemas.document import Document, Table
from schemas.records import Amount
from schemas.tables import ColumnInfo, RowItem, TableInfo

DEFAULT_UNIT = "元"  # a money table that declares no unit prints 元 (and says so: unit_assumed)


def money_value(n: Number, column: ColumnInfo, info: TableInfo) -> tuple[object, str, int, bool] | None:
    """(value in 元, unit printed, precision in 元, unit assumed) of a figure in a money column."""
    if n.unit is not None and n.unit not in MONEY_UNITS:
        return None  # a count or a rate in a money column is no amount
    unit = n.unit or column.unit or info.unit
    assumed = unit is None
    unit = unit if unit in MONEY_UNITS else DEFAULT_UNIT
    exponent = len(str(MONEY_UNITS[unit])) - 1
    return to_yuan(n.value, unit), unit, n.precision - exponent, assumed


def value_cells(table: Table, info: TableInfo, item: RowItem) -> list[tuple[ColumnInfo, object]]:
    """(column, cell) of a row item's money cells, each cell once (a cell merged over several columns
    counts for the first money column it covers)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for c in info.columns:
        if c.role not in ("money", "change") or c.side != item.side:
            continue  # (a money column whose header names nothing known keeps measure None: kept, not guessed)
        cell = table.cell_at(item.row, c.col)
        if cell is None or (cell.row, cell.col) in seen or cell.row != item.row:
            continue
        seen.add((cell.row, cell.col))
        out.append((c, cell))
    return out


def extract_amounts(doc: Document, table: Table, info: TableInfo) -> list[Amount]:
    out = []
    for item in info.items:
        for column, cell in value_cells(table, info, item):
            n = parse_number(cell.text) if cell.text else None
            if n is None:
                continue
            money = money_value(n, column, info)
            if money is None:
                continue
            value, unit, precision, assumed = money
            out.append(Amount(
                doc_id=doc.doc_id, source_file=doc.source_file, table_id=info.table_id, table_kind=info.table_kind,
                table_title=info.table_title, page=cell.page or item.page, row=item.row, col=column.col,
                side=item.side, item_code=item.code, item=item.name, item_canonical=item.canonical,
                item_level=item.level, parent_code=item.parent_code, is_total=item.is_total, measure=column.measure,
                column_path=" / ".join(column.path), value=value, unit_printed=unit, decimals=n.decimals,
                basis=column.basis, precision=precision, unit_assumed=assumed,
                bbox=list(cell.bbox) if cell.bbox else None, ocr_score=cell.ocr_score,
            ))
    return out
