"""How a failure is described in a row: the exception, and where in the code it was raised."""
from __future__ import annotations

import traceback
from pathlib import Path


def where(e: BaseException) -> str:
    """The innermost frame of a traceback, as file:line (enough to find a bug from a row)."""
    frames = traceback.extract_tb(e.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"


def describe(e: BaseException) -> str:
    if isinstance(e, RecursionError):
        return "the file's structure is recursive (RecursionError)"
    if isinstance(e, MemoryError):
        return "out of memory"
    return f"{type(e).__name__}: {e} ({where(e)})"[:500]
