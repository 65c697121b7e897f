"""A table's kind from its columns and rows, where its title names no standard table.

The performance forms are known by their columns (score sheets: 指标 with 分值/权重 and 得分; target
tables: 指标 with 指标值; the self-evaluation form's money block: 全年预算数, 全年执行数, 分值, 得分); a
budget-execution table of a self-evaluation report by its 年初预算 / 调整后预算 / 实际支出 / 执行率
columns; a "三公" table by its items.
"""
from __future__ import annotations

from parsers.normalize.labels import canonical_column
from parsers.normalize.vocabulary import wholes
from schemas.tables import TableInfo

THREE_PUBLIC = "三公经费"
EXECUTION = {"年初预算数", "调整预算数", "执行数"}


def header_roles(info: TableInfo, table: str) -> set[str]:
    return {r for c in info.columns for t in c.path if (r := canonical_column(t, table))}


def kind_from_structure(info: TableInfo, doc_type: str) -> tuple[str, str]:
    score = header_roles(info, "score")
    if "level3" in score and "score" in score and ("weight" in score or "rule" in score):
        return "score_sheet", "columns: 指标, 分值/权重, 得分"
    indicator = header_roles(info, "indicator")
    if "level3" in indicator and "full_year_target" in indicator:
        return "target_table", "columns: 指标, 指标值"
    bases = {c.basis for c in info.columns if c.role == "money"}
    measures = {c.measure for c in info.columns} | {i.canonical for i in info.items}
    three = sum(1 for m in measures if m and (m == THREE_PUBLIC or THREE_PUBLIC in wholes(m)))
    if three >= 2:
        return "three_public", "items: 因公出国（境）费, 公务接待费, 公务用车…"
    if len(bases & EXECUTION) >= 2 or (bases & EXECUTION and any(c.role == "rate" for c in info.columns)):
        kind = "special_fund" if "专项" in (info.table_title or "") else "department_budget"
        return kind, "columns: 年初预算 / 调整后预算 / 实际支出 / 执行率"
    return "other", "no standard table by its title or its columns"
