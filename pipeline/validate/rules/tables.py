"""Money tables: every printed rate recomputed from its row, every 合计/小计 from the rows it closes."""
from __future__ import annotations

import re
from decimal import Decimal

from pipeline.validate.context import Context
from pipeline.validate.figures import amount, check_rate, fmt_amount, fmt_number, fmt_pct, scale_of
from pipeline.validate.intervals import Interval, interval_sum
from pipeline.validate.registry import Issue, code, rule
from schemas.records import BudgetLine

RATE = code("rate.recompute", "error", "写明的比率（预算执行率、占比、增长率、控制率…）与按其分子分母重算的结果不符",
            "{subject}写作{stated}，按{formula}计算应为{expected}")
TRUNCATED = code("rate.truncated", "warning", "比率按截断而非四舍五入写出",
                 "{subject}写作{stated}，按{formula}计算为{exact}，四舍五入应为{expected}（疑为截断取值）")
MISLABELLED = code("rate.mislabelled", "error", "写明的比率属于另一行（如把项目支出的执行率写给基本支出）",
                   "{subject}写作{stated}，按{formula}计算应为{expected}（{stated}为{other}的{measure}）")
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
    for name, computed, printed in others:
        if (computed is not None and computed.overlaps(stated_interval)) or printed == stated:
            return Issue(MISLABELLED, subject, args["stated"], args["expected"], dict(args, other=name), **where)
    if check.truncated:
        return Issue(TRUNCATED, subject, args["stated"], args["expected"],
                     dict(args, exact=f"{check.computed.mid:.4f}%"), **where)
    return Issue(RATE, subject, args["stated"], args["expected"], args, **where)


def evidence_of(line: BudgetLine) -> str:
    parts = [line.item]
    for c, name in COLUMNS.items():
        v = getattr(line, c)
        if v is not None:
            parts.append(f"{name}{fmt_amount(v, line.unit_printed, line.amount_decimals)}")
    if line.execution_rate_pct is not None:
        parts.append(f"预算执行率{fmt_pct(line.execution_rate_pct, line.rate_decimals)}")
    return "，".join(parts)


@rule(RATE, TRUNCATED, MISLABELLED)
def table_rates(ctx: Context):
    for lines in ctx.tables.values():
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
                               "执行率", page=line.page, evidence=evidence_of(line), table_id=line.table_id)
            if issue:
                issue.subject = f"{line.item}预算执行率"
                yield issue


OUTLINE = re.compile(r"^[一二三四五六七八九十]+、")


def components(lines: list[BudgetLine]) -> tuple[BudgetLine, list[BudgetLine]] | None:
    """The one total row of a plain table and the rows it closes: every other row above it, or, in a
    table numbered as an outline (一、 … 1. …), the top-level rows only."""
    totals = [l for l in lines if l.is_total]
    if len(totals) != 1 or any(l.item_code for l in lines):
        return None
    total = totals[0]
    parts = [l for l in lines if l.row < total.row and not l.is_total]
    if any(OUTLINE.match(l.item) for l in parts):
        parts = [l for l in parts if OUTLINE.match(l.item)]
    return (total, parts) if len(parts) >= 2 else None


def sum_issue(code_: str, total: BudgetLine, parts: list[BudgetLine], column: str, label: str):
    value = getattr(total, column)
    values = [getattr(p, column) for p in parts]
    if value is None or all(v is None for v in values):
        return None
    terms = [amount(v, p.amount_decimals, p.unit_printed) for p, v in zip(parts, values) if v is not None]
    computed = interval_sum(terms)
    if amount(value, total.amount_decimals, total.unit_printed).overlaps(computed):
        return None
    unit, d = total.unit_printed, total.amount_decimals
    s = scale_of(unit)
    terms_text = "+".join(fmt_number(v / s, d) for v in values if v is not None)
    stated, expected = fmt_amount(value, unit, d), fmt_amount(sum(v for v in values if v is not None), unit, d)
    return Issue(code_, f"{label}{COLUMNS[column]}", stated, expected,
                 dict(table=table_name(total), item=total.item, column=COLUMNS[column], stated=stated,
                      expected=expected, terms=terms_text),
                 page=total.page, evidence=evidence_of(total), table_id=total.table_id)


