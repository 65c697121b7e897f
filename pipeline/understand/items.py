"""Each data row's item, per side: code, name, level, parent, canonical name, total, and what a total closes.

The nesting of a list comes, in order of trust, from subject codes (类 3 digits, 款 5, 项 7; economic
classes 3 and 5), from the numbering printed before a name (一、 over (一) over 1.), from the label's
indentation in its cell, from 其中, and from the vocabulary's part-of relations. Seen in wide/: codes in
one column (深圳, 重庆, 苏州, 国家信访局), split over 类|款|项 columns with the 款 row printing only its two
digits (长沙, 烟台), names alone indented by level (杭州, 北京), numbered sources of funds (一、财政拨款 with
its funds unnumbered below it, every 收支总表).

A total closes its children where it has them; otherwise the rows beside it at its level, from the
previous total of its rank or higher (合计 printed last) or up to the next one (合计 printed first);
a higher total (总计) closes the lower totals and the rows between them. Where the nesting cannot be
known (a flat list of organisations: a department and its units look alike), a total closes nothing
known (closes is None), and the rules say so instead of guessing.
"""
from __future__ import annotations

import re

from parsers.normalize.vocabulary import OUTLINE, is_part, outline_level, outline_number, row_label
from pipeline.understand.settings import UnderstandSettings
from schemas.document import Table
from schemas.tables import ColumnInfo, RowItem

# "2010101 行政运行", "2130201-行政运行"; not "106_长沙市公安局" (an organisation's code, kept in its name)
CODE_IN_NAME = re.compile(r"^\s*(\d{3}(?:\d{2}){0,2})(?:\s*[-－—:：、.]\s*|\s+|(?=[\u4e00-\u9fff]))(.+)$")
LEVELS = {3: "类", 5: "款", 7: "项", 6: "单位"}  # six digits: an organisation's code (125001), over its subjects


def joined_code(parts: list[str], last: list[str]) -> str | None:
    """A row's subject code from its code columns. Split 类|款|项 columns are joined, a part left empty
    under a printed lower part taken from the row above (款 rows print only their two digits: 长沙,
    烟台); in one column, a two-digit code is a 款 under the last 类 printed (西安). `last` keeps the
    parts seen so far."""
    digits = [re.sub(r"\D", "", p) for p in parts]
    if not any(digits):
        return None
    if len(digits) == 1:
        d = digits[0]
        if len(d) == 2 and last and len(last[0]) == 3:
            d = last[0] + d  # 款 under the last 类
        if len(d) == 3:
            last[:] = [d]
        elif len(d) in (5, 7) and last and not d.startswith(last[0]):
            last[:] = [d[:3]]
        return d or None
    out = []
    for i, d in enumerate(digits):
        if d:
            out.append(d)
        elif any(digits[i + 1:]) and i < len(last) and last[i]:
            out.append(last[i])
        elif any(digits[i + 1:]):
            return None
        else:
            break
    for i, d in enumerate(out):
        if i < len(last):
            last[i] = d
        else:
            last.append(d)
    del last[len(out):]
    return "".join(out)


def indent_depths(indents: list[float | None], settings: UnderstandSettings) -> list[int | None]:
    """Indentation levels: indents clustered, the smallest cluster 0. None when the list shows no levels."""
    known = sorted({round(i, 1) for i in indents if i is not None})
    if len(known) < 2:
        return [None] * len(indents)
    clusters: list[float] = []
    for v in known:
        if not clusters or v - clusters[-1] > settings.indent_tolerance:
            clusters.append(v)
    if len(clusters) < 2 or clusters[1] - clusters[0] < settings.min_indent_step or len(clusters) > 5:
        return [None] * len(indents)

    def level(v: float) -> int:
        return min(range(len(clusters)), key=lambda i: abs(clusters[i] - v))

    return [level(i) if i is not None else None for i in indents]


SERIAL = re.compile(r"^\s*([一二三四五六七八九十]{1,3}|\d{1,3}|[(（]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,3})\s*[)）])\s*[、.．]?\s*$")


def serial_mark(text: str | None) -> str | None:
    """A 序号 column's entry as the numbering of its row's name ("一" → "一、", "1" → "1."), so a list
    numbered 一/1/2/二 in its own column has the levels of one numbered in its names (长沙国资委 2020)."""
    m = SERIAL.match(text or "")
    if not m:
        return None
    mark = m.group(1)
    if mark[0] in "(（":
        return mark
    return mark + ("." if mark[0].isdigit() else "、")


