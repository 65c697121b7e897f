"""Calculations written out in a score sheet's evidence: "预算执行率=(87877569.18÷93367667.77)×100%=94.12%"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

FORMULA = re.compile(
    r"(?P<name>[\u4e00-\u9fff\"“”]{2,20}?率)\s*=\s*"
    r"(?P<expr>[\d\s.,()（）÷/×*xX+\-−]+?)\s*[×xX*]\s*100\s*%\s*=\s*"
    r"(?P<result>\d+(?:\.\d+)?)\s*%")


@dataclass(frozen=True)
class Formula:
    name: str
    expression: str  # ASCII operators, no spaces: (87877569.18/93367667.77)
    result: Decimal  # the printed result, in percent
    decimals: int


def find_formula(text: str | None) -> Formula | None:
    if not text:
        return None
    m = FORMULA.search(text)
    if not m:
        return None
    expr = m.group("expr")
    # a number wrapped inside its cell keeps a space ("7701 1000"): operators separate numbers, spaces never do
    expr = re.sub(r"\s+", "", expr).translate(str.maketrans({"÷": "/", "×": "*", "x": "*", "X": "*", "−": "-",
                                                             "（": "(", "）": ")", ",": ""}))
    result = m.group("result")
    decimals = len(result.split(".")[1]) if "." in result else 0
    return Formula(m.group("name").strip("\"“”"), expr, Decimal(result), decimals)
