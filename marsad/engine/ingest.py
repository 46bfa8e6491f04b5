"""The ingest runner: sources → new articles → engine (coding) → dedup → store.

Reading sources, skipping known articles, deduplicating and writing all happen in the
calling process; only :func:`marsad.engine.extract.code_batch` runs in the engine. Each
batch is written in one transaction (articles, their mentions, the events they join or
start, failures), so an interrupted run leaves whole batches and a rerun of the same
command finishes the job.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from marsad.dedup import MentionKey
from marsad.engine.base import Engine
from marsad.engine.extract import CodedArticle, code_batch
from marsad.ingest.base import ArticleRecord, SourceFailure
from marsad.ingest.sources import iter_sources
from marsad.store.base import NewArticle, Store, StoredMention, WriteBatch
from marsad.store.events import EventIndex, build_events, rebuild, started_here
from marsad.store.rows import mention_key_of, mention_record

BATCH_SIZE = 64

#: with several workers, the store checkpoints (:meth:`Store.checkpoint`) once the sources
#: are read and this many batches per worker are still being coded: the checkpoint runs
#: while the workers finish, instead of at ``close`` on one core with the others idle.
TAIL_BATCHES_PER_WORKER = 8


@dataclass
class IngestOptions:
    published: dt.date | None = None
    reprocess: bool = False
    batch_size: int = BATCH_SIZE


@dataclass
class IngestSummary:
    run_id: int
    new: int = 0
    skipped: int = 0
    reprocessed: int = 0
    failed: int = 0
    mentions: int = 0
    events_new: int = 0
    events_total: int = 0
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        return {
            "articles_new": self.new,
            "articles_skipped": self.skipped,
            "articles_reprocessed": self.reprocessed,
            "articles_failed": self.failed,
            "mentions": self.mentions,
            "events": self.events_total,
        }

    def line(self) -> str:
        parts = [f"{self.new} new", f"{self.skipped} skipped"]
        if self.reprocessed:
            parts.append(f"{self.reprocessed} reprocessed")
        parts.append(f"{self.failed} failed")
        return (
            f"marsad: articles {', '.join(parts)}; {self.mentions} mentions, "
            f"{self.events_new} new events, {self.events_total} events in the store "
            f"({self.seconds:.1f} s)"
        )


@dataclass
class _RunState:
    summary: IngestSummary
    failures: list[tuple[str, str]] = field(default_factory=list)
    hash_of: dict[str, str] = field(default_factory=dict)  # article id -> text hash
    replace: set[str] = field(default_factory=set)  # article ids to reprocess
    seen_urls: set[str] = field(default_factory=set)
    seen_hashes: set[str] = field(default_factory=set)
    known: KnownArticles | None = None  # what the store held when the run began
    progress: Callable[[int], None] | None = None  # called with articles done (or skipped)


class _Feed:
    """The batches handed to the engine, counted: :attr:`out` is how many have been taken
    and not yet come back (the runner calls :meth:`back`), :attr:`done` whether the
    sources are read to the end."""

    def __init__(self, batches: Iterable[list[ArticleRecord]]) -> None:
        self._batches = batches
        self.taken = 0
        self.returned = 0
        self.done = False

    def __iter__(self) -> Iterator[list[ArticleRecord]]:
        for batch in self._batches:
            self.taken += 1
            yield batch
        self.done = True

    def back(self) -> None:
        self.returned += 1

    @property
    def out(self) -> int:
        return self.taken - self.returned


class KnownArticles:
    """The stored articles' URLs and text hashes, as Python hashes (a few bytes each): an
    article whose URL and text hash are both absent is not stored, and the store need not
    be asked. A hit (stored, or a rare collision) is checked with the store."""

    def __init__(self, keys: Iterable[tuple[str, str]]) -> None:
        self.urls: set[int] = set()
        self.hashes: set[int] = set()
        for url, h in keys:
            self.urls.add(hash(url))
            self.hashes.add(hash(h))

    def maybe(self, url: str, text_hash: str) -> bool:
        return hash(url) in self.urls or hash(text_hash) in self.hashes


def _new_articles(
    store: Store,
    items: Iterable[ArticleRecord | SourceFailure],
    st: _RunState,
    opts: IngestOptions,
) -> Iterator[list[ArticleRecord]]:
    """Batches of the articles to code; known ones counted as skipped (or marked for
    reprocessing), read failures kept for the next write."""

    if st.known is None:
        st.known = KnownArticles(store.iter_article_keys())
    known = st.known

    def select(chunk: list[ArticleRecord]) -> list[ArticleRecord]:
        hashes = [a.text_hash for a in chunk]
        asked = [(a.url, h) for a, h in zip(chunk, hashes, strict=True) if known.maybe(a.url, h)]
        by_url: dict[str, str] = {}
        by_hash: dict[str, str] = {}
        if asked:  # only articles that may be stored (articles of this run are not)
            by_url, by_hash = store.known_articles([u for u, _ in asked], [h for _, h in asked])
        out: list[ArticleRecord] = []
        for art, h in zip(chunk, hashes, strict=True):
            if art.url in st.seen_urls or h in st.seen_hashes:
                st.summary.skipped += 1  # the same article twice in this run
                continue
            st.seen_urls.add(art.url)
            st.seen_hashes.add(h)
            stored_id = by_url.get(art.url) or by_hash.get(h)
            if stored_id is not None:
                if not opts.reprocess:
                    st.summary.skipped += 1
                    continue
                art = dataclasses.replace(art, id=stored_id)
                st.replace.add(stored_id)
            st.hash_of[art.id] = h
            out.append(art)
        if st.progress is not None and len(out) < len(chunk):
            st.progress(len(chunk) - len(out))
        return out

    chunk: list[ArticleRecord] = []
    for item in items:
        if isinstance(item, SourceFailure):
            st.failures.append((item.source, item.reason))
            st.summary.failed += 1
            continue
        chunk.append(item)
        if len(chunk) >= opts.batch_size:
            todo = select(chunk)
            chunk = []
            if todo:
                yield todo
    if chunk:
        todo = select(chunk)
        if todo:
            yield todo


#: a new mention as the writing process holds it: (mention id, article id, its columns)
Fresh = tuple[str, str, tuple[Any, ...]]


def _write(store: Store, index: EventIndex, coded: list[CodedArticle], st: _RunState) -> None:
    s = st.summary
    wb = WriteBatch(run_id=s.run_id, failures=st.failures)
    st.failures = []
    alone: dict[str, tuple[Any, ...]] = {}  # mention id -> its event if the only source
    fresh, keys, stale = accept_coded(coded, st, wb.articles, wb.failures, alone)
    wb.mark_events_stale = stale
    if fresh:
        before = len(index)
        event_of = index.assign(keys)
        s.events_new += len(index) - before
        wb.event_of.update(event_of)
        members: dict[str, list[Fresh]] = {}
        for f in fresh:
            members.setdefault(event_of[f[0]], []).append(f)
        wb.events, wb.event_rows, wb.replaced_events = events_of_members(
            store, index, members, alone
        )
    store.write_batch(wb)


def accept_coded(
    coded: list[CodedArticle],
    st: _RunState,
    articles: list[NewArticle],
    failures: list[tuple[str, str]],
    alone: dict[str, tuple[Any, ...]],
) -> tuple[list[Fresh], list[MentionKey], bool]:
    """Sort one batch of coded articles into ``articles`` to store and ``failures``.

    Returns the new articles' mentions and their dedup keys, and whether a re-extracted
    article makes the stored events stale. Counts go to the run's summary; ``alone`` gets
    each mention's event (as columns) for when it turns out to be the only source.
    """
    s = st.summary
    fresh: list[Fresh] = []
    keys: list[MentionKey] = []
    stale = False
    for c in coded:
        art = c.article
        h = st.hash_of.pop(art.id)
        if c.error is not None:
            failures.append((art.url, c.error))
            s.failed += 1
            continue
        replace = art.id in st.replace
        rows = c.rows
        articles.append(
            NewArticle(
                art.id,
                art.url,
                art.outlet,
                art.title,
                art.published,
                art.text,
                h,
                rows,
                replace=replace,
            )
        )
        s.mentions += len(rows)
        if replace:
            s.reprocessed += 1
            stale = True
            continue
        s.new += 1
        aid = art.id
        fresh.extend((cols[0], aid, cols) for cols in rows)
        keys.extend(mention_key_of(aid, cols) for cols in rows)
        alone.update(zip((cols[0] for cols in rows), c.alone, strict=True))
    return fresh, keys, stale


def events_of_members(
    store: Store,
    index: EventIndex,
    members: dict[str, list[Fresh]],
    alone: dict[str, tuple[Any, ...]],
) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]], list[str]]:
    """The events new mentions joined: ``(merged event records, single-source events as
    columns, the ids of the events that existed before)``. An older event's stored
    mentions join the new ones, and the stored event is replaced.

    The stored mentions of an older event are read by id: ``index`` knows every mention
    the store gave the event (it was loaded from the store, and has assigned every event
    id written since), and a stored mention counts only if its row names the event."""
    older = sorted(
        e for e, ms in members.items() if not any(started_here(m[0], e) for m in ms)
    )
    wanted: list[str] = []
    for e in older:
        new = {m[0] for m in members[e]}
        wanted.extend(mid for mid in index.mention_ids(e) if mid not in new)
    older_ids = set(older)
    stored: dict[str, list[StoredMention]] = {}
    for m in store.mentions_by_id(wanted):
        if m.event_id in older_ids:
            stored.setdefault(str(m.event_id), []).append(m)
    rows: list[tuple[Any, ...]] = []
    merged: dict[str, list[StoredMention]] = {}
    for eid, ms in members.items():
        before = stored.get(eid, [])
        if not before and len(ms) == 1 and ms[0][0] in alone:
            rows.append(alone[ms[0][0]])  # merged in the worker already
        else:
            merged[eid] = [
                StoredMention(mid, aid, eid, mention_record(cols)) for mid, aid, cols in ms
            ] + before
    return build_events(merged), rows, older


def close_run(store: Store, st: _RunState, run_id: int, status: str, started: float) -> None:
    """Record a run's time, counts and status; a run that failed keeps its own error."""
    st.summary.seconds = time.perf_counter() - started
    try:
        st.summary.events_total = store.count_events()
        store.finish_run(run_id, status, st.summary.counts())
    except Exception:
        if status == "done":
            raise
        # the run failed already (often the store itself): keep that error


