"""Output files put in place atomically, with the permissions the user's umask gives a new file.

`tempfile.mkstemp` creates its file with mode 600 whatever the umask; a file renamed into place
keeps that mode, so the reports came out 600 beside Parquet files at 644. Every output goes
through `place`, which gives the staged file the mode a plain `open()` would have.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def file_mode() -> int:
    """0o666 less the process umask (read once: setting it back at once is the only way to read it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def staged(target: Path, suffix: str = ".part"):
    """A temporary path beside `target`; on a clean exit it gets the umask's mode and replaces
    `target`; on an error it is removed and `target` is left as it was."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=suffix)
    os.close(fd)
    try:
        yield Path(tmp)
        place(Path(tmp), target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def place(tmp: Path, target: Path) -> None:
    os.chmod(tmp, file_mode())
    os.replace(tmp, target)


STAGE_PREFIX = ".jixiao-staging-"


def remove_stale_stages(out_dir: Path) -> None:
    """Staging folders left by a run that was killed (its process is gone) are removed."""
    for stage in out_dir.glob(f"{STAGE_PREFIX}*"):
        pid = stage.name[len(STAGE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(stage, ignore_errors=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