def side_items(table: Table, rows: list[int], columns: list[ColumnInfo], side: str | None,
               code_cols: list[int], name_col: int | None, settings: UnderstandSettings) -> list[RowItem]:
    grid = table.grid(fill_spans=False)
    organisation_cols = {c.col for c in columns if c.role == "unit_code"}
    other_labels = [c.col for c in columns if c.side == side and c.role == "label" and c.col != name_col]
    value_cols = [c.col for c in columns if c.side == side and c.role in ("money", "rate", "change")]
    serial_col = next((c.col for c in columns if c.side == side and c.role == "serial"), None)
    out: list[RowItem] = []
    last: list[str] = []
    indents: list[float | None] = []
    qizhong: list[bool] = []
    first_labels: list[int | None] = []  # the first label column a row prints its name in
    previous_values = False
    texts_of = [c.col for c in columns if c.side == side and c.role == "label"]
    for r in rows:
        # a label merged across from the other list of a half (当年支出小计 over 功能分类 | 支出用途) names
        # this side's row too; a label merged down from a row above does not
        cell = table.cell_at(r, name_col) if name_col is not None else None
        name_text = cell.text if cell is not None and cell.row == r else ""
        if not name_text:  # a 合计 or an organisation printed in another label or code column (西安 2019, 深圳, 福州)
            other = next((c for k in other_labels if (c := table.cell_at(r, k)) is not None and c.row == r
                          and c.text), None) or next(
                (c for k in code_cols if (c := table.cell_at(r, k)) is not None and c.row == r and c.text
                 and row_label(c.text).is_total), None)
            if other is not None:
                cell, name_text = other, other.text
        parts = [grid[r][k] for k in code_cols]
        own_values = [k for k in value_cols if grid[r][k] and (c := table.cell_at(r, k)) is not None and c.row == r]
        if not name_text and not any(parts) and not own_values:
            continue  # this side of the row is blank (the other half goes on)
        previous = out[-1] if out else None
        if (not name_text and own_values and previous is not None and not previous_values and cell is not None
                and cell.row == previous.row and cell.row < r):
            # the label merged down over this row, and the figure beside its lower part: one item, in
            # the row of its figure (江苏省法院 2018: cells of the two halves on different row lines)
            previous.row, previous_values = r, True
            continue
        if (previous is not None and name_text and not any(parts) and len(name_text) <= 4
                and not OUTLINE.match(name_text) and not row_label(name_text).canonical
                and all(not grid[k][name_col] for k in range(previous.row + 1, r))
                and (not own_values or not previous_values)):
            # the wrapped end of the label above ("三、单位预留机动经" / "费"); where the figure stands
            # beside the end, the row of the figure is the item's
            if not own_values:
                previous.name += name_text
                continue
            name_text = (previous.outline or "") + previous.name + name_text
            out.pop()
            indents.pop(), qizhong.pop(), first_labels.pop()
        previous_values = bool(own_values)
        organisation = next((re.sub(r"\D", "", grid[r][k]) for k in code_cols if k in organisation_cols
                             and re.sub(r"\D", "", grid[r][k])), None)
        subject_cols = [k for k in code_cols if k not in organisation_cols]
        code = joined_code([grid[r][k] for k in subject_cols], last) if subject_cols else None
        m = CODE_IN_NAME.match(name_text) if not code and not organisation else None
        if m:
            code, name_text = m.group(1), m.group(2)
        label = row_label(name_text)
        item = RowItem(row=r, side=side, code=organisation or (code if code and len(code) in LEVELS else None),
                       name=label.name if name_text else "", outline=label.outline, canonical=label.canonical,
                       is_total=label.is_total, page=(cell.page if cell and cell.page else table.row_page(r)))
        if organisation:
            item.level = "单位"  # an organisation's code (125 the department, 125001 its unit) in a 单位编码 column
        elif item.code:
            item.level = LEVELS[len(item.code)]
            item.parent_code = item.code[:-2] if len(item.code) in (5, 7) else None
        out.append(item)
        # an OCR box's left edge is no indent: detection pads boxes unevenly and a centred label column
        # (长沙 2025 scanned 附件1) makes the short names look indented under the long ones
        indents.append(cell.indent if cell is not None and name_text and not label.is_total
                       and cell.ocr_score is None else None)
        qizhong.append(label.qizhong)
        first_labels.append(next((k for k in texts_of if grid[r][k]), None))
    if serial_col is not None and not any(i.outline for i in out):
        # numbering printed in a 序号 column instead of the names; a 行次 count beside numbered names
        # (国家信访局 决算 公开01表) is no outline
        for i in out:
            i.outline = serial_mark(grid[i.row][serial_col])
    assign_depths(out, indents, qizhong, first_labels, settings)
    assign_closes(out)
    return out


