"""The coding step an engine runs: a batch of articles → their coded mentions.

This function is all an engine needs to distribute (it touches no store); it must be
importable in worker processes and its arguments and results are plain picklable data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from marsad.ingest.base import ArticleRecord, one_line
from marsad.store.events import singleton_event
from marsad.store.rows import event_columns, mention_columns, mention_record


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """One article's mentions, or the reason it failed, in the forms the store writes.

    ``rows`` holds each mention's own columns (:func:`marsad.store.rows.mention_columns`:
    its id, the fields deduplication compares, its whole record as UTF-8 JSON, evidence
    included); ``alone`` the event each mention makes if no other source reports its event
    (most do not), as event columns. Both are made in the worker: tuples cross to the
    writing process several times more cheaply than records, and the writing process
    decodes a record only when several sources of one event are merged.
    """

    article: ArticleRecord
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    alone: list[tuple[Any, ...]] = field(default_factory=list)
    error: str | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the constructor's arguments: cheaper to load than a frozen dataclass's state
        return (CodedArticle, (self.article, self.rows, self.alone, self.error))

    @classmethod
    def of(cls, article: ArticleRecord, records: list[dict[str, Any]]) -> CodedArticle:
        """From the article's whole records (``mention_id``, ``url``, ``outlet`` set).
        The records lose their evidence (it is in ``rows``)."""
        rows = [mention_columns(rec) for rec in records]  # the record encoded whole
        for rec in records:  # the single-source event needs no evidence: the store has it
            rec.pop("evidence", None)
        alone = [event_columns(singleton_event(rec)) for rec in records]
        return cls(article, rows, alone)

    @property
    def mentions(self) -> list[dict[str, Any]]:
        """The whole records, decoded (for inspection: the ingest needs only ``rows``)."""
        return [mention_record(cols) for cols in self.rows]


def source_name(art: ArticleRecord) -> str:
    """What an event's ``source`` column names: the outlet, else the file or page name."""
    if art.outlet:
        return art.outlet
    name = PurePosixPath(unquote(urlsplit(art.url).path)).name
    return name or art.url


def code_article(art: ArticleRecord) -> CodedArticle:
    from marsad.api import extract

    try:
        records = extract(art.text, art.published, article_id=art.id, source=source_name(art))
    except Exception as exc:  # one bad article never stops a run
        return CodedArticle(art, error=f"{art.url}: extraction failed ({one_line(exc)})")
    outlet = source_name(art)
    for rec in records:
        rec["mention_id"] = rec["event_id"]
        rec["url"] = art.url
        rec["outlet"] = outlet
    return CodedArticle.of(art, records)


def code_batch(batch: list[ArticleRecord]) -> list[CodedArticle]:
    """Code every article of ``batch``, in order."""
    return [code_article(a) for a in batch]


def warm_up() -> None:
    """Build the default pipeline now (loads the knowledge base) rather than on first use."""
    from marsad.api import extract

    extract("قصف", None)
