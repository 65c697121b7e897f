"""Performance-target tables: cumulative half-year targets within the full year; money splits add up."""
from __future__ import annotations

from pipeline.validate.context import Context
from pipeline.validate.figures import fmt_number
from pipeline.validate.registry import Issue, code, rule

HALF_YEAR = code("target.half_year", "error", "半年（累计）指标值不大于全年指标值",
                 "{subject}半年指标值{stated}大于全年指标值{expected}")
SPLIT = code("target.money_split", "error", "资金总额等于其构成（财政拨款、其他资金）之和",
             "资金总额写作{stated}，财政拨款与其他资金相加为{expected}")


@rule(HALF_YEAR)
def half_year_within_full_year(ctx: Context):
    for i in ctx.records.indicators:
        if i.half_year_value is None or i.target_value is None:
            continue
        if i.half_year_value > i.target_value and i.half_year_comparator in (None, "≥", "=") \
                and i.comparator in (None, "≥", "="):
            yield Issue(HALF_YEAR, i.level3, i.half_year_target, i.full_year_target,
                        dict(subject=i.level3, stated=i.half_year_target, expected=i.full_year_target), page=i.page)


@rule(SPLIT)
def money_split(ctx: Context):
    fields = {f.name: f for f in ctx.records.form_fields if f.value is not None and f.unit == "元"}
    total = fields.get("资金总额") or fields.get("年度资金总额")
    parts = [fields[n] for n in ("财政拨款", "其他资金") if n in fields]
    if total is None or len(parts) < 2:
        return
    s = sum(p.value for p in parts)
    if s != total.value:
        yield Issue(SPLIT, "资金总额", total.text, fmt_number(s, 2), dict(stated=total.text, expected=fmt_number(s, 2)),
                    page=total.page)
