"""JSON for the store's text columns (orjson: fast; UTF-8 kept as is)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def dumps(value: Any) -> str:
    return orjson.dumps(value, default=_default).decode("utf-8")


def dumpb(value: Any) -> bytes:
    """:func:`dumps` as UTF-8 bytes (what orjson makes: no decoding)."""
    return orjson.dumps(value, default=_default)


def loads(text: str | bytes) -> Any:
    return orjson.loads(text)
