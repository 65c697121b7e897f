"""Figures printed in Chinese budget reports, read exactly into Decimal.

Every figure is read from the printed digits (never through float).  A figure is:

    [comparator] [qualifier] [sign] CORE [stray "."] [余|多] [scale] [余|多] [unit] [以上|左右 …]

where CORE is one of three forms (see _CORE_READERS):

* ``arabic``   "7,196.93", "7，701.10", "2. 00", "１２３．４５" (after width folding)
* ``chain``    "3万5千", "1亿2000万": Arabic digits between Chinese place words (read with cn2an)
* ``chinese``  "一千二百万", "两万", "二〇二五", "两点五"

Value and unit: a scale word (万, 亿, 千 …) that is part of a money unit stays in the unit
("35458万元" -> 35458 万元, "2500余万元" -> 2500 万元); otherwise it is applied to the value
("1.1万家" -> 11000 家, "7800亿" -> 780000000000 with no unit).  ``decimals`` is always the
number of decimals of the printed mantissa.  ``qualifier`` is the one printed qualifier,
the prefix one (约 近 超 超过 逾) winning over 余/多 and then over 以上/左右/以下/以内/上下.

find_numbers skips what only looks numeric (see _NOT_FIGURES): dates and years ("2024年",
"12月31日", "2024-2026年", a bare year before a name "2024世界智能制造大会"), document numbers
("〔2019〕1号"), codes ("A11", "FP16", "5G"), list markers ("1.", "(1)"), references ("表1",
"第3名"), fractions ("1/3"), quoted names ("12345"), and Chinese numerals without a magnitude
or a unit ("一是", "两个维护", "三公").  In a range ("0.1-0.5分", "4000—5000亿") the first end
takes the unit and scale of the second.

The module never raises on any input: parse_number returns None and find_numbers [] on
anything it cannot read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Callable

import cn2an

from parsers.normalize.units import (
    MONEY_UNITS,
    canonical_unit,
    fold,
    match_unit,
    shift_decimal,
    to_yuan,
    unit_from_context,
)

__all__ = [
    "MONEY_UNITS",
    "Number",
    "canonical_unit",
    "find_numbers",
    "parse_chinese_date",
    "parse_number",
    "parse_range",
    "to_yuan",
    "unit_from_context",
]


@dataclass(frozen=True)
class Number:
    value: Decimal
    decimals: int
    unit: str | None
    comparator: str | None
    qualifier: str | None
    text: str
    start: int = 0
    end: int = 0
    negative_parens: bool = False
    # the decimal place of the last printed digit in `value`'s terms: 2 for "7,196.93万元" (in 万元),
    # -3 for "1.2万户" (12000 户, good to ±500), -4 for "两万": a figure stands for ±½·10^-precision
    precision: int = 0


# --------------------------------------------------------------------------- core forms

_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT_VALUE.update({"零": 0, "两": 2})

# Thousands groups must be exactly three digits, otherwise "5,10" is two figures.  A space
# after the point is an OCR / justified-text artefact ("100. 00%"), but not when what follows
# is a date ("见表1. 2024年…").
_ARABIC = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)"
    r"(?:\.(?! ?[0-9]{4} *年)(?: (?![0-9]+ *[年月日号]))?[0-9]+)?"
)
# must end on a place word, or "3万5家" would become 35000 家
_CHAIN = r"[0-9]+(?:[亿万千百][0-9]+)+[亿万千百]"
# a Chinese numeral starts on a digit or 十: "千校万企", "百亿级" are words, not numbers
_CHINESE = rf"[{_CN_DIGIT}十][{_CN_DIGIT}十百千万亿]*(?:点[{_CN_DIGIT}]+)?"

_CORE = re.compile(rf"(?<![0-9])(?:(?P<chain>{_CHAIN})|(?P<arabic>{_ARABIC})|(?P<chinese>{_CHINESE}))")


@dataclass(frozen=True)
class _Core:
    mantissa: Decimal
    decimals: int
    embedded_scale: str | None  # trailing 万/亿/千 inside a chain or Chinese numeral
    precision: int = 0  # decimal place of the last printed digit of the mantissa


def _read_arabic(text: str) -> _Core | None:
    digits = text.replace(",", "").replace(" ", "")
    value = Decimal(digits)
    frac = digits.split(".")[1] if "." in digits else ""
    return _Core(value, len(frac), None, len(frac))


def _cn2an_int(text: str, mode: str) -> int | None:
    """cn2an on an integer numeral; None where it refuses or answers with a float."""
    try:
        result = cn2an.cn2an(text, mode)
    except Exception:  # cn2an raises ValueError, but also KeyError on odd input
        return None
    # cn2an returns float for anything with a fraction (and truncates "1.23456万" via int()):
    # only its integer answers are trusted
    return result if isinstance(result, int) and not isinstance(result, bool) else None


def _read_chain(text: str) -> _Core | None:
    # cn2an's smart mode turns the Arabic runs into Chinese and reads the whole; integers only
    value = _cn2an_int(text, "smart")
    if value is None:
        return None
    return _Core(Decimal(value), 0, text[-1] if text[-1] in "万亿千" else None, _place_precision(value, text))


def _place_precision(value: int, text: str) -> int:
    """A numeral with a magnitude word ("3万5千", "两万") is good to its last non-zero place; a
    small one ("十二") is exact."""
    if not any(w in text for w in "万亿") or value == 0:
        return 0
    digits = str(value)
    return -(len(digits) - len(digits.rstrip("0")))


def _read_chinese(text: str) -> _Core | None:
    whole, _, frac = text.partition("点")
    value = _cn2an_int(whole, "normal")
    if value is None:
        return None
    if frac:
        # cn2an gives a float here: read the fraction digit by digit instead
        digits = "".join(str(_CN_DIGIT_VALUE[c]) for c in frac)
        return _Core(Decimal(f"{value}.{digits}"), len(digits), None)
    return _Core(Decimal(value), 0, whole[-1] if whole[-1] in "万亿千" else None, _place_precision(value, whole))


_CORE_READERS: dict[str, Callable[[str], _Core | None]] = {
    "arabic": _read_arabic,
    "chain": _read_chain,
    "chinese": _read_chinese,
}


# --------------------------------------------------------------------------- prefixes

# Longest first: "不小于" before "小于", "大于等于" before "大于".
_COMPARATOR_WORDS: list[tuple[str, str]] = sorted(
    {
        ">=": "≥", "=>": "≥", "≥": "≥", "≧": "≥", "⩾": "≥", "≫": "≥",
        "<=": "≤", "=<": "≤", "≤": "≤", "≦": "≤", "⩽": "≤",
        "≪": "≤",  # OCR reads ≤ as ≪ ("≪0%" in a 三公 control-rate row)
        "==": "=", "=": "=", ">": ">", "<": "<",
        "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "大于或等于": "≥", "至少": "≥",
        "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "小于等于": "≤", "小于或等于": "≤",
        "至多": "≤", "大于": ">", "高于": ">", "多于": ">", "小于": "<", "低于": "<", "少于": "<",
        "等于": "=",
    }.items(),
    key=lambda kv: len(kv[0]),
    reverse=True,
)
# kept as printed; 超过 is a qualifier (more than, approximately) like 超, not a comparator
_PREFIX_QUALIFIERS = sorted(["约", "大约", "近", "将近", "接近", "超", "超过", "逾"], key=len, reverse=True)
_MID_QUALIFIERS = "余多"
_POST_QUALIFIER = re.compile(r"以 ?上|以 ?下|以 ?内|左 ?右|上 ?下")

# Place-value words that multiply a mantissa, as powers of ten; longest first in the regex.
_SCALES = {"万亿": 12, "千亿": 11, "百亿": 10, "亿": 8, "千万": 7, "百万": 6, "万": 4, "千": 3}
_SCALE = re.compile("|".join(sorted(_SCALES, key=len, reverse=True)))
_MONEY_EXP = {"元": 0, "千": 3, "万": 4, "亿": 8}

_DASH = re.compile(r" *(?:—{1,2}|[-–―~至到]) *")

# characters after which "-" is a range dash, not a minus sign: digits, letters, units …
_NOT_BEFORE_SIGN = set("0123456789%)]】）余多上下内右年月日号万亿千百十元家个场人次项天分件笔款条名"
                       "台套户所座辆册份批支张块组类种篇期轮周倍吨亩米瓦克P")


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] == " ":
        i += 1
    return i


def _skip_spaces_back(s: str, i: int) -> int:
    while i > 0 and s[i - 1] == " ":
        i -= 1
    return i


def _read_comparator(s: str, end: int) -> tuple[str, int] | None:
    """(canonical comparator, start) printed just before position end."""
    k = _skip_spaces_back(s, end)
    for word, symbol in _COMPARATOR_WORDS:
        if k >= len(word) and s.startswith(word, k - len(word)):
            return symbol, k - len(word)
    return None


def _read_prefix_qualifier(s: str, end: int) -> tuple[str, int] | None:
    k = _skip_spaces_back(s, end)
    for word in _PREFIX_QUALIFIERS:
        if k >= len(word) and s.startswith(word, k - len(word)):
            return word, k - len(word)
    return None


def _is_sign(s: str, i: int) -> bool:
    """Is s[i] ("-" or "+") the sign of the figure that follows (not a range dash)?"""
    if s[i] not in "-+":
        return False
    if i == 0:
        return True
    prev = s[i - 1]
    return not (prev.isascii() and prev.isalnum()) and prev not in _NOT_BEFORE_SIGN


# --------------------------------------------------------------------------- suffixes


@dataclass(frozen=True)
class _Suffix:
    end: int
    stray_dot: bool = False
    qualifier: str | None = None  # 余 / 多
    scale: str | None = None
    unit: str | None = None
    post_qualifier: str | None = None


def _read_suffix(s: str, i: int, allow_stray_dot: bool) -> _Suffix:
    j = i
    stray = False
    # OCR "7，701.10.万元": a dot between a decimal figure and its unit is noise
    if allow_stray_dot and s.startswith(".", j):
        k = _skip_spaces(s, j + 1)
        if match_unit(s, k) or _SCALE.match(s, k):
            j, stray = j + 1, True
    qualifier = None
    if j < len(s) and s[j] in _MID_QUALIFIERS:  # "1000余家", "20多家"
        qualifier, j = s[j], j + 1
    scale = None
    k = _skip_spaces(s, j)
    unit_match = match_unit(s, k)  # unit first: "万元" is a unit, "万家" is a scale + unit
    if unit_match is None:
        m = _SCALE.match(s, k)
        if m:
            scale, j = m.group(), m.end()
            if qualifier is None and j < len(s) and s[j] in _MID_QUALIFIERS:  # "两万余家次"
                qualifier, j = s[j], j + 1
            unit_match = match_unit(s, _skip_spaces(s, j))
    unit = None
    if unit_match:
        unit, j = unit_match
    post = None
    m = _POST_QUALIFIER.match(s, _skip_spaces(s, j))
    if m:
        post, j = m.group().replace(" ", ""), m.end()
    return _Suffix(j, stray, qualifier, scale, unit, post)


# --------------------------------------------------------------------------- not figures

# Spans that look numeric but are not amounts.  A core starting inside one is dropped.
_NOT_FIGURES: dict[str, re.Pattern[str]] = {
    # "2024年", "2024年12月31日", "2024 年度"
    "date": re.compile(r"(?<![0-9])[0-9]{4} *年(?: *[0-9]{1,2} *月(?: *[0-9]{1,2} *[日号])?)?"),
    "month_day": re.compile(r"(?<![0-9.])[0-9]{1,2} *月(?: *[0-9]{1,2} *[日号])?"),
    "day": re.compile(r"(?<![0-9.])[0-9]{1,2} *[日号]"),
    "numeric_date": re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12][0-9]|3[01])(?![0-9])"),
    # "(2024-2026年)", "(2025-2027)"
    "year_range": re.compile(r"(?<![0-9])(?:19|20)[0-9]{2} *(?:—{1,2}|[-–―~至到]) *(?:19|20)[0-9]{2}(?![0-9.])"),
    "chinese_date": re.compile(r"[〇零一二三四五六七八九]{4} *年|[一二三四五六七八九十]{1,3} *[月日号]"),
    # "〔2019〕1号", "[2024]10号"
    "document_number": re.compile(r"(?:[〔\[【][0-9]{4}[〕\]】]|\((?:19|20)[0-9]{2}\)) *(?:[0-9]+ *号)?"),
    # "A11", "B15", "FP16", "EZ-6", "S07"
    "code": re.compile(r"[A-Za-z]+[-_]?[0-9][0-9A-Za-z]*"),
    # "1/3", "6/11": shares in scoring rules, not amounts
    "fraction": re.compile(r"(?<![0-9.])[0-9]+ */ *[0-9]+(?![0-9.])"),
    "time": re.compile(r"(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])"),
    # names: "12345" hotline, "4266" industry system, "2+6+6"
    "quoted": re.compile(r"[\"“”'‘’「」『』][0-9]+[\"“”'‘’「」『』]"),
    "plus_joined": re.compile(r"[0-9]+(?: *\+ *[0-9]+)+"),
    # list markers "(1)", "1.部门职能", "2、"
    "paren_marker": re.compile(r"\( *[0-9]{1,2} *\)"),
    "list_marker": re.compile(r"(?:^|(?<=[\s(:;,。；：，、\-•·]))[0-9]{1,2}[.、](?:(?! ?[0-9])|(?= ?[0-9]{4} *年))"),
    # references: "表1", "附件 1", "第3名"
    "reference": re.compile(r"(?:(?<![代发列外])表|附件|附表|图|第) *(?:[0-9]+|[零〇一二两三四五六七八九十百千]+)"),
}


def _blocked_positions(s: str) -> bytearray:
    blocked = bytearray(len(s))
    for pattern in _NOT_FIGURES.values():
        for m in pattern.finditer(s):
            blocked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return blocked


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True)
class _Candidate:
    kind: str
    core: _Core
    core_start: int
    core_end: int
    start: int
    suffix: _Suffix
    comparator: str | None
    qualifier: str | None
    negative: bool
    negative_parens: bool
    end: int


def _tidy(value: Decimal) -> Decimal:
    """Drop fractional zeros that a scale shift created (11000.0 -> 11000), exactly."""
    sign, digits, exp = value.as_tuple()
    digits = list(digits)
    while exp < 0 and len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exp += 1
    if exp > 0:  # 1.1E+4 -> 11000
        digits += [0] * exp
        exp = 0
    return Decimal((sign, tuple(digits), exp))


def _value_and_unit(c: _Candidate) -> tuple[Decimal, str | None, int]:
    """The value, its unit, and the precision of its last printed digit (see Number.precision)."""
    value, unit = c.core.mantissa, c.suffix.unit
    scale = c.suffix.scale
    exp = 0  # the power of ten the mantissa is shifted by
    if scale:
        exp = _SCALES[scale]
        if unit == "元":
            # "2500余万元", "1.2万亿元": the last place word belongs to the money unit
            unit = scale[-1] + "元"
            exp -= _MONEY_EXP[scale[-1]]
        value = _tidy(shift_decimal(value, exp))
    elif c.core.embedded_scale and unit == "元":
        # "一千二百万元" printed: 1200 万元, like "1200万元"
        unit = c.core.embedded_scale + "元"
        exp = -_MONEY_EXP[c.core.embedded_scale]
        value = _tidy(shift_decimal(value, exp))
    if c.negative:
        value = value.copy_negate()  # copy_negate is exact; unary minus rounds to context
    return value, unit, c.core.precision - exp


def _to_number(c: _Candidate, original: str) -> Number:
    value, unit, precision = _value_and_unit(c)
    qualifier = c.qualifier or c.suffix.qualifier or c.suffix.post_qualifier
    return Number(
        value=value,
        decimals=c.core.decimals,
        unit=unit,
        comparator=c.comparator,
        qualifier=qualifier,
        text=original[c.start:c.end],
        start=c.start,
        end=c.end,
        negative_parens=c.negative_parens,
        precision=precision,
    )


def _chinese_is_a_figure(c: _Candidate, text: str, s: str) -> bool:
    """Chinese numerals run through ordinary words ("一是", "两个维护", "三公", "十五五"):
    in running text keep only those with a magnitude (万/亿) or a place word and a unit.
    "十亿级", like "百亿级", names a size class, not an amount."""
    if s.startswith("级", c.end):
        return False
    if "万" in text or "亿" in text or c.suffix.scale:
        return True
    has_place = any(ch in "十百千" for ch in text)
    return has_place and bool(c.suffix.unit or c.suffix.qualifier)


def _candidate_at(s: str, m: re.Match[str], whole: bool) -> _Candidate | None:
    kind = m.lastgroup
    assert kind is not None
    core_text = m.group()
    core = _CORE_READERS[kind](core_text)
    if core is None:
        return None
    has_fraction = kind == "arabic" and ("." in core_text or "," in core_text)
    suffix = _read_suffix(s, m.end(), allow_stray_dot=has_fraction or (whole and kind == "arabic"))

    start = m.start()
    negative = False
    if start > 0 and _is_sign(s, start - 1):
        negative = s[start - 1] == "-"
        start -= 1
    comparator = qualifier = None
    found = _read_comparator(s, start)
    if found:
        comparator, start = found
    else:
        q = _read_prefix_qualifier(s, start)
        if q:
            qualifier, start = q
            found = _read_comparator(s, start)
            if found:
                comparator, start = found
    end = suffix.end

    # "（123.00）": accounting negative; only a bare decimal figure, "(1)" is a list marker
    negative_parens = False
    if has_fraction and not (suffix.unit or suffix.scale or comparator or qualifier or negative):
        left, right = _skip_spaces_back(s, start), _skip_spaces(s, end)
        if left > 0 and s[left - 1] == "(" and right < len(s) and s[right] == ")":
            negative_parens, negative = True, True
            start, end = left - 1, right + 1

    c = _Candidate(kind, core, m.start(), m.end(), start, suffix, comparator, qualifier,
                   negative, negative_parens, end)
    if kind == "chinese" and not whole and not _chinese_is_a_figure(c, core_text, s):
        return None
    if _looks_like_a_name(s, c, core_text):
        return None
    return c


def _looks_like_a_name(s: str, c: _Candidate, core_text: str) -> bool:
    bare = not (c.suffix.unit or c.suffix.scale or c.suffix.qualifier or c.comparator or c.qualifier)
    after = _skip_spaces(s, c.end)
    # "5G", "6G", "3D": digits glued to Latin letters name a thing
    if c.end < len(s) and s[c.end].isascii() and s[c.end].isalpha():
        return True
    # "2024世界智能制造大会", "2024 整体支出": a bare year in front of a name
    if (c.kind == "arabic" and bare and re.fullmatch(r"(?:19|20)[0-9]{2}", core_text)
            and after < len(s) and _is_cjk(s[after])):
        return True
    # a Chinese numeral after 第 is an ordinal
    return c.kind == "chinese" and c.start > 0 and s[c.start - 1] == "第"


def _inherit_range_units(s: str, found: list[_Candidate]) -> list[_Candidate]:
    """"0.1-0.5分", "4000—5000亿": the first end of a range takes the second's unit/scale."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.suffix.unit or a.suffix.scale or a.suffix.end != a.core_end:
            continue
        if not (b.suffix.unit or b.suffix.scale) or not _DASH.fullmatch(s, a.end, b.start):
            continue
        if a.kind != "arabic" or b.negative:
            continue
        inherited = replace(b.suffix, end=a.suffix.end, stray_dot=False, qualifier=None, post_qualifier=None)
        out[i] = replace(a, suffix=inherited)
    return out


