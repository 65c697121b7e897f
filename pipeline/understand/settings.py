"""Tolerances of the table understanding, in one validated object (see parsers.settings)."""
from __future__ import annotations

from dataclasses import dataclass

from parsers.settings import Settings


@dataclass(frozen=True)
class UnderstandSettings(Settings):
    max_title_rows: int = 3  # rows at the top of a grid that may hold its title or 单位 line
    max_header_rows: int = 6  # header rows deeper than this are not believed (the 栏次 row included)
    indent_tolerance: float = 2.0  # points: label indents closer than this are one level
    min_indent_step: float = 3.0  # points: a smaller step between two indents is no level at all
    context_lines: int = 3  # lines above a table searched for its title and unit

    def check(self) -> None:
        if self.max_header_rows < 1:
            raise ValueError("UnderstandSettings.max_header_rows must be at least 1")
