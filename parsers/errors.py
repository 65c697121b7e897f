"""Errors a reader raises for input it cannot read; the pipeline turns them into a failed row."""


class UnreadableFile(Exception):
    def __init__(self, source_file: str, reason: str):
        super().__init__(f"{source_file}: {reason}")
        self.source_file = source_file
        self.reason = reason
