"""Article records that every source yields, and the failures it reports instead."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from marsad.text.normalize import DELETED, normalize_char_map

_DELETED_RE = re.compile(DELETED)


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article read from a source, ready to be coded and stored."""

    id: str
    url: str
    outlet: str
    title: str | None
    published: dt.date | None
    text: str

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the constructor's arguments (subclasses' fields too): cheaper to load than the
        # state of a frozen dataclass
        cls = type(self)
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(self))
        return (cls, tuple(getattr(self, name) for name in names))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """A source (or one item of it) that could not be read; ``reason`` is one line."""

    source: str
    reason: str


class SourceError(Exception):
    """Raised by readers for a bad input; ``str(exc)`` is a one-line reason."""


def text_hash(text: str) -> str:
    """SHA-256 of the normalised text (Arabic letter forms folded, whitespace collapsed)."""
    # = normalize(text).text, without the offset map
    folded = _DELETED_RE.sub("", normalize_char_map(text))
    return hashlib.sha256(" ".join(folded.split()).encode("utf-8")).hexdigest()


def article_id(url: str) -> str:
    """A stable short id derived from the article's URL."""
    return "a" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:15]


def outlet_of(url: str) -> str:
    """The host of a URL without ``www.`` (``''`` for file URLs)."""
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def parse_date(value: object) -> dt.date | None:
    """A date from metadata: ``date``/``datetime`` objects or ISO strings (time part ignored)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def one_line(exc: BaseException) -> str:
    """An exception as one short line."""
    msg = " ".join(str(exc).split())
    name = type(exc).__name__
    if isinstance(exc, SourceError):
        return msg or name
    return f"{name}: {msg}"[:300] if msg else name
