"""Ingest throughput into DuckDB, store included, with 1 and with 2 worker processes.

    python bench/ingest_throughput.py [--n 10000] [--repeat 3] [--words 600] [--seed 0] [--batch 64]

Generated articles (``corpus.py``) are written to a JSON Lines file, then ingested with
``marsad.engine.ingest.run_ingest`` into a fresh DuckDB file, with 1 worker then with 2,
``--repeat`` times (pairs, one after the other), and the medians are the result: reading, hashing, skipping checks, coding, deduplication and the store's transactions
are all timed, and so are the pool's start-up and the store's final checkpoint (at
``close``). Besides articles/s it prints CPU time per article: of the main process and,
with 2 workers, of the worker processes (read from /proc before they exit). Targets:
>= 150 articles/s with one worker; 2 workers >= 1.7x one. This is a report, not a test: it
exits 0 unless it crashes.

How to read it (details and figures in docs/monitor.md, "Speed"):

- "1 worker" is one process, one core: the pipeline codes in the main process, which
  also reads, deduplicates and writes. Its CPU ms/article is the whole cost of an article.
- "2 workers" is three processes on two cores: two coding workers and the main process
  (reading, deduplication, the store). On a 2-core machine the rate is bounded by
  ``2 cores / (all CPU ms per article)``, and all CPU is higher than one worker's by what
  the processes add (pickling the results across, ~0.15 ms an article since workers send
  store rows, plus two busy processes sharing caches), so the ratio can reach about
  ``2 x 1-worker ms / 2-worker ms`` only if both cores are busy all the time. The engine
  sends batches well ahead (``WINDOW_PER_WORKER``) so that the workers go on coding while
  the main process is held up by a checkpoint of the store, and the store checkpoints
  while the workers code their last batches (``TAIL_BATCHES_PER_WORKER``); the pool's
  start-up still runs on one core.
- The figures mean little on a busy machine: compare CPU ms/article. Even on a quiet
  virtual machine the same work takes +-10% CPU from one minute to the next (the host's
  other tenants), which is why runs are repeated, 1 and 2 workers side by side: the
  ratio of each pair is measured in one stretch of time, and the medians are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate_articles  # bench/ is on sys.path when run as a script

from marsad import native
from marsad.engine.ingest import BATCH_SIZE, IngestOptions, run_ingest
from marsad.engine.local import LocalEngine
from marsad.store.duckdb import DuckDBStore

TARGET_1 = 150.0
TARGET_RATIO = 1.7


def write_corpus(path: Path, n: int, seed: int, words: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, art in enumerate(generate_articles(n, seed=seed, words=words)):
            row = {
                "url": f"https://bench.example/{i}",
                "published": art.published.isoformat(),
                "text": art.text,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a live process has used (Linux; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _idle() -> float:
    """Core-seconds the whole machine has been idle (Linux; 0.0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return 0.0
    return (int(fields[4]) + int(fields[5])) / os.sysconf("SC_CLK_TCK")


def one_run(
    corpus: Path, folder: Path, workers: int, batch: int
) -> tuple[float, float, float, float, dict[str, int]]:
    """(wall seconds, main process CPU seconds, worker processes' CPU seconds, idle
    core-seconds of the machine, counts) of one ingest into a new store."""
    db = folder / f"bench-{workers}.duckdb"
    for old in (db, db.with_name(db.name + ".wal")):  # a fresh store for every run
        old.unlink(missing_ok=True)
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    idle0 = _idle()
    with LocalEngine(workers) as engine:  # pool start-up (workers > 1) is part of the time
        store = DuckDBStore(db)
        summary = run_ingest(store, [str(corpus)], engine, IngestOptions(batch_size=batch))
        store.close()
        pool = engine._pool  # the workers' CPU, read before they exit
        pids = list(pool._processes) if pool is not None else []  # type: ignore[attr-defined]
        worker_cpu = sum(_cpu_of(pid) for pid in pids)
    wall = time.perf_counter() - t0
    return wall, time.process_time() - cpu0, worker_cpu, _idle() - idle0, summary.counts()


def _median(values: list[float]) -> float:
    v = sorted(values)
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles (default 10000)")
    ap.add_argument("--repeat", type=int, default=3, help="pairs of runs (default 3)")
    ap.add_argument("--words", type=int, default=600, help="words per article (default 600)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--batch",
        type=int,
        default=BATCH_SIZE,
        help=f"articles per batch/transaction (default {BATCH_SIZE}, as marsad ingest)",
    )
    args = ap.parse_args(argv)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"python {sys.version.split()[0]}; marsad {native.state()} build; {cores} cores; "
        f"load average {os.getloadavg()}"
    )
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        t0 = time.perf_counter()
        write_corpus(corpus, args.n, args.seed, args.words)
        print(
            f"corpus: {args.n} articles of ~{args.words} words "
            f"({corpus.stat().st_size / 2**20:.1f} MiB JSONL) in {time.perf_counter() - t0:.1f} s"
        )
        from marsad.engine.extract import warm_up

        warm_up()  # the one-worker run codes in this process: load the knowledge base first
        rates: dict[int, list[float]] = {1: [], 2: []}
        for r in range(max(1, args.repeat)):
            for workers in (1, 2):
                wall, cpu, wcpu, idle, counts = one_run(corpus, folder, workers, args.batch)
                rates[workers].append(args.n / wall)
                ms = 1000 / args.n
                print(
                    f"[{r + 1}] {workers} worker(s): {wall:.1f} s, {args.n / wall:.1f} articles/s; "
                    f"CPU per article: main process {cpu * ms:.2f} ms"
                    + (
                        f", workers {wcpu * ms:.2f} ms, all {(cpu + wcpu) * ms:.2f} ms"
                        if wcpu
                        else ""
                    )
                    + f"; machine's cores idle {idle / ((os.cpu_count() or 1) * wall):.0%} of the time"
                    + f"; stored {counts['articles_new']} articles, "
                    f"{counts['mentions']} mentions, {counts['events']} events; "
                    f"load average now {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
            print(f"[{r + 1}] ratio {rates[2][-1] / rates[1][-1]:.2f}x", flush=True)
    one = _median(rates[1])
    two = _median(rates[2])
    ratio = _median([b / a for a, b in zip(rates[1], rates[2], strict=True)])
    ok1 = "ok" if one >= TARGET_1 else "BELOW TARGET"
    ok2 = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    runs = len(rates[1])
    print(
        f"\ningest (median of {runs} pair{'s' if runs > 1 else ''}): "
        f"1 worker {one:.1f} articles/s (target >= {TARGET_1:g}, {ok1}); "
        f"2 workers {two:.1f} articles/s = {ratio:.2f}x (target >= {TARGET_RATIO:g}x, {ok2})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
