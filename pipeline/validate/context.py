"""What the rules look at: one document's records, indexed the ways the rules need."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from schemas.records import Amount, BudgetLine, DocumentRecords, Fact
from schemas.tables import TableInfo


@dataclass
class Context:
    records: DocumentRecords
    tables: dict[str, list[BudgetLine]] = field(default_factory=dict)  # budget lines by table
    sentences: dict[int, list[Fact]] = field(default_factory=dict)
    understood: dict[str, TableInfo] = field(default_factory=dict)  # table_id → its understanding
    cells: dict[tuple[str, int, int], Amount] = field(default_factory=dict)  # (table, row, col) → amount

    @classmethod
    def of(cls, records: DocumentRecords) -> "Context":
        tables: dict[str, list[BudgetLine]] = defaultdict(list)
        for b in records.budget_lines:
            tables[b.table_id].append(b)
        sentences: dict[int, list[Fact]] = defaultdict(list)
        for f in records.facts:
            sentences[f.sentence_id if f.sentence_id is not None else -1].append(f)
        understood = {t.table_id: t for t in records.tables}
        cells = {(a.table_id, a.row, a.col): a for a in records.amounts}
        return cls(records, dict(tables), dict(sentences), understood, cells)

    @property
    def doc(self):
        return self.records.document

    def lines_of_kind(self, *kinds: str) -> list[list[BudgetLine]]:
        return [lines for lines in self.tables.values() if lines[0].table_kind in kinds]