def rebuild_events(store: Store, run_id: int) -> None:
    """Deduplicate every stored mention afresh and replace the events (one transaction)."""
    event_of, events = rebuild(store.iter_mentions())
    store.replace_all_events(run_id, event_of, events)


def _settle() -> None:
    """Collect the young garbage, then take what is left out of the collector's sight."""
    gc.collect(1)
    gc.freeze()


@contextlib.contextmanager
def _frozen_between_batches() -> Iterator[Callable[[], None]]:
    """A run keeps what it builds (the event index, the sets of known articles) to its end,
    and would have the cyclic collector scan it again and again, more the longer the run
    (0.4-0.6 ms an article at a few thousand articles). Calling the function this gives
    after each batch moves what survived the batch to the permanent generation: only new
    objects are scanned. At the end everything is handed back to the collector (the index
    is made of reference cycles: it must be collectable once the run is over)."""
    try:
        yield _settle
    finally:
        gc.unfreeze()


def run_ingest(
    store: Store,
    sources: Iterable[str],
    engine: Engine,
    opts: IngestOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Ingest ``sources`` into ``store``; return what was done."""
    from marsad import __version__

    opts = opts or IngestOptions()
    started = time.perf_counter()
    source_list = list(sources)
    params: dict[str, Any] = {
        "sources": source_list,
        "published": opts.published.isoformat() if opts.published else None,
        "reprocess": opts.reprocess,
        "workers": engine.workers,
    }
    store.lock_writer()
    run_id = store.begin_run(__version__, params)
    st = _RunState(IngestSummary(run_id), progress=progress)
    status = "failed"
    try:
        if store.events_stale():  # a reprocessing run was interrupted: finish its work
            rebuild_events(store, run_id)
        index = EventIndex()
        index.load(store.iter_mention_keys())
        items = iter_sources(source_list, opts.published)
        feed = _Feed(_new_articles(store, items, st, opts))
        tail = TAIL_BATCHES_PER_WORKER * engine.workers if engine.workers > 1 else -1
        with _frozen_between_batches() as settle:
            settle()
            for coded in engine.map_batches(code_batch, feed):
                feed.back()
                _write(store, index, coded, st)
                settle()
                if progress is not None:
                    progress(len(coded))
                if feed.done and feed.out == tail:  # once: while the workers finish
                    store.checkpoint()
        if st.failures:
            store.write_batch(WriteBatch(run_id=run_id, failures=st.failures))
            st.failures = []
        if store.events_stale():
            rebuild_events(store, run_id)
        status = "done"
    finally:
        close_run(store, st, run_id, status, started)
    return st.summary
