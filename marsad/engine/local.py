"""The local engine: in this process (one worker) or a pool of worker processes.

Workers come from a *forkserver* whose process has already built the pipeline, so each
worker starts with the knowledge base loaded and without the parent's threads (a DuckDB
connection runs threads). They run at a lower priority than the calling process, which
writes what they code (:data:`WORKER_NICE`). At most ``WINDOW_PER_WORKER × workers``
batches are in flight. A worker that dies (killed, out of memory) stops the run with
:class:`EngineError` instead of hanging.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PRELOAD = "marsad.engine._preload"

#: batches sent ahead per worker process. The writing process can be held up for seconds
#: (a store checkpoint: DuckDB compresses what it wrote since the last one); with this
#: many batches queued the workers go on coding meanwhile instead of idling.
WINDOW_PER_WORKER = 32


#: how much lower the workers' scheduling priority is than the writing process's. With as
#: many workers as cores, the writer shares a core with them; at equal priority it falls
#: behind while they code ahead (up to the window), and at the end of the run it writes
#: that backlog on one core while the others idle. Ahead of them it keeps up, and the
#: workers still get every cycle it does not use.
WORKER_NICE = 5


class EngineError(Exception):
    """The engine cannot go on; ``str(exc)`` is one line."""


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self._pool: ProcessPoolExecutor | None = None
        if self.workers == 1:
            from marsad.engine.extract import warm_up

            warm_up()
            gc.freeze()  # the knowledge base is permanent: keep the collector off it
        else:
            ctx: BaseContext
            if "forkserver" in mp.get_all_start_methods():
                ctx = mp.get_context("forkserver")
                ctx.set_forkserver_preload([_PRELOAD])
            else:
                ctx = mp.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_lower_priority
            )

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            for batch in batches:
                yield fn(batch)
            return
        window: deque[Future[R]] = deque()
        limit = WINDOW_PER_WORKER * self.workers
        try:
            for batch in batches:
                window.append(self._pool.submit(fn, batch))
                while len(window) >= limit:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BrokenProcessPool:
            raise EngineError("a worker process died (killed, or out of memory?)") from None
        finally:
            for f in window:
                f.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lower_priority() -> None:
    """Run at :data:`WORKER_NICE` (each worker, once, as it starts)."""
    os.nice(WORKER_NICE)