def _scan(s: str, whole: bool = False) -> list[_Candidate]:
    """All figures in the width-folded string s."""
    blocked = _blocked_positions(s)
    found: list[_Candidate] = []
    last_end = 0
    for m in _CORE.finditer(s):
        if blocked[m.start()] or m.start() < last_end:
            continue
        try:
            c = _candidate_at(s, m, whole)
        except (InvalidOperation, ValueError, KeyError, IndexError):
            c = None
        if c is None or c.start < last_end:
            continue
        found.append(c)
        last_end = c.end
    return _inherit_range_units(s, found)


# --------------------------------------------------------------------------- public API

_NOTHING = re.compile(r"[-—–―~/\\]*|无|空|不适用")


def _squeeze(s: str) -> str:
    # a single cell: spaces are noise ("≥ 5 次", "100. 00%", "7,196.93 万元") except between
    # two digits, where they separate two figures ("10 10" must not become 1010)
    return re.sub(r"(?<![0-9])\s+|\s+(?![0-9])", "", s)


_OCR_THOUSANDS = re.compile(r"^(\d{1,3})((?:\.\d{3})+)(\.\d+)(.*)$")


def _ocr_repairs(s: str) -> list[str]:
    """What OCR does to a printed figure, undone: a speck read as a trailing point ("2.00."),
    thousands commas read as points ("7.612.64")."""
    out = []
    trimmed = s.rstrip(".,。、·")
    # "1." is a list marker, not a figure: only a figure that has its point already gains one
    if trimmed != s and ("." in trimmed or "%" in trimmed):
        out.append(trimmed)
    m = _OCR_THOUSANDS.match(trimmed or s)
    if m:
        out.append(m.group(1) + m.group(2).replace(".", ",") + m.group(3) + m.group(4))
    return out


