"""Reader for plain-text exports (.txt): tab-separated lines are table rows, other
non-empty lines are paragraphs. Boundary and alignment rules live in parsers.plain."""
from __future__ import annotations

from parsers.plain import (
    read_lines_with,
    BlockBuilder,
    cell_text,
    has_dot_leader,
    is_page_number,
    is_toc_entry,
    is_toc_heading,
    strip_bullet,
)
from schemas.document import Document


def read_text(data: bytes, source_file: str, doc_id: str) -> Document:
    return read_lines_with("txt", _read_lines, data, source_file, doc_id)


def _read_lines(lines: list[str], builder: BlockBuilder) -> None:
    in_toc = False
    for line in lines:
        if not line.strip():
            continue  # blank lines never end a table
        if is_page_number(line):
            continue
        if in_toc:
            if is_toc_entry(line):
                continue  # table-of-contents entries are dropped
            in_toc = False
        if is_toc_heading(line):
            in_toc = True
            builder.paragraph(line)
            continue
        if has_dot_leader(line) and is_toc_entry(line):
            continue
        if "\t" in line:
            fields = [cell_text(f) for f in line.split("\t")]
            filled = sum(1 for f in fields if f)
            if filled == 0:
                continue
            # an indented paragraph ("\ttext") is a row only inside an open table
            if filled > 1 or builder.in_table:
                builder.row(fields, cleaned=True)
                continue
            builder.paragraph(" ".join(f for f in fields if f), cleaned=True)
            continue
        builder.paragraph(strip_bullet(line))
