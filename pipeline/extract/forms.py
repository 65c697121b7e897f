"""Self-evaluation forms (项目支出绩效自评表 / 部门整体支出绩效自评表) → one unit of records per form.

The national template (财预〔2020〕10号, annex) prints, top to bottom, in one grid:

    项目名称 | … ; 主管部门 | … | 实施单位 | …                         → form_fields
    项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
        年度资金总额 / 其中：财政拨款 / 上年结转 / 其他资金 rows            → budget_lines (with 分值, 得分)
    年度总体目标 | 预期目标 | 实际完成情况, and the texts below             → form_fields
    绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因…
        one row per 三级指标                                          → indicators (target, actual, weight, score)
    总分 | … | 100 | 98                                              → form_fields 总分 / 总分值

The blocks are found by their header words (columns.tsv, table "selfeval"), never by row numbers:
the wrapped labels (其中：财政 / 拨款) and the extra label column on the left move them about. Only one
document of wide/ carries these forms (the 国家信访局 2024 决算, four of them); the template is the
national one, so its header words are the same wherever it is used, and the tests also build forms
of other shapes (no 上年结转 row, no label column, two forms in one grid).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.normalize.labels import canonical_column, mend_ocr
from parsers.normalize.numbers import MONEY_UNITS, parse_number, to_yuan, unit_from_context
from pipeline.extract.columns import table_unit
from pipeline.extract.hierarchy import resolve
from pipeline.extract.indicators import FORM_FIELDS
from schemas.document import Document, Table
from schemas.records import BudgetLine, FormField, Indicator

KIND = "selfeval"
MONEY_ROLES = ("initial_budget", "adjusted_budget", "actual_spending")
START = re.compile(r"^(项目名称|部门名称|单位名称|部门\(单位\)名称)$")
TOTAL = re.compile(r"^(总分|合计|总计|得分合计)$")
GOALS = re.compile(r"^(预期目标|年度目标|实际完成情况|实际完成目标|全年实际完成情况)$")
PART_PREFIX = re.compile(r"^(其中)[:：]?")


@dataclass
class FormRecords:
    form_fields: list[FormField] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def roles_of(row: list[str]) -> dict[str, int]:
    """Role → first column whose header names it."""
    out: dict[str, int] = {}
    for k, t in enumerate(row):
        role = canonical_column(t, KIND) if t else None
        if role and role not in out:
            out[role] = k
    return out


def figure(text: str):
    n = parse_number(text) if text else None
    return n


def form_starts(grid: list[list[str]]) -> list[int]:
    """Rows where a form opens: its 项目名称 (or 部门名称) label in one of the first columns."""
    return [r for r, row in enumerate(grid) if any(START.match(squeeze(t)) for t in row[:3] if t)]


def is_self_evaluation_form(table: Table) -> bool:
    """A money block with 分值 and 得分 beside the budget columns, and an indicator header with 实际完成值:
    the two things only the self-evaluation template prints."""
    grid = table.grid(fill_spans=True)
    money = indicator = False
    for row in grid:
        roles = roles_of(row)
        if sum(1 for r in MONEY_ROLES if r in roles) >= 2 and "weight" in roles and "score" in roles:
            money = True
        if {"level3", "actual", "score"} <= set(roles):
            indicator = True
    return money and indicator


def extract_self_evaluation(doc: Document, table: Table) -> FormRecords | None:
    if not is_self_evaluation_form(table):
        return None
    grid = table.grid(fill_spans=True)
    plain = table.grid()
    starts = form_starts(grid) or [0]
    bounds = list(zip(starts, starts[1:] + [table.n_rows]))
    out = FormRecords()
    for start, end in bounds:
        read_form(doc, table, grid, plain, start, end, out)
    return out


def read_form(doc: Document, table: Table, grid, plain, start: int, end: int, out: FormRecords) -> None:
    form_id = f"{table.table_id}/r{start}"
    fields = labelled_fields(doc, table, grid, start, end)
    project = next((f.text for f in fields if f.name == "项目名称"), None)
    default_unit = table_unit(table)
    r = start
    while r < end:
        row = grid[r]
        roles = roles_of(row)
        if sum(1 for x in MONEY_ROLES if x in roles) >= 2 and ("weight" in roles or "score" in roles):
            r = money_block(doc, table, grid, plain, r, end, roles, default_unit, project, form_id, out)
            continue
        goal_cols = [k for k, t in enumerate(row) if t and GOALS.match(squeeze(t))]
        if len(goal_cols) >= 1 and r + 1 < end and not roles.get("level3"):
            for k in dict.fromkeys(goal_cols):
                text = plain[r + 1][k] if k < len(plain[r + 1]) else ""
                if text:
                    fields.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r + 1),
                                            table_id=table.table_id, name=squeeze(row[k]), text=text,
                                            project=project, form_id=form_id, row=r + 1))
            r += 2
            continue
        if {"level3", "score"} <= set(roles) and ("target" in roles or "actual" in roles):
            r = indicator_block(doc, table, grid, plain, r, end, roles, project, form_id, fields, out)
            continue
        r += 1
    for f in fields:
        f.project, f.form_id = project, form_id
    out.form_fields.extend(fields)


def labelled_fields(doc: Document, table: Table, grid, start: int, end: int) -> list[FormField]:
    """The form's own labels (项目名称, 主管部门, 实施单位 …) and the text beside each."""
    out, seen = [], set()
    for r in range(start, end):
        row = grid[r]
        roles = roles_of(row)
        if sum(1 for x in MONEY_ROLES if x in roles) >= 2 or "level3" in roles:
            break  # the header fields end where the money block or the indicators begin
        for k, t in enumerate(row):
            name = squeeze(t)
            if name not in FORM_FIELDS and not START.match(name) or name in seen:
                continue
            value = next((v for v in row[k + 1:] if v and v != t and squeeze(v) not in FORM_FIELDS), "")
            if value:
                seen.add(name)
                out.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r),
                                     table_id=table.table_id, name=name, text=value.strip(), row=r))
    return out


