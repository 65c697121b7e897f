"""Each column of a table: its header path, role, measure, basis, unit, side, and what a total column adds up.

A column's meaning is its whole header path (`本年支出 / 基本支出 / 人员经费`), read from the top: the
nearest item word names its measure, a basis word (预算数, 决算数 …) what its figures are, the head
word of the lowest cell its role. The data below confirm or correct the role (a column headed 项目
whose cells are project names is a label column, not 项目支出). Side-by-side halves (收入 | 支出,
人员经费 | 公用经费) are found where a label column follows value columns again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.normalize.numbers import parse_number
from parsers.normalize.vocabulary import header_label, is_part, row_label
from pipeline.understand.regions import Regions
from schemas.document import Table
from schemas.tables import ColumnInfo

VALUE_ROLES = ("money", "rate", "change")
GENERIC_TOTALS = ("合计", "总计", "小计", None)  # totals that say nothing of what they add up
LABEL_ROLES = ("label", "code", "unit_code", "serial")
CODE_TEXT = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{2}$")
UNIT_CODE = re.compile(r"^\d{6}$|^\d{3}_")
YEAR = re.compile(r"^(19|20)\d{2}\s*年?度?$")
SIDE_WORDS = {"收入": "收入", "支出": "支出", "人员经费": "人员经费", "公用经费": "公用经费"}


@dataclass
class Stats:
    figures: int = 0
    codes: int = 0
    texts: int = 0
    filled: int = 0


def column_stats(grid: list[list[str]], rows: list[int], k: int) -> Stats:
    s = Stats()
    for r in rows:
        t = grid[r][k].strip()
        if not t:
            continue
        s.filled += 1
        if YEAR.match(t):
            s.texts += 1  # a year (2024) is a label, never a figure
        elif CODE_TEXT.match(t) or UNIT_CODE.match(t):
            s.codes += 1
        elif parse_number(t) is not None:
            s.figures += 1
        else:
            s.texts += 1
    return s


def header_paths(table: Table, reg: Regions) -> list[list[str]]:
    """Each column's header texts from the top (merged cells count for every column they cover)."""
    grid = table.grid(fill_spans=True)
    rows = [r for r in reg.header if r != reg.lanci_row]
    paths = []
    for k in range(table.n_cols):
        path: list[str] = []
        for r in rows:
            t = grid[r][k]
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(path)
    return paths


def role_of(path: list[str], stats: Stats) -> tuple[str, str | None, str | None, str | None, bool]:
    """(role, measure, basis, unit, qizhong) from the header path, checked against the data."""
    role = measure = basis = unit = None
    qizhong = False
    for text in path:  # outermost first: inner cells refine what outer ones say
        h = header_label(text)
        unit = h.unit or unit
        if h.role:
            role = h.role
        measure = h.measure or measure
        basis = h.basis or basis
        qizhong = qizhong or h.qizhong
    if path:
        leaf = header_label(path[-1])
        role = leaf.role or role
        if leaf.role in LABEL_ROLES + ("text", "lanci"):
            measure = basis = None
    mostly = lambda n: stats.filled and n >= 0.6 * stats.filled
    if role in VALUE_ROLES and mostly(stats.texts):
        role = "label" if not measure else "text"  # 项目 over project names
    elif role == "label" and mostly(stats.figures) and stats.figures >= 2:
        role = "money"  # (a column its header calls text — 数量, 备注 — stays text whatever it holds)
    elif role == "label" and mostly(stats.codes) and stats.codes >= 2:
        role = "code"
    elif role == "code" and mostly(stats.texts):
        role = "label"  # 采购品目大类 over 货物, 服务: names, not codes
    elif role is None:
        if not stats.filled:
            role = "empty" if not path else "unknown"
        elif mostly(stats.codes):
            role = "code"
        elif mostly(stats.figures):
            role = "money"
        elif mostly(stats.texts):
            role = "label"
        else:
            role = "unknown"
    if role == "money" and unit == "%":
        role = "rate"
    if role == "change":
        measure = "增减额"  # a money change (比上年增减): adds up like the amounts it compares
    return role, measure, basis, unit, qizhong


