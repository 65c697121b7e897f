"""Pages without a usable text layer (scans, text drawn as outlines) read by OCR, offline."""
