"""The write side of the API: code posted articles, ingest sources, through the same
ingest runner as ``marsad ingest`` (one process; the caller holds the store's lock)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from marsad.ingest.base import text_hash
from marsad.serve.models import ArticleIn
from marsad.serve.queries import BadRequest, clean
from marsad.store.sql import SqlStore


def posted_url(art: ArticleIn) -> str:
    """The URL that names a posted article: its own, else one made from its id or text."""
    if art.url and art.url.strip():
        return art.url.strip()
    if art.id and art.id.strip():
        return f"urn:marsad:article:{art.id.strip()}"
    return f"urn:marsad:text:{text_hash(art.text)[:20]}"


def _ingest(store: SqlStore, sources: list[str], published: dt.date | None = None) -> Any:
    from marsad.engine.ingest import IngestOptions, run_ingest
    from marsad.engine.local import LocalEngine

    try:
        with LocalEngine(1) as engine:
            return run_ingest(store, sources, engine, IngestOptions(published=published))
    finally:
        _release_writer(store)


def _release_writer(store: SqlStore) -> None:
    """An ingest makes its connection the store's only writer until it closes (on PostgreSQL
    a session advisory lock); the server keeps its connections open, so it lets go after
    each write and ``marsad ingest`` can run beside it."""
    store.unlock_writer()


def code_articles(store: SqlStore, articles: Sequence[ArticleIn]) -> dict[str, Any]:
    """Store and code ``articles`` (known ones are not coded again); their events."""
    urls = [posted_url(a) for a in articles]
    with tempfile.TemporaryDirectory(prefix="marsad-post-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for art, url in zip(articles, urls, strict=True):
                obj = {
                    "url": url,
                    "title": art.title,
                    "published": art.published.isoformat() if art.published else None,
                    "text": art.text,
                }
                if art.outlet:
                    obj["outlet"] = art.outlet
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        known = store.known_articles(urls, [text_hash(a.text) for a in articles])
        before = set(known[0].values()) | set(known[1].values())
        summary = _ingest(store, [str(path)])
    by_url, by_hash = store.known_articles(urls, [text_hash(a.text) for a in articles])
    out: list[dict[str, Any]] = []
    for art, url in zip(articles, urls, strict=True):
        aid = by_url.get(url) or by_hash.get(text_hash(art.text))
        if aid is None:
            continue  # could not be stored: counted in the summary's failures
        stored = store.get_article(aid) or {"mentions": []}
        event_ids = dict.fromkeys(
            str(m["event_id"]) for m in stored["mentions"] if m.get("event_id")
        )
        events = [ev for eid in event_ids if (ev := store.get_event(eid)) is not None]
        for ev in events:
            ev.pop("evidence", None)
        out.append(
            {
                "article_id": aid,
                "url": url,
                "stored": "known" if aid in before else "new",
                "events": events,
            }
        )
    # the temporary file's name means nothing to the client: say which article failed
    failures = [
        reason.replace(str(path), "article")
        for _run, _src, reason in store.failures(summary.run_id)
    ]
    return {
        "articles": out,
        "failures": failures,
        "summary": summary.line().removeprefix("marsad: "),
    }


def allowed_sources(sources: Sequence[str], root: Path) -> list[str]:
    """``sources`` as the runner reads them: http(s) URLs, and paths (relative ones taken
    from ``root``) that lie under ``root``; anything else is a :class:`BadRequest`."""
    base = root.resolve()
    out: list[str] = []
    for src in sources:
        src = clean(src, "sources") or ""
        if src.startswith(("http://", "https://")):
            out.append(src)
            continue
        if not src or "://" in src:
            raise BadRequest(f"sources: not a path or http(s) URL: {src!r}")
        path = (base / src).resolve()
        if not path.is_relative_to(base):
            raise BadRequest(f"sources: {src!r} is outside the server's ingest folder")
        out.append(str(path))
    return out


def ingest_sources(
    store: SqlStore, sources: list[str], published: dt.date | None
) -> dict[str, Any]:
    summary = _ingest(store, sources, published)
    counts = summary.counts()
    return {
        "run_id": summary.run_id,
        "articles_new": counts["articles_new"],
        "articles_skipped": counts["articles_skipped"],
        "articles_failed": counts["articles_failed"],
        "mentions": counts["mentions"],
        "events": counts["events"],
        "summary": summary.line().removeprefix("marsad: "),
    }
