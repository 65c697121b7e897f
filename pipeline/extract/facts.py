"""Figures quoted in the narrative (and in a score sheet's evidence column) → Fact records.

The subject is the phrase just before the figure in its clause ("基本支出7,196.93万元" →
基本支出). A bare measure ("预算执行率84.62%") takes the subject of the figure before it in
the same sentence ("基本支出…预算执行率" → 基本支出预算执行率), so that a rate stays tied to
the row it is stated for. Each fact also records which budget column the sentence speaks of
(预算安排 / 调整后预算 / 实际支出), the canonical row and measure, and what a count counts.
"""
from __future__ import annotations

import re

from parsers.normalize.labels import JOINED_PAIR, ORGANISATION_NAME, canonical_item, canonical_metric
from parsers.normalize.numbers import MONEY_UNITS, find_numbers, to_yuan
from schemas.document import Document
from schemas.records import Fact, ScoreItem

# a list after 其中/主要包括 runs on over semicolons: a sentence ends at 。！？ only
SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
CLAUSE_BREAK = re.compile(r"[,，、:：;；()（）《》]")
LEADING = re.compile(r"^(其中|包括|主要包括|以及|及|和|与|并|共|累计|全年|截至\S*?底|为|达到|达|约|实现|完成|共有|另有|[①-⑳])+")
TRAILING = re.compile(r"(为|达到|达|约|是|共|共计|有|了|超过|超|近|的)+$")
MEASURES = ("预算执行率", "执行率", "占比", "占", "增长", "下降", "增速", "同比增长", "比重", "完成率", "控制率",
            "调整率", "减少", "增加", "调增", "调减", "净调增", "净调减", "上升")
ASPECTS = (("调整后预算", "adjusted_budget"), ("调整预算", "adjusted_budget"), ("全年预算", "adjusted_budget"),
           ("预算安排", "initial_budget"), ("年初预算", "initial_budget"), ("实际支出", "actual_spending"),
           ("决算支出", "actual_spending"), ("支出决算", "actual_spending"), ("实际拨付", "actual_spending"),
           ("执行数", "actual_spending"), ("调整后", "adjusted_budget"), ("年初", "initial_budget"))
NAMED_BUDGET = re.compile(r"[\u4e00-\u9fff]{2,}(资金|经费)(总)?预算")
PART_MARK = re.compile(r"其中|包括|分别为")
COUNTED = re.compile(r"^[\u4e00-\u9fff]{1,4}")
FUNCTION_CHARS = "按和与及等达在为是的了将均共"  # "522个增长点按时…": the noun stops before them


INLINE_BRACKETS = re.compile(r"\(([^()，,;；:：。]{1,4})\)")  # "因公出国(境)费", "科学技术(类)支出": part of the word


def clause_subject(sentence: str, start: int) -> str:
    head = sentence[:start]
    masked = INLINE_BRACKETS.sub(lambda m: "\x01" + m.group(1) + "\x01", head)
    masked = JOINED_PAIR.sub("\x01", masked)  # the 、 of 收、支总计 opens no clause
    cut = max((m.end() for m in CLAUSE_BREAK.finditer(masked)), default=0)
    subject = head[cut:].strip()
    # a year or date opening the clause ("2024年预算安排") is when, not what
    subject = re.sub(r"^\d{4}年(度|底|末|初)?", "", subject)
    subject = LEADING.sub("", subject)
    subject = TRAILING.sub("", subject)
    return subject.strip()


def is_measure(subject: str) -> bool:
    return subject in MEASURES or any(subject.endswith(m) and len(subject) <= len(m) + 2 for m in MEASURES)


def aspect_at(sentence: str, start: int) -> str | None:
    """The budget column the sentence last named before this figure."""
    best, where = None, -1
    for word, aspect in ASPECTS:
        i = sentence.rfind(word, 0, start)
        if i > where:
            best, where = aspect, i
    return best


def measure_suffix(subject: str) -> str | None:
    return next((m for m in sorted(MEASURES, key=len, reverse=True) if subject.endswith(m)), None)


def metric_of(subject: str, unit: str | None) -> str | None:
    """The measure a figure states: a rate's name, or a change (调增, 减少) ending its subject."""
    suffix = measure_suffix(subject)
    if unit == "%":
        return canonical_metric(subject) or (canonical_metric(suffix) if suffix else None) or suffix
    if suffix:
        return canonical_metric(suffix) if suffix in ("增长", "下降", "上升") else suffix
    return None


