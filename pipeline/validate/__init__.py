"""Records → findings: run every registered rule over one document's records."""
from __future__ import annotations

import traceback
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from pipeline.validate import rules as _rules  # noqa: F401  (registers the rules)
from pipeline.validate.context import Context
from pipeline.validate.located import Locator
from pipeline.validate.registry import CODES, RULES, Issue
from schemas.records import DocumentRecords, Finding

INTERNAL = "internal.rule_failed"
QUANTUM = Decimal("1E-10")


def finding(records: DocumentRecords, issue: Issue) -> Finding:
    c = CODES[issue.code]
    low = high = difference = None
    if issue.interval is not None:
        # outwards to the datasets' 10 decimals: the stored interval still holds the computed one
        low = issue.interval.lo.quantize(QUANTUM, rounding=ROUND_FLOOR)
        high = issue.interval.hi.quantize(QUANTUM, rounding=ROUND_CEILING)
        if issue.number is not None:
            difference = issue.number - high if issue.number > high else issue.number - low if issue.number < low else 0
    return Finding(
        doc_id=records.document.doc_id, source_file=records.document.source_file, page=issue.page, rule=c.code,
        severity=issue.severity or c.severity, subject=issue.subject, stated_value=issue.stated,
        expected_value=issue.expected, message=c.template.format(**issue.args), evidence=issue.evidence,
        table_id=issue.table_id, stated=issue.number, stated_unit=issue.unit, expected_low=low, expected_high=high,
        difference=difference, inputs=issue.inputs, bbox=issue.bbox,
    )


def validate(records: DocumentRecords) -> list[Finding]:
    """Every inconsistency the rules establish; a rule that crashes is reported, never hidden."""
    if records.document.status == "failed":
        return []
    ctx = Context.of(records)
    locator = Locator(records)
    out: list[Finding] = []
    seen: set[tuple] = set()
    for r in RULES:
        try:
            for issue in r.check(ctx):
                f = locator.place(finding(records, issue))
                key = (f.rule, f.subject, f.stated_value, f.page)
                if key not in seen:
                    seen.add(key)
                    out.append(f)
        except Exception as e:  # a broken rule must be loud: it becomes an error finding
            tb = traceback.extract_tb(e.__traceback__)[-1]
            out.append(Finding(
                doc_id=records.document.doc_id, source_file=records.document.source_file, page=None, rule=INTERNAL,
                severity="error", subject=r.name, stated_value=None, expected_value=None,
                message=f"校验规则{r.name}运行出错：{type(e).__name__}: {e}（{tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}）",
            ))
    return out
