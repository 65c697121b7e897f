"""Issue 13: self-evaluation forms (项目支出绩效自评表) as units of records, checked against the values a
helper read off the rendered pages (tests/data/handchecked/guojia_xfj_2024_selfeval_forms.json), and
altered copies of them (a score above its 分值, a wrong 执行率, a full score for a missed target, a
wrong 总分) each reported."""
from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from plants import altered

from pipeline.extract import extract
from pipeline.validate import validate
from schemas.document import Cell, Document, Table

CHECKED = Path(__file__).parent / "data" / "handchecked" / "guojia_xfj_2024_selfeval_forms.json"
FILE = "guojia_xinfangju_2024_final_accounts_with_selfeval.pdf"
MONEY_COLUMNS = {"年初预算数": "initial_budget", "全年预算数": "adjusted_budget", "全年执行数": "actual_spending"}


def key(text: str | None) -> str:
    """Compared as the datasets keep text: NFKC, without spaces and colons (labels wrap and take colons)."""
    return re.sub(r"[\s:]", "", unicodedata.normalize("NFKC", text or "")).removeprefix("其中")


def printed(text: str) -> Decimal | None:
    t = text.replace(",", "").rstrip("%")
    return Decimal(t) if re.fullmatch(r"-?\d+(\.\d+)?", t) else None


@pytest.fixture(scope="module")
def forms_doc(samples):
    records = extract(altered(samples / "wide" / FILE))
    return records, validate(records)


def checked_forms():
    return json.loads(CHECKED.read_text(encoding="utf-8"))["forms"]


@pytest.mark.parametrize("form", checked_forms(), ids=[f["project"] for f in checked_forms()])
def test_each_form_is_a_unit_of_records_with_the_printed_values(forms_doc, form):
    records, _ = forms_doc
    project = form["project"]
    lines = {key(b.item): b for b in records.budget_lines if b.project == project}
    assert set(lines) == {key(m["row"]) for m in form["money"]}
    assert len({b.form_id for b in lines.values()}) == 1
    for m in form["money"]:
        line, value = lines[key(m["row"])], printed(m["printed"])
        if m["column"] in MONEY_COLUMNS:
            assert getattr(line, MONEY_COLUMNS[m["column"]]) == value * 10000, m
        elif m["column"] == "分值" and value is not None:
            assert line.weight == value and line.is_total
        elif m["column"] == "得分" and value is not None:
            assert line.score == value
        elif m["column"] == "执行率":
            assert line.execution_rate_pct == value
    indicators = [i for i in records.indicators if i.project == project]
    assert len(indicators) == len(form["indicators"])
    for got, want in zip(indicators, form["indicators"]):
        assert (got.level1, got.level2, key(got.level3)) == (want["level1"], want["level2"], key(want["level3"]))
        assert got.full_year_target == want["target"]
        assert key(got.actual).startswith(key(want["actual"])[:20])
        assert (got.weight, got.score) == (printed(want["weight"]), printed(want["score"]))
        assert bool(got.deviation) == bool(want["deviation"])
        assert got.form_id == lines[key(form["money"][0]["row"])].form_id
    fields = {f.name: f for f in records.form_fields if f.project == project}
    assert fields["总分"].value == printed(form["total"]["score"])
    assert fields["总分值"].value == printed(form["total"]["weight"])
    for name, text in form["fields"].items():
        assert key(fields[name].text) == key(text)
    assert key(fields["预期目标"].text).startswith(key(form["goals"]["expected"])[:30])


def test_targets_and_actuals_are_read_as_comparator_value_unit(forms_doc):
    records, _ = forms_doc
    by_name = {(i.project, i.level3): i for i in records.indicators if i.project}
    i = by_name[("信访研究宣传立法专项", "微信发稿量(篇)")]
    assert (i.comparator, i.target_value, i.unit) == ("≥", Decimal(350), "篇")
    assert (i.actual_value, i.actual_unit) == (Decimal(335), "篇")
    i = by_name[("信息化运行维护", "项目成本控制")]
    assert (i.comparator, i.target_value, i.unit, i.actual_value) == ("≤", Decimal("1638.67"), "万元", Decimal("1032.99"))


def test_no_error_on_the_unaltered_forms(forms_doc):
    _, findings = forms_doc
    # (the text's score for one project disagrees with its form: test_a_project_score_in_the_text_…)
    assert [f for f in findings if f.rule.startswith("form.") and f.rule != "form.stated_score"
            and f.severity != "info"] == []
    # the template's 0.0% under 年度资金总额 is no execution rate to recompute
    assert not [f for f in findings if f.rule.startswith("rate.") and f.page in range(30, 37)]


def form_errors(doc) -> set[tuple]:
    records = extract(doc)
    return {(f.rule, f.severity, f.page, f.stated_value, f.expected_value) for f in validate(records)
            if f.rule.startswith("form.")}


