"""What auditors open: an Excel workbook and a self-contained HTML report of a run."""
