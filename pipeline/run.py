"""Orchestration: find the input files, run the per-file work, stream results to the datasets.

The per-file work (pipeline.work) is one pure function of a file's bytes and its name, run by an
executor (pipeline.executors); only the DatasetWriter touches the output folder. Everything that
happens to one file here — its cache entry read or written, its records converted for the
datasets, its part of the reports — is fenced: a problem costs that file (a `failed` row with the
reason) or becomes a warning, never the run.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from typing import TYPE_CHECKING

from parsers import READERS
from pipeline.failures import describe

if TYPE_CHECKING:  # an unchanged re-run answers from the last run's manifest, without the models
    from schemas.records import DocumentInfo, DocumentRecords


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


@dataclass
class Brief:
    """What the summary keeps of a document when nothing changed since the last run (DocumentInfo's names)."""
    source_file: str
    status: str
    doc_type: str | None = None
    pages: int | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    total_score_stated: str | None = None
    duplicates: list[str] = field(default_factory=list)


BRIEF = ("source_file", "status", "doc_type", "pages", "error", "warnings", "total_score_stated", "duplicates")


@dataclass
class RunSummary:
    files: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    documents: list["DocumentInfo | Brief"] = field(default_factory=list)
    reused: int = 0  # files whose results came from the cache
    duplicates: int = 0  # files with the same bytes as another input (read once)
    warnings: list[str] = field(default_factory=list)  # the run's own problems (a report that could not be written)
    severities: dict[str, dict[str, int]] = field(default_factory=dict)  # source_file → findings per severity

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class Planned:
    path: Path
    source: str
    sha: str | None
    records: DocumentRecords | None = None  # known before any work: from the cache, or a failed read
    duplicates: list[str] = field(default_factory=list)


@dataclass
class Hashed:
    path: Path
    source: str
    sha: str | None
    error: str | None = None  # the file could not be opened


def hash_inputs(paths: list[Path], input_dir: Path) -> list[Hashed]:
    from pipeline.cache import content_hash
    from pipeline.executors import source_of

    out = []
    for path in paths:
        source = source_of(path, input_dir)
        try:
            out.append(Hashed(path, source, content_hash(path)))
        except OSError as e:
            out.append(Hashed(path, source, None, f"cannot open file: {e.strerror or e}"))
    return out


def plan_inputs(hashed: list[Hashed], cache) -> list[Planned]:
    """One entry per distinct content: a file with the same bytes as an earlier one is that one's duplicate."""
    from pipeline.work import failed

    plan: list[Planned] = []
    by_sha: dict[str, Planned] = {}
    for h in hashed:
        if h.sha is None:
            plan.append(Planned(h.path, h.source, None, failed("", h.source, h.error)))
            continue
        if h.sha in by_sha:
            by_sha[h.sha].duplicates.append(h.source)
            continue
        hit = cache.get(h.sha, h.source) if cache is not None else None
        by_sha[h.sha] = entry = Planned(h.path, h.source, h.sha, hit)
        plan.append(entry)
    return plan


def run(input_dir: Path, out_dir: Path, on_file: Callable[[Path, DocumentRecords], None] | None = None,
        files: Iterable[Path] | None = None, executor=None, use_cache: bool = True) -> RunSummary:
    """Process a folder into datasets: unchanged files come from the cache, the others go to the
    executor (a local process pool by default), results are streamed to the writer in input order."""
    from pipeline.cache import RecordCache
    from pipeline.executors import source_of

    input_dir, out_dir = Path(input_dir), Path(out_dir)
    paths = list(files) if files is not None else find_inputs(input_dir, exclude=out_dir)
    summary = RunSummary(files=len(paths))
    hashed = hash_inputs(paths, input_dir)
    manifest = run_manifest(hashed)
    cache = RecordCache(out_dir) if use_cache else None
    last = cache.unchanged(manifest, out_dir) if cache is not None else None
    if last is not None:  # same files, same bytes, same code, outputs in place: nothing to do
        from pipeline.files import remove_stale_stages
        remove_stale_stages(out_dir)  # but what a killed run left
        return summary_of(last, summary)
    from pipeline.executors import LocalExecutor
    from pipeline.export import DatasetWriter
    from schemas.records import DATASETS
    with DatasetWriter(out_dir) as writer:
        plan = plan_inputs(hashed, cache)
        summary.reused = sum(1 for p in plan if p.records is not None and p.sha)
        summary.duplicates = len(paths) - len(plan)
        todo = [p.path for p in plan if p.records is None]
        if todo:  # a pool (or a factory of one: nothing is started for a run with nothing to do)
            executor = executor() if callable(executor) and not hasattr(executor, "map") else executor
            executor = executor or LocalExecutor()
        results = executor.map(todo, input_dir) if todo else iter(())
        for entry in plan:
            records = entry.records
            if records is None:
                _, records = next(results)
                if entry.sha and not records.document.doc_id:
                    records.document.doc_id = entry.sha[:16]
                if cache is not None and entry.sha:
                    try:
                        cache.put(entry.sha, records)
                    except Exception as e:  # a cache that cannot be written costs the next run time, nothing else
                        records.document.warnings.append(f"not cached: {describe(e)}")
            records.document.duplicates = entry.duplicates
            records = writer.add(records)
            info = records.document
            summary.documents.append(info)
            summary.pages += info.pages or 0
            summary.severities[info.source_file] = dict(Counter(f.severity for f in records.findings))
            if info.status == "failed":
                summary.failed.append((info.source_file, info.error or ""))
            if on_file:
                on_file(entry.path, records)
        summary.rows = writer.commit()
        if cache is not None:
            cache.prune()
    summary.warnings += write_reports(out_dir, {source_of(p, input_dir): p for p in paths})
    if cache is not None and not summary.warnings:
        outputs = [f"{name}.parquet" for name in DATASETS] + ["findings.xlsx", "report.html"]
        cache.remember(manifest, outputs, summary_record(summary))
    return summary


def run_manifest(hashed: list[Hashed]) -> list:
    """What makes a run's outputs: every input's path and bytes, in input order."""
    return [[h.source, h.sha] for h in hashed]


def summary_record(summary: RunSummary) -> dict:
    """The summary as JSON, kept with the manifest: an unchanged re-run prints it without reading anything."""
    def value(v):
        return str(v) if v is not None and not isinstance(v, (str, int, float, list)) else v
    return dict(pages=summary.pages, duplicates=summary.duplicates, rows=summary.rows, severities=summary.severities,
                documents=[{k: value(getattr(d, k)) for k in BRIEF} for d in summary.documents])


def summary_of(last: dict, summary: RunSummary) -> RunSummary:
    """The summary of a run whose outputs are already up to date (nothing changed since)."""
    summary.documents = [Brief(**d) for d in last["documents"]]
    summary.pages = last["pages"]
    summary.duplicates = last["duplicates"]
    summary.rows = last["rows"]
    summary.severities = last["severities"]
    summary.failed = [(d.source_file, d.error or "") for d in summary.documents if d.status == "failed"]
    summary.reused = summary.files - summary.duplicates
    return summary


def write_reports(out_dir: Path, sources: dict[str, Path]) -> list[str]:
    """findings.xlsx and report.html beside the datasets (each written atomically). A report that
    cannot be written is the run's warning: the datasets are already in place."""
    from pipeline.report.excel import write_workbook
    from pipeline.report.html import write_report
    problems = []
    for name, write in (("findings.xlsx", lambda: write_workbook(out_dir)),
                        ("report.html", lambda: write_report(out_dir, sources))):
        try:
            write()
        except Exception as e:
            problems.append(f"{name} not written: {describe(e)}")
    return problems
