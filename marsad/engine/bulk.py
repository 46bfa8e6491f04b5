"""Load coded articles into the store in bulk, with the local ingest's exact results.

The articles arrive already coded, in source order (read back from the stage,
:mod:`marsad.engine.stage`). They go through the same selection as
:func:`marsad.engine.ingest.run_ingest` (known articles skipped, the same article twice in
a run counted once, ``--reprocess``) and the same incremental deduplication, batch by batch
with the same batch boundaries, so the events and their ids are the ones a local run gives.
Only the writes are grouped: one transaction per ``chunk`` articles instead of one per
batch, each with the events its mentions started or joined (so an interrupted load leaves
whole chunks, and a rerun finishes the job, as with the local runner).
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from marsad.engine.extract import CodedArticle, code_article
from marsad.engine.ingest import (
    Fresh,
    IngestOptions,
    IngestSummary,
    _new_articles,
    _RunState,
    accept_coded,
    close_run,
    events_of_members,
    rebuild_events,
)
from marsad.ingest.base import ArticleRecord, SourceFailure
from marsad.store.base import NewArticle, Store, WriteBatch
from marsad.store.events import EventIndex

Staged = tuple[ArticleRecord | SourceFailure, CodedArticle | None]

#: Articles per transaction.
CHUNK = 2000


@dataclass
class _Chunk:
    articles: list[NewArticle] = field(default_factory=list)
    event_of: dict[str, str | None] = field(default_factory=dict)
    fresh: dict[str, list[Fresh]] = field(default_factory=dict)  # event id -> new mentions
    alone: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # mention id -> event
    mark_stale: bool = False


class BulkLoader:
    """Feeds :func:`_new_articles` and writes what it selects, ``chunk`` articles at a time."""

    def __init__(
        self,
        store: Store,
        st: _RunState,
        opts: IngestOptions,
        chunk: int = CHUNK,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.store = store
        self.st = st
        self.opts = opts
        self.chunk_size = chunk
        self.progress = progress
        self.index = EventIndex()
        self.index.load(store.iter_mention_keys())
        self._pending: deque[tuple[ArticleRecord, CodedArticle]] = deque()
        self._chunk = _Chunk()

    def _items(self, staged: Iterable[Staged]) -> Iterator[ArticleRecord | SourceFailure]:
        for item, coded in staged:
            if coded is not None:
                assert isinstance(item, ArticleRecord)
                self._pending.append((item, coded))
            yield item

    def _coded(self, art: ArticleRecord) -> CodedArticle:
        """The staged result of a selected article (selected ones come in staging order)."""
        while self._pending:
            staged, coded = self._pending.popleft()
            if staged.url == art.url:
                if coded.article.id != art.id:  # --reprocess gave it the stored id: recode
                    return code_article(art)
                return dataclasses.replace(coded, article=art)
            # an article the selection skipped
        raise RuntimeError(f"{art.url}: selected but never staged")  # pragma: no cover

    def load(self, staged: Iterable[Staged]) -> None:
        for batch in _new_articles(self.store, self._items(staged), self.st, self.opts):
            self._add([self._coded(a) for a in batch])
            if self.progress is not None:
                self.progress(len(batch))
            if len(self._chunk.articles) >= self.chunk_size:
                self.flush()
        self.flush()

    def _add(self, coded: list[CodedArticle]) -> None:
        """One batch, as :func:`marsad.engine.ingest._write` does it, minus the write."""
        s, ch = self.st.summary, self._chunk
        fresh, keys, stale = accept_coded(coded, self.st, ch.articles, self.st.failures, ch.alone)
        ch.mark_stale = ch.mark_stale or stale
        if fresh:
            before = len(self.index)
            event_of = self.index.assign(keys)
            s.events_new += len(self.index) - before
            ch.event_of.update(event_of)
            for f in fresh:
                ch.fresh.setdefault(event_of[f[0]], []).append(f)

    def flush(self) -> None:
        ch = self._chunk
        if not ch.articles and not self.st.failures:
            return
        events, rows, older = events_of_members(self.store, self.index, ch.fresh, ch.alone)
        wb = WriteBatch(
            run_id=self.st.summary.run_id,
            articles=ch.articles,
            event_of=ch.event_of,
            events=events,
            event_rows=rows,
            replaced_events=older,
            failures=self.st.failures,
            mark_events_stale=ch.mark_stale,
        )
        self.st.failures = []
        self.store.write_batch(wb)
        self._chunk = _Chunk()


def load_staged(
    store: Store,
    staged: Callable[[], Iterable[Staged]],
    params: dict[str, Any],
    opts: IngestOptions | None = None,
    progress: Callable[[int], None] | None = None,
    chunk: int = CHUNK,
) -> IngestSummary:
    """A run (as :func:`~marsad.engine.ingest.run_ingest` records it) that stores the
    articles ``staged()`` yields in source order."""
    from marsad import __version__

    opts = opts or IngestOptions()
    started = time.perf_counter()
    run_id = store.begin_run(__version__, params)
    st = _RunState(IngestSummary(run_id), progress=progress)
    status = "failed"
    try:
        if store.events_stale():
            rebuild_events(store, run_id)
        BulkLoader(store, st, opts, chunk, progress).load(staged())
        if store.events_stale():
            rebuild_events(store, run_id)
        status = "done"
    finally:
        close_run(store, st, run_id, status, started)
    return st.summary
