"""A finance bureau's evaluation result (财政项目支出绩效评价报告, 专项资金绩效评价结果) → form_fields: the
cover's labelled fields, and the evaluated project's score and grade as the report states them.

Both evaluation results in wide/ (长沙 2020, born digital; 长沙 2023, a scan) state one evaluated
object in prose ("项目综合评分92.25分，评价级次为优"; "综合评价得分85.38分，评价等级为“良”") and print
their cover fields as "label：value" lines, a long value wrapping onto the next line.
"""
from __future__ import annotations

import re
from decimal import Decimal

from schemas.document import Document
from schemas.records import FormField

COVER = re.compile(r"^(评价项目名称|项目名称|评价项目单位|被评价单位|项目主管部门|主管部门|评价项目金额|评价机构|评价单位|"
                   r"报告日期|评价项目类型)\s*[:：]\s*(.*)$")
TITLE_TAIL = re.compile(r"(的)?(专项资金)?(财政)?(项目支出)?(重点)?绩效评价(结果|报告|意见)$")
FORM_ID = "evaluation"
WRAPPING = ("评价项目名称", "项目名称", "评价项目单位", "被评价单位", "项目主管部门")  # values long enough to wrap


def evaluation_fields(doc: Document, score: Decimal | None, grade: str | None, title: str | None) -> list[FormField]:
    fields: list[FormField] = []
    first_page = min((p.page for p in doc.paragraphs if p.page is not None), default=None)
    last = None
    for p in doc.paragraphs:
        if p.page != first_page:
            break
        m = COVER.match(p.text.strip())
        if m:
            last = FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=p.page, table_id=None,
                             name=m.group(1), text=m.group(2).strip(), form_id=FORM_ID)
            fields.append(last)
        elif last is not None and last.name in WRAPPING and "：" not in p.text and ":" not in p.text and len(p.text) < 40:
            last.text += p.text.strip()  # "…监督管理委" / "员会国企改革稳定专项资金绩效评价"
            last = None
        else:
            last = None
    named = next((f.text for f in fields if f.name in ("评价项目名称", "项目名称")), None)
    project = named or evaluated_object(doc) or (TITLE_TAIL.sub("", title) if title else None) or None
    page = stated_page(doc, score)
    if score is not None:
        fields.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=page, table_id=None,
                                name="评价得分", text=f"{score}分", value=score, unit="分", form_id=FORM_ID))
    if grade is not None:
        fields.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=page, table_id=None,
                                name="评价等级", text=grade, form_id=FORM_ID))
    for f in fields:
        f.project = project
    return fields


def evaluated_object(doc: Document) -> str | None:
    """The title's subject where the title wraps: "2023年度长沙市公安局交通警察支队" / "专项资金绩效评价结果"."""
    head = [p.text.strip() for p in doc.paragraphs[:3]]
    for i, t in enumerate(head):
        if TITLE_TAIL.search(t):
            whole = (head[i - 1] if i and len(t) < 20 else "") + t
            return TITLE_TAIL.sub("", whole) + ("专项资金" if "专项资金绩效评价" in t else "") or None
    return None


def stated_page(doc: Document, score: Decimal | None) -> int | None:
    if score is None:
        return None
    for p in doc.paragraphs:
        m = re.search(rf"(?<![\d.]){re.escape(str(score))}\s*分", p.text)
        if m:
            return p.page_at(m.start())
    return None
