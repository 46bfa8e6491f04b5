"""``marsad serve``: parser and runner (uvicorn, one process)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from marsad.store.open import DEFAULT_DB, ENV_VAR

TOKEN_VAR = "MARSAD_TOKEN"


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


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from marsad.serve.app import DEFAULT_MAX_BODY, DEFAULT_TILES, Settings, create_app
    from marsad.serve.dashboard import NODE_MODULES, WEB
    from marsad.store.base import StoreError
    from marsad.store.open import open_store

    token = os.environ.get(TOKEN_VAR) or None
    try:  # a new, empty store only for a server that can write to it
        store = open_store(args.db, create=token is not None)
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    tiles = args.tiles or DEFAULT_TILES
    settings = Settings(
        token=token,
        max_body=args.max_body or DEFAULT_MAX_BODY,
        tiles=None if tiles.lower() == "none" else tiles,
        ingest_root=Path(args.ingest_root),
    )
    if not NODE_MODULES.is_dir():
        print(
            "marsad: warning: the dashboard's libraries are missing: run "
            f"`npm ci --ignore-scripts --prefix {WEB}` (the API works without them)",
            file=sys.stderr,
        )
    more = []
    try:
        more = [open_store(args.db) for _ in range(max(0, args.connections - 1))]
        app = create_app(store, settings, more)
        print(
            f"marsad: serving {store.url} on http://{args.host}:{args.port}/ "
            f"(write API {'on' if settings.token else 'off'})",
            file=sys.stderr,
        )
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    except StoreError as exc:
        print(f"marsad: error: {exc}", file=sys.stderr)
        return 2
    finally:
        for s in (*more, store):
            s.close()
    return 0
