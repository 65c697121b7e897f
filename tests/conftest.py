"""Shared fixtures: the project's own example reports, and ../shared/samples where present."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.work import process_bytes
from schemas.records import DocumentRecords

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SAMPLES = ROOT.parent / "shared" / "samples"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def samples() -> Path:
    if not SAMPLES.exists():
        pytest.skip("../shared/samples is not available (a user's clone)")
    return SAMPLES


@lru_cache(maxsize=None)
def _records(path: str) -> DocumentRecords:
    p = Path(path)
    return process_bytes(p.read_bytes(), p.name)


@pytest.fixture(scope="session")
def records():
    """Records of a file, computed once per test session."""
    return lambda path: _records(str(path))
