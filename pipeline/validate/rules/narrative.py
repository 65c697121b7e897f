"""Figures in the narrative: rates, shares, decompositions, adjustments and growth recomputed, and
every figure stated again in a table or in the score sheet's evidence compared with it."""
from __future__ import annotations

import re
from decimal import Decimal

from parsers.normalize.labels import ORGANISATION_NAME
from pipeline.validate.context import Context
from pipeline.validate.figures import amount, amount_interval, check_rate, fact_interval, fmt_amount, fmt_pct, scale_of
from pipeline.validate.intervals import Interval, interval_sum
from pipeline.validate.registry import Issue, code, rule
from pipeline.validate.inputs import amount_input, fact_input, line_input
from pipeline.validate.rules.tables import (MISLABELLED, RATE, SWAPPED, TRUNCATED, line_rate_inputs, rate_inputs,
                                           rate_issue, swaps)
from schemas.records import BudgetLine, Fact

SUM_PARTS = code("sum.parts", "error", "“X万元，其中：A万元、B万元”的分项之和等于总额",
                 "{total_subject}写作{stated}，其中所列分项相加为{expected}（{terms}）")
SUM_PARTS_SHORT = code("sum.parts_incomplete", "warning", "“其中”所列分项之和小于总额（可能未列全）",
                       "{total_subject}写作{stated}，其中所列分项相加仅为{expected}（{terms}），请核实是否漏列")
SUM_UNIT = code("sum.unit", "warning", "“其中”所列分项之和与总额的数字相等而单位不同（总额单位疑似漏印或错印）",
                "{total_subject}写作{stated}，其中所列分项（{terms}）以{unit}计相加与之数字相同，总额单位疑似有误")
SHARES_100 = code("sum.shares", "error", "同一总额下各分项占比之和为100%",
                  "{total_subject}的各分项占比相加为{stated}，应为100%（{terms}）")
ADJUST = code("sum.adjustment", "error", "调增/调减额等于调整后预算数减年初预算数",
              "{subject}写作{stated}，按调整后预算{adjusted}−年初预算{initial}计算应为{expected}")
GROWTH = code("rate.growth", "error", "增长/下降率与增减额、本年数相互印证（(本年−上年)÷上年）",
              "{subject}写作{stated}，按{formula}计算应为{expected}")
RATE_READING = code("rate.reading", "warning", "比率口径不明：按常用口径与所述不符，换一种口径则相符",
                    "{subject}写作{stated}，按{formula}计算为{computed}；若{alternative}则为{alt_value}，与所述相符，请确认口径")
XREF = code("xref.conflict", "error", "同一数值在叙述与表格（或评分表）中写法不一致",
            "{subject}在{where_a}写作{stated}，在{where_b}为{expected}")
XREF_COUNT = code("xref.count", "error", "同一数量在报告中两处写法不一致（如“522个增长点”与“552个”）",
                  "{subject}在{where_a}写作{stated}，在{where_b}写作{expected}")
XREF_UNCHECKED = code("xref.unchecked", "info", "叙述中的金额未能与表格核对（同名行仅见于一表且数值不同，或多处数值不一）",
                      "未能核对：{subject}写作{stated}；{reason}")

ASPECT_NAMES = {"initial_budget": "年初预算数", "adjusted_budget": "调整后预算数", "actual_spending": "实际支出数"}
INCREASE = ("调增", "净调增", "增加", "上升", "增长")
DECREASE = ("调减", "净调减", "减少", "下降")


def table_line(ctx: Context, fact: Fact) -> BudgetLine | None:
    """The table row a narrative figure speaks of: same canonical item, in the matching kind of table."""
    item = fact.item
    if item is None:
        return None
    three_public = "三公" in fact.sentence
    kinds = ("three_public",) if three_public or item == "三公经费" else ("department_budget",)
    for lines in ctx.lines_of_kind(*kinds):
        for line in lines:
            if item in ("合计", "三公经费") and line.is_total:
                return line
            if line.item_canonical == item and not line.is_total:
                return line
    return None


def narrative_money(ctx: Context) -> dict[tuple[str, str], Fact]:
    """(item, column) → the first narrative figure stating it, for reports whose tables are missing."""
    out: dict[tuple[str, str], Fact] = {}
    for f in ctx.records.facts:
        if f.source == "narrative" and f.unit == "元" and f.item and f.aspect and not f.metric:
            out.setdefault((f.item, f.aspect), f)
    return out


