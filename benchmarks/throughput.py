"""Throughput benchmark (not a test): pages/s of jixiao's per-file work against a naive
pdfplumber baseline (extract_text + extract_tables on every page), run on the same files.

    .venv/bin/python benchmarks/throughput.py [PDF or folder ...]

With no arguments it uses ../shared/samples/pdf and ../shared/samples/real when present,
else the bundled data/raw. Each measurement is the best of --repeat runs.

Then, where ../shared/samples/wide is present (or with --wide FOLDER), the whole `jixiao run` over
that folder (every file, OCR included, datasets and reports written) next to the naive baseline on
the same folder's PDFs, both timed in this process; an unchanged re-run of it through the command
line (start-up included); and the OCR pages/s of the folder's scanned files alone.

First of all: the machine (CPU, cores), and the start-up time of `jixiao --version` and `jixiao --help` (a new process each).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber

from pipeline.work import process_bytes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "samples" / "pdf", ROOT.parent / "shared" / "samples" / "real"]
WIDE = ROOT.parent / "shared" / "samples" / "wide"


def pdfs(args: list[str]) -> list[Path]:
    targets = [Path(a) for a in args] or [d for d in DEFAULT if d.exists()] or [ROOT / "data" / "raw"]
    out = []
    for t in targets:
        out.extend(sorted(t.rglob("*.pdf")) if t.is_dir() else [t])
    return out


def naive(data: bytes) -> int:
    import io
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
        return len(pdf.pages)


def jixiao(data: bytes, name: str) -> int:
    records = process_bytes(data, name)
    return records.document.pages or 0


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


CLI = Path(sys.executable).with_name("jixiao")


def command_time(args: list[str], repeat: int = 5) -> float:
    """Best wall time of the installed `jixiao` command with these arguments, in a new process."""
    return best_of(lambda: subprocess.run([str(CLI), *args], capture_output=True, check=False), repeat)


def start_up() -> None:
    if not CLI.exists():
        print(f"(no {CLI}: start-up not measured)")
        return
    print(f"start-up: jixiao --version {command_time(['--version']):.3f} s, "
          f"jixiao --help {command_time(['--help']):.3f} s, jixiao run --help {command_time(['run', '--help']):.3f} s\n")


def machine() -> str:
    """The CPU and the cores this process may use: the same code runs at different speeds on different
    machines of one kind (OCR 0.33 and 0.85 pages/s on the same files), so a figure needs its machine."""
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    from parsers.ocr.engine import cores
    return f"machine: {model}, {cores()} cores"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--wide", type=Path, default=WIDE if WIDE.exists() else None,
                    help="folder for the whole-run measurement (default ../shared/samples/wide)")
    a = ap.parse_args()
    print(machine())
    start_up()
    files = pdfs(a.paths)
    total_pages = 0
    t_naive = t_jx = 0.0
    ocr_pages, t_ocr = 0, 0.0
    ocr_files = []
    print(f"{'file':48} {'pages':>5} {'naive p/s':>10} {'jixiao p/s':>10} {'speed-up':>8}")
    for f in files:
        data = f.read_bytes()
        t = time.perf_counter()
        records = process_bytes(data, f.name)
        elapsed = time.perf_counter() - t
        pages = records.document.pages or 0
        if records.document.text_source in ("ocr", "mixed"):
            ocr_pages += pages
            t_ocr += elapsed
            ocr_files.append(f)
            print(f"{f.name[:48]:48} {pages:5d} {'(OCR)':>10} {pages / elapsed:10.2f}")
            continue
        if not pages:
            print(f"{f.name[:48]:48} {'-':>5} (failed: {records.document.error})")
            continue
        tn = best_of(lambda: naive(data), a.repeat)
        tj = best_of(lambda: jixiao(data, f.name), a.repeat)
        total_pages += pages
        t_naive += tn
        t_jx += tj
        print(f"{f.name[:48]:48} {pages:5d} {pages / tn:10.1f} {pages / tj:10.1f} {tn / tj:8.2f}")
    if total_pages:
        print(f"{'TOTAL born-digital':48} {total_pages:5d} {total_pages / t_naive:10.1f} {total_pages / t_jx:10.1f} {t_naive / t_jx:8.2f}")
    if ocr_pages:
        print(f"{'TOTAL OCR':48} {ocr_pages:5d} {'':>10} {ocr_pages / t_ocr:10.2f}")
    if total_pages:
        whole_runs([f for f in files if f not in ocr_files], total_pages / t_naive)
    if a.wide is not None:
        wide_run(a.wide)


def wide_run(folder: Path) -> None:
    """The whole run over a folder of real documents against the naive baseline on its PDFs."""
    import tempfile

    from pipeline.executors import LocalExecutor
    from pipeline.run import run

    files = sorted(folder.rglob("*.pdf"))
    t = time.perf_counter()
    naive_pages = 0
    for f in files:
        try:
            naive_pages += naive(f.read_bytes())
        except Exception:
            pass
    t_naive = time.perf_counter() - t
    print(f"\nwhole run over {folder} ({len(files)} PDFs, {naive_pages} pages; the folder's other files too):")
    print(f"  naive pdfplumber baseline, 1 process: {t_naive:7.1f} s ({naive_pages / t_naive:5.1f} pages/s)")
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in (1, 2):
            t = time.perf_counter()
            summary = run(folder, Path(tmp) / f"out{jobs}", executor=LocalExecutor(jobs))
            elapsed = time.perf_counter() - t
            statuses = {s: sum(1 for d in summary.documents if d.status == s) for s in ("ok", "partial", "failed")}
            print(f"  jixiao run, {jobs} worker{'s' if jobs > 1 else ' '}:          {elapsed:7.1f} s "
                  f"({summary.pages / elapsed:5.1f} pages/s, {summary.pages} pages, OCR included; "
                  f"{t_naive / elapsed:4.2f}x the baseline's speed; files {statuses})")
        if CLI.exists():  # the same folder again through the command line: start-up, cache check, nothing else
            again = best_of(lambda: subprocess.run([str(CLI), "run", str(folder), "-o", str(Path(tmp) / "out2"), "-s"],
                                                   check=False), 3)
            print(f"  unchanged re-run (jixiao run, start-up and reports included): {again:.2f} s")
        scanned = [folder / d.source_file for d in summary.documents if d.text_source in ("ocr", "mixed")]
    ocr_speed(scanned)


def ocr_speed(files: list[Path]) -> None:
    """Pages/s of the per-file work on the scanned files (OCR of every page without a text layer)."""
    from parsers.ocr.engine import reader_count
    pages, elapsed = 0, 0.0
    for f in files:
        data = f.read_bytes()
        t = time.perf_counter()
        records = process_bytes(data, f.name)
        elapsed += time.perf_counter() - t
        pages += records.document.pages or 0
    if pages:
        print(f"  OCR: {pages} pages of {len(files)} scanned files in {elapsed:.1f} s = {pages / elapsed:.2f} pages/s "
              f"(one process, its lines read on {reader_count()} threads)")


def whole_runs(files: list[Path], naive_pps: float) -> None:
    """`jixiao run` on the born-digital files: 1 and 2 workers, and an unchanged re-run."""
    import shutil
    import tempfile

    from pipeline.executors import LocalExecutor
    from pipeline.run import run

    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in"
        inp.mkdir()
        for f in files:
            shutil.copy(f, inp / f.name)
        print()
        for jobs in (1, 2):
            t = time.perf_counter()
            summary = run(inp, Path(tmp) / f"out{jobs}", executor=LocalExecutor(jobs), use_cache=False)
            elapsed = time.perf_counter() - t
            pps = summary.pages / elapsed
            print(f"run, {jobs} worker{'s' if jobs > 1 else ' '}: {summary.pages} pages in {elapsed:6.2f} s = "
                  f"{pps:6.1f} pages/s ({pps / naive_pps:4.2f}x the naive baseline)")
        out = Path(tmp) / "cached"
        t = time.perf_counter()
        run(inp, out, executor=LocalExecutor(2))
        first = time.perf_counter() - t
        t = time.perf_counter()
        again = run(inp, out, executor=LocalExecutor(2))
        second = time.perf_counter() - t
        print(f"unchanged re-run: {second:.2f} s against {first:.2f} s for the first run "
              f"({first / second:.0f}x faster, {again.reused} files reused)")


if __name__ == "__main__":
    main()
