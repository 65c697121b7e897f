"""Figures in the narrative: rates, shares, decompositions, adjustments and growth recomputed, and
every figure stated again in a table or in the score sheet's evidence compared with it."""
from __future__ import annotations

import re
from decimal import Decimal

from pipeline.validate.context import Context
from pipeline.validate.figures import amount, check_rate, fmt_amount, fmt_pct
from pipeline.validate.intervals import Interval, interval_sum
from pipeline.validate.registry import Issue, code, rule
from pipeline.validate.rules.tables import MISLABELLED, RATE, TRUNCATED, rate_inputs, rate_issue
from schemas.records import BudgetLine, Fact

SUM_PARTS = code("sum.parts", "error", "“X万元，其中：A万元、B万元”的分项之和等于总额",
                 "{total_subject}写作{stated}，其中所列分项相加为{expected}（{terms}）")
SUM_PARTS_SHORT = code("sum.parts_incomplete", "warning", "“其中”所列分项之和小于总额（可能未列全）",
                       "{total_subject}写作{stated}，其中所列分项相加仅为{expected}（{terms}），请核实是否漏列")
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
XREF_DISCLOSURE = code("xref.disclosure", "warning", "预决算公开说明中引用的金额与表格中同名行的数均不相符",
                       "说明中{subject}写作{stated}，表中同名行为{found}，均不相符")

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


def fact_interval(f: Fact) -> Interval:
    if f.precision is not None:
        return Interval.printed(f.value, f.precision)
    return amount(f.value, f.decimals, f.unit_printed) if f.unit == "元" else Interval.printed(f.value, f.decimals)


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
                           fact_interval(actual), fact_interval(budget), [], "执行率", page=f.page, evidence=f.sentence)
        if issue:
            yield issue


@rule(RATE, TRUNCATED, MISLABELLED, RATE_READING)
def narrative_rates(ctx: Context):
    money = narrative_money(ctx)
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "%" or f.metric != "预算执行率" or f.item is None:
            continue
        line = table_line(ctx, f)
        subject = f"{f.item if f.item != '合计' else '部门整体'}预算执行率"
        where = dict(page=f.page, evidence=f.sentence)
        if line is not None and rate_inputs(line) is not None:
            formula, num, den, _ = rate_inputs(line)
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
            if actual is None or adjusted is None:
                continue
            num, den = fact_interval(actual), fact_interval(adjusted)
            formula = f"{digits(actual.value_text)}÷{digits(adjusted.value_text)}"
            others = []
        if f.comparator in ("<", ">", "≤", "≥"):
            yield from comparator_rate(ctx, f, subject, formula, num, den, money, where)
            continue
        issue = rate_issue(subject, f.value, f.decimals, formula, num, den, others, "执行率", **where)
        if issue:
            yield issue


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
            parts = [p for p in parts if p.aspect == total.aspect or p.aspect is None or total.aspect is None]
            shares = {}
            for p in parts:
                nxt = next((q.position for q in money if q.position > p.position), 10 ** 9)
                share = next((s for s in facts if s.unit == "%" and s.metric == "占比" and p.position < s.position < nxt), None)
                if share is not None:
                    shares[p.position] = share
            yield total, parts, shares


@rule(SUM_PARTS, SUM_PARTS_SHORT, SHARES_100, RATE)
def narrative_parts(ctx: Context):
    for total, parts, shares in decompositions(ctx):
        computed = interval_sum([fact_interval(p) for p in parts])
        stated = fact_interval(total)
        where = dict(page=total.page, evidence=total.sentence)
        subject = total.subject or "总额"
        if not stated.overlaps(computed):
            terms = "+".join(digits(p.value_text) for p in parts)
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
                yield Issue(RATE, name, args["stated"], args["expected"], args, **where)
        if len(shares) == len(parts) >= 2:
            total_share = interval_sum([Interval.printed(s.value, s.decimals) for s in shares.values()])
            if not total_share.overlaps(Interval.exact(Decimal(100))):
                value = sum(s.value for s in shares.values())
                terms = "+".join(fmt_pct(s.value, s.decimals) for s in shares.values())
                yield Issue(SHARES_100, subject, fmt_pct(value, 2), "100.00%",
                            dict(total_subject=subject, stated=fmt_pct(value, 2), terms=terms), **where)


@rule(ADJUST)
def adjustments(ctx: Context):
    money = narrative_money(ctx)
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "元" or f.metric not in ("调增", "调减", "净调增", "净调减") or not f.item:
            continue
        line = table_line(ctx, f)
        if line is not None and line.initial_budget is not None and line.adjusted_budget is not None:
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
            yield Issue(ADJUST, args["subject"], args["stated"], expected, args, page=f.page, evidence=f.sentence)