TOTAL_WORDS = re.compile(r"(数|总额|金额|额|总计|合计)$")




def item_of(subject: str, context: str) -> str | None:
    """The row a subject names; a column word alone (预算安排, 实际支出, 预算执行率) speaks of the
    department's total, unless the paragraph is about a special fund, which is no row of those tables."""
    suffix = measure_suffix(subject)
    core = subject[: -len(suffix)] if suffix else subject
    core = re.sub(r"\d{4}年度?", "", core)
    core = ORGANISATION_NAME.sub("", core)
    bare = TOTAL_WORDS.sub("", core)
    for word, _ in ASPECTS:
        bare = bare.replace(word, "")
    bare = re.sub(r"部门|预算|本年|当年|全年|年度|整体", "", TOTAL_WORDS.sub("", bare))
    if not bare:
        return None if "专项" in context else "合计"
    return canonical_item(core)


def part_spans(sentence: str) -> list[tuple[int, int, str | None]]:
    """Where the parts listed after 其中/包括 sit (to the closing bracket when the list is bracketed),
    and what the list is of: the words before the mark in its clause ("支出包括：" → 支出)."""
    spans = []
    for m in PART_MARK.finditer(sentence):
        opened = sentence.rfind("(", 0, m.start())
        closed = sentence.rfind(")", 0, m.start())
        end = sentence.find(")", m.end()) if opened > closed else -1
        cut = max((b.end() for b in LIST_BREAK.finditer(sentence, 0, m.start())), default=0)
        head = LEADING.sub("", re.sub(r"^\d{4}年度?", "", sentence[cut:m.start()].strip())).strip()
        spans.append((m.end(), end if end >= 0 else len(sentence), head or None))
    return spans


LIST_BREAK = re.compile(r"[,，:：;；()。]")
SEGMENT_BREAK = re.compile(r"[;；]")


def segment_at(sentence: str, start: int) -> int:
    """Which part of its sentence a figure is in, parts cut at "；" (list items, clauses of their own)."""
    return len(SEGMENT_BREAK.findall(sentence, 0, start))


def depth_at(sentence: str, start: int) -> int:
    """How many brackets are open where the figure starts."""
    depth = 0
    for ch in sentence[:start]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth


MARKER = re.compile(r"^([(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳])\s*")


def heading_label(text: str) -> str | None:
    """The name a heading-like text opens with: "2.中长期规划(4分):…" → 中长期规划."""
    m = re.match(r"^([^(（:：,，。]{2,20})[(（:：]", MARKER.sub("", text))
    return m.group(1).strip() if m else None


def bracket_topic(sentence: str, start: int) -> str | None:
    """For a figure inside brackets, the label the bracket follows: "(一)部门决策(总分15分…)" → 部门决策."""
    opened = sentence.rfind("(", 0, start)
    if opened <= 0 or sentence.rfind(")", 0, start) > opened:
        return None
    head = sentence[:opened]
    cut = max((m.end() for m in re.finditer(r"[,，:：;；。]", head)), default=0)
    label = MARKER.sub("", head[cut:]).strip()
    return label or None


def sentence_facts(doc: Document, sentence: str, sentence_id: int, paragraph_id: int, page,
                   source: str, context: str, ref: str | None = None, topic: str | None = None) -> list[Fact]:
    """`page` is the page, or a function of the figure's position in the sentence giving it (a
    paragraph continued over a page break)."""
    out = []
    previous = None
    spans = part_spans(sentence)
    for n in find_numbers(sentence):
        if n.unit is None:
            continue  # a bare number with no unit is a count of nothing we can name
        subject = clause_subject(sentence, n.start)
        if is_measure(subject) and previous:
            subject = previous + subject
        elif subject and not is_measure(subject):
            previous = subject
        value, unit, precision = n.value, n.unit, n.precision
        if unit in MONEY_UNITS:
            value, unit = to_yuan(n.value, unit), "元"
            precision -= len(str(MONEY_UNITS[n.unit])) - 1
        metric = metric_of(subject, unit)
        tail = COUNTED.match(sentence[n.end:])
        counted = tail.group(0).rstrip(FUNCTION_CHARS) if tail else None
        part = max(((a, b, head) for a, b, head in spans if a <= n.start < b), default=None, key=lambda x: x[0])
        out.append(Fact(
            doc_id=doc.doc_id, source_file=doc.source_file, page=page(n.start) if callable(page) else page,
            subject=subject or "", value_text=n.text,
            value=value, unit=unit, sentence=sentence, comparator=n.comparator, qualifier=n.qualifier,
            decimals=n.decimals, unit_printed=n.unit, precision=precision, source=source, sentence_id=sentence_id, position=n.start,
            aspect=aspect_at(sentence, n.start) if unit == "元" or unit == "%" else None, paragraph_id=paragraph_id,
            item=item_of(subject, context), metric=metric, counted=counted or None,
            after_qizhong=part is not None, ref=ref, list_head=part[2] if part else None,
            topic=bracket_topic(sentence, n.start) or topic, segment=segment_at(sentence, n.start),
            depth=depth_at(sentence, n.start),
        ))
    return out


