"""Issue 3: the same report printed in other units and digit forms gives the same values."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pipeline.work import process_bytes

FIXTURE = Path(__file__).parent / "fixtures" / "gxj2024.txt"
FULL_WIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def in_yuan(cell: str) -> str:
    """'7,196.93' (万元) → '71,969,300.00' (元)."""
    value = Decimal(cell.replace(",", "")) * 10000
    return f"{value:,.2f}"


def altered_copy() -> str:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    out = []
    table = None
    for line in lines:
        if line.startswith("表1:"):
            line = line.replace("单位: 万元", "单位: 元")
        if line.startswith("支出类别\t"):
            table = 1
        elif line.startswith("类别\t"):
            table = 2
        elif "\t" not in line:
            table = None
        elif table == 1:
            cells = line.split("\t")
            line = "\t".join([cells[0]] + [in_yuan(c) for c in cells[1:4]] + cells[4:])
        elif table == 2:
            cells = line.split("\t")
            line = "\t".join([cells[0]] + [c.translate(FULL_WIDTH) for c in cells[1:]])
        out.append(line)
    return "\n".join(out)


def test_table_in_yuan_and_full_width_digits_give_the_same_budget_lines():
    original = process_bytes(FIXTURE.read_bytes(), "gxj2024.txt")
    text = altered_copy()
    assert "71,969,300.00" in text and "１６．５０" in text
    copy = process_bytes(text.encode("utf-8"), "gxj2024_yuan.txt")
    values = lambda r: [(b.table_kind, b.item, b.initial_budget, b.adjusted_budget, b.actual_spending,
                         b.execution_rate_pct) for b in r.budget_lines]
    assert values(copy) == values(original)
    assert len(copy.budget_lines) == 7
    units = {(b.table_kind, b.unit_printed) for b in copy.budget_lines}
    assert units == {("department_budget", "元"), ("three_public", "万元")}


def test_budget_rows_carry_their_canonical_names():
    r = process_bytes(FIXTURE.read_bytes(), "gxj2024.txt")
    assert [(b.item, b.item_canonical) for b in r.budget_lines] == [
        ("基本支出", "基本支出"), ("项目支出", "项目支出"), ("合计", "合计"),
        ("因公出国(境)费用", "因公出国(境)费"), ("公务用车运行维护费", "公务用车运行维护费"),
        ("公务接待费", "公务接待费"), ("合计", "合计")]
