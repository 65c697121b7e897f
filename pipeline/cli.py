"""The `jixiao` command: a thin shell over pipeline.run and the per-file work.

Exit codes: 0 every file parsed (and, for `check`, no finding at error severity);
1 some file failed (or `check` found an error); 2 usage error (bad arguments, unwritable output).
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

import typer

# Only typer is imported at start-up: `jixiao --version` and `--help` must answer at once; rich, the
# readers and the pipeline are imported by the command that uses them.

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]},
                  help="jixiao (绩效): exact datasets and consistency findings from Chinese public-budget reports.")
DOC_TYPE_LABELS = {"performance_self_evaluation": "绩效自评价", "project_self_evaluation": "项目自评表",
                   "performance_target_table": "绩效目标表", "performance_evaluation": "绩效评价", "budget_disclosure": "预算公开",
                   "final_accounts_disclosure": "决算公开", "unknown": "?"}


@lru_cache(maxsize=None)
def consoles():
    """(stderr console for progress and messages, stdout console for results)."""
    from rich.console import Console
    return Console(stderr=True), Console()


def _version(value: bool):
    if value:
        from pipeline import __version__
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(_: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit.")):
    """Parse report folders into Parquet datasets (`run`) or look at single files (`check`)."""


@app.command()
def run(
    input_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of reports (.pdf .txt .md .html), searched recursively."),
    out: Path = typer.Option(Path("data/parsed"), "--out", "-o", help="Folder for the Parquet datasets."),
    silent: bool = typer.Option(False, "--silent", "-s", help="No progress bar or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print the table of every file."),
    as_json: bool = typer.Option(False, "--json", help="Print the run's summary as JSON on stdout (for scripts)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    timeout: float = typer.Option(600.0, "--timeout", help="Seconds one file may take before its worker is stopped."),
    max_memory: int = typer.Option(4096, "--max-memory", help="Memory limit per worker in MB (0: none)."),
    executor: str = typer.Option("local", "--executor", help="local (process pool) or dask."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Work on every file again instead of reusing unchanged ones."),
):
    """Process every report under INPUT_DIR and write the datasets to --out.

    Unchanged files (same bytes) reuse their results from the last run (kept in OUT/.jixiao-cache).

    Example: jixiao run data/raw --out data/parsed
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from pipeline.run import find_inputs, run as run_pipeline
    console, _ = consoles()
    if executor == "dask" and not scheduler:
        console.print("[red]--executor dask needs --scheduler tcp://HOST:PORT[/]")
        raise typer.Exit(2)
    if executor not in ("local", "dask"):
        console.print(f"[red]unknown executor {executor!r}: local or dask[/]")
        raise typer.Exit(2)

    def pool():  # made only when some file needs work (an unchanged re-run starts no workers)
        from pipeline.executors import DaskExecutor, Limits, LocalExecutor
        limits = Limits(timeout=timeout or None, max_memory_mb=max_memory or None)
        return DaskExecutor(scheduler, limits) if executor == "dask" else LocalExecutor(jobs or None, limits)
    paths = find_inputs(input_dir, exclude=out)
    if not paths and not as_json:
        console.print(f"[yellow]no .pdf/.txt/.md/.html files under {input_dir}[/]")
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
            summary = run_pipeline(input_dir, out, on_file=advance, files=paths, executor=pool, use_cache=not no_cache)
        except PermissionError as e:
            console.print(f"[red]error:[/] {e}")
            raise typer.Exit(2)
        except OSError as e:
            console.print(f"[red]error:[/] cannot write to {out}: {e.strerror or e}")
            raise typer.Exit(2)
    if as_json:
        typer.echo(json.dumps(summary_json(summary, out), ensure_ascii=False, indent=1))
    elif not silent:
        if verbose:
            print_file_table(summary, counts, out)
        print_summary(summary, out)
    raise typer.Exit(0 if summary.ok else 1)


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


@app.command()
def check(
    files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="Report files to look at."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json"),
):
    """Print what jixiao finds in single files: document, tables, score items, figures.

    Example: jixiao check report.pdf --format json
    """
    if fmt not in ("text", "json"):
        consoles()[0].print("[red]--format is text or json[/]")
        raise typer.Exit(2)
    from pipeline.work import process_file
    results = [process_file(f, f.parent) for f in files]
    if fmt == "json":
        typer.echo(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            print_records(r)
    bad = any(r.document.status == "failed" for r in results) or any(
        f.severity == "error" for r in results for f in r.findings)
    raise typer.Exit(1 if bad else 0)


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
    sys.exit(app())
