"""The `jixiao` command: a thin shell over pipeline.run and the per-file work.

Exit codes: 0 every file parsed (and, for `check`, no finding at error severity);
1 some file failed (or `check` found an error); 2 usage error (bad arguments, unwritable output).
"""
from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

# The standard library's argparse, not a CLI framework: `jixiao --version` and `--help` must answer
# at once, and typer's import alone took 0.09 s of the 0.15 s allowed. rich, the readers and the
# pipeline are imported by the command that uses them.

DOC_TYPE_LABELS = {"performance_self_evaluation": "绩效自评价", "project_self_evaluation": "项目自评表",
                   "performance_target_table": "绩效目标表", "performance_evaluation": "绩效评价", "budget_disclosure": "预算公开",
                   "final_accounts_disclosure": "决算公开", "unknown": "?"}


@lru_cache(maxsize=None)
def consoles():
    """(stderr console for progress and messages, stdout console for results)."""
    from rich.console import Console
    return Console(stderr=True), Console()


def parser() -> argparse.ArgumentParser:
    from pipeline import __version__
    top = argparse.ArgumentParser(
        prog="jixiao", description="jixiao (绩效): exact datasets and consistency findings from Chinese public-budget reports. "
        "Parse report folders into Parquet datasets (run) or look at single files (check).")
    top.add_argument("--version", action="version", version=__version__, help="show the version and exit")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser(
        "run", help="process every report under INPUT_DIR and write the datasets to --out",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Process every report under INPUT_DIR and write the datasets to --out.\n\n"
        "Unchanged files (same bytes) reuse their results from the last run (kept in OUT/.jixiao-cache).\n\n"
        "Example: jixiao run data/raw --out data/parsed")
    run.add_argument("input_dir", type=folder, metavar="INPUT_DIR", help="folder of reports (.pdf .txt .md .html), searched recursively")
    run.add_argument("--out", "-o", type=Path, default=Path("data/parsed"), metavar="DIR", help="folder for the Parquet datasets (default: data/parsed)")
    run.add_argument("--silent", "-s", action="store_true", help="no progress bar or summary")
    run.add_argument("--verbose", "-v", action="store_true", help="also print the table of every file")
    run.add_argument("--json", dest="as_json", action="store_true", help="print the run's summary as JSON on stdout (for scripts)")
    run.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default 0: one per core)")
    run.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS", help="seconds one file may take before its worker is stopped (default 600)")
    run.add_argument("--max-memory", type=int, default=4096, metavar="MB", help="memory limit per worker in MB (default 4096; 0: none)")
    run.add_argument("--executor", choices=("local", "dask"), default="local", help="local (process pool, the default) or dask")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    run.add_argument("--no-cache", action="store_true", help="work on every file again instead of reusing unchanged ones")
    run.set_defaults(handler=run_command)
    check = commands.add_parser(
        "check", help="print what jixiao finds in single files: document, tables, score items, figures",
        description="Print what jixiao finds in single files: document, tables, score items, figures. "
        "Example: jixiao check report.pdf --format json")
    check.add_argument("files", nargs="+", type=report_file, metavar="FILE", help="report files to look at")
    check.add_argument("--format", "-f", dest="fmt", choices=("text", "json"), default="text", help="text (the default) or json")
    check.set_defaults(handler=check_command)
    return top


def folder(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text}: {'not a folder' if path.exists() else 'no such folder'}")
    return path


