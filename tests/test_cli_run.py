"""The run over a folder: datasets per the data contract, failures as rows, atomic output."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal as D

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pipeline.cli import main


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str):
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr
        self.output = stdout + stderr


def invoke(args: list[str], env: dict | None = None) -> Result:
    """The command line run in this process, its exit code and what it printed."""
    import io
    import os
    from contextlib import redirect_stderr, redirect_stdout
    from unittest import mock
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env or {}), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as e:  # argparse's --help, --version and usage errors
            code = e.code
    return Result(code, out.getvalue(), err.getvalue())

CONTRACT = {  # ../shared/domain/data-contract.md: required columns
    "documents": "doc_id source_file doc_type title department fiscal_year pages text_source total_score_stated grade_stated status error",
    "table_cells": "doc_id source_file table_id page row col row_span col_span text value unit",
    "budget_lines": "doc_id source_file table_id page row table_kind item initial_budget adjusted_budget actual_spending execution_rate_pct unit_printed",
    "score_items": "doc_id source_file page row level1 level2 level3 weight target rule evidence score",
    "indicators": "doc_id source_file page level1 level2 level3 half_year_target full_year_target comparator target_value unit",
    "facts": "doc_id source_file page subject value_text value unit sentence",
    "findings": "doc_id source_file page rule severity subject stated_value expected_value message evidence",
}
MONEY = {"budget_lines": ["initial_budget", "adjusted_budget", "actual_spending", "execution_rate_pct"],
         "score_items": ["weight", "score"], "table_cells": ["value"], "facts": ["value"]}


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, raw_dir):
    base = tmp_path_factory.mktemp("run")
    inp = base / "in"
    shutil.copytree(raw_dir, inp)
    (inp / "sub dir 子目录").mkdir()
    (inp / "sub dir 子目录" / "空文件 (1).pdf").write_bytes(b"")
    (inp / "not really.pdf").write_text("hello, I am not a PDF")
    (inp / "notes.docx").write_text("ignored: not a supported suffix")
    out = base / "out"
    result = invoke(["run", str(inp), "--out", str(out), "--silent"])
    return inp, out, result


def test_run_writes_contract_datasets(run_dir):
    _, out, result = run_dir
    assert result.exit_code == 1  # two files failed, documented exit code
    for table, cols in CONTRACT.items():
        t = pq.read_table(out / f"{table}.parquet")
        assert set(cols.split()) <= set(t.column_names), table
        for c in MONEY.get(table, []):
            assert pa.types.is_decimal(t.schema.field(c).type), (table, c)
    assert not [p for p in out.iterdir() if p.name.startswith(".jixiao-staging")]


def test_failed_files_are_rows_and_others_survive(run_dir):
    _, out, _ = run_dir
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("source_file")
    assert docs.loc["sub dir 子目录/空文件 (1).pdf", "status"] == "failed"
    assert "empty file" in docs.loc["sub dir 子目录/空文件 (1).pdf", "error"]
    assert "not a PDF" in docs.loc["not really.pdf", "error"]
    assert "notes.docx" not in docs.index
    assert docs.loc["gxj2024.pdf", "status"] == "ok" and docs.loc["gxj2024.pdf", "pages"] == 14
    assert docs.loc["sjj2024.txt", "text_source"] == "plain_text"
    lines = pq.read_table(out / "budget_lines.parquet").to_pandas()
    basic = lines[(lines.source_file == "gxj2024.pdf") & (lines["item"] == "基本支出")].iloc[0]
    assert basic.initial_budget == D("71969300") and basic.execution_rate_pct == D("96.26")
    items = pq.read_table(out / "score_items.parquet").to_pandas()
    assert items[items.source_file == "gxj2024.pdf"].score.sum() == D("93.98")
    assert items[items.source_file == "sjj2024.txt"].score.dropna().sum() == D("98.5")
    ind = pq.read_table(out / "indicators.parquet").to_pandas()
    assert len(ind[ind.source_file == "gxj_goal2026.pdf"]) == 38


def test_doc_id_is_stable_content_hash(run_dir, raw_dir):
    import hashlib
    _, out, _ = run_dir
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("source_file")
    assert docs.loc["gxj2024.pdf", "doc_id"] == hashlib.sha256((raw_dir / "gxj2024.pdf").read_bytes()).hexdigest()[:16]


def test_previous_datasets_survive_a_crash(tmp_path, raw_dir, monkeypatch):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(raw_dir / "sjj2024.txt", inp)
    out = tmp_path / "out"
    assert invoke(["run", str(inp), "--out", str(out), "--silent"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    shutil.copy(raw_dir / "gxj2024.pdf", inp)

    def crash(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.export.DatasetWriter.commit", crash)
    with pytest.raises(KeyboardInterrupt):
        from pipeline.run import run
        run(inp, out)
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
    assert not list(out.glob(".jixiao-staging*"))


def test_output_inside_input_is_not_read_back(tmp_path, raw_dir):
    inp = tmp_path / "in"
    shutil.copytree(raw_dir, inp)
    out = inp / "parsed"
    assert invoke(["run", str(inp), "--out", str(out), "--silent"]).exit_code == 0
    (out / "stray.txt").write_text("表1\n支出类别\t预算数\n合计\t1.00\n")
    assert invoke(["run", str(inp), "--out", str(out), "--silent"]).exit_code == 0
    docs = pq.read_table(out / "documents.parquet").to_pandas()
    assert sorted(docs.source_file) == ["gxj2024.pdf", "gxj_goal2026.pdf", "sjj2024.txt"]


def test_unwritable_output_is_a_usage_error(tmp_path, raw_dir):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke(["run", str(raw_dir), "--out", str(blocker / "out"), "--silent"])
    assert result.exit_code == 2


def test_check_prints_records_and_json(raw_dir):
    result = invoke(["check", str(raw_dir / "sjj2024.txt")])
    assert result.exit_code == 0
    assert "41 score items" in result.output and "南京市数据局" in result.output
    import json
    result = invoke(["check", str(raw_dir / "gxj_goal2026.pdf"), "--format", "json"])
    data = json.loads(result.output)
    assert data[0]["document"]["doc_type"] == "performance_target_table"
    assert any(f["name"] == "资金总额" and f["value"] == "252270000" for f in data[0]["form_fields"])


def test_help_version_and_usage_errors(tmp_path):
    top = invoke(["--help"])
    assert top.exit_code == 0 and "run" in top.stdout and "check" in top.stdout
    run = invoke(["run", "--help"])
    assert run.exit_code == 0 and "--out" in run.stdout and "INPUT_DIR" in run.stdout
    assert invoke(["--version"]).output.strip() == "0.1.0"
    assert invoke([]).exit_code == 2  # no command: the help, as a usage error
    missing = invoke(["run", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr and "nowhere" in missing.stderr
    assert invoke(["check", str(tmp_path)]).exit_code == 2  # a folder is no report file
    assert invoke(["check", "x.pdf", "--format", "xml"]).exit_code == 2
    assert invoke(["run", str(tmp_path), "--executor", "dask"]).exit_code == 2  # no scheduler


def test_markdown_and_html_give_the_same_records(records):
    from pathlib import Path
    fx = Path(__file__).parent / "fixtures"
    md, html = records(fx / "mini_report.md"), records(fx / "mini_report.html")
    key = lambda b: (b.item, b.initial_budget, b.adjusted_budget, b.actual_spending, b.execution_rate_pct)
    assert [key(b) for b in md.budget_lines] == [key(b) for b in html.budget_lines]
    assert html.budget_lines[0].actual_spending == D("9800000")
    items = lambda r: [(i.level1, i.level2, i.level3, i.weight, i.score) for i in r.score_items]
    assert items(md) == items(html)
    assert items(html)[0] == ("A决策", "A1目标设定", "A11绩效目标合理性", D("2.00"), D("2.00"))
    assert html.document.total_score_stated == D("90.33") and html.document.grade_stated == "优"


def test_page_furniture_stays_out_of_paragraphs(raw_dir):
    from parsers import reader_for
    doc = reader_for(".pdf")((raw_dir / "gxj2024.pdf").read_bytes(), "gxj2024.pdf", "x")
    assert doc.pages == 14
    assert not [p.text for p in doc.paragraphs if p.text.strip().isdigit()]
    assert doc.paragraphs[0].text == "2024年度南京市工业和信息化局部门整体绩效自评价报告"


def small_folder(tmp_path, raw_dir):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(raw_dir / "sjj2024.txt", inp / ("一个很长很长的文件名" * 4 + "sjj2024.txt"))
    (inp / "broken.pdf").write_text("not a PDF")
    return inp


def test_every_output_file_has_the_umask_mode(tmp_path, raw_dir):
    import os
    import stat
    inp, out = small_folder(tmp_path, raw_dir), tmp_path / "out"
    old = os.umask(0o027)
    try:
        from pipeline.files import file_mode
        file_mode.cache_clear()
        invoke(["run", str(inp), "--out", str(out), "--silent", "--jobs", "1"])
    finally:
        os.umask(old)
        file_mode.cache_clear()
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir() if p.is_file()}
    assert {"findings.xlsx", "report.html", "documents.parquet"} <= set(modes)
    assert set(modes.values()) == {0o640}, modes


def test_the_summary_fits_80_columns_and_json_is_for_scripts(tmp_path, raw_dir):
    inp, out = small_folder(tmp_path, raw_dir), tmp_path / "out"
    result = invoke(["run", str(inp), "--out", str(out), "--jobs", "1"], env={"COLUMNS": "80"})
    lines = result.output.splitlines()
    from rich.cells import cell_len
    assert lines and all(cell_len(line) <= 80 for line in lines), lines
    assert len(lines) <= 8 and any(line.startswith("findings:") for line in lines)
    assert any("failed" in line and "broken.pdf" in line for line in lines)
    data = json.loads(invoke(["run", str(inp), "--out", str(out), "--json"]).stdout)
    assert data["files"] == 2 and data["status"] == {"ok": 1, "partial": 0, "failed": 1}
    assert data["reused"] == 2  # nothing changed since the first run
    doc = next(d for d in data["documents"] if d["source_file"].endswith("sjj2024.txt"))
    assert set(doc["findings"]) == {"error", "warning", "info"} and sum(doc["findings"].values()) >= 1
    verbose = invoke(["run", str(inp), "--out", str(out), "--verbose"], env={"COLUMNS": "80"})
    assert "rows:" in verbose.output


@pytest.mark.parametrize("argv, shown", [(["--version"], "0.1.0"), (["--help"], "usage: jixiao")])
def test_version_and_help_import_no_heavy_library(argv, shown):
    import subprocess
    import sys
    code = (f"import sys; sys.argv = ['jixiao', *{argv!r}]\n"
            "from pipeline.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pydantic', 'pyarrow', 'rich', 'pandas', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown in out and out.split("\n")[-2] == "[]"
