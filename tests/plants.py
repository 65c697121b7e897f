"""Altered copies of real documents: one sentence or one table cell of the document model changed, as if
the publisher had printed it so."""
from __future__ import annotations

from functools import lru_cache

from parsers import read_document
from pipeline.work import doc_id_of


@lru_cache(maxsize=None)
def document_json(path: str) -> str:
    from pathlib import Path
    data = Path(path).read_bytes()
    return read_document(data, Path(path).name, doc_id_of(data), ".pdf").model_dump_json()


def altered(path, sentence: tuple[str, str] | None = None, cell: tuple[int, str, str, str] | None = None):
    from schemas.document import Document
    doc = Document.model_validate_json(document_json(str(path)))
    if sentence is not None:
        old, new = sentence
        hits = [p for p in doc.paragraphs if old in p.text]
        assert hits, old
        hits[0].text = hits[0].text.replace(old, new, 1)
    if cell is not None:
        page, label, old, new = cell
        done = False
        for t in doc.tables:
            rows = {}
            for c in t.cells:
                rows.setdefault(c.row, []).append(c)
            for row in rows.values():
                if c_page(row) == page and any(label in (c.text or "") for c in row):
                    target = next((c for c in sorted(row, key=lambda c: c.col) if c.text == old), None)
                    if target is not None and not done:
                        target.text, done = new, True
        assert done, cell
    return doc


def c_page(row) -> int | None:
    return next((c.page for c in row if c.page is not None), None)
