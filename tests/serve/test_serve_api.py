"""The HTTP API over a real store filled by ingesting examples/ (DuckDB; the read API also
on PostgreSQL where its server can be started)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from serve_support import EXAMPLES, MAX_BODY, TOKEN, XSS_ARTICLE, XSS_TITLE, fill, make_client

from marsad.ingest.base import article_id
from marsad.store.open import open_store
from marsad.store.sql import SqlStore

AUTH = {"Authorization": f"Bearer {TOKEN}"}
STRIKE_TEXT = "قتل سبعة مدنيين جراء غارة جوية على مدينة إدلب يوم الأحد."


def every_event(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """All events for ``params``, page by page through the cursor."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        q = {**params, **({"cursor": cursor} if cursor else {})}
        r = client.get("/api/events", params=q)
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return out


@pytest.fixture(params=["duckdb", "postgres"])
def any_client(
    request: pytest.FixtureRequest, client: TestClient, sources: list[Path]
) -> Iterator[TestClient]:
    """The read API over each back end, filled by the same ingest."""
    if request.param == "duckdb":
        yield client
        return
    url = request.getfixturevalue("pg_url")
    store = open_store(url)
    try:
        fill(store, *sources)
        yield make_client(store)
    finally:
        store.close()


def strike(client: TestClient) -> dict[str, Any]:
    """The air strike on Maarat al-Numan, which three outlets report."""
    [ev] = [e for e in every_event(client, type="Air/drone strike") if e["n_sources"] == 3]
    return ev


# -- read API ----------------------------------------------------------------------------------


