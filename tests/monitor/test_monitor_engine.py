"""The local engine: a pool of worker processes gives the same store as one process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad.engine.extract import code_batch
from marsad.engine.ingest import run_ingest
from marsad.engine.local import EngineError, LocalEngine, default_workers
from marsad.ingest import ArticleRecord
from marsad.store.duckdb import DuckDBStore


def _contents(store: DuckDBStore) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    mentions = store._all("SELECT mention_id, event_id, record FROM mentions ORDER BY mention_id")
    events = store._all(
        "SELECT event_id, n_sources, fatalities, sources FROM events ORDER BY event_id"
    )
    return mentions, events


def test_two_workers_store_what_one_stores(tmp_path: Path, examples: Path) -> None:
    results = []
    for workers in (1, 2):
        store = DuckDBStore(tmp_path / f"w{workers}.duckdb")
        with LocalEngine(workers) as engine:
            summary = run_ingest(store, [str(examples)], engine)
        assert summary.new == 9
        results.append(_contents(store))
        store.close()
    assert results[0] == results[1]


def test_results_come_back_in_the_order_of_the_batches() -> None:
    batches = [
        [ArticleRecord(f"a{i}", f"u{i}", "", None, None, "قتل مدني في قصف على حلب")]
        for i in range(7)
    ]
    with LocalEngine(2) as engine:
        out = list(engine.map_batches(code_batch, batches))
    assert [b[0].article.id for b in out] == [f"a{i}" for i in range(7)]


def test_a_failing_article_is_reported_not_raised() -> None:
    bad = ArticleRecord("x", "u", "", None, None, None)  # type: ignore[arg-type]
    (coded,) = code_batch([bad])
    assert coded.error is not None and coded.mentions == [] and "extraction failed" in coded.error


def test_default_workers_is_every_core() -> None:
    assert default_workers() >= 1
    with LocalEngine() as engine:
        assert engine.workers == default_workers()


def _die(batch: list[int]) -> list[int]:
    os._exit(3)  # a worker killed in the middle of a batch


def test_workers_run_at_a_lower_priority_than_the_writer() -> None:
    """The writing process must keep up with the workers (a backlog at the end of a run is
    written on one core while the others idle): the scheduler favours it."""
    from marsad.engine.local import WORKER_NICE

    ours = os.nice(0)
    with LocalEngine(2) as engine:
        theirs = list(engine.map_batches(os.nice, [0, 0, 0]))
    assert WORKER_NICE > 0
    assert theirs == [min(19, ours + WORKER_NICE)] * 3
    assert os.nice(0) == ours  # the writer's own priority is left alone


def test_a_dead_worker_stops_the_run_instead_of_hanging() -> None:
    with LocalEngine(2) as engine, pytest.raises(EngineError, match="worker process died"):
        list(engine.map_batches(_die, [[1], [2], [3]]))


def test_the_ingest_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    bench = str(Path(__file__).resolve().parents[2] / "bench")
    sys.path.insert(0, bench)
    try:
        import ingest_throughput
    finally:
        sys.path.remove(bench)
    assert ingest_throughput.main(["--n", "12", "--words", "60", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert "[1] 1 worker(s):" in out and "[2] 2 worker(s):" in out
    assert out.count("stored 12 articles") == 4
    assert "ingest (median of 2 pairs): 1 worker " in out


def _finish_time(batch: list[int]) -> float:
    import time

    time.sleep(0.02)
    return time.monotonic()


def test_workers_keep_coding_while_the_writer_is_held_up() -> None:
    # the writer (the consumer of the results) stalls, as during a checkpoint of the
    # store: batches sent ahead keep the workers busy meanwhile
    import time

    with LocalEngine(2) as engine:
        results = engine.map_batches(_finish_time, [[i] for i in range(40)])
        next(results)
        time.sleep(1.0)
        resumed = time.monotonic()
        done_before = sum(1 for t in results if t < resumed)
    assert done_before > 4 * engine.workers  # more than the old window of 2 per worker


def _spy_on_checkpoints(store: DuckDBStore) -> list[int]:
    """Record, at each checkpoint the runner asks for, how many batches it had written."""
    writes, calls = [0], []
    write, checkpoint = store.write_batch, store.checkpoint

    def counted_write(batch):  # type: ignore[no-untyped-def]
        write(batch)
        writes[0] += 1

    def counted_checkpoint() -> None:
        calls.append(writes[0])
        checkpoint()

    store.write_batch = counted_write  # type: ignore[method-assign]
    store.checkpoint = counted_checkpoint  # type: ignore[method-assign]
    return calls


def test_with_workers_the_store_checkpoints_while_they_code_the_last_batches(
    tmp_path: Path,
) -> None:
    # closing the store folds its write-ahead log into the tables, on one core while
    # nothing else runs; with several workers the runner asks for it earlier, once the
    # sources are read and the workers still code TAIL_BATCHES_PER_WORKER each
    from marsad.engine.ingest import TAIL_BATCHES_PER_WORKER, IngestOptions

    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(TAIL_BATCHES_PER_WORKER * 2 + 6):  # one article per batch
        (folder / f"{i}.txt").write_text(
            f"قتل {i + 2} مدنيين في قصف مدفعي على مدينة حلب يوم {i % 28 + 1} آذار 2019.",
            encoding="utf-8",
        )
    store = DuckDBStore(tmp_path / "s.duckdb")
    calls = _spy_on_checkpoints(store)
    with LocalEngine(2) as engine:
        summary = run_ingest(store, [str(folder)], engine, IngestOptions(batch_size=1))
    batches = summary.new + summary.failed
    assert batches == TAIL_BATCHES_PER_WORKER * 2 + 6
    assert calls == [batches - TAIL_BATCHES_PER_WORKER * 2]  # once, with that many to go
    store.close()


def test_one_worker_leaves_the_checkpoint_to_close(tmp_path: Path, examples: Path) -> None:
    from marsad.engine.ingest import IngestOptions

    store = DuckDBStore(tmp_path / "s.duckdb")
    calls = _spy_on_checkpoints(store)
    with LocalEngine(1) as engine:
        run_ingest(store, [str(examples)], engine, IngestOptions(batch_size=1))
    assert calls == []  # nothing runs beside it: checkpointing earlier would gain nothing
    store.close()


def test_the_ingest_writer_compresses_text_with_zstd(tmp_path: Path, examples: Path) -> None:
    """DuckDB's own choice analyses every text segment for dictionary and FSST encoding
    at each checkpoint, most of the checkpoint's time; the writer asks for zstd instead."""
    import duckdb

    from marsad.engine.ingest import IngestOptions
    from marsad.store.duckdb import COMPRESSION

    store = DuckDBStore(tmp_path / "s.duckdb")
    with LocalEngine(1) as engine:
        run_ingest(store, [str(examples)], engine, IngestOptions())
    store.close()
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    info = "SELECT DISTINCT compression FROM pragma_storage_info(?) WHERE column_name = ?"
    for table, column in [("mentions", "record"), ("articles", "text"), ("events", "notes")]:
        used = {row[0] for row in con.execute(info, [table, column]).fetchall()}
        assert COMPRESSION.upper() in used, (table, column, used)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0  # reads back
    con.close()
