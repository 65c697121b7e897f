"""The figures a finding used (FindingInput), one constructor per dataset they come from; each says
where the figure was read — table, row, column, or sentence — so a finding can be traced and drawn."""
from __future__ import annotations

from decimal import Decimal

from pipeline.validate.figures import fmt_amount, fmt_number
from schemas.records import Amount, BudgetLine, Fact, FindingInput, FormField, Indicator, ScoreItem


def amount_input(a: Amount, role: str) -> FindingInput:
    return FindingInput(role=role, value=a.value, unit="元", text=fmt_amount(a.value, a.unit_printed, a.decimals),
                        dataset="amounts", table_id=a.table_id, row=a.row, col=a.col, page=a.page, item=a.item,
                        measure=a.measure, bbox=a.bbox)


def line_input(line: BudgetLine, column: str, measure: str, role: str) -> FindingInput:
    """A budget line's figure in one of its columns (money in 元, the rate in %)."""
    value = getattr(line, column)
    rate = column == "execution_rate_pct"
    text = (f"{value}%" if rate else fmt_amount(value, line.unit_printed, line.amount_decimals)) if value is not None else None
    return FindingInput(role=role, value=value, unit="%" if rate else "元", text=text, dataset="budget_lines",
                        table_id=line.table_id, row=line.row, page=line.page, item=line.item, measure=measure)


def field_input(f: FormField, role: str) -> FindingInput:
    return FindingInput(role=role, value=f.value, unit=f.unit, text=f.text, dataset="form_fields", table_id=f.table_id,
                        row=f.row, page=f.page, item=f.project, measure=f.name)


def fact_input(f: Fact, role: str) -> FindingInput:
    """A figure of the text: its sentence, and its box where the reader placed it."""
    return FindingInput(role=role, value=f.value, unit=f.unit, text=f.value_text, dataset="facts", page=f.page,
                        item=f.subject or None, measure=f.metric, sentence_id=f.sentence_id,
                        bbox=list(f.bbox) if f.bbox else None)


def score_input(i: ScoreItem, role: str, measure: str = "得分") -> FindingInput:
    """A score sheet item's 得分 (or, with measure 分值, its weight)."""
    value = i.score if measure == "得分" else i.weight
    decimals = i.score_decimals if measure == "得分" else i.weight_decimals
    return FindingInput(role=role, value=value, unit="分", text=fmt_number(value, decimals) if value is not None else None,
                        dataset="score_items", table_id=i.table_id, row=i.row, page=i.page, item=i.level3,
                        measure=measure)


def indicator_input(i: Indicator, role: str, measure: str = "得分") -> FindingInput:
    value = i.score if measure == "得分" else i.weight
    decimals = i.score_decimals if measure == "得分" else i.weight_decimals
    return FindingInput(role=role, value=value, unit="分", text=fmt_number(value, decimals) if value is not None else None,
                        dataset="indicators", table_id=i.table_id, row=i.row, page=i.page, item=i.level3,
                        measure=measure)


def number_input(value: Decimal, unit: str, role: str, text: str, dataset: str, page: int | None = None,
                 item: str | None = None) -> FindingInput:
    """A figure the document states once as a whole (a document's stated total score)."""
    return FindingInput(role=role, value=value, unit=unit, text=text, dataset=dataset, page=page, item=item)
