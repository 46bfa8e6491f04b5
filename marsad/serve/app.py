"""The FastAPI application: the read API, the write API (with a bearer token), and the
dashboard's routes (:mod:`marsad.serve.dashboard`) over a pool of store connections
(:mod:`marsad.serve.pool`)."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import Field

from marsad.serve import models, pages, queries, writes
from marsad.serve.cache import BodyCache
from marsad.serve.dashboard import add_dashboard, tile_origin
from marsad.serve.limits import BodyLimit, SecurityHeaders
from marsad.serve.pool import FastJSON, Gate, GeoJSONResponse, render
from marsad.store.base import EventFilter, StoreError
from marsad.store.sql import SqlStore

DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAX_PAGE = 1000
MAX_FEATURES = 10_000

T = TypeVar("T")
Responses = dict[int | str, dict[str, Any]]


@dataclass(frozen=True)
class Settings:
    token: str | None = None  # the write API is off without one
    max_body: int = DEFAULT_MAX_BODY
    tiles: str | None = DEFAULT_TILES  # an online tile layer, used only when reachable
    #: POST /api/ingest reads files only under this folder (and http(s) URLs)
    ingest_root: Path = field(default_factory=Path.cwd)
    #: MiB of answers (pages, events, stats) kept by the store's version; 0: none (cache.py)
    cache: int = 0


BAD: Responses = {400: {"model": models.Problem, "description": "a query value cannot be used"}}
# the same, spelled out: a route whose own answers are not application/json
BAD_JSON: Responses = {
    400: {
        "description": "a query value cannot be used",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
}
NOT_FOUND: Responses = {404: {"model": models.Problem, "description": "no such record"}}
WRITE: Responses = {
    400: {
        "model": models.Problem,
        "description": "the body is not JSON, or names no usable source",
    },
    401: {"model": models.Problem, "description": "missing or wrong bearer token"},
    403: {"model": models.Problem, "description": "the write API is off (no token configured)"},
    413: {"model": models.Problem, "description": "request body too large"},
    503: {"model": models.Problem, "description": "the store is busy (another writer) or down"},
}

Country = Annotated[str | None, Query(max_length=200, description="country, exact")]
Admin1 = Annotated[str | None, Query(max_length=200, description="first-level division")]
EventType = Annotated[
    str | None, Query(alias="type", max_length=200, description="event or sub-event type")
]
Actor = Annotated[str | None, Query(max_length=200, description="part of an actor's name")]
Since = Annotated[dt.date | None, Query(description="events on or after (YYYY-MM-DD)")]
Until = Annotated[dt.date | None, Query(description="events on or before (YYYY-MM-DD)")]
Bbox = Annotated[
    str | None,
    Query(max_length=200, description="W,S,E,N in degrees, e.g. 35.5,32.3,42.4,37.3"),
]
Text = Annotated[
    str | None, Query(max_length=200, description="words in the notes or an actor's name")
]
Batch = Annotated[list[models.ArticleIn], Field(min_length=1, max_length=1000)]
Cursor = Annotated[
    str | None, Query(max_length=500, description="`next_cursor` of the previous page")
]


async def event_filter(
    country: Country = None,
    admin1: Admin1 = None,
    event_type: EventType = None,
    actor: Actor = None,
    since: Since = None,
    until: Until = None,
    bbox: Bbox = None,
    q: Text = None,
) -> EventFilter:
    return queries.make_filter(
        country=country,
        admin1=admin1,
        event_type=event_type,
        actor=actor,
        since=since,
        until=until,
        bbox=bbox,
        q=q,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]

bearer = HTTPBearer(auto_error=False, description="the server's MARSAD_TOKEN")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def create_app(
    store: SqlStore, settings: Settings | None = None, more: Sequence[SqlStore] = ()
) -> FastAPI:
    """The application over an open ``store`` and ``more`` connections to the same store
    (the caller closes them all)."""
    cfg = settings or Settings()
    gate = Gate([store, *more])
    if cfg.cache and store.dialect != "duckdb":
        raise ValueError("the answer cache needs a DuckDB store (PostgreSQL has other writers)")
    cache = BodyCache(cfg.cache * 1024 * 1024) if cfg.cache > 0 else None

    async def answer(
        key: Hashable, make: Callable[[], Awaitable[Any]], kind: type[FastJSON] = FastJSON
    ) -> FastJSON:
        """``make()``'s JSON, or the same body kept from before under the store's version."""
        if cache is None:
            return kind(await make())
        version = gate.version  # before reading: a write from here on changes it
        body = cache.get((version, key))
        if body is None:
            body = render(await make())
            cache.put((version, key), body)
        return kind(body)
    app = FastAPI(
        docs_url=None,  # served below, from the npm package when installed (offline)
        title="Marsad",
        version=_version(),
        description=(
            "Conflict events coded from Arabic news, with the Arabic evidence of every field. "
            "Read endpoints are open; write endpoints need `Authorization: Bearer <token>` "
            "(the server's MARSAD_TOKEN) and are off without one."
        ),
    )

    @app.exception_handler(queries.BadRequest)
    async def bad_request(_: Request, exc: queries.BadRequest) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    async def page(
        flt: EventFilter, limit: int, cursor: str | None, raw_json: bool = False
    ) -> Any:
        cursor = queries.clean(cursor, "cursor")
        try:
            return await gate.read(
                lambda s: pages.query_page(s, flt, limit, cursor, raw_json=raw_json)
            )
        except ValueError as exc:  # a cursor that is not one of ours
            raise queries.BadRequest(str(exc)) from None

    @app.get("/api/events", response_model=models.EventPage, responses=BAD, tags=["read"])
    async def list_events(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: Cursor = None,
    ) -> FastJSON:
        """Events matching every filter, by date then id; follow `next_cursor` for more."""

        async def make() -> dict[str, Any]:
            p = await page(flt, limit, cursor, raw_json=True)
            return {"events": p.events, "next_cursor": p.next_cursor}

        return await answer(("page", flt, limit, cursor), make)

    @app.get(
        "/api/events.geojson",
        response_model=models.FeatureCollection,
        response_class=GeoJSONResponse,
        responses=BAD_JSON,
        tags=["read"],
    )
    async def events_geojson(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=MAX_FEATURES)] = 5000,
        cursor: Cursor = None,
    ) -> JSONResponse:
        """The same events as a GeoJSON FeatureCollection (loads in QGIS, Leaflet…)."""

        async def make() -> dict[str, Any]:
            p = await page(flt, limit, cursor)
            return {
                "type": "FeatureCollection",
                "features": [queries.feature(ev) for ev in p.events],
                "next_cursor": p.next_cursor,
            }

        return await answer(("geojson", flt, limit, cursor), make, GeoJSONResponse)

    @app.get(
        "/api/events/{event_id}",
        response_model=models.EventDetail,
        responses={**BAD, **NOT_FOUND},
        tags=["read"],
    )
    async def get_event(event_id: str) -> FastJSON:
        """One event with all its sources and, per source, the Arabic evidence spans."""
        eid = queries.clean(event_id, "event_id") or ""

        async def make() -> dict[str, Any]:
            ev = await gate.read(lambda s: s.get_event(eid))
            if ev is None:
                raise HTTPException(404, f"no event {eid!r}")
            return ev

        return await answer(("event", eid), make)

    @app.get(
        "/api/articles/{article_id}",
        response_model=models.Article,
        responses={**BAD, **NOT_FOUND},
        tags=["read"],
    )
    async def get_article(article_id: str) -> dict[str, Any]:
        """One article: its text and every mention coded from it, with evidence spans
        (offsets into `text`)."""
        aid = queries.clean(article_id, "article_id") or ""
        art = await gate.read(lambda s: s.get_article(aid))
        if art is None:
            raise HTTPException(404, f"no article {aid!r}")
        return art

    @app.get("/api/stats", response_model=models.Stats, tags=["read"])
    async def get_stats() -> FastJSON:
        """Events and fatalities by type, country and week."""
        return await answer(("stats",), lambda: gate.read(queries.stats))

    @app.get("/api/health", response_model=models.Health, tags=["read"])
    async def health() -> dict[str, Any]:
        n = await gate.read(lambda s: s.count_events())
        return {"status": "ok", "store": store.url, "events": n, "write_api": bool(cfg.token)}

    def writer(creds: Credentials) -> None:
        if not cfg.token:
            raise HTTPException(403, "the write API is off: start the server with MARSAD_TOKEN")
        given = creds.credentials if creds is not None else ""
        if not hmac.compare_digest(given.encode(), cfg.token.encode()):
            raise HTTPException(
                401, "a valid bearer token is needed", headers={"WWW-Authenticate": "Bearer"}
            )

    Writer = Depends(writer)

    @app.post(
        "/api/articles",
        response_model=models.CodedArticles,
        responses=WRITE,
        dependencies=[Writer],
        tags=["write"],
    )
    def post_articles(
        body: Annotated[models.ArticleIn | Batch, Body()],
    ) -> dict[str, Any]:
        """Code and store one article or a batch; returns each article's events."""
        batch = body if isinstance(body, list) else [body]
        return gate.write(lambda s: writes.code_articles(s, batch))

    @app.post(
        "/api/ingest",
        response_model=models.IngestOut,
        responses=WRITE,
        dependencies=[Writer],
        tags=["write"],
    )
    def post_ingest(body: models.IngestIn) -> dict[str, Any]:
        """Ingest sources the server can read: files and folders under its ingest root,
        http(s) URLs."""
        sources = writes.allowed_sources(body.sources, cfg.ingest_root)
        return gate.write(lambda s: writes.ingest_sources(s, sources, body.published))

    add_dashboard(app, cfg.tiles)
    app.add_middleware(BodyLimit, max_bytes=cfg.max_body)
    app.add_middleware(SecurityHeaders, tile_origin=tile_origin(cfg.tiles))
    return app


def _version() -> str:
    from marsad import __version__

    return __version__
