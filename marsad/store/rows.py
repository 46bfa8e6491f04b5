"""The rows the store writes for mentions and events, made from ACLED records.

They are made where the records are made (in the worker processes of an ingest, see
:mod:`marsad.engine.extract`): a tuple of values crosses to the writing process several
times more cheaply than a dict, and a mention's whole record travels as the UTF-8 JSON
the store keeps. The writing process adds what only it knows (the mention's event, the
run) with :func:`mention_row` and :func:`event_row`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.dedup.keys import MentionKey
from marsad.store.jsonutil import dumpb, dumps, loads
from marsad.store.schema import EVENTS, MENTIONS

_M_NAMES = MENTIONS.names
assert _M_NAMES[:5] == ("mention_id", "article_id", "ordinal", "event_id", "event_date")
assert _M_NAMES[-2:] == ("record", "run_id")
_M_FIELDS = _M_NAMES[5:-2]  # the columns taken from the record as they are
#: what :func:`mention_columns` gives, in order
MENTION_COLUMNS: tuple[str, ...] = ("mention_id", "event_date", *_M_FIELDS, "record")
assert MENTION_COLUMNS == (  # the order mention_key_of reads them in
    "mention_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "fatalities",
    "record",
)

_E_NAMES = EVENTS.names
assert _E_NAMES[0] == "event_id" and _E_NAMES[-1] == "run_id"
#: what :func:`event_columns` gives, in order: the ``events`` columns but the run
EVENT_COLUMNS: tuple[str, ...] = _E_NAMES[:-1]
_E_SET = {c: EVENT_COLUMNS.index(c) for c in ("event_date", "n_sources", "sources", "article_ids")}


def as_date(value: Any) -> dt.date | None:
    """A record's date (ISO text, date or datetime) as a date; None for none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def mention_columns(rec: dict[str, Any], record: str | bytes | None = None) -> tuple[Any, ...]:
    """A mention's own columns (:data:`MENTION_COLUMNS`) from its record; ``record`` is the
    record as JSON when it is already encoded."""
    return (
        rec["mention_id"],
        as_date(rec.get("event_date")),
        *map(rec.get, _M_FIELDS),
        record if record is not None else dumpb(rec),
    )


def mention_row(
    article_id: str, ordinal: int, cols: tuple[Any, ...], event_id: str | None, run_id: int
) -> tuple[Any, ...]:
    """The ``mentions`` row (columns in ``MENTIONS.names`` order) of a mention's columns."""
    return (cols[0], article_id, ordinal, event_id, *cols[1:], run_id)


def mention_record(cols: tuple[Any, ...]) -> dict[str, Any]:
    """The whole record (evidence included) of a mention's columns."""
    record: dict[str, Any] = loads(cols[-1])
    return record


def mention_key_of(article_id: str, cols: tuple[Any, ...]) -> MentionKey:
    """The deduplication key of a mention's columns (the same as of its record)."""
    mid, date, etype, sub, country, admin1, location, lat, lon, gp, a1, a2, fat, _ = cols
    return MentionKey.of(
        mid, article_id, etype, sub, date, lat, lon, country, admin1, location, a1, a2, fat, gp
    )


def event_columns(ev: dict[str, Any]) -> tuple[Any, ...]:
    """An event record's columns (:data:`EVENT_COLUMNS`)."""
    sources = ev.get("sources") or []
    article_ids = list(dict.fromkeys(str(s.get("article_id")) for s in sources))
    row = list(map(ev.get, EVENT_COLUMNS))
    row[_E_SET["event_date"]] = as_date(ev.get("event_date"))
    row[_E_SET["n_sources"]] = len(sources)
    row[_E_SET["sources"]] = dumps(sources)
    row[_E_SET["article_ids"]] = dumps(article_ids)
    return tuple(row)


def event_row(ev: dict[str, Any], run_id: int) -> tuple[Any, ...]:
    """The ``events`` row (columns in ``EVENTS.names`` order) of an event record."""
    return (*event_columns(ev), run_id)


def encode_event_columns(cols: tuple[Any, ...]) -> str:
    """Event columns as JSON text (a staged file keeps them so)."""
    return dumps(list(cols))


def decode_event_columns(text: str | bytes) -> tuple[Any, ...]:
    """:func:`encode_event_columns` undone."""
    row = loads(text)
    i = _E_SET["event_date"]
    row[i] = as_date(row[i])
    return tuple(row)
