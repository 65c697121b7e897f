"""The domain vocabulary as data, and the look-ups the table reader needs.

  data/items.tsv    what money tables count — row labels and column measures alike — with totals
                    ranked (小计 < 合计 < 总计) and part-of relations (人员经费 ⊂ 基本支出)
  data/columns.tsv  what else a column can be (table "any"): codes, labels, 序号, 栏次, text, rates,
                    changes, and the basis of money figures (预算数, 决算数, 年初预算数 …)
  data/tables.tsv   which standard table a title names

Labels are matched as whole forms first; otherwise they are cut into words by the domain tokenizer
(labels.segment: every form is a word) and the words are read as a Chinese noun phrase, whose head
is its last word: "全年预算执行数" is an 执行数 (of the 全年预算), "支出功能分类科目编码" a 科目编码,
never a 全年预算 or a 支出 by substring.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parsers.normalize.labels import (
    _match_form,
    _plain,
    _read_tsv,
    canonical_item,
    header_key,
    label_key,
    segment,
)
from parsers.normalize.units import unit_from_context


# ---------------------------------------------------------------------------------------------- items

@dataclass(frozen=True)
class Item:
    canonical: str
    rank: int  # 0 for an item, 1 小计, 2 合计, 3 总计
    part_of: str | None

    @property
    def is_total(self) -> bool:
        return self.rank > 0


@lru_cache(maxsize=1)
def items() -> dict[str, Item]:
    out = {}
    for canonical, kind, part_of, _variants in _read_tsv("items.tsv"):
        rank = int(kind.split(":")[1]) if kind.startswith("total") else 0
        out[canonical] = Item(canonical, rank, None if part_of == "-" else part_of)
    return out


def wholes(canonical: str | None) -> list[str]:
    """The canonicals a canonical is a part of, nearest first (公务用车购置费 → 公务用车购置及运行维护费 → 三公经费)."""
    out: list[str] = []
    vocab = items()
    while canonical in vocab and vocab[canonical].part_of and vocab[canonical].part_of not in out:
        canonical = vocab[canonical].part_of
        out.append(canonical)
    return out


def is_part(part: str | None, whole: str | None) -> bool:
    return bool(part and whole) and whole in wholes(part)


OUTLINE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|"
                     r"\d{1,2}\s*[、.．](?!\d)|[\u2460-\u2473])\s*")
QIZHONG = re.compile(r"^\s*(?:其中|含)\s*[:：]?\s*")
TOTAL_SUFFIX = re.compile(r"(合计|小计|总计)$")
TOTAL_RANK = {"小计": 1, "合计": 2, "总计": 3}


@dataclass(frozen=True)
class RowLabel:
    name: str  # cleaned, without numbering
    outline: str | None  # "一、", "(一)", "1." as printed
    outline_level: int | None  # 0 for 一、, 1 for (一), 2 for 1.
    qizhong: bool  # printed after 其中：a part of the row above
    canonical: str | None
    rank: int  # > 0 for a row that adds others up

    @property
    def is_total(self) -> bool:
        return self.rank > 0


CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def outline_number(mark: str | None) -> int | None:
    """The number a mark prints: 3 for "三、", "(三)", "3."; 12 for "十二、"."""
    if not mark:
        return None
    digits = re.sub(r"\D", "", mark)
    if digits:
        return int(digits)
    han = re.sub(r"[^一二三四五六七八九十]", "", mark)
    if not han:
        return None
    if "十" in han:
        tens, _, ones = han.partition("十")
        return (CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (CHINESE_DIGITS.get(ones, 0) if ones else 0)
    return CHINESE_DIGITS.get(han[-1])


def outline_level(mark: str) -> int:
    mark = mark.strip()
    if re.match(r"^[一二三四五六七八九十]", mark):
        return 0
    if re.match(r"^[(（]\s*[一二三四五六七八九十]", mark):
        return 1
    if re.match(r"^\d", mark):
        return 2
    return 3  # (1), ①


@lru_cache(maxsize=16384)
def row_label(text: str | None) -> RowLabel:
    """What a row's label says: its numbering, whether it is a 其中 part, its canonical item, whether it is a total."""
    s = label_key(text)
    outline = None
    qizhong = False
    for _ in range(2):  # "一、…", "其中：…", and both in either order ("其中：（1）公务用车购置费")
        m = OUTLINE.match(s)
        if m and m.end() < len(s) and outline is None:
            outline, s = m.group().strip(), s[m.end():]
        m = QIZHONG.match(s)
        if m and m.end() < len(s):
            qizhong, s = True, s[m.end():]
    canonical = canonical_item(s)
    vocab = items()
    rank = vocab[canonical].rank if canonical in vocab else 0
    if not rank:
        # "人员经费合计", "基本支出小计": the total of an item
        t = TOTAL_SUFFIX.search(s)
        if t and t.start() > 0:
            rank = TOTAL_RANK[t.group(1)]
            canonical = canonical_item(s[: t.start()]) or canonical
    return RowLabel(name=s, outline=outline, outline_level=outline_level(outline) if outline else None,
                    qizhong=qizhong, canonical=canonical, rank=rank)


