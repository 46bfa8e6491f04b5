"""The SQL that both back ends share; a back end supplies a connection, bulk inserts,
``IN``-list syntax and transactions (see :mod:`marsad.store.duckdb`,
:mod:`marsad.store.postgres`). SQL is written with ``?`` placeholders."""

from __future__ import annotations

import base64
import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from marsad import __version__
from marsad.store.base import EventFilter, EventPage, StoredMention, StoreError, WriteBatch
from marsad.store.jsonutil import dumps, loads
from marsad.store.rows import MENTION_COLUMNS, as_date, event_row, mention_row
from marsad.store.schema import (
    ARTICLES,
    EVENT_FIELDS,
    EVENTS,
    EVENTS_STALE_KEY,
    FAILURES,
    MENTIONS,
    META,
    RUNS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    Table,
    migrations,
)

_FAR_FUTURE = dt.date(9999, 12, 31)
#: what deduplication reads of a stored mention (its own columns but the record)
_KEY_COLUMNS = ("mention_id", "article_id", "event_id", *MENTION_COLUMNS[1:-1])
_FETCH = 10_000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


_date = as_date


def encode_cursor(date: dt.date | None, event_id: str) -> str:
    raw = f"{(date or _FAR_FUTURE).isoformat()}|{event_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_cursor(cursor: str) -> tuple[dt.date, str]:
    try:
        day, _, event_id = base64.urlsafe_b64decode(cursor.encode("ascii")).decode().partition("|")
        return dt.date.fromisoformat(day), event_id
    except (ValueError, UnicodeError):
        raise ValueError(f"not a cursor from this store: {cursor!r}") from None


