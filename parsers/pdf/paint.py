"""Whether a drawn path can be a ruling line: a white box behind text is a background, not a rule.

Word and WPS put a white, unstroked rectangle behind runs of text (paragraph or character shading
set to white): on the 长沙市公安局 2025 package every text line of the 情况说明 sits on such boxes,
and read as ruling lines they make one-row "tables" of the prose (63 of them), which takes the
sentences out of the text. The same white boxes stand behind table cells in 长春, 北京, 深圳, 苏州,
杭州 and the 江苏 packages, whose borders are drawn separately, so they add nothing there. A filled
path that is not stroked and is filled white (or fully transparent) is therefore no rule.

Stroked lines stay rules whatever their colour: the 北京 (首都绿化委) exporter strokes the outer
border of a table's last row in white, and that row (合计) belongs to the table. (A table drawn as
white cells on a dark panel would be lost; no document of ../shared/samples prints one.)
"""
from __future__ import annotations


def is_white(color) -> bool:
    """pdfplumber's colour (a number or tuple in the colour space: gray, RGB or CMYK, 0–1) is white."""
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color == 1
    c = tuple(color)
    if len(c) in (1, 3):
        return all(v == 1 for v in c)
    if len(c) == 4:
        return all(v == 0 for v in c)  # CMYK: no ink
    return False


def shows(fill: bool, stroke: bool, fill_white: bool) -> bool:
    """False for a background: filled white (or transparent) and not stroked."""
    return stroke or not (fill and fill_white)


def pdfplumber_shows(obj: dict) -> bool:
    """For pdfplumber's rect, line and curve objects (lines and curves are stroked, rects say)."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    fill = bool(obj.get("fill"))
    stroke = bool(obj.get("stroke", obj.get("object_type") != "rect"))
    return shows(fill, stroke, is_white(obj.get("non_stroking_color")))
