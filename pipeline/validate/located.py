"""Where a finding's figures are printed: each input's box on its page, from the cell or sentence it
was read from, so the report can mark the figure itself (never a search of the page for its digits)."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from schemas.records import DocumentRecords, Finding, FindingInput, TableCellRecord


class Locator:
    def __init__(self, records: DocumentRecords):
        self.labels = records.document.page_labels
        self.cells: dict[tuple[str, int, int], TableCellRecord] = {}
        self.rows: dict[tuple[str, int], list[TableCellRecord]] = defaultdict(list)
        for c in records.table_cells:
            if c.bbox is None:
                continue
            self.cells[(c.table_id, c.row, c.col)] = c
            self.rows[(c.table_id, c.row)].append(c)

    def cell_of(self, i: FindingInput) -> TableCellRecord | None:
        if i.table_id is None or i.row is None:
            return None
        if i.col is not None:
            return self.cells.get((i.table_id, i.row, i.col))
        # a row's figure read without its column (a form's money line, a score item): the one cell of
        # the row holding that value; two cells with it leave the figure unplaced rather than guessed
        if i.value is None:
            return None
        same = [c for c in self.rows.get((i.table_id, i.row), ()) if c.value is not None and not c.is_header
                and Decimal(c.value) == Decimal(i.value)]
        if len(same) == 2 and i.measure in ("得分", "分值"):
            # a full score: 分值 and 得分 print the same figure, and every score sheet and form in the
            # samples prints 分值 left of 得分 (南京, 国家信访局 自评表, 长沙, 首都绿化, 广州)
            return sorted(same, key=lambda c: c.col)[-1 if i.measure == "得分" else 0]
        return same[0] if len(same) == 1 else None

    def place(self, f: Finding) -> Finding:
        for i in f.inputs:
            if i.bbox is None:
                cell = self.cell_of(i)
                if cell is not None:
                    i.bbox, i.page = list(cell.bbox), cell.page
        if f.bbox is None:
            # the stated figure's box: the first input (rules list the stated or total figure first)
            # printed on the finding's page
            f.bbox = next((list(i.bbox) for i in f.inputs if i.bbox and (f.page is None or i.page == f.page)), None)
        if f.page and 0 < f.page <= len(self.labels):
            f.page_label = self.labels[f.page - 1]
        return f
