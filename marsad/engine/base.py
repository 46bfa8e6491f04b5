"""What an engine is: something that maps a function over batches, in order.

The ingest runner (:mod:`marsad.engine.ingest`) gives an engine a lazy iterable of
batches of articles and :func:`marsad.engine.extract.code_batch`; the engine returns the
results in the order of the batches. It must pull batches from the iterable in the
calling thread (the iterable reads sources and asks the store which articles are new)
and may run the function anywhere: in this process, in a process pool
(:class:`marsad.engine.local.LocalEngine`), or on a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    workers: int

    def map_batches(self, fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        """``fn(batch)`` for every batch, yielded in the order of ``batches``."""
        ...

    def close(self) -> None: ...
