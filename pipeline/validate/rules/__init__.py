"""The rule modules; importing them registers their rules."""
from pipeline.validate.rules import forms, identities, narrative, score_sheet, tables, targets  # noqa: F401
