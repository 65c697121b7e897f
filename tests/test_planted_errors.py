"""Issue 12: planted errors on real layouts. Copies of six wide/ packages from six regions, each with
one figure changed in its document model (a paragraph's sentence or one table cell, as if the
publisher had printed it so), give the planted error with the right code, page and numbers, and
nothing else new; the originals give only the errors of the reviewed ledger."""
from __future__ import annotations

import pytest
from plants import altered

from pipeline.extract import extract
from pipeline.validate import validate


def errors(doc) -> set[tuple]:
    records = extract(doc)
    return {(f.rule, f.page, f.stated_value, f.expected_value) for f in validate(records) if f.severity == "error"}


PLANTS = [
    # (file, change, the planted error (rule, page, stated, expected))
    ("2026年度福州市公安局文职人员管理中心单位预算.pdf",  # 福建: a 类 total in the 支出预算总表
     dict(cell=(9, "公共安全支出", "4481.91", "4418.91")), ("sum.subtotal", 9, "4,418.91万元", "4,481.91万元")),
    ("changsha_gaj_2025_budget.pdf",  # 湖南: a 三公 part in the 情况说明
     dict(sentence=("公务接待费28.50万元", "公务接待费38.50万元")), ("sum.parts", 9, "458.50万元", "468.50万元")),
    ("guojia_xinfangju_2026_budget.pdf",  # 中央: a 情况说明 total against the 部门收入总表
     dict(sentence=("收入预算总计50,616.94万元", "收入预算总计50,616.49万元")),
     ("xref.conflict", 17, "50,616.49万元", "50,616.94万元")),
    ("2026年烟台市统计局部门预算.pdf",  # 山东: the 基本/项目 split of the 支出预算
     dict(sentence=("基本支出1,704.11万元", "基本支出1,714.11万元")), ("sum.parts", 27, "2,123.11万元", "2,133.11万元")),
    ("2026年苏州市审计局部门预算.pdf",  # 江苏: the 收支总表's 收入总计
     dict(cell=(9, "收入总计", "4,651.67", "4,615.67")), ("sum.total", 9, "4,615.67万元", "4,651.67万元")),
    ("2026年杭州市气象局部门预算.pdf",  # 浙江: a growth rate in the text (48.92 ÷ 5,827.75 = 0.84%)
     dict(sentence=("比上年执行数增加48.92万元,增长0.8%", "比上年执行数增加48.92万元,增长1.8%")),
     ("rate.growth", 4, "1.8%", "0.8%")),
    ("2026年杭州市气象局部门预算.pdf",  # the 财政拨款收支总表's halves: the 收入总计 (left of 支出总计) changed
     dict(cell=(18, "支出总计", "5,753.07", "5,735.07")), ("sum.halves", 18, "5,735.07万元", "5,753.07万元")),
    ("2026年烟台市统计局部门预算.pdf",  # between tables: the 部门收入总表's 合计 against the 部门收支总表
     dict(cell=(8, "合计", "2,123.11", "2,132.11")), ("xref.tables", 8, "2,132.11万元", "2,123.11万元")),
    ("2026年杭州市气象局部门预算.pdf",  # between tables: the 基本支出表's 合计 against the 一般公共预算支出表
     dict(cell=(20, "合计", "3,745.07", "3,754.07")), ("xref.tables", 20, "3,754.07万元", "3,745.07万元")),
]


@pytest.mark.parametrize("name, change, planted", PLANTS, ids=[p[0][:12] for p in PLANTS])
def test_a_planted_error_is_found_with_its_page_and_numbers(samples, name, change, planted):
    path = samples / "wide" / name
    before = errors(altered(path))
    after = errors(altered(path, **change))
    new = after - before
    assert planted in new, (planted, new)
    # one change, one cause: whatever else it adds names the changed figure (the table's sum, the
    # sentence that restates the cell …)
    changed = {planted[2].replace("万元", "").replace("%", ""), planted[3].replace("万元", "")}
    assert all(f[1] == planted[1] or any(c in (f[2] or "") + (f[3] or "") for c in changed) for f in new), new
