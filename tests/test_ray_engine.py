"""``--engine ray`` against a real Ray on this machine (two CPUs): the same store as the
local engine, bad articles failing alone, a killed worker retried without doubles, and
``marsad dedup`` giving the same events in country × week partitions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from ray_support import RAY_OPTS, dump, write_sources  # noqa: E402

from marsad.cli import main  # noqa: E402
from marsad.engine.ingest import IngestOptions  # noqa: E402
from marsad.engine.ray import RayIngest  # noqa: E402
from marsad.store.duckdb import DuckDBStore  # noqa: E402


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    if ray.is_initialized():
        ray.shutdown()
    ray.init(num_cpus=2, **RAY_OPTS)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_sources(tmp_path_factory.mktemp("sources"), 150, seed=5)


@pytest.fixture(scope="module")
def local_db(tmp_path_factory: pytest.TempPathFactory, sources: list[str]) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    assert main(["ingest", *sources, "--db", str(db), "--workers", "1", "-q"]) == 1  # bad lines
    return db


def _ray_ingest(db: Path, sources: list[str], **kw: object) -> RayIngest:
    engine = RayIngest(shard_articles=40, **kw)  # type: ignore[arg-type]
    store = DuckDBStore(db)
    try:
        engine.run(store, sources, IngestOptions())
    finally:
        store.close()
    return engine


def test_ray_ingest_equals_local(
    local_ray: None, local_db: Path, sources: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "ray.duckdb"
    assert main(["ingest", *sources, "--db", str(db), "--engine", "ray", "-q"]) == 1
    got, want = dump(db), dump(local_db)
    assert len(want["articles"]) >= 200
    for table in ("articles", "mentions", "events", "failures"):
        assert got[table] == want[table], table
    # the corpus really merges reports of two outlets into one event
    assert any("daily.example" in str(ev) and "wire" in str(ev) for ev in want["events"])
    # a second run adds nothing
    assert main(["ingest", sources[1], "--db", str(db), "--engine", "ray", "-q"]) == 0
    assert dump(db) == got
    # --reprocess replaces the mentions and rebuilds the events as the local engine does
    local_again = tmp_path / "local-again.duckdb"
    shutil.copy(local_db, local_again)
    again = ["ingest", sources[1], "--reprocess", "-q"]
    assert main([*again, "--db", str(local_again), "--workers", "1"]) == 0
    assert main([*again, "--db", str(db), "--engine", "ray"]) == 0
    assert dump(db) == dump(local_again)


def test_bad_articles_fail_alone(local_ray: None, local_db: Path) -> None:
    reasons = [reason for _, reason in dump(local_db)["failures"]]
    assert len(reasons) == 3
    assert any("not JSON" in r for r in reasons)
    assert any("no 'text'" in r for r in reasons)
    assert any("not a JSON object" in r for r in reasons)


def test_a_killed_worker_is_retried_and_each_article_stored_once(
    local_ray: None, local_db: Path, sources: list[str], tmp_path: Path
) -> None:
    marker = tmp_path / "killed-once"

    def kill_once(batch):  # type: ignore[no-untyped-def]
        import os
        import signal

        from marsad.engine.extract import code_batch

        if any(a.url.endswith("-30") for a in batch):
            try:
                fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass  # the retry: code as usual
            else:
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                os.kill(os.getpid(), signal.SIGKILL)  # this worker process dies mid-shard
        return code_batch(batch)

    db = tmp_path / "killed.duckdb"
    _ray_ingest(db, sources, coder=kill_once, max_retries=2)
    assert marker.is_file()  # a worker really died
    got, want = dump(db), dump(local_db)
    ids = [row[0] for row in got["articles"]]
    assert len(ids) == len(set(ids))
    assert got == want


def test_an_interrupted_stage_is_reused(
    local_ray: None, sources: list[str], tmp_path: Path
) -> None:
    stage = tmp_path / "stage"
    first = tmp_path / "first.duckdb"
    engine = _ray_ingest(first, sources[:1], stage=stage)
    parts = sorted(stage.glob("part-*.parquet"))
    assert len(parts) == sum(engine.shards_per_node.values()) > 2
    parts[-1].unlink()  # as if the run had stopped before the last shard
    second = tmp_path / "second.duckdb"
    engine = _ray_ingest(second, sources[:1], stage=stage)
    assert sum(engine.shards_per_node.values()) == 1  # only the missing shard was coded
    assert dump(second) == dump(first)


def test_dedup_ray_equals_local(local_ray: None, local_db: Path, tmp_path: Path) -> None:
    by_ray, by_local = tmp_path / "r.duckdb", tmp_path / "l.duckdb"
    shutil.copy(local_db, by_ray)
    shutil.copy(local_db, by_local)
    assert main(["dedup", "--db", str(by_local), "-q"]) == 0
    assert main(["dedup", "--db", str(by_ray), "--engine", "ray", "-q"]) == 0
    got, want = dump(by_ray), dump(by_local)
    assert got["events"] == want["events"]
    assert got["mentions"] == want["mentions"]
    assert len(want["events"]) < len(want["mentions"])  # some mentions were merged


def test_an_unreachable_cluster_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.duckdb")
    assert (
        main(
            ["ingest", str(tmp_path), "--db", db, "--engine", "ray", "--ray-address", "127.0.0.1:1"]
        )
        == 2
    )
    assert main(["dedup", "--db", db, "--engine", "ray", "--ray-address", "nowhere"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "marsad: error: cannot reach the Ray cluster at 127.0.0.1:1: Connection refused",
        "marsad: error: not a Ray address (auto, ray://HOST:PORT or HOST:PORT): 'nowhere'",
    ]
