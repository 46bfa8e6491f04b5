"""PostgreSQL back end (psycopg 3): ``--db postgresql://user@host:port/dbname``.

Bulk inserts use ``COPY … FROM STDIN``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from marsad.store.base import StoreError
from marsad.store.schema import Table
from marsad.store.sql import SqlStore

CONNECT_TIMEOUT_S = 5
_WRITER_LOCK = 0x6D61727361640001  # "marsad" + 1: the advisory lock key of writers


def redact(url: str) -> str:
    """``url`` without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


class PostgresStore(SqlStore):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        self.url = redact(url)
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
            reason = lines[-1] if lines else type(exc).__name__
            raise StoreError(f"cannot connect to PostgreSQL at {self.url}: {reason}") from None
        self._depth = 0
        self._locked = False
        self.migrate()

    def lock_writer(self) -> None:
        """A session advisory lock: one ``marsad ingest`` at a time per database."""
        got = self.con.execute("SELECT pg_try_advisory_lock(%s)", [_WRITER_LOCK]).fetchone()
        if not (got and got[0]):
            raise StoreError(f"{self.url}: another marsad ingest is writing to this store")
        self._locked = True

    def checkpoint(self) -> None:
        """Nothing to do: the server checkpoints on its own, in its own processes."""

    def unlock_writer(self) -> None:
        """Let go of :meth:`lock_writer`'s lock now, keeping the connection (a server that
        writes now and then lets ``marsad ingest`` run between its writes)."""
        if self._locked and not self.con.closed:
            self.con.execute("SELECT pg_advisory_unlock_all()")
        self._locked = False

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.con.execute(sql.replace("?", "%s"), list(params) if params else None)

    def _in(self, column: str) -> str:
        return f"{column} = ANY(?)"

    def _insert(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with (
            self.con.cursor() as cur,
            cur.copy(f"COPY {table.name} ({', '.join(table.names)}) FROM STDIN") as copy,
        ):
            for row in rows:  # a mention's record may come as UTF-8 bytes: no column is binary
                copy.write_row([v.decode() if type(v) is bytes else v for v in row])

    def _set_event_ids(self, mention_ids: list[str], event_ids: list[str]) -> None:
        self.con.execute(
            "UPDATE mentions SET event_id = m.e FROM unnest(%s::text[], %s::text[]) AS m(mid, e) "
            "WHERE mentions.mention_id = m.mid",
            [mention_ids, event_ids],
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self._depth = 1
        try:
            with self.con.transaction():
                yield
        finally:
            self._depth = 0

    def close(self) -> None:
        if self._locked and not self.con.closed:
            try:  # now, not when the server notices the connection is gone
                self.con.execute("SELECT pg_advisory_unlock(%s)", [_WRITER_LOCK])
            except psycopg.Error:
                pass
            self._locked = False
        self.con.close()