@rule(GROWTH)
def growth(ctx: Context):
    for facts in ctx.sentences.values():
        facts = [f for f in facts if f.source == "narrative"]
        for r in facts:
            if r.unit != "%" or not r.metric or r.metric not in ("增长率", "下降率"):
                continue
            before = [f for f in facts if f.position < r.position and f.unit != "%"]
            change = next((f for f in reversed(before) if f.metric in INCREASE + DECREASE), None)
            base = [f for f in before if f is not change and f.unit == (change.unit if change else f.unit)]
            if change is not None and base:
                current = base[0]
                sign = -1 if change.metric in DECREASE else 1
                prior = fact_interval(current) - fact_interval(change).scaled(Decimal(sign))
                num = fact_interval(change)
                formula = f"{digits(change.value_text)}÷({digits(current.value_text)}{'+' if sign < 0 else '−'}{digits(change.value_text)})"
            elif len(base) >= 2 and "较" in r.sentence[base[0].position:r.position]:
                current, previous = base[0], base[1]
                prior = fact_interval(previous)
                num = fact_interval(current) - prior
                if r.metric == "下降率":
                    num = num.scaled(Decimal(-1))
                formula = f"({digits(current.value_text)}−{digits(previous.value_text)})÷{digits(previous.value_text)}"
            else:
                continue
            check = check_rate(r.value, r.decimals, num, prior)
            if check is not None and not check.ok:
                subject = f"{current.subject or '本年数'}{'下降' if r.metric == '下降率' else '增长'}率"
                args = dict(subject=subject, stated=fmt_pct(r.value, r.decimals), formula=formula,
                            expected=fmt_pct(check.expected, r.decimals))
                yield Issue(GROWTH, subject, args["stated"], args["expected"], args, page=r.page, evidence=r.sentence)


@rule(XREF)
def narrative_vs_tables(ctx: Context):
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "元" or f.metric or not f.item or not f.aspect:
            continue
        line = table_line(ctx, f)
        value = getattr(line, f.aspect, None) if line is not None else None
        if value is None:
            continue
        if not fact_interval(f).overlaps(amount(value, line.amount_decimals, line.unit_printed)):
            subject = f"{f.item}{ASPECT_NAMES[f.aspect]}"
            stated, expected = fmt_fact_amount(f), fmt_amount(value, line.unit_printed, line.amount_decimals)
            yield Issue(XREF, subject, stated, expected,
                        dict(subject=subject, where_a=f"第{f.page}页叙述" if f.page else "叙述", stated=stated,
                             where_b=f"表“{line.table_title or line.table_id}”", expected=expected),
                        page=f.page, evidence=f.sentence, table_id=line.table_id)


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
                        page=seen.page, evidence=f"{seen.sentence} ↔ {f.sentence}")


OUTLINE_MARK = re.compile(r"^([一二三四五六七八九十]+、|\d+[.、])")


def row_figures(ctx: Context) -> list[tuple[str, str, object]]:
    """(table caption, row label, first money cell right of the label before the next label), per table row."""
    captions = {b.table_id: b.table_title or "" for b in ctx.records.budget_lines}
    rows: dict[tuple[str, int], list] = {}
    for c in ctx.records.table_cells:
        rows.setdefault((c.table_id, c.row), []).append(c)
    out = []
    for (table_id, _), cells in rows.items():
        cells.sort(key=lambda c: c.col)
        for k, c in enumerate(cells):
            if c.value is not None or not c.text or c.is_header:
                continue
            for x in cells[k + 1:]:
                if x.value is not None and x.unit == "元":
                    out.append((captions.get(table_id, ""), OUTLINE_MARK.sub("", c.text), x))
                    break
                if x.text and x.value is None:
                    break  # the next label: this one has no figure
    return out


@rule(XREF, XREF_DISCLOSURE)
def disclosure_totals(ctx: Context):
    """A total quoted in the 说明 ("财政拨款收入支出总计X万元") against the row of that name in the table
    whose title names the same thing (财政拨款收入支出决算总表 → 总计)."""
    if ctx.doc.doc_type not in ("budget_disclosure", "final_accounts_disclosure"):
        return
    figures = row_figures(ctx)
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "元" or f.metric:
            continue
        subject = OUTLINE_MARK.sub("", re.sub(r"^.*?\d{4}年度?", "", f.subject))
        precise = [(cap, lab, c) for cap, lab, c in figures
                   if len(subject) > len(lab) and subject.endswith(lab) and subject[: -len(lab)] in cap]
        if precise:
            shortest = min(len(cap) for cap, _, _ in precise)
            found, code_ = [x for x in precise if len(x[0]) == shortest], XREF
        else:
            found, code_ = [x for x in figures if x[1] == subject], XREF_DISCLOSURE
        if not found:
            continue
        stated = fact_interval(f)
        if any(stated.overlaps(amount(c.value, c.decimals, c.unit_printed)) for _, _, c in found):
            continue
        shown = "、".join(sorted({f"“{cap or '表'}”{lab}{fmt_amount(c.value, c.unit_printed, c.decimals)}"
                                 for cap, lab, c in found})[:3])
        if code_ == XREF:
            cap, lab, c = found[0]
            expected = fmt_amount(c.value, c.unit_printed, c.decimals)
            yield Issue(XREF, subject, fmt_fact_amount(f), expected,
                        dict(subject=subject, where_a=place(f), stated=fmt_fact_amount(f),
                             where_b=f"表“{cap}”{lab}行", expected=expected), page=f.page, evidence=f.sentence)
        else:
            yield Issue(XREF_DISCLOSURE, subject, fmt_fact_amount(f), shown,
                        dict(subject=subject, stated=fmt_fact_amount(f), found=shown), page=f.page, evidence=f.sentence)