def report_file(text: str) -> Path:
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: {'a folder, not a file' if path.exists() else 'no such file'}")
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (sys.argv's by default); the exit code."""
    top = parser()
    args = top.parse_args(argv)  # usage errors: argparse prints them and exits with 2
    if args.command is None:
        top.print_help(sys.stderr)
        return 2
    return args.handler(args)


def run_command(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from pipeline.run import find_inputs, run as run_pipeline
    console, _ = consoles()
    out, as_json, silent = args.out, args.as_json, args.silent
    if args.executor == "dask" and not args.scheduler:
        console.print("[red]--executor dask needs --scheduler tcp://HOST:PORT[/]")
        return 2

    def pool():  # made only when some file needs work (an unchanged re-run starts no workers)
        from pipeline.executors import DaskExecutor, Limits, LocalExecutor
        limits = Limits(timeout=args.timeout or None, max_memory_mb=args.max_memory or None)
        return DaskExecutor(args.scheduler, limits) if args.executor == "dask" else LocalExecutor(args.jobs or None, limits)
    paths = find_inputs(args.input_dir, exclude=out)
    if not paths and not as_json:
        console.print(f"[yellow]no .pdf/.txt/.md/.html files under {args.input_dir}[/]")
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[pages]} pages"), TimeRemainingColumn(),
                        console=console, disable=silent or as_json or not paths, transient=True)
    pages = 0
    counts: dict[str, tuple[int, ...]] = {}
    with progress:
        task = progress.add_task("parsing", total=len(paths), pages=0)

        def advance(path, records):
            nonlocal pages
            pages += records.document.pages or 0
            counts[records.document.source_file] = (len(records.budget_lines), len(records.score_items),
                                                    len(records.indicators), len(records.facts), len(records.findings))
            progress.update(task, advance=1, pages=pages, description=path.name[:40])

        try:
            summary = run_pipeline(args.input_dir, out, on_file=advance, files=paths, executor=pool,
                                   use_cache=not args.no_cache)
        except PermissionError as e:
            console.print(f"[red]error:[/] {e}")
            return 2
        except OSError as e:
            console.print(f"[red]error:[/] cannot write to {out}: {e.strerror or e}")
            return 2
    if as_json:
        print(json.dumps(summary_json(summary, out), ensure_ascii=False, indent=1))
    elif not silent:
        if args.verbose:
            print_file_table(summary, counts, out)
        print_summary(summary, out)
    return 0 if summary.ok else 1


SEVERITIES = ("error", "warning", "info")


def outputs(out: Path) -> list[str]:
    return [str(out / "*.parquet"), str(out / "findings.xlsx"), str(out / "report.html")]


def summary_json(summary, out: Path) -> dict:
    """What a script needs of a run: counts, and per file its status, type and findings by severity."""
    statuses = {s: sum(1 for d in summary.documents if d.status == s) for s in ("ok", "partial", "failed")}
    totals = {s: sum(summary.severities.get(d.source_file, {}).get(s, 0) for d in summary.documents) for s in SEVERITIES}
    return {
        "files": summary.files, "pages": summary.pages, "reused": summary.reused, "duplicates": summary.duplicates,
        "status": statuses, "findings": totals, "rows": summary.rows, "outputs": outputs(out),
        "warnings": summary.warnings,
        "documents": [{"source_file": d.source_file, "status": d.status, "doc_type": d.doc_type, "pages": d.pages,
                       "error": d.error, "findings": {s: summary.severities.get(d.source_file, {}).get(s, 0)
                                                      for s in SEVERITIES}} for d in summary.documents],
    }


def fit(text: str, width: int) -> str:
    """A file name shortened in the middle to fit `width` columns (CJK characters take two)."""
    from rich.cells import cell_len
    if cell_len(text) <= width:
        return text
    head, tail = "", ""
    left, right = 0, len(text) - 1
    while left <= right:
        if cell_len(head) <= cell_len(tail):
            if cell_len(head + text[left] + "…" + tail) > width:
                break
            head += text[left]
            left += 1
        else:
            if cell_len(head + "…" + text[right] + tail) > width:
                break
            tail = text[right] + tail
            right -= 1
    return head + "…" + tail


def print_summary(summary, out: Path) -> None:
    """A few lines that fit 80 columns: counts per status and severity, the files with errors, where
    the outputs are. The table of every file is `--verbose`'s (and the report's)."""
    console, _ = consoles()
    width = min(console.width, 80)
    data = summary_json(summary, out)
    st, fs = data["status"], data["findings"]
    console.print(f"jixiao: {summary.files} files, {summary.pages} pages: {st['ok']} ok, {st['partial']} partial, "
                  f"{st['failed']} failed" + (f"; {summary.reused} unchanged, reused" if summary.reused else ""),
                  highlight=False)
    console.print(f"findings: [bold red]{fs['error']} errors[/], [yellow]{fs['warning']} warnings[/], "
                  f"[blue]{fs['info']} info[/]", highlight=False)
    with_errors = [d for d in data["documents"] if d["findings"]["error"]]
    if with_errors:
        console.print(f"files with errors ({len(with_errors)}):", highlight=False)
        for d in with_errors[:20]:
            console.print(f"  {d['findings']['error']:>3}  " + fit(d["source_file"], width - 7), highlight=False)
        if len(with_errors) > 20:
            console.print(f"  … and {len(with_errors) - 20} more (see report.html)", highlight=False)
    for d in summary.documents:
        if d.status == "failed":
            console.print("[red]failed[/] " + fit(f"{d.source_file}: {d.error}", width - 7), highlight=False)
        elif d.status == "partial":
            console.print("[yellow]partial[/] " + fit(f"{d.source_file}: {'; '.join(d.warnings)}", width - 8),
                          highlight=False)
    for warning in summary.warnings:
        console.print("[yellow]warning:[/] " + fit(warning, width - 9), highlight=False)
    console.print("outputs: " + fit(str(out), width - 9) + "/{*.parquet, findings.xlsx, report.html}", highlight=False)


