"""The Ray engine: ingest and deduplicate on a Ray cluster (``pip install -e .[ray]``).

``marsad ingest SOURCE… --engine ray``:

1. the driver cuts the sources into shards (:mod:`marsad.engine.shards`: ranges of lines of
   JSON Lines files, groups of other files);
2. a Ray dataset of those shards is mapped, one task per shard, by
   :func:`marsad.engine.stage.code_shard`: read the shard, code it in batches, write its
   results as one Parquet partition in the stage folder (shared storage on a cluster);
3. as partitions land, the driver loads them into the store in shard order
   (:mod:`marsad.engine.bulk`), with the same selection and deduplication as the local
   runner: the same articles, mentions, events and ids as ``--engine local``.

A task whose worker dies is retried (``max_retries``); its partition is written whole or not
at all, so every article is loaded once. ``marsad dedup --engine ray`` rebuilds the events
with :mod:`marsad.engine.partitioned` (country × week partitions as Ray tasks).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import socket
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from marsad.engine.bulk import Staged, load_staged
from marsad.engine.extract import code_batch
from marsad.engine.ingest import IngestOptions, IngestSummary
from marsad.engine.shards import SHARD_ARTICLES, Shard, plan
from marsad.engine.stage import Coder
from marsad.store.base import Store

PLAN_FILE = "plan.json"


class RayUnavailable(RuntimeError):
    """Ray is not installed, or the cluster cannot be reached (``str`` is one line)."""


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise RayUnavailable(
            "the Ray engine needs the ray extra: pip install 'marsad[ray]'"
        ) from None
    return ray


def connect(
    address: str | None = None,
    *,
    num_cpus: int | None = None,
    object_store_memory: int | None = None,
) -> None:
    """Join the cluster at ``address`` (``auto``, ``ray://HOST:PORT``, ``HOST:PORT``), or
    start a Ray on this machine when it is None; nothing if Ray is already initialised."""
    ray = _ray()
    if address and address != "auto":
        _check_reachable(address)
    if ray.is_initialized():
        return
    # Ray >= 2.50 warns that a future version stops overriding the accelerator variables
    # when no GPU is asked for; marsad asks for none, so take the future behaviour now
    os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")
    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": logging.WARNING,
        "configure_logging": True,
        "log_to_driver": False,  # workers' logs stay in the session's log folder
    }
    if address and address.startswith("ray://"):  # Ray Client: the server side inits
        kwargs = {"logging_level": logging.WARNING, "log_to_driver": False}
    try:
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=num_cpus, object_store_memory=object_store_memory, **kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        msg = " ".join(str(exc).split())[:300]
        raise RayUnavailable(f"cannot reach the Ray cluster {address or ''}: {msg}") from None


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail at once on an address nothing listens at (``ray.init`` would retry for minutes)."""
    hostport = address.removeprefix("ray://").rsplit("/", 1)[0]
    host, sep, port = hostport.rpartition(":")
    if not sep or not port.isdigit():
        raise RayUnavailable(f"not a Ray address (auto, ray://HOST:PORT or HOST:PORT): {address!r}")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise RayUnavailable(
            f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}"
        ) from None


def cluster_cpus() -> int:
    return int(_ray().cluster_resources().get("CPU", 1))


def _code_shard_row(
    row: dict[str, Any],
    published: str | None,
    stage: str,
    batch_size: int,
    coder: Coder,
) -> dict[str, Any]:
    """The Ray Data map function: one shard in, its staging summary out."""
    import ray

    from marsad.engine.stage import code_shard

    shard: Shard = json.loads(row["spec"])
    day = dt.date.fromisoformat(published) if published else None
    out: dict[str, Any] = dict(code_shard(shard, day, stage, batch_size, coder))
    out["node"] = ray.get_runtime_context().get_node_id()
    return out


def _plan_text(shards: list[Shard], published: dt.date | None) -> str:
    """What a stage was made from: the shards, the files as they were (size, time), the
    default date and the pipeline version."""
    from marsad import __version__

    files: dict[str, list[int]] = {}
    for s in shards:
        for name in s["sources"] if s["kind"] == "sources" else [s["path"]]:
            try:
                st = Path(name).stat()
                files[name] = [st.st_size, st.st_mtime_ns]
            except OSError:
                continue
    plan = {
        "shards": shards,
        "files": files,
        "published": published.isoformat() if published else None,
        "pipeline_version": __version__,
    }
    return json.dumps(plan, sort_keys=True, ensure_ascii=False)


