"""The local engine: in this process (one worker) or a pool of worker processes.

Workers come from a *forkserver* whose process has already built the pipeline, so each
worker starts with the knowledge base loaded and without the parent's threads (a DuckDB
connection runs threads). At most ``2 × workers`` batches are in flight.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PRELOAD = "marsad.engine._preload"


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self._pool: Pool | None = None
        if self.workers > 1:
            if "forkserver" in mp.get_all_start_methods():
                fs = mp.get_context("forkserver")
                fs.set_forkserver_preload([_PRELOAD])
                self._pool = fs.Pool(self.workers)
            else:
                self._pool = mp.get_context("spawn").Pool(self.workers)

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            for batch in batches:
                yield fn(batch)
            return
        window: deque[AsyncResult[R]] = deque()
        limit = 2 * self.workers
        for batch in batches:
            window.append(self._pool.apply_async(fn, (batch,)))
            while len(window) >= limit:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.terminate()
