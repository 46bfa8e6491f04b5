"""An optional cache of read answers (``marsad serve --cache MB``): the JSON bodies of the
most recently asked pages and events, up to a number of bytes, kept under the store's
version.

The version (:attr:`marsad.serve.pool.Gate.version`) changes before and after every write
the server makes, so a body read before a write is never answered after it. That is the
whole truth only when this server is the store's one writer: a DuckDB file (open in one
process for writing, or read-only in every ``--workers`` process, when nobody writes). A
PostgreSQL store takes ``marsad ingest`` beside the server, so the server refuses the cache
there.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class BodyCache:
    """Response bodies up to ``max_bytes`` in all, least recently used first out (a body
    larger than a quarter of that is not kept)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is None:
                self.misses += 1
                return None
            self._bodies.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._bodies.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self._bodies[key] = body
            self.size += len(body)
            while self.size > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self.size -= len(dropped)

    def __len__(self) -> int:
        return len(self._bodies)
