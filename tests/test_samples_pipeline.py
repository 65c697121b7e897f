"""Issue 2 acceptance on the real sample reports: exact values, PDF and text agreeing."""
from __future__ import annotations

from decimal import Decimal as D

import pytest


def lines_by_item(records, kind):
    return {(b.item): b for b in records.budget_lines if b.table_kind == kind}


def test_gxj2024_budget_lines_pdf_equal_txt(samples, records):
    pdf = records(samples / "pdf" / "gxj2024.pdf")
    txt = records(samples / "text" / "gxj2024.txt")
    key = lambda b: (b.table_kind, b.item, b.initial_budget, b.adjusted_budget, b.actual_spending,
                     b.execution_rate_pct, b.unit_printed, b.is_total)
    assert [key(b) for b in pdf.budget_lines] == [key(b) for b in txt.budget_lines]
    dept = lines_by_item(pdf, "department_budget")
    assert set(dept) == {"基本支出", "项目支出", "合计"}
    # 万元 × 10000, exactly; rates as printed
    assert dept["基本支出"].initial_budget == D("71969300")
    assert dept["基本支出"].adjusted_budget == D("76126400")
    assert dept["基本支出"].actual_spending == D("73288700")
    assert dept["基本支出"].execution_rate_pct == D("96.26")
    assert dept["项目支出"].execution_rate_pct == D("84.62")
    assert dept["合计"].is_total and dept["合计"].actual_spending == D("87877600")
    three = lines_by_item(txt, "three_public")
    assert three["公务接待费"].initial_budget == D("70000")  # the txt lost this column's header
    assert three["公务接待费"].actual_spending == D("44700")
    assert three["合计"].adjusted_budget == D("553700") and three["合计"].execution_rate_pct == D("95.43")
    assert {b.unit_printed for b in pdf.budget_lines} == {"万元"}


def score_key(i):
    return (i.code, i.level2, i.level3, i.weight, i.score)


def test_gxj2024_score_items_pdf_equal_txt(samples, records):
    pdf = records(samples / "pdf" / "gxj2024.pdf")
    txt = records(samples / "text" / "gxj2024.txt")
    assert len(pdf.score_items) == len(txt.score_items) == 42
    assert [score_key(i) for i in pdf.score_items] == [score_key(i) for i in txt.score_items]
    assert sum(i.score for i in pdf.score_items) == D("93.98")
    assert sum(i.weight for i in pdf.score_items) == D("100")
    # 一级指标: the same where the text export kept the label; its C group's label is missing
    for a, b in zip(pdf.score_items, txt.score_items):
        if b.level1 is not None:
            assert a.level1 == b.level1
    assert {i.level1 for i in txt.score_items if i.code.startswith("C")} == {None}
    assert {i.level1 for i in pdf.score_items if i.code.startswith("C")} == {"C履职"}
    b15 = next(i for i in pdf.score_items if i.code == "B15")
    assert (b15.level1, b15.level2, b15.level1_weight, b15.level2_weight) == ("B过程", "B1预算执行", D(24), D(10))
    assert "528426.05" in b15.evidence
    a11 = pdf.score_items[0]
    assert (a11.level1, a11.level2, a11.level3) == ("A决策", "A1计划制定", "A11中长期规划制定健全性")
    # merged label wrapped into the next row of the text export: "C1强化工业经济运行调" + "度"
    c13 = next(i for i in txt.score_items if i.code == "C13")
    assert c13.level2 == "C1强化工业经济运行调度"
    # a row cut by a page break is joined: B12's rule and evidence continue on the next page
    b12 = next(i for i in pdf.score_items if i.code == "B12")
    assert b12.evidence.endswith("得1.88分。") and b12.page == 8
    assert pdf.document.total_score_stated == D("93.98") and pdf.document.grade_stated == "优"
    assert pdf.document.total_score_sheet == D("93.98")


def test_sjj2024_score_sheet(samples, records):
    for path in (samples / "pdf" / "sjj2024.pdf", samples / "text" / "sjj2024.txt"):
        r = records(path)
        items = r.score_items
        assert len(items) == 41
        assert sum(i.score or 0 for i in items) == D("98.5")
        bonus = [i for i in items if i.is_bonus]
        assert [(i.level2, i.level3, i.score) for i in bonus] == [
            ("加分项", "受嘉奖情况", D(1)), ("减分项", "部门或工作人员违法违纪情况", None)]
        assert sum(i.weight for i in items if not i.is_bonus) == D(100)
        assert r.document.total_score_stated == D("97.5")
        assert r.document.total_score_sheet == D("98.5")
        assert r.document.department == "南京市数据局"
        # labels printed mid-span (and wrapped) resolve by the weights they carry
        by_name = {i.level3: i for i in items}
        assert by_name["中长期规划与部门职能的匹配性"].level1 == "部门决策"
        assert by_name["部门预算执行率"].level1 == "部门管理"
        assert by_name["资产管理制度健全性"].level2 == "资产管理"
        assert by_name["工作制度创新、方法创新"].level1 == "可持续发展能力"
        assert by_name["工作制度创新、方法创新"].level1_weight == D(5)
    pdf, txt = records(samples / "pdf" / "sjj2024.pdf"), records(samples / "text" / "sjj2024.txt")
    full = lambda i: (i.level1, i.level2, i.level3, i.weight, i.score, i.is_bonus)
    assert [full(i) for i in pdf.score_items] == [full(i) for i in txt.score_items]