def _whole(s: str) -> _Candidate | None:
    found = _scan(s, whole=True)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(s):
        return None
    return found[0]


# A figure the datasets cannot hold exactly is no figure: money is stored in 元 as decimal128(38,10),
# and a value may be scaled by up to 10^8 (亿元) on its way there. No budget prints more.
MAX_INTEGER_DIGITS = 18
MAX_DECIMALS = 10


def representable(n: Number) -> bool:
    v = n.value
    if not v.is_finite():
        return False
    _, digits, exp = v.as_tuple()
    return -exp <= MAX_DECIMALS and len(digits) + exp <= MAX_INTEGER_DIGITS


def parse_number(text: str) -> Number | None:
    """The figure a whole string (a table cell, a target value) holds, or None."""
    if not isinstance(text, str):
        return None
    return _parse_whole(text)


@lru_cache(maxsize=65536)
def _parse_whole(text: str) -> Number | None:
    # header detection, cell values, budget and score extraction all ask about the same cells:
    # each distinct string is parsed once
    try:
        s = _squeeze(fold(text).strip())
        if _NOTHING.fullmatch(s):
            return None
        found = _whole(s)
        if found is None:
            for repaired in _ocr_repairs(s):
                found = _whole(repaired)
                if found is not None:
                    s = repaired
                    break
        if found is None:
            return None
        n = _to_number(found, s)
        if not representable(n):
            return None
        return replace(n, text=text, start=0, end=len(text))
    except Exception:  # contract: never raises, whatever a PDF produced
        return None


