"""A table's title, number and unit, from the lines printed above it and the title rows inside its grid.

Seen in wide/: the number on a line of its own (`公开03表`, `表一`, `预算01表`) or before the title
(`表1:2026年市级部门收支预算总表`); the unit on a line of its own, right-aligned (`单位：万元`,
`金额单位：万元`), often beside `部门名称：…` on the same line; the note of the table before it in
between (`注：本表反映…`). A title is the line that names a table; a sentence that happens to hold
the character 表 (代表, 表明, 详见表4) is none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.normalize.units import unit_from_context
from parsers.normalize.vocabulary import kind_of_title

# "公开03表", "表一", "部门公开表5", "预算01表", "附表2-1", "附件1": a Chinese numeral is no number when
# the title goes on with it ("部门公开表5一般公共预算支出表": 5, then 一般…)
NUMERAL = r"(?:[0-9]+(?:[-－—][0-9]+)?|[一二三四五六七八九十]+(?!般))"
NUMBER = re.compile(rf"^\s*((?:部门)?(?:公开|预算|决算|附)?\s*(?:表|附表)\s*{NUMERAL}\s*表?"
                    rf"|(?:公开|预算|决算)\s*[0-9]{{1,2}}\s*表|附件\s*{NUMERAL})\s*[:：.、]?\s*")
SENTENCE = re.compile(r"[。；;！？]$|详见|见表|如表|代表|表明|表示|表彰|发表|表扬|表现")
TITLE_END = re.compile(r"(表|情况|明细|清单|汇总)\s*(\([^()]{0,20}\))?\s*$")


@dataclass
class Heading:
    title: str | None = None
    number: str | None = None
    unit: str | None = None
    unit_source: str | None = None


def title_part(text: str) -> str:
    """A line without its unit or department note ("…支出情况  单位：万元" → "…支出情况")."""
    m = re.search(r"\s*[(（]?\s*(?:金额|计量)?单位\s*[:：]|\s*(?:部门|单位)(?:名称)?\s*[:：]|\s*编制(?:部门|单位)\s*[:：]", text)
    return text[: m.start()].strip() if m and m.start() > 0 else ("" if m else text.strip())


def score(text: str) -> int:
    t = title_part(text)
    if not t or len(t) > 70 or SENTENCE.search(t) or t.startswith(("注", "说明")):
        return -1
    s = 0
    if kind_of_title(t) is not None:
        s += 3
    if TITLE_END.search(t):
        s += 2
    if "表" in t:
        s += 1
    return s


def read_heading(lines: list[str]) -> Heading:
    """Lines nearest the table last."""
    h = Heading()
    best = (0, -1)
    # a unit declaration broken over two lines ("单位：万" / "元", 西安 2019) is read whole
    lines = [a + b if "单位" in a and unit_from_context(a) is None and b[:1] in "元万" else a
             for a, b in zip(lines, lines[1:] + [""])]
    for n, line in enumerate(lines):
        unit = unit_from_context(line) if "单位" in line else None
        if unit:  # the declaration nearest the table wins
            h.unit, h.unit_source = unit, f"“{line.strip()[:40]}”"
        text = line.strip()
        m = NUMBER.match(text)
        if m:
            h.number = re.sub(r"\s+", "", m.group(1))
            text = text[m.end():]
        sc = score(text)
        if sc > 0 and sc >= best[0]:
            best = (sc, n)
            h.title = title_part(text)
    return h
