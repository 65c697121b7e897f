"""Resolve merged label columns (一级/二级指标) to a label for every row.

Exports and typesetting put a merged label anywhere within the rows it spans (top, middle,
repeated after a page break), and leave the other rows empty; a label may even wrap into
the next row ("B2资产管理" / "(3分)"). The span of each label is decided, in order, by
  1. indicator codes (A11 belongs to the label coded A1, which belongs to A),
  2. the weight printed in the label ("部门决策(15分)" spans the rows whose weights add up to 15),
  3. otherwise a label covers the rows from itself down to the next label, and rows above
     the first label belong to the first label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from parsers.normalize.labels import mend_ocr

CODE = re.compile(r"^([A-Z])(\d{1,2})?(?=[^\dA-Za-z]|$)")
LEAF_CODE = re.compile(r"^([A-Z]\d{2,3})(?=\D|$)")
# "(12分)", and the forms OCR or a wrap leave at the end of a label: "(4分", "(4"
WEIGHT = re.compile(r"[(（]\s*([≤<]?)\s*(\d+(?:\.\d+)?)\s*(?:分\s*[)）]?|[)）]|$)")
BRACKET_TAIL = re.compile(r"^[\d.\s]*(分\s*[)）]?|[)）])")
WEIGHT_ONLY = re.compile(r"^[(（]?\s*[≤<]?\s*\d+(?:\.\d+)?\s*分\s*[)）]?$")


@dataclass
class Label:
    text: str  # without the weight
    weight: Decimal | None
    weight_is_cap: bool  # "(≤5分)": a ceiling, not a sum
    rows: list[int]
    code: str | None
    raw: str = ""  # as printed, weight included

    @property
    def open_paren(self) -> bool:
        return self.raw.count("(") + self.raw.count("（") > self.raw.count(")") + self.raw.count("）")


def split_weight(text: str) -> tuple[str, Decimal | None, bool]:
    m = WEIGHT.search(text)
    if not m:
        return text, None, False
    name = (text[: m.start()] + text[m.end():]).strip()
    return name, Decimal(m.group(2)), bool(m.group(1))


def label_code(text: str, level: int) -> str | None:
    """A1 for '二级' labels, A for '一级' labels, when the sheet numbers its indicators."""
    m = CODE.match(text)
    if not m:
        return None
    if level == 1:
        return m.group(1) if not m.group(2) else None
    return m.group(1) + m.group(2) if m.group(2) else None


def leaf_code(text: str) -> str | None:
    m = LEAF_CODE.match(text)
    return m.group(1) if m else None


def is_fragment(text: str, coded: bool, level: int) -> bool:
    """A cell holding the wrapped tail of the label above, not a label of its own."""
    if WEIGHT_ONLY.match(text):
        return True
    return coded and label_code(text, level) is None


def collect_labels(cells: list[str], coded: bool, level: int) -> list[Label]:
    labels: list[Label] = []
    for row, raw in enumerate(cells):
        text = mend_ocr(raw).strip()
        if not text:
            continue
        if labels and labels[-1].open_paren and BRACKET_TAIL.match(text):
            # "可持续发展能力(5" / "分)": a label whose bracket is still open goes on in this cell
            merged = labels[-1].raw + text
            name, w, cap = split_weight(merged)
            labels[-1] = Label(name, w, cap, labels[-1].rows, labels[-1].code, merged)
            continue
        if labels and is_fragment(text, coded, level):
            # wrapped tail: pure Chinese text or a weight joins the label above; anything
            # with stray Latin letters in a coded sheet is OCR noise
            if WEIGHT_ONLY.match(text) or not re.search(r"[A-Za-z0-9]", text):
                merged = labels[-1].text + text
                name, w, cap = split_weight(merged)
                labels[-1] = Label(name, w if w is not None else labels[-1].weight,
                                   cap or labels[-1].weight_is_cap, labels[-1].rows, labels[-1].code, merged)
            continue
        name, w, cap = split_weight(text)
        if labels and labels[-1].text == name and labels[-1].rows[-1] == row - 1:
            labels[-1].rows.append(row)  # the label repeated after a page break
            continue
        labels.append(Label(name, w, cap, [row], label_code(name, level) if coded else None, text))
    return labels


def resolve(cells: list[str], weights: list[Decimal | None], leaf_codes: list[str | None], level: int) -> list[Label | None]:
    """The label of every row of one label column."""
    n = len(cells)
    coded = sum(1 for c in leaf_codes if c) >= max(1, n // 2)
    labels = collect_labels(cells, coded, level)
    out: list[Label | None] = [None] * n
    if not labels:
        return out
    if coded:
        by_code = {lab.code: lab for lab in labels if lab.code}
        for r, code in enumerate(leaf_codes):
            if code:
                key = code[0] if level == 1 else code[:2]
                out[r] = by_code.get(key)
        if any(out):
            return out
    start = 0
    for i, lab in enumerate(labels):
        nxt = labels[i + 1].rows[0] if i + 1 < len(labels) else n
        end = nxt - 1
        if lab.weight is not None and not lab.weight_is_cap:
            total = Decimal(0)
            for r in range(start, nxt):
                total += weights[r] or 0
                if total == lab.weight and r >= lab.rows[-1]:
                    end = r
                    break
        for r in range(start, end + 1):
            out[r] = lab
        start = end + 1
    # rows after the last label's weighted span keep that label
    for r in range(start, n):
        out[r] = labels[-1]
    return out
