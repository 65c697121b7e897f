"""Issue 7: the workbook and the HTML report an auditor opens."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
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
    swapped = next(r for r in rows if r[3] == "rate.swapped")
    assert swapped[4] == "错误" and swapped[5] == "部门整体、基本支出、项目支出预算执行率"
    assert swapped[6] == "96.26%、84.62%、94.12%"
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
    # a picture for every finding on a page of a PDF (gxj2024's five; the text report has no pages)
    on_pages = pd.read_parquet(out / "findings.parquet").query("source_file.str.endswith('.pdf') and page.notna()")
    assert len(on_pages) == 5
    assert len(re.findall(r"<img class='region' loading='lazy'[^>]+src='data:image/jpeg;base64,", page)) == len(on_pages)
    assert not re.search(r"(src|href)=['\"]https?://", page)  # works offline
    assert "<mark>" in page  # text inputs quote the evidence with the figure marked


# --- a folder of thirty: the overview, the filters, the pictures, in a real browser -----------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--virtual-time-budget=8000"]
TEXT_REPORT = ("南京市第{n}测试局2024年度部门整体支出绩效自评价报告\n\n一、部门基本情况\n\n"
               "2024年预算支出{total}.00万元，其中：基本支出{basic}.00万元，项目支出300.00万元。\n")


def rotated_copy(src: Path, dst: Path) -> None:
    """The pages as a scanner or Excel export of a landscape table makes them: the content drawn
    turned a quarter left in a portrait MediaBox, /Rotate 90 turning it upright for display (the
    Jiangsu packages)."""
    import pypdfium2
    pdf, out = pypdfium2.PdfDocument(src), pypdfium2.PdfDocument.new()
    for i in range(len(pdf)):
        w, h = pdf[i].get_size()
        content = pdf.page_as_xobject(i, out).as_pageobject()
        content.transform(pypdfium2.PdfMatrix().rotate(90, ccw=True).translate(h, 0))
        page = out.new_page(h, w)
        page.insert_obj(content)
        page.gen_content()
        page.set_rotation(90)
    out.save(dst)


@pytest.fixture(scope="module")
def thirty(tmp_path_factory):
    """30 files: the three samples, a rotated copy of one, a broken PDF and 25 short text reports
    (every second one with parts that do not add up to their total)."""
    base = tmp_path_factory.mktemp("thirty")
    inp = base / "in"
    shutil.copytree(RAW, inp)
    rotated_copy(RAW / "gxj2024.pdf", inp / "gxj2024_rotated.pdf")
    (inp / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    for n in range(1, 26):
        basic = 600 + n
        (inp / f"text{n:02d}.txt").write_text(TEXT_REPORT.format(n=n, basic=basic, total=basic + 300 + n % 2),
                                               encoding="utf-8")
    run(inp, base / "out", executor=LocalExecutor(2))
    return inp, base / "out"


def browser(tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=180)


def finding_image(page: str, source_file: str, rule: str):
    """The picture of the first finding of `rule` in the section of `source_file`, decoded."""
    import base64
    import io
    from PIL import Image
    section = page[page.index(f"<h2>{source_file}<"):]
    section = section[:section.index("</section>")]
    block = next(b for b in section.split("<div class='finding'")[1:] if f"data-rule='{rule}'" in b.split(">")[0])
    data = re.search(r"src='data:image/jpeg;base64,([^']+)'", block).group(1)
    return Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")


def red_box(img) -> tuple[int, int, int, int]:
    """The bounds of the red mark drawn around the stated figure."""
    px = img.load()
    red = [(x, y) for x in range(img.width) for y in range(img.height)
           if px[x, y][0] > 170 and px[x, y][1] < 70 and px[x, y][2] < 70]
    assert red, "no red mark in the picture"
    xs, ys = [x for x, _ in red], [y for _, y in red]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium (CI installs Debian's)")
def test_report_of_thirty_files_in_a_headless_browser(thirty, tmp_path):
    import pyarrow.parquet as pq
    inp, out = thirty
    url = (out / "report.html").as_uri()
    findings = pq.read_table(out / "findings.parquet").to_pylist()
    files = sorted(p.name for p in inp.iterdir())
    assert len(files) == 30

    # the overview lists every file with its findings by severity
    dom = browser(tmp_path, "--dump-dom", url).stdout
    table = dom[dom.index("<table class=\"overview\""):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr class=\"(\w+)\" data-doc=\"(d\d+)\"><td><a href=\"#d\d+\">([^<]+)</a></td>(.*?)</tr>", table)
    assert sorted(r[2] for r in rows) == files
    for status, _, name, cells in rows:
        counts = [int(n) for n in re.findall(r"<td class=\"n \w+\">(\d+)</td>", cells)]
        expected = [sum(1 for f in findings if f["source_file"] == name and f["severity"] == s)
                    for s in ("error", "warning", "info")]
        assert counts == expected, name
    assert dict((r[2], r[0]) for r in rows)["broken.pdf"] == "failed"
    assert dict((r[2], r[0]) for r in rows)["text02.txt"] == "ok"
    # the text reports whose parts do not add up: one error each, the others none
    assert [sum(1 for f in findings if f["source_file"] == f"text{n:02d}.txt") for n in (1, 2, 3)] == [1, 0, 1]

    # a filter from the address hides the other severities
    dom = browser(tmp_path, "--dump-dom", url + "#sev=error").stdout
    blocks = re.findall(r"<div class=\"finding\"([^>]*)>", dom)
    assert len(blocks) == len(findings)
    errors = [b for b in blocks if 'data-sev="error"' in b]
    others = [b for b in blocks if 'data-sev="error"' not in b]
    assert errors and others
    assert all("hidden" not in b for b in errors) and all("hidden" in b for b in others)
    assert int(re.search(r'data-shown="(\d+)"', dom).group(1)) == len(errors)
    loaded = int(re.search(r'data-images-loaded="(\d+)"', dom).group(1))
    assert loaded >= 1  # the pictures in view decode (the others load lazily, as they come into view)

    # the picture of "基本支出 预算执行率 96.26%" (p. 2, table row 基本支出; 7,328.87 ÷ 7,612.64 = 96.27%):
    # the red mark sits on the figure, on the rotated copy as on the original
    page = (out / "report.html").read_text(encoding="utf-8")
    straight = finding_image(page, "gxj2024.pdf", "rate.recompute")
    turned = finding_image(page, "gxj2024_rotated.pdf", "rate.recompute")
    box = red_box(straight)
    assert red_box(turned) == pytest.approx(box, abs=2)
    assert straight.size == turned.size
    inside = straight.crop((box[0] + 4, box[1] + 4, box[2] - 4, box[3] - 4)).convert("L")
    assert inside.getextrema()[0] < 100  # ink: the figure is inside the mark, not beside it
    from PIL import ImageChops, ImageStat
    diff = ImageChops.difference(inside, turned.crop((box[0] + 4, box[1] + 4, box[2] - 4, box[3] - 4)).convert("L"))
    assert ImageStat.Stat(diff).mean[0] < 25  # the same figure under both marks

    # the mark is where the figure is printed: pdfplumber's own box of the table's "96.26%" on p. 2
    import pdfplumber
    with pdfplumber.open(RAW / "gxj2024.pdf") as pdf:
        words = [w for w in pdf.pages[1].extract_words() if w["text"] == "96.26%"]
    stated = next(f for f in findings if f["source_file"] == "gxj2024.pdf" and f["rule"] == "rate.recompute")
    x0, top, x1, bottom = stated["bbox"]
    assert any(x0 <= w["x0"] and w["x1"] <= x1 and top <= w["top"] and w["bottom"] <= bottom for w in words)
    turned_finding = next(f for f in findings if f["source_file"] == "gxj2024_rotated.pdf" and f["rule"] == "rate.recompute")
    assert turned_finding["bbox"] == pytest.approx(stated["bbox"], abs=0.5)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium (CI installs Debian's)")
def test_report_screenshot_draws_chinese(out, tmp_path):
    """The title "jixiao 核查报告" in the screenshot: drawn in a CJK font its four characters take
    four em (an ideograph is one em wide); without one Chromium draws four narrow boxes of hex digits."""
    from PIL import Image
    shot = tmp_path / "shot.png"
    browser(tmp_path, "--window-size=1200,400", "--hide-scrollbars", f"--screenshot={shot}", (out / "report.html").as_uri())
    img = Image.open(shot).convert("L")
    assert img.size == (1200, 400)
    px = img.load()
    # the title: the first run of rows with ink below the filter bar, left of x = 400
    rows = [y for y in range(45, 160) if any(px[x, y] < 110 for x in range(10, 400))]
    assert rows, "no title drawn"
    end = rows[0]
    while end + 1 in rows:
        end += 1
    line = range(rows[0], end + 1)
    ink = [x for x in range(10, 400) if any(px[x, y] < 110 for y in line)]
    gaps = [(b - a, b) for a, b in zip(ink, ink[1:]) if b - a > 1]
    cjk_start = max(gaps)[1]  # after the widest gap: the space between "jixiao" and 核查报告
    em = 22  # the h1's font-size in px
    assert 3.5 * em <= ink[-1] - cjk_start + 1 <= 4.2 * em
