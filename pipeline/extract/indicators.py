"""Performance-target tables (项目预算绩效目标表) → Indicator records and the form's header fields."""
from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.normalize.labels import canonical_column, canonical_indicator, header_key, indicator_parents, mend_ocr
from parsers.normalize.numbers import MONEY_UNITS, parse_number, to_yuan, unit_from_context
from pipeline.extract.columns import column_roles, find_header, header_texts, table_unit
from pipeline.extract.hierarchy import resolve
from schemas.document import Document, Table
from schemas.records import FormField, Indicator

FORM_FIELDS = (
    "项目名称", "主管部门", "项目类型", "项目级次", "开始时间", "完成时间", "实施单位", "项目负责人/联系电话",
    "项目负责人", "联系电话", "立项必要性", "实施可行性", "项目实施内容", "中长期目标", "年度目标",
    "资金总额", "年度资金总额", "财政拨款", "其他资金", "预算单位", "项目属性", "项目期", "专项名称", "中央主管部门",
    "地方财政部门", "省级主管部门",
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


COMPARATORS = {"＝": "=", "=": "=", "≥": "≥", "≧": "≥", "≤": "≤", "≦": "≤", ">": ">", "＞": ">", "<": "<", "＜": "<",
               "﹤": "<", "﹥": ">"}
# a whole indicator tree packed into one cell (广州 2026: "1、1-产出指标；11-数量指标；会议活动保障次数；
# 实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、…"): items, then the parts of each
PACKED_ITEM = re.compile(r"(?:^|(?<=[。;；]))\s*\d{1,3}\s*、")
PACKED = re.compile(r"^\s*[\d\s]+-\s*(?P<l1>[^;；]+?)\s*[;；]\s*[\d\s]+-\s*(?P<l2>[^;；]+?)\s*[;；]\s*(?P<l3>.+?)\s*[;；]"
                    r"(?:\s*实施周期指标值\s*[:：]\s*(?P<period>.*?)\s*[;；])?\s*(?:年度|全年)指标值\s*[:：]\s*(?P<year>.*?)\s*[。.]?\s*$")


def unpack(text: str) -> list[dict[str, str]]:
    """The indicators packed into one cell, each with its levels and targets; [] when the cell is not
    in that form."""
    out = []
    for part in PACKED_ITEM.split(text or ""):
        m = PACKED.match(part.strip())
        if m:
            out.append({k: re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", v) if v else v
                        for k, v in m.groupdict().items()})
    return out


def packed_column(grid: list[list[str]], start: int) -> int | None:
    """A column whose cells hold packed indicator trees (most of its filled cells unpack)."""
    for k in range(len(grid[0]) if grid else 0):
        filled = [r[k] for r in grid[start:] if r[k]]
        if filled and sum(1 for t in filled if unpack(t)) >= max(1, len(filled) // 2):
            return k
    return None


@dataclass
class Forms:
    """Which project each data row belongs to: the text of the project-name column, carried down over
    the rows its merged cell spans (首都绿化, 长沙: one merged cell per project over its indicator
    rows, re-printed on every page the project touches)."""
    project: list[str | None]
    form_id: list[str | None]
    goal: list[str | None]

    @classmethod
    def of(cls, table: Table, grid: list[list[str]], start: int, col: dict[str, int]) -> "Forms":
        n = table.n_rows
        project, form_id, goal = [None] * n, [None] * n, [None] * n
        if "project" not in col:
            return cls(project, form_id, goal)
        current = cur_id = cur_goal = None
        for r in range(start, n):
            name = grid[r][col["project"]].strip()
            if name and name != current:
                current, cur_id, cur_goal = name, f"{table.table_id}/r{r}", None
            if "goal" in col and grid[r][col["goal"]]:
                cur_goal = grid[r][col["goal"]]
            project[r], form_id[r], goal[r] = current, cur_id, cur_goal
        return cls(project, form_id, goal)


def target_of(text: str, comparator_cell: str, unit_cell: str):
    """(comparator, value, unit printed, decimals) of a target: from its own text ("≥95%"), or from the
    comparator and unit columns beside a bare figure (首都绿化: "≥" | "90" | "%"; 定性 means no figure)."""
    n = parse_number(text) if text else None
    if n is None:
        return None, None, None, None
    op = COMPARATORS.get((comparator_cell or "").strip())
    unit = n.unit or ((unit_cell or "").strip() or None)
    if unit is not None and n.unit is None:
        n2 = parse_number(f"{text}{unit}")  # "10" + "万份" → 100000 份
        if n2 is not None:
            n, unit = n2, n2.unit
    return n.comparator or op, n.value, unit, n.decimals


FORM_HEAD_ROWS = 12  # a 部门整体支出绩效目标表 prints up to ten rows of funds and goals above its indicators


def extract_indicators(doc: Document, table: Table) -> list[Indicator]:
    header = find_header(table, "indicator", FORM_HEAD_ROWS)
    grid = table.grid(fill_spans=True)
    if header is None:
        return packed_indicators(doc, table, grid, 1) if table.n_rows > 1 else []
    start, depth = header
    roles = column_roles(header_texts(table, depth, start), "indicator")
    col = {role: k for k, role in roles.items()}
    if not {"level3", "full_year_target"} <= set(col):
        return packed_indicators(doc, table, grid, start + depth, col)
    forms = Forms.of(table, grid, start + depth, col)
    levels = (col.get("level1", 0), col.get("level2", 1), col["level3"])
    last = max(col.values())
    rows = []
    for r in range(start + depth, table.n_rows):
        cells = repair_row([mend_ocr(t) for t in grid[r]], levels, last)
        name = cells[levels[2]]
        # a 二级 printed with no 三级 under it (长沙 2025 lists every 成本/效益 二级 of the standard tree,
        # empty ones too) is a placeholder row, not an indicator
        placeholder = canonical_indicator(name, 2) in indicator_parents() and not cells[col["full_year_target"]]
        if name and not placeholder:
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
        cell = lambda role: cells[col[role]] if role in col else ""  # noqa: E731
        out.append(indicator(doc, table, r, level1, level2, cells[levels[2]], cell("full_year_target"),
                             cell("half_year_target"), cell("comparator"), cell("measure_unit"),
                             forms.project[r], forms.form_id[r], forms.goal[r], rule=cell("rule") or None))
    return out


def indicator(doc, table, r, level1, level2, name, full, half, comparator_cell="", unit_cell="", project=None,
              form_id=None, goal=None, period=None, rule=None) -> Indicator:
    op, value, printed, decimals = target_of(full, comparator_cell, unit_cell)
    hop, half_value, _, _ = target_of(half, comparator_cell, unit_cell)
    printed = printed or unit_from_context(name)
    unit = printed
    if printed in MONEY_UNITS:
        value = to_yuan(value, printed) if value is not None else None
        half_value = to_yuan(half_value, printed) if half_value is not None else None
        unit = "元"
    return Indicator(
        doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r), level1=level1, level2=level2,
        level3=name, half_year_target=half or None, full_year_target=full or None, comparator=op, target_value=value,
        unit=unit, table_id=table.table_id, row=r, half_year_comparator=hop, half_year_value=half_value,
        decimals=decimals, unit_printed=printed, project=project, form_id=form_id, goal=goal, period_target=period,
        rule=rule)


def packed_indicators(doc: Document, table: Table, grid: list[list[str]], start: int,
                      col: dict[str, int] | None = None) -> list[Indicator]:
    """A target table with one row per project and its indicator tree packed into one cell."""
    k = packed_column(grid, start)
    if k is None:
        return []
    col = dict(col or {})
    col.setdefault("project", 0)
    forms = Forms.of(table, grid, start, col)
    out = []
    for r in range(start, table.n_rows):
        for item in unpack(grid[r][k]):
            out.append(indicator(doc, table, r, item["l1"], item["l2"], item["l3"], item["year"] or "", "",
                                 project=forms.project[r], form_id=forms.form_id[r], goal=forms.goal[r],
                                 period=item.get("period")))
    return out


def project_funds(doc: Document, table: Table) -> list[FormField]:
    """Each project's funds in a target table with a project column: the figures under the 项目总额 /
    财政拨款 / 其他资金 headers on the row that opens the project (a merged cell over its rows)."""
    header = find_header(table, "indicator")
    if header is None:
        header = (0, 1) if table.n_rows > 1 else None
    if header is None:
        return []
    start, depth = header
    headers = header_texts(table, depth, start)
    col = {role: k for k, role in column_roles(headers, "indicator").items()}
    grid = table.grid(fill_spans=True)
    if "project" not in col:
        if packed_column(grid, start + depth) is None:
            return []
        col["project"] = 0
    funds = [(k, h) for k, h in enumerate(headers) if canonical_column(h, "funds")]
    if not funds:
        return []
    unit = table_unit(table)
    forms = Forms.of(table, grid, start + depth, col)
    out, done = [], set()
    for r in range(start + depth, table.n_rows):
        fid = forms.form_id[r]
        if fid is None or fid in done:
            continue
        done.add(fid)
        for k, h in funds:
            n = parse_number(grid[r][k]) if grid[r][k] else None
            if n is None:
                continue
            u = n.unit or unit_from_context(h) or unit
            value = to_yuan(n.value, u) if u in MONEY_UNITS else n.value
            out.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r),
                                 table_id=table.table_id, name=re.sub(r"^其中[:：]?", "", header_key(h) or h), text=grid[r][k], value=value,
                                 unit="元" if u in MONEY_UNITS else u, project=forms.project[r], form_id=fid, row=r,
                                 decimals=n.decimals, unit_printed=u))
    return out