def assign_depths(items: list[RowItem], indents: list[float | None], qizhong: list[bool],
                  label_cols: list[int | None], settings: UnderstandSettings) -> None:
    """Depth and parent of every row, from codes, else numbering, indentation, 其中 and part-of.
    Where none of them says anything (names alone, not in the vocabulary), depths stay unknown."""
    if any(i.level == "单位" for i in items):
        organisation_depths(items)
        return
    coded = [i for i in items if i.code]
    if coded and len(coded) >= 0.6 * sum(1 for i in items if not i.is_total):
        units = any(i.level == "单位" for i in coded)
        subjects = [i for i in coded if i.level != "单位"]
        top = min((len(i.code) for i in subjects), default=3)
        unit: RowItem | None = None
        block: list[RowItem] = []  # the rows of the current organisation (or of the table)
        for i in items:
            if i.level == "单位":
                i.depth, unit, block = 0, i, []
            elif i.code:
                i.depth = (len(i.code) - top) // 2 + (1 if units else 0)
                parent = prefix_parent(i, block)
                if parent is None and unit is not None and i.depth == 1:
                    parent = unit
                i.parent_row = parent.row if parent else None
            elif i.is_total:
                i.depth = 0
            block.append(i)
        return
    plain = [i for i in items if not i.is_total]
    outlined = any(i.outline for i in items)
    # with numbering, the indents that count are those of the unnumbered rows under a numbered one
    if len({k for i, k in zip(items, label_cols) if not i.is_total and k is not None}) > 1:
        return  # rows named in different label columns (政府采购表: 品目大类 | 单位 | 品目): levels unknown
    by_indent = indent_depths([ind if not (outlined and i.outline) else None for i, ind in zip(items, indents)],
                              settings)
    indented = any(d is not None for d in by_indent)
    named = bool(plain) and all(i.canonical for i in plain)  # the vocabulary knows how they nest
    if not (outlined or indented or named):
        return
    stack: list[RowItem] = []  # the open parents, outermost first
    seen: list[RowItem] = []  # every row so far
    numbered: RowItem | None = None  # the last numbered row, while no total ends its list
    offset = 0  # how deep a numbering that started again under a row is
    for i, ind, part in zip(items, by_indent, qizhong):
        rank = row_label(i.name).rank if i.is_total else 0
        if i.outline:
            level = outline_depth(i.outline)
            above = stack[-1] if stack else None
            if (numbered is None and above is not None and not above.outline and not above.is_total
                    and any(p.outline and outline_depth(p.outline) == level
                            and (outline_number(p.outline) or 0) >= (outline_number(i.outline) or 0) for p in seen)):
                # the numbering starts again under an unnumbered row (年初结转和结余 / 一、一般公共预算 …):
                # a list of its own, under that row, until a total ends it
                offset = above.depth + 1 - level
            depth = level + offset
            numbered = i
        elif rank >= 2:
            depth = 0  # 合计, 本年收入合计, 收入总计: a list's own totals are top-level
            numbered, offset = None, 0
        elif rank == 1:
            # 小计: at the level of the rows it adds up (the numbered ones, where there are)
            depth = numbered.depth if numbered is not None else (stack[-1].depth if stack else 0)
            numbered, offset = None, 0
        elif numbered is not None:
            # unnumbered rows under a numbered one are its parts (一、财政拨款 / 一般公共预算 …)
            depth = numbered.depth + 1 + (ind or 0)
        else:
            depth = ind or 0
        above = stack[-1] if stack else None
        if above is not None and depth <= above.depth and not i.is_total and not above.is_total and (
                part or is_part(i.canonical, above.canonical)):
            depth = above.depth + 1  # "其中：…" printed at its whole's level is still its part
        i.depth = depth
        while stack and stack[-1].depth >= depth:
            stack.pop()
        if depth > 0 and stack:
            i.parent_row = stack[-1].row
        stack.append(i)
        seen.append(i)


