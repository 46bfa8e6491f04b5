"""Dispatch a source (file, folder, URL) to its reader by kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad.ingest.base import ArticleRecord, SourceFailure
from marsad.ingest.feeds import read_feed
from marsad.ingest.files import read_txt
from marsad.ingest.html import read_html
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.parquet import read_parquet
from marsad.ingest.warc import read_warc

Reader = Callable[[Path, "dt.date | None"], Iterator["ArticleRecord | SourceFailure"]]

#: File suffixes → reader. Folders are walked recursively; other files are ignored there.
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".parquet": read_parquet,
}


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def iter_sources(
    sources: Iterable[str], published: dt.date | None = None
) -> Iterator[ArticleRecord | SourceFailure]:
    """Articles (and failures) from every source, in a stable order (folders sorted)."""
    for src in sources:
        if src.startswith(("http://", "https://")):
            from marsad.ingest.http import read_url

            yield from read_url(src, published)
            continue
        path = Path(src)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                reader = reader_for(sub)
                if reader is not None and not sub.name.startswith("."):
                    yield from reader(sub, published)
            continue
        if not path.exists():
            yield SourceFailure(src, f"{src}: no such file or folder")
            continue
        reader = reader_for(path)
        if reader is None:
            yield SourceFailure(
                src, f"{src}: unknown kind of source (expected {', '.join(sorted(READERS))})"
            )
            continue
        yield from reader(path, published)
