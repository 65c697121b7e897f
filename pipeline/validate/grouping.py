"""One mistake, one finding: the issues a rule found, with those that say the same mistake merged.

A paragraph that rotates three rates, a total printed alike in three columns, a total column that
fails in six rows: each is one problem for the auditor, and the counts must be counts of problems.
The merged finding's `stated`, interval and `bbox` are its first figure's; `inputs` hold them all.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from pipeline.validate.registry import Issue

COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def told_once(issues: Iterable[Issue], code: str, key: Callable[[Issue], object],
              combine: Callable[[list[Issue]], Issue]) -> Iterator[Issue]:
    """The issues in their order, those of `code` with an equal key (None: alone) combined into one,
    which stands where the first of them stood."""
    issues = list(issues)
    groups: dict = {}
    for issue in issues:
        if issue.code == code and key(issue) is not None:
            groups.setdefault(key(issue), []).append(issue)
    for issue in issues:
        group = groups.get(key(issue), []) if issue.code == code else []
        if len(group) < 2:
            yield issue
        elif issue is group[0]:
            yield combine(group)


def merged_inputs(group: list[Issue]) -> list:
    """Every figure the issues used, each once (a cell shared by two rows' sums is one input)."""
    return list({(i.role, i.dataset, i.table_id, i.row, i.col, i.sentence_id, i.value): i
                 for issue in group for i in issue.inputs}.values())


def count_word(n: int) -> str:
    return COUNT.get(n, str(n))
