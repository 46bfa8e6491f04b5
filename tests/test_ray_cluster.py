"""A two-node Ray cluster on this machine (``ray.cluster_utils.Cluster``, one CPU per node):
shards are coded on both nodes and the store is the one the local engine builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from ray.cluster_utils import Cluster  # noqa: E402
from ray_support import RAY_OPTS, dump, write_sources  # noqa: E402

from marsad.cli import main  # noqa: E402
from marsad.engine.ingest import IngestOptions  # noqa: E402
from marsad.engine.ray import RayIngest, connect  # noqa: E402
from marsad.store.duckdb import DuckDBStore  # noqa: E402

NODE = {"num_cpus": 1, "object_store_memory": RAY_OPTS["object_store_memory"]}


@pytest.fixture(scope="module")
def two_nodes() -> Iterator[Cluster]:
    if ray.is_initialized():
        ray.shutdown()
    cluster = Cluster(initialize_head=True, head_node_args={**NODE, "include_dashboard": False})
    cluster.add_node(**NODE)
    cluster.wait_for_nodes()
    connect(cluster.address)  # what --ray-address HOST:PORT does
    yield cluster
    ray.shutdown()
    cluster.shutdown()


def test_shards_spread_over_both_nodes(two_nodes: Cluster, tmp_path: Path) -> None:
    assert len([n for n in ray.nodes() if n["Alive"]]) == 2
    sources = write_sources(tmp_path / "src", 24, seed=11)
    local = tmp_path / "local.duckdb"
    assert main(["ingest", *sources, "--db", str(local), "--workers", "1", "-q"]) == 1

    engine = RayIngest(shard_articles=4, stage=tmp_path / "shared-stage")
    db = tmp_path / "cluster.duckdb"
    store = DuckDBStore(db)
    try:
        summary = engine.run(store, sources, IngestOptions())
    finally:
        store.close()
    assert summary.new > 24
    assert len(engine.shards_per_node) == 2  # both nodes coded shards
    assert all(n >= 1 for n in engine.shards_per_node.values())
    assert dump(db) == dump(local)
