"""Which column of a table holds what: header depth, canonical column roles, units."""
from __future__ import annotations

from parsers.normalize.labels import canonical_column
from parsers.normalize.numbers import parse_number, unit_from_context
from schemas.document import Table

MAX_HEADER_ROWS = 4


def is_numeric(text: str) -> bool:
    return parse_number(text) is not None


def header_depth(table: Table) -> int:
    """Leading rows that hold no figures: the header (at least 1 when the table has data below)."""
    grid = table.grid()
    depth = 0
    for row in grid[:MAX_HEADER_ROWS]:
        if any(is_numeric(c) for c in row if c):
            break
        depth += 1
    if depth == 0 or depth >= table.n_rows:
        return min(1, table.n_rows - 1) if table.n_rows > 1 else 0
    return depth


def find_header(table: Table, kind: str, within: int = MAX_HEADER_ROWS + 1) -> tuple[int, int] | None:
    """(first row, number of rows) of the header that names at least two columns of a kind of table,
    among its first `within` rows.

    Rows above it are the tail of something else (a form row cut by a page break, a title), or a
    form's own fields (a target table's 资金 and 总体目标 rows above its indicator header).
    """
    grid = table.grid(fill_spans=True)
    for start in range(min(within, table.n_rows)):
        named = sum(1 for t in grid[start] if canonical_column(t, kind))
        if named >= 2:
            depth = 1
            while start + depth < table.n_rows and depth < MAX_HEADER_ROWS and not any(
                    is_numeric(c) for c in grid[start + depth] if c) and sum(
                    1 for t in grid[start + depth] if canonical_column(t, kind)) >= 1 and \
                    grid[start + depth] != grid[start]:
                depth += 1
            return start, depth
    return None


def header_texts(table: Table, depth: int, start: int = 0) -> list[str]:
    """Each column's header, the texts of its header rows joined (merged header cells included)."""
    grid = table.grid(fill_spans=True)
    out = []
    for k in range(table.n_cols):
        parts: list[str] = []
        for r in range(start, start + depth):
            t = grid[r][k]
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        out.append("".join(parts))
    return out


def column_roles(headers: list[str], table_kind: str) -> dict[int, str]:
    """Column index → canonical role; a role goes to its first column only."""
    roles: dict[int, str] = {}
    taken: set[str] = set()
    for k, h in enumerate(headers):
        role = canonical_column(h, table_kind)
        if role and role not in taken:
            roles[k] = role
            taken.add(role)
    return roles


def table_unit(table: Table) -> str | None:
    """The unit the caption or the lines above the table declare (单位：万元)."""
    for text in reversed([table.caption or ""] + table.context):
        unit = unit_from_context(text)
        if unit:
            return unit
    return None


def column_units(headers: list[str], default: str | None) -> list[str | None]:
    return [unit_from_context(h) or default for h in headers]
