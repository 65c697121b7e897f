"""What every record carries: the file it comes from."""
from __future__ import annotations

from pydantic import BaseModel


class Keyed(BaseModel):
    doc_id: str
    source_file: str
