"""Evaluate a written calculation ("(87877569.18/93367667.77)") over intervals of its printed numbers."""
from __future__ import annotations

import re
from decimal import Decimal

from pipeline.validate.intervals import Interval

TOKEN = re.compile(r"\d+(?:\.\d+)?|[-+*/()]")


def evaluate(expression: str) -> Interval | None:
    """The interval of an arithmetic expression whose numbers carry their printed precision; None if malformed."""
    tokens = TOKEN.findall(expression)
    if "".join(tokens) != expression:
        return None
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def atom():
        t = take() if peek() is not None else None
        if t == "(":
            v = expr()
            if take() != ")":
                raise ValueError
            return v
        if t == "-":
            v = atom()
            return None if v is None else v.scaled(Decimal(-1))
        if t is None or not t[0].isdigit():
            raise ValueError
        decimals = len(t.split(".")[1]) if "." in t else 0
        return Interval.printed(Decimal(t), decimals)

    def term():
        v = atom()
        while peek() in ("*", "/"):
            op, rhs = take(), atom()
            if v is None or rhs is None:
                return None
            v = v * rhs if op == "*" else v / rhs
        return v

    def expr():
        v = term()
        while peek() in ("+", "-"):
            op, rhs = take(), term()
            if v is None or rhs is None:
                return None
            v = v + rhs if op == "+" else v - rhs
        return v

    try:
        value = expr()
    except (ValueError, IndexError):
        return None
    return value if pos == len(tokens) else None
