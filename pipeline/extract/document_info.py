"""What a document is: type, title, department, fiscal year, the stated total score and grade."""
from __future__ import annotations

import re
from decimal import Decimal

from schemas.document import Document

DOC_TYPES = (  # first match wins: the more specific names first
    ("performance_target_table", re.compile(r"绩效目标表|绩效目标申报表")),
    ("project_self_evaluation", re.compile(r"项目支出绩效自评表|项目绩效自评表")),
    ("performance_self_evaluation", re.compile(r"绩效自评价|绩效自评|整体绩效")),
    # an evaluation by a finance bureau or a third party, not the department's own (长沙 2020, 2023)
    ("performance_evaluation", re.compile(r"绩效评价结果|绩效评价报告|绩效评价意见")),
    ("final_accounts_disclosure", re.compile(r"决算")),
    ("budget_disclosure", re.compile(r"预算")),
)
DEPARTMENT = re.compile(
    r"([\u4e00-\u9fff]{2,6}?[省市区县州旗][\u4e00-\u9fff]{0,24}(?:局|委员会|办公厅|办公室|厅|中心|委|院|署|馆|站|所|政府))")
YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
TOTAL_SCORE = re.compile(r"(?<!本项)(?<!平均)(?P<q>自评|评价|综合|绩效|最终|总)?(?:得分|评分)(?:为|是|:)?\s*(\d{1,3}(?:\.\d+)?)\s*分")
# words before 得分 that make it the whole report's ("综合自评得分93.98分", "总得分", "整体绩效…得分")
WHOLE_SCORE = re.compile(r"综合|总|最终|整体")
# and those that make it a part's ("部门决策指标得分14分", "产出部分得分")
PART_SCORE = re.compile(r"指标|部分|维度|方面|项目")
GRADE = re.compile(r"(?:等级|级次|级别)(?:为|是|:|评定为)?\s*[\"“”'‘’「]?\s*(优秀|良好|中等|不合格|合格|优|良|中|差)")
# 优秀/良好/中等 are the four-band scheme's words; 合格/不合格 is a scheme of its own and is kept as printed
GRADE_CANON = {"优秀": "优", "良好": "良", "中等": "中"}
GRADE_WORD = r"(优秀|良好|中等|不合格|合格|优|良|中|差)"
# "90（含）-100 优", "90分（含）以上为优", "80分≤总分<90分为良", "总分≥90分为优秀"
BAND = re.compile(r"(?:(?P<lo>\d{2,3})\s*分?\s*[（(]\s*含\s*[)）]\s*(?:[-—～~至到]\s*\d{2,3}\s*分?|以上(?:\s*\d{2,3}\s*分?\s*(?:以下|以内))?)"
                  r"|(?P<lo2>\d{2,3})\s*分?\s*≤\s*(?:总分|得分|分数|综合得分)?\s*(?:[<≤]\s*\d{2,3}\s*分?)?"
                  r"|(?:总分|得分|分数)\s*≥\s*(?P<lo3>\d{2,3})\s*分?)"
                  r"\s*(?:[（(][^)）]{0,6}[)）])?\s*(?:为|的为|评为|定为|:)?\s*[\"“”'‘’「]?\s*" + GRADE_WORD)


def first_texts(doc: Document, n: int) -> list[str]:
    out = []
    for b in doc.blocks:
        if hasattr(b, "text"):
            out.append(b.text)
        else:
            out.extend(t for t in (b.caption, *b.context) if t)
        if len(out) >= n:
            break
    return out


def title_of(doc: Document) -> str | None:
    texts = [t for t in first_texts(doc, 4) if not re.fullmatch(r"[\d\s年月日〇一二三四五六七八九十]+", t)]
    if not texts:
        return None
    return texts[0][:200]


def doc_type_of(texts: list[str]) -> str:
    joined = " ".join(texts)
    for kind, pattern in DOC_TYPES:
        if pattern.search(joined):
            return kind
    return "unknown"


def department_of(texts: list[str]) -> str | None:
    for t in texts:
        m = DEPARTMENT.search(t)
        if m:
            return re.sub(r"^(\d{4})?年度?", "", m.group(1))
    return None


def fiscal_year_of(texts: list[str]) -> int | None:
    for t in texts:
        m = YEAR.search(t)
        if m:
            return int(m.group(1))
    return None


def stated_total(doc: Document) -> tuple[Decimal | None, str | None]:
    """The report's own total score and grade. The total is the first score the text calls the whole
    report's (综合/总/最终/整体), else the first that is not a part's: "部门决策指标得分14分，…综合自评得分
    93.98分" gives 93.98, not 14."""
    whole = plain = grade = None
    for p in doc.paragraphs:
        for m in TOTAL_SCORE.finditer(p.text):
            clause = re.split(r"[,，;；。:：]", p.text[:m.start()])[-1] + (m.group("q") or "")
            if "本项" in clause:
                continue
            if whole is None and WHOLE_SCORE.search(clause):
                whole = Decimal(m.group(2))
            elif plain is None and not PART_SCORE.search(clause):
                plain = Decimal(m.group(2))
        if grade is None:
            g = GRADE.search(p.text)
            if g:
                grade = GRADE_CANON.get(g.group(1), g.group(1))
        if whole is not None and grade is not None:
            break
    return (whole if whole is not None else plain), grade


def grade_bands(doc: Document) -> list[str]:
    """The grade bands the report states ("90（含）-100 优，80（含）-90 良…" → ["优≥90", "良≥80", …]),
    highest first; [] when it states none (the common bands are used then)."""
    for p in doc.paragraphs:
        found = {}
        for m in BAND.finditer(p.text):
            lo = m.group("lo") or m.group("lo2") or m.group("lo3")
            found.setdefault(GRADE_CANON.get(m.group(GRADE_WORD_GROUP), m.group(GRADE_WORD_GROUP)), int(lo))
        if len(found) >= 2:
            return [f"{g}≥{lo}" for g, lo in sorted(found.items(), key=lambda x: -x[1])]
    return []


GRADE_WORD_GROUP = 4
