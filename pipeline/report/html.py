"""report.html: one self-contained page per run (styles, script and pictures inline; works offline).

An overview of every document first (type, department, year, findings by severity, a link), a bar of
filters (severity, rule, document, search; kept in the URL's hash), then each document's findings,
each with an anchor, its numbers and a picture cropped around its own figures.
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.failures import describe
from pipeline.files import staged
from pipeline.report.columns import SEVERITY_FILL, SEVERITY_LABEL
from pipeline.report.pages import PageImages, region_image

DOC_TYPES = {"performance_self_evaluation": "部门整体绩效自评价报告", "project_self_evaluation": "项目支出绩效自评表",
             "performance_target_table": "项目预算绩效目标表", "performance_evaluation": "财政绩效评价报告", "budget_disclosure": "部门预算公开",
             "final_accounts_disclosure": "部门决算公开", "unknown": "未识别"}
SEVERITIES = ("error", "warning", "info")
IMAGES_PER_DOCUMENT = 60  # past that, findings are listed without their picture: the page stays light


def asset(name: str) -> str:
    return resources.files("pipeline.report").joinpath("static", name).read_text(encoding="utf-8")


def esc(v) -> str:
    if isinstance(v, Decimal):
        v = f"{v.normalize():f}"
    return html.escape("" if v is None else str(v))


def quoted(evidence: str | None, stated: str | None) -> str:
    """The evidence, the stated figure marked where the text quotes it."""
    text = esc(evidence)
    e = esc((stated or "").strip())
    return text.replace(e, f"<mark>{e}</mark>", 1) if e and e in text else text


def page_cited(page: int | None, label: str | None) -> str:
    """第12页, and the folio the document prints where it differs: 第12页（文中页码8）."""
    if not page:
        return "页码不详"
    return f"第{page}页" + (f"（文中页码{esc(label)}）" if label and label != str(page) else "")


def number(v, unit: str | None) -> str:
    if v is None:
        return "—"
    # the stored interval has 10 decimals; shown: cents for money, 4 decimals for rates
    d = Decimal(v).quantize(Decimal("0.01") if unit == "元" else Decimal("0.0001"))
    d = d if unit == "元" else d.normalize()
    text = f"{d:,f}" if unit == "元" else f"{d:f}"
    return f"{text}{esc(unit or '')}"


def write_report(out_dir: Path, sources: dict[str, Path]) -> Path:
    """The report of the datasets in out_dir; `sources` maps source_file to the input file (for page images)."""
    out_dir = Path(out_dir)
    docs = pq.read_table(out_dir / "documents.parquet").to_pylist()
    findings = pq.read_table(out_dir / "findings.parquet").to_pylist()
    by_doc = defaultdict(list)
    for f in findings:
        by_doc[f["source_file"]].append(f)
    anchors = {d["source_file"]: f"d{n}" for n, d in enumerate(docs, start=1)}
    rules = sorted({f["rule"] for f in findings})
    totals = Counter(f["severity"] for f in findings)
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>jixiao 核查报告</title>"
             f"<style>{asset('report.css')}</style><script>{asset('report.js')}</script></head><body>",
             filter_bar(docs, anchors, rules), "<main>",
             f"<h1>jixiao 核查报告</h1><p>{len(docs)} 个文件，{len(findings)} 条问题（错误 {totals['error']}，"
             f"警告 {totals['warning']}，提示 {totals['info']}）；当前显示 <span id='shown'>{len(findings)}</span> 条。</p>",
             overview(docs, by_doc, anchors)]
    for d in docs:
        fs = by_doc.get(d["source_file"], [])
        try:
            parts.append(document_section(d, fs, sources, anchors[d["source_file"]]))
        except Exception as e:  # one document's section that fails costs that section, not the report
            parts.append(f"<section class='document' id='{anchors[d['source_file']]}' data-doc='{anchors[d['source_file']]}'>"
                         f"<h2>{esc(d['source_file'])}</h2><p class='failed'>本文件的报告部分未能生成：{esc(describe(e))}</p></section>")
    parts.append("</main></body></html>")
    path = out_dir / "report.html"
    with staged(path, ".html.part") as tmp:
        tmp.write_text("".join(parts), encoding="utf-8")
    return path


def filter_bar(docs: list[dict], anchors: dict[str, str], rules: list[str]) -> str:
    boxes = "".join(f"<label><input type='checkbox' class='sev' value='{s}' checked> {SEVERITY_LABEL[s]}</label>"
                    for s in SEVERITIES)
    rule_options = "".join(f"<option value='{esc(r)}'>{esc(r)}</option>" for r in rules)
    doc_options = "".join(f"<option value='{anchors[d['source_file']]}'>{esc(d['source_file'])}</option>" for d in docs)
    return (f"<header class='bar'>{boxes}<label>规则 <select id='rule'><option value=''>全部</option>{rule_options}"
            f"</select></label><label>文件 <select id='doc'><option value=''>全部</option>{doc_options}</select></label>"
            f"<label>搜索 <input type='search' id='q' placeholder='文字、数字、规则'></label></header>")


def overview(docs: list[dict], by_doc: dict, anchors: dict[str, str]) -> str:
    rows = []
    for d in docs:
        counts = Counter(f["severity"] for f in by_doc.get(d["source_file"], []))
        status = {"ok": "完整", "partial": "部分未读", "failed": "无法读取"}.get(d["status"], d["status"])
        rows.append(f"<tr class='{esc(d['status'])}' data-doc='{anchors[d['source_file']]}'>"
                    f"<td><a href='#{anchors[d['source_file']]}'>{esc(d['source_file'])}</a></td>"
                    f"<td>{esc(DOC_TYPES.get(d['doc_type'], d['doc_type']))}</td><td>{esc(d['department'])}</td>"
                    f"<td>{esc(d['fiscal_year'])}</td><td>{status}</td>"
                    + "".join(f"<td class='n {s}'>{counts[s]}</td>" for s in SEVERITIES) + "</tr>")
    return ("<table class='overview'><thead><tr><th>文件</th><th>类型</th><th>部门</th><th>年度</th><th>状态</th>"
            "<th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def document_section(d: dict, fs: list[dict], sources: dict[str, Path], anchor: str) -> str:
    """One document's part of the report: its summary and its findings with their pictures."""
    parts: list[str] = [f"<section class='document' id='{anchor}' data-doc='{anchor}'>",
                        f"<h2>{esc(d['source_file'])}<a class='anchor' href='#{anchor}'>#</a></h2>"]
    if d.get("duplicates"):
        parts.append(f"<p>内容相同的文件：{esc('、'.join(d['duplicates']))}</p>")
    if d["status"] == "failed":
        parts.append(f"<p class='failed'>无法读取：{esc(d['error'])}</p></section>")
        return "".join(parts)
    if d["status"] == "partial":
        parts.append(f"<p class='failed'>部分内容未能读取：{esc('；'.join(d.get('warnings') or []))}</p>")
    counts = Counter(f["severity"] for f in fs)
    parts.append("<table class='summary'><tr><th>类型</th><th>部门</th><th>年度</th><th>正文总分</th><th>等级</th>"
                 "<th>错误</th><th>警告</th><th>提示</th></tr>"
                 f"<tr><td>{esc(DOC_TYPES.get(d['doc_type'], d['doc_type']))}</td><td>{esc(d['department'])}</td>"
                 f"<td>{esc(d['fiscal_year'])}</td><td>{esc(d['total_score_stated'])}</td><td>{esc(d['grade_stated'])}</td>"
                 f"<td>{counts['error']}</td><td>{counts['warning']}</td><td>{counts['info']}</td></tr></table>")
    if not fs:
        parts.append("<p>未发现问题。</p>")
    pages = pdf = None
    src = sources.get(d["source_file"])
    if src is not None and src.suffix.lower() == ".pdf" and any(f.get("bbox") for f in fs):
        import pypdfium2
        try:
            pdf = pypdfium2.PdfDocument(src)
            pages = PageImages(pdf)
        except Exception:  # a file pdfium cannot open again costs the pictures, not the report
            pdf = None
    ordered = sorted(fs, key=lambda f: (SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else 3,
                                        f["page"] or 0))
    try:
        parts.extend(finding_block(f, f"{anchor}f{n}", anchor, pages if n < IMAGES_PER_DOCUMENT else None,
                                   pdf is not None) for n, f in enumerate(ordered, start=1))
    finally:
        if pdf is not None:
            pdf.close()
    parts.append("</section>")
    return "".join(parts)


