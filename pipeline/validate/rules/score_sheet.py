"""Score sheets: scores against weights, subtotals, the 合计, the stated total and grade, the counts of
indicators, the calculations written in the evidence, and the score against its scoring rule."""
from __future__ import annotations

import re
from collections import OrderedDict
from decimal import Decimal

from pipeline.validate.context import Context
from pipeline.validate.expressions import evaluate
from pipeline.validate.figures import amount, fmt_amount, fmt_number, fmt_pct
from pipeline.validate.intervals import Interval, interval_sum, rounded
from pipeline.validate.inputs import fact_input, formula_input, line_input, number_input, points_input
from pipeline.validate.registry import Issue, code, rule
from pipeline.validate.scoring import expected_scores, reading_of
from schemas.records import ScoreItem

OVER = code("score.over_weight", "error", "单项得分不超过其权重（分值）",
            "{subject}得分{stated}，超过其权重{expected}")
SUBTOTAL = code("score.subtotal", "error", "各三级指标权重之和等于一级/二级指标标注的分值（如“B过程(24分)”）",
                "{subject}标注{stated}，其下各三级指标权重相加为{expected}（{terms}）")
WEIGHTS = code("score.weights_100", "error", "各指标权重之和为100分（加减分项除外）",
               "评分表各指标权重相加为{stated}，应为100分")
TOTAL = code("score.total", "error", "各项得分之和等于评分表合计行",
             "评分表合计行{column}写作{stated}，各项相加为{expected}")
STATED = code("score.stated_total", "error", "正文所述总分等于评分表合计",
              "正文所述总得分{stated}与评分表合计{expected}不一致")
STATED_BONUS = code("score.stated_total_bonus", "warning", "正文总分与评分表合计相差恰为加减分项（口径不一）",
                    "正文所述总得分{stated}与评分表合计{expected}不一致，差额{diff}分恰为加减分项得分，请统一口径")
GRADE = code("grade.band", "error", "评价等级与总分相符（按报告所述等级区间，未述时按优≥90，良≥80，中≥60，差<60；合格/不合格未述区间时不核对）",
             "总分{score}分对应等级应为“{expected}”，报告写作“{stated}”")
COUNT = code("score.count", "error", "正文所述指标个数（如“18个二级指标”）与评分表一致",
             "正文称{level}{stated}个，评分表中为{expected}个")
FORMULA = code("score.formula", "error", "评分过程中写出的计算式重新计算", "{subject}：{formula}，计算应为{expected}，写作{stated}")
RULE = code("score.rule", "error", "得分符合评分规则（按比例、阈值、逐级扣分等常见规则）",
            "{subject}得分{stated}，按评分规则“{rule_part}”及{input}计算应为{expected}")
UNPARSED = code("score.rule_unparsed", "info", "评分规则未能解析（无模板能读懂的评分规则，计数并举例，不据以核对）",
                "评分规则未能解析：{count}条（共{total}条评分规则），如“{example}”")
RULE_AMBIGUOUS = code("score.rule_reading", "warning", "得分只符合评分规则的另一种读法，或规则满分与权重不一致",
                      "{subject}：{detail}")
STATED_SUB = code("score.stated_subtotal", "error", "正文所述各部分得分/分值（如“部门决策(总分15分,自评价得分14分)”）与评分表一致",
                  "正文称“{topic}”{what}{stated}，评分表中该部分{what}合计为{expected}")
THREE_PUBLIC = code("score.three_public_full", "warning", "“三公”经费控制率/变动率得满分，但“三公”经费支出超过预算安排",
                    "{subject}得满分{stated}分，但“三公”经费决算支出{actual}超过年初预算（预算安排）{initial}，"
                    "按实际支出÷预算安排计算控制率为{rate}，超过100%{note}")

GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def bands_of(stated: list[str]) -> tuple[tuple[Decimal, str], ...]:
    """The report's own grade bands ("优≥90" …) where it states them, else the common ones."""
    bands = []
    for b in stated:
        grade, _, lo = b.partition("≥")
        bands.append((Decimal(lo), grade))
    if not bands:
        return GRADES
    bands.sort(key=lambda x: -x[0])
    if bands[-1][0] > 0:  # the lowest band reaches down to 0 ("0-60分为差" often goes unprinted)
        lowest = next((g for _, g in GRADES if g not in {x[1] for x in bands}), None)
        if lowest is not None and lowest == "差":
            bands.append((Decimal(0), "差"))
    return tuple(bands)


def grade_of(total: Decimal, bands=GRADES) -> str | None:
    return next((g for bound, g in bands if total >= bound), None)


def pinterval(value: Decimal, decimals: int | None) -> Interval:
    return Interval.printed(value, decimals or 0)


def scored(ctx: Context) -> list[ScoreItem]:
    return ctx.records.score_items


@rule(OVER)
def over_weight(ctx: Context):
    for i in scored(ctx):
        if i.score is not None and i.weight is not None and not i.is_bonus and i.score > i.weight:
            yield Issue(OVER, i.level3, fmt_number(i.score, i.score_decimals), fmt_number(i.weight, i.weight_decimals),
                        dict(subject=i.level3, stated=fmt_number(i.score, i.score_decimals),
                             expected=fmt_number(i.weight, i.weight_decimals)), page=i.page, evidence=i.evidence,
                        number=i.score, unit="分", interval=Interval(Decimal(0), i.weight),
                        inputs=[points_input(i, "stated"), points_input(i, "weight", "分值")])


def groups(items: list[ScoreItem], level: int) -> "OrderedDict[str, list[ScoreItem]]":
    out: OrderedDict[str, list[ScoreItem]] = OrderedDict()
    for i in items:
        label = i.level1 if level == 1 else i.level2
        if label:
            out.setdefault(label, []).append(i)
    return out


@rule(SUBTOTAL)
def subtotals(ctx: Context):
    for level in (1, 2):
        for label, items in groups(scored(ctx), level).items():
            w = items[0].level1_weight if level == 1 else items[0].level2_weight
            weights = [i.weight for i in items if i.weight is not None]
            if w is None or not weights or items[0].is_bonus:
                continue
            if sum(weights) != w:
                terms = "+".join(fmt_number(x, 2).rstrip("0").rstrip(".") for x in weights)
                yield Issue(SUBTOTAL, label, f"{fmt_number(w, 0)}分", f"{fmt_number(sum(weights), 2)}分",
                            dict(subject=label, stated=f"{w}分", expected=f"{sum(weights)}分", terms=terms),
                            page=items[0].page, number=w, unit="分", interval=Interval.exact(sum(weights)),
                            inputs=[points_input(i, "part", "分值") for i in items if i.weight is not None])


@rule(WEIGHTS, TOTAL)
def sheet_totals(ctx: Context):
    items = scored(ctx)
    if not items:
        return
    weights = [i.weight for i in items if i.weight is not None and not i.is_bonus]
    if weights and sum(weights) != 100:
        yield Issue(WEIGHTS, "权重合计", f"{sum(weights)}分", "100分", dict(stated=f"{sum(weights)}分"),
                    page=items[0].page, number=sum(weights), unit="分", interval=Interval.exact(Decimal(100)),
                    inputs=[points_input(i, "part", "分值") for i in items if i.weight is not None and not i.is_bonus])
    doc = ctx.doc
    scores = [i for i in items if i.score is not None]
    if doc.total_score_sheet is not None and scores:
        computed = interval_sum([pinterval(i.score, i.score_decimals) for i in scores])
        total_decimals = max((i.score_decimals or 0) for i in scores)
        if not pinterval(doc.total_score_sheet, total_decimals).overlaps(computed):
            s = sum(i.score for i in scores)
            yield Issue(TOTAL, "评分表合计", str(doc.total_score_sheet), str(s),
                        dict(column="得分", stated=f"{doc.total_score_sheet}分", expected=f"{s}分"), page=items[-1].page,
                        number=doc.total_score_sheet, unit="分", interval=computed,
                        inputs=[number_input(doc.total_score_sheet, "分", "total", f"{doc.total_score_sheet}",
                                             "documents", items[-1].page, "评分表合计")]
                        + [points_input(i, "part") for i in scores])


