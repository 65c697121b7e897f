"""Facts → the table cells they restate (the linking stage, between extraction and the rules).

A money figure of the 情况说明 ("一般公共服务支出15,291.3万元") restates one cell of one table. Which
table: the one its section is about ("四、关于财政拨款收支总表的说明", "(四)…（详见表4）"), else every
table that prints that row. Which row: the row of the item it names (by label, canonical name or
total word), or for a name that is a column (基本支出, 人员经费) the grand total row under that
column. Which column: the row's main figure (合计, or the half's one money column, or the column
of the basis the sentence names: 年初预算 / 调整后预算 / 决算), or, where the section is about one
kind of spending ("(二)项目支出"), that column.

The link is stored on the fact (link_table_id, link_row, link_col, link_value, link_status,
link_reason): `linked` when the cells that fit all agree (one cell of the table the section names, or
the same row printed alike in several tables), `weak` when the row was found by its name in one table
only (the rules may not call a difference an error); where they disagree, `matched` when the figure equals one of them (consistent with
one reading; the only case where its value chooses) and `ambiguous` otherwise (the rules then
compare nothing and say what could not be checked).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.normalize.labels import canonical_item
from parsers.normalize.vocabulary import kind_of_title, row_label
from pipeline.link.names import Name, name_of
from pipeline.validate.figures import amount_interval, fact_interval
from schemas.records import Amount, DocumentRecords, Fact
from schemas.tables import ColumnInfo, TableInfo

FORMS = ("score_sheet", "target_table", "self_evaluation_form")
# the tables of 财政拨款 money (a figure that says 财政拨款 is never the department's all-funds figure)
FISCAL_KINDS = {"fiscal_summary", "general_budget_expenditure", "general_budget_basic_expenditure",
                "general_budget_basic_by_function", "general_budget_economic_expenditure", "three_public",
                "government_fund_expenditure", "state_capital_expenditure", "fiscal_expenditure",
                "final_fiscal_summary", "final_general_budget_expenditure", "final_general_budget_basic_expenditure",
                "final_three_public", "final_government_fund", "final_state_capital"}
THREE_PUBLIC = {"three_public", "final_three_public"}
# the tables of all the department's money, whose grand total is the department's
WHOLE_KINDS = {"department_budget", "revenue_expenditure_summary", "revenue_summary", "expenditure_summary",
               "final_revenue_expenditure_summary", "final_revenue", "final_expenditure"}
# kinds of spending a section can be about; they are columns of the 支出 tables
SPENDING_KINDS = {"基本支出", "项目支出", "人员经费", "公用经费"}
ASPECT_BASIS = {"initial_budget": ("年初预算数",), "adjusted_budget": ("调整预算数",),
                "actual_spending": ("决算数", "执行数")}
TOTAL_MEASURES = ("合计", "总计", "小计")  # in that order of preference: 小计 where a group's total has no other name
TABLE_NUMBERS = re.compile(r"表\s*(\d{1,2})(?:\s*[-—~至到]\s*(\d{1,2}))?")
YEARS = re.compile(r"(\d{4})年")


@dataclass
class TableIndex:
    """One money table as the linker looks it up."""
    info: TableInfo
    cells: dict[tuple[int, int], Amount]
    year: int | None = None  # the document's fiscal year

    @classmethod
    def of(cls, info: TableInfo, amounts: list[Amount], year: int | None) -> "TableIndex":
        return cls(info, {(a.row, a.col): a for a in amounts}, year)

    def money_columns(self, side: str | None) -> list[ColumnInfo]:
        """This year's money columns of a side (last year's, printed beside them, restate nothing)."""
        return [c for c in self.info.columns if c.role == "money" and c.side == side
                and not (c.basis or "").startswith("上年") and not (self.year and c.year and c.year < self.year)]

    def main_columns(self, side: str | None, aspect: str | None) -> list[ColumnInfo]:
        """The column that holds a row's own figure: 合计, or the one money column, or the column of
        the basis the sentence names. None fits where a table has several and nothing chooses."""
        money = self.money_columns(side)
        if aspect in ASPECT_BASIS:
            chosen = [c for c in money if c.basis in ASPECT_BASIS[aspect]]
            if chosen:
                total = [c for c in chosen if c.measure in TOTAL_MEASURES or c.measure == c.basis]
                return total[:1] or chosen[:1]
        # the column that adds up others and is added up by none (合计, "三公"经费合计 …), else one named 合计
        roots = [c for c in money if c.closes and not any(c.col in o.closes for o in money)]
        if roots:
            return roots[:1]
        totals = [c for c in money if c.measure in ("合计", "总计")]
        if totals:
            return totals[:1]
        if len(money) == 1:
            return money
        bases = {c.basis for c in money}
        if len(bases) > 1 and aspect is None:
            # 决算 tables: 年初预算数 | 调整预算数 | 决算数 — a bare figure of a 决算 package is its 决算数
            final = [c for c in money if c.basis == "决算数"]
            return final[:1] if self.info.table_kind.startswith("final_") else []
        return []

    def grand_totals(self, side: str | None) -> list:
        """The rows that total a side (or the table): those of the highest rank printed."""
        totals = [i for i in self.info.items if i.is_total and (side is None or i.side == side)]
        if not totals:
            rows = [i for i in self.info.items if side is None or i.side == side]
            return rows if len(rows) == 1 else []  # a one-row table (the 三公 table) is its own total
        ranks = {i.row: rank(i.canonical, i.name) for i in totals}
        top = max(ranks.values())
        return [i for i in totals if ranks[i.row] == top or i.canonical in ("收入总计", "支出总计")]

    def cells_for(self, name: Name, aspect: str | None, spending: str | None) -> list[Amount]:
        out: list[Amount] = []
        # in the order printed, not a set's: with two equal totals (收入 and 支出 of a 收支总表) the first
        # found is the link, and a set's order changes with the interpreter's string hashing
        sides = list(dict.fromkeys(i.side for i in self.info.items)) or [None]
        if name.grand_total or (name.table_kind and name.table_kind == self.info.table_kind):
            for side in sides:
                if name.side and side and not side.startswith(name.side):
                    continue
                rows = self.grand_totals(side)
                cols = self.spending_columns(side, spending) if spending else self.main_columns(side, aspect)
                out += [self.cells[(r.row, c.col)] for r in rows for c in cols if (r.row, c.col) in self.cells]
            return out
        for item in self.info.items:
            if item.is_total or not item_matches(item, name):
                continue
            cols = self.spending_columns(item.side, spending) if spending else self.main_columns(item.side, aspect)
            out += [self.cells[(item.row, c.col)] for c in cols if (item.row, c.col) in self.cells]
        if name.canonical and not out:
            # a kind of spending printed as a column (支出总表: 基本支出 | 项目支出): its grand total
            for side in sides:
                cols = [c for c in self.money_columns(side) if name.canonical in column_names(c)
                        and basis_fits(c, aspect)]
                for r in self.grand_totals(side):
                    out += [self.cells[(r.row, c.col)] for c in cols if (r.row, c.col) in self.cells]
        return out

    def spending_columns(self, side: str | None, spending: str) -> list[ColumnInfo]:
        return [c for c in self.money_columns(side) if spending in column_names(c)][:1]


def basis_fits(c: ColumnInfo, aspect: str | None) -> bool:
    """A column of a basis other than the one the sentence names restates nothing it says (a 三公
    table's 公务接待费 年初预算数 column is not its 决算数)."""
    return aspect not in ASPECT_BASIS or not c.basis or c.basis in ASPECT_BASIS[aspect]


def column_names(c: ColumnInfo) -> set[str]:
    """What a column's figures are of: its measure, and for a group's 小计/合计 (基本支出 / 小计) the group."""
    names = {c.measure} if c.measure else set()
    if c.measure in TOTAL_MEASURES and len(c.path) >= 2:
        group = canonical_item(c.path[-2])
        if group:
            names.add(group)
    return names


def rank(canonical: str | None, name: str) -> int:
    from parsers.normalize.vocabulary import items
    vocab = items()
    if canonical in vocab and vocab[canonical].rank:
        return vocab[canonical].rank
    return row_label(name).rank or 1


def item_matches(item, name: Name) -> bool:
    key = row_label(item.name).name if item.name else ""
    if key and key == name.key:
        return True
    return bool(name.canonical) and item.canonical == name.canonical


def eligible(f: Fact, year: int | None) -> bool:
    """A figure of the narrative that restates a table cell: money, stated plainly (no change, rate,
    threshold or estimate), of this year (a figure of an earlier year is in no column of these tables)."""
    if f.source != "narrative" or f.unit != "元" or f.metric or f.comparator or f.qualifier or f.value is None:
        return False
    if f.depth:
        return False  # an aside in brackets ("（含上年结转X万元）")
    head = f.sentence[:f.position]
    clause = re.split(r"[;；。]", head)[-1]
    years = [int(y) for y in YEARS.findall(clause)]
    if "上年" in clause or "去年" in clause or (year and years and years[-1] < year):
        return False
    return True


def section_tables(f: Fact, indexes: dict[str, TableIndex]) -> tuple[list[TableIndex], str | None]:
    """The tables the fact's section is about: by the kind its headings name (innermost first,
    widened outwards while the kind is not among the document's tables), or by the table numbers
    it refers to ("详见表1-3")."""
    parts = [p for p in (f.section or "").split(" / ") if p]
    present = {t.info.table_kind for t in indexes.values()}
    for k in range(len(parts) - 1, -1, -1):
        # "四、财政拨款收入支出决算总体情况说明" is the heading of the 财政拨款收入支出决算总表's 说明
        kind = kind_of_title(" ".join(parts[k:]).replace("总体情况", "总表"))
        if kind is not None and kind.kind in present:
            return [t for t in indexes.values() if t.info.table_kind == kind.kind], parts[k]
    for part in reversed(parts):
        m = TABLE_NUMBERS.search(part)
        if m:
            lo = int(m.group(1))
            hi = int(m.group(2) or lo)
            chosen = [t for t in indexes.values() if number_of(t.info) is not None and lo <= number_of(t.info) <= hi]
            if chosen:
                return chosen, part
    return [], None


def number_of(info: TableInfo) -> int | None:
    m = re.search(r"(\d{1,2})", info.table_number or "")
    return int(m.group(1)) if m else None


def spending_of(f: Fact) -> str | None:
    """The kind of spending the innermost section is about ("(一)基本支出"), if it is one."""
    parts = [p for p in (f.section or "").split(" / ") if p]
    if not parts:
        return None
    name = name_of(parts[-1])
    return name.canonical if name and name.canonical in SPENDING_KINDS else None


def table_indexes(records: DocumentRecords) -> dict[str, TableIndex]:
    """The document's money tables (forms left out) as the linker and the table identities look them up."""
    by_table: dict[str, list[Amount]] = {}
    for a in records.amounts:
        by_table.setdefault(a.table_id, []).append(a)
    return {t.table_id: TableIndex.of(t, by_table[t.table_id], records.document.fiscal_year) for t in records.tables
            if t.table_kind not in FORMS and not t.empty and t.table_id in by_table}


def link_facts(records: DocumentRecords) -> None:
    """Set the link fields of every narrative money figure (see the module's docstring)."""
    indexes = table_indexes(records)
    if not indexes:
        return
    year = records.document.fiscal_year
    for f in records.facts:
        if not eligible(f, year):
            continue
        name = name_of(f.subject)
        if f.item == "合计" and f.aspect and (name is None or not (name.canonical or name.grand_total or name.table_kind)):
            # a bare column word (预算安排, 调整后预算, 实际支出) that the extraction took for the
            # department's total: the grand total of its tables
            # — or, under a heading that names an item ("(一)因公出国(境)经费：预算安排0.00万元", 泉州
            # 2026), that item
            parts = [p for p in (f.section or "").split(" / ") if p]
            heading = name_of(parts[-1]) if parts else None
            if heading is not None and heading.canonical and not heading.grand_total:
                name = heading
            else:
                name = Name(key="合计", canonical=None, grand_total=True, side=None, fiscal="财政拨款" in f.subject)
        if name is None:
            continue
        link_one(f, name, indexes)


CURRENT_YEAR_ONLY = ("当年拨款", "当年财政拨款")  # 当年拨款 leaves out 上年结转, which the tables' totals hold


def link_one(f: Fact, name: Name, indexes: dict[str, TableIndex]) -> None:
    spending = spending_of(f) if name.canonical not in SPENDING_KINDS else None
    if name.table_kind:
        tables, section = [t for t in indexes.values() if t.info.table_kind == name.table_kind], None
        reason = "数字名称即表名"
    else:
        tables, section = section_tables(f, indexes)
        reason = f"说明所在部分（{section}）所指的表"
    clause = re.split(r"[;；。]", f.sentence[:f.position])[-1]
    if (any(w in (f.section or "") or w in clause for w in CURRENT_YEAR_ONLY)
            and not any(w in f.subject for w in CURRENT_YEAR_ONLY)):
        return  # a 类 of this year's appropriation alone: no column of the tables holds it
    found = [a for t in tables for a in t.cells_for(name, f.aspect, spending)]
    status = "linked"
    if not found and not tables:
        # no table named: the row of that name wherever it is printed; one table alone is a weak tie
        # (a 基本支出表's 委托业务费 is the basic part of the department's 委托业务费)
        pool = [t for t in indexes.values() if not name.fiscal or t.info.table_kind in FISCAL_KINDS]
        if name.canonical == "三公经费" or "三公" in f.subject:
            pool = [t for t in pool if t.info.table_kind in THREE_PUBLIC]
        else:
            pool = [t for t in pool if t.info.table_kind not in THREE_PUBLIC]
        found = [a for t in pool for a in t.cells_for(name, f.aspect, spending)]
        names = sorted({indexes[a.table_id].info.display_name for a in found})
        reason = f"同名行（{'、'.join(names)}）"
        # one table is enough where it holds the whole department's money (a row of a 基本支出表 is
        # only the basic part of the department's row of that name)
        whole = {indexes[a.table_id].info.table_kind for a in found} <= WHOLE_KINDS
        status = "linked" if len(names) > 1 or (whole and found) else "weak"
    if not found:
        return
    first = found[0]
    if all(amount_interval(a).overlaps(amount_interval(first)) for a in found):
        set_link(f, first, status, reason + (f"，{len(found)}处数值一致" if len(found) > 1 else ""))
        return
    readings = "、".join(sorted({f"{indexes[a.table_id].info.display_name}{a.item or '合计'}"
                                 f"{a.value / 10000:,.2f}万元" for a in found})[:4])
    same = next((a for a in found if amount_interval(a).overlaps(fact_interval(f))), None)
    if same is not None:
        # several readings, and the figure is one of them: consistent, though which one it restates
        # was chosen by its value
        set_link(f, same, "matched", f"{reason}，各处数值不同（{readings}），与其中{indexes[same.table_id].info.display_name}一致")
    else:
        f.link_status, f.link_reason = "ambiguous", f"{reason}，各处数值不同：{readings}"


def set_link(f: Fact, a: Amount, status: str, reason: str) -> None:
    f.link_table_id, f.link_row, f.link_col, f.link_value = a.table_id, a.row, a.col, a.value
    f.link_status, f.link_reason = status, reason
