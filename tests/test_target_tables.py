"""Issue 13: target tables (项目支出绩效目标表, 部门整体支出绩效目标表) from three regions, each project a unit of
records (`project`, `form_id`), checked against the values helpers read off the rendered pages
(tests/data/handchecked): 广州 2026 (one row per project, the indicator tree packed into one cell),
首都绿化 2026 (北京: merged project cells over the indicator rows, comparator and unit in columns of
their own), 长沙 2025 (湖南: merged cells re-printed on every page, empty 二级 placeholder rows) and
the 广州 部门整体 declaration."""
from __future__ import annotations

import json
import re
import unicodedata
from collections import OrderedDict
from decimal import Decimal
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "handchecked"
CASES = [
    ("guangzhou_zwsj_2026_project_target_tables.pdf", "guangzhou_zwsj_2026_project_targets.json"),
    ("beijing_shoudulvhua_2026_budget_tables.pdf", "beijing_shoudulvhua_2026_targets.json"),
    ("changsha_gaj_2025_budget.pdf", "changsha_gaj_2025_targets.json"),
]
MONEY = {"总计", "财政拨款", "项目总额", "财政资金", "资金总额"}


def key(text: str | None) -> str:
    """As the datasets keep text (NFKC), without spaces, quotes, colons and stray dots."""
    return re.sub(r"[\s:.\"“”]", "", unicodedata.normalize("NFKC", text or ""))


def projects_of(records) -> "OrderedDict[str, list]":
    """form_id → its indicators, in the order the forms are printed."""
    out: OrderedDict[str, list] = OrderedDict()
    for i in records.indicators:
        if i.form_id:
            out.setdefault(i.form_id, []).append(i)
    return out


@pytest.mark.parametrize("name, checked", CASES, ids=[c[0][:12] for c in CASES])
def test_every_project_is_a_unit_with_its_printed_indicators_and_funds(samples, records, name, checked):
    r = records(samples / "wide" / name)
    forms = [f for f in json.loads((DATA / checked).read_text(encoding="utf-8"))["forms"] if f.get("project")]
    got = projects_of(r)
    assert [key(v[0].project) for v in got.values()] == [key(f["project"]) for f in forms]
    funds = {(f.form_id, f.name): f for f in r.form_fields if f.form_id}
    for (form_id, indicators), form in zip(got.items(), forms):
        want = form["indicators"]
        count = form.get("indicator_count", len(want) if want else None)
        if count is not None:  # a form whose indicators the helper counted (the others: name and funds)
            assert len(indicators) == count, form["project"]
        for g, w in zip(indicators, want):
            assert (g.level1, g.level2, key(g.level3)) == (w["level1"], w["level2"], key(w["level3"]))
            assert key(g.full_year_target) == key(w["target"])
        for m in form["money"]:
            if m["column"] in MONEY and m["printed"]:
                field = funds[(form_id, m["column"])]
                assert field.value == Decimal(m["printed"].replace(",", "")) * 10000
        if form.get("goals") and form["goals"].get("expected"):
            assert key(indicators[0].goal).startswith(key(form["goals"]["expected"])[:20])


def test_a_packed_tree_keeps_both_targets_and_reads_them(samples, records):
    r = records(samples / "wide" / "guangzhou_zwsj_2026_project_target_tables.pdf")
    first = projects_of(r)[next(iter(projects_of(r)))]
    i = first[1]  # 2、1-产出指标；11-数量指标；汇聚数据量；实施周期指标值:≥10亿条；年度指标值:≥10亿条
    assert (i.level3, i.period_target, i.full_year_target) == ("汇聚数据量", "≥10亿条", "≥10亿条")
    assert (i.comparator, i.target_value, i.unit) == ("≥", Decimal("1000000000"), "条")
    assert r.document.doc_type == "performance_target_table"


def test_comparator_and_unit_columns_make_the_target(samples, records):
    r = records(samples / "wide" / "beijing_shoudulvhua_2026_budget_tables.pdf")
    by = {(key(i.project), i.level3): i for i in r.indicators if i.project}
    i = by[(key("11000025T000003353562-千家万盆鲜花祝福祖国"), "群众满意度")]  # ≥ | 90 | %
    assert (i.comparator, i.target_value, i.unit) == ("≥", Decimal(90), "%")
    i = by[(key("11000025T000003353562-千家万盆鲜花祝福祖国"), "购买花卉")]  # ≤ | 29 | 万元
    assert (i.comparator, i.target_value, i.unit) == ("≤", Decimal(290000), "元")


def test_the_department_declaration_files_social_benefits_under_benefits(samples, records):
    r = records(samples / "wide" / "guangzhou_zwsj_2026_dept_target_declaration.pdf")
    want = json.loads((DATA / "guangzhou_zwsj_2026_dept_target.json").read_text(encoding="utf-8"))["forms"][0]
    got = [i for i in r.indicators]
    assert len(got) == len(want["indicators"])
    for g, w in zip(got, want["indicators"]):
        assert (g.level1, g.level2, key(g.level3), key(g.full_year_target)) == \
            (w["level1"], w["level2"], key(w["level3"]), key(w["target"]))


def test_the_department_declaration_keeps_its_budget_grid(samples, records):
    # "部门预算支出 | 预算金额（万元） | 收入来源 | 预算金额（万元）" over label | amount pairs
    r = records(samples / "wide" / "guangzhou_zwsj_2026_dept_target_declaration.pdf")
    want = json.loads((DATA / "guangzhou_zwsj_2026_dept_target.json").read_text(encoding="utf-8"))["forms"][0]
    fields = {f.name: f for f in r.form_fields}
    checked = [m for m in want["money"] if not m["row"].startswith("年度重点工作任务")]
    assert len(checked) == 8
    for m in checked:
        assert fields[m["row"]].value == Decimal(m["printed"].replace(",", "")) * 10000, m


def test_one_table_per_project_is_named_by_its_title(samples, records):
    # 泉州 2026: "市级机关保留公务用车委托管理费项目绩效目标表" over 资金总额: 1778.31 …; the 部门整体 one has no project
    r = records(samples / "wide" / "2026年泉州市人民政府办公室部门预算.pdf")
    projects = list(dict.fromkeys(i.project for i in r.indicators))
    assert projects[:2] == ["市级机关保留公务用车委托管理费项目", "市行政中心保安服务项目"] and projects[-1] is None
    funds = {(f.project, f.name): f.value for f in r.form_fields if f.project}
    assert funds[("市级机关保留公务用车委托管理费项目", "资金总额")] == Decimal("17783100")
    assert funds[("市行政中心保安服务项目", "其他资金")] == Decimal("42000000")
