"""findings.xlsx: the findings sheet first, then one sheet per dataset, read back from the Parquet files.

Chinese headers, frozen header row, filters, widths, amounts and rates as numbers with formats,
severity colours. Written with XlsxWriter in constant-memory mode, row by row from Parquet
batches, so a large run stays fast and in bounded memory.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import xlsxwriter

from pipeline.files import staged
from pipeline.report.columns import LABELS, MONEY, PERCENT, SEVERITY_FILL, SEVERITY_LABEL, SHEETS, WIDE

MAX_ROWS = 1_048_575  # Excel's limit, less the header


def write_workbook(out_dir: Path, path: Path | None = None) -> Path:
    out_dir = Path(out_dir)
    path = path or out_dir / "findings.xlsx"
    with staged(path, ".xlsx.part") as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                       "strings_to_urls": False})
        header = wb.add_format({"bold": True, "valign": "vcenter", "bg_color": "#D9E1F2", "border": 1})
        money = wb.add_format({"num_format": "#,##0.00"})
        percent = wb.add_format({"num_format": '0.00"%"'})
        severity = {k: wb.add_format({"bg_color": f"#{v}", "bold": k == "error"}) for k, v in SEVERITY_FILL.items()}
        for dataset, sheet_name in SHEETS.items():
            src = out_dir / f"{dataset}.parquet"
            if src.exists():
                write_sheet(wb.add_worksheet(sheet_name), pq.ParquetFile(src), header, money, percent, severity)
        wb.close()
    return path


def write_sheet(ws, pf: pq.ParquetFile, header, money, percent, severity) -> None:
    columns = pf.schema_arrow.names
    for k, name in enumerate(columns):
        label = LABELS.get(name, name)
        ws.set_column(k, k, WIDE.get(name, max(10, len(label) * 2 + 2)))
        ws.write_string(0, k, label, header)
    ws.freeze_panes(1, 0)
    formats = [money if n in MONEY else percent if n in PERCENT else None for n in columns]
    row = 0
    for batch in pf.iter_batches(batch_size=5000):
        for record in batch.to_pylist():
            if row >= MAX_ROWS:
                break
            row += 1
            for k, name in enumerate(columns):
                value = record[name]
                if value is None:
                    continue
                if name == "severity":
                    ws.write_string(row, k, SEVERITY_LABEL.get(value, value), severity.get(value))
                elif name == "inputs":  # the figures a finding used, one per clause, with where each was read
                    ws.write_string(row, k, "；".join(
                        f"{i['role']} {i['text'] or i['value']}（{i['dataset']}"
                        + (f"，第{i['page']}页" if i.get("page") else "") + "）" for i in value))
                elif isinstance(value, Decimal):
                    ws.write_number(row, k, float(value), formats[k])
                elif isinstance(value, bool):
                    ws.write_boolean(row, k, value)
                elif isinstance(value, (int, float)):
                    ws.write_number(row, k, value, formats[k])
                else:
                    ws.write_string(row, k, str(value))
    ws.autofilter(0, 0, max(row, 1), len(columns) - 1)
