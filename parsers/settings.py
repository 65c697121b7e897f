"""Tolerances of the reading, as small validated objects (pdfplumber's TableSettings is the model).

Each is frozen, checks its values when it is made, and `resolve`s None (the defaults), a dict of
overrides or an instance. They are held by PdfSettings and passed down to the functions that use them.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar

S = TypeVar("S", bound="Settings")


@dataclass(frozen=True)
class Settings:
    """Every field a non-negative number (a bool where it is declared one); subclasses check what
    else they need."""

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("bool", bool):
                if not isinstance(value, bool):
                    raise ValueError(f"{type(self).__name__}.{f.name} must be true or false, not {value!r}")
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"{type(self).__name__}.{f.name} must be a non-negative number, not {value!r}")
        self.check()

    def check(self) -> None:
        pass

    @classmethod
    def resolve(cls: type[S], value: "S | dict | None") -> S:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            unknown = set(value) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown {cls.__name__}: {', '.join(sorted(unknown))}")
            return cls(**value)
        raise TypeError(f"{cls.__name__}.resolve takes None, a dict or {cls.__name__}, not {type(value).__name__}")


@dataclass(frozen=True)
class GridSettings(Settings):
    # points: cell edges closer than this are one grid line. Word draws a cell's border and its
    # shading a few points apart (江苏省法院 2018: rules in threes, 5.4 pt apart), which would make
    # empty sliver rows and columns; no row or column of text is this narrow
    snap: float = 6.0
    open_end: float = 6.0  # points: vertical rules running this far past the last horizontal one end a row there
    min_open_rules: int = 3  # … when at least this many end together

    def check(self) -> None:
        if self.min_open_rules < 2:
            raise ValueError("GridSettings.min_open_rules must be at least 2")


@dataclass(frozen=True)
class StitchSettings(Settings):
    column_tolerance: float = 6.0  # points: column edges of two pieces this close line up
    max_repeated_header: int = 6  # rows: a header repeated at a page break is never longer


@dataclass(frozen=True)
class LayoutSettings(Settings):
    margin: float = 0.07  # top/bottom share of the page where running headers, footers and page numbers sit

    def check(self) -> None:
        if not 0 <= self.margin < 0.5:
            raise ValueError("LayoutSettings.margin is a share of the page height below 0.5")
