"""Datasets written atomically: each Parquet file appears whole or not at all.

Rows are streamed into files in a staging folder next to the output (same file system),
one row group per batch of documents, so memory stays bounded; only when every dataset is
complete is each file moved over its previous version with an atomic rename.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.arrow import DECIMAL, arrow_schema
from schemas.records import DATASETS, DocumentRecords

_QUANTUM = Decimal(1).scaleb(-DECIMAL.scale)
_RECORD_FIELDS = {"documents": "document"}


def _row(model) -> dict:
    row = model.model_dump()
    for k, v in row.items():
        if isinstance(v, Decimal) and v.as_tuple().exponent < -DECIMAL.scale:
            row[k] = v.quantize(_QUANTUM)
    return row


def arrow_table(name: str, models: list) -> pa.Table:
    schema = arrow_schema(DATASETS[name])
    return pa.Table.from_pylist([_row(m) for m in models], schema=schema)


class DatasetWriter:
    """Collects DocumentRecords batch by batch and commits every dataset at once."""

    def __init__(self, out_dir: Path, batch_size: int = 50):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(self.out_dir, os.W_OK):
            raise PermissionError(f"output folder is not writable: {self.out_dir}")
        self.stage = Path(tempfile.mkdtemp(prefix=".jixiao-staging-", dir=self.out_dir))
        self.batch_size = batch_size
        self.pending: list[DocumentRecords] = []
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts = {name: 0 for name in DATASETS}

    def add(self, records: DocumentRecords) -> None:
        self.pending.append(records)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        for name in DATASETS:
            attr = _RECORD_FIELDS.get(name, name)
            models = [m for r in self.pending for m in ([getattr(r, attr)] if attr == "document" else getattr(r, attr))]
            self._write(name, arrow_table(name, models))
        self.pending = []

    def _write(self, name: str, table: pa.Table) -> None:
        w = self.writers.get(name)
        if w is None:
            w = self.writers[name] = pq.ParquetWriter(self.stage / f"{name}.parquet", table.schema)
        if table.num_rows:
            w.write_table(table)
        self.counts[name] += table.num_rows

    def commit(self) -> dict[str, int]:
        self.flush()
        for w in self.writers.values():
            w.close()
        for name in DATASETS:
            os.replace(self.stage / f"{name}.parquet", self.out_dir / f"{name}.parquet")
        shutil.rmtree(self.stage, ignore_errors=True)
        return dict(self.counts)

    def abort(self) -> None:
        for w in self.writers.values():
            try:
                w.close()
            except Exception:
                pass
        shutil.rmtree(self.stage, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()
        return False
