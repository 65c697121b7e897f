"""Issue 11: the standard tables of budget and final-accounts packages from every region, as amounts.

The expected figures were read off the rendered PDF pages by hand (tests/data/handchecked/*.json,
see tests/handchecked.py); none comes from the project's own output. For every document: every
hand-checked figure that is found is right (item, measure, value in 元), and every figure of the
收支总表, 支出总表, 基本支出表 and "三公" table is found.
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from handchecked import find, load

from conftest import SAMPLES

# documents of wide/ (fourteen, twelve regions and a central ministry) and real/
DOCUMENTS = [
    "beijing_shoudulvhua_2026_budget", "changchun_xfj_2026_budget", "changsha_gaj_2025_budget",
    "chongqing_qxj_2026_budget", "fuzhou_gaj_wzzx_2026_budget", "guojia_xfj_2024_final", "guojia_xfj_2026_budget",
    "hangzhou_qxj_2026_budget", "quanzhou_zfb_2026_budget", "shanghai_flcp_2026_budget", "shanghai_xfb_2026_budget",
    "shenzhen_mzj_2026_budget", "suzhou_sjj_2026_budget", "yantai_tjj_2026_budget",
    "shanghai_pt_czj_2024_final", "shanghai_pt_swj_2025_budget",
]
# where a region prints these tables in a layout still read only in part: the figures found must be
# right, not all must be found (xian: labels overflowing their cells; jiangsu: one-column 金额 tables
# with row labels in two columns)
PARTLY = ["xian_ajj_2019_budget", "jiangsu_fy_2018_budget", "jiangsu_rd_2019_budget", "jiangsu_zxbgt_2017_budget"]
KEY_KINDS = {
    "revenue_expenditure_summary", "expenditure_summary", "general_budget_basic_expenditure", "three_public",
    "final_revenue_expenditure_summary", "final_expenditure", "final_general_budget_basic_expenditure",
    "final_three_public",
}


def amounts_of(records, stem: str):
    checked = [c for c in load(stem) if c.value is not None]
    assert checked, stem
    path = SAMPLES / checked[0].file
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return checked, records(path).amounts


@pytest.mark.parametrize("stem", DOCUMENTS + PARTLY)
def test_hand_checked_figures_are_right_where_found(samples, records, stem):
    checked, amounts = amounts_of(records, stem)
    wrong = []
    for c in checked:
        found = find(amounts, c)
        if found and not any(a.value == c.value for a in found):
            wrong.append((c.standard, c.item, c.column, c.printed, [(a.value, a.column_path) for a in found][:2]))
    assert not wrong, wrong


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_every_figure_of_the_key_tables_is_found(samples, records, stem):
    checked, amounts = amounts_of(records, stem)
    missing = [(c.standard, c.item, c.column, c.side, c.printed) for c in checked
               if c.kind in KEY_KINDS and not any(a.value == c.value for a in find(amounts, c))]
    assert not missing, missing


def test_nearly_every_hand_checked_figure_is_found(samples, records):
    found = total = 0
    for stem in DOCUMENTS + PARTLY:
        checked, amounts = amounts_of(records, stem)
        total += len(checked)
        found += sum(1 for c in checked if any(a.value == c.value for a in find(amounts, c)))
    assert found / total >= 0.95, f"{found}/{total}"


# ---------------------------------------------------------------- pinned cases of the layouts

def doc(records, *parts: str):
    path = SAMPLES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return records(path)


def table_of(r, kind: str):
    return next(t for t in r.tables if t.table_kind == kind)


def test_lanci_row_is_header(samples, records):
    """杭州 表3 prints `** | 1 | 2 | …` under its header: header, never data."""
    r = doc(records, "wide", "2026年杭州市气象局部门预算.pdf")
    t = table_of(r, "expenditure_summary")
    assert t.lanci_row == 2 and t.header_rows == 3
    assert [c.lanci for c in t.columns[:3]] == ["**", "1", "2"]
    assert not [a for a in r.amounts if a.table_id == t.table_id and a.row == 2]


def test_two_halves_are_two_lists(samples, records):
    """收支总表: 收入 and 支出 side by side, each with its own items and totals (杭州 表1)."""
    r = doc(records, "wide", "2026年杭州市气象局部门预算.pdf")
    t = table_of(r, "revenue_expenditure_summary")
    assert t.sides == ["收入", "支出"]
    totals = {(i.side, i.name): i for i in t.items if i.is_total}
    income, spending = totals[("收入", "收入总计")], totals[("支出", "支出总计")]
    by_row = {(i.side, i.row): i.name for i in t.items}
    assert [by_row[("收入", r)] for r in income.closes] == ["本年收入合计", "上年结转结余"]
    assert [by_row[("支出", r)] for r in spending.closes] == ["本年支出合计", "年终结转结余"]
    cell = {(a.side, a.item): a.value for a in r.amounts if a.table_id == t.table_id}
    assert cell[("收入", "本年收入合计")] == D("58766700") and cell[("支出", "科学技术支出")] == D("280000")


def test_split_subject_codes_are_joined(samples, records):
    """长沙 prints 类 | 款 | 项 in three columns, the 款 row with its two digits only."""
    r = doc(records, "wide", "changsha_gaj_2025_budget.pdf")
    t = table_of(r, "expenditure_summary")
    items = {i.code: i for i in t.items if i.code}
    assert {"204", "20402", "2040201"} <= set(items)
    assert items["20402"].level == "款" and items["20402"].parent_code == "204" and items["20402"].name == "公安"
    basic = next(a for a in r.amounts if a.table_id == t.table_id and a.item_code == "20402" and a.measure == "基本支出")
    assert basic.value == D("283981700")


def test_multi_level_headers_give_paths_and_measures(samples, records):
    """杭州 表5: 合计 | 基本支出 (小计 | 人员经费 | 日常公用支出) | 项目支出; 合计 closes 基本支出's 小计 and 项目支出."""
    r = doc(records, "wide", "2026年杭州市气象局部门预算.pdf")
    t = table_of(r, "general_budget_expenditure")
    cols = {tuple(c.path): c for c in t.columns}
    assert cols[("基本支出", "日常公用支出")].measure == "公用经费"
    assert cols[("合计",)].closes == [cols[("基本支出", "小计")].col, cols[("项目支出",)].col]
    assert cols[("基本支出", "小计")].closes == [cols[("基本支出", "人员经费")].col, cols[("基本支出", "日常公用支出")].col]


