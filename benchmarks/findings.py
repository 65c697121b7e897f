"""Findings on the real documents against the reviewed ledger (benchmarks/reviewed_findings.tsv).

    .venv/bin/python benchmarks/findings.py [SAMPLES_DIR]

Runs the pipeline over ../shared/samples/wide and real, and prints every error and warning with its
verdict from the ledger: `true` (checked by hand against the page), `FALSE` (a misreading the ledger
records: it must not come back) or `UNREVIEWED` (not yet checked: a change that adds one is not done).
Exits 1 when a false or unreviewed error or warning is reported, or a true one is no longer found.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.work import process_bytes  # noqa: E402

LEDGER = ROOT / "benchmarks" / "reviewed_findings.tsv"
FOLDERS = ("wide", "real")
SUFFIXES = (".pdf", ".txt", ".md", ".html")


def key(source_file: str, page, rule: str, subject: str, stated) -> tuple:
    return (source_file, str(page or ""), rule, subject, stated or "")


def ledger() -> dict[tuple, dict]:
    lines = [ln for ln in LEDGER.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return {key(r["source_file"], r["page"], r["rule"], r["subject"], r["stated_value"]): r
            for r in csv.DictReader(lines, delimiter="\t")}


def documents(samples: Path) -> list[Path]:
    return sorted(p for d in FOLDERS if (samples / d).is_dir() for p in (samples / d).iterdir()
                  if p.suffix.lower() in SUFFIXES)


def review(samples: Path) -> tuple[list[tuple], Counter]:
    """(verdict, finding) for every error and warning, and the counts of every severity."""
    known = ledger()
    out, counts = [], Counter()
    for path in documents(samples):
        records = process_bytes(path.read_bytes(), path.name)
        for f in records.findings:
            counts[f.severity] += 1
            if f.severity in ("error", "warning"):
                row = known.get(key(f.source_file, f.page, f.rule, f.subject, f.stated_value))
                verdict = "UNREVIEWED" if row is None else ("true" if row["verdict"] == "true" else "FALSE")
                out.append((verdict, f))
    return out, counts


def missing_true(found: list[tuple]) -> list[dict]:
    """The ledger's true findings that a run no longer reports (a real error lost)."""
    seen = {key(f.source_file, f.page, f.rule, f.subject, f.stated_value) for _, f in found}
    return [row for k, row in ledger().items() if row["verdict"] == "true" and k not in seen]


def main() -> int:
    samples = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "samples"
    found, counts = review(samples)
    for verdict, f in found:
        print(f"{verdict:<10} {f.severity:<7} {f.rule:<22} {f.source_file[:36]:<36} p{f.page or '-':<4} "
              f"{f.stated_value or ''} → {f.expected_value or ''}")
    verdicts = Counter(v for v, _ in found)
    print(f"\n{'rule':<24}{'findings':>9}{'reviewed':>9}{'true':>6}{'false':>6}{'unreviewed':>11}")
    for rule in sorted({f.rule for _, f in found}):
        mine = Counter(v for v, f in found if f.rule == rule)
        total = sum(mine.values())
        print(f"{rule:<24}{total:>9}{total - mine['UNREVIEWED']:>9}{mine['true']:>6}{mine['FALSE']:>6}{mine['UNREVIEWED']:>11}")
    missing = missing_true(found)
    print(f"\n{len(documents(samples))} documents; findings by severity: {dict(counts)}; "
          f"errors and warnings by verdict: {dict(verdicts)}; true ledger rows no longer found: {len(missing)}")
    for row in missing:
        print(f"  missing: {row['rule']} {row['source_file']} p{row['page']} {row['stated_value']}")
    return 1 if verdicts["FALSE"] or verdicts["UNREVIEWED"] or missing else 0


if __name__ == "__main__":
    sys.exit(main())
