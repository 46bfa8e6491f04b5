"""Saved HTML pages: main text, title and publication date through trafilatura."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest.base import (
    ArticleRecord,
    SourceError,
    SourceFailure,
    article_id,
    outlet_of,
    parse_date,
)
from marsad.ingest.files import check_text


def html_record(html: bytes | str, url: str, name: str, published: dt.date | None) -> ArticleRecord:
    """The article in an HTML page; :class:`SourceError` when there is none.

    The outlet is the host of ``url``, else (a saved page) of the page's canonical URL,
    else the site name the page gives."""
    import trafilatura

    page_url = url if url.startswith(("http://", "https://")) else None
    try:
        doc = trafilatura.bare_extraction(
            html, url=page_url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # lxml/trafilatura raise many kinds on broken pages
        raise SourceError(f"{name}: not a readable HTML page ({type(exc).__name__})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise SourceError(f"{name}: no article text found in the HTML page")
    check_text(text, name)
    meta_date = parse_date(getattr(doc, "date", None))
    title = getattr(doc, "title", None) or None
    site = getattr(doc, "sitename", None) or None
    return ArticleRecord(
        id=article_id(url),
        url=url,
        outlet=outlet_of(url) or outlet_of(str(getattr(doc, "url", None) or "")) or site or "",
        title=title,
        published=meta_date or published,
        text=text,
    )


def read_html(path: Path, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    name = str(path)
    try:
        data = path.read_bytes()
        yield html_record(data, path.resolve().as_uri(), name, published)
    except OSError as exc:
        yield SourceFailure(name, f"{name}: cannot read file ({exc.strerror})")
    except SourceError as exc:
        yield SourceFailure(name, str(exc))
