"""Sources for the monitor: text files and folders, HTML pages, RSS/Atom feeds, JSON Lines,
WARC archives and ``http(s)://`` URLs, each yielding :class:`ArticleRecord` objects."""

from marsad.ingest.base import ArticleRecord, SourceFailure, text_hash
from marsad.ingest.sources import iter_sources

__all__ = ["ArticleRecord", "SourceFailure", "iter_sources", "text_hash"]
