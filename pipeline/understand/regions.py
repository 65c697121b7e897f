"""Where a table's parts are: title rows inside the grid, header rows, the 栏次 row, data rows, notes.

Seen in wide/ (tests/data/handchecked): titles and 单位 lines printed as merged rows inside the grid
(江苏 2017–2019, 西安 2019); headers one to four rows deep with merged cells; a 栏次 row of column
numbers under the header in about a tenth of the tables, as `栏次 1 2 3`, `** 1 2 3` or bare
`1 2 3` (长沙, 西安, 杭州, 国家信访局, 苏州); a note printed as the last row (`注：…`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.normalize.numbers import parse_number
from parsers.normalize.vocabulary import header_label, row_label
from pipeline.understand.settings import UnderstandSettings
from schemas.document import Table

LANCI_MARKS = {"栏次", "行次", "**", "*", "***", "—", "--", "-", "——", "栏号", "列次"}
NOTE = re.compile(r"^\s*(注|备注|说明|附注)\s*[:：\d一二三]")
TITLE_WORDS = re.compile(r"表|单位\s*[:：]|部门\s*[:：]|部门名称|单位名称\s*[:：]|编制|公开|年度|年$|万元|元\)?$")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


@dataclass
class Regions:
    title_rows: list[int] = field(default_factory=list)
    header: list[int] = field(default_factory=list)  # header rows (the 栏次 row included), in order
    lanci_row: int | None = None
    data: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    repeated_headers: list[int] = field(default_factory=list)  # header rows printed again inside the data

    @property
    def header_rows(self) -> int:
        """Rows above the data (title rows, header, 栏次)."""
        return max(self.title_rows + self.header, default=-1) + 1


def distinct_texts(row: list[str]) -> list[str]:
    out: list[str] = []
    for t in row:
        if t and (not out or out[-1] != t):
            out.append(t)
    return out


def is_figure(text: str) -> bool:
    """A printed amount or rate (not a code, a 栏次 number or a year)."""
    if not text:
        return False
    n = parse_number(text)
    if n is None:
        return False
    if n.unit == "%" or n.decimals > 0 or "," in text:
        return True
    return False


def is_int(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}", text.strip()))


def is_lanci_row(row: list[str]) -> bool:
    """`栏次 | 1 | 2 | 3`, `** | ** | 1 | 2`, `1 | 2 | 3 …`: numbers of the columns, part of the header."""
    filled = [t.strip() for t in row if t and t.strip()]
    if len(filled) < 2:
        return False
    numbers = [int(t) for t in filled if is_int(t)]
    others = [t for t in filled if not is_int(t)]
    if any(t not in LANCI_MARKS for t in others):
        return False
    if not numbers:
        return all(t.startswith("*") for t in others)  # "** | ** | ** | **" (西安 表10)
    if len(numbers) < 2:
        return False
    # increasing, mostly by one (a merged pair may skip)
    return all(b > a for a, b in zip(numbers, numbers[1:])) and numbers[-1] - numbers[0] <= 2 * len(numbers)


DECLARATION = re.compile(r"^(?:金额|计量)?单位\s*[:：]|^(?:部门|单位|预算单位|编制单位)(?:名称)?\s*[:：]")


def is_title_row(grid: list[list[str]], r: int, n_cols: int) -> bool:
    texts = distinct_texts(grid[r])
    if texts and len(texts) <= 4 and any(DECLARATION.match(t) for t in texts) and not any(is_figure(t) for t in texts):
        return True  # "部门： | 江苏省人大常委会办公厅 | 单位：万元"
    if not texts or len(texts) > 3:
        return False
    joined = "".join(texts)
    if any(header_label(t).role for t in texts) and not re.search(r"单位\s*[:：]|部门\s*[:：]|表", joined):
        return False
    if any(is_figure(t) for t in texts):
        return False
    wide = len(texts) == 1 and sum(1 for t in grid[r] if t == texts[0]) >= max(2, 0.6 * n_cols)
    return bool(TITLE_WORDS.search(joined)) and (wide or len(texts) <= 2 and re.search(r"单位\s*[:：]", joined) is not None)


OUTLINED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．](?!\d))\s*\S")


def is_data_row(row: list[str], cells_right: list[str]) -> bool:
    """A row of figures, or of a total or code label with figures (or nothing) beside it, or of
    numbered labels (一、部门预算: headers are never numbered)."""
    if any(is_figure(t) for t in row):
        return True
    if any(OUTLINED.match(t) for t in row if t):
        return True
    label = next((t for t in row if t), "")
    if not label:
        return False
    if row_label(label).is_total and not any(header_label(t).role for t in cells_right if t and t != label):
        return True
    return bool(CODE.match(label.strip())) and not is_lanci_row(row)


def header_like(row: list[str]) -> bool:
    """Most filled cells name columns (合计, 预算数, 项目 …)."""
    filled = distinct_texts(row)
    if not filled:
        return False
    known = sum(1 for t in filled if header_label(t).role)
    return known >= max(1, len(filled) // 2)


def find_regions(table: Table, settings: UnderstandSettings) -> Regions:
    grid = table.grid(fill_spans=True)
    n = table.n_rows
    reg = Regions()
    r = 0
    while r < n and (not any(grid[r]) or (len(reg.title_rows) < settings.max_title_rows
                                          and is_title_row(grid, r, table.n_cols))):
        reg.title_rows.append(r)  # empty rows above the title count with it
        r += 1
    start = r
    covered = start  # a header cell merged downwards makes the rows it covers header rows
    while r < n and r - start < settings.max_header_rows:
        row = grid[r]
        if is_lanci_row(row):
            reg.header.append(r)
            reg.lanci_row = r
            r += 1
            break
        if r >= covered and is_data_row(row, row[1:]) and not (r == start and header_like(row)):
            break
        reg.header.append(r)
        covered = max(covered, max((c.row + c.row_span for c in table.cells if c.row == r), default=r + 1))
        r += 1
    if not reg.header and n > 1 and header_like(grid[start]):
        reg.header = [start]
        r = start + 1
    header_texts = [grid[h] for h in reg.header if h != reg.lanci_row]
    for k in range(r, n):
        row = grid[k]
        texts = distinct_texts(row)
        if not texts:
            continue
        if len(texts) == 1 and NOTE.match(texts[0]) and k >= n - 3:
            reg.notes.append(k)
        elif row in header_texts or is_lanci_row(row):
            reg.repeated_headers.append(k)
        else:
            reg.data.append(k)
    return reg
