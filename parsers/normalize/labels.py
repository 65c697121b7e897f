"""Row, column and indicator labels → canonical names, from the domain dictionary in data/.

Vocabularies (tab-separated, one canonical name a line, variants |-separated):
  data/columns.tsv     column headers per kind of table        → canonical_column(text, table)
  data/items.tsv       row labels of money tables              → canonical_item(text)
  data/indicators.tsv  level labels of score sheets / trees    → canonical_indicator(text, level)
  data/metrics.tsv     measures (rates, shares, changes)       → canonical_metric(text)

Every label is first reduced by label_key(): NFKC (clean_text), no whitespace or line breaks at
all, no quotes ("三公"经费 = 三公经费), full-width brackets as ASCII ones, OCR glyphs mended
(mend_ocr).  Forms are then looked up exactly; a bracket inside a word is optional
("因公出国(境)费" = "因公出国境费").

When an item or metric label is no known form, it is cut into words with a private jieba
tokenizer that knows every form of every vocabulary (segment()), and the LONGEST term of the
wanted vocabulary among the words wins; among equally long terms the LAST one (the head of a
Chinese noun phrase is at its end).  So "2024年度基本支出合计" is 基本支出 (the subtotal of basic
spending), "项目支出预算执行率" is a 预算执行率, while a term of another vocabulary swallows
its parts ("公用经费控制率" is a metric, so it is no 公用经费 item).  Indicator level labels are
never segmented: an unknown one keeps its printed name (cleaned), because extra words change
what a level means ("促进产业发展" is no 产出).
"""
from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from importlib import resources

from parsers.normalize.text import clean_text
from parsers.normalize.units import canonical_unit

# OCR confuses these glyphs (wrong → right); a label is mended only inside a domain word, and
# only when the wrong glyph does not make a real word with its neighbours (see mend_ocr)
CONFUSABLE = {"央": "决", "自": "目", "稀": "梳", "己": "已", "曰": "日", "拔": "拨", "-": "一"}
DOMAIN_WORDS = (
    "决策", "决算", "预决算", "项目", "项目支出", "项目名称", "梳理", "已制定", "已完成", "已建立",
    "拨款", "财政拨款", "日常公用经费", "一级指标",  # 一 read as a hyphen: 长沙 czj 2025 scan's header
)
# real words that hold a wrong glyph next to a domain-word variant: "本项自评" is no 项目评
KEEP_WORDS = (
    "自评", "自评价", "自评分", "自评得分", "自查", "自主", "自动", "自行", "自筹", "自身", "自己",
    "自然", "自愿", "自由", "自我", "自治", "自律", "自建", "自用", "自有", "自营", "自发", "自觉",
    "自理", "自立", "自学", "自助", "自检", "自证", "自报", "自测", "中央", "党中央", "稀土", "依稀",
    "稀缺", "稀有", "稀释", "稀少",
)

# an organisation naming itself at the head of a phrase ("国家信访局", "长沙市公安局机关", "南京市工业和
# 信息化局(本级)"): who speaks, not what is counted — the extraction and the linker strip it alike
ORGANISATION_NAME = re.compile(r"^[\u4e00-\u9fff]{1,14}?(局|委员会|委|办公厅|办公室|厅|中心|院|政府)(本级|机关)?")
_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*(元|%|％|分|个|家|人|次|场|天|项)[)）]$")