def test_health_names_the_store_and_counts_events(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["events"] == len(every_event(client)) > 5
    assert body["write_api"] is True


def test_events_come_sorted_by_date_then_id_and_pages_join_up(any_client: TestClient) -> None:
    everything = any_client.get("/api/events", params={"limit": 1000}).json()
    assert everything["next_cursor"] is None
    events = everything["events"]
    keys = [(e["event_date"] or "9999-12-31", e["event_id"]) for e in events]
    assert keys == sorted(keys)
    paged = every_event(any_client, limit=2)
    assert [e["event_id"] for e in paged] == [e["event_id"] for e in events]


def test_limit_is_between_1_and_1000(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 1001}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert len(client.get("/api/events", params={"limit": 1}).json()["events"]) == 1


def test_each_filter_narrows_to_matching_events(any_client: TestClient) -> None:
    def only(**params: Any) -> list[dict[str, Any]]:
        return every_event(any_client, **params)

    everything = only()
    yemen = only(country="yemen")
    assert yemen and {e["country"] for e in yemen} == {"Yemen"}
    protests = only(type="Protests")
    assert protests and {e["event_type"] for e in protests} == {"Protests"}
    may = only(since="2019-05-13", until="2019-05-19")
    assert may and all("2019-05-13" <= e["event_date"] <= "2019-05-19" for e in may)
    assert len(may) < len(everything)
    box = only(bbox="35.5,32.3,42.4,37.3")  # Syria
    assert box and all(35.5 <= e["longitude"] <= 42.4 for e in box)
    assert {e["country"] for e in box} == {"Syria"}
    army = only(actor="military forces of syria")
    assert army and all(
        "Military Forces of Syria" in (e["actor1"] or "") + (e["actor2"] or "") for e in army
    )
    killed = only(q="killed")
    assert killed and all("killed" in e["notes"] for e in killed)
    both = only(country="Syria", type="Air/drone strike")
    assert both and all(e["country"] == "Syria" for e in both)
    assert len(both) < len(only(country="Syria"))


def test_filters_are_values_not_sql(any_client: TestClient) -> None:
    for hostile in ("Syria' OR '1'='1", "x'); DROP TABLE events; --", "%", "Syria\\"):
        r = any_client.get("/api/events", params={"country": hostile})
        assert r.status_code == 200
        assert r.json()["events"] == []
    assert len(every_event(any_client)) > 5  # the table is still there


def test_unusable_values_are_400_not_500(client: TestClient) -> None:
    for params in (
        {"bbox": "1,2,3"},
        {"bbox": "10,0,0,10"},
        {"bbox": "nan,0,1,1"},
        {"cursor": "not-a-cursor"},
        {"country": "Syr\x00ia"},
    ):
        r = client.get("/api/events", params=params)
        assert r.status_code == 400, (params, r.text)
        assert isinstance(r.json()["detail"], str)
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422


def test_an_event_lists_every_source_with_its_evidence(any_client: TestClient) -> None:
    ev = strike(any_client)
    detail = any_client.get(f"/api/events/{ev['event_id']}").json()
    assert len(detail["sources"]) == 3
    assert len({s["url"] for s in detail["sources"]}) == 3
    assert detail["fatalities"] == 9  # the lowest figure the sources support
    for src in detail["sources"]:
        spans = [e for e in detail["evidence"] if e["mention_id"] == src["mention_id"]]
        assert {"event_type", "location"} <= {s["field"] for s in spans}
        text = any_client.get(f"/api/articles/{src['article_id']}").json()["text"]
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"]


def test_an_article_has_its_text_and_the_spans_of_every_mention(client: TestClient) -> None:
    ev = strike(client)
    art = client.get(f"/api/articles/{ev['article_ids'][0]}").json()
    assert art["text"] and art["mentions"]
    assert ev["event_id"] in {m["event_id"] for m in art["mentions"]}
    for m in art["mentions"]:
        for s in m["evidence"]:
            assert art["text"][s["start"] : s["end"]] == s["text"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/events/ev-nope").status_code == 404
    assert client.get("/api/articles/a-nope").status_code == 404


def test_geojson_has_a_point_per_event(client: TestClient) -> None:
    r = client.get("/api/events.geojson", params={"country": "Syria"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    events = {e["event_id"]: e for e in every_event(client, country="Syria")}
    assert {f["id"] for f in fc["features"]} == set(events)
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (events[f["id"]]["latitude"], events[f["id"]]["longitude"])


def test_stats_count_events_and_fatalities(any_client: TestClient) -> None:
    s = any_client.get("/api/stats").json()
    events = every_event(any_client)
    assert s["totals"]["events"] == len(events)
    assert s["totals"]["fatalities"] == sum(e["fatalities"] or 0 for e in events)
    assert sum(c["events"] for c in s["by_type"]) == len(events)
    syria = next(c for c in s["by_country"] if c["key"] == "Syria")
    assert syria["fatalities"] == sum(
        e["fatalities"] or 0 for e in events if e["country"] == "Syria"
    )
    for week in s["by_week"]:
        assert dt.date.fromisoformat(week["key"]).weekday() == 0


def test_the_openapi_schema_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/events.geojson",
        "/api/stats",
        "/api/health",
        "/api/articles",
        "/api/ingest",
    ):
        assert p in paths


def test_pages_carry_a_content_security_policy(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# -- write API ---------------------------------------------------------------------------------


def test_writes_need_the_token(rw_store: SqlStore) -> None:
    c = make_client(rw_store)
    body = {"text": STRIKE_TEXT}
    assert c.post("/api/articles", json=body).status_code == 401
    r = c.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert c.post("/api/ingest", json={"sources": [str(EXAMPLES)]}).status_code == 401
    assert c.get("/api/health").json()["events"] == rw_store.count_events()  # nothing written


def test_without_a_configured_token_writes_are_off(rw_store: SqlStore) -> None:
    c = make_client(rw_store, token=None)
    r = c.post("/api/articles", json={"text": STRIKE_TEXT}, headers=AUTH)
    assert r.status_code == 403
    assert c.get("/api/health").json()["write_api"] is False


def test_oversized_bodies_are_413(rw_store: SqlStore) -> None:
    c = make_client(rw_store)
    big = {"text": "ا" * MAX_BODY}
    assert c.post("/api/articles", json=big, headers=AUTH).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(MAX_BODY // 1024 + 1):
            yield b"a" * 1024
        yield b'"}'

    r = c.post(
        "/api/articles",
        content=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_posting_an_article_codes_and_stores_it(rw_store: SqlStore) -> None:
    c = make_client(rw_store)
    before = c.get("/api/health").json()["events"]
    article = {
        "id": "idlib-1",
        "title": "غارة على إدلب",
        "published": "2019-06-02",
        "text": STRIKE_TEXT,
    }
    r = c.post("/api/articles", json=article, headers=AUTH)
    assert r.status_code == 200, r.text
    [coded] = r.json()["articles"]
    assert coded["stored"] == "new"
    [ev] = coded["events"]
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["fatalities"] == 7
    assert ev["event_date"] == "2019-06-02"
    assert c.get("/api/health").json()["events"] == before + 1
    assert c.get(f"/api/events/{ev['event_id']}").json()["sources"][0]["title"] == "غارة على إدلب"
    again = c.post("/api/articles", json=[article], headers=AUTH).json()["articles"]
    assert again[0]["stored"] == "known"
    assert again[0]["events"][0]["event_id"] == ev["event_id"]
    assert c.get("/api/health").json()["events"] == before + 1


def test_a_batch_is_one_request(rw_store: SqlStore) -> None:
    c = make_client(rw_store)
    batch = [
        {"url": "https://example.org/a", "published": "2019-06-02", "text": STRIKE_TEXT},
        {
            "url": "https://example.org/b",
            "published": "2019-06-03",
            "text": "تظاهر مئات الطلاب في مدينة الخرطوم يوم الاثنين للمطالبة بالإفراج عن المعتقلين.",
        },
    ]
    r = c.post("/api/articles", json=batch, headers=AUTH)
    assert r.status_code == 200, r.text
    coded = r.json()["articles"]
    assert [a["url"] for a in coded] == ["https://example.org/a", "https://example.org/b"]
    assert coded[1]["events"][0]["event_type"] == "Protests"
    assert r.json()["failures"] == []
    # an article that cannot be coded is named by its place in the batch
    bad = c.post("/api/articles", json=[batch[0], {"text": "   "}], headers=AUTH).json()
    assert len(bad["articles"]) == 1 and len(bad["failures"]) == 1
    assert bad["failures"][0].startswith("article:2")
    assert c.post("/api/articles", json=[], headers=AUTH).status_code == 422
    assert c.post("/api/articles", json={"txt": "x"}, headers=AUTH).status_code == 422


def test_ingest_reads_a_source_the_server_can_read(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "empty.duckdb"))
    try:
        c = make_client(store, ingest_root=EXAMPLES.parent)
        r = c.post("/api/ingest", json={"sources": ["examples"]}, headers=AUTH)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["articles_new"] >= 8 and body["articles_failed"] == 0
        assert body["events"] == c.get("/api/health").json()["events"] > 5
        again = c.post("/api/ingest", json={"sources": [str(EXAMPLES)]}, headers=AUTH).json()
        assert again["articles_new"] == 0
    finally:
        store.close()


def test_the_hostile_article_is_stored_and_served_verbatim(client: TestClient) -> None:
    art = client.get(f"/api/articles/{article_id(XSS_ARTICLE['url'])}").json()
    assert art["title"] == XSS_TITLE
    assert art["text"] == XSS_ARTICLE["text"]
    [mention] = art["mentions"]
    ev = client.get(f"/api/events/{mention['event_id']}").json()
    assert [s["title"] for s in ev["sources"]] == [XSS_TITLE]
    assert ev["sources"][0]["url"] == "javascript:alert(document.domain)"


def test_ingest_reads_no_file_outside_its_folder(rw_store: SqlStore, tmp_path: Path) -> None:
    c = make_client(rw_store, ingest_root=tmp_path)
    for src in ("/etc", "../..", str(EXAMPLES), "file:///etc/passwd"):
        r = c.post("/api/ingest", json={"sources": [src]}, headers=AUTH)
        assert r.status_code == 400, src


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_the_two_step_page_query_matches_the_store_query(
    backend: str, request: pytest.FixtureRequest, ro_store: SqlStore, sources: list[Path]
) -> None:
    from marsad.serve.pages import query_page
    from marsad.store.base import EventFilter

    store = ro_store
    if backend == "postgres":
        store = open_store(request.getfixturevalue("pg_url"))
        fill(store, *sources)
    try:
        for flt in (EventFilter(), EventFilter(country="Syria"), EventFilter(q="killed")):
            for limit in (1, 3, 1000):
                mine, theirs = query_page(store, flt, limit), store.query_events(flt, limit)
                assert mine == theirs
                while theirs.next_cursor:
                    mine = query_page(store, flt, limit, mine.next_cursor)
                    theirs = store.query_events(flt, limit, theirs.next_cursor)
                    assert mine == theirs
    finally:
        if store is not ro_store:
            store.close()


def test_the_docs_page_works_offline(client: TestClient) -> None:
    from marsad.serve.dashboard import NODE_MODULES

    if not (NODE_MODULES / "swagger-ui-dist").is_dir():
        pytest.skip(
            "npm packages not installed (npm ci --ignore-scripts --prefix marsad/serve/web)"
        )
    page = client.get("/docs").text
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page
    assert client.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_a_write_on_postgresql_leaves_the_store_to_other_writers(
    pg_url: str, sources: list[Path]
) -> None:
    store = open_store(pg_url)
    try:
        c = make_client(store)
        r = c.post(
            "/api/articles", json={"published": "2019-06-02", "text": STRIKE_TEXT}, headers=AUTH
        )
        assert r.status_code == 200, r.text
        assert r.json()["articles"][0]["events"]
        other = open_store(pg_url)  # a `marsad ingest` beside the server
        try:
            other.lock_writer()
        finally:
            other.close()
        r = c.post(
            "/api/articles",
            json={"url": "https://example.org/c", "text": STRIKE_TEXT},
            headers=AUTH,
        )
        assert r.status_code == 200, r.text
    finally:
        store.close()


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_an_event_found_by_its_mentions_keys_matches_a_search_by_event_id(
    backend: str, request: pytest.FixtureRequest, ro_store: SqlStore, sources: list[Path]
) -> None:
    """``get_event`` looks its mentions up by the ids the event lists (primary keys); the
    same as every mention whose event_id is the event's."""
    from marsad.store.jsonutil import loads

    store = ro_store
    if backend == "postgres":
        store = open_store(request.getfixturevalue("pg_url"))
        fill(store, *sources)
    try:
        ids = [str(r[0]) for r in store._all("SELECT event_id FROM events")]
        assert len(ids) > 5
        for eid in ids:
            ev = store.get_event(eid)
            assert ev is not None
            rows = store._all(
                "SELECT m.mention_id, m.article_id, a.url, a.title, m.record FROM mentions m "
                "JOIN articles a ON a.article_id = m.article_id WHERE m.event_id = ? "
                "ORDER BY m.mention_id",
                [eid],
            )
            assert [
                (s["mention_id"], s["article_id"], s["url"], s["title"]) for s in ev["sources"]
            ] == [r[:4] for r in rows]
            spans = [e for r in rows for e in loads(r[4]).get("evidence") or []]
            assert [(e["field"], e["start"], e["end"]) for e in ev["evidence"]] == [
                (e["field"], e["start"], e["end"]) for e in spans
            ]
    finally:
        if store is not ro_store:
            store.close()


def test_the_answer_cache_follows_every_write(rw_store: SqlStore) -> None:
    c = make_client(rw_store, cache=64)
    plain = make_client(rw_store)
    for path in ("/api/events?country=Syria", "/api/stats", "/api/events.geojson?limit=3"):
        first, again = c.get(path), c.get(path)
        assert first.status_code == again.status_code == 200
        assert first.content == again.content == plain.get(path).content
        assert first.headers["content-type"] == plain.get(path).headers["content-type"]
    ev = every_event(c)[0]
    assert (
        c.get(f"/api/events/{ev['event_id']}").json()
        == plain.get(f"/api/events/{ev['event_id']}").json()
    )
    assert c.get("/api/events/no-such-event").status_code == 404
    before = c.get("/api/stats").json()["totals"]["events"]
    syria = c.get("/api/events", params={"country": "Syria", "limit": 1000}).json()["events"]
    r = c.post(
        "/api/articles",
        json={"id": "cache-1", "published": "2019-06-02", "text": STRIKE_TEXT},
        headers=AUTH,
    )
    assert r.status_code == 200, r.text
    [new] = r.json()["articles"][0]["events"]
    assert c.get("/api/stats").json()["totals"]["events"] == before + 1
    after = c.get("/api/events", params={"country": "Syria", "limit": 1000}).json()["events"]
    assert {e["event_id"] for e in after} == {e["event_id"] for e in syria} | {new["event_id"]}
    assert c.get(f"/api/events/{new['event_id']}").status_code == 200


def test_the_answer_cache_is_for_duckdb_only(rw_store: SqlStore) -> None:
    from marsad.serve.app import Settings, create_app

    class Elsewhere:
        dialect = "postgres"

    with pytest.raises(ValueError, match="DuckDB"):
        create_app(Elsewhere(), Settings(cache=8))  # type: ignore[arg-type]


def test_the_answer_cache_keeps_to_its_size() -> None:
    from marsad.serve.cache import BodyCache

    cache = BodyCache(100)
    for i in range(10):
        cache.put(i, b"x" * 20)
    assert cache.size <= 100 and len(cache) == 5
    assert cache.get(9) == b"x" * 20 and cache.get(0) is None  # least recently used went
    cache.put("big", b"x" * 26)  # over a quarter of the budget: not kept
    assert cache.get("big") is None and cache.size <= 100
