"""Issue 10: property-based fuzzing of the normalizers and the text readers.

Whatever they are given, they never raise, and never return a value the datasets cannot hold.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import read_document
from parsers.errors import UnreadableFile
from parsers.normalize.labels import canonical_indicator, canonical_item, canonical_metric, label_key, segment
from parsers.normalize.numbers import find_numbers, parse_number, parse_range
from parsers.normalize.units import unit_from_context
from pipeline.export import arrow_tables
from pipeline.work import process_bytes
from schemas.document import Document

# what budget reports are made of, and what breaks parsers: digits in every width, Chinese
# numerals and place words, units, comparators, separators, brackets, controls and lone surrogates
PIECES = list("0123456789０１２３４５６７８９.,，。．%％-—–~+()（）[]【】〔〕:：;；、 \t\n\r") + \
    list("零〇一二两三四五六七八九十百千万亿点元个家户人次项分年月日号约近超余多以上下内左右第表附件") + \
    ["万元", "亿元", "千元", "单位：", "合计", "总计", "基本支出", "项目支出", "≥", "≤", "＜", "＞", "=", "不低于",
     "预算执行率", "比上年", "增长", "下降", "其中", "\ud800", "\udfff", "\x00", "\x07", "\x1b", "\ufeff", "\u200b",
     "1e400", "9" * 40, "0." + "1" * 30, "NaN", "Infinity", "<br>", "<td>", "|", "\\"]
budget_text = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MAX = Decimal(10) ** 18


def representable(value: Decimal) -> bool:
    _, digits, exp = value.as_tuple()
    return value.is_finite() and abs(value) < MAX and -exp <= 10


@FUZZ
@given(budget_text)
def test_parse_number_never_raises_nor_overflows(s):
    n = parse_number(s)
    if n is not None:
        assert representable(n.value) and n.decimals >= 0 and isinstance(n.precision, int)


@FUZZ
@given(budget_text)
def test_find_numbers_gives_true_spans_and_representable_values(s):
    for n in find_numbers(s):
        assert representable(n.value)
        assert 0 <= n.start < n.end <= len(s) and s[n.start:n.end] == n.text
    r = parse_range(s)
    assert r is None or all(representable(x.value) for x in r)


@FUZZ
@given(budget_text)
def test_label_normalizers_never_raise(s):
    assert isinstance(label_key(s), str)
    for value in (canonical_item(s), canonical_metric(s), canonical_indicator(s, 1), canonical_indicator(s, 2),
                  unit_from_context(s)):
        assert value is None or isinstance(value, str)
    assert all(isinstance(w, str) and w for w in segment(s))


@FUZZ
@given(st.lists(budget_text, max_size=12), st.sampled_from([".txt", ".md", ".html"]))
def test_text_readers_read_or_say_why(lines, suffix):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    try:
        doc = read_document(data, f"x{suffix}", "x", suffix)
    except UnreadableFile as e:
        assert e.reason
        return
    assert isinstance(doc, Document)
    doc.model_dump_json()  # nothing unencodable leaves the reader boundary


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(budget_text, max_size=10), st.sampled_from([".txt", ".md", ".html"]))
def test_the_per_file_work_never_raises_and_its_records_can_be_stored(lines, suffix):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    records = process_bytes(data, f"x{suffix}")
    arrow_tables(records)  # every value fits the datasets
    records.model_dump_json()
