"""Money tables: every printed rate recomputed from its row, every 合计/小计 from the rows it closes."""
from __future__ import annotations

import os
import re
from decimal import Decimal

from pipeline.validate.context import Context
from pipeline.validate.figures import amount, amount_interval, check_rate, fmt_amount, fmt_number, fmt_pct, scale_of
from pipeline.validate.grouping import count_word, merged_inputs, told_once
from pipeline.validate.intervals import Interval, interval_sum
from pipeline.validate.inputs import amount_input, line_input
from pipeline.validate.registry import Issue, code, rule
from schemas.records import Amount, BudgetLine, FindingInput
from schemas.tables import ColumnInfo, TableInfo

RATE = code("rate.recompute", "error", "写明的比率（预算执行率、占比、增长率、控制率…）与按其分子分母重算的结果不符",
            "{subject}写作{stated}，按{formula}计算应为{expected}")
TRUNCATED = code("rate.truncated", "warning", "比率按截断而非四舍五入写出",
                 "{subject}写作{stated}，按{formula}计算为{exact}，四舍五入应为{expected}（疑为截断取值）")
MISLABELLED_PART = "{subject}写作{stated}，按{formula}计算应为{expected}（{stated}为{other}的{measure}）"
MISLABELLED = code("rate.mislabelled", "error", "写明的比率属于另一行（如把项目支出的执行率写给基本支出）",
                   MISLABELLED_PART)
SWAPPED = code("rate.swapped", "error", "同一句（或同一张表）中几个比率互相错位：每个都写给了另一行",
               "{subject}互相错位：{parts}")
SUM_TOTAL = code("sum.total", "error", "合计/总计行等于其所合计各行之和（含跨页表格）",
                 "{table}“{item}”行{column}写作{stated}，各行相加为{expected}（{terms}）")
SUM_SUBTOTAL = code("sum.subtotal", "error", "科目编码表中上级科目（类/款）等于其下级科目之和",
                    "{table}科目{item}{column}写作{stated}，其下级科目相加为{expected}（{terms}）")

COLUMNS = {"initial_budget": "年初预算数", "adjusted_budget": "调整后预算数", "actual_spending": "实际支出数",
           "budget": "预算数"}


def table_name(line: BudgetLine) -> str:
    """How the report names the table: "表1" when its title is numbered, else the title."""
    title = line.table_title or ""
    numbered = re.match(r"^表\s*(\d+)", title)
    if numbered:
        return f"表{numbered.group(1)}"
    return f"表“{title}”" if title else f"表{line.table_id}"


def rate_inputs(line: BudgetLine) -> tuple[str, Interval, Interval, str] | None:
    """numerator, denominator (as intervals) and the formula text of a row's 预算执行率."""
    den_value, den_name = next(((getattr(line, c), COLUMNS[c]) for c in ("adjusted_budget", "budget", "initial_budget")
                                if getattr(line, c) is not None), (None, None))
    if line.actual_spending is None or den_value is None:
        return None
    num = amount(line.actual_spending, line.amount_decimals, line.unit_printed)
    den = amount(den_value, line.amount_decimals, line.unit_printed)
    s = scale_of(line.unit_printed)
    formula = f"{fmt_number(line.actual_spending / s, line.amount_decimals)}÷{fmt_number(den_value / s, line.amount_decimals)}"
    return formula, num, den, den_name


def line_rate_inputs(line: BudgetLine, stated: FindingInput | None = None) -> list[FindingInput]:
    """The stated rate (the row's, unless a sentence states it) and the row's two figures it is recomputed from."""
    den = next(c for c in ("adjusted_budget", "budget", "initial_budget") if getattr(line, c) is not None)
    return [stated or line_input(line, "execution_rate_pct", "预算执行率", "stated"),
            line_input(line, "actual_spending", COLUMNS["actual_spending"], "numerator"),
            line_input(line, den, COLUMNS[den], "denominator")]


