"""Scoring rules (评分规则 / 评分标准) read by templates kept as data (parsers/normalize/data/scoring_rules.tsv).

A rule is cut into clauses (；; ①② and 。); each clause is read by the first template that matches
it. A rule is understood when every clause with a score in it is read; its kind is the kind of its
first clause that decides a score (threshold, proportional, step …). Rules no template reads are
counted by the rules module as "评分规则未能解析" (info), never guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

CLAUSE = re.compile(r"[;；。\n]|[\u2460-\u2473]")
SCORE_WORDS = re.compile(r"扣|满分|得分|计分|[得加计]\s*\d")  # a part that scores ("取得良好质效" does not)


@dataclass(frozen=True)
class Clause:
    kind: str
    text: str
    groups: dict


@dataclass(frozen=True)
class Reading:
    kind: str  # the first deciding clause's kind
    clauses: tuple[Clause, ...]


@lru_cache(maxsize=1)
def templates() -> list[tuple[str, re.Pattern]]:
    text = resources.files("parsers.normalize").joinpath("data/scoring_rules.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, pattern = line.split("\t", 1)
        out.append((kind, re.compile(pattern)))
    return out


def clauses_of(rule: str) -> list[str]:
    return [c.strip(" ,，、") for c in CLAUSE.split(re.sub(r"\s+", "", rule)) if c and c.strip(" ,，、")]


def read_clause(text: str) -> tuple[list[Clause], str]:
    """The template readings found in a clause (in the order they are printed), and what is left."""
    found: list[tuple[int, Clause]] = []
    rest = text
    for kind, pattern in templates():
        for m in pattern.finditer(rest):
            found.append((m.start(), Clause(kind, m.group(0), {k: v for k, v in m.groupdict().items() if v is not None})))
        rest = pattern.sub(lambda m: "\u3000" * len(m.group(0)), rest)
    return [c for _, c in sorted(found, key=lambda x: x[0])], rest


@lru_cache(maxsize=4096)
def reading_of(rule: str | None) -> Reading | None:
    """The rule's reading, or None when a part of it that scores is read by no template."""
    if not rule:
        return None
    read: list[Clause] = []
    for text in clauses_of(rule):
        found, rest = read_clause(text)
        if SCORE_WORDS.search(rest.replace("\u3000", "")):
            return None
        read.extend(found)
    if not read:
        return None
    deciding = next((c for c in read if c.kind != "full"), read[0])
    return Reading(deciding.kind, tuple(read))


def compare(op: str, x: Decimal, bound: Decimal) -> bool:
    return {"≤": x <= bound, "<": x < bound, "=": x == bound, "≥": x >= bound, ">": x > bound}[op]


def expected_scores(rule: str, rate: Decimal, weight: Decimal) -> list[tuple[Decimal, str]] | None:
    """The score(s) a rule gives for a rate (in %), first the plain reading; several where it reads two
    ways (a per-step deduction counted in whole steps or in proportion). None when no clause decides."""
    reading = reading_of(rule)
    if reading is None:
        return None
    for c in reading.clauses:
        g = c.groups
        if c.kind == "proportional" and "op" in g:
            if compare(g["op"], rate, Decimal(g["bound"])):
                return [(weight * rate / 100, c.text)]
        elif c.kind == "step":
            lo, hi, step, penalty = (Decimal(g[k]) for k in ("lo", "hi", "step", "penalty"))
            if lo <= rate < hi:
                per = weight * penalty / 100 if g["unit"].startswith("%") else penalty
                whole = max(Decimal(0), weight - per * int((rate - lo) / step) - (per if lo > 0 else 0) * 0)
                part = max(Decimal(0), weight - per * (rate - lo) / step)
                return [(whole, c.text + "（按整步）"), (part, c.text + "（按比例）")]
        elif c.kind == "threshold":
            if compare(g["op"], rate, Decimal(g["bound"])):
                return [(weight if "满分" in g["outcome"] else Decimal(0), c.text)]
    return None