def extract_form_fields(doc: Document, table: Table) -> list[FormField]:
    """Labelled fields of a form: each known field name and the next cell that is not a label."""
    grid = table.grid(fill_spans=True)
    seen: set[str] = set()
    pairs = money_pairs(doc, table, grid, seen)  # first: their unit is their column's, not the row's
    out = []
    group_unit = None  # "项目资金(万元)" labels the rows below it until the next label in column 0
    for r, row in enumerate(grid):
        if row and row[0]:
            group_unit = unit_from_context(row[0])
        row_unit = next((u for u in (unit_from_context(t) for t in row) if u), None) or group_unit
        k = 0
        while k < len(row):
            name = row[k].replace(" ", "").rstrip(":：")  # "资金总额:" (泉州 2026)
            if name in FORM_FIELDS and name not in seen:
                value = next((t for t in row[k + 1:] if t and t != row[k] and t.replace(" ", "").rstrip(":：") not in FORM_FIELDS), "")
                if value:
                    seen.add(name)
                    n = parse_number(value)
                    unit = (n.unit if n else None) or row_unit
                    number = None
                    if n is not None:
                        number = to_yuan(n.value, unit) if unit in MONEY_UNITS else n.value
                    out.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r),
                                         table_id=table.table_id, name=name, text=value, value=number,
                                         unit="元" if unit in MONEY_UNITS else unit, row=r,
                                         decimals=n.decimals if n else None, unit_printed=unit))
            k += 1
    return pairs + out