def rate_issue(subject: str, stated: Decimal, decimals: int | None, formula: str, num: Interval, den: Interval,
               others: list[tuple[str, Interval | None, Decimal | None]], measure: str, **where) -> Issue | None:
    """The finding for a stated rate, if it contradicts num ÷ den; `others` are the other rows'
    (name, recomputed interval, stated rate) so that a rate given to the wrong row is named."""
    check = check_rate(stated, decimals, num, den)
    if check is None or check.ok:
        return None
    args = dict(subject=subject, stated=fmt_pct(stated, decimals), formula=formula,
                expected=fmt_pct(check.expected, decimals), measure=measure)
    stated_interval = Interval.printed(stated, decimals)
    where = dict(dict(number=stated, unit="%", interval=check.computed), **where)
    for name, computed, printed in others:
        if (computed is not None and computed.overlaps(stated_interval)) or printed == stated:
            return Issue(MISLABELLED, subject, args["stated"], args["expected"], dict(args, other=name), **where)
    if check.truncated:
        return Issue(TRUNCATED, subject, args["stated"], args["expected"],
                     dict(args, exact=f"{check.computed.mid:.4f}%"), **where)
    return Issue(RATE, subject, args["stated"], args["expected"], args, **where)


def swaps(issues):
    """The issues, with the rates one paragraph (or one table) gives to the wrong rows told once: a
    paragraph that rotates three rates is one mistake, not three (南京 gxj2024: 部门整体/基本/项目)."""
    return told_once(issues, MISLABELLED, lambda i: i.place, swapped)


def swapped(group: list[Issue]) -> Issue:
    """One finding for rates swapped among rows: the first figure is its `stated`, every figure is in `inputs`."""
    first = group[0]
    subjects = [i.subject for i in group]
    suffix = os.path.commonprefix([s[::-1] for s in subjects])[::-1]
    subject = "、".join(s[:len(s) - len(suffix)] for s in subjects) + suffix
    parts = "；".join(MISLABELLED_PART.format(**i.args) for i in group)
    inputs = merged_inputs(group)
    evidence = "".join(dict.fromkeys(i.evidence or "" for i in group))
    return Issue(SWAPPED, subject, "、".join(i.stated for i in group), "、".join(i.expected for i in group),
                 dict(subject=subject, parts=parts), page=first.page, evidence=evidence, table_id=first.table_id,
                 number=first.number, unit=first.unit, interval=first.interval, inputs=inputs, bbox=first.bbox)


def evidence_of(line: BudgetLine) -> str:
    parts = [line.item]
    for c, name in COLUMNS.items():
        v = getattr(line, c)
        if v is not None:
            parts.append(f"{name}{fmt_amount(v, line.unit_printed, line.amount_decimals)}")
    if line.execution_rate_pct is not None:
        parts.append(f"预算执行率{fmt_pct(line.execution_rate_pct, line.rate_decimals)}")
    return "，".join(parts)


@rule(RATE, TRUNCATED, MISLABELLED, SWAPPED)
def table_rates(ctx: Context):
    yield from swaps(_table_rates(ctx))


def _table_rates(ctx: Context):
    for lines in ctx.tables.values():
        if lines[0].table_kind == "project_funds":
            continue  # a form's money block: its scored row is checked by the form rules (forms.py)
        computed = {}
        for line in lines:
            inputs = rate_inputs(line)
            computed[line.row] = inputs
        for line in lines:
            inputs = computed[line.row]
            if line.execution_rate_pct is None or inputs is None:
                continue
            formula, num, den, den_name = inputs
            others = []
            for other in lines:
                if other is line or computed[other.row] is None:
                    continue
                _, onum, oden, _ = computed[other.row]
                others.append((other.item, (onum / oden).scaled(Decimal(100)) if (onum / oden) else None, None))
            issue = rate_issue(f"{table_name(line)}中{line.item}预算执行率", line.execution_rate_pct, line.rate_decimals,
                               formula, num, den, others,
                               "执行率", page=line.page, evidence=evidence_of(line), table_id=line.table_id,
                               inputs=line_rate_inputs(line), place=("table", line.table_id))
            if issue:
                issue.subject = f"{line.item}预算执行率"
                yield issue


