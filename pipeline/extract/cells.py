"""Every cell of every table → TableCellRecord, with its figure in 元 or % where its column holds figures.

Which rows are headers and which columns hold figures is the table's understanding (TableInfo): a
序号 column's 一/二/三, a code column's 201, a year in a label are text, never values.
"""
from __future__ import annotations

from parsers.normalize.numbers import MONEY_UNITS, parse_number, to_yuan
from schemas.document import Document, Table
from schemas.records import TableCellRecord
from schemas.tables import TableInfo

FIGURE_ROLES = ("money", "rate", "change", "unknown")


def extract_cells(doc: Document, table: Table, info: TableInfo) -> list[TableCellRecord]:
    columns = {c.col: c for c in info.columns}
    out = []
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        column = columns.get(c.col)
        header = c.row < info.header_rows
        n = parse_number(c.text) if c.text and not header and column is not None and column.role in FIGURE_ROLES else None
        value = unit = printed = None
        if n is not None:
            printed = n.unit or column.unit or (info.unit if column.role in ("money", "change") else None)
            unit = printed
            value = n.value
            if printed in MONEY_UNITS:
                value, unit = to_yuan(n.value, printed), "元"
        out.append(TableCellRecord(
            doc_id=doc.doc_id, source_file=doc.source_file, table_id=table.table_id, page=c.page, row=c.row,
            col=c.col, row_span=c.row_span, col_span=c.col_span, text=c.text, value=value, unit=unit,
            is_header=header, decimals=n.decimals if n else None, unit_printed=printed,
            bbox=[round(v, 2) for v in c.bbox] if c.bbox else None,
        ))
    return out
