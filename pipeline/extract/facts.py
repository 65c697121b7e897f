"""Figures quoted in the narrative → Fact records, each with what it is about.

The subject is the phrase just before the figure in its clause ("基本支出7,196.93万元" →
基本支出). A bare measure ("预算执行率84.62%") takes the subject of the figure before it in
the same sentence ("基本支出…预算执行率" → 基本支出预算执行率), so that a rate stays tied to
the row it is stated for.
"""
from __future__ import annotations

import re

from parsers.normalize.numbers import MONEY_UNITS, find_numbers, to_yuan
from schemas.document import Document
from schemas.records import Fact

SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
CLAUSE_BREAK = re.compile(r"[,，、:：;；()（）《》]")
LEADING = re.compile(r"^(其中|包括|主要包括|以及|及|和|与|并|共|累计|全年|截至\S*?底|为|达到|达|约|实现|完成|共有|另有)+")
TRAILING = re.compile(r"(为|达到|达|约|是|共|共计|有|了|超过|超|近|的)+$")
MEASURES = ("预算执行率", "执行率", "占比", "占", "增长", "下降", "增速", "同比增长", "比重", "完成率", "控制率",
            "调整率", "减少", "增加", "调增", "调减", "净调增", "净调减", "上升")


def clause_subject(sentence: str, start: int) -> str:
    head = sentence[:start]
    cut = max((m.end() for m in CLAUSE_BREAK.finditer(head)), default=0)
    subject = head[cut:].strip()
    # a year or date opening the clause ("2024年预算安排") is when, not what
    subject = re.sub(r"^\d{4}年(度|底|末|初)?", "", subject)
    subject = LEADING.sub("", subject)
    subject = TRAILING.sub("", subject)
    return subject.strip()


def is_measure(subject: str) -> bool:
    return subject in MEASURES or any(subject.endswith(m) and len(subject) <= len(m) + 2 for m in MEASURES)


def extract_facts(doc: Document) -> list[Fact]:
    out: list[Fact] = []
    for p in doc.paragraphs:
        for m in SENTENCE.finditer(p.text):
            sentence = m.group(0).strip()
            previous = None
            for n in find_numbers(sentence):
                if n.unit is None:
                    continue  # a bare number with no unit is a count of nothing we can name
                subject = clause_subject(sentence, n.start)
                if is_measure(subject) and previous:
                    subject = previous + subject
                elif subject and not is_measure(subject):
                    previous = subject
                value = n.value
                unit = n.unit
                if unit in MONEY_UNITS:
                    value = to_yuan(n.value, unit)
                    unit = "元"
                out.append(Fact(
                    doc_id=doc.doc_id, source_file=doc.source_file, page=p.page, subject=subject or "",
                    value_text=n.text, value=value, unit=unit, sentence=sentence, comparator=n.comparator,
                    qualifier=n.qualifier, decimals=n.decimals, unit_printed=n.unit,
                ))
    return out
