"""Two-column pages: the body text split at a gutter, so that each column is read top to bottom
before the next (lines sorted by their top alone interleave neighbouring columns).

Conservative by design: a page is split only where a vertical strip near the middle of the text is
free of every character from top to bottom and both sides hold many lines over most of the page's
height. No document in ../shared/samples/wide is set in two columns (the national template is one
column), so the rule is pinned by a generated page (tests/test_pdf_layer.py); a full-width title
across the gutter keeps the page one column rather than risk a wrong order."""
from __future__ import annotations

MIN_LINES = 6  # lines on each side
MIN_SHARE = 0.5  # of the text's height each side must cover


def split_columns(chars: list[dict]) -> list[list[dict]]:
    """The page's characters in reading order of columns: [left, right], or [chars] for one column."""
    ink = [c for c in chars if c["text"].strip()]
    if len(ink) < 4 * MIN_LINES:
        return [chars]
    x0, x1 = min(c["x0"] for c in ink), max(c["x1"] for c in ink)
    top, bottom = min(c["top"] for c in ink), max(c["bottom"] for c in ink)
    sizes = sorted(c.get("size") or (c["bottom"] - c["top"]) for c in ink)
    size = max(sizes[len(sizes) // 2], 1.0)
    # the free strips between the characters' extents, in the middle 40% of the text's width
    spans = sorted((c["x0"], c["x1"]) for c in ink)
    lo, hi = x0 + 0.3 * (x1 - x0), x0 + 0.7 * (x1 - x0)
    best, reach = None, spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= 1.5 * size and lo <= (a + reach) / 2 <= hi:
            if best is None or a - reach > best[1] - best[0]:
                best = (reach, a)
        reach = max(reach, b)
    if best is None:
        return [chars]
    cut = (best[0] + best[1]) / 2
    left = [c for c in chars if (c["x0"] + c["x1"]) / 2 < cut]
    right = [c for c in chars if (c["x0"] + c["x1"]) / 2 >= cut]
    for side in (left, right):
        marked = [c for c in side if c["text"].strip()]
        bands = {round(c["top"] / size) for c in marked}
        extent = (max(c["bottom"] for c in marked) - min(c["top"] for c in marked)) if marked else 0
        if len(bands) < MIN_LINES or extent < MIN_SHARE * (bottom - top):
            return [chars]
    return [left, right]
