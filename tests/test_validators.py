"""Issue 4: every formula recomputed, every figure stated twice compared — on the real report and on
altered copies of it, and never an error on a consistent copy."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from pipeline.work import process_bytes
from pipeline.validate.figures import check_rate
from pipeline.validate.intervals import Interval
from pipeline.validate.registry import CODES, RULES

FIXTURES = Path(__file__).parent / "fixtures"
GXJ = (FIXTURES / "gxj2024.txt").read_text(encoding="utf-8")
README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def findings(text: str, name: str = "copy.txt"):
    return process_bytes(text.encode("utf-8"), name).findings


def keys(fs, severity=None):
    return {(f.rule, f.subject, f.stated_value, f.expected_value) for f in fs if severity in (None, f.severity)}


def altered(*replacements: tuple[str, str]) -> str:
    text = GXJ
    for old, new in replacements:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    return text


# the real report's own inconsistencies, found by recomputation
ORIGINAL = {
    ("rate.recompute", "基本支出预算执行率", "96.26%", "96.27%"),
    # one paragraph rotates the three rates (each printed in the table for another row): one finding
    ("rate.swapped", "部门整体、基本支出、项目支出预算执行率", "96.26%、84.62%、94.12%", "94.12%、96.27%、84.62%"),
    ("xref.count", "推动有明确增量…增长点", "522个", "552个"),
    ("xref.count", "百亿级企业", "23家", "24家"),
    ("score.three_public_full", 'B15 "三公"经费控制率', "2.00", "0"),
}


def test_interval_rule_from_the_domain_notes():
    ok = check_rate(D("36.73"), 2, Interval.printed(D("2.80"), 2), Interval.printed(D("7.62"), 2))
    assert ok.ok
    bad = check_rate(D("96.26"), 2, Interval.printed(D("7328.87"), 2), Interval.printed(D("7612.64"), 2))
    assert not bad.ok and not bad.truncated and bad.expected == D("96.27")
    cut = check_rate(D("99.99"), 2, Interval.exact(D("99.9997")), Interval.exact(D("100")))
    assert not cut.ok and cut.truncated


def test_real_report_inconsistencies():
    fs = findings(GXJ, "gxj2024.txt")
    assert keys(fs) == ORIGINAL
    swap = next(f for f in fs if f.rule == "rate.swapped")
    assert swap.message.startswith("部门整体、基本支出、项目支出预算执行率互相错位：部门整体预算执行率写作96.26%，"
                                   "按8,787.76÷9,336.77计算应为94.12%（96.26%为基本支出的执行率）；")
    assert "基本支出预算执行率写作84.62%，按7,328.87÷7,612.64计算应为96.27%（84.62%为项目支出的执行率）" in swap.message
    assert "预算执行率96.26%" in swap.evidence and "其中:基本支出7,328.87万元" in swap.evidence
    assert swap.severity == "error" and swap.stated == D("96.26")
    assert [(i.value, i.item) for i in swap.inputs if i.role == "stated"] == [
        (D("96.26"), "实际支出预算执行率"), (D("84.62"), "基本支出预算执行率"), (D("94.12"), "项目支出预算执行率")]
    assert [i.value for i in swap.inputs if i.role == "numerator"] == [D("87877600.00"), D("73288700.00"),
                                                                        D("14588900.00")]


def test_one_rate_given_to_another_row_is_mislabelled():
    """Only 项目支出's rate wrong, and it is the 合计's: a single mislabelled rate, not a swap."""
    fs = findings(altered(("预算执行率96.26%。其中: 基本支出7,328.87万元, 预算执行率84.62%",
                           "预算执行率94.12%。其中: 基本支出7,328.87万元, 预算执行率96.27%")))
    mis = [f for f in fs if f.rule in ("rate.mislabelled", "rate.swapped")]
    assert [(f.rule, f.subject, f.stated_value, f.expected_value) for f in mis] == [
        ("rate.mislabelled", "项目支出预算执行率", "94.12%", "84.62%")]
    assert mis[0].message == "项目支出预算执行率写作94.12%，按1,458.89÷1,724.13计算应为84.62%（94.12%为合计（部门整体）的执行率）"
    count = next(f for f in fs if f.rule == "xref.count" and f.stated_value == "522个")
    assert "评分表（C11）" in count.message
    three = next(f for f in fs if f.rule == "score.three_public_full")
    assert three.severity == "warning" and "52.84万元超过年初预算（预算安排）16.50万元" in three.message
    assert "320.24%" in three.message and "调整后预算55.37万元为分母" in three.message


def test_pdf_and_text_give_the_same_findings(samples, records):
    for stem in ("gxj2024", "sjj2024"):
        pdf = records(samples / "pdf" / f"{stem}.pdf").findings
        txt = records(samples / "text" / f"{stem}.txt").findings
        assert keys(pdf) == keys(txt), stem
        assert all(f.page for f in pdf)


def test_sjj_findings_are_warnings_about_readings(samples, records):
    fs = records(samples / "text" / "sjj2024.txt").findings
    assert not [f for f in fs if f.severity == "error"]
    rules = sorted(f.rule for f in fs)
    assert rules == ["rate.reading", "score.rule_reading", "score.rule_reading", "score.rule_reading",
                     "score.rule_reading", "score.stated_total_bonus"]
    reading = next(f for f in fs if f.rule == "rate.reading")
    assert "97.83%" in reading.message and "年初结转和结余860.29万元则为85.72%" in reading.message


CONSISTENT = [  # the real report with its inconsistencies mended
    ("预算执行率96.26%。其中: 基本支出7,328.87万元, 预算执行率84.62%; 项目支出1,458.89万元, 预算执行率94.12%",
     "预算执行率94.12%。其中: 基本支出7,328.87万元, 预算执行率96.27%; 项目支出1,458.89万元, 预算执行率84.62%"),
    ("7,328.87\t96.26%", "7,328.87\t96.27%"),
    ("推动有明确增量的552个增长点", "推动有明确增量的522个增长点"),
    ("全年百亿级企业达24家", "全年百亿级企业达23家"),
]


def test_no_error_on_a_consistent_copy():
    fs = findings(altered(*CONSISTENT))
    assert not [f for f in fs if f.severity == "error"], [f.message for f in fs if f.severity == "error"]


@pytest.mark.parametrize("change, expected", [
    # a 合计 changed: the table's sum and the narrative's figure both disagree
    ((("合计\t7,701.10\t9,336.77\t8,787.76", "合计\t7,701.10\t9,336.77\t8,797.76"),),
     {"sum.total", "xref.conflict", "rate.recompute"}),
    # two rates swapped in the table: one finding naming the row each belongs to
    ((("7,328.87\t96.27%", "7,328.87\t84.62%"), ("1,458.89\t84.62%", "1,458.89\t96.27%")), {"rate.swapped"}),
    # a score raised above its weight
    ((("得1.5分\t1.50", "得2.5分\t2.50"),), {"score.over_weight", "score.total"}),
    # the stated total changed
    ((("绩效评价得分为93.98分", "绩效评价得分为95.98分"),), {"score.stated_total"}),
    # the grade changed
    ((("绩效评价等级为\"优\"", "绩效评价等级为\"良\""),), {"grade.band"}),
    # a 其中 split broken
    ((("其中:基本支出7,196.93 万元", "其中:基本支出7,186.93 万元"),), {"sum.parts", "xref.conflict"}),
    # an adjustment misstated
    ((("调增415.71万元", "调增425.71万元"),), {"sum.adjustment"}),
    # a share misstated
    ((("占比7.15%", "占比7.51%"),), {"rate.recompute", "sum.shares"}),
    # a written formula miscomputed
    ((("×100%=2.91%", "×100%=2.19%"),), {"score.formula"}),
    # a count of indicators misstated
    ((("18个二级指标", "19个二级指标"),), {"score.count"}),
    # a subtotal weight in a label misstated
    ((("B过程(24 分)", "B过程(25 分)"),), {"score.subtotal"}),
])
def test_each_alteration_is_reported(change, expected):
    fs = findings(altered(*CONSISTENT, *change))
    errors = {f.rule for f in fs if f.severity == "error"}
    assert expected <= errors, (expected, errors)


def test_table_printed_in_yuan_under_a_wan_caption_is_caught():
    """Table 1's figures printed in 元 while its caption still says 万元: the narrative no longer agrees."""
    rows = {"7,196.93\t7,612.64\t7,328.87": "71,969,300.00\t76,126,400.00\t73,288,700.00",
            "504.17\t1,724.13\t1,458.89": "5,041,700.00\t17,241,300.00\t14,588,900.00",
            "7,701.10\t9,336.77\t8,787.76": "77,011,000.00\t93,367,700.00\t87,877,600.00"}
    wrong = altered(*CONSISTENT, *rows.items())
    assert "xref.conflict" in {f.rule for f in findings(wrong) if f.severity == "error"}
    right = wrong.replace("情况单位: 万元", "情况单位: 元", 1)
    assert not [f for f in findings(right) if f.severity == "error"]


