"""The identities of the disclosure packages between parts of a table and between tables
(../shared/domain/disclosure-package.md): the two halves of a 收支总表 end in equal 总计; the
一般公共预算基本支出表's 合计 is the 基本支出 of the 一般公共预算支出表. Read from the table
understanding and the amounts (the same index the linking stage uses); a table whose grand total
cannot be found as one cell is not compared."""
from __future__ import annotations

# the linking stage's table index; imported as a module because pipeline.link itself imports
# pipeline.validate (its intervals), which registers these rules
import pipeline.link as link
from pipeline.validate.context import Context
from pipeline.validate.figures import amount_interval, fmt_amount
from pipeline.validate.registry import Issue, code, rule
from pipeline.validate.inputs import amount_input

HALVES = code("sum.halves", "error", "收支总表左右两半的总计相等（收入总计 = 支出总计）",
              "{table}收入总计为{stated}，支出总计为{expected}，两者应相等")
TABLES = code("xref.tables", "error", "表间勾稽：收入总表、支出总表的合计等于收支总表的本年收入/支出合计（或总计）；"
              "一般公共预算基本支出表的合计等于一般公共预算支出表的基本支出",
              "{table_a}{what_a}为{stated}，{table_b}{what_b}为{expected}，两者应相等")

HALVED = {"revenue_expenditure_summary", "fiscal_summary", "final_revenue_expenditure_summary", "final_fiscal_summary"}
BASIC_PAIRS = [("general_budget_basic_expenditure", "general_budget_expenditure"),
               ("final_general_budget_basic_expenditure", "final_general_budget_expenditure")]


def one_total(t: "link.TableIndex", side: str | None, names: tuple[str, ...]):
    """The single cell of a total row named by one of `names` (canonical: 收入总计, 本年收入合计, 合计 …)
    on a side (or the whole table), in the side's main column; None where there is not exactly one."""
    rows = [i for i in t.info.items if i.is_total and (side is None or i.side == side) and i.canonical in names]
    cols = t.main_columns(side, None)
    cells = [t.cells[(r.row, c.col)] for r in rows for c in cols if (r.row, c.col) in t.cells]
    return cells[0] if len(cells) == 1 else None


@rule(HALVES)
def halves_equal(ctx: Context):
    for t in link.table_indexes(ctx.records).values():
        if t.info.table_kind not in HALVED:
            continue
        sides = {i.side for i in t.info.items if i.side}
        income = next((s for s in sides if s.startswith("收入")), None)
        spending = next((s for s in sides if s.startswith("支出")), None)
        if income is None or spending is None:
            continue
        a, b = one_total(t, income, ("收入总计", "总计")), one_total(t, spending, ("支出总计", "总计"))
        if a is None or b is None or amount_interval(a).overlaps(amount_interval(b)):
            continue
        stated, expected = fmt_amount(a.value, a.unit_printed, a.decimals), fmt_amount(b.value, b.unit_printed, b.decimals)
        yield Issue(HALVES, "收入总计", stated, expected, dict(table=t.info.display_name, stated=stated, expected=expected),
                    page=b.page, table_id=t.info.table_id, number=a.value, unit="元", interval=amount_interval(b),
                    inputs=[amount_input(a, "income_total"), amount_input(b, "expenditure_total")])


@rule(TABLES)
def basic_table_total(ctx: Context):
    tables = link.table_indexes(ctx.records)
    for basic_kind, general_kind in BASIC_PAIRS:
        basics = [t for t in tables.values() if t.info.table_kind == basic_kind]
        generals = [t for t in tables.values() if t.info.table_kind == general_kind]
        if len(basics) != 1 or len(generals) != 1:
            continue  # several of a kind (last year's beside this year's, per unit): which pair is unclear
        basic, general = basics[0], generals[0]
        a = one_total(basic, None, ("合计", "总计"))
        rows = general.grand_totals(None)
        cols = [c for c in general.money_columns(None) if "基本支出" in link.column_names(c)]
        cells = [general.cells[(r.row, c.col)] for r in rows for c in cols if (r.row, c.col) in general.cells]
        if a is None or len(cells) != 1 or amount_interval(a).overlaps(amount_interval(cells[0])):
            continue
        b = cells[0]
        stated, expected = fmt_amount(a.value, a.unit_printed, a.decimals), fmt_amount(b.value, b.unit_printed, b.decimals)
        yield Issue(TABLES, "一般公共预算基本支出合计", stated, expected,
                    dict(table_a=basic.info.display_name, what_a="合计", stated=stated, table_b=general.info.display_name,
                         what_b="基本支出合计", expected=expected),
                    page=a.page, table_id=basic.info.table_id, number=a.value, unit="元",
                    interval=amount_interval(b), inputs=[amount_input(a, "basic_total"), amount_input(b, "basic_column")])


# a half of the 部门收支总表 and the table that details it: (kind, side of the 收支总表)
SUMMARY_PARTS = [("revenue_summary", "收入", ("本年收入合计", "收入总计")),
                 ("expenditure_summary", "支出", ("本年支出合计", "支出总计"))]


@rule(TABLES)
def summary_parts(ctx: Context):
    """The 部门收入总表's and 部门支出总表's 合计 against the 部门收支总表: its 本年 合计, or its 总计
    where the detail table carries the 上年结转 too; an error only when it is neither."""
    tables = link.table_indexes(ctx.records)
    summaries = [t for t in tables.values() if t.info.table_kind == "revenue_expenditure_summary"]
    if len(summaries) != 1:
        return
    summary = summaries[0]
    for kind, side_word, rows in SUMMARY_PARTS:
        details = [t for t in tables.values() if t.info.table_kind == kind]
        side = next((s for s in {i.side for i in summary.info.items if i.side} if s.startswith(side_word)), None)
        if len(details) != 1 or side is None:
            continue
        a = one_total(details[0], None, ("合计", "总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计"))
        candidates = [c for c in (one_total(summary, side, (r,)) for r in rows) if c is not None]
        if a is None or not candidates or any(amount_interval(a).overlaps(amount_interval(c)) for c in candidates):
            continue
        b = candidates[0]
        stated, expected = fmt_amount(a.value, a.unit_printed, a.decimals), fmt_amount(b.value, b.unit_printed, b.decimals)
        yield Issue(TABLES, f"{side_word}合计", stated, expected,
                    dict(table_a=details[0].info.display_name, what_a="合计", stated=stated, table_b=summary.info.display_name,
                         what_b=b.item or rows[0], expected=expected),
                    page=a.page, table_id=details[0].info.table_id, number=a.value, unit="元",
                    interval=amount_interval(b), inputs=[amount_input(a, "detail_total"), amount_input(b, "summary_total")])

