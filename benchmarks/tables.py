"""Table-understanding benchmark (not a test): per document, the tables found, the tables by kind,
the money cells in `amounts`, and the share of row and column labels understood on the standard
tables of the disclosure packages; then, against the values read by hand from the PDFs
(tests/data/handchecked), how many were found in `amounts`, and how many of those are right.

    .venv/bin/python benchmarks/tables.py [FILE or folder ...]
    .venv/bin/python benchmarks/tables.py --datasets OUT   # read a finished `jixiao run`'s datasets

With no arguments it reads ../shared/samples/wide and ../shared/samples/real.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the hand-checked values and their look-up

from parsers.normalize.vocabulary import kinds  # noqa: E402
from schemas.records import Amount, TableInfo  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
DEFAULT = [SAMPLES / "wide", SAMPLES / "real"]
SUFFIXES = {".pdf", ".txt", ".md", ".html", ".htm", ".docx", ".xlsx"}
# the standard tables of both packages; forms and score sheets are issue 13's, "other" is not understood
FORMS = {"self_evaluation_form", "target_table", "score_sheet"}
STANDARD = {k.kind for k in kinds()} - FORMS


def files(args: list[Path]) -> list[Path]:
    out = []
    for t in args or [d for d in DEFAULT if d.exists()]:
        out.extend(sorted(p for p in t.rglob("*") if p.suffix.lower() in SUFFIXES) if t.is_dir() else [t])
    return out


def from_run(paths: list[Path]) -> tuple[dict, dict]:
    """Each file's tables and amounts, by the same per-file work `jixiao run` does (no cache)."""
    from pipeline.work import process_bytes

    tables, amounts = {}, {}
    for p in paths:
        records = process_bytes(p.read_bytes(), p.name)
        tables[p.name] = records.tables
        amounts[p.name] = records.amounts
        if records.document.status == "failed":
            print(f"  {p.name}: failed ({records.document.error})", file=sys.stderr)
    return tables, amounts


def from_datasets(out: Path) -> tuple[dict, dict]:
    import pyarrow.parquet as pq

    tables, amounts = defaultdict(list), defaultdict(list)
    for row in pq.read_table(out / "tables.parquet").to_pylist():
        tables[row["source_file"]].append(TableInfo.model_validate(row))
    for row in pq.read_table(out / "amounts.parquet").to_pylist():
        amounts[row["source_file"]].append(Amount.model_validate(row))
    return tables, amounts


def report(tables: dict, amounts: dict) -> None:
    print(f"{'document':44} {'tables':>6} {'std':>4} {'forms':>5} {'other':>5} {'amounts':>7} {'labels':>7} {'understood':>10}")
    total = Counter()
    by_kind = Counter()
    for name in sorted(tables):
        ts = tables[name]
        std = [t for t in ts if t.table_kind in STANDARD]
        forms = sum(1 for t in ts if t.table_kind in FORMS)
        other = sum(1 for t in ts if t.table_kind not in STANDARD | FORMS)
        labels = sum(t.labels for t in std)
        understood = sum(t.labels_understood for t in std)
        by_kind.update(t.table_kind for t in ts)
        n_amounts = len(amounts.get(name, []))
        share = f"{understood / labels:10.1%}" if labels else f"{'-':>10}"
        print(f"{name[:44]:44} {len(ts):6d} {len(std):4d} {forms:5d} {other:5d} {n_amounts:7d} {labels:7d} {share}")
        total.update(tables=len(ts), std=len(std), forms=forms, other=other, amounts=n_amounts,
                     labels=labels, understood=understood)
    share = f"{total['understood'] / total['labels']:10.1%}" if total["labels"] else ""
    print(f"{'TOTAL (' + str(len(tables)) + ' files)':44} {total['tables']:6d} {total['std']:4d} {total['forms']:5d} "
          f"{total['other']:5d} {total['amounts']:7d} {total['labels']:7d} {share}")
    print("\ntables by kind:")
    for kind, n in by_kind.most_common():
        print(f"  {kind:44} {n:5d}")


def handchecked(amounts: dict) -> None:
    try:
        from handchecked import find, load
    except ImportError:
        return
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for c in load():
        if c.value is None or Path(c.file).name not in amounts:
            continue
        found = find(amounts[Path(c.file).name], c)
        s = stats[c.doc]
        s[0] += 1
        if found:
            s[1 if any(a.value == c.value for a in found) else 2] += 1
    if not stats:
        return
    print(f"\nhand-checked values (tests/data/handchecked): {'checked':>7} {'found right':>11} {'wrong':>5} {'missing':>7}")
    total = [0, 0, 0]
    for doc, (n, right, wrong) in sorted(stats.items()):
        print(f"  {doc:50} {n:7d} {right:11d} {wrong:5d} {n - right - wrong:7d}")
        total = [t + x for t, x in zip(total, (n, right, wrong))]
    n, right, wrong = total
    print(f"  {'TOTAL':50} {n:7d} {right:11d} {wrong:5d} {n - right - wrong:7d}  ({right / n:.1%} found right)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--datasets", type=Path, help="a finished run's output folder, instead of reading the files")
    a = ap.parse_args()
    tables, amounts = from_datasets(a.datasets) if a.datasets else from_run(files(a.paths))
    report(tables, amounts)
    handchecked(amounts)


if __name__ == "__main__":
    main()
