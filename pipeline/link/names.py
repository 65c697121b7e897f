"""What a figure of the narrative names, in the words of the tables: "国家信访局2026年支出预算总计" is the
支出 side's grand total; "一般公共服务(类)支出" the row 一般公共服务支出; "基本支出预算" the 基本支出 row or
column; "'三公'经费财政拨款预算数" the 三公 table's total."""
from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.normalize.labels import ORGANISATION_NAME, canonical_item, label_key
from parsers.normalize.vocabulary import items, kind_of_title, row_label

OUTLINE = re.compile(r"^([(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)|[①-⑳])")
YEAR = re.compile(r"\d{4}年度?")
# who speaks: the department by name (ORGANISATION_NAME) or by itself ("本单位"), not what is counted
SELF = re.compile(r"^(本部门|本单位|部门|单位)")
LEVEL_MARK = re.compile(r"\((类|款|项)\)")
# words for which figure of a row a sentence gives, not which row: "基本支出预算数", "支出预算总计"
BASIS_WORDS = re.compile(r"(财政拨款)?(预算数|预算|决算数|决算|安排|执行数|金额|总额|数)$")
INNER_BASIS = re.compile(r"预算(?=总计|合计)")
SIDES = {"收入": "收入", "支出": "支出"}
GRAND = {"收入", "支出", "收支", "收支总", "收入支出", "总计", "合计", "收入总计", "支出总计", "收支总计",
         "收入合计", "支出合计", "收入支出总计"}


@dataclass(frozen=True)
class Name:
    key: str  # the row label it names, as label keys compare ("一般公共服务支出")
    canonical: str | None  # the vocabulary's name, if it is one
    grand_total: bool  # the table's (or the side's) grand total: "收入预算", "支出预算总计", "收支总预算"
    side: str | None  # 收入 or 支出, where the name says which half
    fiscal: bool  # it says 财政拨款 (the 财政拨款 tables, not the department's all-funds tables)
    table_kind: str | None = None  # the name is a table's ("一般公共预算基本支出", "三公经费"): its total


# what a name may hold besides the words of a table's title and still be that table's total
TITLE_FILLER = re.compile(r"财政|拨款|安排|的|预算|支出|经费|总额|合计|总计")
# a bare measure ("支出决算为X万元" after "一般公共服务(类)…年初预算为Y万元"): the item is named before it
BARE_MEASURE = re.compile(r"^(支出|收入)?(年初)?(预算|决算)(数)?$")


def leftover(s: str, kind) -> str:
    """What a name says beyond the table it seems to name: "一般公共预算拨款安排的会议费预算支出" names the
    会议费 row, not the 一般公共预算支出表; "政府采购货物预算" the 货物 part of the 政府采购 total."""
    rest = s
    for group in kind.all_of:
        for w in sorted(group, key=len, reverse=True):
            if w in rest:
                rest = rest.replace(w, "", 1)
                break
    rest = TITLE_FILLER.sub("", rest)
    return rest if len(rest) >= 2 else ""


def name_of(subject: str) -> Name | None:
    """None where the subject names nothing a table prints (empty, or a bare measure word)."""
    s = label_key(subject)
    if BARE_MEASURE.match(s):
        return None
    s = OUTLINE.sub("", s)
    s = YEAR.sub("", s)
    for _ in range(2):
        m = SELF.match(s) or ORGANISATION_NAME.match(s)
        if m and m.end() < len(s):
            s = s[m.end():]
    s = YEAR.sub("", s)
    s = LEVEL_MARK.sub("", s)
    fiscal = "财政拨款" in s
    s = INNER_BASIS.sub("", s)
    for _ in range(2):
        m = BASIS_WORDS.search(s)
        if m and m.start() > 0:
            s = s[:m.start()]
    s = re.sub(r"^(本年|当年|年度|全年|部门|单位)", "", s)
    if len(s) < 2 and s not in SIDES:
        return None
    bare = s.replace("财政拨款", "") or s
    if bare in GRAND or s in GRAND:
        side = next((v for k, v in SIDES.items() if bare.startswith(k) and "收支" not in bare
                     and "收入支出" not in bare), None)
        return Name(key=s, canonical=None, grand_total=True, side=side, fiscal=fiscal)
    kind = kind_of_title(s)
    if kind is not None and kind.kind not in ("basic_expenditure", "project_expenditure") and kind.package != "final" \
            and not leftover(s, kind):
        # a figure named like a table is that table's total ("一般公共预算基本支出9,880.88万元")
        return Name(key=s, canonical=canonical_item(s), grand_total=False, side=None, fiscal=fiscal,
                    table_kind=kind.kind)
    label = row_label(s)
    canonical = label.canonical or canonical_item(s)
    if canonical in items() and items()[canonical].is_total:
        side = "收入" if "收入" in canonical else "支出" if "支出" in canonical else None
        return Name(key=label.name, canonical=canonical, grand_total=canonical in ("合计", "总计", "收入总计", "支出总计",
                                                                              "收支总计"), side=side, fiscal=fiscal)
    return Name(key=label.name, canonical=canonical, grand_total=False, side=None, fiscal=fiscal)
