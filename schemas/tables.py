"""What a table is understood to be: the one reading of a table that every extractor, rule and report uses.

Made once per table by pipeline.understand from the document model, and exported as the `tables`
dataset (one row per table, its columns and row items nested), so an analyst sees exactly what was
understood — and what was not.
"""
from __future__ import annotations

from pydantic import BaseModel

from schemas.base import Keyed

ColumnRole = str  # label | code | unit_code | serial | money | rate | change | count | text | empty | unknown


class ColumnInfo(BaseModel):
    col: int
    path: list[str]  # the header path as printed, outermost first ("本年支出", "基本支出", "人员经费")
    role: str  # see ColumnRole
    measure: str | None = None  # canonical measure: the item the figures are of (人员经费, 合计 …) or their basis
    basis: str | None = None  # what the figures are: 预算数, 决算数, 年初预算数, 调整预算数, 执行数 …
    unit: str | None = None  # the printed unit of its figures (万元, 元, %)
    side: str | None = None  # the half of a side-by-side table it belongs to (收入, 支出, 人员经费 …)
    closes: list[int] = []  # for a total column: the columns it adds up, in the same row
    lanci: str | None = None  # its number in the 栏次 row, as printed
    year: int | None = None  # the year its header names (2025年执行数 beside 2026年预算数)


class RowItem(BaseModel):
    row: int
    side: str | None = None
    code: str | None = None  # the subject code, 类/款/项 columns joined (2040201)
    name: str = ""  # the row's label, cleaned (numbering kept off: see `outline`)
    outline: str | None = None  # the numbering printed before the name ("一、", "(一)", "1.")
    level: str | None = None  # 类 / 款 / 项 for subject codes
    depth: int | None = None  # 0 for top-level rows; from codes, numbering or indentation; None if unknown
    parent_row: int | None = None
    parent_code: str | None = None
    canonical: str | None = None  # the item vocabulary's name (items.tsv), if it is one
    is_total: bool = False  # 合计, 总计, 小计, 本年收入合计 …: a row that adds others up
    closes: list[int] | None = None  # rows it is the sum of (same side); None when that is not known
    page: int | None = None


class TableInfo(Keyed):
    table_id: str
    page: int | None = None
    pages: list[int] = []
    n_rows: int = 0
    n_cols: int = 0
    table_kind: str = "other"  # canonical kind (tables.tsv), or score_sheet, target_table, self_evaluation_form, other
    kind_reason: str | None = None  # why: "title: …", "columns: …"
    table_title: str | None = None
    table_number: str | None = None  # 公开01表, 表一, 表1 …
    unit: str | None = None  # the unit the table declares for its figures
    unit_source: str | None = None  # where it was declared ("单位：万元" above the table, a header …), or "assumed"
    title_rows: int = 0  # rows inside the grid that hold its title or unit line
    header_rows: int = 0  # rows of column headers (title rows and the 栏次 row included)
    lanci_row: int | None = None
    sides: list[str] = []
    columns: list[ColumnInfo] = []
    items: list[RowItem] = []
    empty: bool = False  # no figures at all (an empty table, often with a note)
    note: str | None = None  # the note printed with it (本表为空表 …)
    not_understood: list[str] = []  # what could not be understood (kept, counted, never guessed)
    labels: int = 0  # row and column labels, and of them
    labels_understood: int = 0  # those understood

    @property
    def display_name(self) -> str:
        """How the report names the table: its number (公开03表, 表1), else its title."""
        if self.table_number:
            return self.table_number
        return f"表“{self.table_title}”" if self.table_title else f"表{self.table_id}"
