"""Issue 5: scanned and outlined pages read by OCR give the records of the born-digital PDF.

Slow (about a minute per document on two cores): CI runs them; `pytest -m "not slow"` skips them.
"""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pypdfium2
import pytest
from PIL import Image

from pdfs import make_pdf
from pipeline.work import process_bytes

pytestmark = pytest.mark.slow
RAW = Path(__file__).parents[1] / "data" / "raw"


def punctuation_free(text: str | None) -> str | None:
    """OCR reads 、 for , now and then, and loses a quotation mark: compare labels without them."""
    return re.sub(r"[、,，;；:：。.\"'\s]", "", text) if text is not None else None


def items(records):
    return [(i.level1, i.level2, punctuation_free(i.level3), i.weight, i.score, i.is_bonus) for i in records.score_items]


def findings(records):
    return sorted((f.rule, punctuation_free(f.subject), f.stated_value, f.expected_value) for f in records.findings)


def test_scanned_sjj2024_equals_the_born_digital_pdf(samples, records):
    scan = records(samples / "pdf" / "sjj2024_scan.pdf")
    born = records(samples / "pdf" / "sjj2024.pdf")
    assert scan.document.text_source == "ocr" and scan.document.pages == 14
    assert items(scan) == items(born)
    assert scan.document.total_score_stated == born.document.total_score_stated
    assert scan.document.total_score_sheet == born.document.total_score_sheet
    assert findings(scan) == findings(born)


def scanned_copy(pdf: bytes, dpi: int = 150, angle: float = 0.6, seed: int = 7) -> bytes:
    """Each page rendered, turned slightly, speckled, and saved as an image-only PDF."""
    rng = np.random.default_rng(seed)
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
        img = page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()
        h, w = img.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), borderValue=255)
        specks = rng.random(img.shape) < 0.0015
        img[specks] = 0
        pages.append(Image.fromarray(img))
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def budget(records):
    return [(b.table_kind, b.item, b.initial_budget, b.adjusted_budget, b.actual_spending, b.execution_rate_pct)
            for b in records.budget_lines]


def test_scanned_copy_of_gxj2024_gives_the_same_budget_lines_and_findings():
    original = (RAW / "gxj2024.pdf").read_bytes()
    scan = process_bytes(scanned_copy(original), "gxj2024_scan.pdf")
    born = process_bytes(original, "gxj2024.pdf")
    assert scan.document.text_source == "ocr"
    assert budget(scan) == budget(born)
    assert findings(scan) == findings(born)


