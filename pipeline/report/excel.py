"""findings.xlsx: the findings sheet first, then one sheet per dataset, read back from the Parquet files.

Chinese headers, frozen header row, filters, widths, amounts and rates as numbers with formats,
severity colours. Written with openpyxl's streaming writer, so a large run stays in bounded memory.
"""
from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.report.columns import LABELS, MONEY, PERCENT, SEVERITY_FILL, SEVERITY_LABEL, SHEETS, WIDE

MAX_ROWS = 1_048_575  # Excel's limit, less the header


def _cell(ws, value, column: str, fills: dict):
    if isinstance(value, Decimal):
        value = float(value) if abs(value) < Decimal("1e15") else str(value)
    c = WriteOnlyCell(ws, value=value)
    if column in MONEY:
        c.number_format = "#,##0.00"
    elif column in PERCENT:
        c.number_format = '0.00"%"'
    elif column == "severity" and value in fills:
        c.fill = fills[value]
        c.value = SEVERITY_LABEL.get(value, value)
    return c


def write_workbook(out_dir: Path, path: Path | None = None) -> Path:
    out_dir = Path(out_dir)
    path = path or out_dir / "findings.xlsx"
    wb = Workbook(write_only=True)
    fills = {k: PatternFill("solid", fgColor=v) for k, v in SEVERITY_FILL.items()}
    bold = Font(bold=True)
    for dataset, sheet_name in SHEETS.items():
        src = out_dir / f"{dataset}.parquet"
        if not src.exists():
            continue
        pf = pq.ParquetFile(src)
        columns = pf.schema_arrow.names
        ws = wb.create_sheet(sheet_name)
        ws.freeze_panes = "A2"
        for k, name in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(k)].width = WIDE.get(name, max(10, len(LABELS.get(name, name)) * 2 + 2))
        header = []
        for name in columns:
            c = WriteOnlyCell(ws, value=LABELS.get(name, name))
            c.font = bold
            c.alignment = Alignment(vertical="center")
            header.append(c)
        ws.append(header)
        rows = 0
        for batch in pf.iter_batches(batch_size=2000):
            for record in batch.to_pylist():
                if rows >= MAX_ROWS:
                    break
                ws.append([_cell(ws, record[name], name, fills) for name in columns])
                rows += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{rows + 1}"
    fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".xlsx.part")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
