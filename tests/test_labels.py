"""Label normalisation: row, column and indicator labels → canonical names (issue 3).

The labels are copied from ../shared/samples/text (gxj2024, sjj2024, gxj_goal2026) as printed,
spaces and OCR errors included; nothing is read from ../shared at test time.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from parsers.normalize import labels
from parsers.normalize.labels import (
    canonical_column,
    canonical_indicator,
    canonical_item,
    canonical_metric,
    indicator_name,
    indicator_parents,
    label_key,
    mend_ocr,
    segment,
)

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------------
# money tables

# gxj2024 表1 and 表2 ("三公"经费): header cells as printed
GXJ_TABLE1_HEADER = {"支出类别": "item", "年初预算数": "initial_budget", "调整后预算数": "adjusted_budget",
                     "实际支出数": "actual_spending", "预算执行率": "execution_rate"}
GXJ_TABLE2_HEADER = {"类别": "item", "调整后预算 支出(万元)": "adjusted_budget", "决算支出 (万元)": "actual_spending",
                     "预算执行率(%)": "execution_rate"}


@pytest.mark.parametrize("header, role", [*GXJ_TABLE1_HEADER.items(), *GXJ_TABLE2_HEADER.items(),
                                          ("年初预算支出(万元)", "initial_budget")])
def test_money_table_headers(header, role):
    assert canonical_column(header, "money") == role


@pytest.mark.parametrize("label, canonical", [
    # gxj2024 表1
    ("基本支出", "基本支出"), ("项目支出", "项目支出"), ("合计", "合计"),
    # gxj2024 表2
    ("因公出国(境)费用", "因公出国(境)费"), ("公务用车运行维护费", "公务用车运行维护费"),
    ("公务接待费", "公务接待费"),
    # sjj2024 收支情况 (narrative rows)
    ("一般公共预算拨款收入", "一般公共预算财政拨款"), ("一般公共预算财政拨款收入", "一般公共预算财政拨款"),
    ("政府性基金预算财政拨款收入", "政府性基金"), ("其他收入", "其他收入"),
    ("年初结转和结余", "年初结转和结余"), ("年末结转和结余", "年末结转和结余"),
])
def test_sample_row_labels(label, canonical):
    assert canonical_item(label) == canonical


@pytest.mark.parametrize("label, canonical", [
    ("项自支出", "项目支出"), ("项 目支出", "项目支出"), ("项目\n支出", "项目支出"), ("基 本支出", "基本支出"),
    # totals are distinct rows (issue 11): 总计 over 合计 over 小计; 本年支出合计 is no 支出总计
    ("合 计", "合计"), ("总计", "总计"), ("本年支出合计", "本年支出合计"), ("支出合计", "本年支出合计"), ("小计", "小计"),
    ("收入总计", "收入总计"), ("本年收入合计", "本年收入合计"),
    ("人员经费", "人员经费"), ("公用经费", "公用经费"), ("日常公用经费", "公用经费"),
    ("因公出国（境）费", "因公出国(境)费"), ("因公出国(境)经费", "因公出国(境)费"), ("因公出国（境）费用", "因公出国(境)费"),
    ("公务用车购置及运行维护费", "公务用车购置及运行维护费"), ("公务用车购置费", "公务用车购置费"),
    ("公务用车运行费", "公务用车运行维护费"), ('"三公"经费', "三公经费"), ("“三公”经费", "三公经费"), ("三公经费", "三公经费"),
    ("财政拨款收入", "财政拨款收入"), ("一般公共预算财政拨款", "一般公共预算财政拨款"), ("政府性基金", "政府性基金"),
    ("上年结转", "年初结转和结余"), ("结转下年", "年末结转和结余"), ("财政拔款收入", "财政拨款收入"),
    # numbering, "其中", a unit: not part of the name
    ("其中：基本支出", "基本支出"), ("1.人员经费", "人员经费"), ("（一）项目支出", "项目支出"), ("合计(万元)", "合计"),
])
def test_row_label_variants(label, canonical):
    assert canonical_item(label) == canonical


@pytest.mark.parametrize("label, canonical", [
    # extra words: the longest item term among the jieba words wins, the last one on ties
    ("2024年度基本支出合计", "基本支出"), ("项目支出合计", "项目支出"), ("基本支出小计", "基本支出"),
    ("2024年因公出国（境）费用", "因公出国(境)费"), ("“三公”经费合计", "三公经费"),
])
def test_row_labels_with_extra_words(label, canonical):
    assert canonical_item(label) == canonical


@pytest.mark.parametrize("label", ["", "  ", "年初预算数", "工业和信息化发展专项资金", "公用经费控制率",
                                   "局机关办公设备购置经费项目", "法制建设与执法工作经费"])
def test_unknown_row_labels(label):
    assert canonical_item(label) is None


# ---------------------------------------------------------------------------------------------
# score sheets and indicator tables: columns

@pytest.mark.parametrize("header, role", [
    # gxj2024 综合评分表
    ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "level3"), ("权重 分", "weight"),
    ("标准值", "target"), ("评分规则", "rule"), ("业绩值及评分过程", "evidence"), ("得分", "score"),
    # sjj2024 得分情况
    ("指标说明", "description"), ("评价要点", "rule"), ("分值", "weight"), ("自评分", "score"),
])
def test_score_sheet_headers(header, role):
    assert canonical_column(header, "score") == role


@pytest.mark.parametrize("header, role", [
    ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "level3"),
    ("半年（程） 指标值", "half_year_target"), ("全年（程） 指标值", "full_year_target"),
])
def test_indicator_table_headers(header, role):
    assert canonical_column(header, "indicator") == role


# ---------------------------------------------------------------------------------------------
# level labels

GXJ_LEVEL1 = [("A央策(12 分)", "决策"), ("B过程(24 分)", "过程"), ("D效益(24 分)", "效益"),
              ("E满意度 (3 分)", "满意度"), ("合计", "合计")]
GXJ_LEVEL2 = [("A1计划制定", "计划制定"), ("A2目标设定", "目标设定"), ("A3预算编制", "预算编制"),
              ("B1预算执行 (10分)", "预算执行"), ("B2资产管理", "资产管理"), ("B3采购管理", "采购管理"),
              ("B4内部控制 管理(4分)", "内部控制管理"), ("B5预算绩效 管理(4分)", "预算绩效管理"),
              ("C1强化工业 经济运行调", "强化工业经济运行调"), ("C2促进产业 发展", "促进产业发展"),
              ("C3发展数字 经济产业", "发展数字经济产业"), ("C4推动企业 转型升级", "推动企业转型升级"),
              ("C5加强企业 培育和服务", "加强企业培育和服务"), ("D1经济效益", "经济效益指标"),
              ("D2社会效益", "社会效益指标"), ("D3生态效益", "生态效益指标"), ("D4可持续影响", "可持续影响指标"),
              ("E1服务对象 满意度", "服务对象满意度指标")]
SJJ_LEVEL1 = [("部门决策 (15分)", "决策"), ("部门管理 (20 分)", "管理"), ("部门履职 (40分)", "履职"),
              ("履职绩效 (20分)", "履职绩效"), ("可持续发展能力(5 分)", "可持续发展能力"),
              ("加减分项 (≤5分)", "加减分项"), ("合 计", "合计")]
SJJ_LEVEL2 = [("决策机制 (4分)", "决策机制"), ("中长期规划(4分)", "中长期规划"), ("年度工作 计划 (4分)", "年度工作计划"),
              ("部门预算编制 (3分)", "部门预算编制"), ("预算执行 (4分)", "预算执行"), ("收支管理 (2分)", "收支管理"),
              ("资产管理 (2分)", "资产管理"), ("政府采购管理(2分)", "政府采购管理"), ("内部控制 管理(7分)", "内部控制管理"),
              ("预算绩效 管理 (3分)", "预算绩效管理"), ("重点工作 完成情况 (40分)", "重点工作完成情况"),
              ("社会效益 (10分)", "社会效益指标"), ("满意度 (10分)", "服务对象满意度指标"),
              ("信息化建 设情况 (3 分)", "信息化建设情况"), ("部门创新 情况 (2分)", "部门创新情况"),
              ("加分项", "加分项"), ("减分项", "减分项")]
# gxj_goal2026: the indicator tree (some 二级 names are printed in the 一级 column)
GOAL_LEVEL1 = [("决策", "决策"), ("过程", "过程"), ("产出指标", "产出"), ("效益指标", "效益"),
               ("经济效益指标", "经济效益指标"), ("可持续影响指标", "可持续影响指标"), ("满意度指标", "满意度")]
GOAL_LEVEL2 = [("项目立项", "项目立项"), ("绩效目标", "绩效目标"), ("资金投入", "资金投入"), ("资金管理", "资金管理"),
               ("组织实施", "组织实施"), ("数量指标", "数量指标"), ("质量指标", "质量指标"),
               ("社会效益指标", "社会效益指标"), ("生态效益指标", "生态效益指标"),
               ("满意度指标", "服务对象满意度指标")]


@pytest.mark.parametrize("label, canonical", GXJ_LEVEL1 + SJJ_LEVEL1 + GOAL_LEVEL1)
def test_level1_labels(label, canonical):
    assert canonical_indicator(label, 1) == canonical


@pytest.mark.parametrize("label, canonical", GXJ_LEVEL2 + SJJ_LEVEL2 + GOAL_LEVEL2)
def test_level2_labels(label, canonical):
    assert canonical_indicator(label, 2) == canonical


@pytest.mark.parametrize("label, canonical", [
    ("A11中长期规划制定 健全性", "中长期规划制定健全性"), ("B12预算执行率", "预算执行率"),
    ('B15 "三公" 经费控 制率', "三公经费控制率"), ("D41长效监管制 度建立情况", "长效监管制度建立情况"),
    ("部门预算执行率", "部门预算执行率"), ('"三公"经费控制率', "三公经费控制率"),
    # gxj_goal2026 三级: the unit in the name is not part of it
    ("资金到位率", "资金到位率"), ("综合性重大场景数（个）", "综合性重大场景数"), ("全市智算规模（P）", "全市智算规模"),
    ("工业互联网标识解析国家顶级节点（南京灾备节点）稳定运行天数（天）", "工业互联网标识解析国家顶级节点(南京灾备节点)稳定运行天数"),
    ("重点产业规模能级", "重点产业规模能级"), ("服务满意度", "服务满意度"),
])
def test_level3_labels(label, canonical):
    assert canonical_indicator(label, 3) == canonical


def test_level_label_odds_and_ends():
    assert canonical_indicator("(3分)", 2) is None  # only the wrapped weight of the label above
    assert canonical_indicator("", 1) is None
    assert canonical_indicator("可持续发展能力(5", 1) == "可持续发展能力"  # weight cut by a line break
    assert canonical_indicator("部门决策(总分15分,自评价得分14分)", 1) == "决策"
    assert canonical_indicator("产出数量", 2) == "数量指标"
    assert indicator_name("B1预算执行 (10分)") == "预算执行"


def test_indicator_parents_follow_the_standard_tree():
    parents = indicator_parents()
    assert parents["数量指标"] == "产出" and parents["可持续影响指标"] == "效益"
    assert parents["服务对象满意度指标"] == "满意度"


# ---------------------------------------------------------------------------------------------
# measures

@pytest.mark.parametrize("text, canonical", [
    ("预算执行率", "预算执行率"), ("执行率", "预算执行率"), ("预算执行率(%)", "预算执行率"), ("部门预算执行率", "预算执行率"),
    ("预算调整率", "预算调整率"), ("结转结余率", "结转结余率"), ("公用经费控制率", "公用经费控制率"),
    ('"三公"经费控制率', "三公经费控制率"), ("三公经费控制率", "三公经费控制率"), ('B15 "三公" 经费控 制率', "三公经费控制率"),
    ("“三公”经费变动率", "三公经费变动率"), ("在职人员控制率", "在职人员控制率"), ("政府采购执行率", "政府采购执行率"),
    ("资金到位率", "资金到位率"), ("占比", "占比"), ("占", "占比"), ("增长率", "增长率"), ("增速", "增长率"),
    ("同比增长", "增长率"), ("规上工业增加值增速", "增长率"), ("下降", "下降率"), ("减少", "下降率"),
    ("同比下降", "下降率"), ("完成率", "完成率"), ("C11年度工作完成率", "完成率"),
])
def test_metrics(text, canonical):
    assert canonical_metric(text) == canonical


@pytest.mark.parametrize("text", ["", "基本支出", "经费", "南京市工业和信息化局"])
def test_unknown_metrics(text):
    assert canonical_metric(text) is None


# ---------------------------------------------------------------------------------------------
# OCR and spacing

@pytest.mark.parametrize("text, mended", [
    ("项自支出", "项目支出"), ("项自", "项目"), ("A央策", "A决策"), ("A央策(12 分)", "A决策(12 分)"),
    ("预央算信息公开", "预决算信息公开"), ("按规定稀理业务流程", "按规定梳理业务流程"), ("己制定", "已制定"),
    ("财政拔款", "财政拨款"), ("-级指标", "一级指标"),
])
def test_mend_ocr_fixes_domain_words(text, mended):
    assert mend_ocr(text) == mended


@pytest.mark.parametrize("text", [
    "自评", "自评价", "中央", "稀土", "本项自评得4分", "自评分", "中央算力网", "党中央策划", "事项自动办理",
    "各项自主创新", "自己制定", "依稀理解", "项目支出", "决策", "梳理", "", "-4-", "2024-2025年", "一级指标",
])
def test_mend_ocr_leaves_correct_text_alone(text):
    assert mend_ocr(text) == text


def test_label_key_spacing_quotes_brackets():
    assert label_key("“三公” 经费\n支出") == "三公经费支出"
    assert label_key("因公出国（境）费") == "因公出国(境)费"
    assert label_key("项 自 支出") == "项目支出"


# ---------------------------------------------------------------------------------------------
# jieba

def test_segment_keeps_domain_terms_whole():
    assert segment("2024年度基本支出合计") == ["2024", "年度", "基本支出", "合计"]
    assert segment("项目支出预算执行率") == ["项目支出", "预算执行率"]
    assert segment("因公出国（境）费用") == ["因公出国境费用"]
    assert "年初结转和结余" in segment("年初结转和结余860.29万元")
    assert segment("") == []


def test_private_tokenizer_leaves_jieba_alone():
    import jieba

    before = jieba.default_logger.level
    tk = labels._tokenizer()
    assert tk is not jieba.dt and tk is labels._tokenizer()
    assert jieba.default_logger.level == before
    assert jieba.dt.FREQ.get("基本支出") != labels._JIEBA_FREQ


def test_tokenizer_loads_silently():
    code = "from parsers.normalize.labels import segment; print(segment('项自支出'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['项目支出']" and done.stderr == ""


# ---------------------------------------------------------------------------------------------
# canonical_column: behaviour the pipeline relies on, unchanged

@pytest.mark.parametrize("header, table, role", [
    ("年初预算支出(万元)", "money", "initial_budget"), ("调整后预算 支出(万元)", "money", "adjusted_budget"),
    ("决算支出 (万元)", "money", "actual_spending"), ("预算执行率(%)", "money", "execution_rate"),
    ("预算数", "money", "budget"), ("权重 分", "score", "weight"), ("自评分", "score", "score"),
    ("半年（程） 指标值", "indicator", "half_year_target"), ("全年（程） 指标值", "indicator", "full_year_target"),
    ("随便什么", "money", None), ("", "money", None),
])
def test_canonical_column_unchanged(header, table, role):
    assert canonical_column(header, table) == role

