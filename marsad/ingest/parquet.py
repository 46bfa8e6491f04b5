"""Parquet files of articles: one row per article, the columns of the JSON Lines format
(``id``, ``url``, ``title``, ``published``, ``text``; ``outlet`` optional).

Rows are read like JSON Lines objects (:mod:`marsad.ingest.jsonl`): a row without a URL is
identified by ``file-uri#id`` (or ``#row-number``, from 1), a bad row is a failure and the
rest is read. :func:`read_rows` reads some row groups only (a shard of the Ray engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from marsad.ingest.base import ArticleRecord, SourceError, SourceFailure, one_line
from marsad.ingest.jsonl import _record

COLUMNS = ("id", "url", "title", "published", "text", "outlet")


def row_groups(path: Path) -> list[int]:
    """The number of rows of each row group of ``path``."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def read_rows(
    path: Path, published: dt.date | None, groups: Sequence[int] | None = None, first_row: int = 1
) -> Iterator[ArticleRecord | SourceFailure]:
    """The articles of row groups ``groups`` (all when None), whose first row is number
    ``first_row`` of the file."""
    import pyarrow.parquet as pq

    name = str(path)
    try:
        pf = pq.ParquetFile(path)
        columns = [c for c in COLUMNS if c in pf.schema_arrow.names]
        table = (
            pf.read(columns=columns)
            if groups is None
            else pf.read_row_groups(list(groups), columns=columns)
        )
    except Exception as exc:  # not Parquet, truncated, unreadable: the file fails
        yield SourceFailure(name, f"{name}: cannot read Parquet ({one_line(exc)})")
        return
    base_url = path.resolve().as_uri()
    for n, row in enumerate(table.to_pylist(), first_row):
        where = f"{name}:{n}"
        try:
            yield _record(row, where, base_url, published)
        except SourceError as exc:
            yield SourceFailure(where, str(exc))


def read_parquet(path: Path, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    """Each row is an article."""
    yield from read_rows(path, published)