def digits(value_text: str) -> str:
    """The figure of a printed value without its unit ("7,328.87万元" → "7,328.87")."""
    return re.sub(r"[^\d.,]", "", value_text)


def fmt_fact_amount(f: Fact) -> str:
    return fmt_amount(f.value, f.unit_printed, f.decimals)


BUDGET_WORDS = re.compile(r"预算|安排")


def paragraph_inputs(ctx: Context, rate: Fact) -> tuple[Fact, Fact] | None:
    """For a rate stated beside its own figures (a special fund): the actual figure before it in its
    paragraph, and the budget figure before that."""
    before = [f for f in ctx.records.facts if f.paragraph_id == rate.paragraph_id and f.unit == "元"
              and f.source == rate.source and (f.sentence_id, f.position) < (rate.sentence_id, rate.position)]
    actual = next((f for f in reversed(before) if f.aspect == "actual_spending" and not f.metric), None)
    if actual is None:
        return None
    # the budget nearest the actual: "预算1,000万元，从企改专户调剂131万元，合计安排1,131万元，实际支出
    # 1,131万元，预算执行率100%" (长沙国资委 2020) divides by what was finally arranged
    budget = next((f for f in reversed(before) if (f.sentence_id, f.position) < (actual.sentence_id, actual.position)
                   and BUDGET_WORDS.search(f.subject) and not f.metric), None)
    return (actual, budget) if budget is not None else None


@rule(RATE, TRUNCATED)
def narrative_fund_rates(ctx: Context):
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "%" or f.metric != "预算执行率" or f.item is not None:
            continue
        inputs = paragraph_inputs(ctx, f)
        if inputs is None:
            continue
        actual, budget = inputs
        subject = f"{budget.subject.replace('预算', '').strip() or '专项资金'}预算执行率"
        issue = rate_issue(subject, f.value, f.decimals, f"{digits(actual.value_text)}÷{digits(budget.value_text)}",
                           fact_interval(actual), fact_interval(budget), [], "执行率", page=f.page, evidence=f.sentence,
                           inputs=[fact_input(f, "stated"), fact_input(actual, "numerator"), fact_input(budget, "denominator")])
        if issue:
            yield issue


@rule(RATE, TRUNCATED, MISLABELLED, SWAPPED, RATE_READING)
def narrative_rates(ctx: Context):
    yield from swaps(_narrative_rates(ctx))


def _narrative_rates(ctx: Context):
    money = narrative_money(ctx)
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "%" or f.metric != "预算执行率" or f.item is None:
            continue
        line = table_line(ctx, f)
        subject = f"{f.item if f.item != '合计' else '部门整体'}预算执行率"
        where = dict(page=f.page, evidence=f.sentence, place=("paragraph", f.paragraph_id))
        if line is not None and rate_inputs(line) is not None:
            formula, num, den, _ = rate_inputs(line)
            where["inputs"] = line_rate_inputs(line, fact_input(f, "stated"))
            others = []
            for other in ctx.tables[line.table_id]:
                inputs = rate_inputs(other)
                if other is line or inputs is None:
                    continue
                q = inputs[1] / inputs[2]
                name = "合计（部门整体）" if other.is_total else other.item
                others.append((name, q.scaled(Decimal(100)) if q else None, other.execution_rate_pct))
        else:
            actual, adjusted = money.get((f.item, "actual_spending")), money.get((f.item, "adjusted_budget"))
            # without a table, the figures must be stated with the rate (in its paragraph): a project's
            # "预算执行率74.67%" is no rate of the department's figures pages away (国家信访局 2024)
            if actual is None or adjusted is None:
                continue
            if f.paragraph_id not in (actual.paragraph_id, adjusted.paragraph_id) and not names_department(f):
                continue
            num, den = fact_interval(actual), fact_interval(adjusted)
            formula = f"{digits(actual.value_text)}÷{digits(adjusted.value_text)}"
            where["inputs"] = [fact_input(f, "stated"), fact_input(actual, "numerator"), fact_input(adjusted, "denominator")]
            others = []
        if f.comparator in ("<", ">", "≤", "≥"):
            yield from comparator_rate(ctx, f, subject, formula, num, den, money, where)
            continue
        issue = rate_issue(subject, f.value, f.decimals, formula, num, den, others, "执行率", **where)
        if issue:
            yield issue


