"""Interval arithmetic for printed figures (XBRL Calculations 1.1, as Arelle implements it).

A value printed with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]. A recomputation is
consistent with a stated figure when their intervals overlap: no false alarm from rounding,
no real error hidden in a loose tolerance.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext


def half_unit(decimals: int | None) -> Decimal:
    return Decimal(5).scaleb(-(decimals or 0) - 1)


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def printed(cls, value: Decimal, decimals: int | None, scale: Decimal = Decimal(1)) -> "Interval":
        """The interval a printed figure stands for, in units scaled by `scale` (万元 → 元: 10000)."""
        h = half_unit(decimals) * scale
        return cls(value - h, value + h)

    @classmethod
    def exact(cls, value: Decimal) -> "Interval":
        return cls(value, value)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Interval") -> "Interval":
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: "Interval") -> "Interval":
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products))

    def __truediv__(self, other: "Interval") -> "Interval | None":
        if other.lo <= 0 <= other.hi:
            return None  # the divisor may be zero: nothing can be said
        with localcontext() as ctx:
            ctx.prec = 40
            q = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(q), max(q))

    def scaled(self, factor: Decimal) -> "Interval":
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def overlaps(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


def interval_sum(items: list[Interval]) -> Interval:
    total = Interval.exact(Decimal(0))
    for i in items:
        total = total + i
    return total


def rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def truncated(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)


def ratio_pct(num: Interval, den: Interval) -> Interval | None:
    q = num / den
    return q.scaled(Decimal(100)) if q is not None else None
