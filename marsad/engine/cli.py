"""Command-line glue for the engines: ``--engine local|ray``, ``--ray-address``, ``--stage``
on ``marsad ingest``, and ``marsad dedup`` (rebuild every event from the stored mentions).

Kept apart from :mod:`marsad.monitor.commands`, which only adds these arguments and calls
:func:`ingest_with_ray` / :func:`run_dedup`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

ENGINES = ("local", "ray")


def add_engine_args(p: argparse.ArgumentParser, *, stage: bool = True) -> None:
    p.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="where extraction runs: this machine's processes (default) or a Ray cluster",
    )
    p.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="the Ray cluster to join: auto, ray://HOST:PORT or HOST:PORT "
        "(default: start Ray on this machine)",
    )
    if stage:
        p.add_argument(
            "--stage",
            metavar="DIR",
            help="with --engine ray: the folder for the coded Parquet partitions, shared by "
            "every node (default: a temporary folder, removed afterwards); a rerun with the "
            "same sources and stage reuses the partitions already there",
        )


def add_dedup_parser(sub: Any, db_arg: Any, workers_type: Any) -> None:
    dd = sub.add_parser(
        "dedup",
        help="rebuild the events: deduplicate every stored mention again",
        description=(
            "Deduplicate every stored mention across articles from scratch and replace the "
            "events. --engine ray does it in country × week partitions on a Ray cluster, "
            "with the same result."
        ),
    )
    db_arg(dd)
    add_engine_args(dd, stage=False)
    dd.add_argument(
        "--workers", type=workers_type, metavar="N", help="with --engine ray and no address: CPUs"
    )
    dd.add_argument("-q", "--quiet", action="store_true", help="no summary")


def _connect(args: argparse.Namespace) -> bool:
    from marsad.engine.ray import RayUnavailable, connect

    try:
        connect(args.ray_address, num_cpus=args.workers)
    except RayUnavailable as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return False
    return True


def ingest_with_ray(args: argparse.Namespace) -> int:
    """``marsad ingest --engine ray`` (the arguments of ``marsad ingest``)."""
    from marsad.engine.ingest import IngestOptions
    from marsad.monitor.progress import finish, ingest_reporting
    from marsad.store.open import open_store

    if not _connect(args):
        return 2
    from marsad.engine.ray import RayIngest

    opts = IngestOptions(published=args.published, reprocess=args.reprocess)
    store = open_store(args.db)
    try:
        summary = ingest_reporting(
            store,
            args.quiet,
            lambda progress: RayIngest(args.stage).run(
                store, args.sources, opts, progress=progress
            ),
        )
    finally:
        store.close()
    return finish(summary, args.quiet)


def run_dedup(args: argparse.Namespace) -> int:
    """``marsad dedup``: one run that replaces every event."""
    import time

    from marsad import __version__
    from marsad.store.open import open_store

    if args.engine == "ray" and not _connect(args):
        return 2
    started = time.perf_counter()
    store = open_store(args.db)
    try:
        run_id = store.begin_run(__version__, {"command": "dedup", "engine": args.engine})
        status = "failed"
        counts: dict[str, int] = {}
        try:
            if args.engine == "ray":
                from marsad.engine.ray import rebuild_events_ray

                mentions, events = rebuild_events_ray(store, run_id)
            else:
                from marsad.store.events import rebuild

                event_of, built = rebuild(store.iter_mentions())
                store.replace_all_events(run_id, event_of, built)
                mentions, events = len(event_of), len(built)
            counts = {"mentions": mentions, "events": events}
            status = "done"
        finally:
            store.finish_run(run_id, status, counts)
    finally:
        store.close()
    if not args.quiet:
        print(
            f"marsad: {mentions} mentions deduplicated into {events} events "
            f"({args.engine}, {time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
        )
    return 0
