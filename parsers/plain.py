"""Logic shared by the plain-text readers (.txt, .md, .html).

The readers turn their input into a stream of paragraphs and table rows; a
:class:`BlockBuilder` applies the table-boundary rules, turns row lists into
:class:`~schemas.document.Table` grids and, at the end, numbers the tables and
attaches their captions and context lines.

Rules that the real exports need (see tests/test_text_readers.py):

* rows shorter than the table are missing their *left* cells (merged label
  cells are omitted by the exporter), so they are right-aligned - unless that
  would put text into a column that is empty in every full-width row, in which
  case the right-most shift that does not is used (the missing cell was on the
  right);
* a table continues across blank lines; it ends at any paragraph, or at a
  header-like row whose field count differs from the table's; a header-like row
  identical to the table's first row (repeated at a page break) is dropped;
* page-number lines and table-of-contents entries never become table rows.
"""
from __future__ import annotations

import codecs
import html
import re
from typing import Iterable, Sequence

from parsers.errors import UnreadableFile
from parsers.normalize.text import clean_text
from parsers.tables import attach_after, stitch_tables
from schemas.document import Block, Cell, Document, Paragraph, Table

# ---------------------------------------------------------------------------
# decoding


def decode(data: bytes | str | None) -> tuple[str, list[str]]:
    """Text of ``data`` and warnings: utf-8 (BOM or not), utf-16 with a BOM, then gb18030."""
    warnings: list[str] = []
    if data is None:
        return "", warnings
    if isinstance(data, str):
        text = data
    else:
        data = bytes(data)
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16", errors="replace")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("gb18030")
                    warnings.append("decoded as gb18030")
                except UnicodeDecodeError:
                    text = data.decode("utf-8", errors="replace")
                    warnings.append("undecodable bytes replaced (neither utf-8 nor gb18030)")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text, warnings


# ---------------------------------------------------------------------------
# inline markup

# a tag starts with an ASCII letter: "<南京市…规定>" (used as book-title marks) and
# "比率<20%" are text, not tags
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr)\s*>", re.I)


def strip_tags(text: str) -> str:
    """Text without HTML tags; <br> and closing block tags become line breaks."""
    if not text:
        return ""
    if "<" in text:
        text = _BREAK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def cell_text(raw: str) -> str:
    return clean_text(strip_tags(raw))


# ---------------------------------------------------------------------------
# line classification

_PAGE_NUMBER = [
    re.compile(r"[-–—_~\s]*\d{1,3}[-–—_~\s]*"),  # "3", "- 3 -" (not a year like "2026")
    re.compile(r"第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"),  # "第 3 页", "第3页 共10页"
    re.compile(r"\d{1,4}\s*/\s*\d{1,4}"),  # "3/10"
    re.compile(r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.I),
]


def is_page_number(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 20:
        return False
    return any(p.fullmatch(s) for p in _PAGE_NUMBER)


_TOC_HEADING = re.compile(r"\s*(?:目\s*录|contents|table of contents)\s*[:：]?\s*", re.I)
# an entry: a title, then a tab or a dot leader, then a page number
_TOC_ENTRY = re.compile(r"(.*?)(?:\t[\s.．·…]*|\s*[.．·…。_—-]{2,}\s*)(\d{1,3})")


def is_toc_heading(line: str) -> bool:
    return bool(_TOC_HEADING.fullmatch(line))


def is_toc_entry(line: str) -> bool:
    """A table-of-contents line: title, then a tab or dot leader, then a page number."""
    m = _TOC_ENTRY.fullmatch(line.strip(" \u3000"))
    return bool(m) and bool(re.search(r"[\u4e00-\u9fffA-Za-z]", m.group(1)))


def has_dot_leader(line: str) -> bool:
    return bool(re.search(r"(?:\.{4,}|…{2,}|·{4,}|．{4,})\s*\d{1,3}\s*$", line))


_BULLET = re.compile(r"^\s*(?:[-*+•●▪◆]\s+)")


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line, count=1)


# ---------------------------------------------------------------------------
# header rows, titles, units

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")


def _has_digits(text: str) -> bool:
    return bool(re.search(r"\d", _YEAR.sub("", text)))


def is_header_like(cells: Sequence[str]) -> bool:
    """Every field non-empty, short and without digits (years like "2024年" allowed)."""
    if len(cells) < 2:
        return False
    return all(c and len(c) <= 40 and not _has_digits(c) for c in cells)


