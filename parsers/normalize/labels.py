"""Row, column and indicator labels → canonical names, from the domain dictionary in data/."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from parsers.normalize.text import clean_text

# OCR confuses these glyphs; a label is mended only when the mended form is a domain word
CONFUSABLE = {"央": "决", "自": "目", "稀": "梳", "己": "已", "曰": "日"}
DOMAIN_WORDS = ("决策", "决算", "项目", "梳理", "项目支出", "已制定")

_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*(元|%|％|分|个|家|人|次|场|天|项)[)）]$")


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


def mend_ocr(text: str) -> str:
    """Undo OCR glyph confusions that turn a domain word into a non-word (A央策 → A决策)."""
    for word in DOMAIN_WORDS:
        for i, ch in enumerate(word):
            for wrong, right in CONFUSABLE.items():
                if ch == right:
                    variant = word[:i] + wrong + word[i + 1:]
                    if variant in text:
                        text = text.replace(variant, word)
    return text


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
