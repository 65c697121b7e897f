"""Self-evaluation forms (项目支出绩效自评表): the money block, every score against its 分值, the 总分, and
indicators whose 实际完成值 falls short of the 年度指标值.

Each form is checked on its own records (grouped by `form_id`). The template prints 执行率 "0.0%"
and 分值/得分 "--" in the rows under 年度资金总额 (their rates are not scored), so a rate is checked
only on a row that carries a 分值.
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from pipeline.validate.context import Context
from pipeline.validate.figures import amount, check_rate, fmt_amount, fmt_number, fmt_pct, scale_of
from pipeline.validate.intervals import Interval, interval_sum, rounded
from pipeline.validate.inputs import fact_input, field_input, line_input, points_input
from pipeline.validate.registry import Issue, code, rule
from pipeline.validate.scoring import reading_of
from schemas.records import BudgetLine, FindingInput, FormField, Indicator

RATE = code("form.execution_rate", "error", "自评表执行率 = 全年执行数 ÷ 全年预算数",
            "{project}：执行率写作{stated}，按全年执行数{actual}÷全年预算数{budget}计算应为{expected}")
EXEC_SCORE = code("form.execution_score", "error", "自评表预算执行得分 = 执行率 × 分值（不超过分值）",
                  "{project}：预算执行得分写作{stated}，按执行率{rate}×分值{weight}计算应为{expected}")
FUNDS = code("form.funds_sum", "error", "自评表年度资金总额 = 其构成（财政拨款、上年结转、其他资金）之和",
             "{project}：年度资金总额{column}写作{stated}，各项相加为{expected}（{terms}）")
OVER = code("form.over_weight", "error", "自评表各项得分不超过其分值",
            "{project}：“{subject}”得分{stated}，超过其分值{expected}")
TOTAL = code("form.total", "error", "自评表总分 = 各项得分之和（总分值 = 各项分值之和）",
             "{project}：{what}写作{stated}，各项相加为{expected}")
MISSED_FULL = code("form.missed_full_score", "error", "实际完成值未达年度指标值却得满分（评分规则按比例或达标得分时为错误，否则为警告）",
                   "{project}：“{subject}”年度指标值{target}、实际完成值{actual}，未达目标却得满分{score}分{why}")
NO_REASON = code("form.missing_deviation", "warning", "未完成年度指标值的指标应说明偏差原因",
                 "{project}：“{subject}”年度指标值{target}、实际完成值{actual}，未达目标但未填写偏差原因")

STATED = code("form.stated_score", "error", "正文所述项目自评得分等于该项目自评表的总分",
              "正文称“{project}”自评得分{stated}分，其自评表总分为{expected}分")

COLUMNS = {"initial_budget": "年初预算数", "adjusted_budget": "全年预算数", "actual_spending": "全年执行数"}


def forms(ctx: Context) -> dict[str, dict[str, list]]:
    out: dict[str, dict[str, list]] = defaultdict(lambda: {"lines": [], "indicators": [], "fields": []})
    for b in ctx.records.budget_lines:
        if b.form_id and b.table_kind == "project_funds":
            out[b.form_id]["lines"].append(b)
    for i in ctx.records.indicators:
        if i.form_id and (i.weight is not None or i.score is not None or i.actual is not None):
            out[i.form_id]["indicators"].append(i)
    for f in ctx.records.form_fields:
        if f.form_id:
            out[f.form_id]["fields"].append(f)
    return out


def project_of(form: dict) -> str:
    rows = form["lines"] + form["indicators"] + form["fields"]
    return next((x.project for x in rows if x.project), None) or "部门整体自评表"


def decimals_of(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def money_input(line: BudgetLine, column: str, role: str) -> FindingInput:
    return line_input(line, column, COLUMNS.get(column, "执行率"), role)


@rule(RATE, EXEC_SCORE)
def execution(ctx: Context):
    for form in forms(ctx).values():
        project = project_of(form)
        for line in form["lines"]:
            if line.weight is None or line.actual_spending is None or line.adjusted_budget is None:
                continue  # only the scored row's rate is real (the others print 0.0%)
            num = amount(line.actual_spending, line.amount_decimals, line.unit_printed)
            den = amount(line.adjusted_budget, line.amount_decimals, line.unit_printed)
            inputs = [money_input(line, "actual_spending", "numerator"), money_input(line, "adjusted_budget", "denominator")]
            where = dict(page=line.page, table_id=line.table_id, evidence=f"{project}：{line.item}")
            s = scale_of(line.unit_printed)
            args = dict(project=project, actual=fmt_number(line.actual_spending / s, line.amount_decimals),
                        budget=fmt_number(line.adjusted_budget / s, line.amount_decimals))
            rate = None
            if line.execution_rate_pct is not None:
                check = check_rate(line.execution_rate_pct, line.rate_decimals, num, den)
                if check is not None and not check.ok:
                    yield Issue(RATE, f"{project}执行率", fmt_pct(line.execution_rate_pct, line.rate_decimals),
                                fmt_pct(check.expected, line.rate_decimals),
                                dict(args, stated=fmt_pct(line.execution_rate_pct, line.rate_decimals),
                                     expected=fmt_pct(check.expected, line.rate_decimals)),
                                number=line.execution_rate_pct, unit="%", interval=check.computed, inputs=inputs, **where)
                    continue  # the score is checked against a rate only once the rate is right
                rate = Interval.printed(line.execution_rate_pct, line.rate_decimals)
            computed = (num / den)
            if computed is None or line.score is None:
                continue
            computed = computed.scaled(Decimal(100))
            if rate is not None:  # the printed rate, and the recomputed one: a score fitting either is right
                rate = Interval(min(rate.lo, computed.lo), max(rate.hi, computed.hi))
            else:
                rate = computed
            weight = Interval.exact(line.weight)
            expected = Interval(min(rate.lo * line.weight / 100, line.weight), min(rate.hi * line.weight / 100, line.weight))
            d = line.score_decimals or 0
            if Interval.printed(line.score, d).overlaps(expected):
                continue
            mid = rounded(expected.mid, d)
            yield Issue(EXEC_SCORE, f"{project}预算执行得分", fmt_number(line.score, d), fmt_number(mid, d),
                        dict(project=project, stated=fmt_number(line.score, d),
                             rate=fmt_pct(line.execution_rate_pct if line.execution_rate_pct is not None else computed.mid,
                                          line.rate_decimals if line.execution_rate_pct is not None else 2),
                             weight=fmt_number(weight.lo, line.weight_decimals), expected=fmt_number(mid, d)),
                        number=line.score, unit="分", interval=expected, inputs=inputs, **where)


@rule(FUNDS)
def funds(ctx: Context):
    for form in forms(ctx).values():
        lines = form["lines"]
        totals = [b for b in lines if b.is_total]
        parts = [b for b in lines if not b.is_total]
        if len(totals) != 1 or len(parts) < 2:
            continue  # which rows the total closes is known only for one total over its parts
        total, project = totals[0], project_of(form)
        for column, name in COLUMNS.items():
            stated = getattr(total, column)
            values = [getattr(p, column) for p in parts]
            if stated is None or any(v is None for v in values):
                continue
            computed = interval_sum([amount(v, p.amount_decimals, p.unit_printed) for v, p in zip(values, parts)])
            if amount(stated, total.amount_decimals, total.unit_printed).overlaps(computed):
                continue
            s = scale_of(total.unit_printed)
            terms = "+".join(fmt_number(v / s, p.amount_decimals) for v, p in zip(values, parts))
            yield Issue(FUNDS, f"{project}年度资金总额{name}", fmt_amount(stated, total.unit_printed, total.amount_decimals),
                        fmt_amount(sum(values), total.unit_printed, total.amount_decimals),
                        dict(project=project, column=name, stated=fmt_amount(stated, total.unit_printed, total.amount_decimals),
                             expected=fmt_amount(sum(values), total.unit_printed, total.amount_decimals), terms=terms),
                        page=total.page, table_id=total.table_id, number=stated, unit="元", interval=computed,
                        inputs=[money_input(total, column, "total")] + [money_input(p, column, "part") for p in parts])


def scored_rows(form: dict) -> list:
    return [x for x in form["lines"] if x.weight is not None or x.score is not None] + form["indicators"]


@rule(OVER)
def over_weight(ctx: Context):
    for form in forms(ctx).values():
        project = project_of(form)
        for x in scored_rows(form):
            if x.score is None or x.weight is None or x.score <= x.weight:
                continue
            name = x.level3 if isinstance(x, Indicator) else f"{x.item}（预算执行）"
            yield Issue(OVER, f"{project}：{name}", fmt_number(x.score, x.score_decimals),
                        fmt_number(x.weight, x.weight_decimals),
                        dict(project=project, subject=name, stated=fmt_number(x.score, x.score_decimals),
                             expected=fmt_number(x.weight, x.weight_decimals)),
                        page=x.page, table_id=x.table_id, number=x.score, unit="分", interval=Interval(Decimal(0), x.weight),
                        inputs=scored_inputs(x))


@rule(TOTAL)
def totals(ctx: Context):
    for form in forms(ctx).values():
        project = project_of(form)
        stated: dict[str, FormField] = {f.name: f for f in form["fields"] if f.name in ("总分", "总分值") and f.value is not None}
        rows = scored_rows(form)
        for name, attr, what in (("总分", "score", "总分"), ("总分值", "weight", "各项分值合计")):
            f = stated.get(name)
            values = [getattr(x, attr) for x in rows]
            if f is None or not rows or any(v is None for v in values):
                continue  # a row without its figure: the sum cannot be known
            decimals = [getattr(x, f"{attr}_decimals") or 0 for x in rows]
            computed = interval_sum([awarded(v, d) for v, d in zip(values, decimals)])
            d = decimals_of(f.value)
            if awarded(f.value, d).overlaps(computed):
                continue
            total = shown(sum(values), d)
            yield Issue(TOTAL, f"{project}{what}", fmt_number(f.value, d), total,
                        dict(project=project, what=what, stated=fmt_number(f.value, d), expected=total),
                        page=f.page, table_id=f.table_id, number=f.value, unit="分", interval=computed,
                        inputs=[field_input(f, "total")] + [scored_inputs(x, "得分" if attr == "score" else "分值")[0]
                                                           for x in rows])


def scored_inputs(x, first: str = "得分") -> list[FindingInput]:
    """A form row's score and weight (or weight and score): an indicator's, or a money line's (预算执行)."""
    second = "分值" if first == "得分" else "得分"
    return [points_input(x, "stated", first), points_input(x, "other", second)]


