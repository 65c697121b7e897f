"""Issue 6: the pdfium page layer reads pages as the pdfplumber engine does, several times faster.

The two engines must give the same characters (where it matters: line and cell geometry), the
same ruled-table grids and so the same paragraphs and tables; fake bold is counted once; broken
and encrypted files fail with the same reasons.
"""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest

from pdfs import make_pdf

from parsers.errors import UnreadableFile
from parsers.pdf import pdfium_page
from parsers.pdf.reader import PdfSettings, find_grids, layer_grids, read_pdf, usable_chars

RAW = Path(__file__).parents[1] / "data" / "raw"
SAMPLES = Path(__file__).parents[2] / "shared" / "samples"
ONLYOFFICE = "上海市普陀区财政局2024年度部门决算.pdf"  # digits in another font with another ascent
ROTATED = "江苏省人大常委会办公厅2019年部门预算公开表.pdf"  # /Rotate 90 on every page


def sample(*parts: str) -> Path:
    path = SAMPLES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared/samples)")
    return path


# ---------------------------------------------------------------- hand-written PDFs (tests/pdfs.py)

def layer_of(data: bytes, index: int = 0) -> pdfium_page.PageLayer:
    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[index]
        try:
            return pdfium_page.read_layer(page, index + 1)
        finally:
            page.close()
    finally:
        pdf.close()


def plumber_chars(data: bytes, index: int = 0) -> list[dict]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return usable_chars(pdf.pages[index])


def text_of(chars: list[dict]) -> str:
    return "".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])))


# a word drawn once in Courier (monospace: glyph i at 72 + 6·i), then glyph by glyph again, 0.3 pt
# to the right and up — as word processors fake bold; each glyph in its own text object, so that
# pdfium's own check (same string at about the same place) does not catch it
FAKE_BOLD = "BT /F2 10 Tf 72 100 Td (Total 1234) Tj ET\n" + "".join(
    f"BT /F2 10 Tf {72.3 + 6 * i:.1f} 100.3 Td ({ch}) Tj ET\n" for i, ch in enumerate("Total 1234") if ch != " ")


def test_fake_bold_duplicates_are_dropped():
    data = make_pdf(FAKE_BOLD)
    layer = layer_of(data)
    assert text_of(layer.chars) == "Total 1234"
    assert text_of(plumber_chars(data)) == "Total 1234"  # the pdfplumber engine agrees
    doc = read_pdf(data, "bold.pdf", "x", {"engine": "pdfium", "do_ocr": False})
    assert [p.text for p in doc.paragraphs] == ["Total 1234"]


def test_dedupe_keeps_glyphs_that_are_not_overlaid():
    c = lambda t, x, top, size=10.0: {"text": t, "x0": x, "x1": x + 6, "top": top, "bottom": top + size, "size": size}
    chars = [c("1", 10, 10), c("1", 10.4, 10.3), c("1", 16, 10), c("1", 10, 22), c("1", 10.2, 10, size=14)]
    assert pdfium_page.dedupe(chars) == [chars[0], chars[2], chars[3], chars[4]]


def test_line_end_hyphens_and_spaces_are_kept():
    # pdfium reports a hyphen ending a line as U+0002, and some spaces of the text as generated
    data = make_pdf("BT /F1 12 Tf 50 150 Td (An infor-) Tj 0 -14 Td (mation 2024-) Tj 0 -14 Td (2026 done) Tj ET")
    for engine in ("pdfium", "pdfplumber"):
        doc = read_pdf(data, "h.pdf", "x", {"engine": engine, "do_ocr": False})
        assert [p.text for p in doc.paragraphs] == ["An infor-mation 2024-2026 done"]


def test_characters_match_pdfplumber_geometry():
    data = make_pdf("BT /F1 12 Tf 50 150 Td (Hello World) Tj ET\nBT /F1 8 Tf 50 60 Td (small 2.5) Tj ET")
    ours = [c for c in layer_of(data).chars if c["text"] != " "]
    theirs = [c for c in plumber_chars(data) if c["text"] != " "]
    assert [c["text"] for c in ours] == [c["text"] for c in theirs]
    for a, b in zip(ours, theirs):
        assert a["size"] == pytest.approx(b["size"], abs=0.01)
        assert (a["x0"], a["x1"]) == pytest.approx((b["x0"], b["x1"]), abs=0.05)
        # one font size high, from the font's descent below the baseline: pdfium's metrics for
        # the standard fonts differ from pdfminer's AFM files by a few hundredths of the size
        assert a["bottom"] - a["top"] == pytest.approx(b["bottom"] - b["top"], abs=0.01)
        assert (a["top"], a["bottom"]) == pytest.approx((b["top"], b["bottom"]), abs=0.03 * a["size"])


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_pages_read_upright_like_pdfplumber(rotate):
    # text drawn turned against the page's /Rotate, so that it reads upright on screen
    turn = {90: "0 1 -1 0 250 20", 180: "-1 0 0 -1 280 180", 270: "0 -1 1 0 50 180"}[rotate]
    data = make_pdf(f"BT /F1 12 Tf {turn} Tm (Rotated 42) Tj ET", extra=f"/Rotate {rotate}")
    layer = layer_of(data)
    ours = [c for c in layer.chars if c["text"] != " "]
    theirs = [c for c in plumber_chars(data) if c["text"] != " "]
    assert text_of(ours) == text_of(theirs).replace(" ", "") == "Rotated42"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert (layer.width, layer.height) == pytest.approx((pdf.pages[0].width, pdf.pages[0].height))
    for a, b in zip(sorted(ours, key=lambda c: c["x0"]), sorted(theirs, key=lambda c: c["x0"])):
        assert (a["x0"], a["x1"]) == pytest.approx((b["x0"], b["x1"]), abs=0.05)
        assert (a["top"], a["bottom"]) == pytest.approx((b["top"], b["bottom"]), abs=0.03 * a["size"])