@rule(SUM_TOTAL)
def table_totals(ctx: Context):
    for lines in ctx.tables.values():
        found = components(lines)
        if found is None:
            continue
        total, parts = found
        for column in COLUMNS:
            issue = sum_issue(SUM_TOTAL, total, parts, column, total.item)
            if issue:
                yield issue


@rule(SUM_SUBTOTAL, SUM_TOTAL)
def coded_subtotals(ctx: Context):
    for lines in ctx.tables.values():
        coded = [l for l in lines if l.item_code]
        if len(coded) < 2:
            continue
        top = min(len(l.item_code) for l in coded)
        for parent in coded:
            children = [l for l in coded if len(l.item_code) > len(parent.item_code)
                        and l.item_code.startswith(parent.item_code)]
            if not children:
                continue
            depth = min(len(c.item_code) for c in children)
            children = [c for c in children if len(c.item_code) == depth]
            for column in COLUMNS:
                issue = sum_issue(SUM_SUBTOTAL, parent, children, column, f"{parent.item_code}{parent.item}")
                if issue:
                    issue.args["item"] = f"{parent.item_code}{parent.item}"
                    yield issue
        totals = [l for l in lines if l.is_total and not l.item_code]
        tops = [l for l in coded if len(l.item_code) == top]
        for total in totals[:1]:
            for column in COLUMNS:
                issue = sum_issue(SUM_TOTAL, total, tops, column, total.item)
                if issue:
                    yield issue


SUM_COLUMNS = code("sum.columns", "error", "合计列等于其右侧各构成列之和（如 合计 = 基本支出 + 项目支出）",
                   "{table}第{row}行“{item}”的{column}写作{stated}，{terms}相加为{expected}")
TOTAL_COLUMN = re.compile(r"(合计|总计)$")


def column_groups(cells_by_pos: dict, header_rows: set[int], n_cols: int) -> list[tuple[int, list[int], str]]:
    """(total column, its component columns, its header) for each 合计 column: the header cells beside
    it in the same header row, within the header that spans above it (机关运行经费 next to a
    "三公"经费 group is no part of that group's 合计)."""
    headers = [c for (r, _), c in cells_by_pos.items() if r in header_rows and c.text]
    out = []
    for total in headers:
        if not TOTAL_COLUMN.search(total.text):
            continue
        above = [h for h in headers if h.row < total.row <= h.row + h.row_span - 1 + 1
                 and h.col <= total.col < h.col + h.col_span and h.col_span > 1]
        end = min((h.col + h.col_span for h in above), default=n_cols)
        parts = sorted(h.col for h in headers if h.row == total.row and total.col < h.col < end)
        if len(parts) >= 2:
            out.append((total.col, parts, total.text))
    return out


@rule(SUM_COLUMNS)
def total_columns(ctx: Context):
    tables: dict[str, dict] = {}
    for c in ctx.records.table_cells:
        tables.setdefault(c.table_id, {})[(c.row, c.col)] = c
    titles = {b.table_id: b.table_title for b in ctx.records.budget_lines}
    for table_id, cells in tables.items():
        header_rows = {r for (r, _), c in cells.items() if c.is_header}
        n_cols = max(c for _, c in cells) + 1
        for col, parts, header in column_groups(cells, header_rows, n_cols):
            for (r, c), total in cells.items():
                if c != col or total.value is None or total.unit != "元":
                    continue
                terms = [cells[(r, k)] for k in parts if (r, k) in cells and cells[(r, k)].value is not None]
                if not terms or any(t.unit != "元" for t in terms):
                    continue
                computed = interval_sum([amount(t.value, t.decimals, t.unit_printed) for t in terms])
                if amount(total.value, total.decimals, total.unit_printed).overlaps(computed):
                    continue
                label = next((cells[(r, k)].text for k in range(col) if (r, k) in cells
                              and cells[(r, k)].text and cells[(r, k)].value is None), f"第{r}行")
                stated = fmt_amount(total.value, total.unit_printed, total.decimals)
                expected = fmt_amount(sum(t.value for t in terms), total.unit_printed, total.decimals)
                title = titles.get(table_id)
                yield Issue(SUM_COLUMNS, f"{label}{header}", stated, expected, dict(
                    table=f"表“{title}”" if title else f"表{table_id}", row=r, item=label, column=header,
                    stated=stated, expected=expected, terms="+".join(t.text for t in terms)),
                    page=total.page, evidence=" | ".join(cells[(r, k)].text for k in range(n_cols) if (r, k) in cells),
                    table_id=table_id)