def names_department(f: Fact) -> bool:
    """The rate says whose it is ("市数据局2024年度预算执行率", "部门整体预算执行率"), not a bare 预算执行率."""
    subject = f.subject.replace(f.metric or "", "")
    return bool(ORGANISATION_NAME.match(subject) or re.search(r"部门|整体|单位", subject))


def holds(comparator: str, computed: Interval, bound: Decimal) -> bool:
    return {"<": computed.lo < bound, "≤": computed.lo <= bound, ">": computed.hi > bound,
            "≥": computed.hi >= bound}[comparator]


def comparator_rate(ctx, f: Fact, subject, formula, num, den, money, where):
    """"预算执行率小于90%": the inequality must hold; a denominator with 年初结转 is the other common reading."""
    computed = (num / den).scaled(Decimal(100)) if num / den else None
    if computed is None or holds(f.comparator, computed, f.value):
        return
    stated = f"{f.comparator}{fmt_pct(f.value, f.decimals)}"
    args = dict(subject=subject, stated=stated, formula=formula, computed=fmt_pct(computed.mid, 2))
    where = dict(where, number=f.value, unit="%", interval=computed)
    carry = next((x for x in ctx.records.facts if x.source == "narrative" and x.unit == "元"
                  and x.subject.startswith("年初结转")), None)
    if carry is not None:
        alt = (num / (den + fact_interval(carry)))
        if alt is not None and holds(f.comparator, alt.scaled(Decimal(100)), f.value):
            yield Issue(RATE_READING, subject, stated, fmt_pct(computed.mid, 2),
                        dict(args, alternative=f"分母计入年初结转和结余{fmt_fact_amount(carry)}",
                             alt_value=fmt_pct(alt.scaled(Decimal(100)).mid, 2)), **where)
            return
    yield Issue(RATE, subject, stated, fmt_pct(computed.mid, 2), dict(args, expected=fmt_pct(computed.mid, 2)), **where)


CHANGE = re.compile(r"(增收|减收|增加|减少|增长|下降|调增|调减|增支|减支)$")


def is_change(f: Fact) -> bool:
    return bool(CHANGE.search(f.subject or ""))


def decompositions(ctx: Context):
    """Per list after 其中/包括: the total named just before it, its money parts, and each part's share."""
    for facts in ctx.sentences.values():
        facts = [f for f in facts if f.source == "narrative"]
        money = [f for f in facts if f.unit == "元" and not f.metric]
        runs: list[list[Fact]] = []
        for f in money:
            if f.after_qizhong and runs and runs[-1][-1] is money[money.index(f) - 1]:
                runs[-1].append(f)
            elif f.after_qizhong:
                runs.append([f])
        for parts in runs:
            before = [f for f in money if f.position < parts[0].position and not f.after_qizhong]
            if not before or len(parts) < 2:
                continue
            total = before[-1]
            if total.segment != parts[0].segment:
                # "总额947万元：货物47万元、工程0万元、服务900万元；其中一般公共预算拨款0万元：…" (重庆 2026):
                # a 其中 after "；" splits the sentence's total by another key, not the figure before it
                continue
            parts = [p for p in parts if p.aspect == total.aspect or p.aspect is None or total.aspect is None]
            # a part's own parts, in brackets ("400万元（其中，购置费150万元、运行费250万元）", 长沙 2025),
            # are not added again
            parts = [p for p in parts if p.depth == parts[0].depth]
            # a change is the sum of changes, a level of levels ("增收48.56亿元，其中：税收收入293.12亿元，
            # 增收46.7亿元…", 贵州 2024)
            parts = [p for p in parts if is_change(p) == is_change(total)]
            shares = {}
            for p in parts:
                nxt = next((q.position for q in money if q.position > p.position), 10 ** 9)
                share = next((s for s in facts if s.unit == "%" and s.metric == "占比" and p.position < s.position < nxt), None)
                if share is not None:
                    shares[p.position] = share
            yield total, parts, shares


def unit_slip(total: Fact, parts: list[Fact], computed: Interval) -> bool:
    """The total's digits equal the parts' sum read in the parts' unit (a 万 left out)."""
    units = {p.unit_printed for p in parts}
    if len(units) != 1 or total.unit_printed in units:
        return False
    unit = units.pop()
    as_printed = fact_interval(total).scaled(scale_of(unit) / scale_of(total.unit_printed))
    return as_printed.overlaps(computed)