def _second_header_row(first: Sequence[str], second: Sequence[str]) -> bool:
    """``second`` continues a two-row header above it: no digits, it fills some gap of
    ``first`` and is empty only below cells of ``first`` (covered by their vertical merge)."""
    if not second or not any(second):
        return False
    if any(c and (len(c) > 40 or _has_digits(c)) for c in second):
        return False
    fills_gap = False
    for a, b in zip(first, second):
        if not b and not a:
            return False
        if b and not a:
            fills_gap = True
    return fills_gap


def guess_header_rows(grid: Sequence[Sequence[str]]) -> int:
    if len(grid) >= 2 and any(not c for c in grid[0]) and any(grid[0]):
        if is_header_like(grid[1]) or _second_header_row(grid[0], grid[1]):
            return 2
    return 1


_UNIT = re.compile(r"[（(\[]?\s*(?:计量)?单位\s*[:：]")


def title_part(text: str) -> str:
    """The title without a trailing unit note ("…支出情况单位: 万元" -> "…支出情况")."""
    m = _UNIT.search(text)
    if m and m.start() > 0:
        return text[: m.start()].rstrip(" ,，;；")
    return text


def looks_like_title(text: str) -> bool:
    t = title_part(text).strip()
    if not t or len(t) > 80 or t.endswith(("。", ";", "；")):
        return False
    if re.match(r"(?:附表|续表|表)\s*[\dA-Za-z一二三四五六七八九十]", t):
        return True
    if re.search(r"(?:表|情况|明细|一览|清单)\s*[)）]?\s*[:：]?$", t):
        return True
    return "表" in t and len(t) <= 60 and not re.search(r"(?:详见|见表|如表|详情见|见附表)", t)


def is_unit_line(text: str) -> bool:
    return bool(re.match(r"\s*[（(\[]?\s*(?:计量)?单位\s*[:：]", text))


# ---------------------------------------------------------------------------
# row lists -> Table

_RULE_ARTEFACT = {"I", "l", "|", "丨", "｜", "¦"}


def is_rule_artefact(cells: Sequence[str]) -> bool:
    """A row whose only content is a stray vertical rule read as a letter ("I")."""
    filled = [c for c in cells if c]
    return bool(filled) and all(c in _RULE_ARTEFACT for c in filled)


def _align_rows(rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """Rows padded to a common width, and that width.

    Rows longer than the first row only by trailing empty fields are trimmed. Short rows
    are padded on the left (merged label cells missing), unless that puts text into a
    column that is empty in every full-width row: then the right-most shift that does
    not is used.
    """
    base = len(rows[0])
    trimmed: list[list[str]] = []
    for r in rows:
        r = list(r)
        while len(r) > base and not r[-1]:
            r.pop()
        trimmed.append(r)
    n_cols = max(len(r) for r in trimmed)
    full = [r for r in trimmed if len(r) == n_cols]
    always_empty: set[int] = set()
    if len(full) >= 2:
        always_empty = {k for k in range(n_cols) if all(not r[k] for r in full)}
    out: list[list[str]] = []
    for r in trimmed:
        missing = n_cols - len(r)
        if missing == 0:
            out.append(r)
            continue
        shift = missing
        if always_empty:
            filled = [k for k, c in enumerate(r) if c]
            for s in range(missing, -1, -1):
                if not any(k + s in always_empty for k in filled):
                    shift = s
                    break
        out.append([""] * shift + r + [""] * (missing - shift))
    return out, n_cols


def rows_to_table(rows: list[list[str]], header_rows: int | None = None) -> Table:
    """A table of one cell per field (spans 1) from cleaned row lists."""
    rows = [r for r in rows if r]
    if not rows:
        return Table()
    grid, n_cols = _align_rows(rows)
    cells = [Cell(row=i, col=k, text=t) for i, r in enumerate(grid) for k, t in enumerate(r)]
    return Table(
        n_rows=len(grid),
        n_cols=n_cols,
        cells=cells,
        header_rows=header_rows if header_rows else guess_header_rows(grid),
    )


def cells_to_table(specs: list[list[tuple[str, int, int]]]) -> Table:
    """A table from rows of (text, row_span, col_span) in source order, placed the HTML
    way: each cell goes to the first free position of its row. Spans are clamped to the
    table; positions nobody covers get an empty cell."""
    n_rows = len(specs)
    if n_rows == 0:
        return Table()
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, int, int, str]] = []
    for r, row in enumerate(specs):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            rs = max(1, min(rs if rs > 0 else n_rows - r, n_rows - r))
            cs = max(1, min(cs, 200))
            placed.append((r, c, rs, cs, text))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
    n_cols = max((c for _, c in taken), default=-1) + 1
    cells = [Cell(row=r, col=c, row_span=rs, col_span=cs, text=t) for r, c, rs, cs, t in placed]
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) not in taken:
                cells.append(Cell(row=r, col=c))
    cells.sort(key=lambda x: (x.row, x.col))
    return Table(n_rows=n_rows, n_cols=n_cols, cells=cells)