UNCHECKED = code("sum.unchecked", "info", "合计行/列所合计的各项无法确定，未能核对（如部门与所属单位列表未分层）",
                 "未能核对：{table}“{item}”{what}所合计的{parts}无法确定（{reason}）")






def sum_check(total: Amount, parts: list[Amount | None]) -> tuple[Interval, Decimal] | None:
    """The interval the parts allow and their sum, when the total contradicts them; blank parts are 0."""
    present = [p for p in parts if p is not None]
    if not present:
        return None
    computed = interval_sum([amount_interval(p) for p in present])
    if amount_interval(total).overlaps(computed):
        return None
    return computed, sum((p.value for p in present), Decimal(0))


def sum_issue(code_: str, info: TableInfo, total: Amount, parts: list[Amount | None], column: str, item: str):
    found = sum_check(total, parts)
    if found is None:
        return None
    computed, s = found
    unit, d = total.unit_printed, total.decimals
    scale = scale_of(unit)
    terms = "+".join(fmt_number(p.value / scale, p.decimals) if p is not None else "空白" for p in parts)
    stated, expected = fmt_amount(total.value, unit, d), fmt_amount(s, unit, d)
    return Issue(code_, f"{item}{column}", stated, expected,
                 dict(table=info.display_name, item=item, column=column, stated=stated, expected=expected, terms=terms),
                 page=total.page, evidence=f"{item}：{column}{stated}", table_id=info.table_id,
                 number=total.value, unit="元", interval=computed,
                 inputs=[amount_input(total, "total")] + [amount_input(p, "part") for p in parts if p is not None],
                 bbox=total.bbox)


FORMS = ("score_sheet", "target_table", "self_evaluation_form")  # their figures are scores and targets: rules of their own


def money_tables(ctx: Context) -> list[TableInfo]:
    return [t for t in ctx.records.tables if t.table_kind not in FORMS]


def money_columns(info: TableInfo, side: str | None) -> list[ColumnInfo]:
    return [c for c in info.columns if c.role in ("money", "change") and c.side == side and (c.measure or c.basis)]


def column_name(c: ColumnInfo) -> str:
    return " / ".join(c.path) or c.measure or f"第{c.col + 1}列"


@rule(SUM_TOTAL, SUM_SUBTOTAL, UNCHECKED)
def row_totals(ctx: Context):
    """合计/总计/小计 rows and parent subjects (类 = Σ款, 款 = Σ项) against the rows they close, column by column."""
    for info in money_tables(ctx):
        unchecked = info.empty  # an empty table has nothing to check
        for item in info.items:
            if item.closes is None:
                if item.is_total and not unchecked and any(
                        (info.table_id, item.row, c.col) in ctx.cells for c in money_columns(info, item.side)):
                    unchecked = True
                    yield Issue(UNCHECKED, f"{item.name}", None, None, dict(
                        table=info.display_name, item=item.name or "合计", what="行", parts="各行",
                        reason="表中各行的层级未标明（无科目编码、编号或缩进）"), page=item.page, table_id=info.table_id)
                continue
            if not item.closes:
                continue
            name = f"{item.code}{item.name}" if item.code else item.name or "合计"
            code_ = SUM_SUBTOTAL if item.code and not item.is_total else SUM_TOTAL
            issues = []
            for c in money_columns(info, item.side):
                total = ctx.cells.get((info.table_id, item.row, c.col))
                if total is None:
                    continue
                parts = [ctx.cells.get((info.table_id, r, c.col)) for r in item.closes]
                issue = sum_issue(code_, info, total, parts, column_name(c), name)
                if issue:
                    issues.append(issue)
            # columns that print the same total over the same parts (合计 = 当年预算小计 = 人员经费 where a
            # row has one source: 长春市信访局 2026 表6) hold one figure: its mistake is told once
            yield from told_once(issues, code_, lambda i: (i.stated, i.expected, i.args["terms"]),
                                 lambda group: same_figure(group, name))


