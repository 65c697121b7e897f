"""PDF with a text layer → Document (pdfplumber for characters, ruling lines and tables)."""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import pdfplumber

from parsers.errors import UnreadableFile
from parsers.pdf.grid import PageGrid, assign_chars, grid_from_cells, grid_to_table
from parsers.pdf.lines import chars_to_lines
from parsers.pdf.paragraphs import (
    DraftParagraph,
    continues,
    in_margin,
    is_page_furniture,
    lines_to_paragraphs,
    margin_key,
    running_texts,
)
from parsers.tables import stitch_tables
from schemas.document import Document, Paragraph, Table

log = logging.getLogger(__name__)

for _noisy in ("pdfminer", "camelot"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


@dataclass(frozen=True)
class PdfSettings:
    """How tables are looked for (pdfplumber's table settings, and when to try camelot)."""

    table_settings: dict = field(default_factory=lambda: {
        "vertical_strategy": "lines", "horizontal_strategy": "lines",
        "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3,
    })
    min_ruling_edges: int = 4  # fewer ruling lines than this: the page has no ruled table
    do_camelot: bool = True  # camelot lattice where pdfplumber misses a ruled table
    do_ocr: bool = True  # OCR pages without usable text (scans, text drawn as outlines)
    ocr_dpi: int = 200

    @classmethod
    def resolve(cls, value: "PdfSettings | dict | None") -> "PdfSettings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        return cls(**value)


@dataclass
class PageContent:
    number: int
    height: float
    blocks: list  # DraftParagraph | Table, in reading order
    margin_lines: list
    source: str = "pdf_text"  # or "ocr"


def ruling_edges(page) -> int:
    return len(page.lines) + len(page.rects)


def find_grids(page, settings: PdfSettings) -> list[PageGrid]:
    if ruling_edges(page) < settings.min_ruling_edges:
        return []
    grids = []
    for t in page.find_tables(settings.table_settings):
        g = grid_from_cells(t.cells, t.bbox)
        # a single-column box is a frame around text, not a table
        if g is not None and len(g.xs) > 2:
            grids.append(g)
    if not grids and settings.do_camelot and len(page.lines) >= 8:
        from parsers.pdf.camelot_fallback import camelot_grids
        grids = camelot_grids(page)
    return grids


def usable_chars(page) -> list[dict]:
    """The page's characters, overlaid duplicates (fake bold) counted once; none when the text
    layer is unusable (glyphs without Unicode come out as "(cid:N)")."""
    chars = page.dedupe_chars().chars
    if chars and sum(1 for c in chars if c["text"].startswith("(cid:")) > len(chars) / 2:
        return []
    return chars


def needs_ocr(page, chars: list[dict]) -> bool:
    """No text, but something drawn: a scanned image, or text drawn as vector outlines."""
    return not chars and (bool(page.images) or len(page.curves) + len(page.rects) > 50)


def read_page(page, number: int, settings: PdfSettings, ocr=None) -> tuple[PageContent, list[PageGrid], list]:
    height = float(page.height)
    chars = usable_chars(page)
    if ocr is not None and settings.do_ocr and needs_ocr(page, chars):
        grids, chars = ocr(number)
        source = "ocr"
    else:
        grids = find_grids(page, settings)
        source = "pdf_text"
    outside = assign_chars(grids, chars) if grids else chars
    lines = chars_to_lines(outside)
    margin = [l for l in lines if in_margin(l, height)]
    return PageContent(number=number, height=height, blocks=[], margin_lines=margin, source=source), grids, lines


def layout_page(content: PageContent, grids: list[PageGrid], lines, running: set[str]) -> None:
    body = [l for l in lines if not is_page_furniture(l, content.height, running)]
    tables = [grid_to_table(g, content.number) for g in grids]
    if body:
        left = min(l.x0 for l in body)
        right = max(l.x1 for l in body)
        drafts = lines_to_paragraphs(body, content.number, left, right)
    else:
        drafts = []
    items = [(d.top, d) for d in drafts] + [(t.bbox[1], t) for t in tables]
    content.blocks = [b for _, b in sorted(items, key=lambda x: x[0])]


def open_pdf(data: bytes, source_file: str):
    if not data:
        raise UnreadableFile(source_file, "empty file (0 bytes)")
    if b"%PDF" not in data[:1024]:
        raise UnreadableFile(source_file, "not a PDF (no %PDF header)")
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many types for broken files
        raise UnreadableFile(source_file, describe_pdf_error(e)) from e


def describe_pdf_error(e: Exception) -> str:
    # pdfplumber wraps pdfminer's exception: the cause is the first argument
    cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF: a password is needed to open it"
    if isinstance(cause, RecursionError) or "recursion" in str(cause):
        return "damaged PDF: its cross-reference or page tree refers back to itself"
    detail = str(cause)[:200]
    return f"damaged PDF ({name}{': ' + detail if detail else ''})"


def read_pdf(data: bytes, source_file: str, doc_id: str, settings: PdfSettings | dict | None = None) -> Document:
    settings = PdfSettings.resolve(settings)
    pdf = open_pdf(data, source_file)
    try:
        try:
            pages = pdf.pages
        except Exception as e:
            raise UnreadableFile(source_file, describe_pdf_error(e)) from e
        if not pages:
            raise UnreadableFile(source_file, "PDF has no pages")
        raw = []
        warnings = []
        ocr = PageOcr(data, settings) if settings.do_ocr else None
        for i, page in enumerate(pages, start=1):
            try:
                raw.append(read_page(page, i, settings, ocr))
            except Exception as e:
                warnings.append(f"page {i}: {type(e).__name__}: {e}")
                raw.append((PageContent(i, float(page.height or 0), [], []), [], []))
            finally:
                page.close()
        running = running_texts([[margin_key(l.text) for l in c.margin_lines] for c, _, _ in raw], len(raw))
        for content, grids, lines in raw:
            layout_page(content, grids, lines, running)
        textless = [c.number for c, g, l in raw if not l and not g]
    finally:
        pdf.close()
        if ocr is not None:
            ocr.close()
    if len(textless) == len(raw):
        raise UnreadableFile(source_file, "no text on any page: no text layer, and OCR found none")
    if textless:
        warnings.append(f"pages without text: {textless}")
    sources = {c.source for c, _, _ in raw}
    text_source = "mixed" if len(sources) > 1 else sources.pop()
    blocks = assemble([c for c, _, _ in raw])
    for n, t in enumerate((b for b in blocks if isinstance(b, Table)), start=1):
        t.table_id = f"t{n}"
    return Document(doc_id=doc_id, source_file=source_file, format="pdf", pages=len(raw),
                    text_source=text_source, blocks=blocks, warnings=warnings)


class PageOcr:
    """OCR of single pages of one PDF, opened with pdfium only when a page needs it."""

    def __init__(self, data: bytes, settings: PdfSettings):
        self.data = data
        self.settings = settings
        self.doc = None

    def __call__(self, number: int):
        from parsers.ocr.page import ocr_page
        if self.doc is None:
            import pypdfium2
            self.doc = pypdfium2.PdfDocument(self.data)
        return ocr_page(self.doc[number - 1], self.settings.ocr_dpi)

    def close(self):
        if self.doc is not None:
            self.doc.close()


def assemble(pages: list[PageContent]) -> list:
    """Pages → one block list: paragraphs cut by page breaks joined, tables stitched, captions attached."""
    seq: list = []
    for content in pages:
        for b in content.blocks:
            prev = seq[-1] if seq else None
            if (isinstance(b, DraftParagraph) and isinstance(prev, DraftParagraph)
                    and prev.page == b.page - 1 and b is content.blocks[0] and continues(prev, b)):
                prev.lines.extend(b.lines)
            else:
                seq.append(b)
    seq = stitch_tables(seq, lambda a, b: True)
    blocks: list = []
    for b in seq:
        if isinstance(b, DraftParagraph):
            text = b.text
            if text:
                blocks.append(Paragraph(page=b.page, text=text, bbox=tuple(round(v, 2) for v in b.bbox)))
        else:
            context = [p.text for p in blocks[-3:] if isinstance(p, Paragraph)]
            b.context = context
            b.caption = next((t for t in reversed(context) if "表" in t), context[-1] if context else None)
            blocks.append(b)
    return blocks