def test_indentation_gives_levels(samples, records):
    """杭州 prints function classes without codes, 款 and 项 indented: 合计 closes the 类 rows only."""
    r = doc(records, "wide", "2026年杭州市气象局部门预算.pdf")
    t = table_of(r, "expenditure_summary")
    names = {i.row: i.name for i in t.items}
    total = next(i for i in t.items if i.is_total)
    assert [names[k] for k in total.closes] == ["科学技术支出", "社会保障和就业支出", "卫生健康支出", "自然资源海洋气象等支出"]


def test_numbering_in_a_serial_column_gives_levels(samples, records):
    """长沙国资委 2020 项目支出情况表: 序号 一/1/2/二/… in its own column, names unnumbered; 合计 (first row)
    closes the four sections, each section its projects. Its 预算到位 合计 prints 13,237.00 while the
    sections add up to 13,027.00 (hand-checked: the 应急资金 row has 到位 70 against 批复 280)."""
    r = doc(records, "wide", "changsha_gzw_2020_perf_eval_report.pdf")
    t = r.tables[0]
    names = {i.row: i.name for i in t.items}
    total = next(i for i in t.items if i.is_total)
    assert [names[k] for k in total.closes] == ["破产改制企业资金缺口弥补", "困难企业社保欠费补助",
                                                 "困难企业、职工帮扶资金", "困难企业安全生产隐患整改引导资金"]
    section = next(i for i in t.items if i.name == "困难企业、职工帮扶资金")
    assert len(section.closes) == 7
    errors = [f for f in r.findings if f.severity == "error"]
    assert [(f.rule, f.stated) for f in errors] == [("sum.total", D("132370000"))]
    assert errors[0].expected_low <= D("130270000") <= errors[0].expected_high < D("132370000")


def test_unit_declared_beside_the_department(samples, records):
    """福州: `单位：万元` on its own line above each table; amounts in 元."""
    r = doc(records, "wide", "2026年度福州市公安局文职人员管理中心单位预算.pdf")
    t = table_of(r, "revenue_expenditure_summary")
    assert t.unit == "万元"
    total = next(a for a in r.amounts if a.table_id == t.table_id and a.item == "本年收入合计")
    assert (total.value, total.unit_printed, total.decimals) == (D("60534200"), "万元", 2)


def test_personnel_and_public_halves_of_the_final_basic_table(samples, records):
    """国家信访局 2024 决算 公开06表: 人员经费 | 公用经费 side by side, 公用经费 over two column groups."""
    r = doc(records, "wide", "guojia_xinfangju_2024_final_accounts_with_selfeval.pdf")
    t = table_of(r, "final_general_budget_basic_expenditure")
    assert t.sides[0] == "人员经费" and all(s.startswith("公用经费") for s in t.sides[1:])
    personnel = next(i for i in t.items if i.name == "人员经费合计")
    assert [i.code for i in t.items if i.row in personnel.closes and i.side == "人员经费"] == ["301", "303"]
    assert next(i for i in t.items if i.name == "公用经费合计").closes is None  # a list over two column groups
