"""Ingest throughput of the engines side by side: local with 1 and 2 workers, Ray with 2 CPUs.

    python bench/scale.py [--n 20000] [--words 600] [--seed 0] [--dedup] [--json]

Generates ``n`` articles (bench/corpus.py) into one JSON Lines file and ingests it into a
fresh DuckDB store three times: ``LocalEngine(1)``, ``LocalEngine(2)``, and the Ray engine on
a Ray started here with ``num_cpus=2``. Each time counts from the engine's start to the last
write (worker start-up and knowledge-base loading included; starting Ray itself is reported
apart, as a cluster is started once for many runs). Peak memory per worker is the largest
peak RSS (``VmHWM``) of any worker process: pool processes for the local engine, ``ray::``
worker processes for Ray (with one local worker the driver codes itself); the driver's own
largest RSS during each run is shown beside it. The Ray stage is then loaded again into a fresh store (every shard
reused): the driver's load rate alone, which bounds a cluster. ``--dedup`` also times ``marsad dedup`` local vs Ray on the last store.

Targets: Ray's overhead against local 2 workers <= 15%; peak memory per worker < 1 GiB.
This is a report, not a test: it exits 0 unless it crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import generate_articles  # bench/ is on sys.path when run as a script

TARGET_OVERHEAD = 0.15
TARGET_WORKER_BYTES = 1 << 30


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _descendants(root: int) -> list[int]:
    kids = _children()
    out: list[int] = []
    todo = list(kids.get(root, []))
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _peak_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


class WorkerMemory:
    """Samples the peak RSS of this process's worker descendants while it runs, and this
    process's own largest RSS (the driver: reading, deduplicating, writing the store)."""

    def __init__(self, is_worker: Callable[[str], bool]) -> None:
        self.is_worker = is_worker
        self.peaks: dict[int, int] = {}
        self.driver = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.5)

    def sample(self) -> None:
        self.driver = max(self.driver, _rss(os.getpid()))
        for pid in _descendants(os.getpid()):
            if self.is_worker(_cmdline(pid)):
                self.peaks[pid] = max(self.peaks.get(pid, 0), _peak_rss(pid))

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()

    @property
    def peak(self) -> int:
        return max(self.peaks.values(), default=0)