@rule(STATED, STATED_BONUS, GRADE)
def stated_total_and_grade(ctx: Context):
    doc = ctx.doc
    items = scored(ctx)
    sheet = doc.total_score_sheet
    if sheet is None and items and all(i.score is not None or i.is_bonus for i in items):
        sheet = sum(i.score for i in items if i.score is not None)
    stated = doc.total_score_stated
    if stated is not None and sheet is not None and stated != sheet:
        bonus = sum(i.score for i in items if i.is_bonus and i.score is not None)
        args = dict(stated=f"{stated}分", expected=f"{sheet}分", diff=f"{sheet - stated}")
        code_ = STATED_BONUS if bonus and sheet - stated == bonus else STATED
        yield Issue(code_, "总得分", args["stated"], args["expected"], args, page=items[-1].page if items else None,
                    number=stated, unit="分", interval=Interval.exact(sheet),
                    inputs=[number_input(stated, "分", "stated", f"{stated}分", "documents", item="正文总分"),
                            number_input(sheet, "分", "sheet", f"{sheet}分", "documents", item="评分表合计")])
    total = sheet if sheet is not None else stated
    bands = bands_of(doc.grade_bands)
    # a 合格/不合格 scheme is checked only against bands the report states for it
    if doc.grade_stated and total is not None and doc.grade_stated in {g for _, g in bands}:
        expected = grade_of(total, bands)
        if expected is not None and expected != doc.grade_stated:
            yield Issue(GRADE, "评价等级", doc.grade_stated, expected,
                        dict(score=total, expected=expected, stated=doc.grade_stated),
                        page=items[-1].page if items else None,
                        inputs=[number_input(total, "分", "score", f"{total}分", "documents", item="总得分")])


LEVEL_WORDS = {"一级指标": 1, "二级指标": 2, "三级指标": 3}


@rule(COUNT)
def indicator_counts(ctx: Context):
    items = [i for i in scored(ctx)]
    if not items:
        return
    key1 = lambda i: (i.code or "")[:1] or i.level1
    key2 = lambda i: (i.code or "")[:2] or (i.level1, i.level2)
    actual = {1: len({key1(i) for i in items if key1(i)}), 2: len({key2(i) for i in items if key2(i)}),
              3: len(items)}
    # a level the sheet does not print cannot be counted (a summary sheet of the 一级指标 alone)
    printed = {1: all(key1(i) for i in items), 2: all(i.level2 or (i.code and len(i.code) >= 2) for i in items),
               3: all(i.item_level == 3 for i in items)}
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "个":
            continue
        for word, level in LEVEL_WORDS.items():
            if (f.counted or "").startswith(word) or f.subject.endswith(word):
                if printed[level] and f.value != actual[level]:
                    yield Issue(COUNT, word, fmt_number(f.value, 0), str(actual[level]),
                                dict(level=word, stated=fmt_number(f.value, 0), expected=actual[level]),
                                page=f.page, evidence=f.sentence, number=f.value, unit="个",
                                interval=Interval.exact(Decimal(actual[level])), inputs=[fact_input(f, "stated")])


