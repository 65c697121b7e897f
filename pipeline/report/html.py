"""report.html: one self-contained page per run (no external resources, images as data URIs)."""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.files import staged
from pipeline.failures import describe
from pipeline.report.columns import SEVERITY_FILL, SEVERITY_LABEL
from pipeline.report.pages import PageImages, needles, region_png

DOC_TYPES = {"performance_self_evaluation": "部门整体绩效自评价报告", "project_self_evaluation": "项目支出绩效自评表",
             "performance_target_table": "项目预算绩效目标表", "performance_evaluation": "财政绩效评价报告", "budget_disclosure": "部门预算公开",
             "final_accounts_disclosure": "部门决算公开", "unknown": "未识别"}

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px} h2{font-size:18px;border-bottom:2px solid #ccc;padding-bottom:4px;margin-top:32px}
table.summary{border-collapse:collapse;margin:8px 0} .summary td,.summary th{border:1px solid #bbb;padding:4px 8px}
.finding{border:1px solid #ddd;border-left:6px solid #999;margin:12px 0;padding:8px 12px;border-radius:4px}
.sev{display:inline-block;padding:1px 8px;border-radius:3px;font-weight:bold;margin-right:8px}
.code{color:#555;font-family:monospace} .evidence{color:#444;background:#f7f7f7;padding:6px;margin:6px 0}
mark{background:#ffe600} img.region{max-width:100%;border:1px solid #ccc;margin-top:6px}
.failed{color:#b00}
"""
SCRIPT = """window.addEventListener('load',function(){var imgs=document.querySelectorAll('img.region');
var ok=0;imgs.forEach(function(i){if(i.complete&&i.naturalWidth>0)ok++;});
document.body.setAttribute('data-images-loaded',ok);document.body.setAttribute('data-images',imgs.length);});"""


IMAGES_PER_DOCUMENT = 60  # past that, findings are listed without their picture: the page stays light


def esc(v) -> str:
    if isinstance(v, Decimal):
        v = f"{v.normalize():f}"
    return html.escape("" if v is None else str(v))


def quoted(evidence: str | None, stated: str | None) -> str:
    text = esc(evidence)
    for n in needles(stated):
        e = esc(n)
        if e and e in text:
            return text.replace(e, f"<mark>{e}</mark>")
    return text


def write_report(out_dir: Path, sources: dict[str, Path]) -> Path:
    """The report of the datasets in out_dir; `sources` maps source_file to the input file (for page images)."""
    out_dir = Path(out_dir)
    docs = pq.read_table(out_dir / "documents.parquet").to_pylist()
    findings = pq.read_table(out_dir / "findings.parquet").to_pylist()
    by_doc = defaultdict(list)
    for f in findings:
        by_doc[f["doc_id"]].append(f)
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>jixiao 报告</title>"
             f"<style>{STYLE}</style><script>{SCRIPT}</script></head><body>",
             f"<h1>jixiao 核查报告</h1><p>{len(docs)} 个文件，{len(findings)} 条问题。</p>"]
    for d in docs:
        fs = by_doc.get(d["doc_id"], []) if d["doc_id"] else []
        try:
            parts.append(document_section(d, fs, sources))
        except Exception as e:  # one document's section that fails costs that section, not the report
            parts.append(f"<h2>{esc(d['source_file'])}</h2><p class='failed'>本文件的报告部分未能生成：{esc(describe(e))}</p>")
    parts.append("</body></html>")
    path = out_dir / "report.html"
    with staged(path, ".html.part") as tmp:
        tmp.write_text("".join(parts), encoding="utf-8")
    return path


def document_section(d: dict, fs: list[dict], sources: dict[str, Path]) -> str:
    """One document's part of the report: its summary and its findings with their pictures."""
    import pypdfium2

    parts: list[str] = []
    counts = Counter(f["severity"] for f in fs)
    parts.append(f"<h2>{esc(d['source_file'])}</h2>")
    if d.get("duplicates"):
        parts.append(f"<p>内容相同的文件：{esc('、'.join(d['duplicates']))}</p>")
    if d["status"] == "failed":
        parts.append(f"<p class='failed'>无法读取：{esc(d['error'])}</p>")
        return "".join(parts)
    if d["status"] == "partial":
        parts.append(f"<p class='failed'>部分内容未能读取：{esc('；'.join(d.get('warnings') or []))}</p>")
    parts.append("<table class='summary'><tr><th>类型</th><th>部门</th><th>年度</th><th>正文总分</th><th>等级</th>"
                 "<th>错误</th><th>警告</th><th>提示</th></tr>"
                 f"<tr><td>{esc(DOC_TYPES.get(d['doc_type'], d['doc_type']))}</td><td>{esc(d['department'])}</td>"
                 f"<td>{esc(d['fiscal_year'])}</td><td>{esc(d['total_score_stated'])}</td><td>{esc(d['grade_stated'])}</td>"
                 f"<td>{counts['error']}</td><td>{counts['warning']}</td><td>{counts['info']}</td></tr></table>")
    pdf = None
    src = sources.get(d["source_file"])
    if src is not None and src.suffix.lower() == ".pdf" and fs:
        try:
            pdf = pypdfium2.PdfDocument(src)
        except Exception:
            pdf = None
    pages = PageImages(pdf) if pdf is not None else None
    ordered = sorted(fs, key=lambda f: ({"error": 0, "warning": 1}.get(f["severity"], 2), f["page"] or 0))
    try:
        parts.extend(finding_blocks(ordered, pdf, pages))
    finally:
        if pdf is not None:
            pdf.close()
    return "".join(parts)


def finding_blocks(ordered: list[dict], pdf, pages) -> list[str]:
    parts = []
    for n, f in enumerate(ordered):
        colour = "#" + SEVERITY_FILL.get(f["severity"], "DDDDDD")
        image = None
        if pdf is not None and n < IMAGES_PER_DOCUMENT:
            try:
                image = region_png(pages, f["page"], needles(f["stated_value"]))
            except Exception:  # a page pdfium cannot render costs the picture, not the report
                image = None
        parts.append(
            f"<div class='finding' style='border-left-color:{colour}'>"
            f"<span class='sev' style='background:{colour}'>{esc(SEVERITY_LABEL.get(f['severity'], f['severity']))}</span>"
            f"<span class='code'>{esc(f['rule'])}</span> · 第{esc(f['page'] or '—')}页"
            f"<p class='message'>{esc(f['message'])}</p>"
            f"<div class='evidence'>{quoted(f['evidence'], f['stated_value'])}</div>"
            + (f"<img class='region' alt='第{f['page']}页' src='{image}'>" if image else "") + "</div>")
    return parts
