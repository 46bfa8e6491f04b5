"""Cut sources into shards that workers read on their own, in the order of ``iter_sources``.

A shard is a plain dict (it travels to Ray workers as a row of a Ray dataset):

- ``{"shard": i, "kind": "jsonl", "path": P, "start": B, "end": E, "line": L}``: the lines of
  the JSON Lines file ``P`` between byte offsets ``B`` and ``E``, the first being line ``L``;
- ``{"shard": i, "kind": "parquet", "path": P, "groups": [g…], "row": R}``: row groups of
  the Parquet file ``P``, the first row being row ``R`` (from 1);
- ``{"shard": i, "kind": "sources", "sources": [...]}``: other files and URLs, read whole by
  :func:`marsad.ingest.sources.iter_sources`.

:func:`read_shard` yields exactly what :func:`~marsad.ingest.sources.iter_sources` yields for
those lines or sources (same ids, same failures), so reading every shard in order is reading
the sources: the Ray engine codes what the local engine would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.base import ArticleRecord, SourceFailure
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.parquet import read_parquet, read_rows, row_groups
from marsad.ingest.sources import reader_for

Shard = dict[str, Any]

#: Articles per shard: large enough that a task's overhead is small, small enough that
#: two workers stay busy and a retried shard redoes little.
SHARD_ARTICLES = 256
_BLOCK = 1 << 20


def _is_jsonl(path: Path) -> bool:
    return reader_for(path) is read_jsonl


def _is_parquet(path: Path) -> bool:
    return reader_for(path) is read_parquet


def expand(sources: Iterable[str]) -> list[str]:
    """Folders replaced by the files :func:`iter_sources` reads in them, in its order;
    URLs, files and missing paths kept as they are (a worker reports their failures)."""
    out: list[str] = []
    for src in sources:
        if src.startswith(("http://", "https://")):
            out.append(src)
            continue
        path = Path(src)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if reader_for(sub) is not None and not sub.name.startswith("."):
                    out.append(str(sub))
            continue
        out.append(src)
    return out


def _line_ranges(path: Path, lines_per_shard: int) -> list[tuple[int, int, int]]:
    """``(start, end, first line number)`` of runs of ``lines_per_shard`` lines."""
    ranges: list[tuple[int, int, int]] = []
    start, line, count, pos = 0, 1, 0, 0
    with path.open("rb") as fh:
        while block := fh.read(_BLOCK):
            i = 0
            while (j := block.find(b"\n", i)) >= 0:
                count += 1
                i = j + 1
                if count == lines_per_shard:
                    end = pos + i
                    ranges.append((start, end, line))
                    start, line, count = end, line + count, 0
            pos += len(block)
    if pos > start:
        ranges.append((start, pos, line))
    return ranges


def plan(sources: Iterable[str], per_shard: int = SHARD_ARTICLES) -> list[Shard]:
    """The shards of ``sources``, numbered in reading order."""
    shards: list[Shard] = []
    group: list[str] = []

    def flush() -> None:
        if group:
            shards.append({"shard": len(shards), "kind": "sources", "sources": list(group)})
            group.clear()

    for src in expand(sources):
        path = Path(src)
        if not src.startswith(("http://", "https://")) and path.is_file() and _is_jsonl(path):
            flush()
            try:
                ranges = _line_ranges(path, per_shard)
            except OSError:  # unreadable: let a worker report it as iter_sources would
                group.append(src)
                flush()
                continue
            for start, end, line in ranges:
                shards.append(
                    {
                        "shard": len(shards),
                        "kind": "jsonl",
                        "path": src,
                        "start": start,
                        "end": end,
                        "line": line,
                    }
                )
            continue
        if not src.startswith(("http://", "https://")) and path.is_file() and _is_parquet(path):
            flush()
            try:
                sizes = row_groups(path)
            except Exception:  # not Parquet after all: let a worker report it
                group.append(src)
                flush()
                continue
            groups: list[int] = []
            row = first = 1
            for i, n in enumerate(sizes):
                groups.append(i)
                row += n
                if row - first >= per_shard or i == len(sizes) - 1:
                    shards.append(
                        {
                            "shard": len(shards),
                            "kind": "parquet",
                            "path": src,
                            "groups": groups,
                            "row": first,
                        }
                    )
                    groups, first = [], row
            continue
        group.append(src)
        if len(group) >= per_shard:
            flush()
    flush()
    return shards


def _jsonl_range(
    name: str, start: int, end: int, first_line: int, published: dt.date | None
) -> Iterator[ArticleRecord | SourceFailure]:
    """What :func:`marsad.ingest.jsonl.read_jsonl` yields for these lines."""
    from marsad.ingest.jsonl import line_record

    path = Path(name)
    base_url = path.resolve().as_uri()
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield SourceFailure(name, f"{name}: cannot read file ({exc.strerror})")
        return
    with fh:
        fh.seek(start)
        data = fh.read(end - start)
    for lineno, raw in enumerate(data.split(b"\n"), first_line):  # as iterating the file
        item = line_record(raw, f"{name}:{lineno}", base_url, published)
        if item is not None:
            yield item


def read_shard(shard: Shard, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    """The articles (and failures) of one shard, in order."""
    if shard["kind"] == "parquet":
        yield from read_rows(
            Path(shard["path"]), published, [int(g) for g in shard["groups"]], int(shard["row"])
        )
        return
    if shard["kind"] == "jsonl":
        yield from _jsonl_range(
            str(shard["path"]),
            int(shard["start"]),
            int(shard["end"]),
            int(shard["line"]),
            published,
        )
        return
    from marsad.ingest.sources import iter_sources

    yield from iter_sources([str(s) for s in shard["sources"]], published)
