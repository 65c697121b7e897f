"""Pictures of the page region where a finding's figures sit, the figures highlighted."""
from __future__ import annotations

import base64
import io
import re

from PIL import ImageDraw

SCALE = 1.6  # 115 dpi: legible Chinese in a browser, small data URIs
MARGIN = 70  # points above and below the highlighted figures


def needles(*values: str | None) -> list[str]:
    """The printed forms to look for on the page: the stated value, with and without its unit."""
    out = []
    for v in values:
        if not v:
            continue
        v = v.strip()
        out.append(v)
        bare = re.sub(r"[^\d.,%]", "", v).rstrip(".,")
        if bare and bare != v and len(bare) >= 2:
            out.append(bare)
    return out


def hits(page, texts: list[str]) -> list[tuple[float, float, float, float]]:
    """Boxes (PDF space) of every occurrence of the first text found on the page's text layer."""
    textpage = page.get_textpage()
    try:
        for text in texts:
            found = []
            searcher = textpage.search(text, match_case=False, match_whole_word=False)
            while (occurrence := searcher.get_next()) is not None:
                index, count = occurrence
                boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
                found.append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                              max(b[2] for b in boxes), max(b[3] for b in boxes)))
            searcher.close()
            if found:
                return found
        return []
    finally:
        textpage.close()


class PageImages:
    """Each page of one PDF rendered once, however many findings point at it."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.rendered: dict[int, object] = {}

    def get(self, number: int):
        if number not in self.rendered:
            self.rendered[number] = self.pdf[number - 1].render(scale=SCALE).to_pil().convert("RGB")
        return self.rendered[number]


def region_png(pages: PageImages, page_number: int, texts: list[str]) -> str | None:
    """A data URI of the page region around the figures, highlighted; the whole page if none is found."""
    pdf = pages.pdf
    if not page_number or page_number > len(pdf):
        return None
    page = pdf[page_number - 1]
    width, height = page.get_size()
    boxes = hits(page, texts)
    image = pages.get(page_number).copy()
    draw = ImageDraw.Draw(image, "RGBA")
    for left, bottom, right, top in boxes:
        rect = [left * SCALE - 2, (height - top) * SCALE - 2, right * SCALE + 2, (height - bottom) * SCALE + 2]
        draw.rectangle(rect, fill=(255, 230, 0, 90), outline=(220, 0, 0, 255), width=2)
    if boxes:
        top = max(0, min(height - b[3] for b in boxes) - MARGIN)
        bottom = min(height, max(height - b[1] for b in boxes) + MARGIN)
        image = image.crop((0, int(top * SCALE), image.width, int(bottom * SCALE)))
    else:
        image.thumbnail((image.width // 2, image.height // 2))
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=3)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
