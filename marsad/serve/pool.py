"""The store's connections, borrowed one request at a time, and the JSON they answer with."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import orjson
from fastapi.responses import JSONResponse

from marsad.store.sql import SqlStore

T = TypeVar("T")


class Gate:
    """The store's connections, one request on each at a time; writes one at a time.

    DuckDB and psycopg connections must not run two statements at once, so each request
    borrows a connection; extra connections to the same store let reads run side by side.
    """

    def __init__(self, stores: Sequence[SqlStore]) -> None:
        self.free: queue.SimpleQueue[SqlStore] = queue.SimpleQueue()
        for store in stores:
            self.free.put(store)
        self.write_lock = threading.Lock()
        self.limiter = anyio.CapacityLimiter(len(stores))
        #: changes before and after every write (what a cache of answers is keyed by)
        self.version = 0

    @contextmanager
    def use(self) -> Iterator[SqlStore]:
        store = self.free.get()
        try:
            yield store
        finally:
            self.free.put(store)

    def run(self, fn: Callable[[SqlStore], T]) -> T:
        with self.use() as store:
            return fn(store)

    async def read(self, fn: Callable[[SqlStore], T]) -> T:
        """``fn(store)`` in a worker thread (at most one per connection): the event loop
        goes on serving while DuckDB or PostgreSQL works."""
        return await anyio.to_thread.run_sync(self.run, fn, limiter=self.limiter)

    def write(self, fn: Callable[[SqlStore], T]) -> T:
        with self.write_lock, self.use() as store:
            self.version += 1  # reads from here on may see the write: not cached as before
            try:
                return fn(store)
            finally:
                self.version += 1


def render(content: Any) -> bytes:
    """JSON bytes (orjson; dates as ISO strings, :class:`orjson.Fragment` as it is)."""
    return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


class FastJSON(JSONResponse):
    """JSON straight from the store's rows, without re-validating every field through the
    response model (the schema tests hold it to that model); a body already rendered
    (bytes, e.g. from the cache) is sent as it is."""

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else render(content)


class GeoJSONResponse(FastJSON):
    media_type = "application/geo+json"
