"""Text lines outside tables → paragraphs; page headers, footers and numbers left out."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from parsers.normalize.text import clean_char, join_lines
from parsers.pdf.lines import Line
from parsers.settings import LayoutSettings

PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*(共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")
HEADING = re.compile(r"^(第[一二三四五六七八九十]+[部分章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D|[①-⑳]|表\s*\d|附件|附表)")
SENTENCE_END = tuple("。！？!?；;：:")
MARGIN = LayoutSettings().margin


def page_starts(boxes: list[list[float]]) -> list[int]:
    """Where in a paragraph's text each following page begins, from its line boxes (DraftParagraph.line_boxes)."""
    return [int(b[0]) for a, b in zip(boxes, boxes[1:]) if b[1] != a[1]]


@dataclass
class DraftParagraph:
    page: int
    lines: list[Line]
    indented: bool
    right: float = 0.0  # the page body's right edge: a paragraph cut by a page break fills its last line

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def text(self) -> str:
        return join_lines([l.text for l in self.lines])

    @property
    def line_boxes(self) -> list[list[float]]:
        """[offset in `text`, page, x0, top, x1, bottom] per line (Paragraph.lines)."""
        out = []
        for k, l in enumerate(self.lines):
            start = len(join_lines([x.text for x in self.lines[:k + 1]])) - len(l.text) if k else 0
            page = getattr(l, "page", None) or self.page
            out.append([max(start, 0), page, round(l.x0, 2), round(l.top, 2), round(l.x1, 2), round(l.bottom, 2)])
        return out

    def char_spans(self, text: str, boxes: list[list[float]]) -> list[tuple[float, float] | None]:
        """(x0, x1) of each character of the paragraph's text, from its line's characters; the
        clean-up (NFKC, spaces near Chinese dropped) is followed by matching each character to the
        next printed one it comes from, a few characters ahead at most."""
        out: list[tuple[float, float] | None] = [None] * len(text)
        for k, line in enumerate(self.lines):
            start = int(boxes[k][0])
            end = int(boxes[k + 1][0]) if k + 1 < len(boxes) else len(text)
            raw, spans, j = line.text, line.spans, 0
            if len(spans) != len(raw):
                continue
            for i in range(start, min(end, len(text))):
                ch = text[i]
                for ahead in range(j, min(j + 4, len(raw))):
                    if clean_char(raw[ahead])[:1] == ch:
                        out[i], j = spans[ahead], ahead + 1
                        break
        return out

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (min(l.x0 for l in self.lines), self.lines[0].top, max(l.x1 for l in self.lines), self.lines[-1].bottom)


def in_margin(line: Line, height: float, margin: float = MARGIN) -> bool:
    return line.bottom < height * margin or line.top > height * (1 - margin)


def running_texts(margin_lines: list[list[str]], pages: int) -> set[str]:
    """Margin texts repeated on at least half of the pages (digits ignored): running headers/footers."""
    if pages < 3:
        return set()
    counts = Counter(t for page in margin_lines for t in set(page))
    return {t for t, n in counts.items() if n >= max(2, pages // 2)}


def margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def is_page_furniture(line: Line, height: float, running: set[str], margin: float = MARGIN) -> bool:
    if not in_margin(line, height, margin):
        return False
    return bool(PAGE_NUMBER.match(line.text)) or margin_key(line.text) in running


def line_gap(lines: list[Line], left: float, right: float) -> float:
    """The page's line spacing: the usual gap between a full line and the unindented line under it
    (the pairs that are most likely one paragraph). Text set double-spaced (杭州 2026: 16 pt lines
    30 pt apart) has gaps as tall as a line inside its paragraphs; 0 when the page shows no such pair."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:])
                  if a.x1 >= right - 2.5 * max(a.size, 1.0) and b.x0 <= left + 0.5 * max(b.size, 1.0)
                  and -max(a.size, 1.0) < b.top - a.bottom < 2 * max(a.size, 1.0))  # glyph boxes taller than the spacing overlap
    # the lower quartile: where line ends are ragged (上海普陀 2024) some "full" lines end paragraphs too
    return gaps[len(gaps) // 4] if len(gaps) >= 2 else 0.0


NOTE = re.compile(r"^(注|说明|备注)\s*[:：]")  # a table's note: "注：本表反映…" then "说明：…本表无数据"


def is_heading_line(line: Line) -> bool:
    """A numbered heading alone on its line ("3.有关情况说明", 泉州 2026), not a numbered paragraph whose
    first line stops short ("5、社会保障和就业支出（类）…行政单位离退休", 上海普陀 2024)."""
    return bool(HEADING.match(line.text)) and len(line.text) <= 20


def paragraph_gap(a: Line, b: Line, leading: float) -> bool:
    size = max(b.size, 1.0)
    return b.top - a.bottom > max(0.8 * size, leading + 0.4 * size)


def spaced_paragraphs(lines: list[Line], leading: float) -> bool:
    """Paragraphs set apart by space: then a line that stops short of the margin ends no paragraph by
    itself (上海普陀 2024 决算: ragged lines, "行政单位离退休" | "（项）。主要用于…" within one paragraph).
    Spaced: two or more gaps taller than the lines' spacing, and at least one gap in seven that tall.
    A short numbered heading line still ends its paragraph."""
    gaps = [paragraph_gap(a, b, leading) for a, b in zip(lines, lines[1:])]
    return sum(gaps) >= 2 and sum(gaps) >= 0.15 * len(gaps)


def lines_to_paragraphs(lines: list[Line], page: int, left: float, right: float) -> list[DraftParagraph]:
    """Split a page's body lines into paragraphs by gaps, first-line indents, short last lines and headings."""
    out: list[DraftParagraph] = []
    prev: Line | None = None

    sizes = sorted(l.size for l in lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0

    def title_sized(l: Line) -> bool:
        return l.size > 1.2 * body_size

    ordered = sorted(lines, key=lambda l: l.top)
    leading = line_gap(ordered, left, right)
    spaced = spaced_paragraphs(ordered, leading)
    for line in ordered:
        size = max(line.size, 1.0)
        indented = line.x0 > left + 1.5 * size
        # a title wrapped over two lines (larger type, often centred) stays one paragraph
        if prev is not None and title_sized(line) and title_sized(prev) and abs(line.size - prev.size) < 0.5 \
                and line.top - prev.bottom < 0.8 * size:
            out[-1].lines.append(line)
            prev = line
            continue
        new = (
            prev is None
            or line.top - prev.bottom > max(0.8 * size, leading + 0.4 * size)
            or indented
            or (prev.x1 < right - 2.5 * size and (not spaced or is_heading_line(prev)))
            or bool(NOTE.match(line.text))
            or bool(HEADING.match(line.text))
            or prev.text.rstrip().endswith(("。", "：", ":")) and line.x0 > left + 0.5 * size
        )
        if new:
            out.append(DraftParagraph(page=page, lines=[line], indented=indented, right=right))
        else:
            out[-1].lines.append(line)
        prev = line
    return out


def continues(prev: DraftParagraph, nxt: DraftParagraph) -> bool:
    """Does a paragraph cut by a page break go on at the top of the next page?"""
    text = prev.text
    last = prev.lines[-1]
    full = last.x1 >= prev.right - 2.5 * max(last.size, 1.0)
    return (bool(text) and full and not text.endswith(SENTENCE_END) and not nxt.indented
            and not HEADING.match(nxt.text))
