"""Document model → understood tables → normalized records (the one way through).

Each table is understood once (pipeline.understand); every extractor reads that understanding and the
table's cells, never a header of its own.
"""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.extract.amounts import extract_amounts
from pipeline.extract.budget import extract_budget_lines
from pipeline.extract.cells import extract_cells
from pipeline.extract.document_info import (
    department_of,
    doc_type_of,
    first_texts,
    fiscal_year_of,
    grade_bands,
    stated_total,
    title_of,
)
from pipeline.extract.evaluation import evaluation_fields
from pipeline.extract.facts import extract_facts
from pipeline.extract.forms import extract_self_evaluation
from pipeline.extract.indicators import extract_form_fields, extract_indicators, project_funds
from pipeline.extract.score_sheet import extract_score_sheet
from pipeline.failures import describe
from pipeline.link import link_facts
from pipeline.understand import decide_kind, understand_table
from pipeline.understand.settings import UnderstandSettings
from schemas.document import Document, Table
from schemas.records import DocumentInfo, DocumentRecords
from schemas.tables import TableInfo


SCORED = ("performance_self_evaluation", "project_self_evaluation", "performance_evaluation")


def extract(doc: Document) -> DocumentRecords:
    head = first_texts(doc, 6)
    # the title decides; then the opening text; a report with no text before its tables
    # is typed by its tables' captions and, last, by its file name
    doc_type = next((t for t in (doc_type_of(head[:3]), doc_type_of(head),
                                 doc_type_of([c for tb in doc.tables for c in tb.grid()[0][:1]]),
                                 doc_type_of([doc.source_file])) if t != "unknown"), "unknown")
    score, grade = stated_total(doc) if doc_type in SCORED else (None, None)
    # a report that prints nothing but tables is known by its file name
    stem = [Path(doc.source_file).stem]
    info = DocumentInfo(
        doc_id=doc.doc_id, source_file=doc.source_file, doc_type=doc_type, title=title_of(doc) or stem[0],
        department=department_of(head) or department_of(stem), fiscal_year=fiscal_year_of(head) or fiscal_year_of(stem),
        pages=doc.pages,
        text_source=doc.text_source, total_score_stated=score, grade_stated=grade, format=doc.format,
        tables=len(doc.tables), grade_bands=grade_bands(doc) if doc_type in SCORED else [],
        page_labels=list(doc.page_labels),
    )
    records = DocumentRecords(document=info)
    unread = list(doc.unread)
    settings = UnderstandSettings()
    understood: list[tuple[Table, TableInfo]] = []
    for table in doc.tables:
        try:
            understood.append((table, understand_table(doc, table, doc_type, settings)))
        except Exception as e:  # one table the stage chokes on costs that table, not the file
            unread.append(f"table {table.table_id} (page {table.page}): not understood: {describe(e)}")
    refined = doc_type_from_tables(doc_type, [t.table_kind for _, t in understood])
    if refined != doc_type:
        info.doc_type = doc_type = refined
        for _, t in understood:
            decide_kind(t, doc_type)
    for table, table_info in understood:
        try:
            extract_table(doc, table, table_info, records)
        except Exception as e:
            unread.append(f"table {table.table_id} (page {table.page}): not extracted: {describe(e)}")
    join_forms(records)
    if doc_type == "performance_evaluation":
        records.form_fields.extend(evaluation_fields(doc, score, grade, info.title))
    if doc_type == "performance_target_table" or any(f.name == "主管部门" for f in records.form_fields):
        dept = next((f.text for f in records.form_fields if f.name == "主管部门"), None)
        info.department = dept or info.department
    records.facts = extract_facts(doc, records.score_items)
    link_facts(records)
    info.warnings = list(doc.warnings) + unread
    info.status = "partial" if unread else "ok"
    return records


# "市级机关保留公务用车委托管理费项目绩效目标表" (泉州 2026: one table per project, named in its title)
PROJECT_TITLE = re.compile(r"^(?:\d+[.、]\s*)?(?:\d{4}年度?)?(?P<name>.+?)(?:项目)?(?:支出)?绩效目标(?:申报)?表")
GENERIC_TITLE = re.compile(r"^(项目|项目支出|部门整体|部门整体支出|整体支出|部门|单位整体支出|专项资金|转移支付|区域)?$")