def prefix_parent(i: RowItem, before: list[RowItem]) -> RowItem | None:
    """The subject a code is under: the nearest row above whose code begins it, the longest such
    (3010201 under 30102, or under 301 where the sheet skips 30102)."""
    best = None
    for p in reversed(before):
        if p.code and p.level in ("类", "款", "项") and p.code != i.code and i.code.startswith(p.code):
            if best is None or len(p.code) > len(best.code):
                best = p
            if len(p.code) == len(i.code) - 2:
                break
    return best


def organisation_depths(items: list[RowItem]) -> None:
    """Rows under organisation codes (单位编码 125 the department, 125001 its unit): an organisation is
    under the one whose code begins its own; a subject code under its organisation by its length; any
    other row (a project) directly under the organisation above it."""
    units: list[RowItem] = []
    current: RowItem | None = None
    subjects: list[RowItem] = []
    for i in items:
        if i.is_total and i.level != "单位":
            i.depth = 0
            continue
        if i.level == "单位":
            parent = next((u for u in reversed(units) if i.code.startswith(u.code) and u.code != i.code), None)
            i.depth = parent.depth + 1 if parent else 0
            i.parent_row = parent.row if parent else None
            units.append(i)
            current, subjects = i, []
        elif current is not None:
            base = current.depth + 1
            if i.code and i.level in ("类", "款", "项"):
                i.depth = base + (len(i.code) - 3) // 2
                parent = prefix_parent(i, subjects) or current
            else:
                i.depth, parent = base, current
            i.parent_row = parent.row
            subjects.append(i)
    for i in items:
        if i.depth is None:
            i.depth = 0


def outline_depth(mark: str | None) -> int:
    return outline_level(mark) if mark else 0


def assign_closes(items: list[RowItem]) -> None:
    if not items:
        return
    children: dict[int, list[RowItem]] = {}
    for i in items:
        if i.parent_row is not None:
            children.setdefault(i.parent_row, []).append(i)
    for i in items:
        if i.row in children:
            i.closes = [c.row for c in children[i.row]]
    ranks = effective_ranks(items)
    for t in items:
        if not t.is_total or t.row in children:
            continue
        if t.depth is None:
            continue  # the list's nesting is not known: what the total closes is not known either
        level = t.depth or 0
        rank = ranks[t.row]
        peers = [i for i in items if (i.depth or 0) == level and i.parent_row == t.parent_row]
        pos = peers.index(t)
        before = peers[:pos]
        after = peers[pos + 1:]
        prev_stop = max((k for k, p in enumerate(before) if p.is_total and ranks[p.row] >= rank), default=-1)
        next_stop = next((k for k, p in enumerate(after) if p.is_total and ranks[p.row] >= rank), len(after))
        segment = before[prev_stop + 1:] if before[prev_stop + 1:] else after[:next_stop]
        lower = [p for p in segment if p.is_total]
        covered = {r for p in lower for r in (p.closes or [])}
        parts = [p for p in segment if p.row not in covered]
        t.closes = [p.row for p in parts] if parts else None


def total_rank(i: RowItem) -> int:
    return row_label(i.name).rank or 2


def effective_ranks(items: list[RowItem]) -> dict[int, int]:
    """A list's last total that follows another total of its rank under another name adds that one up
    with the rows after it: 本年收入合计 … 上年结转结余 … 收入合计 (福州, 泉州, 江苏 2019), where 收入合计 is the
    list's grand total. Repeated 小计 rows under one name stay sibling subtotals."""
    ranks = {i.row: total_rank(i) for i in items if i.is_total}
    by_level: dict[tuple, list[RowItem]] = {}
    for i in items:
        if i.is_total:
            by_level.setdefault((i.depth, i.parent_row), []).append(i)
    for (depth, parent), totals in by_level.items():
        peers = [i for i in items if (i.depth, i.parent_row) == (depth, parent)]
        if len(totals) >= 2 and peers[-1] is totals[-1]:
            last, before = totals[-1], totals[-2]
            if ranks[last.row] == ranks[before.row] and last.name != before.name:
                ranks[last.row] += 1
    return ranks