def money_block(doc, table, grid, plain, header: int, end: int, roles: dict[str, int], default_unit,
                project, form_id, out: FormRecords) -> int:
    """The rows under the money header, while they hold figures; returns the row after the block."""
    first = min(roles[x] for x in roles if x in MONEY_ROLES + ("weight", "execution_rate", "score"))
    # "项目资金(万元)" names the unit in the block's label cell
    unit = next((u for u in (unit_from_context(t) for t in grid[header][:first] if t) if u), None) or default_unit
    r = header + 1
    while r < end:
        row = plain[r]
        values = {role: figure(row[k]) for role, k in roles.items() if k < len(row)}
        if not any(values.get(x) for x in MONEY_ROLES):
            break
        label = squeeze("".join(dict.fromkeys(t for t in grid[r][:first] if t and squeeze(t) != squeeze(grid[header][0]))))
        label = label.rstrip(":：")
        is_part = bool(PART_PREFIX.match(label)) or r > header + 1
        item = PART_PREFIX.sub("", label)

        def money(role):
            n = values.get(role)
            if n is None:
                return None
            return to_yuan(n.value, n.unit or unit) if (n.unit or unit) in MONEY_UNITS else n.value

        decimals = next((values[x].decimals for x in MONEY_ROLES if values.get(x)), None)
        rate, weight, score = values.get("execution_rate"), values.get("weight"), values.get("score")
        out.budget_lines.append(BudgetLine(
            doc_id=doc.doc_id, source_file=doc.source_file, table_id=table.table_id, page=table.row_page(r), row=r,
            table_kind="project_funds", item=item, initial_budget=money("initial_budget"),
            adjusted_budget=money("adjusted_budget"), actual_spending=money("actual_spending"),
            execution_rate_pct=rate.value if rate and rate.unit == "%" else None,
            rate_decimals=rate.decimals if rate else None, unit_printed=unit or None, is_total=not is_part,
            amount_decimals=decimals, table_title=None, item_canonical=item, project=project, form_id=form_id,
            weight=weight.value if weight and weight.unit is None else None,
            score=score.value if score and score.unit is None else None,
            weight_decimals=weight.decimals if weight else None, score_decimals=score.decimals if score else None))
        r += 1
    return r


def indicator_block(doc, table, grid, plain, header: int, end: int, roles: dict[str, int], project, form_id,
                    fields: list[FormField], out: FormRecords) -> int:
    """Indicator rows down to the 总分 row (kept as the form's 总分 fields); returns the row after it."""
    rows: list[int] = []
    r = header + 1
    while r < end:
        first = next((t for t in plain[r] if t), "")
        if TOTAL.match(squeeze(first)):
            total_row(doc, table, plain, r, roles, fields)
            r += 1
            break
        if START.match(squeeze(first)):
            break
        if plain[r][roles["level3"]] if roles["level3"] < len(plain[r]) else "":
            rows.append(r)
        r += 1
    if not rows:
        return r
    cells = lambda role: [plain[x][roles[role]] if role in roles else "" for x in rows]  # noqa: E731
    none = [None] * len(rows)
    l1s = resolve([mend_ocr(c) for c in cells("level1")], none, none, 1)
    l2s = resolve([mend_ocr(c) for c in cells("level2")], none, none, 2)
    for i, x in enumerate(rows):
        text = {role: plain[x][k].strip() if k < len(plain[x]) else "" for role, k in roles.items()}
        t, a = figure(text.get("target", "")), figure(text.get("actual", ""))
        w, s = figure(text.get("weight", "")), figure(text.get("score", ""))
        t_unit = t.unit if t else None
        out.indicators.append(Indicator(
            doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(x), table_id=table.table_id, row=x,
            level1=l1s[i].text if l1s[i] else None, level2=l2s[i].text if l2s[i] else None,
            level3=mend_ocr(text["level3"]), full_year_target=text.get("target") or None,
            comparator=t.comparator if t else None, target_value=t.value if t else None, unit=t_unit,
            decimals=t.decimals if t else None, unit_printed=t_unit, project=project, form_id=form_id,
            actual=text.get("actual") or None, actual_comparator=a.comparator if a else None,
            actual_value=a.value if a else None, actual_unit=a.unit if a else None,
            actual_decimals=a.decimals if a else None,
            weight=w.value if w and w.unit in (None, "分") else None,
            score=s.value if s and s.unit in (None, "分") else None,
            weight_decimals=w.decimals if w else None, score_decimals=s.decimals if s else None,
            deviation=text.get("deviation") or None, rule=text.get("rule") or None))
    return r


def total_row(doc, table, plain, r: int, roles: dict[str, int], fields: list[FormField]) -> None:
    row = plain[r]
    numbers = [(k, figure(t)) for k, t in enumerate(row) if t and figure(t) is not None]
    by_role = {role: figure(row[k]) for role, k in roles.items() if role in ("weight", "score") and k < len(row)}
    # the 总分 row's figures sit under 分值 and 得分; where they do not line up, the last two figures
    weight, score = by_role.get("weight"), by_role.get("score")
    if (weight is None or score is None) and len(numbers) >= 2:
        weight, score = numbers[-2][1], numbers[-1][1]
    for name, n in (("总分值", weight), ("总分", score)):
        if n is not None:
            fields.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r),
                                    table_id=table.table_id, name=name, text=n.text, value=n.value, unit="分", row=r))
