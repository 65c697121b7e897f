"""Issue 13: scoring rules read by templates kept as data; the wordings are from the Nanjing samples
(南京), the 长沙 2025 target tables (湖南) and the national 比率 rules, each read to its kind; a rule no
template reads is counted as an info finding, never guessed at."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.validate.scoring import expected_scores, reading_of

READ = [
    ("①比率≤100%,得满分; ②比率>100%,不得分。", "threshold"),
    ("①比率=100%,得满分; ②比率<100%,按完成比例得分; ③比率>100%,得0分。", "threshold"),
    ("按完成比例得分", "proportional"),
    ("①比率=0%,得满分; ②0%≤比率<10%,每增加1%,扣10%的权重分,扣完为止。", "threshold"),
    ("以上评价要点各占1/3,符合得对应权重分,否则酌情扣分。", "equal_parts"),
    ("以上年度任务序时进度均符合计划要求的得满分,每发现一例延误事项,扣减权重分的0.1-0.5分,扣完即止。", "deduction"),
    ("按照内控手册开展内控有关工作的得2分", "fixed"),
    ("受到国务院嘉奖加3分,受到省级嘉奖加2分;同一项目工作不累计加分", "bonus"),
    ("成本控制在总预算内得满分,每超过5%扣5分", "deduction"),
    ("安全隐患排除率100%得满分,完成率低于100%高于90%得4分,低于90%高于80%得2分,低于80%不得分", "band"),
    ("完成目标得满分,否则不得分", "all_or_nothing"),
    ("符合要求得满分,否则不得分", "all_or_nothing"),
    ("购置数量等于财政批复的数量得满分,每超出或少于1台扣1分", "deduction"),
    ("根据完成情况酌情扣分", "discretionary"),
]


@pytest.mark.parametrize("rule, kind", READ)
def test_a_rule_is_read_by_its_template(rule, kind):
    reading = reading_of(rule)
    assert reading is not None and reading.kind == kind


@pytest.mark.parametrize("rule", ["好评率高的酌情加减，评分时参考上年得分", "按照上年得分折算"])
def test_a_rule_no_template_reads_is_not_guessed(rule):
    assert reading_of(rule) is None


def test_a_step_rule_gives_both_readings_and_any_step():
    rule = "①比率=0%,得满分; ②0%≤比率<20%,每增加2%,扣10%的权重分; ③比率≥20%,不得分。"
    (whole, _), (part, _) = expected_scores(rule, Decimal("5"), Decimal("4"))
    assert (whole, part) == (Decimal("3.2"), Decimal("3.0"))  # two whole steps of 0.4; 2.5 steps


def test_unread_rules_are_counted_in_one_info_finding():
    from schemas.records import DocumentInfo, DocumentRecords, ScoreItem
    from pipeline.validate import validate
    items = [ScoreItem(doc_id="d", source_file="f", page=1, row=r, level1=None, level2=None, level3=f"指标{r}",
                       weight=Decimal(5), score=Decimal(5), rule=rule)
             for r, rule in enumerate(["按完成比例得分", "按照上年得分折算", "参照上年得分确定"])]
    records = DocumentRecords(document=DocumentInfo(doc_id="d", source_file="f"), score_items=items)
    found = [f for f in validate(records) if f.rule == "score.rule_unparsed"]
    assert len(found) == 1 and found[0].severity == "info"
    assert found[0].message.startswith("评分规则未能解析：2条（共3条评分规则）")