def name_one_project_table(table: Table, info: TableInfo, out: DocumentRecords) -> None:
    """A target table without a project column is one form: its project is the 项目名称 it prints, or
    the project its title names; a department-wide table (部门整体支出绩效目标表) has none."""
    if any(i.form_id for i in out.indicators) or not out.indicators:
        return
    named = next((f.text for f in out.form_fields if f.name in ("项目名称", "专项名称")), None)
    if named is None:
        m = PROJECT_TITLE.match(info.table_title or "")
        # "中央对地方专项转移支付区域绩效目标表" names a kind of table, not a project
        if m and not GENERIC_TITLE.match(m.group("name")) and "部门" not in m.group("name")[:4] \
                and not re.search(r"转移支付|区域$|整体", m.group("name")):
            named = m.group("name") + ("项目" if (info.table_title or "").find(m.group("name") + "项目") >= 0 else "")
    form_id = f"{table.table_id}/r0"
    for x in out.indicators + out.form_fields:
        if x.form_id is None:
            x.project, x.form_id = named, form_id


def join_forms(records: DocumentRecords) -> None:
    """A project whose rows run on into the next table (a table the reader could not stitch over a
    page break: 长沙 2025, pp. 33–34) is one form: the second piece takes the first piece's form_id."""
    rows = [x for name in ("indicators", "form_fields", "budget_lines", "score_items") for x in getattr(records, name)
            if x.form_id]
    order: dict[str, tuple] = {}  # form_id → (table, first page, last page, project) in printed order
    for x in rows:
        t, first, last, project = order.get(x.form_id, (x.table_id, x.page, x.page, x.project))
        order[x.form_id] = (t, min(first or 0, x.page or 0), max(last or 0, x.page or 0), project)
    rename: dict[str, str] = {}
    previous = None
    for fid, (table, first, last, project) in order.items():
        if previous is not None:
            pid, (ptable, _, plast, pproject) = previous
            if project and project == pproject and table != ptable and first in (plast, plast + 1):
                rename[fid] = rename.get(pid, pid)
        previous = (fid, (table, first, last, project))
    for x in rows:
        x.form_id = rename.get(x.form_id, x.form_id)


FORM_KINDS = ("score_sheet", "target_table", "self_evaluation_form", "other")


def doc_type_from_tables(doc_type: str, kinds: list[str]) -> str:
    """A file that is mostly standard disclosure tables is a disclosure package, whatever its first
    lines said (首都绿化's 预算01–11表 file opens with no title the text reader can use); a file of
    target tables or self-evaluation forms alone is one of those."""
    disclosure = [k for k in kinds if k not in FORM_KINDS]
    if len(disclosure) >= 3 and "score_sheet" not in kinds:
        final = sum(1 for k in disclosure if k.startswith("final_"))
        return "final_accounts_disclosure" if final > len(disclosure) / 2 else "budget_disclosure"
    if doc_type == "unknown" and kinds:
        if "self_evaluation_form" in kinds:
            return "project_self_evaluation"
        if "target_table" in kinds:
            return "performance_target_table"
    return doc_type


def extract_table(doc: Document, table: Table, info: TableInfo, records: DocumentRecords) -> None:
    """One table's records, added to `records` only when all of them were built."""
    out = DocumentRecords(document=records.document, tables=[info])
    out.table_cells = extract_cells(doc, table, info)
    if info.table_kind not in ("score_sheet", "target_table", "self_evaluation_form"):
        out.amounts = extract_amounts(doc, table, info)
        out.budget_lines = extract_budget_lines(doc, table, info)
    # a target table (绩效目标表) holds targets, never scores: its 指标值 column is no weight
    # (重庆 2026, 长春 2026: read as score sheets, their "weights" added up to 200 and 360)
    form = extract_self_evaluation(doc, table) if info.table_kind in FORM_KINDS else None
    if form is not None:
        out.amounts = []
        out.budget_lines, out.indicators, out.form_fields = form.budget_lines, form.indicators, form.form_fields
    elif info.table_kind in FORM_KINDS:
        sheet = extract_score_sheet(doc, table) if info.table_kind != "target_table" else None
        if sheet is not None:
            items, total = sheet
            out.score_items = items
            out.amounts, out.budget_lines = [], []
            if total is not None and records.document.total_score_sheet is None:
                records.document.total_score_sheet = total.score
        else:
            out.indicators = extract_indicators(doc, table)
            out.form_fields = extract_form_fields(doc, table) + project_funds(doc, table)
            name_one_project_table(table, info, out)
    for name in ("tables", "table_cells", "amounts", "score_items", "indicators", "form_fields", "budget_lines"):
        getattr(records, name).extend(getattr(out, name))
