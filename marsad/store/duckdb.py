"""DuckDB back end: the embedded default (``./marsad.duckdb``).

Bulk inserts go through an Arrow table (one typed array per column) that DuckDB reads in
a single ``INSERT … SELECT``: no per-row round trips.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from marsad.store.base import StoreError
from marsad.store.schema import Table
from marsad.store.sql import SqlStore

_ARROW = {
    "text": pa.string(),
    "int": pa.int32(),
    "bigint": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
}


#: How much write-ahead log the ingest writer lets grow before a checkpoint (see
#: :meth:`DuckDBStore.lock_writer`); what it holds is also kept in memory until then.
CHECKPOINT_THRESHOLD = "256MB"

#: How the ingest writer has DuckDB compress what it checkpoints (:meth:`DuckDBStore.lock_writer`):
#: a 4,000-article store checkpointed in 0.47 s into 41 MB, against 1.68 s and 84 MB with
#: DuckDB's own choice (dictionary / FSST analysis of every text segment). Columns that are
#: not text keep DuckDB's choice.
COMPRESSION = "zstd"

#: :meth:`DuckDBStore.checkpoint` checkpoints only a log at least this large (bytes): a
#: checkpoint also rewrites the primary-key indexes, so a small log is left for ``close``.
CHECKPOINT_NOW_MIN = 32 * 2**20


class DuckDBStore(SqlStore):
    dialect = "duckdb"

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.url = str(path)
        p = Path(path)
        if str(path) != ":memory:" and not p.parent.exists():
            raise StoreError(f"cannot open the store {self.url}: folder {p.parent} does not exist")
        try:
            self.con = duckdb.connect(str(path), read_only=read_only, config={"threads": 1})
        except duckdb.IOException as exc:
            msg = str(exc).splitlines()[0]
            if "lock" in msg.lower():
                raise StoreError(
                    f"cannot open the store {self.url}: it is in use by another process"
                ) from None
            raise StoreError(f"cannot open the store {self.url}: {msg}") from None
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the store {self.url}: {str(exc).splitlines()[0]}"
            ) from None
        self._depth = 0
        if not read_only:
            self.migrate()

    def lock_writer(self) -> None:
        """A DuckDB file is open for writing in one process at a time: nothing to lock.

        The writer checkpoints less often than DuckDB's default (every 16 MiB of log):
        a checkpoint rewrites the tables' primary-key indexes whole, so an ingest that
        checkpoints every few batches spends a time that grows with the store on each.
        Committed batches are in the log (durable) until the next checkpoint; the log is
        replayed when the file is opened after a crash.

        Text is compressed with zstd (:data:`COMPRESSION`) rather than DuckDB's choice per
        column segment, which analyses every segment for dictionary and FSST encoding at
        each checkpoint: for an ingest, whose text is mostly article bodies and records as
        JSON, the checkpoint then takes a quarter of the time and the file is half the size.
        """
        self.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
        try:
            self.con.execute(f"SET force_compression = '{COMPRESSION}'")
        except duckdb.Error:  # a DuckDB without it: its own choice
            pass

    def unlock_writer(self) -> None:
        """Nothing to do: the open file is the lock."""

    def checkpoint(self) -> None:
        """Checkpoint now if the write-ahead log holds at least :data:`CHECKPOINT_NOW_MIN`
        bytes (closing the store would do it, on one core, while nothing else runs)."""
        if self.url == ":memory:":
            return
        try:
            size = Path(self.url + ".wal").stat().st_size
        except OSError:
            return
        if size >= CHECKPOINT_NOW_MIN:
            self.con.execute("CHECKPOINT")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.con.execute(sql, list(params)) if params else self.con.execute(sql)

    def _in(self, column: str) -> str:
        return f"{column} IN (SELECT unnest(?::VARCHAR[]))"

    def _insert(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = table.names
        batch = pa.table(
            {
                name: pa.array(col, type=_ARROW[table.type_of(name)])
                for name, col in zip(names, zip(*rows, strict=True), strict=True)
            }
        )
        self.con.register("_marsad_batch", batch)
        try:
            self.con.execute(
                f"INSERT INTO {table.name} ({', '.join(names)}) "
                f"SELECT {', '.join(names)} FROM _marsad_batch"
            )
        finally:
            self.con.unregister("_marsad_batch")

    def _set_event_ids(self, mention_ids: list[str], event_ids: list[str]) -> None:
        self.con.execute(
            "UPDATE mentions SET event_id = m.e FROM "
            "(SELECT unnest(?::VARCHAR[]) AS mid, unnest(?::VARCHAR[]) AS e) AS m "
            "WHERE mentions.mention_id = m.mid",
            [mention_ids, event_ids],
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.con.begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.con.rollback()
            raise
        self._depth = 0
        self.con.commit()

    def close(self) -> None:
        self.con.close()