def shown(value: Decimal, decimals: int) -> str:
    """A sum of points as printed: at least the total's decimals, and every decimal that is not zero."""
    return fmt_number(value, max(decimals, decimals_of(value.normalize())))


def awarded(value: Decimal, decimals: int) -> Interval:
    """A score or weight as an interval. Points are awarded, not measured: a whole number ("9", "10") is
    exact; one printed with decimals ("7.7" for 77.13% × 10) may have been rounded to what it shows.
    (Taking every whole score as ±0.5 would let a 总分 off by 5 points pass on an 11-row form.)"""
    return Interval.printed(value, decimals) if decimals > 0 else Interval.exact(value)


def shortfall(i: Indicator) -> bool | None:
    """Whether the 实际完成值 falls short of the 年度指标值: None when the two cannot be compared
    (a text target, another unit, no direction)."""
    if i.target_value is None or i.actual_value is None or (i.unit or None) != (i.actual_unit or None):
        return None
    t = Interval.printed(i.target_value, i.decimals or 0)
    a = Interval.printed(i.actual_value, i.actual_decimals or 0)
    op = i.comparator
    if op in ("≥", ">", None, "="):
        # a bare target ("9562平方米", "100%") is a floor to reach
        return a.hi < t.lo if op != ">" else a.hi <= t.lo
    if op in ("≤", "<"):
        return a.lo > t.hi if op == "≤" else a.lo >= t.hi
    return None


