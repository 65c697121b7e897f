"""Values read by hand from the PDFs of ../shared/samples (tests/data/handchecked/*.json), and their
look-up in a run's amounts.

Each file records, per standard table, the figures a person (or a helper who rendered and zoomed into
the page) read off the page: row label as printed, subject code, column header path, half, and the
printed figure. A hand-checked value is found when an amount of a table of the same standard kind has
the same item (code, or label without numbering and spaces), the same column (header path, or its
last level) and the same half; it is right when its value in 元 is the printed figure times the unit.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from parsers.normalize.labels import label_key
from parsers.normalize.numbers import MONEY_UNITS, parse_number
from parsers.normalize.vocabulary import row_label

DATA = Path(__file__).parent / "data" / "handchecked"

# the standard tables' common names (disclosure-package.md) → table_kind
STANDARD_KINDS = {
    "部门收支总表": "revenue_expenditure_summary", "部门收入总表": "revenue_summary",
    "部门支出总表": "expenditure_summary", "财政拨款收支总表": "fiscal_summary",
    "一般公共预算支出表": "general_budget_expenditure", "一般公共预算基本支出表": "general_budget_basic_expenditure",
    '一般公共预算"三公"经费支出表': "three_public", "政府性基金预算支出表": "government_fund_expenditure",
    "国有资本经营预算支出表": "state_capital_expenditure", "项目支出表": "project_expenditure",
    "政府采购预算表": "government_procurement", "机关运行经费": "operating_expenses",
    "收入支出决算总表": "final_revenue_expenditure_summary", "收入决算表": "final_revenue",
    "支出决算表": "final_expenditure", "财政拨款收入支出决算总表": "final_fiscal_summary",
    "一般公共预算财政拨款支出决算表": "final_general_budget_expenditure",
    "一般公共预算财政拨款基本支出决算表": "final_general_budget_basic_expenditure",
    '"三公"经费支出决算表': "final_three_public", "政府性基金预算财政拨款收入支出决算表": "final_government_fund",
    "国有资本经营预算财政拨款收入支出决算表": "final_state_capital", "国有资本经营预算财政拨款支出决算表": "final_state_capital",
}


@dataclass(frozen=True)
class Checked:
    doc: str  # the JSON file's stem
    file: str  # path under ../shared/samples
    standard: str
    kind: str
    pages: tuple[int, ...]
    unit: str
    item: str
    code: str | None
    column: str
    side: str | None
    printed: str

    @property
    def value(self) -> Decimal | None:
        """The printed figure in 元 (None for an empty cell or a dash)."""
        n = parse_number(self.printed) if self.printed else None
        if n is None or self.unit not in MONEY_UNITS or n.unit is not None:
            return None  # a rate or a count printed in a money table is no amount
        return n.value * MONEY_UNITS[self.unit]


def load(stem: str | None = None) -> list[Checked]:
    out = []
    for path in sorted(DATA.glob("*.json")):
        if stem and path.stem != stem:
            continue
        d = json.loads(path.read_text(encoding="utf-8"))
        for t in d.get("tables") or []:
            kind = STANDARD_KINDS.get(t.get("standard"))
            if kind is None or (t.get("layout") or {}).get("empty"):
                continue
            for v in t.get("values") or []:
                out.append(Checked(path.stem, d["file"], t["standard"], kind, tuple(t.get("pages") or ()),
                                   t.get("unit") or "", v.get("item") or "", v.get("code"), v.get("column") or "",
                                   v.get("side"), v.get("printed") or ""))
    return out


def key(text: str | None) -> str:
    return re.sub(r"[\s/]", "", label_key(text))


def item_key(text: str | None) -> str:
    """A label compared without numbering and spaces; of "a | b" (two classifications printed side by
    side) the first; an "(unlabelled …)" row has no label."""
    text = (text or "").split("|")[0]
    if re.match(r"^[(（][^)）]*unlabelled", text):
        return ""
    return key(row_label(text).name if text else "")


def column_matches(path: str, wanted: str) -> bool:
    a, b = key(path), key(wanted)
    if a == b:
        return True
    last = key(path.split(" / ")[-1]) if path else ""
    return bool(last) and last == key(wanted.split(" / ")[-1]) and (b.endswith(last) or a.endswith(key(wanted.split("/")[-1])))


def side_matches(side: str | None, wanted: str | None) -> bool:
    if not wanted:
        return True
    return bool(side) and (side == wanted or side.startswith(wanted) or wanted.startswith(side.rstrip("0123456789")))


def find(amounts: list, c: Checked) -> list:
    """The amounts of a run that stand where a hand-checked value does."""
    out = []
    for a in amounts:
        if a.table_kind != c.kind or (c.pages and a.page not in c.pages):
            continue
        code = re.sub(r"\D", "", (c.code or "").split("|")[0]) or None
        # a 款 printed with its two digits only (长沙: "11" under 201) is the code 20111
        same_code = code and a.item_code and (a.item_code == code or (len(code) == 2 and a.item_code.endswith(code)
                                                                     and item_key(a.item) == item_key(c.item)))
        same_item = same_code or (
            item_key(a.item) == item_key(c.item) and (not code or not a.item_code))
        if same_item and column_matches(a.column_path, c.column) and side_matches(a.side, c.side):
            out.append(a)
    return out