def segments(roles: list[str], declared: list[bool]) -> list[list[int]]:
    """Columns grouped into sides: a column whose header says it names rows (项目, 科目名称, 科目编码),
    after value columns, starts a new side."""
    out: list[list[int]] = []
    seen_value = False
    for k, role in enumerate(roles):
        if role in ("label", "code", "unit_code") and declared[k] and seen_value:
            out.append([])
            seen_value = False
        if not out:
            out.append([])
        out[-1].append(k)
        if role in VALUE_ROLES:
            seen_value = True
    return out


def side_name(segment: list[int], paths: list[list[str]], n: int) -> str:
    """收入 / 支出 / 人员经费 …: the top header word over the whole side, or its label column's header."""
    tops = {paths[k][0] for k in segment if paths[k]}
    for t in sorted(tops, key=len):
        key = t.replace(" ", "")
        for word, side in SIDE_WORDS.items():
            if key.startswith(word) or key.endswith(word):
                return side
    for k in segment:
        for t in paths[k]:
            key = t.replace(" ", "")
            for word, side in SIDE_WORDS.items():
                if word in key and len(key) <= len(word) + 4:
                    return side
    return f"第{n}部分"


def understand_columns(table: Table, reg: Regions, table_unit: str | None) -> list[ColumnInfo]:
    grid = table.grid(fill_spans=True)
    lanci = table.grid(fill_spans=False)[reg.lanci_row] if reg.lanci_row is not None else None
    paths = header_paths(table, reg)
    out, sub_parts = [], set()
    for k in range(table.n_cols):
        stats = column_stats(grid, reg.data, k)
        role, measure, basis, unit, qizhong = role_of(paths[k], stats)
        if qizhong:
            sub_parts.add(k)
        out.append(ColumnInfo(col=k, path=paths[k], role=role, measure=measure or basis, basis=basis,
                              unit=(unit or table_unit) if role in VALUE_ROLES else unit,
                              lanci=(lanci[k] or None) if lanci else None, year=year_of(paths[k])))
    infer_initial_budget(out)
    declared = [any(header_label(t).role in ("label", "code", "unit_code") for t in p[-1:]) for p in paths]
    segs = segments([c.role for c in out], declared)
    if len(segs) > 1:
        names = [side_name(seg, paths, n) for n, seg in enumerate(segs, start=1)]
        for n, (seg, name) in enumerate(zip(segs, names)):
            if names.count(name) > 1:
                # one half holding two lists (支出 / 功能分类 | 支出 / 支出用途): each list a side
                sub = next((p[1] for k in seg if len(p := paths[k]) > 2), None)
                name = f"{name}/{sub}" if sub else f"{name}{names[:n + 1].count(name)}"
            for k in seg:
                out[k].side = name
    column_closes(out, sub_parts)
    return out


def infer_initial_budget(columns: list[ColumnInfo]) -> None:
    """A column of figures without a header just before 调整后预算数, where no 年初预算数 column is: the
    年初预算数, its header lost in a text export (gxj2024.txt). Its path says it was inferred."""
    if any(c.basis == "年初预算数" for c in columns):
        return
    for a, b in zip(columns, columns[1:]):
        if a.role == "money" and not a.path and b.basis == "调整预算数":
            a.path, a.basis, a.measure, a.unit = ["(年初预算数)"], "年初预算数", "年初预算数", a.unit or b.unit


def column_closes(columns: list[ColumnInfo], sub_parts: set[int]) -> None:
    """For each total column (合计, 小计, 总计, "三公"经费合计) and each whole whose parts stand beside it
    (公务用车购置及运行费 over 购置费 | 运行维护费), the columns it adds up in the same row.

    The candidates are its siblings under the same header group (same side, same basis): a sub-group
    counts by its own total column (小计, 合计, 金额) where it has one, else by its columns; a "其中"
    column, and a column that is a part of another candidate (人员经费 of 基本支出), are left out. A
    total over a candidate whose measure is not known adds up nothing (it cannot be checked); a whole
    adds up the candidates that are its parts."""
    value = [c for c in columns if c.role == "money"]

    def rank(c: ColumnInfo) -> int:
        return row_label(c.path[-1]).rank if c.path else 0

    for c in value:
        whole = rank(c) == 0
        if whole and not c.measure:
            continue
        group = c.path[:-1]
        siblings = [o for o in value if o is not c and o.side == c.side and o.path[:len(group)] == group
                    and len(o.path) > len(group) and o.basis == c.basis]
        parts = representatives(siblings, len(group), rank)
        parts = [(p, m) for p, m in parts if p.col not in sub_parts]
        parts = [(p, m) for p, m in parts if not any(is_part(m, q) for _, q in parts if q != m)]
        if not whole and c.measure not in GENERIC_TOTALS:
            # a total that names what it adds up ("三公"经费合计, 收入总计) adds up its parts only (会议费
            # and 培训费 beside a "三公" table are none); beside a column nobody knows, it is not checked
            if not all(m for _, m in parts):
                continue
            whole = True
        if whole:
            parts = [(p, m) for p, m in parts if is_part(m, c.measure)]
            if len(parts) >= 2:
                c.closes = sorted(p.col for p, _ in parts)
        elif len(parts) >= 2 and all(m for _, m in parts) and all(
                rank(p) < rank(c) or len(p.path) > len(c.path) for p, _ in parts):  # (a sub-group's own 小计 counts)
            c.closes = sorted(p.col for p, _ in parts)


