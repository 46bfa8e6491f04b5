"""The coding step an engine runs: a batch of articles → their coded mentions.

This function is all an engine needs to distribute (it touches no store); it must be
importable in worker processes and its arguments and results are plain picklable data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from marsad.ingest.base import ArticleRecord, one_line


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """One article's mentions (ACLED records, ``mention_id`` set), or the reason it failed."""

    article: ArticleRecord
    mentions: list[dict[str, Any]]
    error: str | None = None


def source_name(art: ArticleRecord) -> str:
    """What an event's ``source`` column names: the outlet, else the file or page name."""
    if art.outlet:
        return art.outlet
    name = PurePosixPath(unquote(urlsplit(art.url).path)).name
    return name or art.url


def code_article(art: ArticleRecord) -> CodedArticle:
    from marsad.api import extract

    try:
        records = extract(art.text, art.published, article_id=art.id, source=source_name(art))
    except Exception as exc:  # one bad article never stops a run
        return CodedArticle(art, [], f"{art.url}: extraction failed ({one_line(exc)})")
    for rec in records:
        rec["mention_id"] = rec["event_id"]
        rec["url"] = art.url
        rec["outlet"] = source_name(art)
    return CodedArticle(art, records)


def code_batch(batch: list[ArticleRecord]) -> list[CodedArticle]:
    """Code every article of ``batch``, in order."""
    return [code_article(a) for a in batch]


def warm_up() -> None:
    """Build the default pipeline now (loads the knowledge base) rather than on first use."""
    from marsad.api import extract

    extract("قصف", None)
