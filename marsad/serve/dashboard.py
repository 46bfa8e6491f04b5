"""The dashboard's routes: ``/``, ``/event.html`` and ``/docs``; our scripts under
``/static``; the npm packages' files under ``/vendor`` (``marsad/serve/web/node_modules``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

WEB = Path(__file__).parent / "web"
NODE_MODULES = WEB / "node_modules"
#: URL prefix → installed npm files the dashboard loads (``npm ci --ignore-scripts --prefix …``)
VENDOR = {
    "leaflet": "leaflet/dist",
    "markercluster": "leaflet.markercluster/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
    "swagger-ui": "swagger-ui-dist",
}


def add_dashboard(app: FastAPI, tiles: str | None) -> None:
    """``/`` and ``/event.html``; our scripts under ``/static``; npm files under ``/vendor``."""

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html")

    @app.get("/event.html", include_in_schema=False)
    def event_page() -> FileResponse:
        return FileResponse(WEB / "event.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not (NODE_MODULES / VENDOR["swagger-ui"]).is_dir():  # the CDN's copy
            return get_swagger_ui_html(openapi_url="/openapi.json", title="Marsad API")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Marsad API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @app.get("/config.json", include_in_schema=False)
    def config() -> dict[str, Any]:
        return {"tiles": tiles, "vendor": NODE_MODULES.is_dir()}

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    for prefix, sub in VENDOR.items():
        folder = NODE_MODULES / sub
        if folder.is_dir():
            app.mount(f"/vendor/{prefix}", StaticFiles(directory=folder), name=f"v-{prefix}")


def tile_origin(url: str | None) -> str | None:
    """``scheme://host`` of a tile URL template, for the Content-Security-Policy."""
    if not url:
        return None
    parts = urlsplit(url.replace("{", "").replace("}", ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