def _prepare_stage(stage: Path, shards: list[Shard], published: dt.date | None) -> set[int]:
    """Make ``stage`` ready for ``shards``; return the shards already staged there by an
    interrupted run over the same plan and inputs (they are not coded again)."""
    from marsad.engine.stage import part_path

    stage.mkdir(parents=True, exist_ok=True)
    manifest = stage / PLAN_FILE
    text = _plan_text(shards, published)
    if manifest.is_file() and manifest.read_text(encoding="utf-8") == text:
        return {int(s["shard"]) for s in shards if part_path(stage, int(s["shard"])).is_file()}
    for old in stage.glob("part-*.parquet"):
        old.unlink()
    manifest.write_text(text, encoding="utf-8")
    return set()


class RayIngest:
    """``marsad ingest --engine ray``: see the module docstring."""

    def __init__(
        self,
        stage: str | Path | None = None,
        *,
        shard_articles: int = SHARD_ARTICLES,
        max_retries: int = 3,
        coder: Coder = code_batch,
        keep_stage: bool = False,
    ) -> None:
        self.stage = Path(stage) if stage is not None else None
        self.shard_articles = shard_articles
        self.max_retries = max_retries
        self.coder = coder
        self.keep_stage = keep_stage or stage is not None
        #: how many shards each Ray node coded in the last run (node id -> shards)
        self.shards_per_node: Counter[str] = Counter()

    def run(
        self,
        store: Store,
        sources: Iterable[str],
        opts: IngestOptions | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> IngestSummary:
        opts = opts or IngestOptions()
        source_list = list(sources)
        shards = plan(source_list, self.shard_articles)
        stage = self.stage or Path(tempfile.mkdtemp(prefix="marsad-stage-"))
        done = _prepare_stage(stage, shards, opts.published)
        self.shards_per_node.clear()
        params: dict[str, Any] = {
            "sources": source_list,
            "published": opts.published.isoformat() if opts.published else None,
            "reprocess": opts.reprocess,
            "workers": cluster_cpus(),
            "engine": "ray",
            "shards": len(shards),
        }
        try:
            summary = load_staged(
                store, lambda: self._staged(stage, shards, done, opts), params, opts, progress
            )
        finally:
            if not self.keep_stage:
                shutil.rmtree(stage, ignore_errors=True)
        return summary

    def _staged(
        self, stage: Path, shards: list[Shard], done: set[int], opts: IngestOptions
    ) -> Iterator[Staged]:
        """Every staged item in shard order, as soon as its shard is staged."""
        from marsad.engine.stage import read_part

        todo = [s for s in shards if int(s["shard"]) not in done]
        ready = set(done)
        nxt = 0
        if todo:
            ray = _ray()
            from ray.data import DataContext

            DataContext.get_current().enable_progress_bars = False
            logging.getLogger("ray.data").setLevel(logging.WARNING)
            logging.getLogger("ray.data._internal.execution.resource_manager").setLevel(
                logging.ERROR  # "object store is small": it only passes shard summaries
            )
            ds = ray.data.from_items(
                [{"shard": s["shard"], "spec": json.dumps(s)} for s in todo],
                override_num_blocks=len(todo),
            ).map(
                _code_shard_row,
                fn_kwargs={
                    "published": opts.published.isoformat() if opts.published else None,
                    "stage": str(stage.resolve()),
                    "batch_size": opts.batch_size,
                    "coder": self.coder,
                },
                num_cpus=1,
                max_retries=self.max_retries,
                retry_exceptions=False,
            )
            for row in ds.iter_rows():
                self.shards_per_node[str(row["node"])] += 1
                ready.add(int(row["shard"]))
                while nxt < len(shards) and nxt in ready:
                    yield from read_part(stage, nxt)
                    nxt += 1
        while nxt < len(shards):
            yield from read_part(stage, nxt)
            nxt += 1


def ray_mapper(max_retries: int = 3) -> Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]:
    """``mapper(fn, items)``: ``fn`` on every item as a Ray task (one CPU each), in order."""
    ray = _ray()

    # a Python function around ``fn``: Ray takes no compiled function (marsad.native)
    task = ray.remote(num_cpus=1, max_retries=max_retries)(_apply)

    def run(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return list(ray.get([task.remote(fn, x) for x in items]))

    return run


def _apply(fn: Callable[[Any], Any], item: Any) -> Any:
    return fn(item)


def rebuild_events_ray(store: Store, run_id: int, max_retries: int = 3) -> tuple[int, int]:
    """``marsad dedup --engine ray``: deduplicate every stored mention in country × week
    partitions on the cluster, replace the events; return (mentions, events)."""
    from marsad.engine.partitioned import rebuild_partitioned

    event_of, events = rebuild_partitioned(store.iter_mentions(), ray_mapper(max_retries))
    store.replace_all_events(run_id, event_of, events)
    return len(event_of), len(events)
