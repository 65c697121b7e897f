"""Normalized records: one model per Parquet dataset of the data contract.

Money is in 元 and rates in percent, as Decimal; `*_decimals` fields keep how many
decimals were printed (in the printed unit), which the validators need for the
rounding intervals. Field order is column order in the datasets.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from schemas.base import Keyed
from schemas.tables import TableInfo

DocType = Literal[
    "performance_self_evaluation",  # 部门整体绩效自评价报告
    "project_self_evaluation",  # 项目支出绩效自评表
    "performance_target_table",  # 项目预算绩效目标表
    "performance_evaluation",  # 财政（重点）绩效评价报告 / 绩效评价结果: a finance bureau's evaluation
    "budget_disclosure",  # 部门预算公开
    "final_accounts_disclosure",  # 部门决算公开
    "unknown",
]


class DocumentInfo(Keyed):
    doc_type: DocType = "unknown"
    title: str | None = None
    department: str | None = None
    fiscal_year: int | None = None
    pages: int | None = None
    text_source: str | None = None
    total_score_stated: Decimal | None = None
    grade_stated: str | None = None
    status: Literal["ok", "partial", "failed"] = "ok"  # partial: some pages or tables unreadable, the rest there
    error: str | None = None
    format: str | None = None
    tables: int = 0
    total_score_sheet: Decimal | None = None  # the score sheet's 合计 row
    warnings: list[str] = []  # pages or tables that could not be read and why, text replaced, parts skipped
    duplicates: list[str] = []  # other input files with the same bytes (read once, under this row)
    grade_bands: list[str] = []  # the grade bands the report states, lowest bound each ("优≥90", "良≥80" …)
    # the page number printed on each page (index = physical page − 1; null where none is printed)
    page_labels: list[str | None] = []


class TableCellRecord(Keyed):
    table_id: str
    page: int | None
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    value: Decimal | None = None  # in 元 for money, percent for rates, else as printed
    unit: str | None = None
    is_header: bool = False
    decimals: int | None = None
    unit_printed: str | None = None
    bbox: list[float] | None = None  # the cell's box on its page (points, top-left origin of the displayed page)


class BudgetLine(Keyed):
    table_id: str
    page: int | None
    row: int
    table_kind: str  # department_budget | three_public | special_fund | disclosure | other
    item: str
    initial_budget: Decimal | None = None  # 年初预算数 / 预算安排数
    adjusted_budget: Decimal | None = None  # 调整后预算数 / 全年预算数
    actual_spending: Decimal | None = None  # 实际支出数 / 决算支出 / 执行数
    execution_rate_pct: Decimal | None = None  # 预算执行率 as printed
    unit_printed: str | None = None
    is_total: bool = False
    amount_decimals: int | None = None
    rate_decimals: int | None = None
    budget: Decimal | None = None  # a 预算数 column that says neither 年初 nor 调整后
    table_title: str | None = None
    item_code: str | None = None  # 功能/经济分类科目编码 (类款项 joined) in disclosure tables
    item_canonical: str | None = None  # the row's canonical name (项自支出 → 项目支出, 总计 → 合计)
    project: str | None = None  # the form's 项目名称 (null outside project forms)
    form_id: str | None = None  # one id per form: "<table_id>/r<first row>"
    weight: Decimal | None = None  # 分值 of a self-evaluation form's money row
    score: Decimal | None = None  # 得分 of that row
    weight_decimals: int | None = None
    score_decimals: int | None = None


class ScoreItem(Keyed):
    page: int | None
    row: int
    level1: str | None
    level2: str | None
    level3: str
    weight: Decimal | None
    target: str | None = None
    rule: str | None = None
    evidence: str | None = None
    score: Decimal | None = None
    table_id: str | None = None
    code: str | None = None  # A11, B15 … where the sheet numbers its indicators
    level1_weight: Decimal | None = None  # from labels such as B过程(24分)
    level2_weight: Decimal | None = None
    is_bonus: bool = False  # 加减分项: outside the 100
    weight_decimals: int | None = None
    score_decimals: int | None = None
    description: str | None = None  # 指标说明, where the sheet has one
    formula_name: str | None = None  # a calculation written in the evidence: 预算执行率=(a÷b)×100%=r%
    formula: str | None = None
    formula_result: Decimal | None = None
    formula_result_decimals: int | None = None
    item_level: int = 3  # the level its row names: 3 for a 三级指标, 1 on a sheet of the 一级指标 alone
    project: str | None = None  # the form's 项目名称 (null for a department-wide sheet)
    form_id: str | None = None


class Indicator(Keyed):
    page: int | None
    level1: str | None
    level2: str | None
    level3: str
    half_year_target: str | None = None
    full_year_target: str | None = None
    comparator: str | None = None
    target_value: Decimal | None = None
    unit: str | None = None
    table_id: str | None = None
    row: int | None = None
    half_year_comparator: str | None = None
    half_year_value: Decimal | None = None
    decimals: int | None = None
    unit_printed: str | None = None
    project: str | None = None  # the form's 项目名称 (null for a department-wide form)
    form_id: str | None = None  # one id per form: "<table_id>/r<first row>"
    # a self-evaluation form's 实际完成值, read like the target (comparator, value, unit)
    actual: str | None = None
    actual_comparator: str | None = None
    actual_value: Decimal | None = None
    actual_unit: str | None = None
    actual_decimals: int | None = None
    weight: Decimal | None = None  # 分值
    score: Decimal | None = None  # 得分
    weight_decimals: int | None = None
    score_decimals: int | None = None
    deviation: str | None = None  # 偏差原因分析及改进措施
    rule: str | None = None  # 评(扣)分标准, where the form prints one
    goal: str | None = None  # the 绩效目标 the indicator serves (a project's, where printed beside it)
    period_target: str | None = None  # 实施周期指标值, where a target table gives one beside the year's


class Fact(Keyed):
    page: int | None
    subject: str
    value_text: str
    value: Decimal | None
    unit: str | None
    sentence: str
    comparator: str | None = None
    qualifier: str | None = None
    decimals: int | None = None
    unit_printed: str | None = None
    # the decimal place of the last printed digit in `value`'s unit: 2 for "96.26%", -2 for "7,196.93万元"
    # (in 元), -3 for "1.2万户": the figure stands for value ± ½·10^-precision
    precision: int | None = None
    source: str = "narrative"  # narrative | evidence (a score sheet's 业绩值/评分过程 column)
    sentence_id: int | None = None  # facts of one sentence share it
    paragraph_id: int | None = None  # … and of one paragraph (or one evidence cell)
    position: int | None = None  # where the figure starts in its sentence
    aspect: str | None = None  # initial_budget | adjusted_budget | actual_spending: which column a money figure is
    item: str | None = None  # canonical row it is about (基本支出, 项目支出, 合计, 三公经费 …)
    metric: str | None = None  # canonical measure (预算执行率, 占比, 增长率, 调增 …)
    counted: str | None = None  # what a count counts: the words right after it (增长点, 家企业 …)
    after_qizhong: bool = False  # the figure follows 其中/包括 in its sentence: a part of the figure before
    ref: str | None = None  # for evidence facts: the score item (code or 三级指标)
    topic: str | None = None  # the heading a figure belongs to: "部门决策" for "(一)部门决策(总分15分,…)"
    section: str | None = None  # the headings the paragraph stands under, outermost first, joined by " / "
    segment: int = 0  # which part of its sentence, parts cut at "；": a list item, a clause of its own
    depth: int = 0  # how many brackets the figure sits in ("400万元（其中，购置费150万元…）": 150 is at 1)
    list_head: str | None = None  # for a part after 其中/包括: what the list is of ("支出包括：" → 支出)
    ocr_score: float | None = None  # the lowest recognition score of its paragraph, where OCR read it
    # the table cell the figure restates (amounts: table_id, row, col), and why it was tied to it
    link_table_id: str | None = None
    link_row: int | None = None
    link_col: int | None = None
    link_value: Decimal | None = None  # the cell's value (元)
    link_status: str | None = None  # linked | ambiguous (several cells fit and disagree) | None (no table row)
    link_reason: str | None = None  # "same item and measure in 部门收支总表", "table named in its section" …
    bbox: list[float] | None = None  # where the figure is printed on its page (points; close, not exact)


class Amount(Keyed):
    """One money cell of a money table, located by its row's item and its column's measure (tidy)."""

    table_id: str
    table_kind: str
    table_title: str | None
    page: int | None
    row: int
    col: int
    side: str | None  # the half of a side-by-side table (收入, 支出 …)
    item_code: str | None  # subject code (2040201), 类/款/项 columns joined
    item: str  # the row's label as printed (cleaned, numbering off)
    item_canonical: str | None
    item_level: str | None  # 类 / 款 / 项
    parent_code: str | None
    is_total: bool
    measure: str | None  # canonical measure of the column (基本支出, 人员经费, 合计 …, or its basis: 预算数 …)
    column_path: str  # the header path as printed, levels joined by " / "
    value: Decimal  # in 元
    unit_printed: str | None  # the unit the figure was printed in (万元 …)
    decimals: int | None  # decimals as printed
    basis: str | None = None  # what the column's figures are (预算数, 决算数, 年初预算数 …)
    precision: int | None = None  # decimal place of the last printed digit, in 元 (万元 with 2 decimals: -2)
    unit_assumed: bool = False  # no unit declared anywhere: 元 taken
    bbox: list[float] | None = None  # the cell's box on its page (points, top-left origin)
    project: str | None = None  # the form's 项目名称 (null for department-wide tables)
    form_id: str | None = None
    ocr_score: float | None = None  # the lowest recognition score of the cell's text, where OCR read it


class FormField(Keyed):
    """A labelled field of a form (项目名称, 主管部门, 资金总额 …)."""

    page: int | None
    table_id: str | None
    name: str
    text: str
    value: Decimal | None = None
    unit: str | None = None
    project: str | None = None  # the form's 项目名称 (null for department-wide forms)
    form_id: str | None = None
    row: int | None = None
    decimals: int | None = None  # of a figure, as printed
    unit_printed: str | None = None


Severity = Literal["error", "warning", "info"]


class FindingInput(BaseModel):
    """A figure a finding used, and where it came from."""

    role: str  # stated, total, part, numerator, denominator, …
    value: Decimal | None = None  # in 元 for money, percent for rates
    unit: str | None = None
    text: str | None = None  # as printed ("7,328.87万元")
    dataset: str  # amounts, facts, budget_lines, score_items, indicators, form_fields
    table_id: str | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    item: str | None = None  # the row's item or the figure's subject
    measure: str | None = None  # the column's measure
    sentence_id: int | None = None  # for a figure of the text: its sentence (facts.sentence_id)
    bbox: list[float] | None = None  # where it is printed on `page` (points, top-left origin)


class Finding(Keyed):
    page: int | None
    rule: str
    severity: Severity
    subject: str
    stated_value: str | None  # display strings, as the message shows them
    expected_value: str | None
    message: str
    evidence: str | None = None
    table_id: str | None = None
    stated: Decimal | None = None  # the stated figure as a number (元 for money, % for rates)
    stated_unit: str | None = None
    expected_low: Decimal | None = None  # the interval the recomputation allows (same unit)
    expected_high: Decimal | None = None
    difference: Decimal | None = None  # stated − the nearest end of the interval (0 inside it)
    inputs: list[FindingInput] = []
    bbox: list[float] | None = None  # x0, top, x1, bottom of the stated figure on its page (points)
    page_label: str | None = None  # the page number the document prints on that page, where it prints one


class DocumentRecords(BaseModel):
    """Everything the per-file work produces for one input file."""

    document: DocumentInfo
    tables: list[TableInfo] = []
    table_cells: list[TableCellRecord] = []
    amounts: list[Amount] = []
    budget_lines: list[BudgetLine] = []
    score_items: list[ScoreItem] = []
    indicators: list[Indicator] = []
    facts: list[Fact] = []
    form_fields: list[FormField] = []
    findings: list[Finding] = []


DATASETS: dict[str, type[BaseModel]] = {
    "documents": DocumentInfo,
    "tables": TableInfo,
    "table_cells": TableCellRecord,
    "amounts": Amount,
    "budget_lines": BudgetLine,
    "score_items": ScoreItem,
    "indicators": Indicator,
    "facts": Fact,
    "form_fields": FormField,
    "findings": Finding,
}