def test_target_table_half_year_above_full_year(samples):
    text = (samples / "text" / "gxj_goal2026.txt").read_text(encoding="utf-8")
    assert not process_bytes(text.encode(), "goal.txt").findings
    bad = text.replace("行业领域集成式场景数（个）\t15\t40", "行业领域集成式场景数（个）\t45\t40")
    fs = process_bytes(bad.encode(), "goal.txt").findings
    assert [(f.rule, f.stated_value, f.expected_value) for f in fs] == [("target.half_year", "45", "40")]


def test_every_rule_code_is_unique_registered_and_documented():
    reported = [c for r in RULES for c in r.codes]
    assert set(reported) == set(CODES)
    for c in CODES:
        assert f"`{c}`" in README, f"README does not document {c}"


def test_disclosure_total_quoted_in_the_text_against_its_table(samples, records):
    """The published 决算 says 财政拨款收入支出总计 0.3万元; its own table says 2,961.68万元."""
    r = records(samples / "real" / "上海市普陀区财政局2024年度部门决算.pdf")
    assert [(f.rule, f.subject, f.stated_value, f.expected_value, f.page) for f in r.findings
            if f.severity != "info"] == [("xref.conflict", "上海市普陀区财政局2024年度财政拨款收入支出总计", "0.3万元",
                                              "2,961.68万元", 21)]
    for name in ("上海市普陀区商务委员会25年预算.pdf", "江苏省人大常委会办公厅2019年部门预算公开表.pdf", "附件2：部门决算模板.pdf"):
        assert not [f for f in records(samples / "real" / name).findings if f.severity != "info"], name


