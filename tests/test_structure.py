"""Merged-label resolution and table stitching on small made-up tables."""
from __future__ import annotations

from decimal import Decimal as D

from parsers.tables import stitch_tables
from pipeline.extract.hierarchy import resolve
from schemas.document import Cell, Table


def names(labels):
    return [l.text if l else None for l in labels]


def test_codes_decide_the_span_whatever_the_label_position():
    cells = ["", "", "B过程(24分)", "", "C履职"]
    codes = ["B11", "B12", "B13", "C11", "C12"]
    assert names(resolve(cells, [None] * 5, codes, 1)) == ["B过程", "B过程", "B过程", "C履职", "C履职"]


def test_weights_decide_the_span_of_a_label_printed_mid_span():
    cells = ["", "", "部门决策(5分)", "", "部门管理 (3分)"]
    weights = [D(2), D(2), D(1), D(2), D(1)]
    out = resolve(cells, weights, [None] * 5, 1)
    assert names(out) == ["部门决策", "部门决策", "部门决策", "部门管理", "部门管理"]
    assert out[0].weight == D(5) and out[4].weight == D(3)


def test_fill_down_and_rows_above_first_label():
    assert names(resolve(["", "甲", "", "乙", ""], [None] * 5, [None] * 5, 2)) == ["甲", "甲", "甲", "乙", "乙"]


def test_wrapped_label_tails_join_their_label():
    codes = ["B21", "B22", "C11", "C12"]
    out = resolve(["B2资产管理", "(3分)", "C1强化工业经济运行调", "度"], [None] * 4, codes, 2)
    assert names(out) == ["B2资产管理", "B2资产管理", "C1强化工业经济运行调度", "C1强化工业经济运行调度"]
    assert out[0].weight == D(3)
    out = resolve(["可持续发展能力(5", "分)", ""], [D(1), D(2), D(2)], [None] * 3, 1)
    assert names(out) == ["可持续发展能力"] * 3 and out[0].weight == D(5)


def test_ocr_noise_in_a_coded_column_is_dropped_and_mended():
    out = resolve(["A1计划制定", "AIIA的例及", "A央策"], [None] * 3, ["A11", "A12", "A21"], 2)
    assert names(out)[:2] == ["A1计划制定", "A1计划制定"]


def table(rows, pages, x=(0, 50, 100, 150)):
    cells = []
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            cells.append(Cell(row=r, col=c, text=t, page=pages[0], bbox=(x[c], 10 * r, x[c + 1], 10 * r + 10)))
    return Table(pages=pages, page=pages[0], n_rows=len(rows), n_cols=len(rows[0]), cells=cells)


def test_stitch_drops_repeated_header_and_joins_wrapped_row():
    a = table([["项目", "说明", "得分"], ["甲", "前半", "1.00"], ["乙", "第二行的前", "2.00"]], [1])
    b = table([["项目", "说明", "得分"], ["", "半部分", ""], ["丙", "三", "3.00"]], [2])
    [t] = stitch_tables([a, b], lambda x, y: True)
    assert t.grid() == [["项目", "说明", "得分"], ["甲", "前半", "1.00"], ["乙", "第二行的前半部分", "2.00"],
                        ["丙", "三", "3.00"]]
    assert t.pages == [1, 2] and t.row_page(3) == 2


def test_tables_with_other_headers_stay_apart():
    a = table([["项目", "说明", "得分"], ["甲", "前半", "1.00"]], [1])
    b = table([["一级", "二级", "三级"], ["乙", "丙", "丁"]], [2], x=(0, 30, 120, 150))
    assert len(stitch_tables([a, b], lambda x, y: True)) == 2


def test_camelot_lattice_finds_the_same_grid_as_pdfplumber(raw_dir):
    """The fallback for ruled tables pdfplumber misses: on a page both can read, they agree."""
    import io

    import pdfplumber

    from parsers.pdf.camelot_fallback import camelot_grids
    from parsers.pdf.reader import PdfSettings, find_grids

    data = (raw_dir / "gxj2024.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[1]
        ours = find_grids(page, PdfSettings(do_camelot=False))
        theirs = camelot_grids(page)
    assert [(len(g.xs), len(g.ys)) for g in theirs] == [(len(g.xs), len(g.ys)) for g in ours] == [(6, 5), (6, 6)]
    for a, b in zip(ours, theirs):
        assert all(abs(x - y) < 2 for x, y in zip(a.xs, b.xs))


def test_a_total_row_opening_the_next_page_is_no_wrapped_tail():
    """Issue 13: a 合计 row at the top of the next page, next to an item whose weight is 2, stays a row
    (joined, the weights read 2100)."""
    a = table([["指标", "说明", "分值"], ["甲", "前半", "98"], ["乙", "说明", "2"]], [1])
    b = table([["合计", "", "100"]], [2])
    [t] = stitch_tables([a, b], lambda x, y: True)
    assert t.grid()[-2:] == [["乙", "说明", "2"], ["合计", "", "100"]]
    # a row with a figure in a figure column is a row of its own too
    c = table([["丙", "", "5"]], [2])
    [t] = stitch_tables([a, c], lambda x, y: True)
    assert t.grid()[-1] == ["丙", "", "5"]
