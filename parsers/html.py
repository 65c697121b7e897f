"""Reader for HTML (.html) with the standard library's html.parser.

``<table>`` rows and cells are placed the HTML way, so rowspan/colspan give real
merged cells (stored once at their top-left). Text in ``<p>``, ``<h1>``-``<h6>``,
``<div>``, ``<li>`` and other block elements becomes paragraphs; ``<br>`` and
``<p>`` inside a cell become line breaks that clean_text joins. Header rows are the
leading ``<thead>``/all-``<th>`` rows, else guessed. A table directly after another
of the same width whose first row is not a header continues it (page-split exports).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from parsers.normalize.text import clean_text
from parsers.plain import (
    BlockBuilder,
    cells_to_table,
    guess_header_rows,
    is_header_like,
    read_lines_with,
)
from schemas.document import Document, Table

_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "math"}
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "address", "figure", "figcaption", "hr", "body", "html", "form", "fieldset",
    "center", "caption",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr", "source"}


def _int_attr(attrs: list[tuple[str, str | None]], name: str) -> int:
    for k, v in attrs:
        if k == name and v is not None:
            m = re.match(r"\s*(\d+)", v)
            if m:
                return int(m.group(1))
    return 1


class _TableState:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int]]] = []
        self.row_is_header: list[bool] = []
        self.section = "tbody"
        self.row_open = False
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.cell_th = False
        self.row_th: list[bool] = []
        self.caption: list[str] | None = None
        self.caption_text = ""

    def start_row(self) -> None:
        self.end_row()
        self.rows.append([])
        self.row_th = []
        self.row_open = True

    def end_row(self) -> None:
        self.end_cell()
        if self.row_open:
            self.row_is_header.append(self.section == "thead" or (bool(self.row_th) and all(self.row_th)))
        self.row_open = False

    def start_cell(self, th: bool, rowspan: int, colspan: int) -> None:
        self.end_cell()
        if not self.row_open:
            self.start_row()
        self.cell = []
        self.cell_span = (rowspan, colspan)
        self.cell_th = th

    def end_cell(self) -> None:
        if self.cell is not None:
            text = clean_text("".join(self.cell))
            self.rows[-1].append((text, self.cell_span[0], self.cell_span[1]))
            self.row_th.append(self.cell_th)
        self.cell = None

    def text(self, s: str) -> None:
        if self.caption is not None:
            self.caption.append(s)
        elif self.cell is not None:
            self.cell.append(s)
        # text directly inside <table>/<tr> is misplaced markup: ignored

    def finish(self) -> Table:
        self.end_row()
        table = cells_to_table(self.rows)
        if table.n_rows == 0:
            return table
        k = 0  # row span of the first row's tallest cell
        lead = 0  # leading <thead> / all-<th> rows
        for flag in self.row_is_header:
            if not flag:
                break
            lead += 1
        for c in table.cells:
            if c.row == 0:
                k = max(k, c.row_span)
        if lead:
            # a header cell merged downwards makes the rows below it header rows too
            spans = [c.row + c.row_span for c in table.cells if c.row < lead]
            header_rows = max([lead, *spans])
        else:
            grid = table.grid()
            header_rows = guess_header_rows(grid)
            first = [c.text for c in table.cells if c.row == 0 and c.text]
            if k > 1 and is_header_like(first):
                header_rows = max(header_rows, k)
        table.header_rows = max(1, min(header_rows, table.n_rows))
        cap = clean_text(self.caption_text)
        table.caption = cap or None
        return table


class _Parser(HTMLParser):
    def __init__(self, builder: BlockBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder
        self.buf: list[str] = []
        self.skip = 0
        self.tables: list[_TableState] = []

    # -- paragraphs outside tables ------------------------------------------------
    def flush(self) -> None:
        if self.buf:
            text = clean_text("".join(self.buf))
            self.buf = []
            if text:
                self.builder.paragraph(text, cleaned=True)

    def _add_text(self, s: str) -> None:
        if self.tables:
            self.tables[-1].text(s)
        else:
            self.buf.append(s)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            if self.tables:
                st = self.tables[-1]
                if st.cell is not None:
                    st.cell.append("\n")
            else:
                self.flush()
            self.tables.append(_TableState())
            return
        if self.tables:
            st = self.tables[-1]
            if tag in ("thead", "tbody", "tfoot"):
                st.end_row()
                st.section = tag
            elif tag == "tr":
                st.start_row()
            elif tag in ("td", "th"):
                st.start_cell(tag == "th", _int_attr(attrs, "rowspan"), _int_attr(attrs, "colspan"))
            elif tag == "caption":
                st.caption = []
            elif tag == "br" or tag in _BLOCK:
                st.text("\n")
            return
        if tag == "br":
            self.buf.append("\n")
        elif tag in _BLOCK:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table":
            if not self.tables:
                return
            st = self.tables.pop()
            table = st.finish()
            if self.tables:  # nested table: its text goes into the outer cell
                outer = self.tables[-1]
                for row in table.grid():
                    outer.text(" ".join(t for t in row if t) + "\n")
            else:
                self.builder.add_table(table)
            return
        if self.tables:
            st = self.tables[-1]
            if tag in ("td", "th"):
                st.end_cell()
            elif tag == "tr":
                st.end_row()
            elif tag in ("thead", "tbody", "tfoot"):
                st.end_row()
                st.section = "tbody"
            elif tag == "caption" and st.caption is not None:
                st.caption_text = "".join(st.caption)
                st.caption = None
            elif tag in _BLOCK:
                st.text("\n")
            return
        if tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        # source whitespace is insignificant in HTML (line breaks come from <br>/<p>)
        self._add_text(re.sub(r"[ \t\r\n\f]+", " ", data))

    def close_all(self) -> None:
        self.close()
        while self.tables:
            self.handle_endtag("table")
        self.flush()


def read_html_fragment(text: str, builder: BlockBuilder) -> None:
    """Feed an HTML fragment (a document or a single <table>) into ``builder``."""
    parser = _Parser(builder)
    parser.feed(text)
    parser.close_all()


def read_html(data: bytes, source_file: str, doc_id: str) -> Document:
    """The document of an HTML page (see read_lines_with for what a failure is)."""
    return read_lines_with("html", lambda lines, builder: read_html_fragment("\n".join(lines), builder),
                           data, source_file, doc_id)

