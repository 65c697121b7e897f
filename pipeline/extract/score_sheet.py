"""Score sheets (综合评分表 / 得分情况表) → ScoreItem records and the sheet's 合计."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from parsers.normalize.labels import mend_ocr
from parsers.normalize.numbers import parse_number
from pipeline.extract.columns import column_roles, find_header, header_texts
from pipeline.extract.formulas import find_formula
from pipeline.extract.hierarchy import leaf_code, resolve
from schemas.document import Document, Table
from schemas.records import ScoreItem

TOTAL_ROW = re.compile(r"^(合计|总计|总分|合\s*计|得分合计)$")
BONUS = re.compile(r"加分|减分|加减分|扣分项")


@dataclass
class SheetTotal:
    weight: Decimal | None
    score: Decimal | None
    page: int | None
    row: int


def is_score_sheet(roles: dict[int, str]) -> bool:
    r = set(roles.values())
    named = bool(r & {"level1", "level2", "level3"})
    return named and ("score" in r or "weight" in r) and ("weight" in r or "rule" in r)


def item_role(roles: dict[int, str]) -> str:
    """The column that names a row's item: the deepest level the sheet prints (a summary sheet of the
    一级指标 alone, 国家信访局 2024 表2 "一级指标 | 分值 | 得分 | 得分率", names its items there)."""
    r = set(roles.values())
    return next(level for level in ("level3", "level2", "level1") if level in r)


def figure(text: str) -> tuple[Decimal | None, int | None]:
    n = parse_number(text) if text else None
    if n is None:
        return None, None
    return n.value, n.decimals


def extract_score_sheet(doc: Document, table: Table) -> tuple[list[ScoreItem], SheetTotal | None] | None:
    header = find_header(table, "score")
    if header is None:
        return None
    start, depth = header
    roles = column_roles(header_texts(table, depth, start), "score")
    if not is_score_sheet(roles):
        return None
    col = {role: k for k, role in roles.items()}
    grid = table.grid()
    rows = list(range(start + depth, table.n_rows))

    def text(r: int, role: str) -> str:
        k = col.get(role)
        return grid[r][k] if k is not None else ""

    # a row is an item when it names its indicator; rows that only continue the texts of the row above
    # (wrapped rule or evidence) are joined to it; the 合计 row gives the sheet's total
    items: list[dict] = []
    total = None
    name_role = item_role(roles)
    for r in rows:
        first = next((c for c in grid[r] if c), "")
        if TOTAL_ROW.match(first.replace(" ", "")):
            if total is None:
                w, _ = figure(text(r, "weight"))
                s, _ = figure(text(r, "score"))
                total = SheetTotal(w, s, table.row_page(r), r)
            continue  # rows after the 合计 are kept: 加减分项 printed below it
        name = text(r, name_role)
        own_figures = figure(text(r, "weight"))[0] is not None or figure(text(r, "score"))[0] is not None
        if not name and own_figures:
            # a row with a weight or score of its own is an item, never the wrapped tail of the row above
            name = next((text(r, role) for role in ("level2", "level1") if text(r, role)), "")
        if total is not None and not own_figures:
            continue  # below the 合计 only scored rows are items (a note row is not)
        if name:
            fields = {role: text(r, role) for role in col}
            fields["level3"] = name
            items.append({"row": r, "fields": fields, "after_total": total is not None})
        elif items:
            for role in ("target", "rule", "evidence", "description"):
                extra = text(r, role)
                if extra:
                    items[-1]["fields"][role] = items[-1]["fields"].get(role, "") + extra
            for role in ("level1", "level2"):
                if text(r, role):
                    items[-1].setdefault("extra_labels", {})[role] = text(r, role)
    if not items:
        return None

    # the label columns, one entry per item (a label printed on a continuation row counts for its item)
    weights = [figure(it["fields"].get("weight", ""))[0] for it in items]
    codes = [leaf_code(mend_ocr(it["fields"]["level3"])) for it in items]
    resolved = {}
    for level, role in ((1, "level1"), (2, "level2")):
        cells = [it["fields"].get(role, "") or it.get("extra_labels", {}).get(role, "") for it in items]
        resolved[role] = resolve(cells, weights, codes, level)

    out = []
    for i, it in enumerate(items):
        f = it["fields"]
        formula = find_formula(f.get("evidence"))
        weight, wd = figure(f.get("weight", ""))
        score, sd = figure(f.get("score", ""))
        l1, l2 = resolved["level1"][i], resolved["level2"][i]
        level3 = mend_ocr(f["level3"])
        out.append(ScoreItem(
            doc_id=doc.doc_id, source_file=doc.source_file, page=table.row_page(it["row"]), row=it["row"],
            level1=l1.text if l1 else None, level2=l2.text if l2 else None, level3=level3,
            weight=weight, target=f.get("target") or None, rule=f.get("rule") or None,
            evidence=f.get("evidence") or None, score=score, table_id=table.table_id, code=codes[i],
            level1_weight=l1.weight if l1 else None, level2_weight=l2.weight if l2 else None,
            is_bonus=bool((l1 and BONUS.search(l1.text)) or (l2 and BONUS.search(l2.text)) or it["after_total"]),
            weight_decimals=wd, score_decimals=sd, description=f.get("description") or None,
            formula_name=formula.name if formula else None, formula=formula.expression if formula else None,
            formula_result=formula.result if formula else None,
            formula_result_decimals=formula.decimals if formula else None,
            item_level=int(name_role[-1]),
        ))
    return out, total