def money_pairs(doc: Document, table: Table, grid: list[list[str]], seen: set[str]) -> list[FormField]:
    """A form's "label | amount" pairs under a header that declares money (广州 2026 部门整体申报表:
    "部门预算支出 | 预算金额（万元） | 收入来源 | 预算金额（万元）" over "基本支出 | 12,634.14 | 财政拨款 |
    98,880.78"): each label with the figure to its right, in the unit its column's header declares."""
    out = []
    unit_of: dict[int, str] = {}  # column → the money unit its latest header row declares
    for r, row in enumerate(grid):
        figures = [k for k, t in enumerate(row) if t and parse_number(t) is not None and parse_number(t).unit is None]
        if not figures:
            for k, t in enumerate(row):
                u = unit_from_context(t) if t else None
                if u in MONEY_UNITS and len(t) <= 16:
                    unit_of[k] = u
            continue
        for k in figures:
            label = row[k - 1].replace(" ", "").rstrip(":：") if k > 0 else ""
            if (k not in unit_of or not label or label in seen or parse_number(label) is not None
                    or len(label) > 16 or row[k - 1] == row[k]):
                continue
            n = parse_number(row[k])
            seen.add(label)
            out.append(FormField(doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(r),
                                 table_id=table.table_id, name=label, text=row[k], value=to_yuan(n.value, unit_of[k]),
                                 unit="元", row=r, decimals=n.decimals, unit_printed=unit_of[k]))
    return out