def event_dict(names: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    ev = dict(zip(names, row, strict=True))
    ev["sources"] = loads(ev["sources"]) if ev.get("sources") else []
    if "article_ids" in ev:
        ev["article_ids"] = loads(ev["article_ids"]) if ev["article_ids"] else []
    return ev


class SqlStore(ABC):
    """Shared implementation of :class:`marsad.store.base.Store`."""

    dialect: str
    url: str

    # -- what a back end supplies -------------------------------------------------------
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; return an object with ``fetchall``/``fetchmany``."""

    @abstractmethod
    def _insert(self, table: Table, rows: list[tuple[Any, ...]]) -> None:
        """Bulk insert ``rows`` (tuples in ``table.names`` order)."""

    @abstractmethod
    def _in(self, column: str) -> str:
        """SQL for "``column`` is in the list bound to one ``?``"."""

    @abstractmethod
    def _set_event_ids(self, mention_ids: list[str], event_ids: list[str]) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def close(self) -> None: ...

    # -- helpers ----------------------------------------------------------------------------
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._execute(sql, params).fetchall())

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._all(sql, params)
        return rows[0][0] if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self._execute(f"DELETE FROM {META.name} WHERE key = ?", [key])
        self._execute(f"INSERT INTO {META.name} (key, value) VALUES (?, ?)", [key, value])

    def _get_meta(self, key: str) -> str | None:
        value = self._one(f"SELECT value FROM {META.name} WHERE key = ?", [key])
        return None if value is None else str(value)

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> None:
        """Create or upgrade the tables to :data:`SCHEMA_VERSION`."""
        exists = self._one(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'meta' AND table_schema = current_schema()"
        )
        version = int(self._get_meta(SCHEMA_VERSION_KEY) or 0) if exists else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.url}: the store has schema version {version}; this marsad knows "
                f"up to {SCHEMA_VERSION} (upgrade marsad)"
            )
        for number, statements in enumerate(migrations(self.dialect), 1):
            if number <= version:
                continue
            with self.transaction():
                for stmt in statements:
                    self._execute(stmt)
                self._set_meta(SCHEMA_VERSION_KEY, str(number))

    def schema_version(self) -> int:
        return int(self._get_meta(SCHEMA_VERSION_KEY) or 0)

    @abstractmethod
    def lock_writer(self) -> None:
        """Be the only writer until ``close``; :class:`StoreError` if another is."""

    @abstractmethod
    def checkpoint(self) -> None:
        """Fold a large write-ahead log into the tables now rather than at ``close``."""

    @abstractmethod
    def unlock_writer(self) -> None:
        """Stop being the only writer before ``close`` (and let another writer in)."""

    # -- runs -------------------------------------------------------------------------------
    def begin_run(self, pipeline_version: str, params: dict[str, Any]) -> int:
        with self.transaction():
            run_id = int(self._one(f"SELECT coalesce(max(run_id), 0) + 1 FROM {RUNS.name}"))
            self._execute(
                f"INSERT INTO {RUNS.name} (run_id, started_at, pipeline_version, params, status) "
                "VALUES (?, ?, ?, ?, 'running')",
                [run_id, _now(), pipeline_version, dumps(params)],
            )
        return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        cols = [c for c in RUNS.names if c in counts]
        sets = ", ".join(f"{c} = ?" for c in cols)
        with self.transaction():
            self._execute(
                f"UPDATE {RUNS.name} SET finished_at = ?, status = ?{', ' if sets else ''}{sets} "
                "WHERE run_id = ?",
                [_now(), status, *(counts[c] for c in cols), run_id],
            )

    # -- ingest -----------------------------------------------------------------------------
    def known_articles(
        self, urls: Sequence[str], hashes: Sequence[str]
    ) -> tuple[dict[str, str], dict[str, str]]:
        by_url: dict[str, str] = {}
        by_hash: dict[str, str] = {}
        if urls:
            by_url = dict(
                self._all(
                    f"SELECT url, article_id FROM articles WHERE {self._in('url')}", [list(urls)]
                )
            )
        if hashes:
            by_hash = dict(
                self._all(
                    f"SELECT text_hash, article_id FROM articles WHERE {self._in('text_hash')}",
                    [list(hashes)],
                )
            )
        return by_url, by_hash

    def write_batch(self, batch: WriteBatch) -> None:
        now = _now()
        with self.transaction():
            replaced = [a.article_id for a in batch.articles if a.replace]
            if replaced:
                self._execute(f"DELETE FROM mentions WHERE {self._in('article_id')}", [replaced])
                self._execute(
                    f"UPDATE articles SET pipeline_version = ? WHERE {self._in('article_id')}",
                    [__version__, replaced],
                )
            new = [a for a in batch.articles if not a.replace]
            if new:
                seq = int(self._one("SELECT coalesce(max(seq), 0) FROM articles"))
                rows = []
                for a in new:
                    seq += 1
                    rows.append(
                        (
                            a.article_id,
                            seq,
                            a.url,
                            a.outlet,
                            a.title,
                            a.published,
                            a.text,
                            a.text_hash,
                            now,
                            batch.run_id,
                            __version__,
                        )
                    )
                self._insert(ARTICLES, rows)
            event_of = batch.event_of
            run_id = batch.run_id
            mrows = [
                mention_row(a.article_id, i, cols, event_of.get(cols[0]), run_id)
                for a in batch.articles
                for i, cols in enumerate(a.mentions, 1)
            ]
            if mrows:
                self._insert(MENTIONS, mrows)
            if batch.events or batch.event_rows:
                ids = batch.replaced_events
                if ids is None:
                    ids = [str(ev["event_id"]) for ev in batch.events]
                    ids += [str(row[0]) for row in batch.event_rows]
                if ids:
                    self._execute(f"DELETE FROM events WHERE {self._in('event_id')}", [ids])
                erows = [event_row(ev, run_id) for ev in batch.events]
                erows += [(*row, run_id) for row in batch.event_rows]
                self._insert(EVENTS, erows)
            if batch.failures:
                n = int(
                    self._one(
                        "SELECT coalesce(max(n), 0) FROM failures WHERE run_id = ?", [batch.run_id]
                    )
                )
                self._insert(
                    FAILURES,
                    [
                        (batch.run_id, n + i, src, reason, now)
                        for i, (src, reason) in enumerate(batch.failures, 1)
                    ],
                )
            if batch.mark_events_stale:
                self._set_meta(EVENTS_STALE_KEY, "1")

    def mentions_by_id(self, mention_ids: Sequence[str]) -> list[StoredMention]:
        """The stored mentions with these ids (those that exist), by mention id.

        Cheaper than :meth:`mentions_of_events` on DuckDB, which has no index on
        ``event_id`` and reads every record to find a few."""
        ids = sorted(set(mention_ids))
        rows: list[tuple[Any, ...]] = []
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            # a list of values (not one bound array): DuckDB looks them up in the key's index
            rows += self._all(
                "SELECT mention_id, article_id, event_id, record FROM mentions "
                f"WHERE mention_id IN ({', '.join('?' * len(part))})",
                part,
            )
        rows.sort(key=lambda r: str(r[0]))
        return [StoredMention(r[0], r[1], r[2], loads(r[3])) for r in rows]

    def iter_article_keys(self) -> Iterator[tuple[str, str]]:
        """``(url, text_hash)`` of every stored article."""
        cur = self._execute("SELECT url, text_hash FROM articles")
        while True:
            rows = cur.fetchmany(_FETCH)
            if not rows:
                return
            yield from rows

    def mentions_of_events(self, event_ids: Sequence[str]) -> list[StoredMention]:
        if not event_ids:
            return []
        rows = self._all(
            "SELECT mention_id, article_id, event_id, record FROM mentions "
            f"WHERE {self._in('event_id')} ORDER BY mention_id",
            [list(event_ids)],
        )
        return [StoredMention(r[0], r[1], r[2], loads(r[3])) for r in rows]

    def iter_mention_keys(self) -> Iterator[dict[str, Any]]:
        """The fields deduplication needs, for every mention, in insertion order."""
        cols = ", ".join(f"m.{c}" for c in _KEY_COLUMNS)
        cur = self._execute(
            f"SELECT {cols} FROM mentions m JOIN articles a ON a.article_id = m.article_id "
            "ORDER BY a.seq, m.ordinal"
        )
        while True:
            rows = cur.fetchmany(_FETCH)
            if not rows:
                return
            for r in rows:
                yield dict(zip(_KEY_COLUMNS, r, strict=True))

    def iter_mentions(self) -> Iterator[StoredMention]:
        cur = self._execute(
            "SELECT m.mention_id, m.article_id, m.event_id, m.record FROM mentions m "
            "JOIN articles a ON a.article_id = m.article_id ORDER BY a.seq, m.ordinal"
        )
        while True:
            rows = cur.fetchmany(_FETCH)
            if not rows:
                return
            for r in rows:
                yield StoredMention(r[0], r[1], r[2], loads(r[3]))

    def events_stale(self) -> bool:
        return self._get_meta(EVENTS_STALE_KEY) == "1"

    def replace_all_events(
        self, run_id: int, event_of: dict[str, str], events: list[dict[str, Any]]
    ) -> None:
        with self.transaction():
            self._execute("DELETE FROM events")
            if event_of:
                mids = list(event_of)
                self._set_event_ids(mids, [event_of[m] for m in mids])
            if events:
                self._insert(EVENTS, [event_row(ev, run_id) for ev in events])
            self._set_meta(EVENTS_STALE_KEY, "0")

    # -- queries ----------------------------------------------------------------------------
    def _where(self, flt: EventFilter) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if flt.country:
            conds.append("lower(country) = lower(?)")
            params.append(flt.country)
        if flt.admin1:
            conds.append("lower(admin1) = lower(?)")
            params.append(flt.admin1)
        if flt.event_type:
            conds.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            params += [flt.event_type, flt.event_type]
        if flt.actor:
            like = f"%{flt.actor.lower()}%"
            cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            conds.append("(" + " OR ".join(f"lower({c}) LIKE ?" for c in cols) + ")")
            params += [like] * len(cols)
        if flt.q:
            like = f"%{flt.q.lower()}%"
            text_cols = ("notes", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
            conds.append("(" + " OR ".join(f"lower({c}) LIKE ?" for c in text_cols) + ")")
            params += [like] * len(text_cols)
        if flt.since:
            conds.append("event_date >= ?")
            params.append(flt.since)
        if flt.until:
            conds.append("event_date <= ?")
            params.append(flt.until)
        if flt.bbox:
            west, south, east, north = flt.bbox
            conds.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [west, east, south, north]
        return conds, params

    def query_events(
        self, flt: EventFilter | None = None, limit: int = 1000, cursor: str | None = None
    ) -> EventPage:
        conds, params = self._where(flt or EventFilter())
        order_key = f"coalesce(event_date, DATE '{_FAR_FUTURE.isoformat()}')"
        if cursor:
            day, last_id = decode_cursor(cursor)
            conds.append(f"({order_key} > ? OR ({order_key} = ? AND event_id > ?))")
            params += [day, day, last_id]
        names = (*EVENT_FIELDS, "article_ids")
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        rows = self._all(
            f"SELECT {', '.join(names)} FROM events {where} ORDER BY {order_key}, event_id LIMIT ?",
            [*params, int(limit)],
        )
        events = [event_dict(names, r) for r in rows]
        next_cursor = None
        if events and len(events) == limit:
            last = events[-1]
            next_cursor = encode_cursor(_date(last["event_date"]), str(last["event_id"]))
        return EventPage(events, next_cursor)

    def count_events(self, flt: EventFilter | None = None) -> int:
        conds, params = self._where(flt or EventFilter())
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        return int(self._one(f"SELECT count(*) FROM events {where}", params))

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        names = (*EVENT_FIELDS, "article_ids")
        rows = self._all(f"SELECT {', '.join(names)} FROM events WHERE event_id = ?", [event_id])
        if not rows:
            return None
        ev = event_dict(names, rows[0])
        cols = "m.mention_id, m.article_id, a.url, a.outlet, a.title, a.published, m.record"
        join = "FROM mentions m JOIN articles a ON a.article_id = m.article_id"
        mids = [s.get("mention_id") for s in ev["sources"]]
        aids = list(dict.fromkeys(str(s.get("article_id")) for s in ev["sources"]))
        if mids and all(isinstance(m, str) for m in mids):
            # An event lists every mention it was built from (merge_event): looked up by
            # their keys, the primary keys' indexes find them (DuckDB has no index on
            # mentions.event_id: a lookup by it reads the whole column).
            # (m.event_id is checked here: as a filter in SQL it would make DuckDB scan)
            found = self._all(
                f"SELECT m.event_id, {cols} {join} WHERE m.mention_id IN "
                f"({', '.join('?' * len(mids))}) AND a.article_id IN "
                f"({', '.join('?' * len(aids))}) ORDER BY m.mention_id",
                [*mids, *aids],
            )
            mrows = [r[1:] for r in found if r[0] == event_id]
        else:
            mrows = self._all(
                f"SELECT {cols} {join} WHERE m.event_id = ? ORDER BY m.mention_id", [event_id]
            )
        sources: list[dict[str, Any]] = []
        evidence: list[dict[str, Any]] = []
        for mid, aid, url, outlet, title, published, record in mrows:
            rec = loads(record)
            sources.append(
                {
                    "mention_id": mid,
                    "article_id": aid,
                    "url": url,
                    "outlet": outlet,
                    "title": title,
                    "published": published,
                    "fatalities": rec.get("fatalities"),
                    "event_date": rec.get("event_date"),
                }
            )
            for e in rec.get("evidence") or []:
                evidence.append({**e, "article_id": aid, "mention_id": mid})
        ev["sources"] = sources
        ev["evidence"] = evidence
        return ev

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        names = ARTICLES.names
        rows = self._all(
            f"SELECT {', '.join(names)} FROM articles WHERE article_id = ?", [article_id]
        )
        if not rows:
            return None
        art = dict(zip(names, rows[0], strict=True))
        mrows = self._all(
            "SELECT event_id, record FROM mentions WHERE article_id = ? ORDER BY ordinal",
            [article_id],
        )
        art["mentions"] = [{**loads(rec), "event_id": eid} for eid, rec in mrows]
        return art

    def stats(self) -> dict[str, Any]:
        totals = {
            t: int(self._one(f"SELECT count(*) FROM {t}"))
            for t in ("articles", "mentions", "events", "runs", "failures")
        }

        def grouped(expr: str) -> list[tuple[Any, int]]:
            rows = self._all(
                f"SELECT {expr} AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
            )
            return [(k, int(n)) for k, n in rows]

        weeks = self._all(
            "SELECT CAST(date_trunc('week', event_date) AS DATE) AS k, count(*) FROM events "
            "WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1"
        )
        return {
            "totals": totals,
            "by_type": grouped("event_type"),
            "by_country": grouped("coalesce(country, '(unknown)')"),
            "by_week": [(k, int(n)) for k, n in weeks],
            "events_stale": self.events_stale(),
        }

    def failures(self, run_id: int | None = None) -> list[tuple[int, str, str]]:
        where = "WHERE run_id = ?" if run_id is not None else ""
        params = [run_id] if run_id is not None else []
        return [
            (int(r), str(s), str(m))
            for r, s, m in self._all(
                f"SELECT run_id, source, reason FROM {FAILURES.name} {where} ORDER BY run_id, n",
                params,
            )
        ]

    def runs(self) -> list[dict[str, Any]]:
        names = RUNS.names
        return [
            dict(zip(names, r, strict=True))
            for r in self._all(f"SELECT {', '.join(names)} FROM {RUNS.name} ORDER BY run_id")
        ]
