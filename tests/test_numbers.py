"""Figures as printed in the sample reports (gxj2024, gxj_goal2026, sjj2024), read exactly.

The strings below are copied from /work/shared/samples/text/*.txt; the tests never read
those files.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.normalize.numbers import (
    MONEY_UNITS,
    Number,
    find_numbers,
    parse_chinese_date,
    parse_number,
    parse_range,
    to_yuan,
    unit_from_context,
)


def F(text, value, decimals, unit=None, comparator=None, qualifier=None):
    return pytest.param(text, value, decimals, unit, comparator, qualifier, id=text)


# (printed form, value, decimals, unit, comparator, qualifier)
FORMS = [
    # --- gxj2024: tables 1 and 2 (cells)
    F("7,196.93", "7196.93", 2),
    F("7,612.64", "7612.64", 2),
    F("7,328.87", "7328.87", 2),
    F("504.17", "504.17", 2),
    F("1,724.13", "1724.13", 2),
    F("1,458.89", "1458.89", 2),
    F("7,701.10", "7701.10", 2),
    F("9,336.77", "9336.77", 2),
    F("8,787.76", "8787.76", 2),
    F("96.26%", "96.26", 2, "%"),
    F("84.62%", "84.62", 2, "%"),
    F("94.12%", "94.12", 2, "%"),
    F("0.00", "0", 2),
    F("38.87", "38.87", 2),
    F("100.00%", "100.00", 2, "%"),
    F("9.50", "9.50", 2),
    F("7.00", "7", 2),
    F("4.47", "4.47", 2),
    F("63.86%", "63.86", 2, "%"),
    F("16.50", "16.5", 2),
    F("55.37", "55.37", 2),
    F("52.84", "52.84", 2),
    F("95.43%", "95.43", 2, "%"),
    # --- gxj2024: narrative money
    F("2,246.52万元", "2246.52", 2, "万元"),
    F("1,607.52万元", "1607.52", 2, "万元"),
    F("71.56%", "71.56", 2, "%"),
    F("160.64万元", "160.64", 2, "万元"),
    F("7.15%", "7.15", 2, "%"),
    F("378.36万元", "378.36", 2, "万元"),
    F("16.84%", "16.84", 2, "%"),
    F("100.00万元", "100", 2, "万元"),
    F("4.45%", "4.45", 2, "%"),
    F("7,701.10万元", "7701.1", 2, "万元"),
    F("7,196.93 万元", "7196.93", 2, "万元"),
    F("415.71万元", "415.71", 2, "万元"),
    F("1,219.96万元", "1219.96", 2, "万元"),
    F("16.50万元", "16.50", 2, "万元"),
    F("55.37万元", "55.37", 2, "万元"),
    F("1,458.89 万元", "1458.89", 2, "万元"),
    F("35458万元", "35458", 0, "万元"),
    F("29854万元", "29854", 0, "万元"),
    F("29833.73万元", "29833.73", 2, "万元"),
    F("99.9%", "99.9", 1, "%"),
    F("20000 万元", "20000", 0, "万元"),
    F("17000万元", "17000", 0, "万元"),
    F("23088.86万元", "23088.86", 2, "万元"),
    F("135.8%", "135.8", 1, "%"),
    F("52,922.59万元", "52922.59", 2, "万元"),
    F("93.98分", "93.98", 2, "分"),
    # --- gxj2024: goals and achievements
    F("10亿元以上", "10", 0, "亿元", None, "以上"),
    F("5%左右", "5", 0, "%", None, "左右"),
    F("超过7800亿元", "7800", 0, "亿元", None, "超过"),
    F("约4%", "4", 0, "%", None, "约"),
    F("8500亿元", "8500", 0, "亿元"),
    F("6%以上", "6", 0, "%", None, "以上"),
    F("150个", "150", 0, "个"),
    F("15家", "15", 0, "家"),
    F("2家", "2", 0, "家"),
    F("74", "74", 0),
    F("2000P以上", "2000", 0, "P", None, "以上"),
    F("1000个", "1000", 0, "个"),
    F("100项", "100", 0, "项"),
    F("30家", "30", 0, "家"),
    F("超5000家", "5000", 0, "家", None, "超"),
    F("13家", "13", 0, "家"),
    F("121家", "121", 0, "家"),
    F("超过500亿元", "500", 0, "亿元", None, "超过"),
    F("78个", "78", 0, "个"),
    F("16050.4亿元", "16050.4", 1, "亿元"),
    F("1.1%", "1.1", 1, "%"),
    F("522个", "522", 0, "个"),
    F("超1000亿元", "1000", 0, "亿元", None, "超"),
    F("555.5亿元", "555.5", 1, "亿元"),
    F("112.4%", "112.4", 1, "%"),
    F("1468家", "1468", 0, "家"),
    F("超13000P FLOPS", "13000", 0, "P", None, "超"),
    F("47个", "47", 0, "个"),
    F("超1100个", "1100", 0, "个", None, "超"),
    F("294项", "294", 0, "项"),
    F("23套", "23", 0, "套"),
    F("104家", "104", 0, "家"),
    F("10场", "10", 0, "场"),
    F("近1000家", "1000", 0, "家", None, "近"),
    F("100余场", "100", 0, "场", None, "余"),
    F("3.2%", "3.2", 1, "%"),
    F("42个", "42", 0, "个"),
    F("124人", "124", 0, "人"),
    F("18项", "18", 0, "项"),
    # --- gxj2024: the scoring sheet (OCR spaces, comparators, OCR ≪)
    F("2. 00", "2.00", 2),
    F("1. 00", "1", 2),
    F("3. 00", "3", 2),
    F("4. 00", "4", 2),
    F("6. 00", "6", 2),
    F("93. 98", "93.98", 2),
    F("100. 00%", "100", 2, "%"),
    F("1.50", "1.5", 2),
    F("1.88", "1.88", 2),
    F("0.80", "0.8", 2),
    F("0", "0", 0),
    F("100", "100", 0),
    F("0%", "0", 0, "%"),
    F("100%", "100", 0, "%"),
    F("≤100%", "100", 0, "%", "≤"),
    F("≪0%", "0", 0, "%", "≤"),
    F("=0%", "0", 0, "%", "="),
    F("<20%", "20", 0, "%", "<"),
    F("≥20%", "20", 0, "%", "≥"),
    F("<10%", "10", 0, "%", "<"),
    F(">100%", "100", 0, "%", ">"),
    F("=21.24%", "21.24", 2, "%", "="),
    F("=94.12%", "94.12", 2, "%", "="),
    F("=2.91%", "2.91", 2, "%", "="),
    F("=96.42%", "96.42", 2, "%", "="),
    F("低于 100%", "100", 0, "%", "<"),
    F("低于50%", "50", 0, "%", "<"),
    F("大于20%", "20", 0, "%", ">"),
    F("≥90%", "90", 0, "%", "≥"),
    F("90%以上", "90", 0, "%", None, "以上"),
    F("0.5分", "0.5", 1, "分"),
    F("1.5分", "1.5", 1, "分"),
    F("0.12分", "0.12", 2, "分"),
    F("1.88分", "1.88", 2, "分"),
    F("2.5分", "2.5", 1, "分"),
    F("12 分", "12", 0, "分"),
    F("24 分", "24", 0, "分"),
    F("93367667.77", "93367667.77", 2),
    F("87877569.18", "87877569.18", 2),
    F("2717710.86", "2717710.86", 2),
    F("4629700", "4629700", 0),
    F("528426.05", "528426.05", 2),
    F("552个", "552", 0, "个"),
    F("超20 家", "20", 0, "家", None, "超"),
    F("超 5000家", "5000", 0, "家", None, "超"),
    F("超4家", "4", 0, "家", None, "超"),
    F("7 家", "7", 0, "家"),
    F("5028家", "5028", 0, "家"),
    F("7800亿", "780000000000", 0, None),
    F("8500亿 元", "8500", 0, "亿元"),
    F("2000P以 上", "2000", 0, "P", None, "以上"),
    F("7914亿元", "7914", 0, "亿元"),
    F("7.5%", "7.5", 1, "%"),
    F("1100余个", "1100", 0, "个", None, "余"),
    F("30家以上", "30", 0, "家", None, "以上"),
    # --- gxj_goal2026: target values
    F("25227", "25227", 0),
    F("40000", "40000", 0),
    F("≥180", "180", 0, None, "≥"),
    F("365", "365", 0),
    F("≥1", "1", 0, None, "≥"),
    F("≥11000", "11000", 0, None, "≥"),
    F("≥2", "2", 0, None, "≥"),
    F("≥5", "5", 0, None, "≥"),
    F("≥80%", "80", 0, "%", "≥"),
    F("不少于30家", "30", 0, "家", "≥"),
    F("超400个", "400", 0, "个", None, "超"),
    F("150场", "150", 0, "场"),
    F("100万条", "1000000", 0, "条"),
    F("5000亿", "500000000000", 0, None),
    # --- sjj2024
    F("69人", "69", 0, "人"),
    F("115人", "115", 0, "人"),
    F("19248.69万元", "19248.69", 2, "万元"),
    F("11029.74万元", "11029.74", 2, "万元"),
    F("8218.95万元", "8218.95", 2, "万元"),
    F("489.18万元", "489.18", 2, "万元"),
    F("5763.6万元", "5763.6", 1, "万元"),
    F("100万元", "100", 0, "万元"),
    F("6091.91万元", "6091.91", 2, "万元"),
    F("188万元", "188", 0, "万元"),
    F("313.65万元", "313.65", 2, "万元"),
    F("860.29万元", "860.29", 2, "万元"),
    F("5959.46万元", "5959.46", 2, "万元"),
    F("992.74万元", "992.74", 2, "万元"),
    F("97.5分", "97.5", 1, "分"),
    F("18.5 分", "18.5", 1, "分"),
    F("小于90%", "90", 0, "%", "<"),
    F("超过90%", "90", 0, "%", None, "超过"),
    F("≤5分", "5", 0, "分", "≤"),
    F("16次", "16", 0, "次"),
    F("15场次", "15", 0, "场次"),
    F("335人次", "335", 0, "人次"),
    F("近200名", "200", 0, "名", None, "近"),
    F("20余条", "20", 0, "条", None, "余"),
    F("9.62亿元", "9.62", 2, "亿元"),
    F("4.65亿元", "4.65", 2, "亿元"),
    F("10.58%", "10.58", 2, "%"),
    F("160余人", "160", 0, "人", None, "余"),
    F("377款", "377", 0, "款"),
    F("142笔", "142", 0, "笔"),
    F("1亿元", "1", 0, "亿元"),
    F("1182家", "1182", 0, "家"),
    F("2572.7亿元", "2572.7", 1, "亿元"),
    F("207支", "207", 0, "支"),
    F("7万余件", "70000", 0, "件", None, "余"),
    F("679件", "679", 0, "件"),
    F("1400余场", "1400", 0, "场", None, "余"),
    F("423.44万件", "4234400", 2, "件"),
    F("383.09 万件", "3830900", 2, "件"),
    F("97.15%", "97.15", 2, "%"),
    F("1.2万件", "12000", 1, "件"),
    F("350万次", "3500000", 0, "次"),
    F("2500余万次", "25000000", 0, "次", None, "余"),
    F("98.5", "98.5", 1),
    F("1单", "1", 0, "单"),
    # --- forms listed in reports-and-formulas.md ("Where numbers hide")
    F("1.787 亿元", "1.787", 3, "亿元"),
    F("1.1万家", "11000", 1, "家"),
    F("13000P", "13000", 0, "P"),
    F("１２３．４５", "123.45", 2),
    F("２. 00", "2", 2),
    F("（123.00）", "-123.00", 2),
    F("≥ 5 次", "5", 0, "次", "≥"),
    F("=2 场", "2", 0, "场", "="),
    F("＝100%", "100", 0, "%", "="),
    F("≥80%", "80", 0, "%", "≥"),
    F("约1.05万家", "10500", 2, "家", None, "约"),
    F("超13000P", "13000", 0, "P", None, "超"),
    F("近900家", "900", 0, "家", None, "近"),
    F("1000余家", "1000", 0, "家", None, "余"),
    F("两万余家次", "20000", 0, "家次", None, "余"),
    F("一千二百万", "12000000", 0),
    F("3万5千", "35000", 0),
    F("7，701.10.万元", "7701.10", 2, "万元"),
    F("96.26％", "96.26", 2, "%"),
    # --- Chinese numerals: cn2an with its float and 余 pitfalls worked around
    F("一千二百万元", "1200", 0, "万元"),
    F("两千余万元", "2000", 0, "万元", None, "余"),
    F("三万五千", "35000", 0),
    F("两点五", "2.5", 1),
    F("二十万零五百", "200500", 0),
    F("1万2千3百", "12300", 0),
    F("1.2万亿元", "12000", 1, "亿元"),
    F("-5.2%", "-5.2", 1, "%"),
    F("不超过100%", "100", 0, "%", "≤"),
    F(">=60分", "60", 0, "分", "≥"),
]


@pytest.mark.parametrize("text, value, decimals, unit, comparator, qualifier", FORMS)
def test_parse_number_forms(text, value, decimals, unit, comparator, qualifier):
    n = parse_number(text)
    assert n is not None, text
    assert n.value == Decimal(value)
    assert isinstance(n.value, Decimal)
    assert n.decimals == decimals
    assert n.unit == unit
    assert n.comparator == comparator
    assert n.qualifier == qualifier
    assert (n.text, n.start, n.end) == (text, 0, len(text))


def test_there_are_enough_forms():
    assert len(FORMS) >= 150


NOT_A_FIGURE = [
    "", "   ", "—", "-", "－", "——", "健全", "序时进度", "提升", "A11", "B15", "C11", "FP16", "5G",
    "2024年1月", "2024年12月31日", "二〇二五年六月", "〔2019〕1号", "(1)", "（1）", "1.", "1/3",
    "满意度≥90%", "4家; 15家", "10\t10", "成功举 办;超20 家;超 5000家", "EZ-6", "S07",
]


@pytest.mark.parametrize("text", NOT_A_FIGURE)
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def test_negative_parentheses_are_flagged():
    n = parse_number("（123.00）")
    assert n.negative_parens and n.value == Decimal("-123.00") and str(n.value) == "-123.00"
    assert not parse_number("123.00").negative_parens


def test_number_is_frozen():
    n = parse_number("96.26%")
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.value = Decimal(1)  # type: ignore[misc]


# ------------------------------------------------------------------ find_numbers


def _summary(numbers: list[Number]) -> list[tuple]:
    return [(n.text, n.value, n.unit, n.comparator, n.qualifier) for n in numbers]


def N(text, value, unit=None, comparator=None, qualifier=None):
    return (text, Decimal(value), unit, comparator, qualifier)


SENTENCES = [
    (
        "2024年实际支出8,787.76万元, 预算执行率96.26%。其中: 基本支出7,328.87万元, 预算执行率84.62%; "
        "项目支出1,458.89万元, 预算执行率94.12%。",
        [N("8,787.76万元", "8787.76", "万元"), N("96.26%", "96.26", "%"), N("7,328.87万元", "7328.87", "万元"),
         N("84.62%", "84.62", "%"), N("1,458.89万元", "1458.89", "万元"), N("94.12%", "94.12", "%")],
    ),
    (
        "2024年预算安排7,701.10万元,其中:基本支出7,196.93 万元,项目支出504.17万元。调整后预算9,336.77万元,其中: "
        "基本支出7,612.64万元,调增415.71万元,主要原因是人员经 费增加;项目支出1,724.13万元,净调增1,219.96万元,主要 "
        "原因是项目经费增加。",
        [N("7,701.10万元", "7701.10", "万元"), N("7,196.93 万元", "7196.93", "万元"), N("504.17万元", "504.17", "万元"),
         N("9,336.77万元", "9336.77", "万元"), N("7,612.64万元", "7612.64", "万元"), N("415.71万元", "415.71", "万元"),
         N("1,724.13万元", "1724.13", "万元"), N("1,219.96万元", "1219.96", "万元")],
    ),
    (
        "整,预算进行了压减,剔除市长质量奖等其他部门使用资金后,2024年工业和信息化发展专项资金预算29854万元。"
        "截至2024年底,实际拨付29833.73万元,预算执行率为99.9%。",
        [N("29854万元", "29854", "万元"), N("29833.73万元", "29833.73", "万元"), N("99.9%", "99.9", "%")],
    ),
    (
        "全市规上数字经济核心产业营收超过7800亿元,同比增长约4%。实施软件名城提质升级行动,实现软件业务收入8500亿元,"
        "同比增长6%以上。推动数实融合走深走实,新增智能车间150个、智能工厂(含5G工厂、工业互联网标杆工厂)15家,"
        "争创省级智改数转网联标杆企业2家,\"两化\"融合发展水平达到74,出台南京市算力产业发展行动方案,新增智能算力规模2000P以上。",
        [N("超过7800亿元", "7800", "亿元", None, "超过"), N("约4%", "4", "%", None, "约"), N("8500亿元", "8500", "亿元"),
         N("6%以上", "6", "%", None, "以上"), N("150个", "150", "个"), N("15家", "15", "家"), N("2家", "2", "家"),
         N("74", "74"), N("2000P以上", "2000", "P", None, "以上")],
    ),
    (
        "三是建成智算中心6个,智算规模超13000P FLOPS (FP16)、全省第一。每万人拥有5G基站数达47个,"
        "获评江苏省首批\"万兆园区\"4个,均居全省第一。",
        [N("6个", "6", "个"), N("超13000P FLOPS", "13000", "P", None, "超"), N("47个", "47", "个"), N("4个", "4", "个")],
    ),
    (
        "全市各级协调会办会1400余场,推动1600余件难点问题解决。截至 12月30日,市\"12345\"热线共受理诉求423.44万件,"
        "较去年同期(383.09 万件)上升10.53%,话务服务满意率97.15%。",
        [N("1400余场", "1400", "场", None, "余"), N("1600余件", "1600", "件", None, "余"),
         N("423.44万件", "4234400", "件"), N("383.09 万件", "3830900", "件"), N("10.53%", "10.53", "%"),
         N("97.15%", "97.15", "%")],
    ),
    (
        "完成\"宁企通\"平台二期 优化升级,全年平台访问量350万次,全年新增惠企政策700余条, 奖补事项300余项,"
        "新增利企服务应用76项,向企业推送政策及资讯 信息2500余万次。",
        [N("350万次", "3500000", "次"), N("700余条", "700", "条", None, "余"), N("300余项", "300", "项", None, "余"),
         N("76项", "76", "项"), N("2500余万次", "25000000", "次", None, "余")],
    ),
    (
        "90%以上得3分、90%-80%得2.5分、80%-70% 得2分、70%-60%得1.5分、60%-50%得1分 、低于50%不得分。",
        [N("90%以上", "90", "%", None, "以上"), N("3分", "3", "分"), N("90%", "90", "%"), N("80%", "80", "%"),
         N("2.5分", "2.5", "分"), N("80%", "80", "%"), N("70%", "70", "%"), N("2分", "2", "分"), N("70%", "70", "%"),
         N("60%", "60", "%"), N("1.5分", "1.5", "分"), N("60%", "60", "%"), N("50%", "50", "%"), N("1分", "1", "分"),
         N("低于50%", "50", "%", "<")],
    ),
    (
        "形成2个万亿级、3个4000—5000亿级等重点产业集群。",
        [N("2个", "2", "个"), N("3个", "3", "个"), N("4000", "400000000000"), N("5000亿", "500000000000")],
    ),
    (
        "具体依据《关于加快培育新质生产力推动高质量发展的若干政策（2026年版）》（宁政规字〔2026〕2号）、"
        "《关于加快发展工业软件的实施意见》（宁政办发〔2024〕10号）、《市政府办公厅关于印发南京市进一步促进人工智能"
        "创新发展行动计划（2024-2026年）的通知》",
        [],
    ),
    (
        "截止到2024年12月31日,市数据局行政编制数69人,实有在职71人;离退休7人;辅助人员编制数38人,实有在职37人。合计115人。",
        [N("69人", "69", "人"), N("71人", "71", "人"), N("7人", "7", "人"), N("38人", "38", "人"), N("37人", "37", "人"),
         N("115人", "115", "人")],
    ),
    (
        "(六)加减分项(≤5分,自评得分1分)",
        [N("≤5分", "5", "分", "≤"), N("1分", "1", "分")],
    ),
    (
        "经初步测算,2023年度全市监测的六类数据企业共1319家(规上企业1229家,占比93%),数据产业业务收入2572.7亿元,"
        "预估产业规模接近全国10%。",
        [N("1319家", "1319", "家"), N("1229家", "1229", "家"), N("93%", "93", "%"), N("2572.7亿元", "2572.7", "亿元"),
         N("10%", "10", "%")],
    ),
    (
        "组织专题读书班、党组书记上党课、\"学条例、明底线、强自觉\"学习活动等专题活动15场次,集中学习335人次、"
        "主题党日活动84次,分批次组织近200名党员赴警示教育基地接受教育,推进问题整改13项。",
        [N("15场次", "15", "场次"), N("335人次", "335", "人次"), N("84次", "84", "次"),
         N("近200名", "200", "名", None, "近"), N("13项", "13", "项")],
    ),
    (
        "预算执行率= (87877569.18÷ 93367667.77) ×100%=94.12%, 扣减0.12分, 得1.88分。",
        [N("87877569.18", "87877569.18"), N("93367667.77", "93367667.77"), N("100%", "100", "%"),
         N("=94.12%", "94.12", "%", "="), N("0.12分", "0.12", "分"), N("1.88分", "1.88", "分")],
    ),
    (
        "\tA1计划制定\tA11中长期规划制定 健全性\t2. 00\t健全\t是否具有明确的中长期规划,符合得满分,否则酌情扣分。"
        "\t已制定有明确的中长期规划,得满分。\t2. 00",
        [N("2. 00", "2.00"), N("2. 00", "2.00")],
    ),
    ("5.2024年度重点工作任务", []),
    ("1.部门职能", []),
    (
        "成功举办2024世界智能制造大会、2024南京软件大会、南京低空经济发展大会、人工智能产业发展论坛等产业重大活动,"
        "世界智能制造大会吸引总投资超过500亿元的78个项目签约。",
        [N("超过500亿元", "500", "亿元", None, "超过"), N("78个", "78", "个")],
    ),
    (
        "\"数据要素×\"全国总决赛南京获6个奖项(占全省6/11), 斩获医疗健康赛道唯一一等奖; 包揽全省所获一、二等奖。",
        [N("6个", "6", "个")],
    ),
    (
        "协调处置疑难、主协办诉求7万余件,流转国务院\"互联网+督查\"工单679件",
        [N("7万余件", "70000", "件", None, "余"), N("679件", "679", "件")],
    ),
    # accounting negative in a table row (not in the samples, but a documented form)
    ("其他收入\t（123.00）\t45.00", [N("（123.00）", "-123.00"), N("45.00", "45.00")]),
]


@pytest.mark.parametrize("sentence, expected", SENTENCES, ids=[s[:24] for s, _ in SENTENCES])
def test_find_numbers_in_sentences(sentence, expected):
    found = find_numbers(sentence)
    assert _summary(found) == expected
    for n in found:
        assert sentence[n.start:n.end] == n.text


def test_find_numbers_spans_and_decimals():
    s = "2024年实际支出8,787.76万元, 预算执行率96.26%。"
    a, b = find_numbers(s)
    assert (a.start, a.end, a.decimals) == (9, 19, 2)
    assert (b.start, b.end, b.decimals, b.text) == (26, 32, 2, "96.26%")


def test_find_numbers_ranges_share_unit():
    first, second = find_numbers("每发现一例延误事项,扣减权 重分的0.1-0.5分,扣完即止。")
    assert (first.value, first.unit, first.text) == (Decimal("0.1"), "分", "0.1")
    assert (second.value, second.unit) == (Decimal("0.5"), "分")


# ------------------------------------------------------------------ ranges, units, dates


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("90%-80%", "90", "80", "%"),
        ("80%-70%", "80", "70", "%"),
        ("0.1-0.5分", "0.1", "0.5", "分"),
        ("4000—5000亿", "400000000000", "500000000000", None),
        ("5至10家", "5", "10", "家"),
        ("1,000～2,000万元", "1000", "2000", "万元"),
    ],
)
def test_parse_range(text, low, high, unit):
    a, b = parse_range(text)
    assert (a.value, b.value, a.unit, b.unit) == (Decimal(low), Decimal(high), unit, unit)
    assert text[b.start:b.end] == b.text


@pytest.mark.parametrize("text", ["2024-2026年", "90%", "—", "", "健全", "90%-80%得2.5分"])
def test_parse_range_rejects(text):
    assert parse_range(text) is None


@pytest.mark.parametrize(
    "text, unit",
    [
        ("单位：万元", "万元"),
        ("单位: 万元", "万元"),
        ("金额单位：元", "元"),
        ("（单位：万元）", "万元"),
        ("表1: 2024年度南京市工业和信息化局(本级)部门预算安排与支出情况单位: 万元", "万元"),
        ("预算支出(万元)", "万元"),
        ("调整后预算 支出（万元）", "万元"),
        ("决算支出 (万元)", "万元"),
        ("预算执行率(%)", "%"),
        ("全市软件业务收入（亿元）", "亿元"),
        ("规上软件信息业营收增速（%）", "%"),
        ("综合性重大场景数（个）", "个"),
        ("项目资金 (万元)", "万元"),
        ("全市智算规模（P）", "P"),
        ("工业互联网标识解析国家顶级节点（南京灾备节点）稳定运行天数（天）", "天"),
        ("新增省级以上专精特新中小企业（家）", "家"),
        ("入选国家重点人才工程数（人）", "人"),
        ("分类开展“宁工品推”拓市场供需对接活动（场）", "场"),
        ("因公出国(境)费用", None),
        ("单位固定资产原值", None),
        ("合计", None),
        ("", None),
    ],
)
def test_unit_from_context(text, unit):
    assert unit_from_context(text) == unit


@pytest.mark.parametrize(
    "text, expected",
    [
        ("二〇二五年六月", (2025, 6, None)),
        ("南京市数据局 二〇二五年六月", (2025, 6, None)),
        ("2024年1月", (2024, 1, None)),
        ("2026年12月", (2026, 12, None)),
        ("2024年12月31日", (2024, 12, 31)),
        ("2024 年 1 月", (2024, 1, None)),
        ("截至2024年底", (2024, None, None)),
        ("２０２４年１月１日", (2024, 1, 1)),
        ("2024-12-31", (2024, 12, 31)),
        ("二〇二四年十二月三十一日", (2024, 12, 31)),
        ("2024年2月30日", None),
        ("健全", None),
        ("", None),
    ],
)
def test_parse_chinese_date(text, expected):
    assert parse_chinese_date(text) == expected


# ------------------------------------------------------------------ to_yuan


def test_to_yuan_exact():
    assert to_yuan(Decimal("7196.93"), "万元") == Decimal("71969300.00")
    assert str(to_yuan(Decimal("7196.93"), "万元")) == "71969300.00"
    assert to_yuan(Decimal("1.787"), "亿元") == Decimal("178700000")
    assert to_yuan(Decimal("123"), "千元") == Decimal("123000")
    assert to_yuan(Decimal("4.47"), "元") == Decimal("4.47")
    assert to_yuan(Decimal("-123.00"), "万元") == Decimal("-1230000")
    assert to_yuan(Decimal("96.26"), "%") is None
    assert to_yuan(Decimal("5"), None) is None
    assert MONEY_UNITS == {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}


def test_to_yuan_does_not_round_past_context_precision():
    big = Decimal("123456789012345678901234567.89")  # 29 digits, more than the default precision
    with localcontext() as ctx:
        ctx.prec = 60
        expected = big * 100000000
    assert to_yuan(big, "亿元") == expected


def test_parsed_amount_to_yuan():
    n = parse_number("1.787 亿元")
    assert to_yuan(n.value, n.unit) == Decimal("178700000")
    n = parse_number("7,196.93 万元")
    assert to_yuan(n.value, n.unit) == Decimal("71969300")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**12, max_value=10**12),
       st.sampled_from(sorted(MONEY_UNITS)))
def test_to_yuan_matches_exact_multiplication(value, unit):
    with localcontext() as ctx:
        ctx.prec = 80
        expected = value * MONEY_UNITS[unit]
    assert to_yuan(value, unit) == expected


# ------------------------------------------------------------------ properties


_NUMBERISH = st.text(
    alphabet=st.sampled_from(list("0123456789.,，．％%万亿元千百十家余多约超近≥≤≪=＝<>（）()-—~至一二两三〇点年月日号第表 \t\nAPG+/“\"")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _NUMBERISH))
def test_never_raises(text):
    n = parse_number(text)
    assert n is None or isinstance(n.value, Decimal)
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text
        assert isinstance(m.value, Decimal)
    parse_range(text)
    parse_chinese_date(text)
    unit_from_context(text)


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.binary()))
def test_never_raises_on_non_strings(value):
    assert parse_number(value) is None  # type: ignore[arg-type]
    assert find_numbers(value) == []  # type: ignore[arg-type]


_FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@st.composite
def printed_decimals(draw):
    """(printed string, value, decimals, unit, comparator) in the styles the reports use."""
    integer = draw(st.integers(min_value=0, max_value=10**13))
    places = draw(st.integers(min_value=0, max_value=4))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    digits = f"{integer}.{fraction:0{places}d}" if places else str(integer)
    value = Decimal(digits)
    style = draw(st.sampled_from(["plain", "ascii_thousands", "fullwidth_thousands", "fullwidth_digits",
                                  "space_after_point"]))
    text = f"{value:,f}" if "thousands" in style else f"{value:f}"
    if style == "fullwidth_thousands":
        text = text.replace(",", "，")
    if style == "fullwidth_digits":
        text = text.translate(_FULL_WIDTH)
    if style == "space_after_point" and places:
        text = text.replace(".", ". ")
    unit_text, unit = draw(st.sampled_from([("", None), ("万元", "万元"), (" 万元", "万元"), ("亿元", "亿元"),
                                            ("元", "元"), ("%", "%"), ("％", "%"), ("家", "家"), (" 次", "次")]))
    cmp_text, cmp = draw(st.sampled_from([("", None), ("≥", "≥"), ("≤", "≤"), ("=", "="), ("＝", "="),
                                          ("≥ ", "≥"), (">=", "≥"), ("<", "<"), ("不低于", "≥")]))
    return cmp_text + text + unit_text, value, places, unit, cmp


@settings(max_examples=400, deadline=None)
@given(printed_decimals())
def test_printed_decimals_parse_back(case):
    text, value, places, unit, comparator = case
    n = parse_number(text)
    assert n is not None, text
    assert (n.value, n.decimals, n.unit, n.comparator) == (value, places, unit, comparator), text


@settings(max_examples=300, deadline=None)
@given(printed_decimals())
def test_printed_decimals_found_in_a_sentence(case):
    text, value, places, unit, comparator = case
    sentence = f"2024年预算安排{text}，其中基本支出7,196.93万元。"
    found = find_numbers(sentence)
    assert len(found) == 2, (sentence, found)
    n = found[0]
    assert (n.value, n.decimals, n.unit, n.comparator) == (value, places, unit, comparator), sentence
    assert n.text == text


@pytest.mark.parametrize("text, value, decimals", [
    ("2.00.", "2.00", 2), ("7.612.64", "7612.64", 2), ("1.458.89万元", "1458.89", 2), ("96.26%。", "96.26", 2),
])
def test_ocr_artefacts_in_a_cell_are_absorbed(text, value, decimals):
    n = parse_number(text)
    assert n is not None and n.value == Decimal(value) and n.decimals == decimals
