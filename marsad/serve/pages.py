"""A page of events in two steps, for speed on wide tables: first the ids of the page (only
the filter and sort columns are read), then those rows. Same order, filters and cursors as
:meth:`marsad.store.sql.SqlStore.query_events`, which it matches row for row (tested)."""

from __future__ import annotations

from typing import Any

import orjson

from marsad.store.base import EventFilter, EventPage
from marsad.store.schema import EVENT_FIELDS
from marsad.store.sql import _FAR_FUTURE, SqlStore, _date, decode_cursor, encode_cursor, event_dict

NAMES = (*EVENT_FIELDS, "article_ids")
ORDER_KEY = f"coalesce(event_date, DATE '{_FAR_FUTURE.isoformat()}')"


def query_page(
    store: SqlStore,
    flt: EventFilter,
    limit: int,
    cursor: str | None = None,
    *,
    raw_json: bool = False,
) -> EventPage:
    """``raw_json``: the JSON columns (``sources``, ``article_ids``) as they are stored, as
    :class:`orjson.Fragment` for a response body, not parsed into lists."""
    conds, params = store._where(flt)
    if cursor:
        day, last_id = decode_cursor(cursor)  # ValueError: not one of ours
        conds.append(f"({ORDER_KEY} > ? OR ({ORDER_KEY} = ? AND event_id > ?))")
        params += [day, day, last_id]
    where = f"WHERE {' AND '.join(conds)}" if conds else ""
    # DuckDB fetches rows by rowid directly; elsewhere the primary key does it
    handle = "rowid" if store.dialect == "duckdb" else "event_id"
    keys = store._all(
        f"SELECT {handle} FROM events {where} ORDER BY {ORDER_KEY}, event_id LIMIT ?",
        [*params, int(limit)],
    )
    if not keys:
        return EventPage([], None)
    wanted = [k for (k,) in keys]
    if handle == "rowid":
        match = "rowid IN (SELECT unnest(?::BIGINT[]))"
    else:
        match = store._in("event_id")
    rows = store._all(f"SELECT {handle}, {', '.join(NAMES)} FROM events WHERE {match}", [wanted])
    by_key = {r[0]: r[1:] for r in rows}  # put back in page order (cheaper than SQL's sort)
    if raw_json:
        events = [_raw_event(by_key[k]) for k in wanted]
    else:
        events = [event_dict(NAMES, by_key[k]) for k in wanted]
    next_cursor = None
    if len(events) == limit:
        last = events[-1]
        next_cursor = encode_cursor(_date(last["event_date"]), str(last["event_id"]))
    return EventPage(events, next_cursor)


def _raw_event(row: tuple[Any, ...]) -> dict[str, Any]:
    ev = dict(zip(NAMES, row, strict=True))
    ev["sources"] = orjson.Fragment(ev["sources"] or "[]")
    ev["article_ids"] = orjson.Fragment(ev["article_ids"] or "[]")
    return ev
