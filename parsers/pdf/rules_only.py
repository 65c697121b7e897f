"""Tables ruled by horizontal lines only (三线表: a rule above the header, one under it, one at the
bottom), which the ruling-line chain cannot close into cells.

Where three or more horizontal rules of one width stand over each other with text between them and no
ruled table is found there, the columns come from the text itself (pdfplumber's "text" strategy:
words whose left, right or centre line up, words_to_edges_v) and the rows from the text lines between
the rules; the edges then go through the same edges-to-grids chain as every ruled table.

No document of ../shared/samples/wide prints such a table (every table there is fully ruled, see
tests/data/handchecked): the finder is tested on a generated page, and it keeps off pages where
ruled tables were found.
"""
from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.table import words_to_edges_v
from pdfplumber.utils import extract_words

from parsers.pdf.grid import PageGrid, grids_from_edges
from parsers.pdf.lines import chars_to_lines
from parsers.settings import GridSettings, Settings


@dataclass(frozen=True)
class RuleOnlySettings(Settings):
    min_rules: int = 3  # horizontal rules of one width, one over another
    width_tolerance: float = 4.0  # points: their left and right ends agree this closely
    min_width_share: float = 0.3  # of the page's text width
    min_columns: int = 2
    word_threshold: int = 3  # words that line up to make a column edge (pdfplumber's min_words_vertical)

    def check(self) -> None:
        if self.min_rules < 2 or self.min_columns < 2 or self.word_threshold < 2:
            raise ValueError("RuleOnlySettings: min_rules, min_columns and word_threshold must be at least 2")
        if not 0 < self.min_width_share <= 1 or self.width_tolerance < 0:
            raise ValueError("RuleOnlySettings: min_width_share in (0, 1], width_tolerance ≥ 0")


def rule_groups(edges: list[dict], settings: RuleOnlySettings, min_width: float) -> list[list[dict]]:
    """Horizontal rules sharing their ends, top to bottom, in groups of at least `min_rules`."""
    hs = sorted((e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= min_width),
                key=lambda e: (round(e["x0"]), e["top"]))
    groups: list[list[dict]] = []
    for e in hs:
        for g in groups:
            if abs(g[0]["x0"] - e["x0"]) <= settings.width_tolerance and abs(g[0]["x1"] - e["x1"]) <= settings.width_tolerance:
                if all(abs(e["top"] - o["top"]) > 2 for o in g):
                    g.append(e)
                break
        else:
            groups.append([e])
    return [sorted(g, key=lambda e: e["top"]) for g in groups if len(g) >= settings.min_rules]


def grids_from_rules(edges: list[dict], chars: list[dict], found: list[PageGrid],
                     settings: RuleOnlySettings | None = None, table_settings: dict | None = None,
                     grid: GridSettings | None = None) -> list[PageGrid]:
    """Grids of the horizontally ruled tables of a page (none where a ruled grid was found)."""
    settings = settings or RuleOnlySettings()
    text = [c for c in chars if c["text"].strip()]
    if not text:
        return []
    page_width = max(c["x1"] for c in text) - min(c["x0"] for c in text)
    out = []
    for rules in rule_groups(edges, settings, settings.min_width_share * page_width):
        x0, x1 = rules[0]["x0"], rules[0]["x1"]
        top, bottom = rules[0]["top"], rules[-1]["top"]
        if any(g.bbox[1] < bottom and g.bbox[3] > top and g.bbox[0] < x1 and g.bbox[2] > x0 for g in found):
            continue
        inside = [c for c in text if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top < (c["top"] + c["bottom"]) / 2 < bottom]
        if not inside:
            continue
        words = extract_words(inside, keep_blank_chars=False, x_tolerance=1.5, y_tolerance=2)
        left, right = min(c["x0"] for c in inside), max(c["x1"] for c in inside)
        verticals = [e for e in words_to_edges_v(words, settings.word_threshold)
                     if max(x0, left) + 2 < e["x0"] < min(x1, right) - 2]  # between text, never beside it all
        if len(verticals) + 1 < settings.min_columns:
            continue
        lines = chars_to_lines(inside)
        bounds = [x0] + sorted(e["x0"] for e in verticals) + [x1]
        filled = []  # how many columns each text line writes in, without a word across a column edge
        for ln in lines:
            on = [c for c in inside if ln.top - 0.5 <= (c["top"] + c["bottom"]) / 2 <= ln.bottom + 0.5]
            line_words = extract_words(on, x_tolerance=1.5, y_tolerance=2)
            if any(w["x0"] < b - 1 < w["x1"] for w in line_words for b in bounds[1:-1]):
                filled.append(1)  # a sentence running over the column edges: no row of a table
                continue
            filled.append(sum(1 for a, b in zip(bounds, bounds[1:]) if any(a <= (c["x0"] + c["x1"]) / 2 < b for c in on)))
        if sorted(filled)[len(filled) // 2] < settings.min_columns:
            continue  # a list with an indent (a table of contents) is no table
        cuts = [(a.bottom + b.top) / 2 for a, b in zip(lines, lines[1:]) if b.top > a.bottom
                and not any(abs(r["top"] - (a.bottom + b.top) / 2) < 3 for r in rules)]
        synthetic = [dict(rules[0], top=y, bottom=y) for y in cuts]
        sides = [{"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                  "orientation": "v", "object_type": "line"} for x in (x0, x1)]
        ruled = [dict(e, top=top, bottom=bottom, height=bottom - top) for e in verticals]
        grids = grids_from_edges(rules + synthetic + sides + ruled, table_settings, grid)
        out.extend(g for g in grids if len(g.xs) - 1 >= settings.min_columns)
    return out
