"""Reader for Markdown (.md): pipe tables, headings, paragraphs, list items.

Inline markup (``**bold**``, ``*em*``, ``code``, links, images, ``<b>``/``<br>`` tags,
backslash escapes) is stripped. HTML ``<table>`` blocks embedded in the Markdown (as
PDF-to-Markdown converters emit them for merged cells) are read with the HTML reader's
table logic, so their rowspan/colspan give real spans. Consecutive plain lines form
one paragraph (Markdown semantics); headings and list items are paragraphs of their own.
"""
from __future__ import annotations

import re

from parsers.plain import (
    read_lines_with,
    BlockBuilder,
    cell_text,
    has_dot_leader,
    is_page_number,
    is_toc_entry,
    is_toc_heading,
)
from schemas.document import Document

_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|={3,})\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]\s+)(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTE = re.compile(r"^\s*>\s?")


def strip_md_inline(text: str) -> str:
    """Markdown inline markup removed (HTML tags are left for cell_text to strip)."""
    s = text
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", s)  # images -> alt text
    s = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", s)  # links -> text
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    s = re.sub(r"~~(.+?)~~", r"\1", s)
    s = re.sub(r"(?<![*\w])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![*\w])", r"\1", s)
    s = re.sub(r"`+([^`]*)`+", r"\1", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", s)  # backslash escapes
    return s


def md_text(raw: str) -> str:
    return cell_text(strip_md_inline(raw))


def split_pipe_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [f.replace("\\|", "|") for f in re.split(r"(?<!\\)\|", s)]


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and len(s) > 1


def read_markdown(data: bytes, source_file: str, doc_id: str) -> Document:
    return read_lines_with("md", _read_lines, data, source_file, doc_id)


def _read_lines(lines: list[str], builder: BlockBuilder) -> None:
    from parsers.html import read_html_fragment  # shared table logic, avoids an import cycle

    para: list[str] = []

    def flush() -> None:
        if para:
            builder.paragraph(md_text("\n".join(para)), cleaned=True)
            para.clear()

    in_toc = False
    in_fence = False
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                builder.paragraph(line)
            continue
        line = _QUOTE.sub("", line)
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if is_page_number(stripped):
            flush()
            continue
        if in_toc:
            if is_toc_entry(md_text(stripped) if "\t" not in stripped else stripped) or (
                _is_pipe_row(stripped) and is_toc_entry("\t".join(split_pipe_row(stripped)))
            ):
                continue
            in_toc = False
        # HTML table block (possibly spanning several lines)
        if re.match(r"<table\b", stripped, re.I):
            flush()
            chunk = [line]
            depth = len(re.findall(r"<table\b", line, re.I)) - len(re.findall(r"</table\s*>", line, re.I))
            while depth > 0 and i < n:
                chunk.append(lines[i])
                depth += len(re.findall(r"<table\b", lines[i], re.I))
                depth -= len(re.findall(r"</table\s*>", lines[i], re.I))
                i += 1
            read_html_fragment("\n".join(chunk), builder)
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            heading = m.group(1)
            if is_toc_heading(md_text(heading)):
                in_toc = True
            builder.paragraph(md_text(heading), cleaned=True)
            continue
        # pipe table row; a row followed by a separator line is a header and starts a table
        nxt = lines[i] if i < n else ""
        starts = bool(_SEPARATOR.match(nxt)) and "|" in nxt and "|" in stripped
        if _is_pipe_row(stripped) or starts:
            if _SEPARATOR.match(stripped):
                continue  # stray separator
            flush()
            builder.row([md_text(f) for f in split_pipe_row(stripped)], new_table=starts, cleaned=True)
            if starts:
                i += 1  # skip the separator
            continue
        if _RULE.match(line):
            flush()  # horizontal rule or setext underline
            continue
        if "\t" in stripped and builder.in_table:
            builder.row([md_text(f) for f in line.split("\t")], cleaned=True)
            continue
        if is_toc_heading(md_text(stripped)):
            flush()
            in_toc = True
            builder.paragraph(md_text(stripped), cleaned=True)
            continue
        if has_dot_leader(stripped) and is_toc_entry(stripped):
            continue
        li = _LIST_ITEM.match(line)
        if li:
            flush()
            builder.paragraph(md_text(li.group(1)), cleaned=True)
            continue
        para.append(line)
    flush()
