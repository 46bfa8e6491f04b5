"""What deduplication reads of a coded mention, and the ids of the events it makes."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["MentionKey", "event_id_for"]


class Fields(Protocol):
    """What a key is read from: a record, or anything with its fields by ``.get``."""

    def get(self, key: str, /) -> Any: ...


@dataclass(frozen=True, slots=True)
class MentionKey:
    """The fields of a coded mention that deduplication looks at."""

    mention_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    latitude: float | None
    longitude: float | None
    country: str | None
    admin1: str | None
    location: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int
    #: ACLED geo_precision: 3 means the coordinates are the province's, not the place's
    geo_precision: int | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # pickled as the constructor's arguments: much cheaper to load than the state of
        # a frozen dataclass (worker processes send a key per coded mention)
        return (
            MentionKey,
            (
                self.mention_id,
                self.article_id,
                self.event_type,
                self.sub_event_type,
                self.event_date,
                self.latitude,
                self.longitude,
                self.country,
                self.admin1,
                self.location,
                self.actor1,
                self.actor2,
                self.fatalities,
                self.geo_precision,
            ),
        )

    @classmethod
    def from_record(cls, mention_id: str, article_id: str, rec: Fields) -> MentionKey:
        """Build the key from an ACLED-style record (``marsad.output.record.to_record``)."""
        get = rec.get
        return cls.of(
            mention_id,
            article_id,
            get("event_type"),
            get("sub_event_type"),
            get("event_date"),
            get("latitude"),
            get("longitude"),
            get("country"),
            get("admin1"),
            get("location"),
            get("actor1"),
            get("actor2"),
            get("fatalities"),
            get("geo_precision"),
        )

    @classmethod
    def of(
        cls,
        mention_id: str,
        article_id: str,
        event_type: Any,
        sub_event_type: Any,
        event_date: Any,
        latitude: Any,
        longitude: Any,
        country: Any,
        admin1: Any,
        location: Any,
        actor1: Any,
        actor2: Any,
        fatalities: Any,
        geo_precision: Any,
    ) -> MentionKey:
        """The key of a mention's fields as a record or the store gives them (dates as
        ISO text or dates, numbers as text or numbers, "" for none): normalised."""
        date = event_date
        if isinstance(date, str):
            date = dt.date.fromisoformat(date) if date else None
        elif isinstance(date, dt.datetime):
            date = date.date()
        lat, lon = _number(latitude), _number(longitude)
        if lat is None or lon is None or not _on_earth(lat, lon):
            lat = lon = None
        gp = _number(geo_precision)
        return cls(
            mention_id,
            article_id,
            str(event_type or ""),
            str(sub_event_type or ""),
            date if isinstance(date, dt.date) else None,
            lat,
            lon,
            country or None,
            admin1 or None,
            location or None,
            actor1 or None,
            actor2 or None,
            int(_number(fatalities) or 0),
            int(gp) if gp is not None else None,
        )


def _number(v: Any) -> float | None:
    """A finite number from a record field (None, "", NaN and junk give None)."""
    if v is None or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _on_earth(lat: float | None, lon: float | None) -> bool:
    return (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90.0 <= lat <= 90.0
        and -180.0 <= lon <= 180.0
    )


def event_id_for(mention_id: str) -> str:
    """The id of an event started by ``mention_id``: stable across runs and machines."""
    return "ev-" + hashlib.blake2b(mention_id.encode("utf-8"), digest_size=8).hexdigest()
