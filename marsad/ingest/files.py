"""Plain-text articles: ``.txt`` files, decoded with the same rules as ``marsad extract``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from marsad.ingest.base import ArticleRecord, SourceError, SourceFailure, article_id
from marsad.io.reading import InputError, check_article, read_article

_TITLE_MAX = 200


def first_line_title(text: str) -> str | None:
    """The first non-blank line when it is short enough to be a headline."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _TITLE_MAX else None
    return None


def text_record(
    text: str, url: str, outlet: str, published: dt.date | None, title: str | None = None
) -> ArticleRecord:
    return ArticleRecord(
        id=article_id(url),
        url=url,
        outlet=outlet,
        title=title if title is not None else first_line_title(text),
        published=published,
        text=text,
    )


def read_txt(path: Path, published: dt.date | None) -> Iterator[ArticleRecord | SourceFailure]:
    """One article from a text file (UTF-8, UTF-16 or Windows-1256)."""
    name = str(path)
    try:
        art = read_article(path)
        check_article(art, name)
    except InputError as exc:
        yield SourceFailure(name, str(exc))
        return
    yield text_record(art.text, path.resolve().as_uri(), "", published)


def check_text(text: str, name: str) -> str:
    """``text`` when it is a usable article; :class:`SourceError` otherwise."""
    from marsad.io.reading import Article

    try:
        check_article(Article(article_id=name, source=name, text=text, encoding="utf-8"), name)
    except InputError as exc:
        raise SourceError(str(exc)) from None
    return text