@rule(SUM_PARTS, SUM_PARTS_SHORT, SUM_UNIT, SHARES_100, RATE)
def narrative_parts(ctx: Context):
    for total, parts, shares in decompositions(ctx):
        computed = interval_sum([fact_interval(p) for p in parts])
        stated = fact_interval(total)
        where = dict(page=total.page, evidence=total.sentence, number=total.value, unit="元", interval=computed,
                     inputs=[fact_input(total, "total")] + [fact_input(p, "part") for p in parts])
        subject = total.subject or "总额"
        if len(parts) < 2:
            continue
        if not stated.overlaps(computed):
            terms = "+".join(digits(p.value_text) for p in parts)
            if unit_slip(total, parts, computed):
                # "预算支出1682.76元，其中基本支出1208.20万元、项目支出474.56万元" (长春 2026): the parts add
                # up to the figure as printed, in their unit; the total's unit is what is wrong
                # the numbers: the total as printed, against the parts' sum; the message says the unit is the slip
                yield Issue(SUM_UNIT, subject, fmt_fact_amount(total), f"{digits(total.value_text)}{parts[0].unit_printed}",
                            dict(total_subject=subject, stated=fmt_fact_amount(total),
                                 unit=parts[0].unit_printed, terms=terms), severity="warning", **where)
                continue
            s = sum(p.value for p in parts)
            args = dict(total_subject=subject, stated=fmt_fact_amount(total),
                        expected=fmt_amount(s, total.unit_printed, total.decimals), terms=terms)
            exhaustive = "主要" not in total.sentence[total.position:min(p.position for p in parts)]
            if computed.lo > stated.hi or (exhaustive and {p.item for p in parts} >= {"基本支出", "项目支出"}):
                yield Issue(SUM_PARTS, subject, args["stated"], args["expected"], args, **where)
            elif exhaustive:
                yield Issue(SUM_PARTS_SHORT, subject, args["stated"], args["expected"], args, **where)
        for p in parts:
            share = shares.get(p.position)
            if share is None:
                continue
            check = check_rate(share.value, share.decimals, fact_interval(p), stated)
            if check is not None and not check.ok:
                name = f"{p.subject}占{subject}的比例"
                args = dict(subject=name, stated=fmt_pct(share.value, share.decimals),
                            formula=f"{digits(p.value_text)}÷{digits(total.value_text)}", expected=fmt_pct(check.expected, share.decimals))
                yield Issue(RATE, name, args["stated"], args["expected"], args,
                            **dict(where, number=share.value, unit="%", interval=check.computed,
                                   inputs=[fact_input(share, "stated"), fact_input(p, "numerator"),
                                           fact_input(total, "denominator")]))
        if len(shares) == len(parts) >= 2:
            total_share = interval_sum([Interval.printed(s.value, s.decimals) for s in shares.values()])
            if not total_share.overlaps(Interval.exact(Decimal(100))):
                value = sum(s.value for s in shares.values())
                terms = "+".join(fmt_pct(s.value, s.decimals) for s in shares.values())
                yield Issue(SHARES_100, subject, fmt_pct(value, 2), "100.00%",
                            dict(total_subject=subject, stated=fmt_pct(value, 2), terms=terms),
                            **dict(where, number=value, unit="%", interval=Interval.exact(Decimal(100)),
                                   inputs=[fact_input(s, "part") for s in shares.values()]))


@rule(ADJUST)
def adjustments(ctx: Context):
    money = narrative_money(ctx)
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "元" or f.metric not in ("调增", "调减", "净调增", "净调减") or not f.item:
            continue
        line = table_line(ctx, f)
        if line is None or line.initial_budget is None or line.adjusted_budget is None:
            line = None
        if line is not None:
            initial = amount(line.initial_budget, line.amount_decimals, line.unit_printed)
            adjusted = amount(line.adjusted_budget, line.amount_decimals, line.unit_printed)
            texts = (fmt_amount(line.adjusted_budget, line.unit_printed, line.amount_decimals),
                     fmt_amount(line.initial_budget, line.unit_printed, line.amount_decimals))
            diff_value = line.adjusted_budget - line.initial_budget
        else:
            a, i = money.get((f.item, "adjusted_budget")), money.get((f.item, "initial_budget"))
            if a is None or i is None:
                continue
            initial, adjusted = fact_interval(i), fact_interval(a)
            texts = (fmt_fact_amount(a), fmt_fact_amount(i))
            diff_value = a.value - i.value
        sign = -1 if f.metric in ("调减", "净调减") else 1
        computed = (adjusted - initial).scaled(Decimal(sign))
        if not fact_interval(f).overlaps(computed):
            expected = fmt_amount(diff_value * sign, f.unit_printed, f.decimals)
            args = dict(subject=f"{f.item}{f.metric}额", stated=fmt_fact_amount(f), adjusted=texts[0],
                        initial=texts[1], expected=expected)
            if line is not None:
                used = [line_input(line, "adjusted_budget", "调整后预算数", "adjusted"),
                        line_input(line, "initial_budget", "年初预算数", "initial")]
            else:
                used = [fact_input(a, "adjusted"), fact_input(i, "initial")]
            yield Issue(ADJUST, args["subject"], args["stated"], expected, args, page=f.page, evidence=f.sentence,
                        number=f.value, unit="元", interval=computed, inputs=[fact_input(f, "stated")] + used)


