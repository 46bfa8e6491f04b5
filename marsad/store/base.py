"""The :class:`Store` interface that the back ends (DuckDB, PostgreSQL) implement.

Writing is done by the ingest runner (``marsad.engine.ingest``) through
:meth:`Store.write_batch`, one transaction per batch; reading through the typed query
API (:class:`EventFilter`, :meth:`Store.query_events`, :meth:`Store.get_event`,
:meth:`Store.get_article`, :meth:`Store.stats`) that the CLI and a server share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


class StoreError(Exception):
    """The store cannot be opened or used; ``str(exc)`` is one line for the user."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; every set field must match (``None`` = any)."""

    country: str | None = None  # exact, case-insensitive
    admin1: str | None = None  # exact, case-insensitive
    event_type: str | None = None  # event type or sub-event type, case-insensitive
    actor: str | None = None  # substring of actor1/actor2/assoc actors, case-insensitive
    since: dt.date | None = None  # event_date >= since
    until: dt.date | None = None  # event_date <= until
    bbox: tuple[float, float, float, float] | None = None  # (west, south, east, north)
    q: str | None = None  # substring of notes or an actor's name, case-insensitive


@dataclass(frozen=True, slots=True)
class EventPage:
    """Events in (date, id) order; ``next_cursor`` continues after the last one (or None)."""

    events: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(slots=True)
class NewArticle:
    """An article row to insert, with its coded mentions: each mention's own columns
    (:func:`marsad.store.rows.mention_columns`: its id, the fields the store indexes and
    the whole record as JSON)."""

    article_id: str
    url: str
    outlet: str
    title: str | None
    published: dt.date | None
    text: str
    text_hash: str
    mentions: list[tuple[Any, ...]]
    replace: bool = False  # --reprocess: the article exists; replace its mentions


@dataclass(slots=True)
class WriteBatch:
    """Everything one batch changes, written in one transaction."""

    run_id: int
    articles: list[NewArticle] = field(default_factory=list)
    #: mention id -> event id, for the mentions of ``articles`` (None: assigned later)
    event_of: dict[str, str | None] = field(default_factory=dict)
    #: deduplicated event records (``marsad.dedup.merge_event``) to insert or replace
    events: list[dict[str, Any]] = field(default_factory=list)
    #: more events to insert or replace, as columns (:func:`marsad.store.rows.event_columns`)
    event_rows: list[tuple[Any, ...]] = field(default_factory=list)
    #: which of the events may be stored already (the others are new: nothing to delete)
    replaced_events: list[str] | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    mark_events_stale: bool = False


@dataclass(frozen=True, slots=True)
class StoredMention:
    mention_id: str
    article_id: str
    event_id: str | None
    record: dict[str, Any]  # the mention's record, with article url/outlet/mention_id


class Store(Protocol):
    """One store of articles, mentions, events, runs and failures."""

    url: str  # where it lives (file path or postgresql:// URL without the password)

    def close(self) -> None: ...

    def lock_writer(self) -> None:
        """Be the only writer until :meth:`close`; :class:`StoreError` if another is."""
        ...

    def checkpoint(self) -> None:
        """Fold a large write-ahead log into the tables now rather than at :meth:`close`
        (DuckDB); nothing to do where a server does that itself (PostgreSQL)."""
        ...

    # -- runs -------------------------------------------------------------------------
    def begin_run(self, pipeline_version: str, params: dict[str, Any]) -> int: ...

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None: ...

    # -- ingest -----------------------------------------------------------------------
    def known_articles(
        self, urls: Sequence[str], hashes: Sequence[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """``(url -> article_id, text_hash -> article_id)`` for those already stored."""
        ...

    def write_batch(self, batch: WriteBatch) -> None:
        """Insert articles and mentions, replace events, record failures: all or nothing."""
        ...

    def iter_article_keys(self) -> Iterator[tuple[str, str]]:
        """``(url, text_hash)`` of every stored article."""
        ...

    def mentions_of_events(self, event_ids: Sequence[str]) -> list[StoredMention]: ...

    def mentions_by_id(self, mention_ids: Sequence[str]) -> list[StoredMention]:
        """The stored mentions with these ids (those that exist), by mention id."""
        ...

    def iter_mentions(self) -> Iterator[StoredMention]:
        """Every mention, in insertion order (article seq, then ordinal)."""
        ...

    def iter_mention_keys(self) -> Iterator[dict[str, Any]]:
        """The columns deduplication needs (no JSON), for every mention, in insertion order."""
        ...

    def events_stale(self) -> bool: ...

    def replace_all_events(
        self, run_id: int, event_of: dict[str, str], events: list[dict[str, Any]]
    ) -> None:
        """Rebuild: set every mention's event id and replace the events table, at once."""
        ...

    # -- queries ----------------------------------------------------------------------
    def query_events(
        self, flt: EventFilter | None = None, limit: int = 1000, cursor: str | None = None
    ) -> EventPage: ...

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """The event with ``sources`` (one per mention: article, url, outlet, title, published)
        and ``evidence`` (every source's evidence spans)."""
        ...

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The article with its text and its ``mentions`` (records with evidence)."""
        ...

    def count_events(self, flt: EventFilter | None = None) -> int: ...

    def stats(self) -> dict[str, Any]:
        """Totals, and event counts by type, country and week."""
        ...

    def failures(self, run_id: int | None = None) -> list[tuple[int, str, str]]:
        """``(run_id, source, reason)`` of every failure (of one run)."""
        ...

    def runs(self) -> list[dict[str, Any]]:
        """Every run: pipeline version, parameters, status and counts."""
        ...
