"""Where the per-file work runs: a local pool of isolated worker processes, or a Dask cluster.

Both take paths and yield (path, DocumentRecords) in input order, with at most a bounded number
of files in flight, so memory stays bounded whatever the folder's size.
"""
from __future__ import annotations

import os
import resource
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.work import failed, process_bytes, process_file
from schemas.records import DocumentRecords


@dataclass(frozen=True)
class Limits:
    timeout: float | None = 600.0  # seconds per file
    max_memory_mb: int | None = 4096  # address space per worker


def limit_memory(max_memory_mb: int | None) -> None:
    if max_memory_mb:
        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def warm_up() -> None:
    """Load the label dictionary (jieba) once in the parent: forked workers inherit it instead of
    each spending a second on it."""
    from parsers.normalize.labels import segment
    segment("预算执行率")


def work(path: str, root: str) -> DocumentRecords:
    return process_file(Path(path), Path(root))


def source_of(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def in_order(futures: Iterable, window: int, submit, resolve) -> Iterator:
    """Submit lazily with at most `window` in flight; yield results in submission order."""
    pending: deque = deque()
    items = iter(futures)
    for item in items:
        pending.append((item, submit(item)))
        if len(pending) >= window:
            item0, fut = pending.popleft()
            yield item0, resolve(item0, fut)
    while pending:
        item0, fut = pending.popleft()
        yield item0, resolve(item0, fut)


class LocalExecutor:
    """A pebble process pool: a worker that hangs, blows its memory limit or crashes is killed and
    replaced, and only its file is marked failed with the reason."""

    def __init__(self, jobs: int | None = None, limits: Limits = Limits()):
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.limits = limits

    def map(self, paths: list[Path], root: Path) -> Iterator[tuple[Path, DocumentRecords]]:
        from pebble import ProcessExpired, ProcessPool

        warm_up()
        def resolve(path: Path, fut) -> DocumentRecords:
            source = source_of(path, root)
            try:
                return fut.result()
            except FutureTimeout:
                return failed("", source, f"timeout: not done in {self.limits.timeout:g} s (worker stopped)")
            except MemoryError:
                return failed("", source, f"memory: over the {self.limits.max_memory_mb} MB limit per file")
            except ProcessExpired as e:
                return failed("", source, f"crash: the worker died (exit code {e.exitcode})")
            except Exception as e:
                return failed("", source, f"error: {type(e).__name__}: {e}"[:500])

        with ProcessPool(max_workers=self.jobs, initializer=limit_memory,
                         initargs=(self.limits.max_memory_mb,)) as pool:
            submit = lambda p: pool.schedule(work, args=(str(p), str(root)), timeout=self.limits.timeout)
            yield from in_order(paths, 2 * self.jobs, submit, resolve)


class DaskExecutor:
    """The same per-file work on a dask.distributed cluster; the file's bytes travel to the worker,
    so workers need no shared file system."""

    def __init__(self, scheduler: str | object, limits: Limits = Limits()):
        self.scheduler = scheduler
        self.limits = limits

    def map(self, paths: list[Path], root: Path) -> Iterator[tuple[Path, DocumentRecords]]:
        from distributed import Client

        client = self.scheduler if isinstance(self.scheduler, Client) else Client(self.scheduler)
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))

            def submit(p: Path):
                return client.submit(process_bytes, p.read_bytes(), source_of(p, root), pure=False)

            def resolve(p: Path, fut) -> DocumentRecords:
                try:
                    return fut.result(timeout=self.limits.timeout)
                except Exception as e:  # timeouts and worker deaths included
                    fut.cancel()
                    return failed("", source_of(p, root), f"error on the cluster: {type(e).__name__}: {e}"[:500])

            yield from in_order(paths, 2 * workers, submit, resolve)
        finally:
            if client is not self.scheduler:
                client.close()
