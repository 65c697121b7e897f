"""Issue 11: the table-understanding stage on inputs built here (no sample needed): the cases the wide/
documents show, each pinned — the horizontally ruled table, label columns that are no figures, units,
totals first or last, and the settings objects."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from pdfs import line, make_pdf, text

from parsers.pdf.reader import PdfSettings, read_pdf
from parsers.pdf.rules_only import RuleOnlySettings
from parsers.settings import GridSettings, LayoutSettings, StitchSettings
from pipeline.understand.settings import UnderstandSettings
from pipeline.work import process_bytes


def three_line_table() -> bytes:
    """Rules above the header, under it and at the bottom; no vertical rule at all."""
    ops = [line(50, 700, 400, 700), line(50, 680, 400, 680), line(50, 600, 400, 600)]
    rows = [("Item", "Budget", "Actual"), ("Basic", "100.00", "95.00"), ("Project", "50.00", "45.00"),
            ("Other", "8.00", "7.50"), ("Total", "158.00", "147.50")]
    for i, (a, b, c) in enumerate(rows):
        y = 686 if i == 0 else 665 - (i - 1) * 16
        ops += [text(55, y, a), text(200, y, b), text(320, y, c)]
    ops += [text(50, 750, "A title above"), text(50, 560, "A sentence after the table.")]
    return make_pdf("\n".join(ops), media_box=(0, 0, 450, 800))


def test_a_table_ruled_by_horizontal_lines_only_is_found():
    doc = read_pdf(three_line_table(), "three.pdf", "x")
    (t,) = doc.tables
    assert t.grid() == [["Item", "Budget", "Actual"], ["Basic", "100.00", "95.00"], ["Project", "50.00", "45.00"],
                        ["Other", "8.00", "7.50"], ["Total", "158.00", "147.50"]]
    assert [p.text for p in doc.paragraphs] == ["A title above", "A sentence after the table."]
    assert not read_pdf(three_line_table(), "three.pdf", "x", {"do_rule_only_tables": False}).tables


def test_a_list_between_rules_is_no_table():
    ops = [line(50, 700, 400, 700), line(50, 650, 400, 650), line(50, 600, 400, 600)]
    ops += [text(55, 690, "1. Duties"), text(75, 674, "1.1 Tasks of the office"), text(75, 660, "1.2 Units"),
            text(55, 640, "2. Budget"), text(75, 626, "2.1 Income and spending"), text(75, 612, "2.2 Accounts")]
    assert not read_pdf(make_pdf("\n".join(ops), media_box=(0, 0, 450, 800)), "toc.pdf", "x").tables


REPORT = """表1 2024年度部门支出情况表
单位：万元
序号\t支出类别\t年度\t年初预算数\t实际支出数\t执行率(%)
一\t基本支出\t2024\t1,000.00\t950.00\t95.00
二\t项目支出\t2024\t500.00\t450.00\t90.00
\t合计\t2024\t1,500.00\t1,400.00\t93.33
"""


def test_serial_and_year_columns_are_labels_not_figures():
    r = process_bytes(REPORT.encode(), "report.txt")
    (info,) = r.tables
    roles = {tuple(c.path): c.role for c in info.columns}
    assert roles[("序号",)] == "serial" and roles[("执行率(%)",)] == "rate"
    serial = [c for c in r.table_cells if c.col == 0 and not c.is_header]
    assert [(c.text, c.value) for c in serial] == [("一", None), ("二", None), ("", None)]
    year = [c for c in r.table_cells if c.col == 2 and not c.is_header]
    assert {c.value for c in year} == {None}
    amounts = {(a.item, a.measure): a.value for a in r.amounts}
    assert amounts[("基本支出", "年初预算数")] == D("10000000") and amounts[("合计", "执行数")] == D("14000000")
    assert not any(a.measure is None for a in r.amounts)  # the rate column is no money


def test_total_first_or_last_closes_the_rows_of_its_list():
    last = process_bytes(REPORT.encode(), "last.txt").tables[0]
    total = next(i for i in last.items if i.is_total)
    assert sorted(i.name for i in last.items if i.row in total.closes) == ["基本支出", "项目支出"]
    first_report = REPORT.replace("\t合计\t2024\t1,500.00\t1,400.00\t93.33\n", "").replace(
        "一\t基本支出", "\t合计\t2024\t1,500.00\t1,400.00\t93.33\n一\t基本支出")
    first = process_bytes(first_report.encode(), "first.txt").tables[0]
    total = next(i for i in first.items if i.is_total)
    assert sorted(i.name for i in first.items if i.row in total.closes) == ["基本支出", "项目支出"]


def test_units_header_wins_for_its_column_and_none_is_assumed():
    header_unit = REPORT.replace("实际支出数", "实际支出数(元)").replace("950.00", "9500000")
    r = process_bytes(header_unit.encode(), "units.txt")
    a = {(x.item, x.measure): x for x in r.amounts}
    assert a[("基本支出", "执行数")].value == D("9500000") and a[("基本支出", "执行数")].unit_printed == "元"
    assert a[("基本支出", "年初预算数")].value == D("10000000") and a[("基本支出", "年初预算数")].unit_printed == "万元"
    undeclared = process_bytes(REPORT.replace("单位：万元\n", "").encode(), "none.txt")
    assert all(x.unit_assumed for x in undeclared.amounts)
    assert "unit: none declared (figures taken as 元)" in undeclared.tables[0].not_understood


def test_an_empty_table_is_recorded_with_its_note():
    empty = ("表7 政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
             "\t合计\t\t\t\n注：本部门无政府性基金预算支出，本表为空表。\n")
    r = process_bytes(empty.encode(), "empty.txt")
    (info,) = r.tables
    assert info.table_kind == "government_fund_expenditure" and info.empty
    assert info.note and "空表" in info.note
    assert not r.amounts and not [f for f in r.findings if f.severity != "info"]


@pytest.mark.parametrize("make, bad", [
    (UnderstandSettings, {"max_header_rows": 0}), (UnderstandSettings, {"indent_tolerance": -1}),
    (RuleOnlySettings, {"min_rules": 1}), (RuleOnlySettings, {"min_width_share": 0}),
    (GridSettings, {"snap": -1}), (GridSettings, {"min_open_rules": 1}), (GridSettings, {"snap": "6"}),
    (StitchSettings, {"max_repeated_header": True}), (LayoutSettings, {"margin": 0.5}),
    (PdfSettings, {"engine": "poppler"}), (PdfSettings, {"ocr_dpi": 10}), (PdfSettings, {"grid": {"snap": -2}}),
])
def test_settings_are_validated_at_construction(make, bad):
    with pytest.raises(ValueError):
        make(**bad)


def test_settings_resolve_from_dicts():
    assert UnderstandSettings.resolve({"max_title_rows": 2}).max_title_rows == 2
    with pytest.raises(ValueError):
        UnderstandSettings.resolve({"no_such_setting": 1})
    assert PdfSettings.resolve({"do_rule_only_tables": False}).do_rule_only_tables is False
    nested = PdfSettings.resolve({"grid": {"snap": 3.0}, "layout": {"margin": 0.05}})
    assert nested.grid == GridSettings(snap=3.0) and nested.layout.margin == 0.05
    with pytest.raises(ValueError):
        PdfSettings.resolve({"no_such_setting": 1})
    with pytest.raises(ValueError):
        GridSettings.resolve({"snapp": 1})


def test_grid_snap_setting_is_used():
    """Two cell edges 4 pt apart are one grid line at the default snap (6 pt), two at a 2 pt snap."""
    from parsers.pdf.grid import grid_from_cells
    cells = [(0, 0, 50, 20), (50, 0, 100, 20), (0, 20, 50, 40), (54, 20, 100, 40)]
    assert len(grid_from_cells(cells, (0, 0, 100, 40)).xs) == 3
    assert len(grid_from_cells(cells, (0, 0, 100, 40), snap=2.0).xs) == 4


def white_box(x: float, y: float, w: float, h: float) -> str:
    """A rectangle filled white and not stroked (Word's white shading behind a run of text)."""
    return f"q 1 1 1 rg {x:g} {y:g} {w:g} {h:g} re f Q"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_white_boxes_behind_text_are_no_table(engine):
    """长沙市公安局 2025: each line of the prose sits on white boxes, cut where the runs change; read as
    rules they made one-row tables of the sentences. The text stays text."""
    ops = []
    for k, y in enumerate((700, 680, 660, 640)):
        ops += [white_box(50, y - 4, 120, 16), white_box(170, y - 4, 60, 16), white_box(230, y - 4, 170, 16)]
        ops.append(text(52, y, f"Sentence {k} of the report runs on with 1,234.56 in it and more words."))
    doc = read_pdf(make_pdf("\n".join(ops), media_box=(0, 0, 450, 800)), "prose.pdf", "d",
                   {"engine": engine, "do_ocr": False})
    assert not doc.tables
    assert "Sentence 3" in " ".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_white_cell_backgrounds_under_ruled_grid_keep_the_table(engine):
    ops = [white_box(50, 600, 300, 60)] + [line(x, 600, x, 660) for x in (50, 150, 250, 350)]
    ops += [line(50, y, 350, y) for y in (600, 620, 640, 660)]
    for r, (a, b, c) in enumerate([("Item", "Budget", "Actual"), ("Basic", "100.00", "95.00"), ("Total", "100.00", "95.00")]):
        y = 646 - 20 * r
        ops += [text(55, y, a), text(155, y, b), text(255, y, c)]
    doc = read_pdf(make_pdf("\n".join(ops), media_box=(0, 0, 400, 800)), "grid.pdf", "d",
                   {"engine": engine, "do_ocr": False})
    assert len(doc.tables) == 1 and doc.tables[0].n_rows == 3 and doc.tables[0].n_cols == 3
