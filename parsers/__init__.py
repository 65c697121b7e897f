"""From bytes to the document model: one reader per input format, picked by file suffix.

`read_document` is the boundary every input crosses: the reader for the suffix, then the text made
safe (parsers.sanitize). A reader raises UnreadableFile (or anything else, for a bug) when it cannot
read a file; it never returns an empty document in its place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from parsers.errors import UnreadableFile

if TYPE_CHECKING:  # the model is imported by the readers: finding the inputs needs none of it
    from schemas.document import Document

Reader = Callable[[bytes, str, str], "Document"]


def _pdf(data: bytes, source_file: str, doc_id: str) -> Document:
    from parsers.pdf.reader import read_pdf
    return read_pdf(data, source_file, doc_id)


def _txt(data: bytes, source_file: str, doc_id: str) -> Document:
    from parsers.text import read_text
    return read_text(data, source_file, doc_id)


def _md(data: bytes, source_file: str, doc_id: str) -> Document:
    from parsers.markdown import read_markdown
    return read_markdown(data, source_file, doc_id)


def _html(data: bytes, source_file: str, doc_id: str) -> Document:
    from parsers.html import read_html
    return read_html(data, source_file, doc_id)


READERS: dict[str, Reader] = {".pdf": _pdf, ".txt": _txt, ".md": _md, ".html": _html, ".htm": _html}


def reader_for(suffix: str) -> Reader | None:
    return READERS.get(suffix.lower())


def read_document(data: bytes, source_file: str, doc_id: str, suffix: str) -> Document:
    """The document model of one file; UnreadableFile when its format cannot be read."""
    from parsers.sanitize import sanitize_document

    reader = reader_for(suffix)
    if reader is None:
        raise UnreadableFile(source_file, f"unsupported file type '{suffix}'")
    return sanitize_document(reader(data, source_file, doc_id))