def test_disclosure_table_sums_catch_an_altered_cell(samples, records):
    """合计 columns (合计 = 基本支出 + 项目支出) and coded subtotals (类 = Σ款) on a real budget disclosure."""
    from pipeline.validate import validate
    r = records(samples / "real" / "上海市普陀区商务委员会25年预算.pdf").model_copy(deep=True)
    assert not [f for f in validate(r) if f.severity != "info"]
    basic = next(a for a in r.amounts if a.measure == "基本支出" and a.value == D("9389913.00"))  # 行政运行
    basic.value = D("9389013.00")
    found = [f for f in validate(r) if f.severity == "error"]
    assert {f.rule for f in found} >= {"sum.columns", "sum.subtotal"}
    column = next(f for f in found if f.rule == "sum.columns")
    assert column.stated == next(a for a in r.amounts if a.table_id == basic.table_id and a.row == basic.row
                                 and a.measure in ("合计", "总计")).value
    assert column.expected_low <= column.expected_high and column.inputs[0].role == "total"


def test_one_mistake_is_one_finding_on_real_tables(samples, records):
    """Hand-checked on the rendered pages (benchmarks/reviewed_findings.tsv): 西安市安监局 2019 p32 表13
    leaves 会议费 and 培训费 out of the 2018 合计 in all six rows, and 长春市信访局 2026 p11 表6 prints
    301's 911.21 in three equal columns (合计, 当年预算小计, 人员经费) over parts adding to 920.96."""
    xian = records(samples / "wide" / "xian_ajj_2019_budget_tables.pdf").findings
    assert not [f for f in xian if f.rule == "sum.columns"]
    rows = {f.subject: f for f in xian if f.rule == "sum.columns_rows"}
    assert set(rows) == {"2018年 / 合计列（6行）", "增减变化情况 / 合计列（6行）"}
    first = rows["2018年 / 合计列（6行）"]
    assert "有6行不等于" in first.message and "“合计”行写作24.08万元，相加为36.97万元；" in first.message
    assert first.stated == D("240800.00") and first.page == 32
    assert len([i for i in first.inputs if i.role == "total"]) == 6
    changchun = records(samples / "wide" / "2026年长春市信访局部门预算.pdf").findings
    wages = [f for f in changchun if f.rule == "sum.subtotal" and f.subject.startswith("301")]
    assert [(f.subject, f.stated_value, f.expected_value) for f in wages] == [
        ("301工资福利支出合计、当年预算 / 小计、当年预算 / 人员经费", "911.21万元", "920.96万元")]
    assert "人员经费三列均写作911.21万元" in wages[0].message
    assert len([i for i in wages[0].inputs if i.role == "total"]) == 3
    assert [f.subject for f in changchun if f.rule.startswith("sum.columns")] == ["当年预算 / 小计列（2行）"]


def test_told_once_merges_only_equal_keys_of_one_code_where_the_first_stood():
    from pipeline.validate.grouping import told_once
    from pipeline.validate.registry import Issue
    a, b, c, d = (Issue(code, s, None, None, dict(k=k)) for code, s, k in
                  (("x", "a", 1), ("y", "b", 1), ("x", "c", 1), ("x", "d", 2)))
    out = list(told_once([a, b, c, d], "x", lambda i: i.args["k"],
                         lambda g: Issue("x+", "+".join(i.subject for i in g), None, None)))
    assert [(i.code, i.subject) for i in out] == [("x+", "a+c"), ("y", "b"), ("x", "d")]
