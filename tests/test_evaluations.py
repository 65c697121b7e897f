"""Issue 13: a finance bureau's evaluation results and summary score sheets, from the 长沙 reports
(湖南: 2020 born digital, 2023 a scan) and the 国家信访局 2024 部门评价 (中央), checked against
tests/data/handchecked; and grade bands read from the report where it states them."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extract.document_info import grade_bands
from pipeline.validate.rules.score_sheet import bands_of, grade_of
from schemas.document import Document, Paragraph

DATA = Path(__file__).parent / "data" / "handchecked"
CASES = [("changsha_gzw_2020_perf_eval_report.pdf", "changsha_gzw_2020_eval_report.json"),
         pytest.param("changsha_jjzd_2023_perf_eval_result_scan.pdf", "changsha_jjzd_2023_eval_result.json",
                      marks=pytest.mark.slow)]  # an image-only scan: OCR


@pytest.mark.parametrize("name, checked", CASES)
def test_the_evaluated_project_score_and_grade_are_records(samples, records, name, checked):
    want = json.loads((DATA / checked).read_text(encoding="utf-8"))["forms"][0]
    r = records(samples / "wide" / name)
    assert r.document.doc_type == "performance_evaluation"
    fields = {f.name: f for f in r.form_fields if f.form_id == "evaluation"}
    assert fields["评价得分"].value == Decimal(want["total"]["score"])
    assert fields["评价等级"].text == want["grade"]
    assert (r.document.total_score_stated, r.document.grade_stated) == (Decimal(want["total"]["score"]), want["grade"])
    assert fields["评价得分"].page == max(want["pages"])
    assert fields["评价得分"].project


def test_the_cover_fields_of_an_evaluation_report(samples, records):
    r = records(samples / "wide" / "changsha_gzw_2020_perf_eval_report.pdf")
    want = json.loads((DATA / "changsha_gzw_2020_eval_report.json").read_text(encoding="utf-8"))["forms"][0]
    fields = {f.name: f.text for f in r.form_fields if f.form_id == "evaluation"}
    for name in ("评价项目单位", "项目主管部门", "评价项目金额", "报告日期"):
        assert fields[name] == want["fields"][name]
    assert fields["评价项目名称"] == want["project"]


def test_a_summary_sheet_of_first_level_indicators_is_a_score_sheet(samples, records):
    # 国家信访局 2024 p48 表2 综合评价得分情况表: 一级指标 | 分值 | 得分 | 得分率, 合计 100 | 85.19
    r = records(samples / "wide" / "guojia_xinfangju_2024_final_accounts_with_selfeval.pdf")
    items = [(i.level3, i.weight, i.score) for i in r.score_items]
    assert items == [("决策", 20, Decimal("17.90")), ("过程", 20, Decimal("17.99")), ("产出", 30, Decimal("25.30")),
                     ("效益", 30, Decimal("24.00"))]
    assert r.document.total_score_sheet == Decimal("85.19")
    # the text's "10个二级指标、17个三级指标" cannot be counted on a sheet of the 一级 alone
    assert not [f for f in r.findings if f.rule == "score.count"]


def doc_with(text: str) -> Document:
    return Document(doc_id="x", source_file="x.txt", format="txt", blocks=[Paragraph(text=text)])


def test_grade_bands_stated_in_the_report_are_used():
    bands = grade_bands(doc_with("评价等级分为：90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、0-60分为差。"))
    assert bands == ["优≥90", "良≥80", "中≥60"]
    assert grade_of(Decimal("85.19"), bands_of(bands)) == "良"
    other = bands_of(grade_bands(doc_with("综合得分85分（含）以上为优秀，70分（含）以上85分以下为良好，60（含）-70为合格")))
    assert grade_of(Decimal("86"), other) == "优" and grade_of(Decimal("75"), other) == "良"
    assert grade_of(Decimal("65"), other) == "合格"
    assert grade_of(Decimal("92"), bands_of([])) == "优"  # none stated: the common bands
