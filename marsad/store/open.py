"""Open the store a ``--db`` value (or ``MARSAD_DB``) names."""

from __future__ import annotations

import os

from marsad.store.base import StoreError
from marsad.store.sql import SqlStore

DEFAULT_DB = "marsad.duckdb"
ENV_VAR = "MARSAD_DB"


def resolve_db(db: str | None) -> str:
    """``db``, else ``$MARSAD_DB``, else ``./marsad.duckdb``."""
    return db or os.environ.get(ENV_VAR) or DEFAULT_DB


def open_store(
    db: str | None = None, *, create: bool = True, read_only: bool = False
) -> SqlStore:
    """A DuckDB file path or a ``postgresql://`` URL; raises :class:`StoreError` (one line).

    With ``create=False`` a DuckDB file that does not exist is an error, not a new store
    (for commands that only read). ``read_only`` opens a DuckDB file read-only, which
    several processes may do at once (none may then write); PostgreSQL ignores it."""
    target = resolve_db(db)
    if target.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(target)
    if "://" in target and not target.startswith("duckdb://"):
        raise StoreError(f"unknown kind of store {target!r} (a .duckdb path or postgresql://…)")
    from marsad.store.duckdb import DuckDBStore

    path = target.removeprefix("duckdb://")
    if not create and path != ":memory:" and not os.path.exists(path):
        raise StoreError(f"no store at {path} (`marsad ingest SOURCE… --db {path}` makes one)")
    return DuckDBStore(path, read_only=read_only and path != ":memory:")
