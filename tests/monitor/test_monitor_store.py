"""The store, against both back ends: ingest, idempotency, reprocessing, failures, queries."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from marsad.engine.ingest import IngestOptions, IngestSummary, run_ingest
from marsad.engine.local import LocalEngine
from marsad.store.base import EventFilter, NewArticle, StoreError, WriteBatch
from marsad.store.open import open_store
from marsad.store.schema import SCHEMA_VERSION, SCHEMA_VERSION_KEY
from marsad.store.sql import SqlStore

STRIKE_DAY = dt.date(2019, 5, 14)


def ingest(store: SqlStore, *sources: Path | str, **opts: object) -> IngestSummary:
    return run_ingest(store, [str(s) for s in sources], LocalEngine(1), IngestOptions(**opts))  # type: ignore[arg-type]


def counts(store: SqlStore) -> dict[str, int]:
    t: dict[str, int] = store.stats()["totals"]
    return t


def strike(store: SqlStore) -> dict[str, object]:
    page = store.query_events(
        EventFilter(
            country="Syria", since=STRIKE_DAY, until=STRIKE_DAY, event_type="Air/drone strike"
        )
    )
    assert len(page.events) == 1, page.events
    return page.events[0]


def test_examples_give_one_event_per_strike_with_every_source(
    store: SqlStore, examples: Path
) -> None:
    s = ingest(store, examples)
    assert (s.new, s.skipped, s.failed) == (9, 0, 0)
    ev = strike(store)
    assert ev["n_sources"] == 3
    assert ev["fatalities"] == 9  # 9, 11 and 12 reported: the lowest figure
    outlets = {src["outlet"] for src in ev["sources"]}  # type: ignore[union-attr]
    assert outlets == {"maarat-shelling.txt", "news.example.org", "wire.example.net"}
    assert "Sources:" in str(ev["notes"])
    assert s.events_total == counts(store)["events"] < s.mentions


def test_a_second_run_adds_nothing(store: SqlStore, examples: Path) -> None:
    ingest(store, examples)
    before = counts(store)
    s = ingest(store, examples)
    assert (s.new, s.skipped, s.mentions, s.events_new) == (0, 9, 0, 0)
    after = counts(store)
    assert {k: after[k] for k in ("articles", "mentions", "events")} == {
        k: before[k] for k in ("articles", "mentions", "events")
    }


def test_the_same_text_at_another_path_is_skipped(
    store: SqlStore, examples: Path, tmp_path: Path
) -> None:
    ingest(store, examples / "taiz-clashes.txt")
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    text = (examples / "taiz-clashes.txt").read_text(encoding="utf-8")
    copy.write_text("  " + text.replace("\n\n", "\n \n"), encoding="utf-8")  # whitespace differs
    s = ingest(store, copy)
    assert (s.new, s.skipped) == (0, 1)


def test_reprocess_replaces_mentions_and_keeps_articles(store: SqlStore, examples: Path) -> None:
    ingest(store, examples)
    before = counts(store)
    events_before = {e["event_id"]: e["n_sources"] for e in store.query_events().events}
    s = ingest(store, examples, reprocess=True)
    assert (s.new, s.reprocessed, s.skipped) == (0, 9, 0)
    after = counts(store)
    assert {k: after[k] for k in ("articles", "mentions", "events")} == {
        k: before[k] for k in ("articles", "mentions", "events")
    }
    assert {e["event_id"]: e["n_sources"] for e in store.query_events().events} == events_before
    assert not store.events_stale()
    assert [r["articles_reprocessed"] for r in store.runs()] == [0, 9]


def test_a_batch_is_written_whole_or_not_at_all(store: SqlStore) -> None:
    run_id = store.begin_run("test", {})
    art = NewArticle("a1", "file:///a1", "", None, None, "نص", "h1", [])
    twice = WriteBatch(run_id, articles=[art, art], failures=[("x", "x: bad")])
    with pytest.raises(Exception):  # noqa: B017 — each back end raises its own error class
        store.write_batch(twice)
    assert counts(store)["articles"] == 0
    assert counts(store)["failures"] == 0
    store.write_batch(WriteBatch(run_id, articles=[art]))
    assert counts(store)["articles"] == 1


def test_bad_inputs_are_recorded_and_the_rest_is_stored(
    store: SqlStore, examples: Path, bad_sources: Path
) -> None:
    s = ingest(store, bad_sources)
    reasons = [reason for _run, _src, reason in store.failures(s.run_id)]
    assert s.failed == len(reasons) == 4, reasons
    text = "\n".join(reasons)
    assert "no article text found" in text or "not a readable HTML page" in text
    assert "the feed has no items" in text
    assert "damaged WARC after 1 record" in text
    assert "bad.jsonl:2: not JSON" in text
    # the good parts: the text file, the first WARC record, two JSONL lines
    assert s.new == 4
    assert counts(store)["articles"] == 4


def test_filters(examples_store: SqlStore) -> None:
    store = examples_store
    every = store.query_events(limit=1000).events

    def ids(flt: EventFilter) -> set[str]:
        return {e["event_id"] for e in store.query_events(flt).events}

    yemen = ids(EventFilter(country="yemen"))
    assert yemen and yemen == {e["event_id"] for e in every if e["country"] == "Yemen"}
    hit = strike(store)
    province = str(hit["admin1"])
    assert hit["event_id"] in ids(EventFilter(admin1=province.upper()))
    assert ids(EventFilter(admin1=province)) == {
        e["event_id"] for e in every if e["admin1"] == province
    }
    assert ids(EventFilter(event_type="battles")) == {
        e["event_id"] for e in every if e["event_type"] == "Battles"
    }
    houthis = ids(EventFilter(actor="ansar"))
    assert houthis and all(
        "Ansar Allah" in (e["actor1"], e["actor2"]) for e in every if e["event_id"] in houthis
    )
    may = ids(EventFilter(since=dt.date(2019, 5, 1), until=dt.date(2019, 5, 31)))
    assert may == {e["event_id"] for e in every if e["event_date"] and e["event_date"].month == 5}
    # a small box around Maarat al-Numan (36.68 E, 35.65 N)
    assert ids(EventFilter(bbox=(36.5, 35.5, 36.8, 35.8))) == {hit["event_id"]}
    assert ids(EventFilter(country="Syria", event_type="Protests")) and not ids(
        EventFilter(country="Sudan", since=dt.date(2020, 1, 1))
    )


def test_pages_follow_the_cursor_without_gaps_or_repeats(examples_store: SqlStore) -> None:
    store = examples_store
    every = [e["event_id"] for e in store.query_events(limit=1000).events]
    seen: list[str] = []
    cursor = None
    while True:
        page = store.query_events(limit=2, cursor=cursor)
        seen += [e["event_id"] for e in page.events]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == every
    dates = [e["event_date"] for e in store.query_events(limit=1000).events]
    known = [d for d in dates if d is not None]
    assert known == sorted(known) and dates[: len(known)] == known  # undated last


def test_event_and_article_details(examples_store: SqlStore) -> None:
    store = examples_store
    ev = store.get_event(str(strike(store)["event_id"]))
    assert ev is not None
    assert len(ev["sources"]) == 3
    assert all(s["url"] and s["mention_id"] for s in ev["sources"])
    fields = {e["field"] for e in ev["evidence"]}
    assert {"event_type", "location"} <= fields
    assert {e["article_id"] for e in ev["evidence"]} == {s["article_id"] for s in ev["sources"]}
    art = store.get_article(ev["sources"][0]["article_id"])
    assert art is not None and art["text"] and art["text_hash"]
    quoted = [e for m in art["mentions"] for e in m["evidence"] if e["field"] == "event_type"]
    assert quoted and all(art["text"][e["start"] : e["end"]] == e["text"] for e in quoted)
    assert store.get_event("no-such-event") is None and store.get_article("nope") is None


def test_stats(examples_store: SqlStore) -> None:
    store = examples_store
    s = store.stats()
    assert s["totals"]["articles"] == 9
    assert sum(n for _k, n in s["by_type"]) == s["totals"]["events"]
    assert dict(s["by_country"])["Syria"] >= 3
    expected: dict[dt.date, int] = {}
    for e in store.query_events().events:
        if e["event_date"] is not None:
            monday = e["event_date"] - dt.timedelta(days=e["event_date"].weekday())
            expected[monday] = expected.get(monday, 0) + 1
    assert dict(s["by_week"]) == expected
    assert expected[dt.date(2019, 5, 13)] >= 2  # the strike (Tue 14 May) and the protest


def test_schema_is_versioned_and_reopening_migrates_nothing(db: str) -> None:
    s = open_store(db)
    assert s.schema_version() == SCHEMA_VERSION
    s.close()
    s = open_store(db)
    assert s.schema_version() == SCHEMA_VERSION
    with s.transaction():
        s._set_meta(SCHEMA_VERSION_KEY, str(SCHEMA_VERSION + 1))
    s.close()
    with pytest.raises(StoreError, match="upgrade marsad"):
        open_store(db)


@pytest.fixture
def bad_sources(tmp_path: Path, examples: Path) -> Path:
    """A folder with one good text file and four bad inputs (each with good parts or not)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    d = tmp_path / "inbox"
    d.mkdir()
    shutil.copy(examples / "taiz-clashes.txt", d / "good.txt")
    (d / "corrupt.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (d / "empty.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        encoding="utf-8",
    )
    good = (examples / "maarat-shelling.txt").read_text(encoding="utf-8")
    other = (examples / "taiz-clashes.txt").read_text(encoding="utf-8").replace("تعز", "عدن")
    lines = [
        json.dumps({"url": "https://x.example/1", "published": "2019-05-15", "text": good}),
        '{"url": "https://x.example/2", "text": ',
        json.dumps({"url": "https://x.example/3", "text": other}),
    ]
    (d / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    warc = d / "crawl.warc.gz"
    with warc.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, body in enumerate(
            (
                _page("قتل خمسة مدنيين في قصف على مدينة حلب يوم الاثنين 13 أيار/مايو 2019."),
                _page("نص " * 3000),
            )
        ):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            w.write_record(
                w.create_warc_record(
                    f"https://w.example/{i}",
                    "response",
                    payload=_bytes_io(body),
                    http_headers=headers,
                )
            )
    data = warc.read_bytes()
    first_end = _first_gzip_member_end(data)
    warc.write_bytes(data[: first_end + (len(data) - first_end) // 2])  # cut in the second record
    return d


def _page(text: str) -> bytes:
    return f"<html><head><title>خبر</title></head><body><article><p>{text}</p></article></body></html>".encode()


def _bytes_io(b: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(b)


def _first_gzip_member_end(data: bytes) -> int:
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    d.decompress(data)
    return len(data) - len(d.unused_data)


def test_one_writer_at_a_time(pg_url: str, examples: Path) -> None:
    first, second = open_store(pg_url), open_store(pg_url)
    try:
        first.lock_writer()
        with pytest.raises(StoreError, match="another marsad ingest is writing"):
            ingest(second, examples / "taiz-clashes.txt")
    finally:
        first.close()
    s = ingest(second, examples / "taiz-clashes.txt")  # the lock went with the connection
    assert s.new == 1
    second.close()


def test_a_duckdb_checkpoint_folds_only_a_large_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from marsad.store import duckdb as duck

    path = tmp_path / "s.duckdb"
    store = duck.DuckDBStore(path)
    store.lock_writer()
    run_id = store.begin_run("test", {})
    art = NewArticle("a1", "file:///a1", "", None, None, "نص " * 2000, "h1", [])
    store.write_batch(WriteBatch(run_id, articles=[art]))
    wal = Path(str(path) + ".wal")
    logged = wal.stat().st_size
    assert logged > 0
    monkeypatch.setattr(duck, "CHECKPOINT_NOW_MIN", logged + 1)
    store.checkpoint()
    assert wal.stat().st_size == logged  # small: left for close
    monkeypatch.setattr(duck, "CHECKPOINT_NOW_MIN", logged)
    store.checkpoint()
    assert not wal.exists() or wal.stat().st_size < logged
    assert store._one("SELECT count(*) FROM articles") == 1
    store.close()
