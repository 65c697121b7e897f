"""Printed figures as intervals, and back to text the way the report printed them."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from parsers.normalize.numbers import MONEY_UNITS
from pipeline.validate.intervals import Interval, ratio_pct, rounded, truncated


def scale_of(unit: str | None) -> Decimal:
    return Decimal(MONEY_UNITS.get(unit or "元", 1))


def amount(value: Decimal, decimals: int | None, unit_printed: str | None) -> Interval:
    """A money value stored in 元, printed in `unit_printed` with `decimals` decimals."""
    return Interval.printed(value, decimals, scale_of(unit_printed))


def amount_interval(a) -> Interval:
    """An `amounts` cell as the interval its printed figure stands for."""
    if a.precision is not None:
        return Interval.printed(a.value, a.precision)
    return amount(a.value, a.decimals, a.unit_printed)


def fact_interval(f) -> Interval:
    """A figure of the text as the interval its printed digits stand for (money in 元)."""
    if f.precision is not None:
        return Interval.printed(f.value, f.precision)
    return amount(f.value, f.decimals, f.unit_printed) if f.unit == "元" else Interval.printed(f.value, f.decimals)


def fmt_amount(value: Decimal, unit_printed: str | None, decimals: int | None) -> str:
    unit = unit_printed or "元"
    v = value / scale_of(unit)
    d = decimals if decimals is not None else 2
    return f"{rounded(v, d):,.{d}f}{unit}"


def fmt_number(value: Decimal, decimals: int | None) -> str:
    d = decimals if decimals is not None else 2
    return f"{rounded(value, d):,.{d}f}"


def fmt_pct(value: Decimal, decimals: int | None) -> str:
    d = decimals if decimals is not None else 2
    return f"{rounded(value, d):.{d}f}%"


@dataclass(frozen=True)
class RateCheck:
    ok: bool
    truncated: bool  # the writer cut the digits instead of rounding
    computed: Interval
    expected: Decimal  # the recomputed rate at the printed precision


def check_rate(stated: Decimal, decimals: int | None, num: Interval, den: Interval) -> RateCheck | None:
    """Is a printed rate consistent with num ÷ den (×100)? None when it cannot be computed."""
    computed = ratio_pct(num, den)
    if computed is None:
        return None
    d = decimals or 0
    expected = rounded(computed.mid, d)
    ok = Interval.printed(stated, d).overlaps(computed)
    cut = not ok and truncated(computed.lo, d) <= stated <= truncated(computed.hi, d)
    return RateCheck(ok, cut, computed, expected)
