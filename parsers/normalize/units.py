"""Units printed after Chinese budget figures, and the exact conversion of money to 元.

A unit is always returned in one canonical spelling ("％" and "﹪" are "%", "PFLOPS" is "P"),
so callers compare strings, never variants.  Money units are exact powers of ten, so the
conversion to 元 only moves the decimal point and can never round.
"""
from __future__ import annotations

import re
from decimal import Decimal

__all__ = [
    "MONEY_UNITS",
    "fold",
    "UNIT_PATTERN",
    "canonical_unit",
    "is_money_unit",
    "match_unit",
    "shift_decimal",
    "to_yuan",
    "unit_from_context",
]

# Full-width ASCII (U+FF01..U+FF5E) -> ASCII, ideographic and no-break spaces -> " ", the
# Unicode minus -> "-".  Unlike NFKC this maps one character to one character, so every
# index into the folded string is an index into the original (spans stay true), and it
# leaves circled list markers (①) alone, which NFKC would turn into digits.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
              0x2212: 0x2D, 0xFE6A: 0x25})


def fold(text: str) -> str:
    """Width-fold text without changing its length (see _FOLD)."""
    return text.translate(_FOLD)


MONEY_UNITS: dict[str, int] = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}

# printed spelling -> canonical unit.  Longer spellings must win over their prefixes
# ("人次" over "人", "个百分点" over "个", "分钟" over "分"), so the regex below is built
# longest first.
_UNIT_SPELLINGS: dict[str, str] = {
    # money
    "亿元": "亿元", "万元": "万元", "千元": "千元", "元": "元",
    # ratios
    "%": "%", "﹪": "%", "‰": "‰", "个百分点": "个百分点", "百分点": "个百分点",
    # computing power: "13000P FLOPS", "2000P以上", "全市智算规模（P）"
    "PFLOPS": "P", "P FLOPS": "P", "P": "P",
    "PB": "PB", "TB": "TB", "GB": "GB", "MW": "MW", "kW": "kW", "km": "km", "kg": "kg",
    # counts (composite first)
    "台套": "台套", "人次": "人次", "家次": "家次", "场次": "场次", "户次": "户次", "件次": "件次", "个月": "个月",
    "个": "个", "家": "家", "场": "场", "人": "人", "次": "次", "项": "项", "天": "天",
    "分钟": "分钟", "小时": "小时", "分": "分", "件": "件", "笔": "笔", "款": "款", "条": "条",
    "名": "名", "台": "台", "套": "套", "户": "户", "所": "所", "座": "座", "辆": "辆",
    "册": "册", "份": "份", "批": "批", "支": "支", "张": "张", "块": "块", "组": "组",
    "类": "类", "种": "种", "篇": "篇", "期": "期", "轮": "轮", "周": "周", "年": "年",
    "单": "单", "倍": "倍", "吨": "吨", "亩": "亩", "公里": "公里", "千米": "千米", "平方米": "平方米",
    "起": "起", "本": "本", "株": "株", "例": "例", "㎡": "平方米", "米": "米", "千瓦": "千瓦", "兆瓦": "兆瓦", "千克": "千克", "公斤": "公斤",
}

# A unit character that starts an ordinary word is not a unit: "3项目" is rare, but
# "基本支出", "分别", "人员", "场景", "条例" follow figures in prose all the time.
_NOT_A_UNIT = re.compile(
    r"项目|分别|分类|分析|分配|分批|分解|分项|分阶段|分值|条例|条件|条款|名称|名单|名城|"
    r"人员|人才|人民|人工|人社|人大|人均|家庭|次年|次要|场景|场所|场地|台账|套餐|个人|个性|"
    r"天然|年度|年初|年底|年末|年中|款项|件事|期间|期末|期初|类似|批次|批准|批复|周边|周期|"
    r"支出|支持|支付|支撑|组织|组成|组建|座谈|份额|种类|所属|所有|所得|户籍|米面|单位|单项|单独|单一|"
    r"起来|起草|起点|起步|起始|起止|起算|起诉|本年|本级|本单位|本部门|本次|本项|本期|本表|本着|本身|例如|例行|株洲"
)

