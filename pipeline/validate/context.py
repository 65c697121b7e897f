"""What the rules look at: one document's records, indexed the ways the rules need."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from schemas.records import BudgetLine, DocumentRecords, Fact


@dataclass
class Context:
    records: DocumentRecords
    tables: dict[str, list[BudgetLine]] = field(default_factory=dict)
    sentences: dict[int, list[Fact]] = field(default_factory=dict)

    @classmethod
    def of(cls, records: DocumentRecords) -> "Context":
        tables: dict[str, list[BudgetLine]] = defaultdict(list)
        for b in records.budget_lines:
            tables[b.table_id].append(b)
        sentences: dict[int, list[Fact]] = defaultdict(list)
        for f in records.facts:
            sentences[f.sentence_id if f.sentence_id is not None else -1].append(f)
        return cls(records, dict(tables), dict(sentences))

    @property
    def doc(self):
        return self.records.document

    def lines_of_kind(self, *kinds: str) -> list[list[BudgetLine]]:
        return [lines for lines in self.tables.values() if lines[0].table_kind in kinds]
