"""Rules: each a small named check with stable codes; the validator turns what they yield into findings.

A rule declares the codes it may report (code, severity, what it checks, message template)
and yields Issues carrying the template's arguments, so the numbers stay machine-readable
and every message is written in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable

from schemas.records import Severity


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str  # what the check establishes, for the README's list
    template: str  # Chinese message, str.format over the issue's args


@dataclass
class Issue:
    code: str
    subject: str
    stated: str | None
    expected: str | None
    args: dict = field(default_factory=dict)
    page: int | None = None
    evidence: str | None = None
    table_id: str | None = None
    severity: Severity | None = None  # a rule may lower its code's severity for one case
    number: Decimal | None = None  # the stated figure as a number, and its unit
    unit: str | None = None
    interval: object | None = None  # the recomputed Interval (same unit)
    inputs: list = field(default_factory=list)  # FindingInput
    bbox: list[float] | None = None
    place: tuple | None = None  # the table or paragraph the stated figure is in (rates swapped in one are one finding)


@dataclass(frozen=True)
class Rule:
    name: str
    codes: tuple[str, ...]
    check: Callable[..., Iterable[Issue]]


CODES: dict[str, Code] = {}
RULES: list[Rule] = []


def code(code: str, severity: Severity, title: str, template: str) -> str:
    if code in CODES:
        raise ValueError(f"rule code {code} declared twice")
    CODES[code] = Code(code, severity, title, template)
    return code


def rule(*codes: str):
    """Register a check function that reports the given codes."""
    def wrap(fn):
        for c in codes:
            if c not in CODES:
                raise ValueError(f"{fn.__name__} reports undeclared code {c}")
        RULES.append(Rule(fn.__name__, codes, fn))
        return fn
    return wrap
