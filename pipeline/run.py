"""Orchestration: find the input files, run the per-file work, stream results to the datasets.

The per-file work (read → extract) is one pure function of the file's bytes and its name,
so it can run anywhere; only the DatasetWriter touches the output folder.
"""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from parsers import READERS, reader_for
from parsers.errors import UnreadableFile
from pipeline.export import DatasetWriter
from pipeline.extract import extract
from pipeline.validate import validate
from schemas.records import DocumentInfo, DocumentRecords


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def find_inputs(input_dir: Path, exclude: Path | None = None) -> list[Path]:
    """Every readable input under input_dir, recursively, in a stable order (the output folder left out)."""
    input_dir = Path(input_dir)
    excluded = Path(exclude).resolve() if exclude else None
    out = []
    for p in sorted(input_dir.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in READERS:
            continue
        if excluded and (excluded == p.resolve().parent or excluded in p.resolve().parents):
            continue
        out.append(p)
    return out


def failed(doc_id: str, source_file: str, error: str, fmt: str | None = None) -> DocumentRecords:
    return DocumentRecords(document=DocumentInfo(doc_id=doc_id, source_file=source_file, status="failed",
                                                 error=error, format=fmt))


def process_bytes(data: bytes, source_file: str) -> DocumentRecords:
    """The per-file work: bytes → document model → records. Never raises."""
    doc_id = doc_id_of(data)
    suffix = Path(source_file).suffix.lower()
    fmt = suffix.lstrip(".")
    reader = reader_for(suffix)
    if reader is None:
        return failed(doc_id, source_file, f"unsupported file type '{suffix}'", fmt)
    try:
        document = reader(data, source_file, doc_id)
    except UnreadableFile as e:
        return failed(doc_id, source_file, e.reason, fmt)
    except RecursionError:
        return failed(doc_id, source_file, "cannot read: the file's structure is recursive (RecursionError)", fmt)
    except MemoryError:
        return failed(doc_id, source_file, "cannot read: out of memory", fmt)
    except Exception as e:  # a reader bug must cost one file, not the run
        return failed(doc_id, source_file, f"cannot read: {type(e).__name__}: {e}"[:500], fmt)
    try:
        records = extract(document)
    except Exception as e:
        tb = traceback.extract_tb(e.__traceback__)[-1]
        return failed(doc_id, source_file,
                      f"extraction failed: {type(e).__name__}: {e} ({Path(tb.filename).name}:{tb.lineno})"[:500], fmt)
    records.findings = validate(records)
    return records


def process_file(path: Path, root: Path) -> DocumentRecords:
    source_file = Path(path).relative_to(root).as_posix() if Path(path).is_relative_to(root) else Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        return failed("", source_file, f"cannot open file: {e.strerror or e}")
    return process_bytes(data, source_file)


@dataclass
class RunSummary:
    files: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    documents: list[DocumentInfo] = field(default_factory=list)
    reused: int = 0  # files whose results came from the cache

    @property
    def ok(self) -> bool:
        return not self.failed


def run(input_dir: Path, out_dir: Path, on_file: Callable[[Path, DocumentRecords], None] | None = None,
        files: Iterable[Path] | None = None, executor=None, use_cache: bool = True) -> RunSummary:
    """Process a folder into datasets: unchanged files come from the cache, the others go to the
    executor (a local process pool by default), results are streamed to the writer in input order."""
    from pipeline.cache import RecordCache, content_hash
    from pipeline.executors import LocalExecutor, source_of

    input_dir, out_dir = Path(input_dir), Path(out_dir)
    paths = list(files) if files is not None else find_inputs(input_dir, exclude=out_dir)
    summary = RunSummary(files=len(paths))
    executor = executor or LocalExecutor()
    with DatasetWriter(out_dir) as writer:
        cache = RecordCache(out_dir) if use_cache else None
        plan = []
        for path in paths:
            source = source_of(path, input_dir)
            try:
                sha = content_hash(path)
            except OSError as e:
                plan.append((path, None, failed("", source, f"cannot open file: {e.strerror or e}")))
                continue
            hit = cache.get(sha, source) if cache else None
            summary.reused += hit is not None
            plan.append((path, sha, hit))
        manifest = run_manifest(plan, input_dir)
        if cache is not None and cache.unchanged(manifest, out_dir):
            writer.abort()
            return summary_from(out_dir, summary, reused=len(plan))
        todo = [p for p, sha, rec in plan if rec is None]
        results = executor.map(todo, input_dir) if todo else iter(())
        for path, sha, records in plan:
            if records is None:
                _, records = next(results)
                if sha and not records.document.doc_id:
                    records.document.doc_id = sha[:16]
                if cache is not None and sha:
                    cache.put(sha, records)
            writer.add(records)
            info = records.document
            summary.documents.append(info)
            summary.pages += info.pages or 0
            if info.status == "failed":
                summary.failed.append((info.source_file, info.error or ""))
            if on_file:
                on_file(path, records)
        summary.rows = writer.commit()
        if cache is not None:
            cache.prune()
    write_reports(out_dir, {source_of(p, input_dir): p for p in paths})
    if cache is not None:
        cache.remember(manifest)
    return summary


def run_manifest(plan: list, input_dir: Path) -> list:
    from pipeline.executors import source_of
    return [[source_of(path, input_dir), sha] for path, sha, _ in plan]


def summary_from(out_dir: Path, summary: RunSummary, reused: int) -> RunSummary:
    """The summary of a run whose outputs are already up to date (nothing changed since)."""
    import pyarrow.parquet as pq

    from schemas.records import DATASETS
    for row in pq.read_table(out_dir / "documents.parquet").to_pylist():
        info = DocumentInfo.model_validate(row)
        summary.documents.append(info)
        summary.pages += info.pages or 0
        if info.status == "failed":
            summary.failed.append((info.source_file, info.error or ""))
    summary.rows = {name: pq.ParquetFile(out_dir / f"{name}.parquet").metadata.num_rows for name in DATASETS}
    summary.reused = reused
    return summary


def write_reports(out_dir: Path, sources: dict[str, Path]) -> None:
    """findings.xlsx and report.html beside the datasets (each written atomically)."""
    from pipeline.report.excel import write_workbook
    from pipeline.report.html import write_report
    write_workbook(out_dir)
    write_report(out_dir, sources)