def print_file_table(summary, counts, out: Path) -> None:
    from rich.table import Table as RichTable
    console, _ = consoles()
    table = RichTable(title=f"jixiao: {summary.files} files, {summary.pages} pages → {out}")
    for col in ("file", "type", "pages", "score", "budget", "items", "indic.", "facts", "findings"):
        table.add_column(col, overflow="fold")
    for d in summary.documents:
        if d.status == "failed":
            table.add_row(d.source_file, f"[red]failed[/]: {d.error}")
            continue
        n = counts.get(d.source_file, ())
        kind = DOC_TYPE_LABELS.get(d.doc_type, d.doc_type) + (" [yellow](partial)[/]" if d.status == "partial" else "")
        table.add_row(d.source_file, kind, str(d.pages or ""), str(d.total_score_stated or ""), *map(str, n))
    console.print(table)
    console.print("rows: " + ", ".join(f"{k} {v}" for k, v in summary.rows.items()))


def check_command(args: argparse.Namespace) -> int:
    from pipeline.work import process_file
    results = [process_file(f, f.parent) for f in args.files]
    if args.fmt == "json":
        print(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            print_records(r)
    bad = any(r.document.status == "failed" for r in results) or any(
        f.severity == "error" for r in results for f in r.findings)
    return 1 if bad else 0


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "blue"}


def print_findings(r) -> None:
    """Findings first, grouped by severity, one line each: what an auditor reads first."""
    _, out = consoles()
    if not r.findings:
        out.print("[green]no findings[/]")
        return
    for severity in ("error", "warning", "info"):
        group = [f for f in r.findings if f.severity == severity]
        if not group:
            continue
        out.print(f"[{SEVERITY_STYLE[severity]}]{severity}: {len(group)}[/]")
        for f in sorted(group, key=lambda f: f.page or 0):
            page = f"p{f.page}" if f.page else "  "
            out.print(f"  {page:>4} [dim]{f.rule}[/] {f.message}", highlight=False)


def print_records(r) -> None:
    from rich.table import Table as RichTable
    _, out = consoles()
    d = r.document
    out.rule(f"[bold]{d.source_file}[/]")
    if d.status == "failed":
        out.print(f"[red]failed:[/] {d.error}")
        return
    out.print(f"type {d.doc_type} | title {d.title} | department {d.department} | year {d.fiscal_year} | "
              f"pages {d.pages} | text {d.text_source}")
    if d.total_score_stated is not None or d.grade_stated:
        out.print(f"stated total {d.total_score_stated} grade {d.grade_stated} | sheet total {d.total_score_sheet}")
    out.print(f"{len(r.table_cells)} table cells, {len(r.budget_lines)} budget lines, {len(r.score_items)} score items, "
              f"{len(r.indicators)} indicators, {len(r.facts)} facts, {len(r.form_fields)} form fields")
    if r.budget_lines:
        t = RichTable("table", "kind", "item", "年初预算(元)", "调整后预算(元)", "实际支出(元)", "执行率%", title="budget lines")
        for b in r.budget_lines:
            t.add_row(b.table_id, b.table_kind, b.item, *(str(v) if v is not None else "" for v in
                      (b.initial_budget, b.adjusted_budget, b.actual_spending, b.execution_rate_pct)))
        out.print(t)
    if r.score_items:
        t = RichTable("一级", "二级", "三级", "权重", "得分", title=f"score items (sum {sum(i.score or 0 for i in r.score_items)})")
        for i in r.score_items:
            t.add_row(i.level1 or "", i.level2 or "", i.level3, str(i.weight or ""), str(i.score if i.score is not None else ""))
        out.print(t)
    if r.indicators:
        t = RichTable("一级", "二级", "三级", "半年", "全年", "值", "单位", title="indicators")
        for i in r.indicators:
            t.add_row(i.level1 or "", i.level2 or "", i.level3, i.half_year_target or "", i.full_year_target or "",
                      f"{i.comparator or ''}{i.target_value if i.target_value is not None else ''}", i.unit or "")
        out.print(t)
    print_findings(r)


if __name__ == "__main__":
    sys.exit(main())
