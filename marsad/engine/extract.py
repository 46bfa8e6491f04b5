"""The coding step an engine runs: a batch of articles → their coded mentions.

This function is all an engine needs to distribute (it touches no store); it must be
importable in worker processes and its arguments and results are plain picklable data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from marsad.dedup import MentionKey
from marsad.ingest.base import ArticleRecord, one_line
from marsad.store.events import mention_key, singleton_event
from marsad.store.jsonutil import dumps


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """One article's mentions, or the reason it failed.

    ``mentions`` are the ACLED records (``mention_id``, ``url``, ``outlet`` set) without
    their evidence; ``encoded`` holds each whole record, evidence included, as JSON (what
    the store keeps). Work that needs no shared state is done here, in the worker, to keep
    the writing process light: ``alone`` is the event each mention makes if no other source
    reports its event (most do not); ``keys`` are the mentions' deduplication keys.
    """

    article: ArticleRecord
    mentions: list[dict[str, Any]]
    error: str | None = None
    encoded: list[str] = field(default_factory=list)
    alone: list[dict[str, Any]] = field(default_factory=list)
    keys: list[MentionKey] = field(default_factory=list)  # what deduplication compares

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the constructor's arguments: cheaper to load than a frozen dataclass's state
        return (
            CodedArticle,
            (self.article, self.mentions, self.error, self.encoded, self.alone, self.keys),
        )


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
    encoded = [dumps(rec) for rec in records]  # stored whole, evidence included
    # what travels back to the writing process needs no evidence: lighter to unpickle
    light = [{k: v for k, v in rec.items() if k != "evidence"} for rec in records]
    alone = [singleton_event(rec) for rec in light]
    for ev in alone:
        ev.pop("evidence", None)
    keys = [mention_key(rec["mention_id"], art.id, rec) for rec in light]
    return CodedArticle(art, light, encoded=encoded, alone=alone, keys=keys)


def code_batch(batch: list[ArticleRecord]) -> list[CodedArticle]:
    """Code every article of ``batch``, in order."""
    return [code_article(a) for a in batch]


def warm_up() -> None:
    """Build the default pipeline now (loads the knowledge base) rather than on first use."""
    from marsad.api import extract

    extract("قصف", None)
