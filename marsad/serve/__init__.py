"""``marsad serve``: the HTTP API and the map dashboard over a store (FastAPI, uvicorn)."""