# ---------------------------------------------------------------------------
# block assembly


class BlockBuilder:
    """Collects paragraphs and table rows in reading order and applies the boundary rules."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._rows: list[list[str]] | None = None
        self._n_cols = 0
        self._header_rows: int | None = None

    # -- paragraphs ---------------------------------------------------------
    def paragraph(self, raw: str, cleaned: bool = False) -> None:
        text = raw if cleaned else cell_text(raw)
        if not text or is_page_number(text):
            return
        self.end_table()
        self.blocks.append(Paragraph(text=text))

    # -- text-table rows ----------------------------------------------------
    @property
    def in_table(self) -> bool:
        return self._rows is not None

    def row(self, fields: Iterable[str], new_table: bool = False, cleaned: bool = False,
            header_rows: int | None = None) -> None:
        cells = list(fields) if cleaned else [cell_text(f) for f in fields]
        if not any(cells) or is_rule_artefact(cells):
            return
        if self._rows is not None:
            if cells == self._rows[0] and is_header_like(cells):
                return  # header repeated at a page break (also a repeated Markdown header)
            if not new_table and is_header_like(cells) and len(cells) != self._n_cols:
                new_table = True
        if self._rows is None or new_table:
            self.end_table()
            self._rows = []
            self._n_cols = 0
            self._header_rows = header_rows
        self._rows.append(cells)
        self._n_cols = max(self._n_cols, len(cells))

    def end_table(self) -> None:
        if self._rows:
            self.blocks.append(rows_to_table(self._rows, self._header_rows))
        self._rows = None
        self._n_cols = 0
        self._header_rows = None

    # -- prebuilt tables (HTML) ----------------------------------------------
    def add_table(self, table: Table) -> None:
        """Append a built table (HTML); pieces of one table split at page breaks are joined in finish()."""
        self.end_table()
        if table.n_rows == 0 or not any(c.text for c in table.cells):
            return
        self.blocks.append(table)

    # -- result ---------------------------------------------------------------
    def finish(self) -> list[Block]:
        self.end_table()
        # a table right after another (nothing in between), without a caption of its own, may be
        # the rest of it: the same stitching as for PDF pages decides
        blocks = stitch_tables(self.blocks, lambda a, b: not b.caption)
        n = 0
        for i, b in enumerate(blocks):
            if not isinstance(b, Table):
                continue
            n += 1
            b.table_id = f"t{n}"
            b.header_rows = max(1, min(b.header_rows, b.n_rows or 1))
            before: list[str] = []
            j = i - 1
            while j >= 0 and isinstance(blocks[j], Paragraph) and len(before) < 3:
                before.append(blocks[j].text)
                j -= 1
            if b.caption is None:
                for t in before[:2]:
                    if looks_like_title(t):
                        b.caption = title_part(t)
                        break
            ctx = list(reversed(before))
            # a unit line directly under the table belongs to it, unless another table
            # follows right after (then it is that table's unit)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            after = blocks[i + 2] if i + 2 < len(blocks) else None
            if isinstance(nxt, Paragraph) and is_unit_line(nxt.text) and not isinstance(after, Table):
                ctx.append(nxt.text)
            b.context = [c for c in b.context if c not in ctx] + ctx
        attach_after(blocks)
        return blocks


def make_document(fmt: str, source_file: str, doc_id: str, blocks: list[Block],
                  warnings: list[str]) -> Document:
    return Document(doc_id=doc_id, source_file=source_file, format=fmt, pages=None,
                    text_source="plain_text", blocks=blocks, warnings=warnings)


def read_lines_with(fmt: str, read_lines, data: bytes, source_file: str, doc_id: str) -> Document:
    """Decode a text export and feed its lines to a format's line reader.

    Raises UnreadableFile for a file with no text; any other exception is a reader bug, which the
    pipeline reports as the file's failure (never as an empty document)."""
    if not data:
        raise UnreadableFile(source_file, "empty file (0 bytes)")
    text, warnings = decode(data)
    if not text.strip():
        raise UnreadableFile(source_file, "no text in the file (only whitespace)")
    builder = BlockBuilder()
    read_lines(text.split("\n"), builder)
    return make_document(fmt, source_file, doc_id, builder.finish(), warnings)