def test_coordinates_are_from_the_crop_box_corner():
    """pdfplumber measures from the MediaBox; the pdfium layer from the CropBox (the page as shown,
    and as rendered for OCR). With the usual CropBox = MediaBox they are the same."""
    data = make_pdf("BT /F1 12 Tf 120 500 Td (Cropped) Tj ET", media_box=(0, 0, 600, 800),
                    extra="/CropBox [100 300 500 700]")
    layer = layer_of(data)
    assert (layer.width, layer.height) == (400, 400)
    first = layer.chars[0]
    theirs = plumber_chars(data)[0]
    assert first["x0"] == pytest.approx(theirs["x0"] - 100, abs=0.05)
    assert first["top"] == pytest.approx(theirs["top"] - 100, abs=0.5)


def test_ruling_edges_close_into_the_same_table_as_pdfplumber():
    # a 3 x 2 grid: lines, a thin filled rectangle and a stroked rectangle frame
    content = "\n".join([
        "0.5 w 50 50 200 90 re S",  # frame
        "50 80 m 250 80 l S",  # row rules as lines
        "50 109.8 200 0.4 re f",  # a hairline drawn as a filled rectangle
        "110 50 m 110 140 l S 180 50 m 180 140 l S",  # column rules
        "BT /F1 9 Tf 60 120 Td (Name) Tj 70 0 Td (2023) Tj 70 0 Td (2024) Tj ET",
        "BT /F1 9 Tf 60 90 Td (Alpha) Tj 70 0 Td (1.00) Tj 70 0 Td (2.00) Tj ET",
        "BT /F1 9 Tf 60 60 Td (Beta) Tj 70 0 Td (3.00) Tj 70 0 Td (4.00) Tj ET",
    ])
    data = make_pdf(content)
    layer = layer_of(data)
    assert layer.n_lines == 3 and layer.n_rects == 2
    settings = PdfSettings(do_camelot=False)
    ours = layer_grids(layer, settings)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        theirs = find_grids(pdf.pages[0], settings)
    assert [(len(g.xs), len(g.ys)) for g in ours] == [(len(g.xs), len(g.ys)) for g in theirs] == [(4, 4)]
    assert ours[0].xs == pytest.approx(theirs[0].xs, abs=0.01) and ours[0].ys == pytest.approx(theirs[0].ys, abs=0.01)
    doc = read_pdf(data, "t.pdf", "x", {"engine": "pdfium", "do_ocr": False})
    t = doc.tables[0]
    assert [[c.text for c in t.cells if c.row == r] for r in range(3)] == [
        ["Name", "2023", "2024"], ["Alpha", "1.00", "2.00"], ["Beta", "3.00", "4.00"]]


def test_engine_setting():
    assert PdfSettings().engine == "pdfium"
    with pytest.raises(ValueError):
        PdfSettings(engine="poppler")


def reason(data: bytes, engine: str) -> str:
    with pytest.raises(UnreadableFile) as e:
        read_pdf(data, "bad.pdf", "x", {"engine": engine, "do_ocr": False})
    return e.value.reason


def test_unreadable_files_fail_with_the_same_reasons():
    good = make_pdf("BT /F1 12 Tf 50 150 Td (Hello) Tj ET")
    cases = {
        b"": "empty file (0 bytes)",
        b"hello": "not a PDF (no %PDF header)",
        good[:40]: None,  # truncated: pdfium refuses it, pdfplumber says why
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF": None,
        make_pdf(""): "no text on any page: no text layer, and OCR found none",
    }
    for data, expected in cases.items():
        ours, theirs = reason(data, "pdfium"), reason(data, "pdfplumber")
        assert ours == theirs
        assert ours == expected or (expected is None and ours)


# ---------------------------------------------------------------- the samples, both engines

def document(path: Path, engine: str):
    return read_pdf(path.read_bytes(), path.name, "x", {"engine": engine})


def same_documents(path: Path) -> None:
    a, b = document(path, "pdfium"), document(path, "pdfplumber")
    assert a.pages == b.pages and a.text_source == b.text_source
    assert [(p.page, p.text) for p in a.paragraphs] == [(p.page, p.text) for p in b.paragraphs]
    cells = lambda d: [(t.n_rows, t.n_cols, [(c.row, c.col, c.row_span, c.col_span, c.text) for c in t.cells])
                       for t in d.tables]
    assert cells(a) == cells(b)


