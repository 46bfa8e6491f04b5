"""kill -9 in the middle of an ingest, then the same command again: the store equals that
of an uninterrupted run (no article lost or doubled, no half-written batch).

The issue asks for 5,000 articles; to keep the suite fast this test uses 200 short
(~80-word) generated ones (bench/corpus.py), written in batches of 64 (~3 mentions per
article, ~0.5 MB of write-ahead log per batch, ~1.8 MB in all): enough to kill the process
after it has committed a batch and before it has finished.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from marsad.engine.ingest import BATCH_SIZE, run_ingest
from marsad.engine.local import LocalEngine
from marsad.store.duckdb import DuckDBStore

REPO = Path(__file__).resolve().parents[2]
N_ARTICLES = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from corpus import generate_articles
    finally:
        sys.path.remove(str(REPO / "bench"))
    path = tmp_path_factory.mktemp("kill") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, art in enumerate(generate_articles(N_ARTICLES, seed=7, words=80)):
            line = {
                "url": f"https://gen.example/{i}",
                "published": art.published.isoformat(),
                "text": art.text,
            }
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's content that does not depend on when or in which run it was written."""
    s = DuckDBStore(path, read_only=True)
    try:
        return {
            "articles": s._all(
                "SELECT article_id, seq, url, outlet, title, published, text, text_hash "
                "FROM articles ORDER BY article_id"
            ),
            "mentions": s._all(
                "SELECT mention_id, article_id, ordinal, event_id, record FROM mentions ORDER BY mention_id"
            ),
            "events": [
                r[:-1]  # without run_id
                for r in s._all("SELECT * FROM events ORDER BY event_id")
            ],
        }
    finally:
        s.close()


def cli(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "marsad",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        "1",
        "-q",
    ]


def test_kill_9_then_rerun_equals_an_uninterrupted_run(corpus: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference.duckdb"
    ref = DuckDBStore(reference)
    summary = run_ingest(ref, [str(corpus)], LocalEngine(1))
    ref.close()
    assert summary.new == N_ARTICLES and summary.failed == 0

    db = tmp_path / "killed.duckdb"
    wal = Path(f"{db}.wal")
    proc = subprocess.Popen(cli(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        # past ~1.5 batches of log: the first batch's commit is complete (a kill while a
        # commit is being written loses that whole batch, and nothing else)
        if wal.exists() and wal.stat().st_size > 900_000:
            break
        time.sleep(0.01)
    assert proc.poll() is None, (
        f"the ingest ended before it could be killed: {proc.stderr.read() if proc.stderr else ''}"
    )
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    partial = snapshot(db)
    stored = len(partial["articles"])
    assert 0 < stored < N_ARTICLES, stored
    assert stored % BATCH_SIZE == 0  # whole batches only
    assert {m[1] for m in partial["mentions"]} <= {a[0] for a in partial["articles"]}

    rerun = subprocess.run(
        cli(corpus, db), capture_output=True, text=True, timeout=300, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(db) == snapshot(reference)
