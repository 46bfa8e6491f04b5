"""``marsad serve``: parser and runner (uvicorn: one process, or ``--workers`` processes
that each open the store)."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.store.open import DEFAULT_DB, ENV_VAR

if TYPE_CHECKING:
    from fastapi import FastAPI

    from marsad.serve.app import Settings

TOKEN_VAR = "MARSAD_TOKEN"
MAX_AUTO_WORKERS = 4  # the default's cap: each process holds the knowledge base and a store
#: how ``marsad serve --workers N`` hands its options to the worker processes it starts
WORKER_VAR = "MARSAD_SERVE_WORKER"


def _port(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return n


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="the HTTP API and the map dashboard",
        description=(
            "Serve the store over HTTP: a read API under /api (OpenAPI at /docs), a map "
            f"dashboard at /. Writes (POST /api/articles, /api/ingest) need ${TOKEN_VAR} "
            "and are off without it."
        ),
    )
    p.add_argument(
        "--db",
        metavar="URL",
        help=f"a DuckDB file or postgresql://… (default ${ENV_VAR}, else ./{DEFAULT_DB})",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument(
        "--max-body",
        type=int,
        default=None,
        metavar="BYTES",
        help="largest request body accepted (default 5 MiB)",
    )
    p.add_argument(
        "--connections",
        type=int,
        default=4,
        metavar="N",
        help="connections to the store, for requests side by side (default 4)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="server processes; with more than one a DuckDB store is opened read-only by "
        f"each, so the write API must be off (no ${TOKEN_VAR}). Default: with the write API "
        f"off and a DuckDB file, one per core (at most {MAX_AUTO_WORKERS}); otherwise 1",
    )
    p.add_argument(
        "--cache",
        type=int,
        default=0,
        metavar="MB",
        help="keep up to MB MiB of recent answers (pages, events, stats) until the store "
        "changes; DuckDB stores only (default 0: none)",
    )
    p.add_argument(
        "--ingest-root",
        metavar="DIR",
        default=".",
        help="POST /api/ingest reads files only under this folder (default: the current one)",
    )
    p.add_argument(
        "--tiles",
        default=None,
        metavar="URL",
        help="online tile layer for the map when reachable ({z}/{x}/{y}; 'none' for outlines only)",
    )


def _settings(args: argparse.Namespace, token: str | None) -> Settings:
    from marsad.serve.app import DEFAULT_MAX_BODY, DEFAULT_TILES, Settings

    tiles = args.tiles or DEFAULT_TILES
    return Settings(
        token=token,
        max_body=args.max_body or DEFAULT_MAX_BODY,
        tiles=None if tiles.lower() == "none" else tiles,
        ingest_root=Path(args.ingest_root),
        cache=max(0, args.cache),
    )


def default_workers(db: str | None, token: str | None) -> int:
    """One process per core when nothing is written: the write API is off (no token) and
    the store is a DuckDB file, which any number of processes may read (and which no other
    process could write while the server holds it anyway). Else one process."""
    from marsad.store.open import resolve_db

    target = resolve_db(db).removeprefix("duckdb://")
    if token is not None or "://" in target or target == ":memory:":
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_AUTO_WORKERS))


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from marsad.serve.app import create_app
    from marsad.serve.dashboard import NODE_MODULES, WEB
    from marsad.store.base import StoreError
    from marsad.store.open import open_store

    token = os.environ.get(TOKEN_VAR) or None
    workers = max(1, args.workers if args.workers is not None else default_workers(args.db, token))
    try:  # a new, empty store only for a server that can write to it
        store = open_store(args.db, create=token is not None, read_only=workers > 1)
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    if workers > 1 and token is not None and store.dialect == "duckdb":
        store.close()
        print(
            f"marsad: error: --workers {workers} opens the DuckDB file read-only in each "
            f"process: unset {TOKEN_VAR} (write API off), or serve with one worker",
            file=sys.stderr,
        )
        return 2
    if args.cache > 0 and store.dialect != "duckdb":
        store.close()
        print(
            "marsad: error: --cache needs a DuckDB store (a PostgreSQL store takes other "
            "writers, such as marsad ingest, that the server would not see)",
            file=sys.stderr,
        )
        return 2
    settings = _settings(args, token)
    if not NODE_MODULES.is_dir():
        print(
            "marsad: warning: the dashboard's libraries are missing: run "
            f"`npm ci --ignore-scripts --prefix {WEB}` (the API works without them)",
            file=sys.stderr,
        )
    banner = (
        f"marsad: serving {store.url} on http://{args.host}:{args.port}/ "
        f"(write API {'on' if settings.token else 'off'}"
        + (f", {workers} worker processes)" if workers > 1 else ")")
    )
    if workers > 1:
        store.close()  # each worker opens its own connections
        os.environ[WORKER_VAR] = json.dumps(
            {
                "db": args.db,
                "connections": args.connections,
                "max_body": settings.max_body,
                "tiles": settings.tiles,
                "ingest_root": str(settings.ingest_root.resolve()),
                "cache": settings.cache,
            }
        )
        print(banner, file=sys.stderr)
        uvicorn.run(
            f"{__name__}:worker_app",
            factory=True,
            workers=workers,
            host=args.host,
            port=args.port,
            log_level="warning",
        )
        return 0
    more = []
    try:
        more = [open_store(args.db) for _ in range(max(0, args.connections - 1))]
        app = create_app(store, settings, more)
        print(banner, file=sys.stderr)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    finally:
        for s in (*more, store):
            s.close()
    return 0


def worker_app() -> FastAPI:
    """The application of one ``--workers`` process (uvicorn imports and calls this in each):
    its own connections, read-only on DuckDB; the token comes from the environment."""
    from marsad.serve.app import Settings, create_app
    from marsad.store.open import open_store

    opts = json.loads(os.environ[WORKER_VAR])
    token = os.environ.get(TOKEN_VAR) or None
    stores = [
        open_store(opts["db"], create=False, read_only=True)
        for _ in range(max(1, opts["connections"]))
    ]

    def close() -> None:
        for s in stores:
            s.close()

    atexit.register(close)
    settings = Settings(
        token=token,
        max_body=opts["max_body"],
        tiles=opts["tiles"],
        ingest_root=Path(opts["ingest_root"]),
        cache=opts["cache"],
    )
    return create_app(stores[0], settings, stores[1:])
