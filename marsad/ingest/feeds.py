"""RSS and Atom files (feedparser): each item's content, link and date."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.base import (
    ArticleRecord,
    SourceError,
    SourceFailure,
    article_id,
    one_line,
    outlet_of,
)
from marsad.ingest.files import check_text


def _html_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs on their own lines."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError and others on broken markup
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4"):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return _html_text(best if len(best) >= len(summary) else summary)


def feed_records(
    data: bytes, name: str, feed_url: str, published: dt.date | None
) -> Iterator[ArticleRecord | SourceFailure]:
    """The items of an RSS/Atom document; an empty or unreadable feed is one failure."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            reason = one_line(exc) if isinstance(exc, BaseException) else "not a feed"
            yield SourceFailure(name, f"{name}: not a readable RSS/Atom feed ({reason})")
        else:
            yield SourceFailure(name, f"{name}: the feed has no items")
        return
    feed_title = str(parsed.get("feed", {}).get("title") or "")
    for i, entry in enumerate(entries, 1):
        where = f"{name}#{i}"
        link = str(entry.get("link") or entry.get("id") or f"{feed_url}#{i}")
        try:
            title = entry.get("title")
            text = _entry_text(entry)
            if title and not text.startswith(str(title)):
                text = f"{title}\n\n{text}"
            check_text(text, where)
        except SourceError as exc:
            yield SourceFailure(where, str(exc))
            continue
        yield ArticleRecord(
            id=article_id(link),
            url=link,
            outlet=outlet_of(link) or feed_title,
            title=str(title) if title else None,
            published=_entry_date(entry) or published,
            text=text,
        )


def read_feed(path: Path, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield SourceFailure(name, f"{name}: cannot read file ({exc.strerror})")
        return
    yield from feed_records(data, name, path.resolve().as_uri(), published)
