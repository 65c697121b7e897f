"""The document model every input format is read into.

A document is an ordered list of blocks (paragraphs and tables) in reading order.
Tables are grids of origin cells: a merged cell is stored once, at its top-left
position, with its row/column span; positions it covers have no cell of their own.
"""
from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, Field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin

TextSource = Literal["pdf_text", "ocr", "mixed", "plain_text"]


class Cell(BaseModel):
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = ""
    page: int | None = None
    bbox: BBox | None = None
    indent: float | None = None  # where its text starts, in points right of the cell's left edge (levels of a list)
    ocr_score: float | None = None  # the lowest recognition score of its text, where OCR read it


class Table(BaseModel):
    kind: Literal["table"] = "table"
    table_id: str = ""
    page: int | None = None  # first page the table sits on
    pages: list[int] = Field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    cells: list[Cell] = Field(default_factory=list)
    caption: str | None = None  # the title line printed above the table, if any
    context: list[str] = Field(default_factory=list)  # lines just above it (units sit there)
    after: list[str] = Field(default_factory=list)  # lines just below it, before the next table (notes sit there)
    header_rows: int = 1
    bbox: BBox | None = None

    def grid(self, fill_spans: bool = False) -> list[list[str]]:
        """Cell texts as rows × columns. Covered positions are '' unless fill_spans."""
        g = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            if fill_spans:
                for r in range(c.row, min(c.row + c.row_span, self.n_rows)):
                    for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                        g[r][k] = c.text
            elif c.row < self.n_rows and c.col < self.n_cols:
                g[c.row][c.col] = c.text
        return g

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col), merged cells included."""
        for c in self.cells:
            if c.row <= row < c.row + c.row_span and c.col <= col < c.col + c.col_span:
                return c
        return None

    def row_page(self, row: int) -> int | None:
        pages = [c.page for c in self.cells if c.row == row and c.page is not None]
        return min(pages) if pages else self.page


class Paragraph(BaseModel):
    kind: Literal["paragraph"] = "paragraph"
    page: int | None = None
    text: str
    bbox: BBox | None = None
    # a paragraph continued over a page break: where in `text` each following page begins
    page_starts: list[int] = Field(default_factory=list)
    ocr_score: float | None = None  # the lowest recognition score of its lines, where OCR read them
    # where each printed line sits: [offset in `text` where it starts, page, x0, top, x1, bottom]
    # (points, top-left origin of the displayed page): a figure quoted from the text is found on its page
    lines: list[list[float]] = Field(default_factory=list)

    # (x0, x1) of each character of `text` as printed (None: a character the layout added)
    spans: list[tuple[float, float] | None] = Field(default_factory=list)

    def box_at(self, start: int, end: int) -> tuple[int, BBox] | None:
        """(page, box) of the text between two offsets: the printed characters' x, their line's top
        and bottom; a figure wrapped over two lines gets the box of its first line's part."""
        if not self.lines or end <= start:
            return None
        k = max((n for n, l in enumerate(self.lines) if l[0] <= start), default=0)
        line = self.lines[k]
        last = int(self.lines[k + 1][0]) if k + 1 < len(self.lines) else len(self.text)
        xs = [self.spans[i] for i in range(start, min(end, last, len(self.spans))) if self.spans[i] is not None]
        x0, x1 = (xs[0][0], max(x[1] for x in xs)) if xs else (line[2], line[4])
        return int(line[1]), (round(x0, 2), round(line[3], 2), round(x1, 2), round(line[5], 2))

    def page_at(self, offset: int) -> int | None:
        """The page the character at `offset` of the text is printed on."""
        if self.page is None:
            return None
        return self.page + sum(1 for start in self.page_starts if start <= offset)


Block = Annotated[Union[Paragraph, Table], Field(discriminator="kind")]


class Document(BaseModel):
    doc_id: str
    source_file: str
    format: Literal["pdf", "txt", "md", "html"]
    pages: int | None = None
    text_source: TextSource = "plain_text"
    blocks: list[Block] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # what a reader noticed (text replaced, encodings)
    unread: list[str] = Field(default_factory=list)  # parts that could not be read (pages, tables): the document is partial
    page_labels: list[str | None] = Field(default_factory=list)  # the page number printed on each page, if any

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