def is_base(sentence: str, f: Fact) -> bool:
    """The figure is what this year is compared with: its clause opens with 比/较 ("比上年预算数X万元")."""
    clause = re.split(r"[,，;；:：。]", sentence[:f.position])[-1]
    return bool(re.search(r"(^|[^对])(比|较)", clause))


@rule(GROWTH, RATE_READING)
def growth(ctx: Context):
    for facts in ctx.sentences.values():
        facts = [f for f in facts if f.source == "narrative"]
        for r in facts:
            if r.unit != "%" or not r.metric or r.metric not in ("增长率", "下降率"):
                continue
            before = [f for f in facts if f.position < r.position and f.unit != "%"]
            change = next((f for f in reversed(before) if f.metric in INCREASE + DECREASE), None)
            base = [f for f in before if f is not change and f.unit == (change.unit if change else f.unit)]
            # the figure the change is of: the nearest one before it ("预算安排293.90万元，其中：…购置费
            # 261.90万元，比上年减少2.30万元，下降0.87%" is 购置费's change, 泉州 2026)
            own = [f for f in base if change is not None and f.position < change.position and f.metric not in INCREASE + DECREASE]
            if change is not None and own and is_base(r.sentence, own[-1]) and len(own) >= 2:
                # "收入预算105556.81万元，比2025年年初预算数122211.18万元减少16654.37万元，下降13.63%"
                # (北京 2026): the figure after 比 is last year's, printed
                current, previous = own[-2], own[-1]
                prior, num = fact_interval(previous), fact_interval(change)
                formula = f"{digits(change.value_text)}÷{digits(previous.value_text)}"
                used = ((change, "change"), (previous, "previous"))  # the figures the rate is recomputed from
            elif change is not None and own and not is_base(r.sentence, own[-1]):
                current = own[-1]
                sign = -1 if change.metric in DECREASE else 1
                prior = fact_interval(current) - fact_interval(change).scaled(Decimal(sign))
                num = fact_interval(change)
                formula = f"{digits(change.value_text)}÷({digits(current.value_text)}{'+' if sign < 0 else '−'}{digits(change.value_text)})"
                used = ((change, "change"), (current, "current"))
            elif len(base) >= 2 and "较" in r.sentence[base[0].position:r.position]:
                current, previous = base[0], base[1]
                prior = fact_interval(previous)
                num = fact_interval(current) - prior
                if r.metric == "下降率":
                    num = num.scaled(Decimal(-1))
                formula = f"({digits(current.value_text)}−{digits(previous.value_text)})÷{digits(previous.value_text)}"
                used = ((current, "current"), (previous, "previous"))
            else:
                continue
            check = check_rate(r.value, r.decimals, num, prior)
            if check is not None and not check.ok:
                subject = f"{current.subject or '本年数'}{'下降' if r.metric == '下降率' else '增长'}率"
                args = dict(subject=subject, stated=fmt_pct(r.value, r.decimals), formula=formula,
                            expected=fmt_pct(check.expected, r.decimals))
                where = dict(page=r.page, evidence=r.sentence, number=r.value, unit="%", interval=check.computed,
                             inputs=[fact_input(r, "stated")] + [fact_input(x, role) for x, role in used])
                # the other reading of a growth rate: the change over this year's figure (江苏 2017:
                # "支出6106.99万元，…增加101.48万元，增长1.66%" = 101.48÷6106.99)
                other = check_rate(r.value, r.decimals, num, fact_interval(current))
                if other is not None and other.ok:
                    yield Issue(RATE_READING, subject, args["stated"], args["expected"],
                                dict(args, computed=args["expected"],
                                     alternative=f"以本年数{digits(current.value_text)}为分母",
                                     alt_value=fmt_pct(other.expected, r.decimals)), **where)
                    continue
                yield Issue(GROWTH, subject, args["stated"], args["expected"], args, **where)