def write_jsonl(path: Path, n: int, seed: int, words: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, a in enumerate(generate_articles(n, seed=seed, words=words)):
            row = {
                "id": i,
                "url": f"https://wire{i % 7}.example/{seed}/{i}",
                "published": a.published.isoformat(),
                "text": a.text,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_local(src: Path, db: Path, workers: int) -> dict[str, Any]:
    from marsad.engine.ingest import run_ingest
    from marsad.engine.local import LocalEngine
    from marsad.store.duckdb import DuckDBStore

    with WorkerMemory(lambda cmd: "multiprocessing" in cmd) as mem:
        started = time.perf_counter()
        with LocalEngine(workers) as engine:
            store = DuckDBStore(db)
            try:
                summary = run_ingest(store, [str(src)], engine)
            finally:
                store.close()
        seconds = time.perf_counter() - started
    return {
        "articles": summary.new,
        "seconds": seconds,
        "peak_worker_bytes": mem.peak if workers > 1 else None,  # one worker: the driver codes
        "driver_bytes": mem.driver,
    }


def run_ray(src: Path, db: Path, cpus: int) -> dict[str, Any]:
    import ray

    from marsad.engine.ray import RayIngest
    from marsad.store.duckdb import DuckDBStore

    started = time.perf_counter()
    ray.init(
        num_cpus=cpus,
        object_store_memory=200 * 1024 * 1024,
        include_dashboard=False,
        configure_logging=False,
    )
    ray_start = time.perf_counter() - started
    stage = db.with_suffix(".stage")
    with WorkerMemory(lambda cmd: cmd.startswith("ray::")) as mem:
        started = time.perf_counter()
        store = DuckDBStore(db)
        try:
            summary = RayIngest(stage).run(store, [str(src)])
        finally:
            store.close()
        seconds = time.perf_counter() - started
    # the same stage into a fresh store: every shard is reused, so this is the load alone
    started = time.perf_counter()
    store = DuckDBStore(db.with_name("load-only.duckdb"))
    try:
        RayIngest(stage).run(store, [str(src)])
    finally:
        store.close()
    load_seconds = time.perf_counter() - started
    return {
        "articles": summary.new,
        "seconds": seconds,
        "peak_worker_bytes": mem.peak,
        "driver_bytes": mem.driver,
        "ray_start_seconds": ray_start,
        "load_only_seconds": load_seconds,
        "stage_bytes": sum(p.stat().st_size for p in stage.glob("*.parquet")),
    }


def time_dedup(db: Path) -> dict[str, float]:
    from marsad.cli import main

    out: dict[str, float] = {}
    for engine in ("local", "ray"):
        started = time.perf_counter()
        main(["dedup", "--db", str(db), "--engine", engine, "-q"])
        out[engine] = time.perf_counter() - started
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20_000, help="articles (default 20000)")
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dedup", action="store_true", help="also time marsad dedup local vs ray")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="marsad-scale-") as tmp:
        folder = Path(tmp)
        src = folder / "articles.jsonl"
        write_jsonl(src, args.n, args.seed, args.words)
        runs: dict[str, dict[str, Any]] = {}
        runs["local, 1 worker"] = run_local(src, folder / "l1.duckdb", 1)
        runs["local, 2 workers"] = run_local(src, folder / "l2.duckdb", 2)
        runs["ray, 2 CPUs"] = run_ray(src, folder / "r2.duckdb", 2)
        dedup = time_dedup(folder / "r2.duckdb") if args.dedup else None
        import ray

        ray.shutdown()

    for r in runs.values():
        r["articles_per_s"] = r["articles"] / r["seconds"]
    base1 = runs["local, 1 worker"]["articles_per_s"]
    base2 = runs["local, 2 workers"]["articles_per_s"]
    ray_rate = runs["ray, 2 CPUs"]["articles_per_s"]
    overhead = 1 - ray_rate / base2
    peak = max(r["peak_worker_bytes"] or 0 for r in runs.values())
    report = {
        "n": args.n,
        "words": args.words,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "runs": runs,
        "ray_overhead_vs_local_2": overhead,
        "peak_worker_bytes": peak,
        "dedup_seconds": dedup,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{args.n} articles of ~{args.words} words; {os.cpu_count()} CPUs")
    print(
        f"{'engine':<18} {'articles':>8} {'seconds':>8} {'art/s':>8} {'× l1':>6} {'× l2':>6} "
        f"{'peak RSS/worker':>16} {'driver RSS':>11}"
    )
    for name, r in runs.items():
        w = r["peak_worker_bytes"]
        worker = f"{w / 2**20:>12.0f} MiB" if w else f"{'(in driver)':>16}"
        print(
            f"{name:<18} {r['articles']:>8} {r['seconds']:>8.1f} {r['articles_per_s']:>8.1f} "
            f"{r['articles_per_s'] / base1:>6.2f} {r['articles_per_s'] / base2:>6.2f} "
            f"{worker} {r['driver_bytes'] / 2**20:>7.0f} MiB"
        )
    r = runs["ray, 2 CPUs"]
    print(f"starting Ray (once per cluster): {r['ray_start_seconds']:.1f} s")
    print(
        f"store load alone (driver, staged Parquet -> DuckDB): {r['load_only_seconds']:.1f} s, "
        f"{r['articles'] / r['load_only_seconds']:.0f} articles/s; stage "
        f"{r['stage_bytes'] / r['articles'] / 1024:.1f} KiB per article"
    )
    ok = "ok" if overhead <= TARGET_OVERHEAD else "MISSED"
    print(f"Ray overhead vs local 2 workers: {overhead:+.1%} (target <= 15%: {ok})")
    ok = "ok" if peak < TARGET_WORKER_BYTES else "MISSED"
    print(f"peak memory per worker: {peak / 2**20:.0f} MiB (target < 1024 MiB: {ok})")
    if dedup:
        print(f"marsad dedup: local {dedup['local']:.1f} s, ray {dedup['ray']:.1f} s")
    la = report["load_average"]
    print(f"load average at the end: {la[0]:.1f} {la[1]:.1f} {la[2]:.1f} (machine shared)")


if __name__ == "__main__":
    main()
