"""``marsad ingest``, ``marsad events`` and ``marsad stats`` (parsers and their code).

Exit codes: 0 done; 1 some inputs failed (``ingest``; the rest is stored); 2 bad usage or
the store cannot be opened (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, TextIO

from marsad.engine.cli import add_dedup_parser, add_engine_args, ingest_with_ray, run_dedup
from marsad.engine.local import EngineError
from marsad.monitor.progress import finish, ingest_reporting
from marsad.store.base import EventFilter, StoreError
from marsad.store.export import FORMATS
from marsad.store.open import DEFAULT_DB, ENV_VAR

COMMANDS = ("ingest", "events", "stats", "dedup")
_DB_MODULES = ("duckdb", "_duckdb", "psycopg")  # their errors are reported in one line


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a box W,S,E,N (four numbers, e.g. 35.5,32.3,42.4,37.3): {value!r}"
        ) from None
    if west > east or south > north:
        raise argparse.ArgumentTypeError(f"west must be <= east and south <= north: {value!r}")
    return west, south, east, north


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of workers: {value!r}")
    return n


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="URL",
        help=f"a DuckDB file or postgresql://… (default ${ENV_VAR}, else ./{DEFAULT_DB})",
    )


def add_parsers(sub: Any) -> None:
    """Add the monitor's sub-commands to the ``marsad`` parser's sub-parsers."""
    ing = sub.add_parser(
        "ingest",
        help="read sources into the store: code, deduplicate across articles",
        description=(
            "Read articles from .txt files and folders (recursively), saved HTML pages, "
            "RSS/Atom files, JSON Lines ({id, url, title, published, text}), WARC files "
            "and http(s):// URLs; code them and store their events. Articles already "
            "stored (same URL or same text) are skipped."
        ),
    )
    ing.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders or URLs")
    _db_arg(ing)
    ing.add_argument(
        "--workers", type=_workers, metavar="N", help="extraction processes (default: all cores)"
    )
    ing.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="publication date for articles whose source gives none",
    )
    ing.add_argument(
        "--reprocess",
        action="store_true",
        help="re-extract articles already stored and replace their mentions",
    )
    ing.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    add_engine_args(ing)  # --engine local|ray, --ray-address, --stage

    ev = sub.add_parser(
        "events",
        help="query and export deduplicated events",
        description="Export the stored events that match every given filter.",
    )
    _db_arg(ev)
    ev.add_argument("--country", help="country name, e.g. Syria")
    ev.add_argument("--admin1", help="first-level division, e.g. Idlib")
    ev.add_argument("--type", dest="event_type", help="event type or sub-event type")
    ev.add_argument("--actor", help="part of an actor's name (actor1, actor2, associated)")
    ev.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="events on or after")
    ev.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="events on or before")
    ev.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help="longitude/latitude box")
    ev.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    ev.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    st = sub.add_parser("stats", help="counts of events by type, country and week")
    _db_arg(st)

    add_dedup_parser(sub, _db_arg, _workers)


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "events":
            return _events(args)
        if args.command == "dedup":
            return run_dedup(args)
        return _stats(args)
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    except EngineError as exc:
        print(
            f"marsad: error: {exc}; committed batches are kept, run again to finish",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        print(
            "marsad: interrupted (committed batches are kept; run again to finish)", file=sys.stderr
        )
        return 130
    except Exception as exc:
        if type(exc).__module__.split(".")[0] not in _DB_MODULES:
            raise
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(f"marsad: error: the store failed: {reason[:300]}", file=sys.stderr)
        return 2


def _ingest(args: argparse.Namespace) -> int:
    from marsad.engine.ingest import IngestOptions, run_ingest
    from marsad.engine.local import LocalEngine
    from marsad.store.open import open_store

    if args.engine == "ray":
        return ingest_with_ray(args)
    opts = IngestOptions(published=args.published, reprocess=args.reprocess)
    # the worker pool starts before the store opens: workers never inherit its threads
    with LocalEngine(args.workers) as engine:
        store = open_store(args.db)
        try:
            summary = ingest_reporting(
                store,
                args.quiet,
                lambda progress: run_ingest(store, args.sources, engine, opts, progress=progress),
            )
        finally:
            store.close()
    return finish(summary, args.quiet)


def _events(args: argparse.Namespace) -> int:
    from marsad.store import export
    from marsad.store.open import open_store

    flt = EventFilter(
        country=args.country,
        admin1=args.admin1,
        event_type=args.event_type,
        actor=args.actor,
        since=args.since,
        until=args.until,
        bbox=args.bbox,
    )
    if args.format == "parquet" and not args.output:
        print("marsad: error: --format parquet needs -o FILE", file=sys.stderr)
        return 2
    store = open_store(args.db, create=False)
    try:
        events = export.iter_events(store, flt)
        if args.format == "parquet":
            export.write_parquet(events, args.output)
            return 0
        out: TextIO
        if args.output:
            try:
                out = open(args.output, "w", encoding="utf-8", newline="")
            except OSError as exc:
                print(f"marsad: error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
                return 2
        else:
            out = sys.stdout
        try:
            writer = {
                "csv": export.write_csv,
                "jsonl": export.write_jsonl,
                "geojson": export.write_geojson,
            }
            writer[args.format](events, out)
        finally:
            if out is not sys.stdout:
                out.close()
            else:
                out.flush()
    finally:
        store.close()
    return 0


def _stats(args: argparse.Namespace) -> int:
    from marsad.store.open import open_store

    store = open_store(args.db, create=False)
    try:
        s = store.stats()
    finally:
        store.close()
    print(format_stats(s))
    return 0


def format_stats(s: dict[str, Any]) -> str:
    t = s["totals"]
    lines = [
        f"articles {t['articles']}, mentions {t['mentions']}, events {t['events']}, "
        f"runs {t['runs']}, failures {t['failures']}"
    ]
    for title, key in (("by type", "by_type"), ("by country", "by_country")):
        lines.append(f"\nevents {title}:")
        lines += [f"  {n:>7}  {k}" for k, n in s[key]]
    lines.append("\nevents by week (Monday):")
    lines += [f"  {n:>7}  {k}" for k, n in s["by_week"]]
    if s.get("events_stale"):
        lines.append("\n(events are being rebuilt: run `marsad ingest` again to finish)")
    return "\n".join(lines)