# ---------------------------------------------------------------------------------------------- columns

@lru_cache(maxsize=1)
def column_forms() -> dict[str, tuple[str, str]]:
    """header form → (role, canonical): the table-"any" entries of columns.tsv; basis words have the role "basis"."""
    roles = {"code", "label", "unit_code", "serial", "lanci", "text", "rate", "change"}
    out = {}
    for canonical, table, variants in _read_tsv("columns.tsv"):
        if table != "any":
            continue
        role = canonical if canonical in roles else "basis"
        for v in variants.split("|"):
            out[_match_form(_plain(v))] = (role, canonical)
    return out


@lru_cache(maxsize=1)
def _item_forms() -> dict[str, str]:
    from parsers.normalize.labels import item_forms
    return item_forms()


@dataclass(frozen=True)
class Term:
    role: str  # code, label, …, basis, or "item" for a money measure
    canonical: str
    word: str


# words that end a header without changing what it names ("专项业务经费支出" is the 专项业务经费)
GENERIC_HEADS = {"支出", "经费", "资金", "费用", "收入", "情况", "数"}


def _terms(key: str) -> list[Term]:
    """The known words of a header key, in order (the whole key first if it is a form)."""
    cols, its = column_forms(), _item_forms()
    if key in cols:
        return [Term(cols[key][0], cols[key][1], key)]
    if key in its:
        return [Term("item", its[key], key)]
    out = []
    words = [w for w in segment(key) if not re.fullmatch(r"[\d\W_]+", w)]
    for n, word in enumerate(words):
        if word in cols:
            out.append(Term(cols[word][0], cols[word][1], word))
        elif word in its:
            out.append(Term("item", its[word], word))
        elif n == len(words) - 1 and len(word) >= 2 and out and word not in GENERIC_HEADS:
            # the head of a noun phrase is its last word: "项目简介" is a 简介, no 项目 column
            out.append(Term("unknown", word, word))
        elif len(word) < 2 and word not in ("类", "款", "项"):
            continue
    return out


@dataclass(frozen=True)
class HeaderLabel:
    role: str | None  # the role its words give (None: no known word)
    measure: str | None  # the money item it names (items.tsv canonical)
    basis: str | None  # the basis word it names (预算数, 决算数 …)
    unit: str | None  # a unit in brackets ("预算数(万元)")
    qizhong: bool  # "其中：公务用车购置": a part of the column before it


@lru_cache(maxsize=16384)
def header_label(text: str | None) -> HeaderLabel:
    """What one header cell says. Its head (last known word) gives the role; an item word makes it a
    money measure, a basis word (预算数 …) qualifies the figures."""
    raw = text or ""
    unit = unit_from_context(raw)
    key = _match_form(header_key(raw))
    m = QIZHONG.match(key)
    qizhong = bool(m and m.end() < len(key))
    if qizhong:
        key = key[m.end():]
    tail = re.search(r"\(([^()]*)\)$", key)
    if tail and unit_from_context(tail.group()) and tail.start() > 0:
        key = key[: tail.start()]  # "预算数(万元)", "金额(元)": the unit is kept apart
    terms = _terms(key)
    if not terms:
        return HeaderLabel(None, None, None, unit, qizhong)
    head = terms[-1]
    if head.role == "unknown":
        return HeaderLabel(None, None, None, unit, qizhong)
    measure = next((t.canonical for t in reversed(terms) if t.role == "item"), None)
    basis = next((t.canonical for t in reversed(terms) if t.role == "basis"), None)
    role = "money" if head.role in ("item", "basis") else head.role
    if role == "money" and unit == "%":
        role = "rate"
    return HeaderLabel(role, measure if role == "money" else None, basis if role == "money" else None, unit, qizhong)


# ---------------------------------------------------------------------------------------------- tables

@dataclass(frozen=True)
class Kind:
    kind: str
    package: str  # budget, final, any
    standard: str  # the standard table's Chinese name
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...]


@lru_cache(maxsize=1)
def kinds() -> list[Kind]:
    out = []
    for kind, package, standard, all_of, none_of in _read_tsv("tables.tsv"):
        groups = tuple(tuple(_plain(w) for w in g.split("|")) for g in all_of.split(";"))
        out.append(Kind(kind, package, standard, groups, tuple(_plain(w) for w in none_of.split("|") if w != "-")))
    return out


def title_words() -> set[str]:
    return {w for k in kinds() for g in k.all_of for w in g if len(w) >= 2}


def title_key(title: str | None) -> str:
    return label_key(title).replace("“", "").replace("”", "")


def kind_of_title(title: str | None) -> Kind | None:
    """The standard table a title names: every all-of group present, no none-of word; most groups wins."""
    key = title_key(title)
    if not key:
        return None
    best: tuple[int, Kind] | None = None
    for k in kinds():
        if any(w in key for w in k.none_of):
            continue
        if all(any(w in key for w in g) for g in k.all_of):
            if best is None or len(k.all_of) > best[0]:
                best = (len(k.all_of), k)
    return best[1] if best else None


def kind(name: str) -> Kind | None:
    return next((k for k in kinds() if k.kind == name), None)
