"""The `jixiao` executable: answers `--version` before any import, hands everything else to the CLI."""
from __future__ import annotations

import sys


def main() -> int | None:
    if sys.argv[1:] == ["--version"]:
        from pipeline import __version__
        print(__version__)
        return 0
    from pipeline.cli import main as cli
    return cli()