# a figure read by OCR below this recognition score cannot make an error on its own (rapidocr scores
# clean print 0.95–1.0; the misread digits seen on the scanned samples scored lower)
OCR_TRUSTED = 0.9


@rule(XREF, XREF_UNCHECKED)
def linked_figures(ctx: Context):
    """A narrative figure against the table cell the linking stage tied it to (Fact.link_*): an error
    only where the tie is sure (`linked`); a tie by name in one table only (`weak`) or several
    disagreeing cells (`ambiguous`) say what could not be checked."""
    for f in ctx.records.facts:
        if f.link_status is None or f.source != "narrative":
            continue
        stated = fmt_fact_amount(f)
        where = dict(page=f.page, evidence=f.sentence, number=f.value, unit="元")
        if f.link_status == "ambiguous":
            where["inputs"] = [fact_input(f, "stated")]
            yield Issue(XREF_UNCHECKED, f.subject, stated, None,
                        dict(subject=f.subject, stated=stated, reason=f.link_reason), severity="info", **where)
            continue
        a = ctx.cells.get((f.link_table_id, f.link_row, f.link_col))
        if a is None:
            continue
        cell = amount_interval(a)
        if fact_interval(f).overlaps(cell):
            continue
        info = ctx.understood.get(a.table_id)
        table = info.display_name if info else f"表“{a.table_title or a.table_id}”"
        expected = fmt_amount(a.value, a.unit_printed, a.decimals)
        inputs = [fact_input(f, "stated"), amount_input(a, "table")]
        if f.link_status == "weak":
            yield Issue(XREF_UNCHECKED, f.subject, stated, expected,
                        dict(subject=f.subject, stated=stated,
                             reason=f"仅在{table}找到同名行“{a.item or '合计'}”{expected}，口径可能不同（{f.link_reason}）"),
                        severity="info", table_id=a.table_id, inputs=inputs, interval=cell, **where)
            continue
        low = [s for s in (f.ocr_score, a.ocr_score) if s is not None and s < OCR_TRUSTED]
        yield Issue(XREF, f.subject, stated, expected,
                    dict(subject=f.subject, where_a=place(f), stated=stated,
                         where_b=f"{table}“{a.item or '合计'}”行{a.column_path or ''}", expected=expected),
                    severity="warning" if low else None, table_id=a.table_id, inputs=inputs, interval=cell, **where)


def place(f: Fact) -> str:
    where = f"评分表（{f.ref}）" if f.source == "evidence" else "叙述"
    return f"第{f.page}页{where}" if f.page else where


def count_key(f: Fact) -> tuple | None:
    """Counts comparable across the report: a specific subject (four characters or more), no
    qualifier (约, 超, 余 make a figure loose), and not a score."""
    if f.unit in (None, "元", "%", "分") or f.qualifier or f.comparator or len(f.subject) < 4:
        return None
    return (f.subject, f.unit)


@rule(XREF_COUNT)
def counts_stated_twice(ctx: Context):
    first: dict[tuple, Fact] = {}
    for f in ctx.records.facts:
        key = count_key(f)
        if key is None:
            continue
        seen = first.get(key)
        if seen is None:
            first[key] = f
            continue
        # the narrative against the score sheet's evidence, or two statements naming what they count alike
        comparable = seen.source != f.source or (seen.counted and seen.counted == f.counted)
        if seen.value != f.value and comparable and (seen.counted == f.counted or not seen.counted or not f.counted) \
                and seen.sentence != f.sentence:
            subject = f"{f.subject}…{f.counted}" if f.counted else f.subject
            yield Issue(XREF_COUNT, subject, seen.value_text, f.value_text,
                        dict(subject=subject, where_a=place(seen), stated=seen.value_text, where_b=place(f),
                             expected=f.value_text),
                        page=seen.page, evidence=f"{seen.sentence} ↔ {f.sentence}", number=seen.value, unit=seen.unit,
                        interval=Interval.exact(f.value), inputs=[fact_input(seen, "stated"), fact_input(f, "other")])
