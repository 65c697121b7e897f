"""Performance-target tables (项目预算绩效目标表) → Indicator records and the form's header fields."""
from __future__ import annotations

from parsers.normalize.labels import canonical_indicator, indicator_parents, mend_ocr
from parsers.normalize.numbers import MONEY_UNITS, parse_number, to_yuan, unit_from_context
from pipeline.extract.columns import column_roles, find_header, header_texts
from pipeline.extract.hierarchy import resolve
from schemas.document import Document, Table
from schemas.records import FormField, Indicator

FORM_FIELDS = (
    "项目名称", "主管部门", "项目类型", "项目级次", "开始时间", "完成时间", "实施单位", "项目负责人/联系电话",
    "项目负责人", "联系电话", "立项必要性", "实施可行性", "项目实施内容", "中长期目标", "年度目标",
    "资金总额", "年度资金总额", "财政拨款", "其他资金", "预算单位", "项目属性", "项目期",
)


def repair_row(cells: list[str], levels: tuple[int, int, int], last: int) -> list[str]:
    """Put a 二级指标 name that an export pushed into the 一级 column back where it belongs."""
    l1, l2, _ = levels
    parents = indicator_parents()
    if canonical_indicator(cells[l1], 2) in parents and canonical_indicator(cells[l1], 1) not in parents.values():
        if not cells[l2]:
            cells[l2], cells[l1] = cells[l1], ""
        elif not cells[last]:
            # the whole row was packed to the left: shift it one column to the right
            cells[l1 + 1:last + 1] = cells[l1:last]
            cells[l1] = ""
    return cells


def extract_indicators(doc: Document, table: Table) -> list[Indicator]:
    header = find_header(table, "indicator")
    if header is None:
        return []
    start, depth = header
    roles = column_roles(header_texts(table, depth, start), "indicator")
    col = {role: k for k, role in roles.items()}
    if not {"level3", "full_year_target"} <= set(col):
        return []
    grid = table.grid()
    levels = (col.get("level1", 0), col.get("level2", 1), col["level3"])
    last = max(col.values())
    rows = []
    for r in range(start + depth, table.n_rows):
        cells = repair_row([mend_ocr(t) for t in grid[r]], levels, last)
        if cells[levels[2]]:
            rows.append((r, cells))
    if not rows:
        return []
    no_weights = [None] * len(rows)
    no_codes = [None] * len(rows)
    l1s = resolve([c[levels[0]] for _, c in rows], no_weights, no_codes, 1)
    l2s = resolve([c[levels[1]] for _, c in rows], no_weights, no_codes, 2)
    printed_l1 = {canonical_indicator(lab.text, 1): lab.text for lab in l1s if lab}
    out = []
    for (r, cells), l1, l2 in zip(rows, l1s, l2s):
        level2 = l2.text if l2 else None
        level1 = l1.text if l1 else None
        # the standard tree places each 二级指标 under one 一级指标: trust it over a label's position
        parent = indicator_parents().get(canonical_indicator(level2, 2) or "")
        if parent in printed_l1:
            level1 = printed_l1[parent]
        name = cells[levels[2]]
        full = cells[col["full_year_target"]] if "full_year_target" in col else ""
        half = cells[col["half_year_target"]] if "half_year_target" in col else ""
        fn, hn = parse_number(full), parse_number(half)
        printed = (fn.unit if fn else None) or unit_from_context(name)
        value = fn.value if fn else None
        half_value = hn.value if hn else None
        unit = printed
        if printed in MONEY_UNITS:
            value = to_yuan(value, printed) if value is not None else None
            half_value = to_yuan(half_value, printed) if half_value is not None else None
            unit = "元"
        out.append(Indicator(
            doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r), level1=level1, level2=level2,
            level3=name, half_year_target=half or None, full_year_target=full or None,
            comparator=fn.comparator if fn else None, target_value=value, unit=unit, table_id=table.table_id,
            row=r, half_year_comparator=hn.comparator if hn else None, half_year_value=half_value,
            decimals=fn.decimals if fn else None, unit_printed=printed,
        ))
    return out


def extract_form_fields(doc: Document, table: Table) -> list[FormField]:
    """Labelled fields of a form: each known field name and the next cell that is not a label."""
    grid = table.grid(fill_spans=True)
    out = []
    seen = set()
    group_unit = None  # "项目资金(万元)" labels the rows below it until the next label in column 0
    for r, row in enumerate(grid):
        if row and row[0]:
            group_unit = unit_from_context(row[0])
        row_unit = next((u for u in (unit_from_context(t) for t in row) if u), None) or group_unit
        k = 0
        while k < len(row):
            name = row[k].replace(" ", "")
            if name in FORM_FIELDS and name not in seen:
                value = next((t for t in row[k + 1:] if t and t != row[k] and t.replace(" ", "") not in FORM_FIELDS), "")
                if value:
                    seen.add(name)
                    n = parse_number(value)
                    unit = (n.unit if n else None) or row_unit
                    number = None
                    if n is not None:
                        number = to_yuan(n.value, unit) if unit in MONEY_UNITS else n.value
                    out.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r),
                                         table_id=table.table_id, name=name, text=value, value=number,
                                         unit="元" if unit in MONEY_UNITS else unit))
            k += 1
    return out
