"""Pictures of the page region a finding's figures sit in, each figure marked where it is printed.

The boxes are the ones the reader recorded (Finding.bbox, FindingInput.bbox), in points of the page
as displayed (its CropBox, its /Rotate applied: parsers.pdf.pdfium_page.Frame); pdfium renders the
page the same way, so a box maps to pixels by the render scale alone, on rotated and cropped pages
alike. A finding without a box gets no picture: a page is never searched for the figure's digits.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from PIL import ImageDraw

SCALE = 1.6  # 115 dpi: legible Chinese in a browser, small pictures
MARGIN_Y = 36  # points of context above and below the marked figures
MAX_HEIGHT = 420  # past this the inputs are too far apart: the crop keeps the stated figure alone
QUALITY = 70
STATED = (220, 0, 0, 255)
INPUT = (255, 140, 0, 255)


@dataclass(frozen=True)
class Mark:
    box: tuple[float, float, float, float]  # x0, top, x1, bottom (points)
    stated: bool


def marks_of(finding: dict) -> list[Mark]:
    """The stated figure's box, and the boxes of the inputs printed on the same page."""
    out = []
    if finding.get("bbox"):
        out.append(Mark(tuple(finding["bbox"]), True))
    for i in finding.get("inputs") or []:
        box = i.get("bbox")
        if box and i.get("page") == finding.get("page") and tuple(box) not in {m.box for m in out}:
            out.append(Mark(tuple(box), False))
    if out and not out[0].stated:
        out[0] = Mark(out[0].box, True)
    return out


def crop_box(marks: list[Mark], width: float, height: float) -> tuple[float, float, float, float]:
    """The region (points) to show: the page's width (a row's label sits at its left edge), from a
    little above the highest mark to a little below the lowest; the stated figure alone where the
    marks are scattered over the page."""
    def around(ms):
        return (0.0, max(0.0, min(m.box[1] for m in ms) - MARGIN_Y), width,
                min(height, max(m.box[3] for m in ms) + MARGIN_Y))
    box = around(marks)
    if box[3] - box[1] > MAX_HEIGHT:
        box = around([m for m in marks if m.stated] or marks[:1])
    return box


class PageImages:
    """Each page of one PDF rendered once, however many findings point at it."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.rendered: dict[int, object] = {}

    def get(self, number: int):
        if number not in self.rendered:
            self.rendered[number] = self.pdf[number - 1].render(scale=SCALE).to_pil().convert("RGB")
        return self.rendered[number]


def region_image(pages: PageImages, finding: dict) -> str | None:
    """A data URI (JPEG) of the region around the finding's figures, each marked; None without a box."""
    number = finding.get("page")
    marks = marks_of(finding)
    if not number or not marks or number > len(pages.pdf):
        return None
    image = pages.get(number)
    width, height = image.width / SCALE, image.height / SCALE
    left, top, right, bottom = crop_box(marks, width, height)
    region = image.crop((int(left * SCALE), int(top * SCALE), int(right * SCALE), int(bottom * SCALE)))
    draw = ImageDraw.Draw(region, "RGBA")
    for m in sorted(marks, key=lambda m: m.stated):  # the stated figure drawn last, on top
        x0, t, x1, b = ((m.box[0] - left) * SCALE - 2, (m.box[1] - top) * SCALE - 2,
                        (m.box[2] - left) * SCALE + 2, (m.box[3] - top) * SCALE + 2)
        draw.rectangle([x0, t, x1, b], fill=(255, 230, 0, 70) if m.stated else None,
                       outline=STATED if m.stated else INPUT, width=3 if m.stated else 2)
    buf = io.BytesIO()
    region.save(buf, "JPEG", quality=QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()
