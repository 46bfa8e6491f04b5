"""``marsad serve`` from the command line."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from marsad.cli import build_parser


def test_it_binds_localhost_by_default() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _health_once_up(proc: subprocess.Popen[str], base: str, seconds: float) -> httpx.Response:
    """Poll ``/api/health`` until the server answers (it must not exit meanwhile)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(f"{base}/api/health", timeout=2)
        except httpx.TransportError:
            assert proc.poll() is None and time.monotonic() < deadline, "did not start"
            time.sleep(0.2)


def test_serve_answers_on_the_store_and_takes_writes_with_its_token(
    filled_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "served.duckdb"
    shutil.copy(filled_db, db)
    port = _free_port()
    env = {**os.environ, "MARSAD_TOKEN": "cli-token"}
    cmd = [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        health = _health_once_up(proc, base, 30)
        assert health.json()["write_api"] is True
        assert health.json()["events"] > 5
        r = httpx.post(f"{base}/api/articles", json={"text": "x"}, timeout=10)
        assert r.status_code == 401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert f"on http://127.0.0.1:{port}/" in err and "write API on" in err


def test_an_unusable_or_missing_store_is_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_TOKEN"}
    for bad in (tmp_path / "no-such-folder" / "x.duckdb", tmp_path / "missing.duckdb"):
        proc = subprocess.run(
            [sys.executable, "-m", "marsad", "serve", "--db", str(bad)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("marsad: error:")
    assert not (tmp_path / "missing.duckdb").exists()  # a read-only server makes no store


def test_workers_serve_a_duckdb_store_read_only(filled_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    shutil.copy(filled_db, db)
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_TOKEN"}
    port = _free_port()
    cmd = [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen([*cmd, "--workers", "2"], env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        health = _health_once_up(proc, base, 60)
        assert health.json()["write_api"] is False and health.json()["events"] > 5
        pages = [httpx.get(f"{base}/api/events", params={"limit": 2}, timeout=10) for _ in range(4)]
        assert all(p.status_code == 200 and len(p.json()["events"]) == 2 for p in pages)
        assert httpx.post(f"{base}/api/articles", json={"text": "x"}).status_code == 403
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "2 worker processes" in err
    # writes need the one process that may write to a DuckDB file
    env["MARSAD_TOKEN"] = "cli-token"
    refused = subprocess.run(
        [*cmd, "--workers", "2"], env=env, capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "--workers 2" in refused.stderr and "MARSAD_TOKEN" in refused.stderr


def test_a_read_only_duckdb_server_defaults_to_one_process_per_core(tmp_path: Path) -> None:
    from marsad.serve.cli import MAX_AUTO_WORKERS, default_workers

    cores = min(os.cpu_count() or 1, MAX_AUTO_WORKERS)
    assert default_workers(str(tmp_path / "x.duckdb"), None) == cores
    assert default_workers(str(tmp_path / "x.duckdb"), "token") == 1  # the write API is on
    assert default_workers("postgresql://u@localhost/marsad", None) == 1
    assert default_workers(":memory:", None) == 1
