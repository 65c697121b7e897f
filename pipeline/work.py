"""The per-file work: one file's bytes → document model → records → findings.

A pure function of the bytes and the file's name, so it runs in a local worker, on a Dask worker
or in-process alike, and its result can be cached by content hash. It never raises: whatever goes
wrong becomes the file's `failed` row with the reason, or a warning on a `partial` one. Both the
orchestrator (pipeline.run) and the executors import it; it imports neither.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from parsers import read_document
from parsers.errors import UnreadableFile
from parsers.sanitize import safe_name, safe_text
from pipeline.failures import describe
from schemas.records import DocumentInfo, DocumentRecords


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def failed(doc_id: str, source_file: str, error: str, fmt: str | None = None,
           warnings: list[str] | None = None) -> DocumentRecords:
    return DocumentRecords(document=DocumentInfo(
        doc_id=doc_id, source_file=safe_name(source_file), status="failed", error=safe_text(error)[0][:1000],
        format=fmt, warnings=list(warnings or [])))


def process_bytes(data: bytes, source_file: str) -> DocumentRecords:
    """The per-file work. Never raises."""
    from pipeline.extract import extract
    from pipeline.validate import validate

    source_file = safe_name(source_file)
    doc_id = doc_id_of(data)
    suffix = Path(source_file).suffix.lower()
    fmt = suffix.lstrip(".")
    try:
        document = read_document(data, source_file, doc_id, suffix)
    except UnreadableFile as e:
        return failed(doc_id, source_file, e.reason, fmt)
    except BaseException as e:  # a reader bug must cost one file, not the run
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return failed(doc_id, source_file, f"cannot read: {describe(e)}", fmt)
    try:
        records = extract(document)
    except Exception as e:
        return failed(doc_id, source_file, f"extraction failed: {describe(e)}", fmt, document.warnings + document.unread)
    try:
        records.findings = validate(records)
    except Exception as e:  # the rules fence themselves; this is the validator's own bug
        records.document.warnings.append(f"validation failed: {describe(e)}")
    return records


def process_file(path: Path, root: Path) -> DocumentRecords:
    path, root = Path(path), Path(root)
    source_file = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    try:
        data = path.read_bytes()
    except OSError as e:
        return failed("", source_file, f"cannot open file: {e.strerror or e}")
    return process_bytes(data, source_file)