@rule(MISSED_FULL, NO_REASON)
def missed_targets(ctx: Context):
    for form in forms(ctx).values():
        project = project_of(form)
        for i in form["indicators"]:
            if not shortfall(i):
                continue
            args = dict(project=project, subject=i.level3, target=i.full_year_target, actual=i.actual)
            where = dict(page=i.page, table_id=i.table_id, evidence=f"{i.level3}：{i.full_year_target} / {i.actual}")
            if i.score is not None and i.weight is not None and i.score >= i.weight:
                reading = reading_of(i.rule) if i.rule else None
                strict = reading is not None and reading.kind in ("proportional", "all_or_nothing")
                why = f"（评分标准“{i.rule}”不给满分）" if strict else "（表中未列评分标准，请核实）"
                yield Issue(MISSED_FULL, f"{project}：{i.level3}", fmt_number(i.score, i.score_decimals),
                            None, dict(args, score=fmt_number(i.score, i.score_decimals), why=why),
                            severity=None if strict else "warning", number=i.score, unit="分",
                            inputs=[points_input(i, "stated"), points_input(i, "weight", "分值")], **where)
            elif not i.deviation:
                yield Issue(NO_REASON, f"{project}：{i.level3}", i.actual, i.full_year_target, args, **where)


SCORE_SUBJECT = re.compile(r"(自评|评价|综合|总)?得分$")


def project_named(text: str, projects: dict[str, dict]) -> str | None:
    """The one project whose name the text carries (the longest where one name holds another)."""
    named = [p for p in projects if p and p in text]
    named = [p for p in named if not any(p != q and p in q for q in named)]
    return named[0] if len(named) == 1 else None


@rule(STATED)
def stated_scores(ctx: Context):
    """"3.信息化运行维护项目绩效自评综述：…项目自评得分为88.5分" against that project's form (国家信访局
    2024: its 自评表 prints 总分 90.5). Only a sentence under a heading, or itself, naming one project."""
    by_project = {project_of(f): f for f in forms(ctx).values() if project_of(f) != "部门整体自评表"}
    if not by_project:
        return
    for fact in ctx.records.facts:
        if fact.source != "narrative" or fact.unit != "分" or fact.comparator or not SCORE_SUBJECT.search(fact.subject):
            continue
        heading = (fact.section or "").split(" / ")[-1]
        project = project_named(heading, by_project) or project_named(fact.sentence[:fact.position or 0], by_project)
        if project is None:
            continue
        total = next((x for x in by_project[project]["fields"] if x.name == "总分" and x.value is not None), None)
        if total is None:
            continue
        stated = awarded(fact.value, fact.decimals or 0)
        if stated.overlaps(awarded(total.value, decimals_of(total.value))):
            continue
        yield Issue(STATED, f"{project}自评得分", f"{fact.value}分", f"{total.value}分",
                    dict(project=project, stated=fact.value, expected=total.value), page=fact.page,
                    evidence=fact.sentence, number=fact.value, unit="分",
                    interval=awarded(total.value, decimals_of(total.value)),
                    inputs=[fact_input(fact, "stated"), field_input(total, "total")])