def representatives(members: list[ColumnInfo], depth: int, rank) -> list[tuple[ColumnInfo, str | None]]:
    """The columns that stand for the header groups under a path of `depth` levels, with their measures:
    a leaf for itself, a group by its own total column (小计, 合计, 金额) if it has one, else by the
    representatives of what is under it."""
    groups: dict[str, list[ColumnInfo]] = {}
    for o in members:
        groups.setdefault(o.path[depth], []).append(o)
    out: list[tuple[ColumnInfo, str | None]] = []
    for name, under in groups.items():
        if len(under) == 1 and len(under[0].path) == depth + 1:
            out.append((under[0], under[0].measure))
            continue
        own = [m for m in under if len(m.path) == depth + 2 and (rank(m) > 0 or m.measure == "金额")]
        if own:
            out.append((own[0], header_label(name).measure))
        else:
            out.extend(representatives([m for m in under if len(m.path) > depth + 1], depth + 1, rank))
    return out


def finest_label(labels: list[int], columns: list[ColumnInfo], grouped: set[int]) -> int | None:
    """Of row-header columns before the figures, where the first holds labels merged down over several
    rows (深圳 "三公": 预算单位 over 2025年 | 2026年 | 增减变化金额), the next one names the rows."""
    first_value = min((c.col for c in columns if c.role in ("money", "rate", "change")), default=None)
    heads = [k for k in labels if first_value is None or k < first_value]
    if len(heads) >= 2 and heads[0] in grouped:
        return next((k for k in heads[1:] if k not in grouped), None)
    return None


def label_columns(columns: list[ColumnInfo], side: str | None, grouped: set[int] | None = None) -> tuple[list[int], int | None]:
    """(code columns, name column) of one side."""
    cols = [c for c in columns if c.side == side and c.role not in ("money", "rate", "change")]
    first_value = min((c.col for c in columns if c.side == side and c.role in VALUE_ROLES), default=None)
    # a text column before the figures is a row header too (深圳 "三公": 年度 = 2025年 | 2026年 …)
    labels = [c.col for c in cols if c.role == "label" or (
        c.role == "text" and first_value is not None and c.col < first_value)]
    first_code = next((k for k, c in enumerate(cols) if c.role in ("code", "unit_code")), None)
    if first_code is None:
        return [], (finest if (finest := finest_label(labels, columns, grouped or set())) is not None
                    else (labels[0] if labels else None))
    # the code columns, and the name column right after them (科目编码 | 科目名称); a label before them
    # names the organisation (深圳: 预算单位 | 科目编码 | 科目名称), a second pair after them is another
    # reading of the same rows (西安 2019: 部门经济科目 | 政府经济科目)
    codes: list[int] = []
    for c in cols[first_code:]:
        if c.role in ("code", "unit_code"):
            codes.append(c.col)
        elif c.role == "label":
            return codes, c.col
    return codes, labels[0] if labels else None


def is_value(c: ColumnInfo) -> bool:
    return c.role in VALUE_ROLES


YEAR = re.compile(r"((?:19|20)\d{2})年")


def year_of(path: list[str]) -> int | None:
    """The year a column's header names ("2025年执行数 / 执行数" → 2025): a budget package prints last
    year's figures beside this year's."""
    for text in path:
        m = YEAR.search(text or "")
        if m:
            return int(m.group(1))
    return None