def finding_block(f: dict, anchor: str, doc_anchor: str, pages: PageImages | None, is_pdf: bool) -> str:
    colour = "#" + SEVERITY_FILL.get(f["severity"], "DDDDDD")
    image = None
    if pages is not None:
        try:
            image = region_image(pages, f)
        except Exception:  # a page pdfium cannot render costs the picture, not the report
            image = None
    if image:
        picture = f"<img class='region' loading='lazy' alt='{page_cited(f['page'], f.get('page_label'))}' src='{image}'>"
    elif is_pdf and not f.get("bbox"):
        picture = "<p class='nopic'>（此项数字在页面上的位置未能确定，未附页面截图）</p>"
    else:
        picture = ""
    numbers = ""
    if f.get("stated") is not None or f.get("expected_low") is not None:
        unit = f.get("stated_unit")
        interval = (number(f["expected_low"], unit) if f.get("expected_low") == f.get("expected_high")
                    else f"{number(f.get('expected_low'), unit)} ～ {number(f.get('expected_high'), unit)}")
        numbers = (f"<p class='numbers'>所写 {number(f.get('stated'), unit)} · 重算允许 {interval}"
                   + (f" · 差 {number(f['difference'], unit)}" if f.get("difference") not in (None, 0) else "") + "</p>")
    return (f"<div class='finding' id='{anchor}' data-sev='{esc(f['severity'])}' data-rule='{esc(f['rule'])}' "
            f"data-doc='{doc_anchor}' style='border-left-color:{colour}'>"
            f"<span class='sev' style='background:{colour}'>{esc(SEVERITY_LABEL.get(f['severity'], f['severity']))}</span>"
            f"<span class='code'>{esc(f['rule'])}</span> · {page_cited(f['page'], f.get('page_label'))}"
            f"<a class='anchor' href='#{anchor}'>#</a>"
            f"<p class='message'>{esc(f['message'])}</p>{numbers}"
            f"<div class='evidence'>{quoted(f['evidence'], f['stated_value'])}</div>{picture}</div>")
