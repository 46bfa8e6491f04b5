"""What the API asks the store beyond its query interface: filters from query strings,
statistics with fatalities, GeoJSON features. Values reach SQL only as parameters."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from marsad.store.base import EventFilter
from marsad.store.sql import SqlStore


class BadRequest(ValueError):
    """A query value the API cannot use; ``str(exc)`` says why (answered with 400)."""


def clean(value: str | None, name: str) -> str | None:
    """``value`` stripped; ``None`` when empty; control characters are refused."""
    if value is None:
        return None
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise BadRequest(f"{name}: control characters are not allowed")
    value = value.strip()
    return value or None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"W,S,E,N"`` → four finite degrees with west ≤ east and south ≤ north."""
    value = clean(value, "bbox")
    if value is None:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise BadRequest("bbox: four numbers W,S,E,N, e.g. 35.5,32.3,42.4,37.3") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise BadRequest("bbox: numbers must be finite")
    if west > east or south > north:
        raise BadRequest("bbox: west must be <= east and south <= north")
    return west, south, east, north


def make_filter(
    *,
    country: str | None = None,
    admin1: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    bbox: str | None = None,
    q: str | None = None,
) -> EventFilter:
    return EventFilter(
        country=clean(country, "country"),
        admin1=clean(admin1, "admin1"),
        event_type=clean(event_type, "type"),
        actor=clean(actor, "actor"),
        since=since,
        until=until,
        bbox=parse_bbox(bbox),
        q=clean(q, "q"),
    )


def _counts(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [{"key": str(k), "events": int(n), "fatalities": int(f or 0)} for k, n, f in rows]


def stats(store: SqlStore) -> dict[str, Any]:
    """Totals; events and fatalities by type, country and week (Monday)."""
    base = store.stats()

    def grouped(expr: str) -> list[dict[str, Any]]:
        return _counts(
            store._all(
                f"SELECT {expr} AS k, count(*), sum(fatalities) FROM events "
                "GROUP BY 1 ORDER BY 2 DESC, 1"
            )
        )

    weeks = store._all(
        "SELECT CAST(date_trunc('week', event_date) AS DATE) AS k, count(*), sum(fatalities) "
        "FROM events WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    fatalities = store._one("SELECT coalesce(sum(fatalities), 0) FROM events")
    return {
        "totals": {**base["totals"], "fatalities": int(fatalities or 0)},
        "by_type": grouped("coalesce(event_type, '(unknown)')"),
        "by_country": grouped("coalesce(country, '(unknown)')"),
        "by_week": [
            {
                "key": k.isoformat() if isinstance(k, dt.date) else str(k),
                "events": int(n),
                "fatalities": int(f or 0),
            }
            for k, n, f in weeks
        ],
        "events_stale": bool(base.get("events_stale")),
    }


#: Event fields a map feature carries (the rest is one request away).
FEATURE_FIELDS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "fatalities",
    "n_sources",
    "notes",
)


def feature(ev: dict[str, Any]) -> dict[str, Any]:
    lat, lon = ev.get("latitude"), ev.get("longitude")
    geometry = None
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    props = {k: ev.get(k) for k in FEATURE_FIELDS}
    if isinstance(props["event_date"], dt.date):
        props["event_date"] = props["event_date"].isoformat()
    return {"type": "Feature", "id": str(ev["event_id"]), "geometry": geometry, "properties": props}
