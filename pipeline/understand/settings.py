"""Tolerances of the table reading, in one validated object (pdfplumber's TableSettings is the model)."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class UnderstandSettings:
    max_title_rows: int = 3  # rows at the top of a grid that may hold its title or 单位 line
    max_header_rows: int = 6  # header rows deeper than this are not believed (the 栏次 row included)
    indent_tolerance: float = 2.0  # points: label indents closer than this are one level
    min_indent_step: float = 3.0  # points: a smaller step between two indents is no level at all
    context_lines: int = 3  # lines above a table searched for its title and unit

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(f"UnderstandSettings.{f.name} must be a non-negative number, not {value!r}")
        if self.max_header_rows < 1:
            raise ValueError("UnderstandSettings.max_header_rows must be at least 1")

    @classmethod
    def resolve(cls, value: "UnderstandSettings | dict | None") -> "UnderstandSettings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            unknown = set(value) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown UnderstandSettings: {', '.join(sorted(unknown))}")
            return cls(**value)
        raise TypeError(f"UnderstandSettings.resolve takes None, a dict or UnderstandSettings, not {type(value).__name__}")