def same_grids(path: Path) -> None:
    data = path.read_bytes()
    settings = PdfSettings(do_camelot=False)
    pdf = pypdfium2.PdfDocument(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            for i, page in enumerate(plumber.pages):
                layer = pdfium_page.read_layer(pdf[i], i + 1)
                ours, theirs = layer_grids(layer, settings), find_grids(page, settings)
                assert [(len(g.xs), len(g.ys), len(g.boxes)) for g in ours] == \
                       [(len(g.xs), len(g.ys), len(g.boxes)) for g in theirs], f"page {i + 1}"
                for g, h in zip(ours, theirs):
                    assert g.xs == pytest.approx(h.xs, abs=0.5) and g.ys == pytest.approx(h.ys, abs=0.5)
                assert sorted(c["text"] for c in layer.chars if c["text"].strip()) == \
                       sorted(c["text"] for c in usable_chars(page) if c["text"].strip()), f"page {i + 1}"
    finally:
        pdf.close()


@pytest.mark.parametrize("parts", [("pdf", "gxj2024.pdf"), ("real", ONLYOFFICE), ("real", ROTATED)])
def test_samples_read_the_same_with_both_engines(parts):
    # gxj2024.pdf is bundled too (data/raw): that one runs without ../shared
    path = RAW / parts[1] if (RAW / parts[1]).exists() else sample(*parts)
    same_grids(path)
    same_documents(path)


def test_onlyoffice_page_reads_in_order_with_pdfium():
    path = sample("real", ONLYOFFICE)
    texts = [p.text for p in document(path, "pdfium").paragraphs if p.page == 21]
    assert texts[4] == "本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他收入6.2万元,占0.21%;"


def test_text_pdfium_cannot_decode_is_read_by_pdfminer():
    # a non-embedded Japanese CID font with Identity-V and no ToUnicode: without a CJK system font
    # pdfium drops the glyphs and pdfminer maps them through its Adobe-Japan1 tables; with one
    # (fonts-noto-cjk, which CI installs for the browser test) pdfium decodes them itself. Either
    # way its characters are read.
    path = sample("torture", "cjk_japan1.pdf")
    layer = layer_of(path.read_bytes())
    if layer.undecoded:
        a, b = document(path, "pdfium"), document(path, "pdfplumber")
        assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
    else:
        assert "すべてがわたくしの中" in "".join(c["text"] for c in layer.chars)
    # glyphs without Unicode: unusable, as pdfplumber's "(cid:N)"
    layer = layer_of(sample("torture", "type3_no-tounicode.pdf").read_bytes())
    assert layer.undecoded and not layer.chars


def test_files_pdfium_refuses_are_read_by_pdfplumber():
    path = sample("torture", "enc_r6_userpw_empty-owner.pdf")
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(path.read_bytes())
    assert document(path, "pdfium").paragraphs == document(path, "pdfplumber").paragraphs
    with pytest.raises(UnreadableFile, match="encrypted PDF: a password is needed"):
        document(sample("torture", "enc_rc4-40_userpw.pdf"), "pdfium")
    with pytest.raises(UnreadableFile, match="PDF has no pages"):
        document(sample("torture", "zero-pages.pdf"), "pdfium")


def test_documents_can_be_read_from_several_threads():
    """pdfium is not thread-safe: its calls go through one lock (a Dask worker runs files in threads)."""
    from concurrent.futures import ThreadPoolExecutor

    data = (RAW / "gxj2024.pdf").read_bytes()
    read = lambda _: [p.text for p in read_pdf(data, "gxj2024.pdf", "x", {"engine": "pdfium"}).paragraphs]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(read, range(4)))
    assert all(r == results[0] for r in results) and results[0]


def two_column_page(title: str | None = None) -> bytes:
    from pdfs import text
    parts = []
    for k in range(8):  # two columns of eight lines, side by side, each line ending a sentence
        parts.append(text(40, 330 - 14 * k, f"Left {k} aaaa bbbb cccc dddd."))
        parts.append(text(320, 330 - 14 * k, f"Right {k} eeee ffff gggg hhhh."))
    if title:
        parts.append(text(40, 370, title, size=12))
    return make_pdf("\n".join(parts), media_box=(0, 0, 600, 400))


def test_a_two_column_page_is_read_column_after_column():
    doc = read_pdf(two_column_page(), "two.pdf", "d")
    text = " ".join(p.text for p in doc.paragraphs)
    left = [text.index(f"Left {k}") for k in range(8)]
    right = [text.index(f"Right {k}") for k in range(8)]
    assert left == sorted(left) and right == sorted(right) and max(left) < min(right), text


def test_a_title_across_the_gutter_keeps_one_column():
    """Conservative: a line crossing the gutter leaves the page as one column (no split is guessed)."""
    doc = read_pdf(two_column_page(title="A title that runs across both of the columns of this page"), "t.pdf", "d")
    text = " ".join(p.text for p in doc.paragraphs)
    assert text.index("Right 0") < text.index("Left 1")  # read across, line by line, as before
