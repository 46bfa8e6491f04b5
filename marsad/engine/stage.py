"""The staging area between distributed coding and the store: one Parquet file per shard.

A worker reads a shard (:mod:`marsad.engine.shards`), codes its articles in batches and
writes ``part-NNNNNN.parquet`` in the stage folder: one row per item of the shard, in order
(``item``), either an article with its coded mentions (JSON, as the store keeps them) or the
error that failed it, or a source failure. The file is written under a temporary name and
renamed, so a worker killed half-way leaves no partial file and the retried task writes the
whole shard once. The driver reads the files back in shard order (:func:`read_part`) and
loads them into the store (:mod:`marsad.engine.bulk`).

Needs ``pyarrow`` (installed with the ``ray`` extra).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.engine.extract import CodedArticle, code_batch
from marsad.engine.shards import Shard, read_shard
from marsad.ingest.base import ArticleRecord, SourceFailure, text_hash
from marsad.store.jsonutil import loads
from marsad.store.rows import decode_event_columns, encode_event_columns, mention_columns

Coder = Callable[[list[ArticleRecord]], list[CodedArticle]]

SCHEMA = pa.schema(
    [
        ("shard", pa.int64()),
        ("item", pa.int64()),
        ("failure_source", pa.string()),  # set: a source failure (reason in ``error``)
        ("error", pa.string()),
        ("id", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("text", pa.string()),
        ("text_hash", pa.string()),
        ("mentions", pa.list_(pa.string())),  # each record as JSON, as the store keeps it
        ("alone", pa.list_(pa.string())),  # each mention's event if it is the only source
    ]
)


def part_path(stage: str | Path, shard: int) -> Path:
    return Path(stage) / f"part-{shard:06d}.parquet"


def _rows(
    shard: int, items: list[ArticleRecord | SourceFailure], coded: dict[int, CodedArticle]
) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for i, item in enumerate(items):
        row: dict[str, Any] = dict.fromkeys(SCHEMA.names)
        row["shard"], row["item"] = shard, i
        if isinstance(item, SourceFailure):
            row["failure_source"], row["error"] = item.source, item.reason
        else:
            c = coded[i]
            row.update(
                id=item.id,
                url=item.url,
                outlet=item.outlet,
                title=item.title,
                published=item.published,
                text=item.text,
                text_hash=item.text_hash,
                error=c.error,
                mentions=[cols[-1] for cols in c.rows],  # the records, as JSON
                alone=[encode_event_columns(ev) for ev in c.alone],
            )
        for name in SCHEMA.names:
            cols[name].append(row[name])
    return cols


def code_shard(
    shard: Shard,
    published: dt.date | None,
    stage: str,
    batch_size: int = 32,
    coder: Coder = code_batch,
) -> dict[str, int]:
    """Read, code and stage one shard; return ``{shard, items, articles}``.

    An article that fails extraction is staged with its error (``coder`` catches it); only
    a crash of the worker process itself fails the task, which Ray then retries.
    """
    index = int(shard["shard"])
    items = list(read_shard(shard, published))
    articles = [(i, a) for i, a in enumerate(items) if isinstance(a, ArticleRecord)]
    coded: dict[int, CodedArticle] = {}
    for lo in range(0, len(articles), batch_size):
        chunk = articles[lo : lo + batch_size]
        for (i, _), c in zip(chunk, coder([a for _, a in chunk]), strict=True):
            coded[i] = c
    table = pa.Table.from_pydict(_rows(index, items, coded), schema=SCHEMA)
    final = part_path(stage, index)
    tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, final)
    return {"shard": index, "items": len(items), "articles": len(articles)}


@dataclass(frozen=True, slots=True)
class StagedArticle(ArticleRecord):
    """An article read back from the stage, with the text hash the worker computed."""

    staged_hash: str = ""

    @property
    def text_hash(self) -> str:
        return self.staged_hash or text_hash(self.text)


def read_part(
    stage: str | Path, shard: int
) -> Iterator[tuple[ArticleRecord | SourceFailure, CodedArticle | None]]:
    """The items of one staged shard in order, each article with its coded result."""
    table = pq.read_table(part_path(stage, shard), schema=SCHEMA)
    for row in sorted(table.to_pylist(), key=lambda r: int(r["item"])):
        if row["failure_source"] is not None:
            yield SourceFailure(row["failure_source"], row["error"]), None
            continue
        art = StagedArticle(
            row["id"],
            row["url"],
            row["outlet"],
            row["title"],
            row["published"],
            row["text"],
            staged_hash=row["text_hash"],
        )
        # as code_article hands them over: each mention's columns, its record as JSON
        rows = [mention_columns(loads(e), e) for e in row["mentions"] or []]
        alone = [decode_event_columns(e) for e in row["alone"] or []]
        yield art, CodedArticle(art, rows, alone, row["error"])
