"""Issue 14: where a finding's figures are printed (boxes, printed page numbers) and its numbers as data.

Positions are checked against pdfplumber's own boxes of the same characters (an independent reading
of the page); figures against the page as a person reads it.
"""
from __future__ import annotations

from decimal import Decimal

import pdfplumber
import pytest

from pipeline.report.html import page_cited

GXJ = "gxj2024.pdf"


def printed_box(path, page: int, text: str, nth: int = 0) -> tuple[float, float, float, float]:
    """pdfplumber's box of the nth occurrence of `text` on a page (points, top-left origin)."""
    with pdfplumber.open(path) as pdf:
        hits = pdf.pages[page - 1].search(text, regex=False)
    h = hits[nth]
    return h["x0"], h["top"], h["x1"], h["bottom"]


def near(a, b, tol=1.5) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def test_page_numbers_printed_on_the_pages(raw_dir, records):
    # gxj2024.pdf prints its physical page number at the foot of every page (1 … 14)
    assert records(raw_dir / GXJ).document.page_labels == [str(n) for n in range(1, 15)]


def test_printed_folios_differ_from_physical_pages(samples, records):
    # 国家信访局 2024 决算: cover and contents unnumbered, then "1" on physical page 3 (printed = physical − 2)
    labels = records(samples / "wide" / "guojia_xinfangju_2024_final_accounts_with_selfeval.pdf").document.page_labels
    assert labels[:3] == [None, None, "1"] and labels[16] == "15"
    # 贵州 2024 excerpt: "— 1 —" printed 67 pt above the foot, above the margin
    assert records(samples / "wide" / "guizhou_2024_budget_report_excerpt.pdf").document.page_labels == ["1", "2"]


def test_page_cited_as_auditors_cite_it():
    assert page_cited(12, "8") == "第12页（文中页码8）"
    assert page_cited(3, "3") == "第3页"
    assert page_cited(3, None) == "第3页"
    assert page_cited(None, None) == "页码不详"


def test_a_figure_of_the_text_is_boxed_where_it_is_printed(raw_dir, records):
    # p. 2: "2024 年预算安排 7,701.10 万元,其中:基本支出 7,196.93 万元…" (the first 7,701.10 on the page)
    r = records(raw_dir / GXJ)
    fact = next(f for f in r.facts if f.page == 2 and f.value_text.startswith("7,701.10"))
    x0, top, x1, bottom = printed_box(raw_dir / GXJ, 2, "7,701.10")
    fx0, ftop, fx1, fbottom = fact.bbox
    assert abs(fx0 - x0) <= 1.5 and abs(ftop - top) <= 2 and abs(fbottom - bottom) <= 2
    assert fx1 > x1  # the box runs on over its unit (万元)


def test_a_figure_in_justified_chinese_text(samples, records):
    # 长春市信访局 2026, p. 17: "2026年预算支出1682.76元，其中基本支出预算1208.20万元" (the unit slip of sum.unit)
    path = samples / "wide" / "2026年长春市信访局部门预算.pdf"
    r = records(path)
    fact = next(f for f in r.facts if f.page == 17 and f.value_text == "1682.76元")
    assert near(fact.bbox, printed_box(path, 17, "1682.76元"))


def test_table_cells_carry_their_box(raw_dir, records):
    # p. 2, table 1, row 基本支出: 预算执行率 "96.26%"
    r = records(raw_dir / GXJ)
    cell = next(c for c in r.table_cells if c.page == 2 and c.text == "96.26%")
    x0, top, x1, bottom = printed_box(raw_dir / GXJ, 2, "96.26%", nth=1)  # the first one is the text's
    assert cell.bbox[0] <= x0 and x1 <= cell.bbox[2] and cell.bbox[1] <= top and bottom <= cell.bbox[3]


def test_findings_carry_their_numbers_inputs_and_box(raw_dir, records):
    r = records(raw_dir / GXJ)
    f = next(x for x in r.findings if x.rule == "rate.recompute")
    # 基本支出: 7,328.87 ÷ 7,612.64 = 96.2724…% against the printed 96.26%
    assert (f.stated, f.stated_unit) == (Decimal("96.26"), "%")
    assert f.expected_low <= Decimal("7328.87") / Decimal("7612.64") * 100 <= f.expected_high
    assert f.expected_high - f.expected_low < Decimal("0.001")
    assert f.difference == f.stated - f.expected_low < 0
    roles = {i.role: i for i in f.inputs}
    assert roles["numerator"].value == Decimal("73288700") and roles["numerator"].unit == "元"
    assert roles["denominator"].value == Decimal("76126400")
    assert all(i.dataset == "budget_lines" and i.table_id and i.page == 2 for i in f.inputs)
    assert f.bbox == roles["stated"].bbox and f.page_label == "2"
    cell = next(c for c in r.table_cells if c.page == 2 and c.text == "96.26%")
    assert f.bbox == cell.bbox
    # a figure stated twice: 522 个 (p. 5) against 552 个
    count = next(x for x in r.findings if x.rule == "xref.count" and x.stated == 522)
    assert count.expected_low == count.expected_high == 552 and count.difference == -30
    assert count.inputs[0].dataset == "facts" and count.inputs[0].sentence_id is not None


def test_every_finding_that_compares_numbers_has_them(raw_dir, samples, records):
    """Rules that compare figures fill stated and the interval; rules that say what could not be
    checked (sum.unchecked, score.rule_unparsed …) or compare words (target.unit, score.grade) need not."""
    without = {"sum.unchecked", "score.rule_unparsed", "target.unit", "score.grade", "form.missing_deviation",
               "xref.unchecked", "internal.rule_failed", "form.missed_full_score"}
    paths = [raw_dir / n for n in ("gxj2024.pdf", "sjj2024.txt", "gxj_goal2026.pdf")]
    paths += [samples / "wide" / n for n in ("2026年长春市信访局部门预算.pdf", "guojia_xinfangju_2024_final_accounts_with_selfeval.pdf")]
    seen = set()
    for p in paths:
        for f in records(p).findings:
            seen.add(f.rule)
            if f.rule in without:
                continue
            assert f.stated is not None and f.expected_low is not None and f.expected_high is not None, (p.name, f.rule)
            assert f.inputs, (p.name, f.rule)
            if f.stated_unit == "元":
                assert all(i.unit == "元" for i in f.inputs if i.role in ("total", "part", "stated")), f.rule
    assert len(seen) >= 8
