"""Per-file results kept by content hash, so that a re-run only works on new and changed files.

An entry is one file's DocumentRecords as JSON, named by the SHA-256 of its bytes and by the
code's fingerprint: a new version of jixiao never reuses an older one's results. Failed files
are not kept (a timeout may pass with more time; a fixed reader may read them).
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from pipeline.files import staged

if TYPE_CHECKING:  # loaded where an entry is read: the unchanged-run check needs no model
    from schemas.records import DocumentRecords

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("parsers", "pipeline", "schemas")
# the libraries whose behaviour shapes the records: an upgrade of any of them reads files anew
PARSING_LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "camelot-py", "rapidocr-onnxruntime", "onnxruntime",
                     "opencv-python-headless", "jieba", "cn2an", "pydantic")


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for name in PARSING_LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "absent"
    return out


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code and data files that shape the records, and of the parsing libraries' versions."""
    h = hashlib.sha256()
    h.update(json.dumps(library_versions(), sort_keys=True).encode())
    for package in PACKAGES:
        for p in sorted((ROOT / package).rglob("*")):
            if p.is_file() and p.suffix in (".py", ".tsv", ".txt", ".json", ".css", ".js"):
                h.update(p.relative_to(ROOT).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:12]


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class RecordCache:
    def __init__(self, out_dir: Path):
        self.dir = Path(out_dir) / ".jixiao-cache" / code_fingerprint()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def _path(self, sha: str) -> Path:
        return self.dir / f"{sha}.json"

    def get(self, sha: str, source_file: str) -> DocumentRecords | None:
        """The entry of these bytes, or None: a missing, unreadable or damaged entry is recomputed."""
        from schemas.records import DocumentRecords
        try:
            p = self._path(sha)
            if not p.exists():
                return None
            records = DocumentRecords.model_validate_json(p.read_bytes())
            if records.document.source_file != source_file:  # the same bytes under another name
                records = relabel(records, source_file)
        except Exception:
            return None
        self.used.add(sha)
        return records

    def put(self, sha: str, records: DocumentRecords) -> None:
        """Keep a file's records (failed files are not kept: a timeout may pass, a fixed reader may read
        them). Raises on a write that fails, after removing its partial file."""
        if records.document.status == "failed":
            return
        self.used.add(sha)
        data = records.model_dump_json().encode()
        with staged(self._path(sha)) as tmp:
            tmp.write_bytes(data)

    @property
    def manifest_path(self) -> Path:
        return self.dir / "manifest.json"

    def unchanged(self, manifest: list, out_dir: Path) -> dict | None:
        """The last complete run's summary if it had the same files, same bytes and same code, and
        its outputs are all there; else None."""
        try:
            last = json.loads(self.manifest_path.read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(last, dict) or last.get("manifest") != manifest:
            return None
        outputs = last.get("outputs") or []
        return last.get("summary") if outputs and all((Path(out_dir) / o).exists() for o in outputs) else None

    def remember(self, manifest: list, outputs: list[str], summary: dict) -> None:
        with staged(self.manifest_path) as tmp:
            tmp.write_text(json.dumps(dict(manifest=manifest, outputs=outputs, summary=summary), ensure_ascii=False))

    def prune(self) -> None:
        """Entries of files no longer in the input, and of older code versions, are removed."""
        for p in self.dir.glob("*.json"):
            if p.stem not in self.used and p != self.manifest_path:
                p.unlink(missing_ok=True)
        for old in self.dir.parent.iterdir():
            if old != self.dir and old.is_dir():
                for p in old.glob("*"):
                    p.unlink(missing_ok=True)
                old.rmdir()


def relabel(records: "DocumentRecords", source_file: str) -> "DocumentRecords":
    from schemas.records import DocumentRecords
    data = records.model_dump()
    for value in data.values():
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            row["source_file"] = source_file
    return DocumentRecords.model_validate(data)
