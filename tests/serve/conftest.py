"""Fixtures for ``marsad serve``: a store filled by a real ingest of examples/ (plus an
article full of HTML and script payloads), the app over it, and a live server."""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from serve_support import EXAMPLES, REPO, XSS_ARTICLE, fill, make_client

from marsad.serve.app import Settings, create_app
from marsad.store.open import open_store
from marsad.store.sql import SqlStore

# the PostgreSQL server fixture of the monitor's tests (a real server in a temporary folder)
_MONITOR = REPO / "tests" / "monitor" / "conftest.py"
if _MONITOR.is_file():
    _spec = importlib.util.spec_from_file_location("marsad_monitor_fixtures", _MONITOR)
    assert _spec is not None and _spec.loader is not None
    _mod = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_mod)
    pg_server = _mod.pg_server
    pg_url = _mod.pg_url


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """examples/ and a JSONL file with the hostile article."""
    folder = tmp_path_factory.mktemp("hostile")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(XSS_ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    return [EXAMPLES, hostile]


@pytest.fixture(scope="session")
def filled_db(tmp_path_factory: pytest.TempPathFactory, sources: list[Path]) -> Path:
    """A DuckDB file with the examples and the hostile article (closed; copy to write)."""
    path = tmp_path_factory.mktemp("store") / "examples.duckdb"
    store = open_store(str(path))
    try:
        fill(store, *sources)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def ro_store(filled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    """The filled store, shared by read-only tests (a copy: writers use their own)."""
    path = tmp_path_factory.mktemp("ro") / "examples.duckdb"
    shutil.copy(filled_db, path)
    store = open_store(str(path))
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(ro_store: SqlStore) -> TestClient:
    return make_client(ro_store)


@pytest.fixture
def rw_store(filled_db: Path, tmp_path: Path) -> Iterator[SqlStore]:
    path = tmp_path / "rw.duckdb"
    shutil.copy(filled_db, path)
    store = open_store(str(path))
    yield store
    store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_url(ro_store: SqlStore) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 (a thread of this process)."""
    import uvicorn

    port = _free_port()
    app = create_app(ro_store, Settings(token=None, tiles=None))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