def test_goal2026_form_and_indicators(samples, records):
    pdf = records(samples / "pdf" / "gxj_goal2026.pdf")
    txt = records(samples / "text" / "gxj_goal2026.txt")
    for r in (pdf, txt):
        assert r.document.doc_type == "performance_target_table"
        fields = {f.name: f for f in r.form_fields}
        assert fields["项目名称"].text == "南京市工业和信息化发展专项资金"
        assert fields["主管部门"].text == "南京市工业和信息化局"
        assert fields["资金总额"].text == "25227" and fields["资金总额"].value == D("252270000")
        assert fields["开始时间"].text == "2026年1月" and fields["完成时间"].text == "2026年12月"
        assert r.document.fiscal_year == 2026
    key = lambda i: (i.level1, i.level2, i.level3, i.half_year_target, i.full_year_target, i.comparator,
                     i.target_value, i.unit)
    assert [key(i) for i in pdf.indicators] == [key(i) for i in txt.indicators]
    ind = {i.level3: i for i in pdf.indicators}
    assert len(pdf.indicators) == 38
    soft = ind["全市软件业务收入(亿元)"]
    assert (soft.level1, soft.level2, soft.comparator, soft.target_value, soft.unit, soft.unit_printed) == (
        "效益指标", "经济效益指标", "≥", D("1100000000000"), "元", "亿元")
    scenes = ind["行业领域集成式场景数(个)"]
    assert (scenes.half_year_value, scenes.target_value, scenes.unit) == (D(15), D(40), "个")
    assert ind["服务满意度"].comparator == "≥" and ind["服务满意度"].target_value == D(80)
    assert ind["重点产业规模能级"].level2 == "可持续影响指标"  # the export packed this row to the left
    assert ind["资金到位率"].half_year_target == "序时进度" and ind["资金到位率"].target_value == D(100)


REAL = ["上海市普陀区商务委员会25年预算.pdf", "上海市普陀区财政局2024年度部门决算.pdf",
        "江苏省人大常委会办公厅2019年部门预算公开表.pdf", "附件2：部门决算模板.pdf"]


@pytest.mark.parametrize("name", REAL)
def test_real_disclosures_parse(samples, records, name):
    r = records(samples / "real" / name)
    assert r.document.status == "ok", r.document.error
    assert r.document.doc_type in ("budget_disclosure", "final_accounts_disclosure")
    assert r.table_cells


def cell(r, table_id, row, col):
    return next(c for c in r.table_cells if (c.table_id, c.row, c.col) == (table_id, row, col))


def test_real_disclosure_cells(samples, records):
    fin = records(samples / "real" / REAL[1])
    # 收入支出决算总表 over two pages: one table, total row at the bottom, 万元 → 元
    assert fin.document.department == "上海市普陀区财政局" and fin.document.fiscal_year == 2024
    assert (cell(fin, "t2", 31, 0).text, cell(fin, "t2", 31, 1).value) == ("总计", D("29953900"))
    assert cell(fin, "t2", 28, 2).text == "本年支出合计" and cell(fin, "t2", 28, 3).value == D("29400500")
    assert cell(fin, "t2", 1, 1).is_header
    sw = records(samples / "real" / REAL[0])
    assert cell(sw, "t1", 15, 0).text == "收入总计" and cell(sw, "t1", 15, 1).value == D("371514655.00")
    js = records(samples / "real" / REAL[2])
    # the 部门/单位 line stands above the ruled grid (white boxes behind it are no rules): the unit
    # comes from it, the grid opens with 收入 | 支出
    assert (cell(js, "t1", 0, 0).text, cell(js, "t1", 0, 0).col_span) == ("收入", 2)
    assert next(t for t in js.tables if t.table_id == "t1").unit == "万元"
    assert cell(js, "t1", 26, 0).text == "收入合计"
    assert cell(js, "t1", 26, 1).value == D("183303700") and cell(js, "t1", 26, 2).col_span == 3
    tpl = records(samples / "real" / REAL[3])
    assert tpl.document.tables == 10
    assert (cell(tpl, "t2", 29, 0).text, cell(tpl, "t2", 29, 1).text) == ("总计", "")
    assert sum(1 for c in tpl.table_cells if not c.text) > 400


def test_real_text_reads_in_order(samples, records):
    """ONLYOFFICE writes digits with another ascent: lines must not split at them."""
    from parsers import reader_for
    data = (samples / "real" / REAL[1]).read_bytes()
    doc = reader_for(".pdf")(data, REAL[1], "x")
    texts = [p.text for p in doc.paragraphs if p.page == 21]
    assert "上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比,收入支出总计减少56.95万元,下降1.87%。" in texts[2]
    assert texts[4] == "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他收入6.2万元,占0.21%;"
