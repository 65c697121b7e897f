"""PDF with a text layer → Document.

Two engines read the pages: pdfium (default; characters, ruling edges and drawn objects in one
pass, see pdfium_page.py) and pdfplumber (pdfminer underneath; several times slower). Both give
the same character dicts and feed the same table chain (pdfplumber's), so everything after a
page is read — grids, lines, paragraphs, stitching — is shared. Files pdfium refuses are read
with pdfplumber, and so are pages whose text pdfium cannot decode.
"""
from __future__ import annotations

import io
import re
import logging
from dataclasses import dataclass, field, fields

import pdfplumber

from parsers.errors import UnreadableFile
from parsers.pdf import paint, pdfium_page
from parsers.pdf.columns import split_columns
from parsers.pdf.grid import PageGrid, assign_chars, grid_to_table, grids_from_edges
from parsers.pdf.lines import chars_to_lines
from parsers.pdf.rules_only import RuleOnlySettings, grids_from_rules
from parsers.pdf.paragraphs import (
    PAGE_NUMBER,
    DraftParagraph,
    continues,
    in_margin,
    is_page_furniture,
    page_starts,
    lines_to_paragraphs,
    margin_key,
    running_texts,
)
from parsers.settings import GridSettings, LayoutSettings, StitchSettings
from parsers.tables import attach_after, stitch_tables
from schemas.document import Document, Paragraph, Table

log = logging.getLogger(__name__)

