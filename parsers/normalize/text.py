"""Text clean-up shared by every reader: NFKC, and no stray spaces or line breaks in Chinese."""
from __future__ import annotations

import re
import unicodedata

# CJK ideographs, CJK punctuation and full-width forms: a space next to one of these is an
# artefact of justified or wrapped text, never a word separator.
_CJK = r"\u2460-\u24ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_CJK_RE = re.compile(rf"[{_CJK}]")
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000]+")
# NFKC would turn ① into 1, losing the list marker the scoring rules are written with
_KEEP = {chr(c): chr(c) for c in range(0x2460, 0x2474)}


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_RE.match(ch))


# quotation marks come straight or curly depending on the producer (and on OCR): one form
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "〝": '"', "〞": '"', "‘": "'", "’": "'"})


def nfkc(text: str) -> str:
    if not any(ch in _KEEP for ch in text):
        return unicodedata.normalize("NFKC", text)
    return "".join(ch if ch in _KEEP else unicodedata.normalize("NFKC", ch) for ch in text)


def clean_char(ch: str) -> str:
    """One printed character as clean_text writes it (NFKC, one form of quotation marks)."""
    return nfkc(ch).translate(_QUOTES)


def _join_wrapped(lines: list[str]) -> str:
    """Join lines that were wrapped by layout: a space only between two Latin letters, or between
    two digits (figures stacked in one cell, "100" over "200", stay two figures, never 100200)."""
    out = ""
    for line in lines:
        if out and line and out[-1].isascii() and line[0].isascii() and (
                (out[-1].isalpha() and line[0].isalpha()) or (out[-1].isdigit() and line[0].isdigit())):
            out += " "
        out += line
    return out


def clean_text(text: str | None) -> str:
    """NFKC-normalised text with line breaks and spaces inside Chinese removed.

    Spaces between two Latin words or numbers are kept (single), since they may
    separate values ("13000P FLOPS").
    """
    if not text:
        return ""
    s = nfkc(text).translate(_QUOTES).replace("\r", "\n")
    s = _SPACES.sub(" ", s)
    s = _join_wrapped([ln.strip() for ln in s.split("\n") if ln.strip()])
    s = _SPACE_NEAR_CJK.sub("", s)
    # justified or OCR'd numbers print a space after the point ("2. 00", "100. 00%")
    s = re.sub(r"(?<=\d[.,]) (?=\d)", "", s)
    return s.strip()


def join_lines(lines: list[str]) -> str:
    return clean_text("\n".join(lines))
