"""Shared by the serve tests: the hostile article, filling a store, a test client."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from marsad.engine.ingest import run_ingest
from marsad.engine.local import LocalEngine
from marsad.serve.app import Settings, create_app
from marsad.store.sql import SqlStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TOKEN = "test-token-1234"
MAX_BODY = 64 * 1024

#: An article whose title, text and URL try to run script in the dashboard.
XSS_TITLE = '<script>window.__xss=1;alert("title")</script>"><img src=x onerror=alert(1)>'
XSS_TEXT = (
    "<script>window.__xss=2;alert('text')</script>\n"
    '"><img src=x onerror="window.__xss=3;alert(3)">'
    ' <a href="javascript:alert(4)">اضغط هنا</a>\n'
    "قتل خمسة مدنيين جراء غارة جوية على مدينة إدلب يوم الثلاثاء."
)
XSS_ARTICLE = {
    "url": "javascript:alert(document.domain)",
    "title": XSS_TITLE,
    "published": "2019-05-15",
    "outlet": '<img src=x onerror="alert(5)">',
    "text": XSS_TEXT,
}


def fill(store: SqlStore, *sources: Path | str) -> None:
    with LocalEngine(1) as engine:
        run_ingest(store, [str(s) for s in sources], engine)


def make_client(store: SqlStore, **settings: Any) -> TestClient:
    cfg = Settings(**{"token": TOKEN, "max_body": MAX_BODY, "tiles": None, **settings})
    return TestClient(create_app(store, cfg))