LEVEL_NAMED = re.compile(r"[(（](类|款|项)[)）]")  # a subject named with its level: 行政运行(项)
SECTION_MARK = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|"
                          r"\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])")
RUN_IN = re.compile(r"^(.{2,30}?)[:：]")  # "(二)"三公"经费预算：2025年…": a heading run into its paragraph


def section_level(mark: str) -> int:
    if mark.startswith("第"):
        return 0
    if mark[0] in "(（":
        return 4 if mark[1].isdigit() else 2
    return 3 if mark[0].isdigit() else 1


def heading_of(text: str) -> tuple[int, str] | None:
    """(level, heading) of a paragraph that is a numbered heading, or opens with one run in."""
    m = SECTION_MARK.match(text)
    if not m:
        return None
    if len(text) <= 40 and not any(n.unit for n in find_numbers(text)):
        return section_level(m.group(1)), text.rstrip("。")
    run_in = RUN_IN.match(text)
    if run_in and not any(n.unit for n in find_numbers(run_in.group(1))):
        return section_level(m.group(1)), run_in.group(1)
    return None


def extract_facts(doc: Document, score_items: list[ScoreItem] = ()) -> list[Fact]:
    out: list[Fact] = []
    sid = 0
    blocks = [(p.text, p, "narrative", None) for p in doc.paragraphs]
    blocks += [(i.evidence or "", i.page, "evidence", i.code or i.level3) for i in score_items]
    heading = None
    sections: list[tuple[int, str]] = []  # the headings above, outermost first
    for pid, (text, where, source, ref) in enumerate(blocks):
        paragraph: list[Fact] = []
        named = None  # a sentence of the paragraph that names an item and gives no figure
        # "本项自评得4分" speaks of the item the paragraph before it is headed with
        topic = heading if source == "narrative" and text.startswith("本项") else None
        if source == "narrative" and not text.startswith("本项"):
            heading = heading_label(text) or heading
            found = heading_of(text)
            if found is not None:
                sections = [s for s in sections if s[0] < found[0]] + [found]
        section = " / ".join(h for _, h in sections) if source == "narrative" and sections else None
        for m in SENTENCE.finditer(text):
            sentence = m.group(0).strip()
            offset = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            page = ((lambda pos, p=where, o=offset: p.page_at(o + pos)) if source == "narrative" else where)
            facts = sentence_facts(doc, sentence, sid, pid, page, source, text, ref, topic)
            if not facts and source == "narrative" and LEVEL_NAMED.search(sentence):
                named = sentence.rstrip("。;；")
            elif named:
                # "1.一般公共服务(类)人大事务(款)行政运行(项)。年初预算为X万元，支出决算为Y万元。" (决算
                # 说明 of 上海普陀 2024, 国家信访局 2024): the bare measures speak of the item the sentence
                # before them names, not of the department's total
                for f in facts:
                    if f.item == "合计":
                        f.subject, f.item = f"{named}{f.subject}", None
            for f in facts:
                f.section = section
                f.ocr_score = where.ocr_score if source == "narrative" else None
                if source == "narrative" and f.position is not None:
                    start = offset + f.position
                    located = where.box_at(start, start + len(f.value_text))
                    if located is not None and located[0] == f.page:
                        f.bbox = list(located[1])
            paragraph.extend(facts)
            sid += 1
        # a paragraph that names a budget of its own ("X专项资金预算…") is about that budget:
        # its bare 实际拨付 / 预算执行率 are not the department's totals
        if any(NAMED_BUDGET.search(f.subject) for f in paragraph if f.unit == "元"):
            for f in paragraph:
                if f.item == "合计":
                    f.item = None
        out.extend(paragraph)
    return out
