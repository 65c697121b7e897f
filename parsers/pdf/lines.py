"""Characters → text lines in reading order, by page geometry.

Some producers (ONLYOFFICE, WPS) write a line's characters out of order, and give Latin
digits a different ascent than the CJK text around them; clustering by `top` then splits
one printed line in two. Lines are therefore clustered by vertical overlap of the glyph
boxes (centres within half a glyph height), and ordered by x within a line.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from parsers.normalize.text import is_cjk


@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    page: int | None = None
    score: float | None = None  # the lowest OCR recognition score of its characters (None: a text layer)
    column: int = 0  # which column of a two-column page (parsers.pdf.columns)
    # (x0, x1) of each character of `text` (an inserted word space: the gap it stands for)
    spans: list = field(default_factory=list, repr=False, compare=False)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _centre(c: dict) -> float:
    return (c["top"] + c["bottom"]) / 2


def chars_to_lines(chars: list[dict]) -> list[Line]:
    """Group characters into lines (top to bottom, left to right)."""
    if not chars:
        return []
    ordered = sorted(chars, key=_centre)
    groups: list[list[dict]] = [[ordered[0]]]
    band = _centre(ordered[0])
    for c in ordered[1:]:
        h = max(c["bottom"] - c["top"], 1.0)
        if _centre(c) - band <= h * 0.5:
            groups[-1].append(c)
        else:
            groups.append([c])
            band = _centre(c)
    return [_line(g) for g in groups]


def _line(chars: list[dict]) -> Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    parts: list[str] = []
    spans: list[tuple[float, float]] = []
    prev = None
    for c in chars:
        t = c["text"]
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            size = max(c.get("size") or 0, prev.get("size") or 0, 1.0)
            # a visible gap between Latin glyphs is a word space; next to CJK it is justification
            if gap > size * 0.25 and not (is_cjk(t[:1]) or is_cjk(prev["text"][-1:])):
                parts.append(" ")
                spans.append((prev["x1"], c["x0"]))
        parts.append(t)
        spans.extend(shares(t, c["x0"], c["x1"]))
        prev = c
    joined = "".join(parts)
    lead = len(joined) - len(joined.lstrip())
    kept = spans[lead:lead + len(joined.strip())]
    sizes = sorted(c.get("size") or 0 for c in chars)
    # a line indented with space characters (泉州 2026: " （二）2010302-…") starts where its ink does
    ink = [c for c in chars if c["text"].strip()] or chars
    return Line(
        text="".join(parts).strip(),
        x0=min(c["x0"] for c in ink),
        top=min(c["top"] for c in chars),
        x1=max(c["x1"] for c in ink),
        bottom=max(c["bottom"] for c in chars),
        size=sizes[len(sizes) // 2],
        score=lowest_score(chars),
        spans=[(round(a, 1), round(b, 1)) for a, b in kept],
    )


def shares(text: str, x0: float, x1: float) -> list[tuple[float, float]]:
    """(x0, x1) per character of a piece printed across x0…x1: one glyph gets it all; an OCR text
    box of many is divided by character widths (an ideograph one em, a digit or letter half one)."""
    if len(text) <= 1:
        return [(x0, x1)] * len(text)
    widths = [1.0 if is_cjk(ch) else 0.5 for ch in text]
    unit, out, x = (x1 - x0) / sum(widths), [], x0
    for w in widths:
        out.append((x, x + w * unit))
        x += w * unit
    return out


def lowest_score(chars: list[dict]) -> float | None:
    scores = [c["score"] for c in chars if c.get("score") is not None]
    return min(scores) if scores else None
