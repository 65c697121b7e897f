"""The figures a finding used (FindingInput), one constructor per dataset they come from; each says
where the figure was read — table, row, column, or sentence — so a finding can be traced and drawn."""
from __future__ import annotations

from decimal import Decimal

from pipeline.validate.figures import fmt_amount, fmt_number, fmt_pct
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


def points_input(x: ScoreItem | Indicator | BudgetLine, role: str, measure: str = "得分") -> FindingInput:
    """A row's 得分 (or, with measure 分值, its weight): a score sheet item, a form's indicator or its
    money line (预算执行)."""
    dataset = "score_items" if isinstance(x, ScoreItem) else "indicators" if isinstance(x, Indicator) else "budget_lines"
    value = x.score if measure == "得分" else x.weight
    decimals = x.score_decimals if measure == "得分" else x.weight_decimals
    return FindingInput(role=role, value=value, unit="分", text=fmt_number(value, decimals) if value is not None else None,
                        dataset=dataset, table_id=x.table_id, row=x.row, page=x.page,
                        item=x.item if isinstance(x, BudgetLine) else x.level3, measure=measure)


def formula_input(i: ScoreItem, role: str) -> FindingInput:
    """The result of the calculation a score item's evidence writes out (预算执行率=…=r%)."""
    return FindingInput(role=role, value=i.formula_result, unit="%", text=fmt_pct(i.formula_result, i.formula_result_decimals),
                        dataset="score_items", table_id=i.table_id, row=i.row, page=i.page, item=i.level3,
                        measure="formula_result")


def target_input(i: Indicator, role: str, half_year: bool = False) -> FindingInput:
    """An indicator's 全年指标值 (or 半年指标值) as a figure."""
    return FindingInput(role=role, value=i.half_year_value if half_year else i.target_value, unit=i.unit,
                        text=i.half_year_target if half_year else i.full_year_target, dataset="indicators",
                        table_id=i.table_id, row=i.row, page=i.page, item=i.level3,
                        measure="半年指标值" if half_year else "全年指标值")


def number_input(value: Decimal, unit: str, role: str, text: str, dataset: str, page: int | None = None,
                 item: str | None = None) -> FindingInput:
    """A figure the document states once as a whole (a document's stated total score)."""
    return FindingInput(role=role, value=value, unit=unit, text=text, dataset=dataset, page=page, item=item)