_DATA = "parsers.normalize"
_JIEBA_FREQ = 200000  # high enough that a domain term beats any split of it into common words
_JIEBA_TAG = "nz"


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files(_DATA).joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def column_forms() -> dict[str, list[tuple[str, str]]]:
    """table → [(form, canonical)], longest form first."""
    text = resources.files("parsers.normalize").joinpath("data/columns.tsv").read_text(encoding="utf-8")
    forms: dict[str, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, table, variants = line.split("\t")
        for v in variants.split("|"):
            forms.setdefault(table, []).append((v, canonical))
    for table in forms:
        forms[table].sort(key=lambda fc: -len(fc[0]))
    return forms


# ---------------------------------------------------------------------------------------------
# OCR mending

@lru_cache(maxsize=1)
def _ocr_variants() -> list[tuple[str, str, int]]:
    """(variant, domain word, index of the wrong glyph), longest variant first."""
    out = []
    for word in DOMAIN_WORDS:
        for i, ch in enumerate(word):
            for wrong, right in CONFUSABLE.items():
                if ch == right:
                    out.append((word[:i] + wrong + word[i + 1:], word, i))
    out.sort(key=lambda v: -len(v[0]))
    return out


def _is_word(word: str) -> bool:
    if word in KEEP_WORDS:
        return True
    if not all("\u3400" <= ch <= "\u9fff" for ch in word):  # "A央": no Chinese word
        return False
    return _tokenizer().FREQ.get(word, 0) > 0


def _glyph_in_word(text: str, start: int, variant: str, i: int) -> bool:
    """Does the wrong glyph at text[start+i] make a real word with the text around the variant?"""
    g = start + i
    if i == len(variant) - 1:  # glyph closes the variant: a word starting with it ("项|自评")
        return any(g + k <= len(text) and _is_word(text[g:g + k]) for k in (2, 3, 4))
    if i == 0:  # glyph opens the variant: a word ending with it ("中|央策")
        return any(g - k + 1 >= 0 and _is_word(text[g - k + 1:g + 1]) for k in (2, 3))
    return False


def mend_ocr(text: str) -> str:
    """Undo OCR glyph confusions that turn a domain word into a non-word (A央策 → A决策).

    Conservative: only a variant of a word in DOMAIN_WORDS is mended, and not when its wrong
    glyph forms a real word with the neighbouring characters (KEEP_WORDS or jieba's dictionary):
    "本项自评" and "事项自动" stay, "中央算力" stays.
    """
    if not text or not any(w in text for w in CONFUSABLE):
        return text
    for variant, word, i in _ocr_variants():
        if variant not in text:
            continue
        out, pos = [], 0
        start = text.find(variant)
        while start >= 0:
            if _glyph_in_word(text, start, variant, i):
                out.append(text[pos:start + len(variant)])
            else:
                out.append(text[pos:start] + word)
            pos = start + len(variant)
            start = text.find(variant, pos)
        out.append(text[pos:])
        text = "".join(out)
    return text


# ---------------------------------------------------------------------------------------------
# columns (unchanged behaviour)

def header_key(text: str) -> str:
    """A header cell reduced to what names the column: no spaces, no unit suffix."""
    s = mend_ocr(clean_text(text)).replace(" ", "")
    s = _UNIT_SUFFIX.sub("", s)
    return s


def canonical_column(text: str, table: str) -> str | None:
    """The canonical name of a column header for a kind of table ('money', 'score', 'indicator')."""
    key = header_key(text)
    if not key:
        return None
    for form, canonical in column_forms().get(table, []):
        if key == form:
            return canonical
    for form, canonical in column_forms().get(table, []):
        if len(form) >= 2 and form in key:
            return canonical
    return None


# ---------------------------------------------------------------------------------------------
# label keys

_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』〝〞＂＇`")
_WS = re.compile(r"\s+")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# a short bracketed part inside a word: "因公出国(境)费", "半年(程)指标值"
_INLINE_BRACKET = re.compile(rf"(?<=[{_HAN}])\(([{_HAN}]{{1,2}})\)(?=[{_HAN}]|$)")
# "收、支总计" / "收、支预算总计" / "财政拨款收、支总预算" is one noun, not a list of two: its 、 is
# part of the word (国家信访局 2024 决算, 苏州市审计局 2026, 江苏省委办公厅 2017, 江苏省法院 2018 预算)
JOINED_PAIR = re.compile(r"(?<=收)、(?=支)")
_TRAILING_BRACKET = re.compile(r"\(([^()]{1,12})\)$")
_PREFIX = re.compile(
    r"^(?:其中[:：]?|含[:：]|[:：、.]|[一二三四五六七八九十]{1,3}[、.]|\(?[一二三四五六七八九十]{1,3}\)|"
    r"\(?\d{1,2}\)|\d{1,2}[、.](?!\d)|[\u2460-\u2473])"
)
_CODE = re.compile(r"^[A-Z]\d{0,2}(?=[^\dA-Za-z]|$)")
# "(12分)", "(≤5分)", "(总分15分,自评价得分14分)": any bracket that holds a score
_WEIGHT = re.compile(r"\([^()]*\d(?:\.\d+)?分(?!钟)[^()]*\)")
_OPEN_WEIGHT = re.compile(r"\((?:总分|权重|分值)?[≤<]?\d*(?:\.\d+)?分?$")  # "可持续发展能力(5" cut by a line break


def label_key(text: str | None) -> str:
    """A label reduced for comparison: NFKC, no whitespace, no quotes, ASCII brackets, OCR mended."""
    s = clean_text(text)
    s = _WS.sub("", s).translate(_QUOTES)
    s = s.replace("〔", "(").replace("〕", ")").replace("【", "(").replace("】", ")")
    return mend_ocr(s)


def _match_form(key: str) -> str:
    """The form a key is looked up and segmented in: a bracket inside a word, and the 、 of 收、支,
    are dropped."""
    return JOINED_PAIR.sub("", _INLINE_BRACKET.sub(r"\1", key))


def _strip_unit(s: str) -> str:
    m = _TRAILING_BRACKET.search(s)
    if m and (canonical_unit(m.group(1)) or m.group(1).startswith("单位")):
        return s[:m.start()]
    return s


def _strip_prefix(s: str) -> str:
    for _ in range(3):
        m = _PREFIX.match(s)
        if not m or m.end() == len(s):
            break
        s = s[m.end():]
    return s


def _row_key(text: str | None) -> str:
    s = _strip_unit(_strip_prefix(label_key(text)))
    return _match_form(s.strip(":：、,.;；"))


# ---------------------------------------------------------------------------------------------
# vocabularies

@lru_cache(maxsize=1)
def item_forms() -> dict[str, str]:
    """form (match form) → canonical row label of a money table."""
    return {_match_form(_plain(v)): canonical for canonical, _kind, _part_of, variants in _read_tsv("items.tsv")
            for v in variants.split("|")}


@lru_cache(maxsize=1)
def metric_forms() -> dict[str, str]:
    """form (match form) → canonical measure."""
    return {_match_form(_plain(v)): canonical for canonical, variants in _read_tsv("metrics.tsv")
            for v in variants.split("|")}


@lru_cache(maxsize=1)
def indicator_forms() -> dict[str, dict[str, str]]:
    """level ('1', '2', '3', '*') → form → canonical level label."""
    out: dict[str, dict[str, str]] = {}
    for canonical, level, variants in _read_tsv("indicators.tsv"):
        for lv in level.split(","):
            for v in variants.split("|"):
                out.setdefault(lv.strip(), {})[_match_form(_plain(v))] = canonical
    return out


def _plain(form: str) -> str:
    """A dictionary form as label_key would leave it (without OCR mending: forms are correct)."""
    return _WS.sub("", clean_text(form)).translate(_QUOTES)


def vocabulary() -> set[str]:
    """Every canonical name and variant of every vocabulary, in match form (the jieba user words)."""
    words = set(item_forms()) | set(item_forms().values())
    words |= set(metric_forms()) | set(metric_forms().values())
    for forms in indicator_forms().values():
        words |= set(forms) | set(forms.values())
    for forms in column_forms().values():
        words |= {_match_form(_plain(f)) for f, _ in forms}
    from parsers.normalize.vocabulary import title_words
    words |= title_words()
    return {_match_form(_plain(w)) for w in words if len(w) >= 2}


# ---------------------------------------------------------------------------------------------
# jieba

_TOKENIZER = None
_TOKENIZER_LOCK = threading.Lock()


def _tokenizer():
    """A private jieba.Tokenizer with the domain vocabulary, built once, lazily and silently.

    jieba's global tokenizer and dictionary are never touched; its logger is quietened only while
    the dictionary loads, then set back.  The main dictionary ships inside the jieba package
    (nothing is downloaded); jieba caches its prefix dictionary in the temp directory.
    """
    global _TOKENIZER
    if _TOKENIZER is not None:
        return _TOKENIZER
    with _TOKENIZER_LOCK:
        if _TOKENIZER is None:
            import jieba

            logger = jieba.default_logger
            level = logger.level
            logger.setLevel(logging.WARNING)
            try:
                tk = jieba.Tokenizer()
                tk.initialize()
                for word in sorted(vocabulary()):
                    tk.add_word(word, _JIEBA_FREQ, _JIEBA_TAG)
            finally:
                logger.setLevel(level)
            _TOKENIZER = tk
    return _TOKENIZER


def segment(text: str | None) -> list[str]:
    """The label cut into words by the domain tokenizer (no HMM guessing of unknown words).

    The text is normalised as label_key does, and a bracket inside a word is dropped, so the
    words are those the vocabularies are matched against: segment("因公出国（境）费用") ==
    ["因公出国境费用"].
    """
    s = _match_form(label_key(text))
    if not s:
        return []
    return [w for w in _tokenizer().lcut(s, HMM=False) if w.strip()]


def _best_term(key: str, forms: dict[str, str]) -> str | None:
    """Canonical name of the longest term of forms among the words of key (the last on ties)."""
    best: tuple[int, str] | None = None
    for word in _tokenizer().lcut(key, HMM=False):
        if len(word) >= 2 and word in forms and (best is None or len(word) >= best[0]):
            best = (len(word), forms[word])
    return best[1] if best else None


# ---------------------------------------------------------------------------------------------
# public look-ups

@lru_cache(maxsize=8192)
def canonical_item(text: str | None) -> str | None:
    """Canonical name of a row label of a money table ("项自支出" → "项目支出", "总计" → "合计"),
    None for a label that holds no known item."""
    key = _row_key(text)
    if not key:
        return None
    forms = item_forms()
    if key in forms:
        return forms[key]
    return _best_term(key, forms)


@lru_cache(maxsize=8192)
def canonical_metric(text: str | None) -> str | None:
    """Canonical name of a measure ("执行率" → "预算执行率", "增速" → "增长率"), None if none is named."""
    key = _row_key(text)
    if not key:
        return None
    forms = metric_forms()
    if key in forms:
        return forms[key]
    return _best_term(key, forms)


def indicator_name(text: str | None) -> str:
    """A level label without its code ("B1"), its weight ("(10分)") and its unit ("（个）"), cleaned."""
    s = label_key(text)
    s = _WEIGHT.sub("", s)
    s = _OPEN_WEIGHT.sub("", s)
    s = _strip_prefix(s)
    s = _CODE.sub("", s, count=1)
    s = _strip_unit(s)
    return s.strip(":：、,.;； ")


@lru_cache(maxsize=8192)
def canonical_indicator(text: str | None, level: int) -> str | None:
    """Canonical name of a 一级/二级/三级 label of a score sheet or an indicator tree.

    "A央策(12 分)" → "决策", "部门决策 (15分)" → "决策", "产出指标" → "产出" (level 1);
    "D1经济效益" → "经济效益指标", "B1预算执行 (10分)" → "预算执行" (level 2).  A name found in
    the dictionary of the other level is mapped with it (a 二级 name printed in the 一级 column:
    "经济效益指标" at level 1 is "经济效益指标"); any other label keeps its printed name without code, weight and unit.  None for an empty
    label (or one that is only a weight, "(3分)").
    """
    name = indicator_name(text)
    if not name:
        return None
    key = _match_form(name)
    forms = indicator_forms()
    own = str(level)
    # exports shift 一级 and 二级 names between their columns; a 三级 name is never a level name
    others = [lv for lv in ("1", "2") if lv != own] if own in ("1", "2") else []
    for lv in [own, "*", *others]:
        if key in forms.get(lv, {}):
            return forms[lv][key]
    return name


@lru_cache(maxsize=1)
def indicator_parents() -> dict[str, str]:
    """Canonical 二级 name → canonical 一级 name, from data/indicator_tree.tsv (数量指标 → 产出)."""
    out = {}
    for row in _read_tsv("indicator_tree.tsv"):
        if len(row) == 2:
            out[canonical_indicator(row[0], 2) or row[0]] = canonical_indicator(row[1], 1) or row[1]
    return out
