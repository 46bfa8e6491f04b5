"""What ``marsad ingest`` shows while it runs and says when it ends, whatever the engine."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from marsad.engine.ingest import IngestSummary
from marsad.store.base import Store

#: failures listed on stderr; the rest stay in the store's ``failures`` table
SHOWN_FAILURES = 20


def progress_bar(*, enabled: bool) -> Any:
    """A tqdm bar on stderr when it is a terminal, else None."""
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, desc="coding", dynamic_ncols=True)


def ingest_reporting(
    store: Store,
    quiet: bool,
    run: Callable[[Callable[[int], None] | None], IngestSummary],
) -> IngestSummary:
    """Run ``run(progress)`` with a progress bar, then list the articles that failed."""
    bar = progress_bar(enabled=not quiet)
    try:
        summary = run(bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    if summary.failed:
        for _run, _source, reason in store.failures(summary.run_id)[:SHOWN_FAILURES]:
            print(f"marsad: failed: {reason}", file=sys.stderr)
        if summary.failed > SHOWN_FAILURES:
            more = summary.failed - SHOWN_FAILURES
            print(f"marsad: … {more} more in the failures table", file=sys.stderr)
    return summary


def finish(summary: IngestSummary, quiet: bool) -> int:
    """The one-line summary; exit code 1 when an article failed."""
    if not quiet:
        print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0
