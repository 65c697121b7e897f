"""Performance-target tables: cumulative half-year targets within the full year; each project's funds add
up; a target's unit agrees with the unit its indicator's name declares."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from parsers.normalize.labels import canonical_column
from parsers.normalize.numbers import parse_number
from pipeline.validate.context import Context
from pipeline.validate.figures import amount, fmt_amount, fmt_number
from pipeline.validate.intervals import Interval, interval_sum
from pipeline.validate.inputs import field_input, target_input
from pipeline.validate.registry import Issue, code, rule
from schemas.records import FormField

HALF_YEAR = code("target.half_year", "error", "半年（累计）指标值不大于全年指标值",
                 "{subject}半年指标值{stated}大于全年指标值{expected}")
SPLIT = code("target.money_split", "error", "资金总额等于其构成（财政拨款、其他资金等）之和（每个项目分别核对）",
             "{project}资金总额写作{stated}，{terms}相加为{expected}")
UNIT = code("target.unit", "warning", "指标值的单位与指标名称所注单位一致（如“发行量（万册）”的指标值应以万册计）",
            "{subject}：名称注明单位“{named}”，指标值“{target}”的单位为“{unit}”")


@rule(HALF_YEAR)
def half_year_within_full_year(ctx: Context):
    for i in ctx.records.indicators:
        if i.half_year_value is None or i.target_value is None:
            continue
        if i.half_year_value > i.target_value and i.half_year_comparator in (None, "≥", "=") \
                and i.comparator in (None, "≥", "="):
            yield Issue(HALF_YEAR, i.level3, i.half_year_target, i.full_year_target,
                        dict(subject=i.level3, stated=i.half_year_target, expected=i.full_year_target), page=i.page,
                        table_id=i.table_id, number=i.half_year_value, unit=i.unit, interval=Interval(Decimal(0), i.target_value),
                        inputs=[target_input(i, "stated", half_year=True), target_input(i, "full_year")])




@rule(SPLIT)
def money_split(ctx: Context):
    """Per form: its 资金总额 (项目总额, 总计) against its sources. A source the row leaves blank is 0 (the
    row prints the project's whole funding); a form with no source printed is not checked."""
    groups: dict[str | None, list[FormField]] = defaultdict(list)
    for f in ctx.records.form_fields:
        if f.value is not None and f.unit == "元":
            groups[f.form_id].append(f)
    for form_id, fields in groups.items():
        totals = [f for f in fields if canonical_column(f.name, "funds") == "total"]
        parts = [f for f in fields if canonical_column(f.name, "funds") == "part" and f.name not in ("上年结转", "上年结转资金")]
        # the sources must be the whole set: a project row of a target table prints every source column
        # (a blank one is 0); a labelled form counts only when it names both 财政拨款 and 其他资金 (泉州
        # 2026 lists 项目支出 / 基本支出 / 其他资金 under 资金总额: uses and a source mixed)
        whole = form_id is not None and any(p.name.startswith("财政") for p in parts) or \
            {"财政拨款", "其他资金"} <= {p.name for p in parts}
        if len(totals) != 1 or not parts or not whole:
            continue
        total = totals[0]
        computed = interval_sum([amount(p.value, p.decimals if p.decimals is not None else 2, p.unit_printed) for p in parts])
        if amount(total.value, total.decimals if total.decimals is not None else 2, total.unit_printed).overlaps(computed):
            continue
        s = sum(p.value for p in parts)
        shown = lambda v, f: fmt_amount(v, f.unit_printed, f.decimals)  # noqa: E731
        yield Issue(SPLIT, f"{total.project or ''}资金总额", shown(total.value, total), shown(s, total),
                    dict(project=f"“{total.project}”" if total.project else "", stated=shown(total.value, total),
                         expected=shown(s, total), terms="、".join(p.name for p in parts)),
                    page=total.page, table_id=total.table_id, number=total.value, unit="元", interval=computed,
                    inputs=[field_input(total, "total")] + [field_input(p, "part") for p in parts])


NAMED_UNIT = re.compile(r"[(（]([^()（）]{1,4})[)）]\s*$")


@rule(UNIT)
def target_units(ctx: Context):
    for i in ctx.records.indicators:
        m = NAMED_UNIT.search(i.level3 or "")
        if not m or i.unit_printed is None or i.target_value is None:
            continue
        named = parse_number(f"1{m.group(1)}")  # a unit the number reader knows ("(年度)" is none)
        if named is None or named.unit is None or named.text.strip() != f"1{m.group(1)}".strip():
            continue
        if named.unit == i.unit_printed:
            continue
        yield Issue(UNIT, i.level3, i.full_year_target, m.group(1),
                    dict(subject=i.level3, named=m.group(1), target=i.full_year_target, unit=i.unit_printed),
                    page=i.page, table_id=i.table_id)