for _noisy in ("pdfminer", "camelot"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


@dataclass(frozen=True)
class PdfSettings:
    """Which engine reads the pages, how tables are looked for (pdfplumber's table settings, and
    when to try camelot), and whether to OCR."""

    table_settings: dict = field(default_factory=lambda: {
        "vertical_strategy": "lines", "horizontal_strategy": "lines",
        "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3,
    })
    min_ruling_edges: int = 4  # fewer ruling lines than this: the page has no ruled table
    do_camelot: bool = True  # camelot lattice where pdfplumber misses a ruled table
    do_ocr: bool = True  # OCR pages without usable text (scans, text drawn as outlines)
    ocr_dpi: int = 200
    # the long side, in pixels, of the copy OCR detects text on (recognition reads the full page):
    # detection time grows with the pixel count, and at 1280 the samples give the lines of a full-size run
    ocr_detect_side: int = 1280
    engine: str = "pdfium"  # or "pdfplumber"
    do_rule_only_tables: bool = True  # tables ruled by horizontal lines only (三线表), columns from the text
    rule_only: RuleOnlySettings = field(default_factory=RuleOnlySettings)
    grid: GridSettings = field(default_factory=GridSettings)  # how ruling lines become a grid
    stitch: StitchSettings = field(default_factory=StitchSettings)  # how pieces of a table cut by page breaks join
    layout: LayoutSettings = field(default_factory=LayoutSettings)  # where running headers and footers sit

    @classmethod
    def resolve(cls, value: "PdfSettings | dict | None") -> "PdfSettings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise TypeError(f"PdfSettings.resolve takes None, a dict or PdfSettings, not {type(value).__name__}")
        unknown = set(value) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown PdfSettings: {', '.join(sorted(unknown))}")
        return cls(**value)

    def __post_init__(self):
        if self.engine not in ENGINES:
            raise ValueError(f"unknown PDF engine {self.engine!r} (one of {', '.join(ENGINES)})")
        if self.min_ruling_edges < 0 or self.ocr_dpi < 50 or self.ocr_detect_side < 320:
            raise ValueError("PdfSettings: min_ruling_edges must be ≥ 0, ocr_dpi ≥ 50 and ocr_detect_side ≥ 320")
        # nested settings may be given as dicts of overrides
        object.__setattr__(self, "rule_only", RuleOnlySettings.resolve(self.rule_only))
        object.__setattr__(self, "grid", GridSettings.resolve(self.grid))
        object.__setattr__(self, "stitch", StitchSettings.resolve(self.stitch))
        object.__setattr__(self, "layout", LayoutSettings.resolve(self.layout))


ENGINES = ("pdfium", "pdfplumber")


@dataclass
class PageContent:
    number: int
    height: float
    blocks: list  # DraftParagraph | Table, in reading order
    margin_lines: list
    source: str = "pdf_text"  # or "ocr"
    failed: bool = False  # the page could not be read (its reason is in the document's `unread`)
    folio: str | None = None  # the page number printed on it ("8" of "— 8 —", "第8页/共20页")


def ruling_edges(page) -> int:
    return len(page.lines) + len(page.rects)


def find_grids(page, settings: PdfSettings, chars: list[dict] | None = None) -> list[PageGrid]:
    grids = []
    painted = page.filter(paint.pdfplumber_shows)  # white boxes behind text are no rules (paint.py)
    edges = painted.edges
    if ruling_edges(painted) >= settings.min_ruling_edges:
        # the same edges-to-grids chain as for pages pdfium reads (grid.grids_from_edges), on pdfplumber's edges
        grids = grids_from_edges(edges, settings.table_settings, settings.grid)
        if not grids and settings.do_camelot and len(painted.lines) >= 8:
            from parsers.pdf.camelot_fallback import camelot_grids
            grids = camelot_grids(page)
    return grids + rule_only_grids(edges, chars if chars is not None else usable_chars(page), grids, settings)


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
    """One pdfplumber page."""
    chars = usable_chars(page)
    if ocr is not None and settings.do_ocr and needs_ocr(page, chars):
        grids, chars = ocr(number)
        source = "ocr"
    else:
        grids = find_grids(page, settings, chars)
        source = "pdf_text"
    return page_content(number, float(page.height), grids, chars, source, settings.layout.margin)


def layer_grids(layer: pdfium_page.PageLayer, settings: PdfSettings, camelot=None) -> list[PageGrid]:
    """find_grids for a page read by pdfium: the same pdfplumber table chain, on pdfium's edges."""
    grids = []
    if layer.ruling_edges >= settings.min_ruling_edges:
        grids = grids_from_edges(layer.edges, settings.table_settings, settings.grid)
        if not grids and settings.do_camelot and layer.n_lines >= 8 and camelot is not None:
            grids = camelot()
    return grids + rule_only_grids(layer.edges, layer.chars, grids, settings)


def rule_only_grids(edges: list[dict], chars: list[dict], grids: list[PageGrid], settings: PdfSettings) -> list[PageGrid]:
    if not settings.do_rule_only_tables or not any(e["orientation"] == "h" for e in edges):
        return []
    return grids_from_rules(edges, chars, grids, settings.rule_only, settings.table_settings, settings.grid)


def read_layer_page(layer: pdfium_page.PageLayer, settings: PdfSettings, ocr=None,
                    camelot=None) -> tuple[PageContent, list[PageGrid], list]:
    """One page read by pdfium (see read_page)."""
    chars = layer.chars
    if ocr is not None and settings.do_ocr and layer.needs_ocr():
        grids, chars = ocr(layer.number)
        source = "ocr"
    else:
        grids = layer_grids(layer, settings, camelot)
        source = "pdf_text"
    return page_content(layer.number, layer.height, grids, chars, source, settings.layout.margin)


def page_content(number: int, height: float, grids: list[PageGrid], chars: list[dict],
                 source: str, margin_share: float) -> tuple[PageContent, list[PageGrid], list]:
    outside = assign_chars(grids, chars, overflow=source != "ocr") if grids else chars
    lines = []
    for column, part in enumerate(split_columns(outside)):
        for line in chars_to_lines(part):
            line.page, line.column = number, column
            lines.append(line)
    margin = [l for l in lines if in_margin(l, height, margin_share)]
    return PageContent(number=number, height=height, blocks=[], margin_lines=margin, source=source), grids, lines


def layout_page(content: PageContent, grids: list[PageGrid], lines, running: set[str], margin: float) -> None:
    body = [l for l in lines if not is_page_furniture(l, content.height, running, margin)]
    numbers = [l for l in lines if l not in body and PAGE_NUMBER.match(l.text)]
    # a page number printed higher than the margin (贵州 2024: "— 1 —" 67 pt above the bottom edge) is
    # still the page's last line, with nothing beside it
    tables_bottom = max((g.bbox[3] for g in grids), default=0.0)
    if body:
        last = max(body, key=lambda l: l.bottom)
        if PAGE_NUMBER.match(last.text) and last.top > tables_bottom and last.top > content.height / 2:
            body.remove(last)
            numbers.append(last)
    # the folio auditors cite: the lowest page-number line (a header's "第3页" is the same number)
    if numbers:
        content.folio = re.search(r"\d+", max(numbers, key=lambda l: l.bottom).text).group(0).lstrip("0") or "0"
    tables = [grid_to_table(g, content.number) for g in grids]
    drafts = []
    # each column of a two-column page is its own run of paragraphs, with its own margins, read
    # after the column to its left
    for column in sorted({l.column for l in body}):
        part = [l for l in body if l.column == column]
        left, right = min(l.x0 for l in part), max(l.x1 for l in part)
        drafts += [(column, d) for d in lines_to_paragraphs(part, content.number, left, right)]
    items = [((c, d.top), d) for c, d in drafts] + [((0, t.bbox[1]), t) for t in tables]
    content.blocks = [b for _, b in sorted(items, key=lambda x: x[0])]


def open_pdf(data: bytes, source_file: str):
    check_pdf_bytes(data, source_file)
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
    check_pdf_bytes(data, source_file)
    warnings: list[str] = []
    unread: list[str] = []  # pages that could not be read, and why
    if settings.engine == "pdfium":
        raw = read_pages_pdfium(data, source_file, settings, unread)
    else:
        raw = read_pages_pdfplumber(data, source_file, settings, unread)
    if len(unread) == len(raw):
        raise UnreadableFile(source_file, "no page could be read: " + summarize(unread))
    running = running_texts([[margin_key(l.text) for l in c.margin_lines] for c, _, _ in raw], len(raw))
    seen: set[str] = set()
    for content, grids, lines in raw:
        # a line repeated at the top of every page is a running title where it repeats, but where it is
        # first printed it is the title of what follows (广州 2026: "项目支出绩效目标表（含转移支付项目）"
        # and "部门名称：… 单位：万元" over each page of one long table; 首都绿化, 长沙: the same)
        keys = {margin_key(l.text): l for l in lines}
        first = {k for k, l in keys.items() if k in running and k not in seen
                 and l.bottom < content.height * settings.layout.margin}
        seen |= set(keys)
        layout_page(content, grids, lines, running - first, settings.layout.margin)
    textless = [c.number for c, g, l in raw if not l and not g and not c.failed]
    if len(textless) == len(raw):
        raise UnreadableFile(source_file, "no text on any page: no text layer, and OCR found none")
    if textless:
        warnings.append(f"pages without text: {compact(textless)}")
    sources = {c.source for c, _, _ in raw if not c.failed}
    text_source = "mixed" if len(sources) > 1 else sources.pop()
    blocks = assemble([c for c, _, _ in raw], settings.stitch)
    for n, t in enumerate((b for b in blocks if isinstance(b, Table)), start=1):
        t.table_id = f"t{n}"
    return Document(doc_id=doc_id, source_file=source_file, format="pdf", pages=len(raw),
                    text_source=text_source, blocks=blocks, warnings=warnings, unread=unread,
                    page_labels=[c.folio for c, _, _ in raw])


def summarize(failures: list[str], limit: int = 3) -> str:
    """The first few page failures, and how many more there are."""
    more = len(failures) - limit
    return "; ".join(failures[:limit]) + (f"; and {more} more pages" if more > 0 else "")


def compact(numbers: list[int]) -> str:
    """[1, 2, 3, 7] → "1-3, 7"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def failed_page(number: int, height: float, e: BaseException, unread: list[str]):
    """The place of a page that could not be read, and its reason in `unread`."""
    unread.append(f"page {number}: {type(e).__name__}: {e}"[:300])
    return PageContent(number, height, [], [], failed=True), [], []


def check_pdf_bytes(data: bytes, source_file: str) -> None:
    if not data:
        raise UnreadableFile(source_file, "empty file (0 bytes)")
    if b"%PDF" not in data[:1024]:
        raise UnreadableFile(source_file, "not a PDF (no %PDF header)")


def read_pages_pdfplumber(data: bytes, source_file: str, settings: PdfSettings, unread: list[str]) -> list:
    pdf = open_pdf(data, source_file)
    ocr = None
    try:
        try:
            pages = pdf.pages
        except Exception as e:
            raise UnreadableFile(source_file, describe_pdf_error(e)) from e
        if not pages:
            raise UnreadableFile(source_file, "PDF has no pages")
        raw = []
        ocr = PageOcr(data, settings) if settings.do_ocr else None
        for i, page in enumerate(pages, start=1):
            try:
                raw.append(read_page(page, i, settings, ocr))
            except Exception as e:
                raw.append(failed_page(i, page_height(page), e, unread))
            finally:
                page.close()
        return raw
    finally:
        pdf.close()
        if ocr is not None:
            ocr.close()


def page_height(page) -> float:
    try:
        return float(page.height or 0)
    except Exception:
        return 0.0


def open_pdfium(data: bytes, source_file: str):
    """The document, or None when pdfium cannot open the file. (pdfium's reason is not passed on:
    its error code is a global left over from an earlier failure when a load fails without
    setting one, e.g. "Incorrect password" for a file with no pages.)"""
    import pypdfium2
    try:
        return pdfium_page.open_document(data)
    except pypdfium2.PdfiumError as e:
        log.debug("%s: pdfium cannot open it (%s); trying pdfplumber", source_file, e)
        return None


def read_pages_pdfium(data: bytes, source_file: str, settings: PdfSettings, unread: list[str]) -> list:
    """Every page read by pdfium (files it cannot open, and pages whose fonts it cannot decode,
    read by pdfplumber)."""
    pdf = open_pdfium(data, source_file)
    if pdf is None:
        # pdfium refuses some files pdfminer opens (engines disagree on odd encryption, damaged
        # cross-references): the pdfplumber engine reads them, or says why it cannot ("encrypted
        # PDF: ...", "damaged PDF (...)"), in the same words as when it is the engine
        return read_pages_pdfplumber(data, source_file, settings, unread)
    ocr = PageOcr(data, settings, doc=pdf) if settings.do_ocr else None
    plumber = PlumberPages(data, settings, ocr)
    try:
        n = pdfium_page.count_pages(pdf)
        if not n:
            raise UnreadableFile(source_file, "PDF has no pages")
        raw = []
        for i in range(1, n + 1):
            layer = None
            try:
                layer = pdfium_page.read_page(pdf, i)
                if layer.undecoded and plumber.available():
                    # pdfium could not decode this page's fonts: pdfminer may (CID tables, glyph names)
                    try:
                        raw.append(plumber.read(i))
                        continue
                    except Exception as e:  # then what pdfium read is what there is
                        log.debug("%s page %d: pdfplumber failed too: %s", source_file, i, e)
                camelot = lambda layer=layer: camelot_pdfium_grids(data, layer)
                raw.append(read_layer_page(layer, settings, ocr, camelot))
            except Exception as e:
                # what pdfium cannot read, pdfminer may: the page is lost only when both fail
                try:
                    if not plumber.available():
                        raise e
                    raw.append(plumber.read(i))
                except Exception:
                    raw.append(failed_page(i, layer.height if layer else 0.0, e, unread))
        return raw
    finally:
        plumber.close()
        if ocr is not None:
            ocr.close()
        pdfium_page.close(pdf)


def camelot_pdfium_grids(data: bytes, layer: pdfium_page.PageLayer) -> list[PageGrid]:
    from parsers.pdf.camelot_fallback import camelot_page_grids
    # camelot renders with pdfium: not while another thread is in it
    with pdfium_page.LOCK:
        return camelot_page_grids(data, layer.number, layer.frame.from_pdfminer)


class PlumberPages:
    """Single pages read with pdfplumber, the file opened only when one is needed."""

    def __init__(self, data: bytes, settings: PdfSettings, ocr=None):
        self.data = data
        self.settings = settings
        self.ocr = ocr
        self.pdf = None
        self.failed = False

    def available(self) -> bool:
        if self.pdf is None and not self.failed:
            try:
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
                self.pdf.pages  # noqa: B018 - parses the page tree, which may fail
            except Exception as e:
                log.debug("pdfplumber cannot open the file: %s", e)
                self.failed = True
                self.close()
        return self.pdf is not None

    def read(self, number: int):
        page = self.pdf.pages[number - 1]
        try:
            return read_page(page, number, self.settings, self.ocr)
        finally:
            page.close()

    def close(self):
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None


class PageOcr:
    """OCR of single pages of one PDF, opened with pdfium only when a page needs it."""

    def __init__(self, data: bytes, settings: PdfSettings, doc=None):
        self.data = data
        self.settings = settings
        self.doc = doc  # a document the caller opened (and closes)
        self.own = doc is None

    def __call__(self, number: int):
        from parsers.ocr.page import ocr_page
        with pdfium_page.LOCK:
            if self.doc is None:
                self.doc = pdfium_page.open_document(self.data)
            page = self.doc[number - 1]
        try:
            return ocr_page(pdfium_page.LockedPage(page), self.settings.ocr_dpi, self.settings.ocr_detect_side)
        finally:
            pdfium_page.close(page)

    def close(self):
        if self.doc is not None and self.own:
            pdfium_page.close(self.doc)
            self.doc = None


def assemble(pages: list[PageContent], stitch: StitchSettings | None = None) -> list:
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
    seq = stitch_tables(drop_repeated_titles(seq), lambda a, b: True, stitch)
    blocks: list = []
    for b in seq:
        if isinstance(b, DraftParagraph):
            text = b.text
            if text:
                scores = [l.score for l in b.lines if l.score is not None]
                boxes = b.line_boxes
                blocks.append(Paragraph(page=b.page, text=text, bbox=tuple(round(v, 2) for v in b.bbox),
                                        page_starts=page_starts(boxes), lines=boxes, spans=b.char_spans(text, boxes),
                                        ocr_score=min(scores) if scores else None))
        else:
            context = [p.text for p in blocks[-3:] if isinstance(p, Paragraph)]
            b.context = context
            b.caption = next((t for t in reversed(context) if "表" in t), context[-1] if context else None)
            blocks.append(b)
    attach_after(blocks)
    return blocks


def drop_repeated_titles(seq: list) -> list:
    """A table continued on the next page under its title printed again (深圳, 重庆: `表1`, `收支总表`,
    `部门名称…单位：万元` on every page): the repeated lines go, so the pieces meet and are stitched."""
    out: list = []
    titles: dict[int, set[str]] = {}  # a table piece → the lines printed above its first piece
    for b in seq:
        if isinstance(b, Table):
            j = len(out) - 1
            while j >= 0 and isinstance(out[j], DraftParagraph):
                j -= 1
            between = out[j + 1:]
            k = j if j >= 0 and isinstance(out[j], Table) else len(out)
            own = {margin_key(p.text) for p in between[-4:]}
            if k < len(out) and between:
                a = out[k]
                before = titles.get(id(a), set())
                last = max(a.pages or [a.page])
                if (b.page == last + 1 and all(p.page in (last, b.page) for p in between)
                        and all(margin_key(p.text) in before or PAGE_NUMBER.match(p.text)
                                or re.fullmatch(r"[\d\s]{1,6}", p.text) for p in between)):
                    del out[k + 1:]
                    own = before
            titles[id(b)] = own
        out.append(b)
    return out