def outlined_copy(pdf: bytes, page_index: int, dpi: int = 400) -> bytes:
    """One page whose text is drawn as filled outlines: vector paths only, no font, no image."""
    page = pypdfium2.PdfDocument(pdf)[page_index]
    width, height = page.get_size()
    img = page.render(scale=dpi / 72, grayscale=True).to_numpy()
    binary = (img < 128).astype(np.uint8)
    contours, _ = cv2.findContours(binary, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    k = 72 / dpi
    ops = []
    for c in contours:
        pts = c[:, 0, :]
        if len(pts) < 2:
            continue
        ops.append(f"{pts[0][0] * k:.2f} {height - pts[0][1] * k:.2f} m")
        ops.extend(f"{x * k:.2f} {height - y * k:.2f} l" for x, y in pts[1:])
        ops.append("h")
    return make_pdf("0 g\n" + "\n".join(ops) + "\nf*\n", media_box=(0, 0, width, height))


def test_text_drawn_as_outlines_is_detected_and_recognised():
    import pdfplumber
    data = outlined_copy((RAW / "gxj2024.pdf").read_bytes(), 1)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert not pdf.pages[0].chars and not pdf.pages[0].images and pdf.pages[0].curves
    r = process_bytes(data, "outlined.pdf")
    assert r.document.text_source == "ocr"
    born = process_bytes((RAW / "gxj2024.pdf").read_bytes(), "gxj2024.pdf")
    # figures exact; our crude vectorising costs the odd glyph of a label (因 read as 内)
    three = [b[2:] for b in budget(born) if b[0] == "three_public"]
    assert [b[2:] for b in budget(r) if b[0] == "three_public"] == three
    assert "2024年实际支出8,787.76万元,预算执行率96.26%。" in " ".join(p.text for p in _paragraphs(data))


def _paragraphs(data: bytes):
    from parsers import reader_for
    return reader_for(".pdf")(data, "outlined.pdf", "x").paragraphs


def test_a_mixed_document_is_read_page_by_page():
    """Page 2 of gxj2024 scanned, the others born-digital: text_source is mixed, records unchanged."""
    original = (RAW / "gxj2024.pdf").read_bytes()
    scanned = pypdfium2.PdfDocument(scanned_copy(original))
    mixed = pypdfium2.PdfDocument(original)
    mixed.del_page(1)
    mixed.import_pages(scanned, pages=[1], index=1)
    buf = io.BytesIO()
    mixed.save(buf)
    r = process_bytes(buf.getvalue(), "mixed.pdf")
    born = process_bytes(original, "gxj2024.pdf")
    assert r.document.text_source == "mixed" and r.document.pages == 14
    assert budget(r) == budget(born)
    assert findings(r) == findings(born)


def test_a_sheet_fed_upside_down_is_read_the_right_way_up():
    """Pages 1-3 of gxj2024 scanned turned by 180.6°: one vote of the orientation classifier per page
    turns them back, and the budget tables read as from the upright PDF."""
    source = pypdfium2.PdfDocument((RAW / "gxj2024.pdf").read_bytes())
    first = pypdfium2.PdfDocument.new()
    first.import_pages(source, pages=[0, 1, 2])
    buf = io.BytesIO()
    first.save(buf)
    upright = buf.getvalue()
    turned = process_bytes(scanned_copy(upright, angle=180.6), "gxj2024_turned.pdf")
    born = process_bytes(upright, "gxj2024_p1-3.pdf")
    assert turned.document.text_source == "ocr"
    assert budget(born) and budget(turned) == budget(born)


def test_a_scanned_fund_notice_gives_the_hand_read_figures(samples, records):
    """长沙 财政局 2025 (an image-only office scan, a seal over both tables), against the values a helper
    read off the rendered pages (tests/data/handchecked/changsha_czj_2025_fund_notice.json)."""
    import json
    from decimal import Decimal
    checked = json.loads((Path(__file__).parent / "data" / "handchecked" / "changsha_czj_2025_fund_notice.json")
                         .read_text(encoding="utf-8"))
    r = records(samples / "wide" / "changsha_czj_2025_fund_notice_with_target_table_scan.pdf")
    allocation, targets = checked["forms"]
    assert [(i.level1, i.level2, i.level3, i.full_year_target) for i in r.indicators] == \
        [(i["level1"], i["level2"], i["level3"], i["target"]) for i in targets["indicators"]]
    # every figure of 附件1 in its row (in 元); the column is not asserted: a glyph of the seal
    # printed over the 省级 header is read into that header's text. The total row's 省级 "31" lies
    # under the seal's ring and is not read at all (a known miss, left out here).
    read = {(unicodedata.normalize("NFKC", a.item), a.value) for a in r.amounts if a.page == allocation["pages"][0]}
    wanted = {(unicodedata.normalize("NFKC", m["row"]), Decimal(m["printed"]) * 10000) for m in allocation["money"]
              if m["printed"] and not (m["row"].endswith("合计") and m["column"].startswith("省级"))}
    assert len(wanted) == 26 and wanted <= read


def test_lines_read_side_by_side_come_back_in_their_order():
    """read_all hands the longest lines out first to the reading threads; each result still
    belongs to its own line, and is what reading the lines one by one gives."""
    from parsers.ocr.engine import read_all, recognise

    def line(text: str) -> np.ndarray:
        img = np.full((48, 24 * len(text) + 24, 3), 255, np.uint8)
        cv2.putText(img, text, (12, 36), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 0, 0), 2, cv2.LINE_AA)
        return img

    texts = ["7", "2024", "96.26", "1234567890", "58", "8787.76", "3", "100"]
    crops = [line(t) for t in texts]
    together = read_all(crops)
    assert [text for text, _, _ in together] == texts
    assert together == [recognise(c) for c in crops]
