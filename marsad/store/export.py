"""Export events: CSV (ACLED's column order), JSON Lines, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.store.base import EventFilter, Store
from marsad.store.schema import EVENT_FIELDS, EVENTS, sql_type

FORMATS = ("csv", "jsonl", "geojson", "parquet")
PAGE = 5000


def iter_events(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every matching event, page by page, in (date, id) order."""
    cursor: str | None = None
    while True:
        page = store.query_events(flt, limit=PAGE, cursor=cursor)
        yield from page.events
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def flat(ev: dict[str, Any]) -> dict[str, Any]:
    """One row of :data:`EVENT_FIELDS`; ``sources`` becomes the sources' URLs, ``; ``-joined."""
    row = {f: _plain(ev.get(f)) for f in EVENT_FIELDS}
    row["sources"] = "; ".join(str(s.get("url") or s.get("outlet") or "") for s in ev["sources"])
    return row


def write_csv(events: Iterator[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(EVENT_FIELDS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow({k: "" if v is None else v for k, v in flat(ev).items()})
        n += 1
    return n


def write_jsonl(events: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps({k: _plain(v) for k, v in ev.items()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(events: Iterator[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection of Points (lon, lat); events without coordinates get no geometry."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev in events:
        props = flat(ev)
        lat, lon = ev.get("latitude"), ev.get("longitude")
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        feature = {
            "type": "Feature",
            "id": ev["event_id"],
            "geometry": geometry,
            "properties": props,
        }
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_parquet(events: Iterator[dict[str, Any]], path: str) -> int:
    """Through an in-memory DuckDB table, with the store's column types."""
    import duckdb

    rows = [flat(ev) for ev in events]
    con = duckdb.connect()
    try:
        types = {c: sql_type("duckdb", EVENTS.type_of(c)) for c in EVENT_FIELDS}
        cols = ", ".join(f"{c} {types[c]}" for c in EVENT_FIELDS)
        con.execute(f"CREATE TABLE events ({cols})")
        if rows:
            lists = [[r[c] for r in rows] for c in EVENT_FIELDS]
            select = ", ".join(f"unnest(?::{types[c]}[])" for c in EVENT_FIELDS)
            con.execute(f"INSERT INTO events SELECT {select}", lists)
        target = path.replace("'", "''")
        con.execute(f"COPY events TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
    return len(rows)
