"""Money tables (budget, "三公", special funds, disclosure tables) → BudgetLine records."""
from __future__ import annotations

import re
from decimal import Decimal

from parsers.normalize.labels import canonical_item, mend_ocr
from parsers.normalize.numbers import MONEY_UNITS, parse_number, to_yuan, unit_from_context
from pipeline.extract.columns import column_roles, column_units, find_header, header_depth, header_texts, table_unit
from schemas.document import Document, Table
from schemas.records import BudgetLine

AMOUNT_ROLES = ("initial_budget", "adjusted_budget", "actual_spending", "budget")
TOTAL_ITEM = re.compile(r"^(合\s*计|总\s*计|小\s*计)|(合计|总计|小计)$")
CODE = re.compile(r"^\d{2,3}$")
THREE_PUBLIC = re.compile(r"三公|因公出国|公务用车|公务接待")


def infer_unnamed_columns(roles: dict[int, str], headers: list[str], grid: list[list[str]], depth: int) -> None:
    """An unnamed figure column just before 调整后预算数 is the 年初预算数 (its header was lost in
    export); it is printed in the unit of the column it precedes."""
    if "initial_budget" in roles.values():
        return
    for k, role in list(roles.items()):
        if role == "adjusted_budget" and k > 0 and k - 1 not in roles and not headers[k - 1]:
            data = [row[k - 1] for row in grid[depth:] if row[k - 1]]
            if data and all(parse_number(t) is not None for t in data):
                roles[k - 1] = "initial_budget"
                headers[k - 1] = "(" + (unit_from_context(headers[k]) or "") + ")"


def item_columns(item_col: int, headers: list[str], rows: list[list[str]]) -> tuple[int, list[int]]:
    """The column that names each row, and the subject-code columns (类/款/项) before it.

    Disclosure tables print 科目编码 in one to three columns and the name after them."""
    def codes(k: int) -> bool:
        filled = [r[k] for r in rows if r[k]]
        return bool(filled) and sum(1 for t in filled if CODE.match(t)) >= 0.6 * len(filled)

    if not rows or not codes(item_col):
        return item_col, []
    k = item_col
    while k < len(headers) and codes(k):
        k += 1
    if k >= len(headers):
        return item_col, []
    return k, list(range(item_col, k))


def table_kind(doc_kind: str, table: Table, items: list[str]) -> str:
    context = " ".join([table.caption or ""] + table.context)
    if THREE_PUBLIC.search(context) or sum(1 for i in items if THREE_PUBLIC.search(i)) >= 2:
        return "three_public"
    if "专项" in context:
        return "special_fund"
    if doc_kind in ("budget_disclosure", "final_accounts_disclosure"):
        return "disclosure"
    if any(i in ("基本支出", "项目支出") for i in items):
        return "department_budget"
    return "other"


def extract_budget_lines(doc: Document, table: Table, doc_kind: str) -> list[BudgetLine]:
    header = find_header(table, "money")
    start, depth = header if header else (0, header_depth(table))
    headers = header_texts(table, depth, start)
    depth += start
    roles = column_roles(headers, "money")
    grid = table.grid(fill_spans=True)
    infer_unnamed_columns(roles, headers, grid, depth)
    if not any(r in roles.values() for r in AMOUNT_ROLES + ("execution_rate",)):
        return []
    col = {role: k for k, role in roles.items()}
    item_col, code_cols = item_columns(col.get("item", 0), headers, grid[depth:])
    units = column_units(headers, table_unit(table))
    items = [mend_ocr(grid[r][item_col]) for r in range(depth, table.n_rows)]
    kind = table_kind(doc_kind, table, items)
    lines = []
    for r in range(depth, table.n_rows):
        item = mend_ocr(grid[r][item_col])
        code = "".join(grid[r][k] for k in code_cols) or None
        values: dict[str, Decimal | None] = {}
        amount_decimals = rate_decimals = None
        printed = None
        for role, k in col.items():
            if role == "item":
                continue
            n = parse_number(grid[r][k])
            if n is None:
                continue
            if role == "execution_rate":
                values[role] = n.value
                rate_decimals = n.decimals
                continue
            unit = n.unit if n.unit in MONEY_UNITS else units[k]
            unit = unit if unit in MONEY_UNITS else "元"  # a money table without a declared unit prints 元
            values[role] = to_yuan(n.value, unit)
            amount_decimals = n.decimals if amount_decimals is None else max(amount_decimals, n.decimals)
            printed = printed or unit
        if not item or not values:
            continue
        lines.append(BudgetLine(
            doc_id=doc.doc_id, source_file=doc.source_file, table_id=table.table_id, page=table.row_page(r),
            row=r, table_kind=kind, item=item,
            initial_budget=values.get("initial_budget"), adjusted_budget=values.get("adjusted_budget"),
            actual_spending=values.get("actual_spending"), execution_rate_pct=values.get("execution_rate"),
            unit_printed=printed, is_total=bool(TOTAL_ITEM.search(item)), amount_decimals=amount_decimals,
            rate_decimals=rate_decimals, budget=values.get("budget"), table_title=table.caption, item_code=code,
            item_canonical=canonical_item(item),
        ))
    return lines