@rule(FORMULA)
def written_formulas(ctx: Context):
    for i in scored(ctx):
        if i.formula is None:
            continue
        value = evaluate(i.formula)
        if value is None:
            continue
        pct = value.scaled(Decimal(100))
        if not pinterval(i.formula_result, i.formula_result_decimals).overlaps(pct):
            expected = fmt_pct(rounded(pct.mid, i.formula_result_decimals), i.formula_result_decimals)
            stated = fmt_pct(i.formula_result, i.formula_result_decimals)
            shown = i.formula.replace("/", "÷").replace("*", "×") + "×100%"
            yield Issue(FORMULA, f"{i.level3}", stated, expected,
                        dict(subject=f"{i.level3}（{i.formula_name}）", formula=shown, expected=expected, stated=stated),
                        page=i.page, evidence=i.evidence, number=i.formula_result, unit="%", interval=pct,
                        inputs=[formula_input(i, "stated")])


FLAT = re.compile(r"得\s*(\d+(?:\.\d+)?)\s*分")


@rule(RULE, RULE_AMBIGUOUS)
def scoring_rules(ctx: Context):
    for i in scored(ctx):
        if i.score is None or i.weight is None or not i.rule:
            continue
        d = i.score_decimals or 0
        rate = i.formula_result
        if rate is not None:
            options = expected_scores(i.rule, rate, i.weight)
            if not options:
                continue
            matches = [k for k, (v, _) in enumerate(options)
                       if rounded(v, d) == i.score or abs(v - i.score) <= Decimal(5).scaleb(-d - 1)]
            if matches and matches[0] == 0:
                continue
            matches = [options[k] for k in matches]
            if matches:
                yield Issue(RULE_AMBIGUOUS, i.level3, fmt_number(i.score, d), fmt_number(options[0][0], d), dict(
                    subject=i.level3, detail=f"得分{fmt_number(i.score, d)}仅符合规则“{matches[0][1]}”的读法；"
                                             f"按“{options[0][1]}”应为{fmt_number(options[0][0], d)}"),
                    page=i.page, evidence=i.evidence, number=i.score, unit="分",
                    interval=Interval.printed(rounded(options[0][0], d), d),
                    inputs=[points_input(i, "stated"), points_input(i, "weight", "分值")])
                continue
            value, part = options[0]
            yield Issue(RULE, i.level3, fmt_number(i.score, d), fmt_number(rounded(value, d), d), dict(
                subject=i.level3, stated=fmt_number(i.score, d), rule_part=part,
                input=f"{i.formula_name}{fmt_pct(rate, i.formula_result_decimals)}",
                expected=fmt_number(rounded(value, d), d)), page=i.page, evidence=i.evidence,
                number=i.score, unit="分", interval=Interval.printed(rounded(value, d), d),
                inputs=[points_input(i, "stated"), points_input(i, "weight", "分值"),
                        formula_input(i, "rate")])
            continue
        # "…的得4分，否则不得分": a rule whose full marks differ from the weight
        flats = {Decimal(x) for x in FLAT.findall(i.rule)}
        if len(flats) == 1 and not re.search(r"扣|每|加|比例|酌情", i.rule):
            full = flats.pop()
            if full != i.weight and i.score > full:
                yield Issue(RULE_AMBIGUOUS, i.level3, fmt_number(i.score, d), fmt_number(full, d), dict(
                    subject=i.level3, detail=f"评分规则写明符合条件得{fmt_number(full, d)}分，但分值为"
                                             f"{fmt_number(i.weight, d)}分、自评得{fmt_number(i.score, d)}分"),
                    page=i.page, evidence=i.rule, number=i.score, unit="分", interval=Interval(Decimal(0), full),
                    inputs=[points_input(i, "stated"), points_input(i, "weight", "分值")])


