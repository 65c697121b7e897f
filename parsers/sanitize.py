"""Text made safe at the reader boundary: whatever a file's text layer holds, what leaves a reader
can be encoded (UTF-8, JSON, Arrow) and shown.

PDF text layers and odd encodings produce unpaired UTF-16 surrogates (a ToUnicode map cut in
half, a glyph mapped to a lone high surrogate), C0/C1 control characters and non-characters;
undecodable file names come in as surrogate escapes. Each is replaced by U+FFFD and counted, so
the document says what was replaced instead of a serializer failing far downstream.
"""
from __future__ import annotations

import os
import re

from schemas.document import Document, Paragraph, Table

REPLACEMENT = "\ufffd"
# unpaired surrogates; C0 controls but tab and line feed; DEL and C1 controls; non-characters
_UNSAFE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\r": "\n", "\x85": "\n"}  # vertical tab, form feed, CR, NEL: line breaks


def safe_text(text: str) -> tuple[str, int]:
    """(text with every unsafe character replaced, how many were replaced). Line-break controls
    become line breaks and are not counted."""
    if not text or not _UNSAFE.search(text):
        return text, 0
    count = 0

    def repl(m: re.Match) -> str:
        nonlocal count
        ch = m.group()
        if ch in _BREAKS:
            return _BREAKS[ch]
        count += 1
        return REPLACEMENT

    return _UNSAFE.sub(repl, text), count


def safe_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (surrogate escapes) read as GB18030 where
    they are that (Chinese Windows archives), else replaced."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        for encoding in ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        return raw.decode("utf-8", errors="replace")


def sanitize_document(doc: Document) -> Document:
    """Every text of the document made safe in place; a warning says how many characters were replaced."""
    replaced = 0

    def fix(text: str | None) -> str | None:
        nonlocal replaced
        if text is None:
            return None
        out, n = safe_text(text)
        replaced += n
        return out

    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.text = fix(block.text)
        elif isinstance(block, Table):
            block.caption = fix(block.caption)
            block.context = [fix(t) for t in block.context]
            for cell in block.cells:
                cell.text = fix(cell.text)
    doc.warnings = [fix(w) for w in doc.warnings]
    doc.unread = [fix(w) for w in doc.unread]
    doc.source_file = safe_name(doc.source_file)
    if replaced:
        doc.warnings.append(f"{replaced} unencodable characters (unpaired surrogates, control characters) "
                            f"replaced by U+FFFD")
    return doc
