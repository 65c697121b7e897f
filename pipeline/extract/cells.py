"""Every cell of every table → TableCellRecord, with its figure in 元 or % where it is one."""
from __future__ import annotations

from parsers.normalize.numbers import MONEY_UNITS, parse_number, to_yuan
from pipeline.extract.columns import column_units, header_depth, header_texts, table_unit
from schemas.document import Document, Table
from schemas.records import TableCellRecord


def extract_cells(doc: Document, table: Table) -> list[TableCellRecord]:
    depth = header_depth(table)
    units = column_units(header_texts(table, depth), table_unit(table))
    out = []
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        n = parse_number(c.text) if c.text and c.row >= depth else None
        value = unit = printed = None
        if n is not None:
            printed = n.unit or (units[c.col] if c.col < len(units) else None)
            unit = printed
            value = n.value
            if printed in MONEY_UNITS:
                value, unit = to_yuan(n.value, printed), "元"
        out.append(TableCellRecord(
            doc_id=doc.doc_id, source_file=doc.source_file, table_id=table.table_id, page=c.page, row=c.row,
            col=c.col, row_span=c.row_span, col_span=c.col_span, text=c.text, value=value, unit=unit,
            is_header=c.row < depth, decimals=n.decimals if n else None, unit_printed=printed,
        ))
    return out