@rule(THREE_PUBLIC)
def three_public_full_marks(ctx: Context):
    totals = [l for lines in ctx.lines_of_kind("three_public") for l in lines if l.is_total]
    if not totals:
        return
    t = totals[0]
    if t.actual_spending is None or t.initial_budget is None:
        return
    actual = amount(t.actual_spending, t.amount_decimals, t.unit_printed)
    initial = amount(t.initial_budget, t.amount_decimals, t.unit_printed)
    if actual.lo <= initial.hi:
        return
    for i in scored(ctx):
        if "三公" not in i.level3 or not re.search(r"控制率|变动率", i.level3) or i.score is None or i.score != i.weight:
            continue
        rate = (actual / initial).scaled(Decimal(100)) if actual / initial else None
        note = ""
        if i.formula and t.adjusted_budget is not None:
            numbers = re.findall(r"\d+(?:\.\d+)?", i.formula)
            if len(numbers) == 2 and amount(t.adjusted_budget, t.amount_decimals, t.unit_printed).overlaps(
                    Interval.printed(Decimal(numbers[1]), len(numbers[1].split(".")[1]) if "." in numbers[1] else 0)):
                note = (f"；评分过程以调整后预算{fmt_amount(t.adjusted_budget, t.unit_printed, t.amount_decimals)}"
                        f"为分母，而规则所称为预算安排数")
        yield Issue(THREE_PUBLIC, i.level3, fmt_number(i.score, i.score_decimals), "0", dict(
            subject=i.level3, stated=fmt_number(i.score, i.score_decimals),
            actual=fmt_amount(t.actual_spending, t.unit_printed, t.amount_decimals),
            initial=fmt_amount(t.initial_budget, t.unit_printed, t.amount_decimals),
            rate=fmt_pct(rate.mid, 2) if rate else "—", note=note), page=i.page, evidence=i.evidence,
            number=i.score, unit="分", interval=Interval.exact(Decimal(0)),
            inputs=[points_input(i, "stated"), line_input(t, "actual_spending", "实际支出数", "actual"),
                    line_input(t, "initial_budget", "预算安排数", "initial")])


SCORE_WORDS = re.compile(r"(得分|自评得|评得|得)$")
WEIGHT_WORDS = re.compile(r"(总分|分值)$")


def group_named(items: list[ScoreItem], topic: str) -> list[ScoreItem] | None:
    for level in (1, 2):
        for label, members in groups(items, level).items():
            if label == topic or (len(topic) >= 2 and (label.endswith(topic) or topic.endswith(label))):
                return members
    return None


@rule(STATED_SUB)
def stated_subtotals(ctx: Context):
    items = scored(ctx)
    if not items:
        return
    for f in ctx.records.facts:
        if f.source != "narrative" or f.unit != "分" or not f.topic or f.comparator:
            continue
        members = group_named(items, f.topic)
        if members is None:
            continue
        if SCORE_WORDS.search(f.subject):
            what, values = "得分", [i.score for i in members if i.score is not None]
        elif WEIGHT_WORDS.search(f.subject) or not f.subject:  # "决策机制(4分)": the bracket holds the weight
            what, values = "分值", [i.weight for i in members if i.weight is not None]
        else:
            continue
        if values and sum(values) != f.value:
            yield Issue(STATED_SUB, f"{f.topic}{what}", f"{f.value}分", f"{sum(values)}分",
                        dict(topic=f.topic, what=what, stated=f"{f.value}分", expected=f"{sum(values)}分"),
                        page=f.page, evidence=f.sentence, number=f.value, unit="分", interval=Interval.exact(sum(values)),
                        inputs=[fact_input(f, "stated")] + [points_input(i, "part", what) for i in members
                                                            if (i.score if what == "得分" else i.weight) is not None])


@rule(UNPARSED)
def unparsed_rules(ctx: Context):
    """Rules no template reads: counted, one finding per document, so that an unread wording is seen."""
    rules = [(x.rule, x.page, x.table_id) for x in list(ctx.records.score_items) + list(ctx.records.indicators) if x.rule]
    unread = [r for r in rules if reading_of(r[0]) is None]
    if not unread:
        return
    text, page, table_id = unread[0]
    yield Issue(UNPARSED, "评分规则", str(len(unread)), str(len(rules)),
                dict(count=len(unread), total=len(rules), example=text[:60]), page=page, table_id=table_id,
                evidence="；".join(dict.fromkeys(r[0][:60] for r in unread[:5])), number=Decimal(len(unread)))
