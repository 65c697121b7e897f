"""The nouns of jixiao: document model, records, findings, and their Arrow schemas."""
from schemas.document import Block, Cell, Document, Paragraph, Table
from schemas.records import (
    DATASETS,
    BudgetLine,
    DocumentInfo,
    DocumentRecords,
    Fact,
    Finding,
    FormField,
    Indicator,
    ScoreItem,
    TableCellRecord,
)

__all__ = [
    "Block", "Cell", "Document", "Paragraph", "Table", "DATASETS", "BudgetLine", "DocumentInfo",
    "DocumentRecords", "Fact", "Finding", "FormField", "Indicator", "ScoreItem", "TableCellRecord",
]
