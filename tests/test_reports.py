"""Issue 7: the workbook and the HTML report an auditor opens."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from pipeline.executors import LocalExecutor
from pipeline.run import run

RAW = Path(__file__).parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("reports")
    inp = base / "in"
    shutil.copytree(RAW, inp)
    (inp / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    run(inp, base / "out", executor=LocalExecutor(2))
    return base / "out"


def test_workbook_sheets_headers_formats_and_colours(out):
    wb = openpyxl.load_workbook(out / "findings.xlsx")
    assert wb.sheetnames[0] == "问题清单"
    assert set(wb.sheetnames) >= {"文件", "预算表行", "评分表", "绩效指标", "正文数字", "表格单元格"}
    ws = wb["问题清单"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["文件编号", "文件", "页码", "规则", "严重程度", "对象", "报告所写", "重算结果"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    mislabelled = next(r for r in rows if r[3] == "rate.mislabelled" and r[5] == "基本支出预算执行率")
    assert mislabelled[4] == "错误" and mislabelled[6] == "84.62%"
    severity_cell = next(r for r in ws.iter_rows(min_row=2) if r[4].value == "错误")[4]
    assert severity_cell.fill.fgColor.rgb.endswith("F8CBAD")
    lines = wb["预算表行"]
    head = [c.value for c in lines[1]]
    row = next(r for r in lines.iter_rows(min_row=2) if r[head.index("项目")].value == "基本支出")
    money = row[head.index("年初预算数(元)")]
    assert money.value == 71969300 and money.number_format == "#,##0.00"
    rate = row[head.index("预算执行率(%)")]
    assert rate.value == pytest.approx(96.26) and rate.number_format == '0.00"%"'


def test_report_is_self_contained_with_page_pictures(out):
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "基本支出预算执行率写作84.62%" in page
    assert "无法读取" in page and "broken.pdf" in page
    assert len(re.findall(r"<img class='region'[^>]+src='data:image/png;base64,", page)) >= 7
    assert not re.search(r"(src|href)=['\"]https?://", page)  # works offline
    assert "<mark>" in page  # text inputs quote the evidence with the figure marked


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium (CI installs Debian's)")
def test_report_renders_in_a_headless_browser(out, tmp_path):
    flags = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=5000"]
    url = (out / "report.html").as_uri()
    dom = subprocess.run(flags + ["--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    images = int(re.search(r'data-images="(\d+)"', dom).group(1))
    loaded = int(re.search(r'data-images-loaded="(\d+)"', dom).group(1))
    assert images >= 7 and loaded == images  # every picture decoded and shown
    assert dom.count("class=\"finding\"") >= 13
    shot = tmp_path / "shot.png"
    subprocess.run(flags + ["--window-size=1200,1600", f"--screenshot={shot}", url], capture_output=True, timeout=120)
    from PIL import Image
    img = Image.open(shot).convert("L")
    colours = img.getcolors(maxcolors=1 << 20)
    assert img.size == (1200, 1600) and colours is not None and len(colours) > 50  # a page, not a blank screen
