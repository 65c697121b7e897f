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
from pipeline.files import STAGE_PREFIX, place, remove_stale_stages
from pipeline.work import failed
from schemas.records import DATASETS, DocumentRecords

_RECORD_FIELDS = {"documents": "document"}


class Unrepresentable(ValueError):
    """A record value the datasets cannot hold exactly (a decimal beyond decimal128(38,10))."""


def _check(name: str, row: dict) -> dict:
    for k, v in row.items():
        if isinstance(v, Decimal) and v.is_finite():
            _, digits, exp = v.as_tuple()
            if exp < -DECIMAL.scale or len(digits) + exp > DECIMAL.precision - DECIMAL.scale:
                raise Unrepresentable(f"{name}.{k} = {v} does not fit decimal128({DECIMAL.precision},{DECIMAL.scale})")
        elif isinstance(v, Decimal):
            raise Unrepresentable(f"{name}.{k} = {v} is not a number")
    return row


def arrow_table(name: str, models: list) -> pa.Table:
    schema = arrow_schema(DATASETS[name])
    return pa.Table.from_pylist([_check(name, m.model_dump()) for m in models], schema=schema)


def models_of(records: DocumentRecords, name: str) -> list:
    attr = _RECORD_FIELDS.get(name, name)
    value = getattr(records, attr)
    return [value] if attr == "document" else list(value)


def arrow_tables(records: DocumentRecords) -> dict[str, pa.Table]:
    """One file's records as Arrow tables, one per dataset; raises when a value cannot be stored."""
    return {name: arrow_table(name, models_of(records, name)) for name in DATASETS}


class DatasetWriter:
    """Collects DocumentRecords file by file and commits every dataset at once.

    Each file's records are converted on arrival: a file whose values cannot be stored becomes a
    `failed` row naming the value, and the others are written as usual.
    """

    def __init__(self, out_dir: Path, batch_size: int = 50):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(self.out_dir, os.W_OK):
            raise PermissionError(f"output folder is not writable: {self.out_dir}")
        remove_stale_stages(self.out_dir)
        self.stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=self.out_dir))
        self.batch_size = batch_size
        self.pending: list[dict[str, pa.Table]] = []
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts = {name: 0 for name in DATASETS}

    def add(self, records: DocumentRecords) -> DocumentRecords:
        """Take one file's records; returns what was taken (the failed row, if they could not be stored)."""
        try:
            tables = arrow_tables(records)
        except Exception as e:
            d = records.document
            records = failed(d.doc_id, d.source_file, f"cannot store the records: {e}"[:500], d.format,
                             d.warnings)
            records.document.duplicates = d.duplicates
            tables = arrow_tables(records)
        self.pending.append(tables)
        if len(self.pending) >= self.batch_size:
            self.flush()
        return records

    def flush(self) -> None:
        for name in DATASETS:
            parts = [t[name] for t in self.pending]
            table = pa.concat_tables(parts) if parts else arrow_table(name, [])
            self._write(name, table)
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
            place(self.stage / f"{name}.parquet", self.out_dir / f"{name}.parquet")
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