ALTERED = [
    # (change on the page, what is reported)
    (dict(cell=(30, "培训合格率", "8", "9")), {("form.total", "error", 31, "100", "101")}),  # the 分值
    (dict(cell=(31, "信访系统干部整体素质", "9", "11")), {("form.over_weight", "error", 31, "11", "10"),
                                                     ("form.total", "error", 31, "98", "100")}),
    (dict(cell=(32, "年度资金总额", "77.13%", "79.13%")), {("form.execution_rate", "error", 32, "79.13%", "77.13%")}),
    (dict(cell=(32, "年度资金总额", "7.7", "8.7")), {("form.execution_score", "error", 32, "8.7", "7.7"),
                                                ("form.total", "error", 33, "94.7", "95.7")}),
    (dict(cell=(32, "财政拨款", "473.76", "437.76")), {("form.funds_sum", "error", 32, "493.76万元", "457.76万元")}),
    (dict(cell=(34, "总分", "98", "97")), {("form.total", "error", 34, "97", "98"),
                                         ("form.stated_score", "error", 28, "98.0分", "97分")}),  # the 综述 says 98.0
    (dict(cell=(35, "年度资金总额", "1638.67", "1683.67")), {("form.funds_sum", "error", 35, "1,683.67万元", "1,638.67万元")}),
]


@pytest.mark.parametrize("change, reported", ALTERED, ids=[str(a[0]["cell"][1:]) for a in ALTERED])
def test_an_altered_form_is_reported(samples, change, reported):
    path = samples / "wide" / FILE
    assert form_errors(altered(path, **change)) - form_errors(altered(path)) == reported


def test_a_full_score_for_a_missed_target_is_reported(samples):
    path = samples / "wide" / FILE
    new = form_errors(altered(path, cell=(32, "微信发稿量", "4", "6"))) - form_errors(altered(path))
    assert ("form.missed_full_score", "warning", 32, "6", None) in new  # no 评分标准 on the form: a warning
    assert ("form.total", "error", 33, "94.7", "96.7") in new


def synthetic_form(rule: str | None, score: str, deviation: str = "") -> Document:
    """A 自评表 of another shape: no label column on the left, no 上年结转 row, a 评分标准 column."""
    header = ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"] + (["评分标准"] if rule else [])
    rows = [
        ["项目名称", "测试项目", "", "", "", ""],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100.00", "100.00", "90.00", "10", "90.00%", "9"],
        ["其中:财政拨款", "60.00", "60.00", "50.00", "--", "0.0%", "--"],
        ["其他资金", "40.00", "40.00", "40.00", "--", "0.0%", "--"],
        header,
        ["培训人数", "≥300人", "280人", "90", score, deviation] + ([rule] if rule else []),
        ["总分", "", "", "100", str(9 + int(score)), ""],
    ]
    width = max(len(r) for r in rows)
    cells = [Cell(row=r, col=k, text=t, page=1) for r, row in enumerate(rows) for k, t in enumerate(row) if t]
    table = Table(table_id="t1", page=1, pages=[1], n_rows=len(rows), n_cols=width, cells=cells,
                  context=["测试项目项目支出绩效自评表"])
    return Document(doc_id="x", source_file="form.pdf", format="pdf", pages=1, text_source="pdf_text", blocks=[table])


def test_a_full_score_against_a_proportional_rule_is_an_error():
    records = extract(synthetic_form("按完成比例得分", "90"))
    found = {(f.rule, f.severity) for f in validate(records)}
    assert ("form.missed_full_score", "error") in found
    assert records.indicators[0].project == "测试项目" and records.budget_lines[0].form_id == "t1/r0"


def test_a_docked_miss_without_a_reason_is_a_warning_and_with_one_nothing():
    found = {(f.rule, f.severity) for f in validate(extract(synthetic_form(None, "84")))}
    assert ("form.missing_deviation", "warning") in found and ("form.missed_full_score", "warning") not in found
    found = {f.rule for f in validate(extract(synthetic_form(None, "84", "培训场地受限")))}
    assert not any(r.startswith("form.") for r in found)


def test_a_project_score_in_the_text_is_compared_with_its_form(forms_doc, samples):
    _, findings = forms_doc
    stated = [(f.page, f.stated_value, f.expected_value) for f in findings if f.rule == "form.stated_score"]
    # p28: "信息化运行维护项目绩效自评综述：…项目自评得分为88.5分"; its 自评表 (p36) prints 总分 90.5
    assert stated == [(28, "88.5分", "90.5分")]
    path = samples / "wide" / FILE
    new = form_errors(altered(path, sentence=("项目自评得分为94.7分", "项目自评得分为96.7分"))) - form_errors(altered(path))
    assert new == {("form.stated_score", "error", 27, "96.7分", "94.7分")}
