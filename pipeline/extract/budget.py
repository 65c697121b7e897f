"""The wide view of budget-execution tables: one BudgetLine per row item whose money columns are
budget bases (年初预算数, 调整预算数, 执行数/决算数, 预算数) and an 执行率 — the 预算执行情况 tables of
self-evaluation reports, "三公" tables by 预算数/决算数, the 预算数 halves of a 收支总表. Derived from
the same understanding as the amounts (a table whose columns are measures such as 基本支出 or 人员经费
has amounts only)."""
from __future__ import annotations

from decimal import Decimal

from parsers.normalize.numbers import parse_number
from pipeline.extract.amounts import money_value, value_cells
from schemas.document import Document, Table
from schemas.records import BudgetLine
from schemas.tables import TableInfo

FIELDS = {"年初预算数": "initial_budget", "调整预算数": "adjusted_budget", "执行数": "actual_spending",
          "决算数": "actual_spending", "预算数": "budget", "金额": "budget"}


def wide_columns(info: TableInfo, side: str | None) -> dict[str, int] | None:
    """field → column, when every money column of the side is a budget basis (and each basis once)."""
    money = [c for c in info.columns if c.side == side and c.role == "money"]
    if not money:
        return None
    out: dict[str, int] = {}
    for c in money:
        field = FIELDS.get(c.basis or "") if c.measure == c.basis else None
        if field is None or field in out:
            return None
        out[field] = c.col
    rates = [c for c in info.columns if c.side == side and c.role == "rate" and any("执行率" in t or "完成率" in t for t in c.path)]
    if rates:
        out["execution_rate_pct"] = rates[0].col
    return out


def extract_budget_lines(doc: Document, table: Table, info: TableInfo) -> list[BudgetLine]:
    lines = []
    wide = {side: wide_columns(info, side) for side in (info.sides or [None])}
    columns = {c.col: c for c in info.columns}
    for item in info.items:
        fields = wide.get(item.side)
        if not fields or not (item.name or item.code):
            continue
        values: dict[str, Decimal] = {}
        amount_decimals = rate_decimals = printed = None
        cells = {c.col: cell for c, cell in value_cells(table, info, item)}
        for field, col in fields.items():
            if field == "execution_rate_pct":
                cell = table.cell_at(item.row, col)
                n = parse_number(cell.text) if cell is not None and cell.text else None
                if n is not None:
                    values[field], rate_decimals = n.value, n.decimals
                continue
            cell = cells.get(col)
            n = parse_number(cell.text) if cell is not None and cell.text else None
            money = money_value(n, columns[col], info) if n is not None else None
            if money is None:
                continue
            values[field], unit = money[0], money[1]
            amount_decimals = n.decimals if amount_decimals is None else max(amount_decimals, n.decimals)
            printed = printed or unit
        if not values:
            continue
        lines.append(BudgetLine(
            doc_id=doc.doc_id, source_file=doc.source_file, table_id=info.table_id, page=item.page, row=item.row,
            table_kind=info.table_kind, item=item.name, initial_budget=values.get("initial_budget"),
            adjusted_budget=values.get("adjusted_budget"), actual_spending=values.get("actual_spending"),
            execution_rate_pct=values.get("execution_rate_pct"), unit_printed=printed, is_total=item.is_total,
            amount_decimals=amount_decimals, rate_decimals=rate_decimals, budget=values.get("budget"),
            table_title=info.table_title, item_code=item.code, item_canonical=item.canonical,
        ))
    return lines