UNIT_PATTERN = re.compile(
    "|".join(re.escape(u) for u in sorted(_UNIT_SPELLINGS, key=len, reverse=True))
)


def canonical_unit(printed: str | None) -> str | None:
    """The canonical spelling of a printed unit, None if it is not one we know."""
    if not printed:
        return None
    key = re.sub(r"\s+", "", fold(printed))
    if key == "PFLOPS":
        return "P"
    return _UNIT_SPELLINGS.get(key)


def match_unit(s: str, pos: int) -> tuple[str, int] | None:
    """(canonical unit, end) if a unit starts at s[pos] (s already width-folded)."""
    m = UNIT_PATTERN.match(s, pos)
    if not m:
        return None
    if _NOT_A_UNIT.match(s, pos):
        return None
    end = m.end()
    # "5G", "3GHz": a Latin unit glued to more letters is a name, not a unit
    if m.group()[-1].isascii() and m.group()[-1].isalpha() and end < len(s) and s[end].isascii() and s[end].isalpha():
        return None
    return _UNIT_SPELLINGS[m.group()], end


def is_money_unit(unit: str | None) -> bool:
    return unit in MONEY_UNITS


def shift_decimal(value: Decimal, places: int) -> Decimal:
    """value x 10**places, exactly, whatever the context precision.

    Multiplying keeps the printed exponent (7196.93 x 10**4 -> 71969300.00, like
    Decimal arithmetic would show it); dividing moves the exponent.  Built from the
    digit tuple so that no context rounding can ever apply.
    """
    sign, digits, exp = value.as_tuple()
    if not isinstance(exp, int):  # NaN / Infinity: nothing sensible to shift
        return value
    if places >= 0:
        return Decimal((sign, tuple(digits) + (0,) * places, exp))
    return Decimal((sign, tuple(digits), exp + places))


def _power_of_ten(n: int) -> int:
    s = str(n)
    if s[0] != "1" or set(s[1:]) - {"0"}:
        raise ValueError(f"{n} is not a power of ten")
    return len(s) - 1


def to_yuan(value: Decimal, unit: str | None) -> Decimal | None:
    """Exact amount in 元 for a money unit (元, 千元, 万元, 亿元); None for any other unit."""
    if value is None or unit not in MONEY_UNITS:
        return None
    return shift_decimal(Decimal(value), _power_of_ten(MONEY_UNITS[unit]))


# "单位：万元", "金额单位: 元", "(单位：万元)"; the unit after 单位 wins over any bracket. Without a
# colon only a standalone declaration counts ("单位 万元", "（单位万元）"): 单位 is also a word
# ("本表所属单位人员", "预算单位个数", "本单位元旦慰问" declare nothing)
_DECLARED = re.compile(
    r"单位\s*[:：]\s*(" + UNIT_PATTERN.pattern + r")"
    r"|(?:^|(?<=[\s(（\[【,，;；])|(?<=金额|计量|货币))单位\s*(" + UNIT_PATTERN.pattern + r")\s*(?=$|[\s)）\]】,，;；])")
# "预算支出(万元)", "增速（%）", "综合性重大场景数（个）"
_BRACKETED = re.compile(r"[(（\[【]\s*([^()（）\[\]【】]{1,12}?)\s*[)）\]】]")


def unit_from_context(text: str | None) -> str | None:
    """The unit a caption, header or indicator name declares, or None."""
    try:
        if not text:
            return None
        s = fold(text)
        m = _DECLARED.search(s)
        if m:
            return canonical_unit(m.group(1) or m.group(2))
        for m in _BRACKETED.finditer(s):
            unit = canonical_unit(m.group(1))
            if unit:
                return unit
        return None
    except Exception:  # a caption is free text: never let it break a table reader
        return None