def find_numbers(text: str) -> list[Number]:
    """Every figure in a sentence, with spans into text, unit, comparator and qualifier."""
    try:
        if not isinstance(text, str) or not text:
            return []
        return [n for n in (_to_number(c, text) for c in _scan(fold(text))) if representable(n)]
    except Exception:  # contract: never raises
        return []


def parse_range(text: str) -> tuple[Number, Number] | None:
    """"90%-80%", "0.1-0.5分", "4000—5000亿" -> (low end as printed first, second)."""
    try:
        if not isinstance(text, str):
            return None
        s = fold(text)
        found = _scan(s)
        if len(found) != 2:
            return None
        a, b = found
        if s[:a.start].strip() or s[b.end:].strip() or not _DASH.fullmatch(s, a.end, b.start):
            return None
        low, high = _to_number(a, text), _to_number(b, text)
        return (low, high) if representable(low) and representable(high) else None
    except Exception:
        return None


_DATE_FORMS: dict[str, re.Pattern[str]] = {
    "arabic": re.compile(r"(?<![0-9])([0-9]{4}) *年(?: *([0-9]{1,2}) *月(?: *([0-9]{1,2}) *[日号])?)?"),
    "chinese": re.compile(
        r"([〇零一二三四五六七八九]{4}) *年(?: *([一二三四五六七八九十]{1,3}) *月"
        r"(?: *([一二三四五六七八九十]{1,3}) *[日号])?)?"
    ),
    "numeric": re.compile(r"(?<![0-9.])([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])"),
}


def _date_part(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # "二〇二五": digit by digit, not as a place-value numeral
        return int("".join(str(_CN_DIGIT_VALUE[c]) for c in text))
    return _cn2an_int(text, "normal")


def parse_chinese_date(text: str) -> tuple[int, int | None, int | None] | None:
    """The first date in text: "二〇二五年六月" -> (2025, 6, None), "2024年12月31日" -> (2024, 12, 31)."""
    try:
        if not isinstance(text, str):
            return None
        s = fold(text)
        matches = [m for p in _DATE_FORMS.values() if (m := p.search(s))]
        if not matches:
            return None
        m = min(matches, key=lambda m: m.start())
        year, month, day = (_date_part(g) for g in m.groups())
        if year is None:
            return None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None:
            date(year, month or 1, day)  # raises on 2月30日
        return year, month, day
    except Exception:
        return None
