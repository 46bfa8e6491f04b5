"""JSON Lines: one article per line, ``{id, url, title, published, text}``.

Articles are identified by their URL; a line without one gets ``file-uri#id`` (or
``#line-number``) so that ids are unique across files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.base import (
    ArticleRecord,
    SourceError,
    SourceFailure,
    article_id,
    outlet_of,
    parse_date,
)
from marsad.ingest.files import check_text


def _record(obj: Any, where: str, base_url: str, published: dt.date | None) -> ArticleRecord:
    if not isinstance(obj, dict):
        raise SourceError(f"{where}: not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise SourceError(f"{where}: no 'text' string")
    check_text(text, where)
    ext_id = obj.get("id")
    url = obj.get("url")
    if not isinstance(url, str) or not url.strip():
        # no URL: the line is identified by its id within the file (or its line number)
        url = f"{base_url}#{ext_id if ext_id is not None else where.rsplit(':', 1)[-1]}"
    url = url.strip()
    title = obj.get("title")
    return ArticleRecord(
        id=article_id(url),
        url=url,
        outlet=str(obj["outlet"]) if obj.get("outlet") else outlet_of(url),
        title=str(title) if title else None,
        published=parse_date(obj.get("published")) or published,
        text=text,
    )


def read_jsonl(path: Path, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    """Each line is an article; a bad line is a failure and the rest is read."""
    name = str(path)
    base_url = path.resolve().as_uri()
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield SourceFailure(name, f"{name}: cannot read file ({exc.strerror})")
        return
    with fh:
        for lineno, raw in enumerate(fh, 1):
            item = line_record(raw, f"{name}:{lineno}", base_url, published)
            if item is not None:
                yield item


def line_record(
    raw: bytes, where: str, base_url: str, published: dt.date | None
) -> ArticleRecord | SourceFailure | None:
    """One JSON Lines line as an article, a failure, or None for a blank line."""
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return SourceFailure(where, f"{where}: not JSON ({exc})")
    try:
        return _record(obj, where, base_url, published)
    except SourceError as exc:
        return SourceFailure(where, str(exc))