SUM_COLUMNS = code("sum.columns", "error", "合计列等于其所合计的各列之和（如 合计 = 基本支出 + 项目支出），按表头层级确定",
                   "{table}“{item}”行的{column}写作{stated}，{terms}相加为{expected}")
SUM_COLUMNS_ROWS = code("sum.columns_rows", "error",
                        "同一合计列在一张表的几行中都不等于其所合计的各列之和：一条发现列出各行（`stated` 为第一行的）",
                        "{table}“{column}”列有{count}行不等于{terms}之和：{rows}")


def same_figure(group: list[Issue], item: str) -> Issue:
    """One finding for a total printed alike in several columns over the same parts."""
    first = group[0]
    columns = "、".join(i.args["column"] for i in group)
    args = dict(first.args, column=f"{columns}{count_word(len(group))}列均")
    return Issue(first.code, f"{item}{columns}", first.stated, first.expected, args, page=first.page,
                 evidence="；".join(i.evidence for i in group), table_id=first.table_id, number=first.number,
                 unit=first.unit, interval=first.interval, inputs=merged_inputs(group), bbox=first.bbox)


@rule(SUM_COLUMNS, SUM_COLUMNS_ROWS)
def column_totals(ctx: Context):
    """A total column (合计, 小计, 总计) against the columns it closes, in every row (from the header tree);
    a column that fails in several rows of a table is one finding (西安市安监局 2019 表13: its 2018 合计
    leaves out 会议费 and 培训费 in all six rows; 长春市信访局 2026 表3: 小计 0.00 in two rows)."""
    for info in money_tables(ctx):
        yield from told_once(_column_totals(ctx, info), SUM_COLUMNS, lambda i: i.inputs[0].col,  # the total's column
                             rows_of_column)


def rows_of_column(group: list[Issue]) -> Issue:
    first = group[0]
    rows = "；".join(f"“{i.args['item']}”行写作{i.stated}，相加为{i.expected}" for i in group)
    args = dict(table=first.args["table"], column=first.args["column"], terms=first.args["terms"], count=len(group),
                rows=rows)
    return Issue(SUM_COLUMNS_ROWS, f"{first.args['column']}列（{len(group)}行）", first.stated, first.expected, args,
                 page=first.page, evidence="；".join(i.evidence for i in group), table_id=first.table_id,
                 number=first.number, unit=first.unit, interval=first.interval, inputs=merged_inputs(group),
                 bbox=first.bbox)


def _column_totals(ctx: Context, info: TableInfo):
    """Each row's failure of each total column of one table."""
    by_col = {c.col: c for c in info.columns}
    totals = [c for c in info.columns if c.closes and c.role == "money"]
    if not totals:
        return
    for item in info.items:
        name = f"{item.code}{item.name}" if item.code else item.name or f"第{item.row + 1}行"
        for c in totals:
            if c.side != item.side:
                continue
            total = ctx.cells.get((info.table_id, item.row, c.col))
            if total is None:
                continue
            parts = [ctx.cells.get((info.table_id, item.row, k)) for k in c.closes]
            found = sum_check(total, parts)
            if found is None:
                continue
            computed, s = found
            unit, d = total.unit_printed, total.decimals
            stated, expected = fmt_amount(total.value, unit, d), fmt_amount(s, unit, d)
            terms = "+".join(f"{column_name(by_col[k])}" for k in c.closes)
            yield Issue(SUM_COLUMNS, f"{name}{column_name(c)}", stated, expected, dict(
                table=info.display_name, item=name, column=column_name(c), stated=stated, expected=expected,
                terms=terms), page=total.page, evidence=f"{name}：" + "，".join(
                    f"{column_name(by_col[k])}{fmt_amount(p.value, p.unit_printed, p.decimals) if p else '空白'}"
                    for k, p in zip([c.col] + c.closes, [total] + parts)),
                table_id=info.table_id, number=total.value, unit="元", interval=computed,
                inputs=[amount_input(total, "total")] + [amount_input(p, "part") for p in parts if p is not None],
                bbox=total.bbox)
